"""The one registry of output formats: each a pure function ``(Report, FormatOptions) -> str``.

Adding a format is a module here and one line in ``FORMATS``. The modules import only the standard
library at load time; the JSON format imports pydantic when it runs, so the text format (the hook's
path) never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scopeguard.core.errors import UserError, did_you_mean
from scopeguard.core.model import Report
from scopeguard.report.formats.github import render_github
from scopeguard.report.formats.json_report import render_json
from scopeguard.report.formats.junit import render_junit
from scopeguard.report.formats.options import FormatOptions
from scopeguard.report.formats.sarif import render_sarif
from scopeguard.report.formats.summary import step_summary
from scopeguard.report.formats.text import render_text

Formatter = Callable[[Report, FormatOptions], str]

FORMATS: dict[str, Formatter] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "junit": render_junit,
}

__all__ = ["FORMATS", "FormatOptions", "Formatter", "render", "step_summary"]


def render(report: Report, format: str, **options: Any) -> str:
    """``report`` in the named format; ``options`` are the fields of ``FormatOptions``."""
    formatter = FORMATS.get(format)
    if formatter is None:
        hint = did_you_mean(format, FORMATS) or "known formats: " + ", ".join(FORMATS)
        raise UserError(f"unknown output format '{format}'; {hint}")
    return formatter(report, FormatOptions(**options))
