"""``--format json``: the report as the public ``DiffDocument`` (DESIGN §6)."""

from __future__ import annotations

from scopeguard.core.model import Report
from scopeguard.report.formats.options import FormatOptions


def render_json(report: Report, options: FormatOptions) -> str:
    from scopeguard.report.documents import diff_document, to_json

    return to_json(diff_document(report))
