"""The text report: what a developer reads in a terminal, grouped by file.

Each finding is one line (``line:col  severity  rule  message``) aligned within its file, followed by
the agent-file sentence the rule enforces and, for removed code, where the code was. Change-wide
findings (limits over the whole change) come after the files, then notices, then one summary line.
A clean run is a single line. Colour is added only when asked.
"""

from __future__ import annotations

from collections.abc import Iterable

from scopeguard.core.model import Finding, Report, Severity
from scopeguard.report.formats.common import (
    Counts,
    grouped_by_path,
    notice_where,
    one_line,
    plural,
    position,
    removed_at,
    short_revision,
    source_sentence,
    visible,
)
from scopeguard.report.formats.options import FormatOptions

CHANGE_WIDE = "(change-wide)"

_RESET = "\x1b[0m"
_STYLES: dict[str, str] = {
    "path": "\x1b[1m",
    "detail": "\x1b[2m",
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
}


class _Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, style: str, text: str) -> str:
        return f"{_STYLES[style]}{text}{_RESET}" if self.color and text else text


def render_text(report: Report, options: FormatOptions) -> str:
    paint = _Painter(options.color)
    counts = Counts.of(report)
    lines: list[str] = []
    sev_width = max((len(f.severity.value) for f in report.findings), default=0)
    for path, findings in grouped_by_path(report.findings):
        lines.append(paint("path", CHANGE_WIDE if path is None else one_line(path)))
        lines.extend(_group(findings, sev_width, paint))
        lines.append("")
    if report.notices:
        lines.append(paint("path", plural(len(report.notices), "notice") + " (not fatal; the run went on):"))
        for n in report.notices:
            at = notice_where(n)
            lines.append(f"  {one_line(at) + ': ' if at else ''}{one_line(n.message)}")
        lines.append("")
    lines.append(_summary(report, counts))
    return "\n".join(lines) + "\n"


def _group(findings: list[Finding], sev_width: int, paint: _Painter) -> Iterable[str]:
    pos_width = max((len(position(f.location)) for f in findings if f.location), default=0)
    rule_width = max(len(one_line(f.rule)) for f in findings)
    lead = "  " + (" " * (pos_width + 2) if pos_width else "")
    for f in findings:
        pos = (position(f.location) if f.location else "").rjust(pos_width)
        head = f"  {pos}  " if pos_width else "  "
        severity = paint(f.severity, f.severity.value) + " " * (sev_width - len(f.severity.value))
        message = visible(f.message).split("\n")
        message_lead = lead + " " * (sev_width + 2 + rule_width + 2)
        first = f"{head}{severity}  {one_line(f.rule).ljust(rule_width)}  {message[0]}"
        yield first.rstrip()
        yield from (message_lead + m for m in message[1:])
        if f.source is not None:
            yield lead + paint("detail", source_sentence(f.source))
        moved = removed_at(f)
        if moved is not None:
            yield lead + paint("detail", one_line(moved))


def _summary(report: Report, counts: Counts) -> str:
    if counts.findings:
        parts = [f"{plural(counts.findings, 'finding')} ({counts.breakdown()})"]
    else:
        parts = ["No findings"]
    parts[0] += f" in {plural(report.files_changed, 'changed file')}"
    if report.notices:
        parts.append(plural(len(report.notices), "notice"))
    if report.agent is not None:
        parts.append(f"agent {one_line(report.agent)}")
    parts.append(f"base {one_line(short_revision(report.base))} head {one_line(short_revision(report.head))}")
    return "; ".join(parts)
