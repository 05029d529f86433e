"""File and line elements: what every change has, whatever the language.

A changed file is a ``file`` element whose change is its status. Each added or removed line of a
text file is a ``line`` element (head-side line number for added lines, base-side for removed ones).
Lines are compared the way ``git diff`` does (``\\n`` ends a line, a trailing ``\\r`` is ignored),
after trimming the common head and tail, so only the lines that differ are aligned.
"""

from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass

from scopeguard.core.model import ChangeKind, Element, ElementChange, FileChange, Span
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
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for i in range(i1, i2):
            if tag == "equal":
                result[i] = j1 + (i - i1) + 1
            else:
                result[i] = min(j1 + 1, max(1, len(new)))
    result[len(old)] = max(1, len(new))
    return result


def extension(path: str) -> str:
    return posixpath.splitext(path)[1]


def file_element(change: FileChange, *, binary: bool, lines: int | None) -> ElementChange:
    blob = change.new if change.new is not None else change.old
    assert blob is not None
    attributes = {
        "status": change.status,
        "extension": extension(change.path),
        "binary": binary,
        "symlink": blob.is_symlink,
        "submodule": blob.is_submodule,
        "mode_only": change.mode_only,
        "copied_from": change.copied_from,
        "lines": lines,
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
    out: list[ElementChange] = []
    for number, text in diff.added:
        span = _line_span(number, text)
        out.append(
            ElementChange("added", Element("line", text, change.path, span, attributes={"text": text, "extension": ext}))
        )
    for number, text in diff.removed:
        span = _line_span(number, text)
        out.append(
            ElementChange("removed", Element("line", text, base_path, span, attributes={"text": text, "extension": ext}))
        )
    return out


def line_count(text: str) -> int:
    return len(split_lines(text))
