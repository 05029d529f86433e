"""File and line elements: what every change has, whatever the language.

A changed file is a ``file`` element whose change is its status. Each added or removed line of a
text file is a ``line`` element (head-side line number for added lines, base-side for removed ones).
Lines are compared the way ``git diff`` does (``\\n`` ends a line, a trailing ``\\r`` is ignored),
after trimming the common head and tail, so only the lines that differ are aligned.

Files carry their name's parts (``basename``, ``stem``, ``directory``) so that naming conventions can
be written as conditions; lines say whether they are a ``comment`` as a whole in their file's
language, so that a banned construct in code is told apart from the same word in prose.
"""

from __future__ import annotations

import bisect
import difflib
import posixpath
from dataclasses import dataclass

from scopeguard.core.model import AttrValue, ChangeKind, Element, ElementChange, FileChange, Span
from scopeguard.core.text import split_lines


@dataclass(frozen=True, slots=True)
class LineDiff:
    """Added lines as (head line number, text), removed lines as (base line number, text)."""

    added: tuple[tuple[int, str], ...]
    removed: tuple[tuple[int, str], ...]


def diff_lines(old: list[str], new: list[str]) -> LineDiff:
    added: list[tuple[int, str]] = []
    removed: list[tuple[int, str]] = []
    for tag, i1, i2, j1, j2 in align(old, new):
        if tag in ("replace", "delete"):
            removed.extend((i + 1, old[i]) for i in range(i1, i2))
        if tag in ("replace", "insert"):
            added.extend((j + 1, new[j]) for j in range(j1, j2))
    return LineDiff(tuple(added), tuple(removed))


def line_map(old: list[str], new: list[str]) -> list[int]:
    """For each base line (index 0 is line 1), the nearest head line number (at least 1).

    A line that survived maps to where it is now; a removed line maps to the head line that now
    stands where it stood.
    """
    result = [1] * (len(old) + 1)
    for tag, i1, i2, j1, _j2 in align(old, new):
        for i in range(i1, i2):
            if tag == "equal":
                result[i] = j1 + (i - i1) + 1
            else:
                result[i] = min(j1 + 1, max(1, len(new)))
    result[len(old)] = max(1, len(new))
    return result


# --- aligning two versions of a file ------------------------------------------------------------------

#: regions up to this many lines (both sides) are aligned exactly by difflib
_EXACT_ALIGNMENT_LIMIT = 4000
#: larger regions without a line unique to both sides are aligned by difflib's faster heuristic up to
#: this size, and beyond it taken as replaced whole
_HEURISTIC_ALIGNMENT_LIMIT = 20000

Opcode = tuple[str, int, int, int, int]


def align(
    old: list[str],
    new: list[str],
    *,
    exact: int = _EXACT_ALIGNMENT_LIMIT,
    heuristic: int = _HEURISTIC_ALIGNMENT_LIMIT,
) -> list[Opcode]:
    """``difflib``-style opcodes that turn ``old`` into ``new``.

    Regions of up to ``exact`` lines are aligned exactly by ``difflib``. A larger one (a regenerated
    lock file, a data file) is first cut at the lines that occur once on each side, kept in order
    (patience diff, as ``git diff --patience``), so that ``difflib``, whose cost grows with the square
    of a region, only ever sees the pieces between them; a piece of more than ``heuristic`` lines
    without such a line is taken as replaced whole.
    """
    blocks = _matching_blocks(old, new, exact, heuristic)
    out: list[Opcode] = []
    i = j = 0
    for a, b, size in [*blocks, (len(old), len(new), 0)]:
        if i < a and j < b:
            out.append(("replace", i, a, j, b))
        elif i < a:
            out.append(("delete", i, a, j, j))
        elif j < b:
            out.append(("insert", i, i, j, b))
        if size:
            out.append(("equal", a, a + size, b, b + size))
        i, j = a + size, b + size
    return out


def _matching_blocks(a: list[str], b: list[str], exact: int, heuristic: int) -> list[tuple[int, int, int]]:
    """Runs of equal lines ``(i, j, n)``, in order and not overlapping, merged where they touch."""
    found: list[tuple[int, int, int]] = []
    regions = [(0, len(a), 0, len(b))]
    while regions:
        alo, ahi, blo, bhi = regions.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            found.append((alo, blo, 1))
            alo, blo = alo + 1, blo + 1
        while ahi > alo and bhi > blo and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            found.append((ahi, bhi, 1))
        if alo == ahi or blo == bhi:
            continue
        size = (ahi - alo) + (bhi - blo)
        anchors = _unique_anchors(a, b, alo, ahi, blo, bhi) if size > exact else []
        if not anchors:
            if size <= max(exact, heuristic):
                matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=size > exact)
                found.extend((alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n)
            continue
        previous_a, previous_b = alo, blo
        for i, j in anchors:
            found.append((i, j, 1))
            regions.append((previous_a, i, previous_b, j))
            previous_a, previous_b = i + 1, j + 1
        regions.append((previous_a, ahi, previous_b, bhi))
    found.sort()
    merged: list[tuple[int, int, int]] = []
    for i, j, n in found:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + n)
        else:
            merged.append((i, j, n))
    return merged


