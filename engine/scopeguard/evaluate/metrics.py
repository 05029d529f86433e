"""``limit`` metrics: how big a change is, over the whole change or for each file or function."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from scopeguard.analysis.engine import Facts
from scopeguard.core.globs import any_path_matches
from scopeguard.core.model import ElementChange

#: The element kind each metric is computed from (what the facts engine must prepare).
METRIC_KINDS = {
    "files": "file",
    "added_lines": "line",
    "removed_lines": "line",
    "changed_lines": "line",
    "file_lines": "file",
    "file_bytes": "file",
    "function_lines": "function",
}


@dataclass(frozen=True, slots=True)
class Measured:
    value: int
    #: what was measured, for per-file and per-function metrics (``None``: the whole change)
    subject: str | None = None
    change: ElementChange | None = None


def _in(globs: tuple[str, ...], path: str) -> bool:
    return not globs or any_path_matches(path, globs)


def measure(metric: str, globs: tuple[str, ...], facts: Facts) -> Iterable[Measured]:
    if metric == "files":
        yield Measured(sum(1 for c in facts.changes("file") if _in(globs, c.element.path)))
    elif metric in ("added_lines", "removed_lines", "changed_lines"):
        lines = [c for c in facts.changes("line") if _in(globs, c.element.path)]
        added = sum(1 for c in lines if c.change == "added")
        removed = len(lines) - added
        yield Measured(
            {"added_lines": added, "removed_lines": removed, "changed_lines": added + removed}[metric]
        )
    elif metric in ("file_lines", "file_bytes"):
        attribute = "lines" if metric == "file_lines" else "bytes"
        for c in facts.changes("file"):
            count = c.element.attributes.get(attribute)
            if c.change != "removed" and isinstance(count, int) and _in(globs, c.element.path):
                yield Measured(count, c.element.path, c)
    elif metric == "function_lines":
        for c in facts.changes("function"):
            span = c.element.span
            if c.change in ("added", "modified") and _in(globs, c.element.path):
                yield Measured(span.last_line - span.line + 1, c.element.name, c)
