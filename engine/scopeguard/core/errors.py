"""The one user-facing error type, and diagnostics that point into a file.

Anything the user can fix (a bad argument, a policy with a typo, a missing revision) is raised as
``UserError``; the command line prints it and exits 2. A diagnostic names file, line and column and
shows the offending line with a caret under the column, what was expected, and a suggestion.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Diagnostic:
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    source_line: str | None = None
    expected: str | None = None
    suggestion: str | None = None
    width: int = 1

    def render(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        out = [f"{where}error: {self.message}"]
        if self.source_line is not None and self.line is not None:
            text = self.source_line.rstrip("\r\n").expandtabs(1)
            out.append(f"  {self.line:>4} | {text}")
            if self.column is not None:
                pad = " " * (self.column - 1)
                out.append(f"       | {pad}{'^' * max(1, self.width)}")
        if self.expected:
            out.append(f"  expected {self.expected}")
        if self.suggestion:
            out.append(f"  {self.suggestion}")
        return "\n".join(out)


class UserError(Exception):
    """A run that cannot be done as asked. Exit code 2, one clear message, no traceback."""

    def __init__(self, message: str | None = None, diagnostics: Sequence[Diagnostic] = ()) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        if message is None:
            message = "\n".join(d.render() for d in self.diagnostics)
        super().__init__(message)
        self.message = message

    def render(self) -> str:
        return self.message if not self.diagnostics else "\n".join(d.render() for d in self.diagnostics)


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A "did you mean 'x'?" suggestion for a misspelt name, or None when nothing is close."""
    options = sorted(set(candidates))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in options}
        close = [lowered[word.lower()]] if word.lower() in lowered else []
    return f"did you mean '{close[0]}'?" if close else None
