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

import difflib
import posixpath
from dataclasses import dataclass

from scopeguard.core.model import AttrValue, ChangeKind, Element, ElementChange, FileChange, Span
from scopeguard.core.text import split_lines

_EXACT_ALIGNMENT_LIMIT = 4000


@dataclass(frozen=True, slots=True)
class LineDiff:
    """Added lines as (head line number, text), removed lines as (base line number, text)."""

    added: tuple[tuple[int, str], ...]
    removed: tuple[tuple[int, str], ...]


def diff_lines(old: list[str], new: list[str]) -> LineDiff:
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    a, b = old[start:end_old], new[start:end_new]
    added: list[tuple[int, str]] = []
    removed: list[tuple[int, str]] = []
    if not a or not b:
        removed = [(start + i + 1, t) for i, t in enumerate(a)]
        added = [(start + j + 1, t) for j, t in enumerate(b)]
        return LineDiff(tuple(added), tuple(removed))
    exact = len(a) + len(b) <= _EXACT_ALIGNMENT_LIMIT
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=not exact)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            removed.extend((start + i + 1, a[i]) for i in range(i1, i2))
        if tag in ("replace", "insert"):
            added.extend((start + j + 1, b[j]) for j in range(j1, j2))
    return LineDiff(tuple(added), tuple(removed))


def line_map(old: list[str], new: list[str]) -> list[int]:
    """For each base line (index 0 is line 1), the nearest head line number (at least 1).

    A line that survived maps to where it is now; a removed line maps to the head line that now
    stands where it stood.
    """
    result = [1] * (len(old) + 1)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=len(old) + len(new) > _EXACT_ALIGNMENT_LIMIT)
    for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
        for i in range(i1, i2):
            if tag == "equal":
                result[i] = j1 + (i - i1) + 1
            else:
                result[i] = min(j1 + 1, max(1, len(new)))
    result[len(old)] = max(1, len(new))
    return result


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
