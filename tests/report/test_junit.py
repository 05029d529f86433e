"""JUnit XML: well-formed whatever the messages hold, one test case per rule and file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from scopeguard.report.formats import render
from tests.report.samples import CLEAN, HOSTILE, WORKED_EXAMPLE
from tests.support.golden import assert_golden, mask


def _suite(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    return suites[0]


def test_worked_example_golden(update_golden: bool) -> None:
    assert_golden("report/worked-example.junit.xml", mask(render(WORKED_EXAMPLE, "junit")), update_golden)


def test_hostile_golden(update_golden: bool) -> None:
    assert_golden("report/hostile.junit.xml", mask(render(HOSTILE, "junit")), update_golden)


def test_one_case_per_rule_and_file() -> None:
    suite = _suite(render(WORKED_EXAMPLE, "junit"))
    cases = [(c.get("classname"), c.get("name")) for c in suite.findall("testcase")]
    assert cases == [
        ("narrow-focus", "whole change"),
        ("no-breaking-api-changes", "backend/api/handlers.go"),
        ("no-new-infrastructure", "template.yml"),
        ("no-new-tabularium-types", "pkg/model/model/widget.go"),
        ("out-of-scope", "web/app.ts"),
        ("tests-with-new-code", "backend/api/handlers.go"),
    ]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("6", "6", "0")


def test_failure_carries_message_location_and_sentence() -> None:
    suite = _suite(render(WORKED_EXAMPLE, "junit"))
    case = suite.findall("testcase")[3]
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert failure.get("message") == (
        "create no new tabularium type (Widget); extend or reuse an existing one (and 1 more)"
    )
    sentence = (
        '  rule from agents/backend-feature-implementer.md:21: "NEVER create new tabularium types - only use '
    )
    assert (failure.text or "").splitlines() == [
        "pkg/model/model/widget.go:12:1: error: "
        "create no new tabularium type (Widget); extend or reuse an existing one",
        sentence + 'existing ones"',
        "",
        "pkg/model/model/widget.go:33:2: error: create no new tabularium type "
        "(registry.Registry.MustRegisterModel); extend or reuse an existing one",
        sentence + 'existing ones"',
    ]
    assert case.get("file") == "pkg/model/model/widget.go"


def test_rules_without_findings_pass() -> None:
    suite = _suite(render(CLEAN, "junit"))
    cases = suite.findall("testcase")
    assert [c.get("classname") for c in cases] == [r.id for r in CLEAN.rules]
    assert all(c.get("name") == "all changed files" and len(c) == 0 for c in cases)
    assert suite.get("failures") == "0"


def test_hostile_text_keeps_the_xml_well_formed_and_reads_back() -> None:
    suite = _suite(render(HOSTILE, "junit"))
    secret, info = suite.findall("testcase")
    assert secret.get("name") == 'docs/100% <done>, really: "yes".md'
    failure = secret.find("failure")
    assert failure is not None
    # CR LF survives as character references; the escape character (not allowed in XML) is written out
    assert failure.get("message") == (
        "line 'token=%41%0A' adds a secret\r\n::error file=x::forged, 100% & <b>bold</b> 🔑\\x1b[31m"
    )
    # an info finding does not fail its test case; it is written to the case's output
    assert info.find("failure") is None
    system_out = info.find("system-out")
    assert (
        system_out is not None
        and system_out.text == "whole change: info: | pipes | and `ticks` ]] > quote\nsecond line"
    )
    notices = suite.find("system-out")
    assert (
        notices is not None and notices.text == "assets/logo, v2.png: binary file, \\x00 not analysed: 100%"
    )
    assert suite.get("failures") == "1"
