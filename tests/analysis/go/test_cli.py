"""Go rules through the real command line: ``scopeguard diff`` and ``scopeguard facts`` on a real repository.

The repository is the tabularium tree with the policy ``fixtures/go/policies/go.scope``, whose API rule
uses the built-in ``public_api`` concept.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from tests.analysis.go.scenarios import ASSET, HANDLER, TABULARIUM, edited, fixture_text
from tests.analysis.go.test_delta import WIDGET
from tests.support.cli import run
from tests.support.gitrepo import FIXTURES, GitRepo

POLICY = FIXTURES / "go" / "policies" / "go.scope"
NO_NEW_TYPES = "NEVER create new tabularium types - only use existing ones"
COMPATIBLE = "Ensure backward compatibility with existing features"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.write(TABULARIUM)
    repo.write({"policies/go.scope": POLICY.read_text(encoding="utf-8")})
    repo.commit(message="base")
    return repo


def diff(repo: GitRepo, change: Mapping[str, str | None], *options: str) -> tuple[int, dict[str, Any]]:
    head = repo.commit(change, "change", replace=False)
    result = run(["diff", f"{head}~1..{head}", "--repo", str(repo.path), "--format", "json", *options])
    assert result.stderr == ""
    return result.code, json.loads(result.stdout)


def rows(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            f["rule"], f["severity"], f["path"], f["line"], f["column"], f["end_line"], f["end_column"],
            f["change"], f["element"]["kind"], f["element"]["name"], f["source"]["text"],
        )
        for f in doc["findings"]
    ]  # fmt: skip


def test_a_new_tabularium_type_fails_the_check(repo: GitRepo) -> None:
    widget = "pkg/model/model/widget.go"
    code, doc = diff(repo, {widget: WIDGET})
    assert code == 1
    assert rows(doc) == [
        ("no-new-tabularium-types", "error", widget, 6, 1, 9, 2, "added", "class", "Widget", NO_NEW_TYPES),
        (
            "no-new-tabularium-types", "error", widget, 12, 2, 12, 48, "added", "call",
            "registry.Registry.MustRegisterModel", NO_NEW_TYPES,
        ),
    ]  # fmt: skip
    assert doc["findings"][0]["element"]["type"] == "struct"
    assert doc["findings"][1]["message"] == (
        "create no new tabularium type (registry.Registry.MustRegisterModel); extend or reuse an existing one"
    )
    assert doc["notices"] == []


def test_api_breaks_are_warnings_through_the_builtin_public_api_concept(repo: GitRepo) -> None:
    collection = "pkg/model/model/collection.go"
    change = {
        HANDLER: edited(HANDLER, "func Handle(ctx context.Context, req", "func Handle(req"),
        collection: fixture_text(collection).split("// Filter keeps", 1)[0].rstrip("\n") + "\n",
    }
    code, doc = diff(repo, change)
    assert code == 0
    assert rows(doc) == [
        ("go-api-compat", "warning", HANDLER, 12, 1, 19, 2, "modified", "function", "Handle", COMPATIBLE),
        (
            "go-api-compat",
            "warning",
            collection,
            17,
            1,
            None,
            None,
            "removed",
            "function",
            "Filter",
            COMPATIBLE,
        ),
    ]
    removed = doc["findings"][1]
    assert (removed["base_path"], removed["base_line"]) == (collection, 20)
    again = run(["diff", "HEAD~1..HEAD", "--repo", str(repo.path), "--fail-on", "warning"])
    assert again.code == 1


def test_a_compatible_change_passes(repo: GitRepo) -> None:
    text = edited(ASSET, "\tsource string\n", '\tsource string\n\tOwner  string `json:"owner"`\n')
    code, doc = diff(repo, {ASSET: text})
    assert (code, doc["findings"], doc["notices"]) == (0, [], [])


def test_a_go_file_that_does_not_parse_is_a_notice(repo: GitRepo) -> None:
    broken = (FIXTURES / "go" / "broken" / "widget.go").read_text(encoding="utf-8")
    code, doc = diff(repo, {"pkg/model/model/widget.go": broken})
    assert code == 0
    assert doc["notices"] == [
        {
            "path": "pkg/model/model/widget.go",
            "line": 9,
            "message": "not analysed (go, head side): Go syntax error at line 9, column 1: unexpected 'func'",
        }
    ]


def test_facts_show_go_elements_with_their_attributes(repo: GitRepo) -> None:
    head = repo.commit({"pkg/model/model/widget.go": WIDGET}, "widget", replace=False)
    result = run(["facts", f"{head}~1..{head}", "--repo", str(repo.path), "--format", "json"])
    assert result.code == 0, result.stderr
    elements = [e for e in json.loads(result.stdout)["elements"] if e["language"] == "go"]
    assert [(e["change"], e["kind"], e["name"], e["line"], e["end_line"]) for e in elements] == [
        ("added", "import", "github.com/example/assets/pkg/registry", 3, 3),
        ("added", "class", "Widget", 6, 9),
        ("added", "function", "init", 11, 13),
        ("added", "call", "registry.Registry.MustRegisterModel", 12, 12),
    ]
    assert elements[1]["attributes"] == {
        "bases": ["registry.BaseModel"],
        "fields": ["BaseModel", "Label"],
        "members": ["registry.BaseModel", 'Label string `json:"label"`'],
        "methods": [],
        "public": True,
        "qualname": "model.Widget",
        "type": "struct",
        "type_parameters": [],
    }
