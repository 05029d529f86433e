"""``--format junit``: JUnit XML that CI test views (GitLab, Jenkins, Azure DevOps) show.

One ``testsuite`` named "scopeguard". Every rule the report applied is a test: a rule without
findings is one passing test case; a rule with findings has one test case per file it fired on
(``classname`` the rule, ``name`` and ``file`` the path; "whole change" for limits), failing with the
first message and, in the body, every finding of that rule in that file with its place and the
agent sentence. CI views list failed tests by name, so one per (rule, file) stays readable where one
per finding would flood the list. ``info`` findings do not fail their test case; they are written
to its output. Notices go to the suite's ``system-out``.

The XML is written by hand so that it is deterministic and escapes everything: text that cannot
appear in XML 1.0 at all (most control characters) is written out as ``\\x..``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scopeguard import __version__
from scopeguard.core.model import Finding, Notice, Report, Severity
from scopeguard.report.formats.common import (
    notice_where,
    position,
    removed_at,
    rules_of,
    short_revision,
    source_sentence,
)
from scopeguard.report.formats.options import FormatOptions

WHOLE_CHANGE = "whole change"
PASSING = "all changed files"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR = {**_TEXT, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}


def xml_safe(value: str) -> str:
    """``value`` with the characters XML 1.0 cannot hold written out (``\\x1b``)."""
    return _NOT_XML.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", value
    )


def xml_text(value: str) -> str:
    return "".join(_TEXT.get(c, c) for c in xml_safe(value))


def xml_attr(value: str) -> str:
    return '"' + "".join(_ATTR.get(c, c) for c in xml_safe(value)) + '"'


def _tag(name: str, attributes: Iterable[tuple[str, str | int]], close: bool = False) -> str:
    attrs = "".join(f" {k}={xml_attr(str(v))}" for k, v in attributes)
    return f"<{name}{attrs}{'/' if close else ''}>"


def render_junit(report: Report, options: FormatOptions) -> str:
    cases: list[list[str]] = []
    failures = 0
    for rule in rules_of(report):
        findings = [f for f in report.findings if f.rule == rule.id]
        if not findings:
            cases.append([_tag("testcase", [("classname", rule.id), ("name", PASSING)], close=True)])
            continue
        groups: dict[str | None, list[Finding]] = {}
        for f in findings:
            groups.setdefault(f.location.path if f.location else None, []).append(f)
        for path in sorted(groups, key=lambda p: (p is None, p or "")):
            case, failed = _case(rule.id, path, groups[path])
            cases.append(case)
            failures += failed
    suite: list[tuple[str, str | int]] = [
        ("name", "scopeguard"),
        ("tests", len(cases)),
        ("failures", failures),
        ("errors", 0),
        ("skipped", 0),
    ]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        _tag("testsuites", suite),
        "  " + _tag("testsuite", suite),
    ]
    out.append("    <properties>")
    for name, value in (
        ("scopeguard.version", __version__),
        ("base", short_revision(report.base)),
        ("head", short_revision(report.head)),
        ("agent", report.agent or ""),
        ("files_changed", str(report.files_changed)),
    ):
        out.append("      " + _tag("property", [("name", name), ("value", value)], close=True))
    out.append("    </properties>")
    for case in cases:
        out.extend("    " + line for line in case)
    if report.notices:
        notices = "\n".join(_notice(n) for n in report.notices)
        out.append(f"    <system-out>{xml_text(notices)}</system-out>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"


def _case(rule: str, path: str | None, findings: list[Finding]) -> tuple[list[str], int]:
    name = path if path is not None else WHOLE_CHANGE
    attributes: list[tuple[str, str | int]] = [("classname", rule), ("name", name)]
    if path is not None:
        attributes.append(("file", path))
    body = xml_text("\n\n".join(_describe(f) for f in findings))
    failing = [f for f in findings if f.severity is not Severity.INFO]
    if not failing:
        return [_tag("testcase", attributes), f"  <system-out>{body}</system-out>", "</testcase>"], 0
    worst = max(failing, key=lambda f: f.severity.rank)
    message = (
        failing[0].message if len(failing) == 1 else f"{failing[0].message} (and {len(failing) - 1} more)"
    )
    failure = _tag("failure", [("message", message), ("type", worst.severity.value)])
    return [_tag("testcase", attributes), f"  {failure}{body}</failure>", "</testcase>"], 1


def _notice(n: Notice) -> str:
    at = notice_where(n)
    return f"{at}: {n.message}" if at else n.message


def _describe(f: Finding) -> str:
    where = f"{f.location.path}:{position(f.location)}" if f.location else WHOLE_CHANGE
    lines = [f"{where}: {f.severity.value}: {f.message}"]
    if f.source is not None:
        lines.append("  " + source_sentence(f.source))
    moved = removed_at(f)
    if moved is not None:
        lines.append("  " + moved)
    return "\n".join(lines)
