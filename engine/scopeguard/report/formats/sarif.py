"""``--format sarif``: SARIF 2.1.0 as GitHub code scanning reads it.

One run; the driver lists every rule of the report (description, help quoting the agent-file
sentence, default level, tags) and each result names its rule by id and index. Locations are
repository-relative URIs under ``%SRCROOT%`` with 1-based regions; ``partialFingerprints`` carry the
line-independent fingerprint so that an alert survives unrelated edits. Removed code is placed at the
nearest head-side location with the base-side place in ``relatedLocations``. Code scanning rejects an
upload in which a result has no location, so a change-wide finding is placed at the agent-file
sentence of its rule, else at ``FormatOptions.anchor``, else at the agent file of the report's other
rules. Notices become tool execution notifications.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from scopeguard import __version__
from scopeguard.core.model import Finding, Location, Notice, Report, Severity, Span
from scopeguard.evaluate.active import OUT_OF_SCOPE, POLICY_TAMPER, PROTECTED_PATH
from scopeguard.report.formats.common import RuleSummary, json_text, rules_of, source_where, where
from scopeguard.report.formats.markdown import inline, quote_block
from scopeguard.report.formats.options import FormatOptions

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "scopeguard/v1"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub code scanning reads ``problem.severity`` to rank non-security alerts.
_PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}
_SHORT_DESCRIPTION_MAX = 1024


def render_sarif(report: Report, options: FormatOptions) -> str:
    return json_text(sarif_log(report, options))


def sarif_log(report: Report, options: FormatOptions) -> dict[str, Any]:
    rules = rules_of(report)
    index = {r.id: i for i, r in enumerate(rules)}
    properties: dict[str, Any] = {
        "base": report.base,
        "head": report.head,
        "filesChanged": report.files_changed,
    }
    if report.agent is not None:
        properties["agent"] = report.agent
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "scopeguard",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(r) for r in rules],
            }
        },
        "invocations": [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [_notification(n) for n in report.notices],
            }
        ],
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The root of the repository checked."}}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule], report, options) for f in report.findings],
        "properties": properties,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


#: rules that no policy defines: they come with scopeguard
BUILT_IN_RULES = frozenset({OUT_OF_SCOPE, POLICY_TAMPER, PROTECTED_PATH})


def _sentence(text: str) -> str:
    """``text`` ending as a sentence, so that the origin that follows reads as one of its own."""
    return text if text.rstrip().endswith((".", "!", "?", ":")) else text.rstrip() + "."


def _rule(rule: RuleSummary) -> dict[str, Any]:
    short = rule.description.splitlines()[0] if rule.description.strip() else rule.id
    if len(short) > _SHORT_DESCRIPTION_MAX:
        short = short[: _SHORT_DESCRIPTION_MAX - 1] + "…"
    if rule.source is not None:
        origin = f'Enforces the agent-file sentence at {source_where(rule.source)}: "{rule.source.text}"'
        full = f"{_sentence(rule.description)} {origin}"
        help_text = f"{rule.description}\n\n{origin}"
        help_markdown = (
            f"{inline(rule.description)}\n\n"
            f"Enforces this sentence of `{source_where(rule.source)}`:\n\n{quote_block(rule.source.text)}"
        )
        tags = ["scopeguard", "agent-rule"]
    else:
        origin = (
            "Built into scopeguard; no agent-file sentence."
            if rule.id in BUILT_IN_RULES
            else "Defined in a scopeguard policy; no agent-file sentence."
        )
        full = f"{_sentence(rule.description)} {origin}"
        help_text = f"{rule.description}\n\n{origin}"
        help_markdown = f"{inline(rule.description)}\n\n{origin}"
        tags = ["scopeguard", "policy-rule"]
    return {
        "id": rule.id,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": tags,
            "precision": "very-high",
            "problem.severity": _PROBLEM_SEVERITY[rule.severity],
        },
    }


def _result(f: Finding, rule_index: int, report: Report, options: FormatOptions) -> dict[str, Any]:
    message = f.message
    location = f.location
    if location is None:
        location = _anchor(f, report, options)
        if location is not None:
            message += " (This concerns the whole change, not one place in it.)"
    if f.base_location is not None and f.base_location != location:
        message += f" (The removed code was at {where(f.base_location)} in the base revision.)"
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": message},
    }
    if location is not None:
        result["locations"] = [{"physicalLocation": physical_location(location)}]
    if f.base_location is not None:
        result["relatedLocations"] = [
            {
                "id": 1,
                "physicalLocation": physical_location(f.base_location),
                "message": {"text": "Removed code (base revision)."},
            }
        ]
    if f.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
    result["baselineState"] = "new"
    properties: dict[str, str | bool] = {
        k: v
        for k, v in (
            ("change", f.change),
            ("elementKind", f.element_kind),
            ("elementName", f.element_name),
            ("elementType", f.element_type),
        )
        if v is not None
    }
    if f.location is None:
        properties["changeWide"] = True
    if properties:
        result["properties"] = properties
    return result


def _anchor(f: Finding, report: Report, options: FormatOptions) -> Location | None:
    """Where a change-wide finding is shown: its rule's sentence; else ``options.anchor``; else the
    first line of the agent file the report's other rules come from; else nowhere."""
    if f.source is not None:
        return Location(f.source.path, Span(f.source.line, 1, f.source.end_line))
    if options.anchor is not None:
        return Location(options.anchor, Span(1))
    agent_files = sorted({r.source.path for r in report.rules if r.source is not None})
    if agent_files:
        return Location(agent_files[0], Span(1))
    return None


def _notification(n: Notice) -> dict[str, Any]:
    out: dict[str, Any] = {"level": "warning", "message": {"text": n.message}}
    if n.path is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(n.path), "uriBaseId": SRCROOT}}
        if n.line is not None:
            physical["region"] = {"startLine": n.line}
        out["locations"] = [{"physicalLocation": physical}]
    return out


def artifact_uri(path: str) -> str:
    """A repository-relative path as a relative URI reference (``%``, spaces, non-ASCII percent-encoded;
    a path that is not UTF-8 by its original bytes)."""
    for errors in ("strict", "surrogateescape"):
        try:
            return quote(path.encode("utf-8", errors), safe="/")
        except UnicodeEncodeError:
            continue
    return quote(path.encode("utf-8", "surrogatepass"), safe="/")


def physical_location(location: Location) -> dict[str, Any]:
    span = location.span
    region: dict[str, Any] = {"startLine": span.line, "startColumn": span.column}
    if span.end_line is not None:
        region["endLine"] = span.end_line
    if span.end_column is not None:
        region["endColumn"] = span.end_column
    return {"artifactLocation": {"uri": artifact_uri(location.path), "uriBaseId": SRCROOT}, "region": region}
