"""The knobs a caller may turn on an output format; every format accepts the same options."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FormatOptions:
    """Options of ``render``; formats ignore the ones that do not concern them.

    ``color``: ANSI colours in the text format (only when asked: output is often a file or a log).
    ``anchor``: a repository-relative file (the policy file, say) at which SARIF places a change-wide
    finding (a ``limit``) whose rule has no agent-file sentence to point at: GitHub code scanning
    rejects an upload with a result that has no location. A change-wide finding whose rule has a
    sentence is placed at that sentence.
    """

    color: bool = False
    anchor: str | None = None