def _unique_anchors(
    a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Lines that occur exactly once in each region, as ``(i, j)`` pairs, the longest run of them whose
    positions increase on both sides (patience sorting)."""
    count_a: dict[str, int] = {}
    for i in range(alo, ahi):
        count_a[a[i]] = count_a.get(a[i], 0) + 1
    where_b: dict[str, int] = {}
    count_b: dict[str, int] = {}
    for j in range(blo, bhi):
        count_b[b[j]] = count_b.get(b[j], 0) + 1
        where_b[b[j]] = j
    pairs = [(i, where_b[a[i]]) for i in range(alo, ahi) if count_a[a[i]] == 1 and count_b.get(a[i]) == 1]
    # the longest subsequence of pairs whose j increases (they are in i order already)
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = []
    for k, (_, j) in enumerate(pairs):
        at = bisect.bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[at] = j
            tail_at[at] = k
        back.append(tail_at[at - 1] if at else -1)
    chain: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k != -1:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def extension(path: str) -> str:
    return posixpath.splitext(path)[1]


def name_parts(path: str) -> dict[str, str]:
    """``basename``, ``stem`` and ``directory`` of a path, for naming conventions on files."""
    directory, basename = posixpath.split(path)
    return {"basename": basename, "stem": posixpath.splitext(basename)[0], "directory": directory}


#: Whole-line comment markers by file extension (and for well-known files without one).
_HASH = ("#",)
_SLASHES = ("//", "/*", "*/")
_MARKER_TABLE: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        ".py .pyi .rb .sh .bash .zsh .fish .yml .yaml .toml .r .pl .ps1 .cfg .conf .env .mk .cmake .nix .ex "
        ".exs .jl .coffee .dockerfile .gitignore .dockerignore .properties",
        _HASH,
    ),
    (
        ".js .jsx .ts .tsx .mjs .cjs .mts .cts .go .rs .java .kt .kts .scala .c .h .cc .cpp .hpp .cxx .cs "
        ".swift .dart .groovy .gradle .proto .css .scss .less .m .mm .zig .sol .jsonc",
        _SLASHES,
    ),
    (".php .tf .hcl .tfvars", (*_SLASHES, "#")),
    (".sql .lua .hs .elm .ada", ("--",)),
    (".html .htm .xml .vue .svelte .md .mdx .xaml .csproj .props .targets .config .svg", ("<!--",)),
    (".ini .clj .cljs .lisp .el .asm .s", (";",)),
    (".tex .erl .m4", ("%",)),
    (".bat .cmd", ("rem ", "REM ", "::")),
    (".vim", ('"',)),
)
_COMMENT_MARKERS: dict[str, tuple[str, ...]] = {
    ext: markers for extensions, markers in _MARKER_TABLE for ext in extensions.split()
}
_BARE_NAMES = frozenset(
    ["Makefile", "Dockerfile", "Gemfile", "Rakefile", "Procfile", "Brewfile", "Podfile", "Justfile"]
)


def comment_markers(path: str) -> tuple[str, ...]:
    """What a whole-line comment starts with in the file's language (``()`` when it has none)."""
    base = posixpath.basename(path)
    markers = _COMMENT_MARKERS.get(posixpath.splitext(base)[1].lower())
    if markers is not None:
        return markers
    if base.split(".", 1)[0] in _BARE_NAMES:
        return _HASH
    return _COMMENT_MARKERS.get(base.lower(), ())


def is_comment(text: str, markers: tuple[str, ...]) -> bool:
    """Whether the line is a comment as a whole: it starts with a marker, or (C-like languages) it is a
    ``*`` line of a block comment. A line inside a block comment without a marker is not recognised."""
    body = text.lstrip()
    if not body or not markers:
        return False
    if body.startswith(markers):
        return True
    return "/*" in markers and (body == "*" or body.startswith(("* ", "*\t", "**")))


def file_element(
    change: FileChange, *, binary: bool, lines: int | None, size: int | None = None
) -> ElementChange:
    blob = change.new if change.new is not None else change.old
    assert blob is not None
    attributes = {
        "status": change.status,
        "extension": extension(change.path),
        **name_parts(change.path),
        "binary": binary,
        "symlink": blob.is_symlink,
        "submodule": blob.is_submodule,
        "mode_only": change.mode_only,
        "copied_from": change.copied_from,
        "lines": lines,
        "bytes": size,
    }
    kind: ChangeKind = change.status
    element = Element("file", change.path, change.path, Span(1, 1), attributes=attributes)
    before = None
    if change.status == "renamed" and change.old is not None:
        before = Element("file", change.old.path, change.old.path, Span(1, 1), attributes=attributes)
    return ElementChange(kind, element, before)


def _line_span(number: int, text: str) -> Span:
    """The line from its first non-blank character (where an editor's cursor would go) to its end."""
    start = len(text) - len(text.lstrip()) + 1 if text.strip() else 1
    return Span(number, start, number, len(text) + 1)


def line_elements(change: FileChange, diff: LineDiff) -> list[ElementChange]:
    ext = extension(change.path)
    base_path = change.old.path if change.old is not None else change.path
    markers = comment_markers(change.path)
    out: list[ElementChange] = []
    sides: tuple[tuple[ChangeKind, str, tuple[tuple[int, str], ...]], ...] = (
        ("added", change.path, diff.added),
        ("removed", base_path, diff.removed),
    )
    for change_kind, path, lines in sides:
        for number, text in lines:
            attributes: dict[str, AttrValue] = {
                "text": text,
                "extension": ext,
                "comment": is_comment(text, markers),
            }
            element = Element("line", text, path, _line_span(number, text), attributes=attributes)
            out.append(ElementChange(change_kind, element))
    return out


def line_count(text: str) -> int:
    return len(split_lines(text))
