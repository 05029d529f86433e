"""SARIF: valid against the OASIS schema, and shaped as GitHub code scanning reads it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from scopeguard.core.model import Finding, Report, RuleInfo, Severity
from scopeguard.report.formats import render
from tests.report.samples import CLEAN, HOSTILE, TOO_BIG, WORKED_EXAMPLE, many
from tests.support.golden import assert_golden, mask

SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "fixtures" / "schemas" / "sarif-schema-2.1.0.json"


def _sarif(report: Report, **options: Any) -> dict[str, Any]:
    return json.loads(render(report, "sarif", **options))  # type: ignore[no-any-return]


def _run(report: Report, **options: Any) -> dict[str, Any]:
    return _sarif(report, **options)["runs"][0]  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@pytest.mark.parametrize(
    "report",
    [WORKED_EXAMPLE, HOSTILE, CLEAN, many(12, 3, 2, 4)],
    ids=["worked", "hostile", "clean", "many"],
)
def test_sarif_validates_against_the_oasis_schema(
    validator: jsonschema.Draft4Validator, report: Report
) -> None:
    errors = sorted(validator.iter_errors(_sarif(report)), key=str)
    assert errors == []


def test_sarif_golden(update_golden: bool) -> None:
    assert_golden("report/worked-example.sarif", mask(render(WORKED_EXAMPLE, "sarif")), update_golden)


def test_hostile_sarif_golden(update_golden: bool) -> None:
    assert_golden("report/hostile.sarif", mask(render(HOSTILE, "sarif")), update_golden)


def test_driver_rules_describe_every_rule_and_quote_the_sentence() -> None:
    driver = _run(WORKED_EXAMPLE)["tool"]["driver"]
    assert driver["name"] == "scopeguard"
    ids = [r["id"] for r in driver["rules"]]
    # the report's rules plus the built-in rule that only appears in a finding, sorted
    assert ids == [
        "narrow-focus",
        "no-breaking-api-changes",
        "no-new-infrastructure",
        "no-new-tabularium-types",
        "out-of-scope",
        "tests-with-new-code",
    ]
    types = driver["rules"][3]
    assert types["shortDescription"] == {
        "text": "create no new tabularium type ({name}); extend or reuse an existing one"
    }
    assert "agents/backend-feature-implementer.md:21" in types["fullDescription"]["text"]
    assert types["help"]["text"].endswith(
        "Enforces the agent-file sentence at agents/backend-feature-implementer.md:21: "
        '"NEVER create new tabularium types - only use existing ones"'
    )
    assert types["help"]["markdown"] == (
        "create no new tabularium type ({name}); extend or reuse an existing one\n\n"
        "Enforces this sentence of `agents/backend-feature-implementer.md:21`:\n\n"
        "> NEVER create new tabularium types - only use existing ones"
    )
    assert types["defaultConfiguration"] == {"level": "error"}
    assert types["properties"]["tags"] == ["scopeguard", "agent-rule"]
    assert driver["rules"][5]["defaultConfiguration"] == {"level": "warning"}


def test_results_name_their_rule_by_id_and_index() -> None:
    run = _run(WORKED_EXAMPLE)
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert [(r["ruleId"], r["ruleIndex"]) for r in run["results"]] == [
        (f.rule, ids.index(f.rule)) for f in WORKED_EXAMPLE.findings
    ]
    assert [r["level"] for r in run["results"]] == [
        "warning",
        "error",
        "error",
        "error",
        "error",
        "error",
        "error",
    ]
    assert all(r["baselineState"] == "new" for r in run["results"])


def test_result_location_is_repository_relative_with_a_one_based_region() -> None:
    widget = _run(WORKED_EXAMPLE)["results"][2]
    assert widget["message"] == {
        "text": "create no new tabularium type (Widget); extend or reuse an existing one"
    }
    assert widget["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "pkg/model/model/widget.go", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 12, "startColumn": 1, "endLine": 30, "endColumn": 2},
            }
        }
    ]
    assert widget["partialFingerprints"] == {"scopeguard/v1": "0f1e2d3c4b5a69788796a5b4c3d2e1f0"}


def test_removed_code_is_anchored_at_head_with_the_base_place_related() -> None:
    removed = _run(WORKED_EXAMPLE)["results"][1]
    assert removed["locations"][0]["physicalLocation"]["region"] == {"startLine": 40, "startColumn": 1}
    assert removed["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {"uri": "backend/api/handlers.go", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 52, "startColumn": 1, "endLine": 67, "endColumn": 2},
            },
            "message": {"text": "Removed code (base revision)."},
        }
    ]
    assert removed["message"]["text"].endswith(
        "(The removed code was at backend/api/handlers.go:52:1 in the base revision.)"
    )


def test_change_wide_finding_is_shown_at_its_rules_sentence() -> None:
    sentence_rule = RuleInfo(
        "narrow-focus", Severity.ERROR, "keep changes small", WORKED_EXAMPLE.rules[1].source
    )
    with_source = Finding(
        "narrow-focus", Severity.ERROR, "files is 31; the limit is 30", None, source=sentence_rule.source
    )
    report = Report(None, "WORKTREE", None, 31, (with_source,), rules=(sentence_rule,))
    result = _run(report)["results"][0]
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "agents/backend-feature-implementer.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 30, "startColumn": 1, "endLine": 31},
    }
    assert result["properties"] == {"changeWide": True}


def test_change_wide_finding_without_a_sentence_uses_the_anchor_option() -> None:
    report = Report(None, "WORKTREE", None, 40, (TOO_BIG,), rules=(WORKED_EXAMPLE.rules[0],))
    assert "locations" not in _run(report)["results"][0]
    anchored = _run(report, anchor="policies/team.scope")["results"][0]
    assert anchored["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "policies/team.scope", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 1, "startColumn": 1},
    }


def test_change_wide_finding_without_a_sentence_falls_back_to_the_agent_file() -> None:
    limit = _run(WORKED_EXAMPLE)["results"][6]
    assert limit["ruleId"] == "narrow-focus"
    assert limit["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "agents/backend-feature-implementer.md"
    )
    assert limit["message"]["text"] == (
        "added_lines is 1600; the limit is 1500 (This concerns the whole change, not one place in it.)"
    )


def test_notices_are_tool_execution_notifications() -> None:
    invocation = _run(WORKED_EXAMPLE)["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "warning",
            "message": {"text": "could not analyse: invalid syntax (expected ':')"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "backend/broken.py", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 3},
                    }
                }
            ],
        },
        {"level": "warning", "message": {"text": "commit messages name two agents; using --agent"}},
    ]


def test_uris_are_percent_encoded() -> None:
    result = _run(HOSTILE)["results"][0]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "docs/100%25%20%3Cdone%3E%2C%20really%3A%20%22yes%22.md"


def test_info_is_a_note() -> None:
    run = _run(HOSTILE)
    assert [r["level"] for r in run["results"]] == ["error", "note"]


def test_a_path_that_is_not_utf8_keeps_its_bytes_in_the_uri() -> None:
    from scopeguard.report.formats.sarif import artifact_uri

    assert artifact_uri("caf\udce9/x.py") == "caf%E9/x.py"  # b"caf\xe9" decoded with surrogateescape
    assert artifact_uri("café/ü x.py") == "caf%C3%A9/%C3%BC%20x.py"
