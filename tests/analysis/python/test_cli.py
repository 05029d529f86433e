"""Python rules through the real command line: ``scopeguard diff`` and ``scopeguard facts`` on a real repo.

The repository is the worked example's Python tree with the policy ``fixtures/python/policies/python.scope``:
no new Pydantic models in the generated client, tests for new code under ``src/``, the public API
(through the built-in ``public_api`` concept and through the signature details one by one), no new CDK
resources, and no TODO lines.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from tests.analysis.python.support import WORKED, edited, fixture_text
from tests.analysis.python.test_delta import MODELS, SERVICE, WIDGET
from tests.support.cli import run
from tests.support.gitrepo import FIXTURES, GitRepo

POLICY = FIXTURES / "python" / "policies" / "python.scope"
NO_NEW_TYPES = "NEVER create new tabularium types - only use existing ones"
TESTS = "Write comprehensive unit tests for new functionality"
COMPATIBLE = "Ensure backward compatibility with existing features"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.write(WORKED)
    repo.write({"policies/python.scope": POLICY.read_text(encoding="utf-8")})
    repo.commit(message="base")
    return repo


def diff(repo: GitRepo, change: Mapping[str, str | None]) -> tuple[int, dict[str, Any]]:
    head = repo.commit(change, "change", replace=False)
    result = run(["diff", f"{head}~1..{head}", "--repo", str(repo.path), "--format", "json"])
    assert result.stderr == ""
    return result.code, json.loads(result.stdout)


def rows(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (f["rule"], f["severity"], f["path"], f["line"], f["change"], f["element"]["kind"],
         f["element"]["name"], (f["source"] or {}).get("text"))
        for f in doc["findings"]
    ]  # fmt: skip


def test_a_new_pydantic_model_in_the_client_fails_the_check(repo: GitRepo) -> None:
    code, doc = diff(repo, {MODELS: fixture_text(MODELS) + WIDGET})
    assert code == 1
    assert rows(doc) == [
        ("no-new-tabularium-types", "error", MODELS, 30, "added", "class", "Widget", NO_NEW_TYPES)
    ]
    assert (
        doc["findings"][0]["message"]
        == "create no new tabularium type (Widget); extend or reuse an existing one"
    )
    assert doc["notices"] == []


def test_a_plain_class_elsewhere_is_not_a_tabularium_type(repo: GitRepo) -> None:
    code, doc = diff(
        repo,
        {"src/app/errors.py": "from pydantic import BaseModel\n\n\nclass Error(BaseModel):\n    code: int\n"},
    )
    assert (code, rows(doc)) == (0, [])


def test_new_code_without_tests_is_a_warning_and_with_tests_is_not(repo: GitRepo) -> None:
    helper = "\n\ndef count_assets(store) -> int:\n    return len(list_assets(store))\n"
    code, doc = diff(repo, {SERVICE: fixture_text(SERVICE) + helper})
    assert code == 0
    assert rows(doc) == [
        ("tests-with-new-code", "warning", SERVICE, 25, "added", "function", "count_assets", TESTS)
    ]
    test = "\n\ndef test_count_assets():\n    assert service.count_assets(FakeStore()) == 0\n"
    code, doc = diff(
        repo,
        {
            SERVICE: fixture_text(SERVICE) + helper + "\n",
            "tests/test_service.py": fixture_text("tests/test_service.py") + test,
        },
    )
    assert (code, rows(doc)) == (0, [])


def test_api_compatibility_findings(repo: GitRepo) -> None:
    service = edited(SERVICE, "key: str, include_risks: bool = False", "key: str, region: str")
    service = service.replace(
        "def list_assets(store, *, limit: int = 100)", "def list_assets(store, *, max_items: int = 100)"
    )
    service = service.replace("def _normalise(key: str) -> str:", "def _normalise(key: str, locale) -> str:")
    models = fixture_text(MODELS).replace(
        "    def is_open(self) -> bool:\n        return self.severity > 0\n", ""
    )
    code, doc = diff(repo, {SERVICE: service, MODELS: models})
    assert code == 0
    assert rows(doc) == [
        ("python-api-compat", "warning", MODELS, 19, "modified", "class", "Risk", COMPATIBLE),
        ("python-api-compat", "warning", MODELS, 25, "removed", "function", "Risk.is_open", COMPATIBLE),
        ("no-renamed-keywords", "info", SERVICE, 10, "modified", "function", "list_assets", None),
        ("python-api-compat", "warning", SERVICE, 10, "modified", "function", "list_assets", COMPATIBLE),
        ("no-renamed-keywords", "info", SERVICE, 14, "modified", "function", "get_asset", None),
        ("python-api-compat", "warning", SERVICE, 14, "modified", "function", "get_asset", COMPATIBLE),
        ("no-new-required-parameters", "info", SERVICE, 21, "modified", "function", "_normalise", None),
    ]
    removed = doc["findings"][1]
    assert (removed["base_path"], removed["base_line"]) == (MODELS, 26)
    assert removed["message"] == "removed function Risk.is_open is forbidden"


def test_a_new_cdk_resource_is_forbidden(repo: GitRepo) -> None:
    stack = edited(
        "infra/stack.py",
        "        table.grant_read_data(handler)\n",
        '        table.grant_read_data(handler)\n        sqs.Queue(self, "Jobs")\n',
    )
    stack = stack.replace(
        "from aws_cdk import Stack\n", "from aws_cdk import Stack\nfrom aws_cdk import aws_sqs as sqs\n"
    )
    code, doc = diff(repo, {"infra/stack.py": stack})
    assert code == 1
    assert rows(doc) == [
        ("no-new-infrastructure", "error", "infra/stack.py", 25, "added", "resource", "Jobs", None)
    ]
    assert doc["findings"][0]["message"] == "no new cloud resources (Jobs: AWS::SQS::Queue)"
    assert doc["findings"][0]["element"]["type"] == "AWS::SQS::Queue"


def test_a_file_that_does_not_parse_is_a_notice_and_line_rules_still_apply(repo: GitRepo) -> None:
    broken = fixture_text(SERVICE) + "\n\ndef half_written(  # TODO finish\n"
    code, doc = diff(repo, {SERVICE: broken})
    assert code == 0
    assert rows(doc) == [
        ("no-todo", "info", SERVICE, 25, "added", "line", "def half_written(  # TODO finish", None)
    ]
    assert doc["notices"] == [
        {
            "path": SERVICE,
            "line": 25,
            "message": "not analysed (python, head side): syntax error: '(' was never closed "
            "(ast: line 25, column 17); libcst: expected one of ), *, **, NAME (line 26)",
        }
    ]


def test_facts_lists_python_elements(repo: GitRepo) -> None:
    api = (
        fixture_text("src/app/api.py")
        + '\n\n@router.delete("/{key}")\nasync def delete_asset(key: str) -> None:\n    ...\n'
    )
    head = repo.commit(
        {"src/app/api.py": api, MODELS: fixture_text(MODELS) + WIDGET}, "change", replace=False
    )
    result = run(["facts", f"{head}~1..{head}", "--repo", str(repo.path), "--format", "json"])
    assert result.code == 0, result.stderr
    doc = json.loads(result.stdout)
    python = [e for e in doc["elements"] if e["language"] == "python"]
    assert sorted((e["change"], e["kind"], e["name"], e["path"], e["line"]) for e in python) == [
        ("added", "call", "router.delete", "src/app/api.py", 20),
        ("added", "class", "Widget", MODELS, 30),
        ("added", "decorator", "router.delete", "src/app/api.py", 20),
        ("added", "function", "delete_asset", "src/app/api.py", 21),
        ("added", "route", "DELETE /assets/{key}", "src/app/api.py", 20),
    ]
    function = next(e for e in python if e["kind"] == "function")
    assert function["attributes"] == {
        "qualname": "app.api.delete_asset",
        "method": False,
        "parameters": ["key"],
        "required_parameters": ["key"],
        "decorators": ["app.api.router.delete"],
        "async": True,
        "public": True,
        "signature": "(key: str) -> None",
        "lines": 2,
        "type_parameters": [],
    }
    (widget,) = [e for e in python if e["kind"] == "class"]
    assert widget["attributes"]["bases"] == ["pydantic.BaseModel"]
    assert widget["end_line"] == 33
