"""``--format github``: workflow-command annotations, escaped and capped as GitHub Actions shows them.

Each finding is one ``::error``/``::warning``/``::notice`` command with ``file``, ``line``,
``endLine``, ``col``/``endColumn`` (only for a one-line region: GitHub ignores columns otherwise)
and ``title`` properties. Data and properties are escaped exactly as the Actions toolkit's
``escapeData``/``escapeProperty`` do, so a hostile message cannot end the command or forge another.

GitHub shows at most 10 annotations of each kind (error, warning, notice) per step and drops the
rest silently. So no more than that is printed, and when any finding is left out, the last notice
slot says how many, and that the step summary (``step_summary``) lists every finding.
"""

from __future__ import annotations

from collections.abc import Iterable

from scopeguard.core.model import Finding, Notice, Report, Severity
from scopeguard.report.formats.common import (
    Counts,
    harmless,
    one_line,
    plural,
    removed_at,
    short_revision,
    source_sentence,
)
from scopeguard.report.formats.options import FormatOptions

#: annotations GitHub shows per step, for each kind
PER_KIND = 10
_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """As the toolkit's ``escapeData``: ``%``, CR and LF percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """As the toolkit's ``escapeProperty``: ``escapeData`` and also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: Iterable[tuple[str, str | int | None]], message: str) -> str:
    """One workflow command line, ``::name key=value,...::message``, escaped.

    Other control characters are written out first (``\\x1b``): the log viewer would act on them.
    """
    props = ",".join(f"{k}={escape_property(harmless(str(v)))}" for k, v in properties if v is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(harmless(message))}"


def render_github(report: Report, options: FormatOptions) -> str:
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    warnings = [f for f in report.findings if f.severity is Severity.WARNING]
    notes: list[Finding | Notice] = [f for f in report.findings if f.severity is Severity.INFO]
    notes.extend(report.notices)

    hidden_errors = max(0, len(errors) - PER_KIND)
    hidden_warnings = max(0, len(warnings) - PER_KIND)
    note_room = PER_KIND - 1 if hidden_errors or hidden_warnings or len(notes) > PER_KIND else PER_KIND
    hidden_notes = max(0, len(notes) - note_room)

    lines = [annotation(f) for f in errors[:PER_KIND]]
    lines += [annotation(f) for f in warnings[:PER_KIND]]
    lines += [annotation(n) if isinstance(n, Finding) else notice_annotation(n) for n in notes[:note_room]]
    if hidden_errors or hidden_warnings or hidden_notes:
        more = _hidden_message(hidden_errors, hidden_warnings, hidden_notes)
        lines.append(command("notice", [("title", "scopeguard: more than GitHub shows")], more))
    lines.append(_summary_line(report))
    return "\n".join(lines) + "\n"


def annotation(f: Finding) -> str:
    """The workflow command for one finding: its place, the rule as title, message and rule sentence."""
    body = [f.message]
    if f.source is not None:
        body.append(source_sentence(f.source))
    moved = removed_at(f)
    if moved is not None:
        body.append(moved)
    properties: list[tuple[str, str | int | None]] = []
    if f.location is not None:
        span = f.location.span
        single_line = span.end_line is None or span.end_line == span.line
        properties += [
            ("file", f.location.path),
            ("line", span.line),
            ("endLine", span.end_line),
            ("col", span.column if single_line else None),
            ("endColumn", span.end_column if single_line else None),
        ]
    properties.append(("title", f.rule))
    return command(_COMMANDS[f.severity], properties, "\n".join(body))


def notice_annotation(n: Notice) -> str:
    properties: list[tuple[str, str | int | None]] = [("file", n.path), ("line", n.line if n.path else None)]
    properties.append(
        ("title", "scopeguard could not fully check this file" if n.path else "scopeguard notice")
    )
    return command("notice", properties, n.message)


def _hidden_message(errors: int, warnings: int, notes: int) -> str:
    parts = [
        plural(n, word) for n, word in ((errors, "error"), (warnings, "warning"), (notes, "notice")) if n
    ]
    return (
        f"{plural(errors + warnings + notes, 'more annotation')} ({', '.join(parts)}) not shown: "
        f"GitHub shows {PER_KIND} of each kind per step. The step summary lists every finding and notice."
    )


def _summary_line(report: Report) -> str:
    counts = Counts.of(report)
    head = f"scopeguard: {plural(counts.findings, 'finding')} ({counts.breakdown()})"
    return (
        f"{head} in {plural(report.files_changed, 'changed file')}; "
        f"base {one_line(short_revision(report.base))} head {one_line(short_revision(report.head))}"
    )
