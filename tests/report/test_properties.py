"""Whatever text a finding carries, every format stays well-formed and says exactly that text.

Messages, paths, rule sentences and notices come from repositories and agent files; these properties
check that no text can break a format's structure (a terminal escape, a forged workflow command, an
invalid XML document, an extra Markdown column) and that the text itself is not lost or altered.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from scopeguard.core.model import Finding, Location, Notice, Provenance, Report, Severity, Span
from scopeguard.report.formats import render, step_summary
from scopeguard.report.formats.junit import xml_safe

SARIF_SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "fixtures" / "schemas" / "sarif-schema-2.1.0.json").read_text(
        "utf-8"
    )
)
SARIF = jsonschema.Draft4Validator(SARIF_SCHEMA)

_text = st.text(min_size=1, max_size=40)
_path = st.text(alphabet=st.characters(blacklist_characters="\x00"), min_size=1, max_size=30)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    findings = []
    for i in range(draw(st.integers(1, 4))):
        located = draw(st.booleans())
        line = draw(st.integers(1, 10_000))
        end_line = draw(st.none() | st.integers(line, line + 50))
        findings.append(
            Finding(
                rule=draw(st.sampled_from(["no-new-types", "narrow-focus", "rule:with,odd%chars"])),
                severity=draw(st.sampled_from(list(Severity))),
                message=draw(_text),
                location=Location(draw(_path), Span(line, draw(st.integers(1, 200)), end_line))
                if located
                else None,
                source=draw(st.none() | st.builds(Provenance, _path, st.integers(1, 500), _text)),
                fingerprint=f"fp{i}",
            )
        )
    notices = tuple(Notice(draw(_text), draw(st.none() | _path)) for _ in range(draw(st.integers(0, 2))))
    return Report(
        None, "WORKTREE", draw(st.none() | _text), draw(st.integers(0, 99)), tuple(findings), notices
    )


@settings(max_examples=60, deadline=None)
@given(reports(), st.sampled_from(["text", "json", "sarif", "github", "junit"]))
def test_every_format_can_be_written_as_utf8(report: Report, name: str) -> None:
    render(report, name).encode("utf-8")
    step_summary(report).encode("utf-8")


@settings(max_examples=60, deadline=None)
@given(reports())
def test_text_holds_no_control_characters(report: Report) -> None:
    text = render(report, "text")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert text.endswith("\n")


@settings(max_examples=60, deadline=None)
@given(reports())
def test_json_says_exactly_what_the_report_says(report: Report) -> None:
    doc = json.loads(render(report, "json"))
    assert [f["message"] for f in doc["findings"]] == [f.message for f in report.findings]
    assert [f["path"] for f in doc["findings"]] == [
        f.location.path if f.location else None for f in report.findings
    ]
    assert [n["message"] for n in doc["notices"]] == [n.message for n in report.notices]


@settings(max_examples=40, deadline=None)
@given(reports())
def test_sarif_is_always_schema_valid(report: Report) -> None:
    assert list(SARIF.iter_errors(json.loads(render(report, "sarif")))) == []


@settings(max_examples=60, deadline=None)
@given(reports())
def test_github_output_is_one_command_per_annotation_and_nothing_else(report: Report) -> None:
    # the runner reads workflow commands line by line at "\n" (str.splitlines would also split at
    # U+2028 and friends, which may stand unescaped inside a path)
    lines = render(report, "github").rstrip("\n").split("\n")
    annotations = len(report.findings) + len(report.notices)  # under the caps in these reports
    assert len(lines) == annotations + 1
    assert all(re.match(r"::(error|warning|notice)[ :]", line) for line in lines[:-1])
    assert not lines[-1].startswith("::")


@settings(max_examples=60, deadline=None)
@given(reports())
def test_junit_is_well_formed_and_keeps_every_message(report: Report) -> None:
    root = ET.fromstring(render(report, "junit").encode("utf-8"))
    bodies = "".join(e.text or "" for e in root.iter() if e.tag in {"failure", "system-out"})
    for f in report.findings:
        assert xml_safe(f.message) in bodies


@settings(max_examples=60, deadline=None)
@given(reports())
def test_step_summary_rows_have_five_cells(report: Report) -> None:
    # Markdown ends lines at "\n" and "\r" only; str.splitlines would also split at U+2028
    lines = step_summary(report).split("\n")
    rows = [line for line in lines if line.startswith("| ") and "---" not in line]
    assert len(rows) == len(report.findings) + 1
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row
