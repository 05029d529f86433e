"""The GitHub step summary: every finding in one Markdown table, with the agent sentences.

Annotations are capped by GitHub; the step summary is where a reviewer sees the whole report. It is
written to ``$GITHUB_STEP_SUMMARY`` by the use case (this function is pure). GitHub accepts at most
1 MiB of summary per step, so rows beyond a budget are counted instead of written.
"""

from __future__ import annotations

from scopeguard.core.model import Finding, Report, Severity
from scopeguard.report.formats.common import (
    Counts,
    notice_where,
    plural,
    short_revision,
    source_where,
    where,
)
from scopeguard.report.formats.markdown import code, inline

#: bytes the summary may take; GitHub's limit is 1 MiB a step, and other steps may write to it too
BUDGET = 512 * 1024
_ICONS = {Severity.ERROR: "❌ error", Severity.WARNING: "⚠️ warning", Severity.INFO: "ℹ️ info"}


def step_summary(report: Report, budget: int = BUDGET) -> str:
    counts = Counts.of(report)
    if counts.findings:
        title = f"## scopeguard: {plural(counts.findings, 'finding')} ({counts.breakdown()})"
    else:
        title = "## scopeguard: no findings"
    context = f"Checked {plural(report.files_changed, 'changed file')}"
    if report.agent is not None:
        context += f" against the rules of agent {code(report.agent)}"
    context += f"; base {code(short_revision(report.base))}, head {code(short_revision(report.head))}."
    out = [title, "", context, ""]
    used = sum(len(line.encode()) + 1 for line in out)
    if report.findings:
        header = ["| Severity | Rule | Location | Message | Rule from |", "| --- | --- | --- | --- | --- |"]
        out += header
        used += sum(len(line.encode()) + 1 for line in header)
        for i, f in enumerate(report.findings):
            row = _row(f)
            if used + len(row.encode()) + 1 > budget:
                out += [
                    "",
                    f"{plural(len(report.findings) - i, 'more finding')} not listed: the step "
                    "summary has a size limit. Run `scopeguard diff --format text` to see them all.",
                ]
                break
            out.append(row)
            used += len(row.encode()) + 1
        out.append("")
    if report.notices:
        out += [f"### {plural(len(report.notices), 'notice')}", ""]
        for n in report.notices:
            at = notice_where(n)
            item = f"- {code(at) + ': ' if at else ''}{inline(n.message)}"
            if used + len(item.encode()) + 1 > budget:
                out.append("- (more notices not listed)")
                break
            out.append(item)
            used += len(item.encode()) + 1
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _row(f: Finding) -> str:
    location = code(where(f.location)) if f.location else "whole change"
    message = inline(f.message)
    if f.base_location is not None:
        message += f"<br>removed code at {code(where(f.base_location))} (base)"
    source = f"{code(source_where(f.source))}: “{inline(f.source.text)}”" if f.source else "policy"
    return f"| {_ICONS[f.severity]} | {code(f.rule)} | {location} | {message} | {source} |"
