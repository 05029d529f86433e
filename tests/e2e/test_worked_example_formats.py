"""The worked example's violations in every output format, through the real command line.

The repository is the demo's: a Go backend on AWS SAM with the implementer agent file and the team's
vocabulary; the change adds a tabularium type, a Lambda function, an API route and a table.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from tests.support.cli import run
from tests.support.gitrepo import GitRepo
from tests.support.golden import assert_golden, mask

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "engine" / "scopeguard" / "demo_repo"
SARIF_SCHEMA = ROOT / "fixtures" / "schemas" / "sarif-schema-2.1.0.json"
NO_NEW_TYPES = "NEVER create new tabularium types - only use existing ones"
NO_NEW_INFRA = (
    "NEVER add new cloud infrastructure components (Lambda functions, API Gateway routes, databases, etc.)"
)


@pytest.fixture
def worked(tmp_path: Path) -> tuple[GitRepo, str, str]:
    repo = GitRepo(tmp_path / "assets")
    base = repo.commit(DEMO / "base", "The assets service")
    head = repo.commit(DEMO / "breaks", "Add widgets\n\nAgent: backend-feature-implementer", replace=False)
    return repo, base, head


def diff(worked: tuple[GitRepo, str, str], fmt: str, **env: str) -> str:
    repo, base, head = worked
    result = run(["diff", f"{base}..{head}", "--repo", str(repo.path), "--format", fmt], env=env or None)
    assert result.code == 1, result.stderr
    return result.stdout


def test_json_names_every_violation_and_its_sentence(worked: tuple[GitRepo, str, str]) -> None:
    doc = json.loads(diff(worked, "json"))
    found = [
        (
            f["rule"].split("-L")[1],
            f["element"]["kind"],
            f["element"]["name"],
            f["path"],
            f["line"],
            f["source"]["line"] if f["source"] else None,
        )
        for f in doc["findings"]
        if f["severity"] == "error"
    ]
    assert found == [
        ("21-no-new-types", "class", "Widget", "pkg/model/model/widget.go", 6, 21),
        (
            "21-no-new-types",
            "call",
            "registry.Registry.MustRegisterModel",
            "pkg/model/model/widget.go",
            12,
            21,
        ),
        ("23-protect", "file", "template.yml", "template.yml", 1, 23),
        ("22-no-new-infrastructure", "resource", "CreateWidgetFunction", "template.yml", 34, 22),
        ("22-no-new-infrastructure", "route", "POST /widgets", "template.yml", 43, 22),
        ("22-no-new-infrastructure", "resource", "WidgetsTable", "template.yml", 61, 22),
    ]
    texts = {f["source"]["text"] for f in doc["findings"] if f["source"]}
    assert {NO_NEW_TYPES, NO_NEW_INFRA} <= texts


def test_sarif_is_valid_and_quotes_the_sentences(
    worked: tuple[GitRepo, str, str], update_golden: bool
) -> None:
    out = diff(worked, "sarif")
    log = json.loads(out)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    run_ = log["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    helps = " ".join(r["help"]["text"] for r in rules.values())
    assert NO_NEW_TYPES in helps and NO_NEW_INFRA in helps
    for result in run_["results"]:
        assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]
    assert_golden("e2e/worked-example.sarif", mask(out), update_golden)


def test_github_annotations_and_step_summary(
    worked: tuple[GitRepo, str, str], tmp_path: Path, update_golden: bool
) -> None:
    summary = tmp_path / "summary.md"
    out = diff(worked, "github", GITHUB_STEP_SUMMARY=str(summary))
    assert out.count("::error ") == 6
    assert "::error file=pkg/model/model/widget.go,line=6," in out
    assert_golden("e2e/worked-example.github.txt", mask(out), update_golden)
    table = summary.read_text(encoding="utf-8")
    assert NO_NEW_TYPES in table and NO_NEW_INFRA in table
    assert_golden("e2e/worked-example.summary.md", mask(table), update_golden)


def test_junit_reports_each_rule_and_file(worked: tuple[GitRepo, str, str], update_golden: bool) -> None:
    out = diff(worked, "junit")
    suite = ET.fromstring(out.encode("utf-8"))
    failures = [case for case in suite.iter("testcase") if case.find("failure") is not None]
    assert {(c.get("classname"), c.get("name")) for c in failures} >= {
        ("backend-feature-implementer-L21-no-new-types", "pkg/model/model/widget.go"),
        ("backend-feature-implementer-L22-no-new-infrastructure", "template.yml"),
    }
    assert_golden("e2e/worked-example.junit.xml", mask(out), update_golden)
