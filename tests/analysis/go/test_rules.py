"""Rules about Go code, end to end: a policy, a real repository, the facts engine and the evaluator.

The policy is built as a syntax tree (what the policy parser produces) so that these tests exercise the
Go analyser and the evaluator and nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from tests.analysis.go.scenarios import ASSET, HANDLER, TABULARIUM, edited, fixture_text
from tests.analysis.go.test_delta import WIDGET
from tests.support.facts import changeset
from tests.support.gitrepo import GitRepo

from scopeguard.analysis.engine import Facts
from scopeguard.analysis.registry import analysers
from scopeguard.core.model import Finding
from scopeguard.evaluate.active import select
from scopeguard.evaluate.evaluator import evaluate
from scopeguard.policy.ast import Because, Compare, Concept, Forbid, PolicyFile, Rule, Selector
from scopeguard.policy.resolve import PolicySet

TABULARIUM_TYPE = Concept(
    "tabularium_type",
    aka=("tabularium type", "tabularium types"),
    selectors=(
        Selector("class", ("**/pkg/model/model/*.go",)),
        Selector("call", where=Compare("name", "~", "*MustRegisterModel")),
    ),
)
NO_NEW_TYPES = Rule(
    "no-new-tabularium-types",
    (Forbid("added", Selector("tabularium_type")),),
    severity="error",
    message="create no new tabularium type ({name}); extend or reuse an existing one",
    because=Because("NEVER create new tabularium types - only use existing ones", "agents/backend.md:21"),
)
API_COMPAT = Rule(
    "api-compat",
    (
        Forbid("modified", Selector("function", where=Compare("breaking", "==", True))),
        Forbid("removed", Selector("function", where=Compare("public", "==", True))),
        Forbid("modified", Selector("class", where=Compare("breaking", "==", True))),
        Forbid("removed", Selector("class", where=Compare("public", "==", True))),
    ),
    severity="warning",
)
POLICY = PolicySet.build([PolicyFile("policies/go.scope", (TABULARIUM_TYPE, NO_NEW_TYPES, API_COMPAT))])

MESSAGE = "create no new tabularium type ({}); extend or reuse an existing one"

Row = tuple[str, str, str, int, int, str | None, str | None, str | None, str]


def check(tmp_path: Path, change: Mapping[str, str | None]) -> list[Row]:
    repo = GitRepo(tmp_path / "repo")
    base = repo.commit(TABULARIUM, "base")
    head = repo.commit(change, "change", replace=False)
    facts = Facts(changeset(repo.path, base, head), analysers())
    result = evaluate(select(POLICY, None), facts)
    return [_row(f) for f in result.findings]


def _row(f: Finding) -> Row:
    assert f.location is not None
    where = f.location
    return (
        f.rule,
        f.severity.value,
        where.path,
        where.span.line,
        where.span.column,
        f.change,
        f.element_kind,
        f.element_name,
        f.message,
    )


def test_a_new_registered_type_breaks_the_no_new_types_rule_twice(tmp_path: Path) -> None:
    widget = "pkg/model/model/widget.go"
    assert check(tmp_path, {widget: WIDGET}) == [
        (
            "no-new-tabularium-types",
            "error",
            widget,
            6,
            1,
            "added",
            "class",
            "Widget",
            MESSAGE.format("Widget"),
        ),
        (
            "no-new-tabularium-types",
            "error",
            widget,
            12,
            2,
            "added",
            "call",
            "registry.Registry.MustRegisterModel",
            MESSAGE.format("registry.Registry.MustRegisterModel"),
        ),
    ]


def test_findings_name_the_agent_sentence(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    base = repo.commit(TABULARIUM, "base")
    head = repo.commit({"pkg/model/model/widget.go": WIDGET}, "change", replace=False)
    findings = evaluate(select(POLICY, None), Facts(changeset(repo.path, base, head), analysers())).findings
    assert {(f.source.path, f.source.line, f.source.text) for f in findings if f.source} == {
        ("agents/backend.md", 21, "NEVER create new tabularium types - only use existing ones")
    }


def test_a_registration_outside_the_model_package_is_still_a_new_type(tmp_path: Path) -> None:
    handler = edited(
        HANDLER,
        "// Handle serves",
        "func init() { registry.Registry.MustRegisterModel(&model.Asset{}) }\n\n// Handle serves",
    )
    assert check(tmp_path, {HANDLER: handler}) == [
        (
            "no-new-tabularium-types",
            "error",
            HANDLER,
            11,
            15,
            "added",
            "call",
            "registry.Registry.MustRegisterModel",
            MESSAGE.format("registry.Registry.MustRegisterModel"),
        ),
    ]


def test_a_type_outside_the_model_package_is_not_a_tabularium_type(tmp_path: Path) -> None:
    handler = edited(
        HANDLER, "// Handle serves", "type response struct{ Asset model.Asset }\n\n// Handle serves"
    )
    assert check(tmp_path, {HANDLER: handler}) == []


def test_moving_a_type_between_model_files_is_not_a_new_type(tmp_path: Path) -> None:
    declaration = fixture_text(ASSET).split("// Asset is", 1)[1].split("\nfunc init", 1)[0]
    moved = 'package model\n\nimport "github.com/example/assets/pkg/registry"\n\n// Asset is' + declaration
    change = {
        ASSET: fixture_text(ASSET).replace("// Asset is" + declaration, ""),
        "pkg/model/model/types.go": moved,
    }
    assert check(tmp_path, change) == []


def test_an_exported_function_losing_a_parameter_breaks_api_compatibility(tmp_path: Path) -> None:
    handler = edited(HANDLER, "func Handle(ctx context.Context, req", "func Handle(req")
    assert check(tmp_path, {HANDLER: handler}) == [
        (
            "api-compat",
            "warning",
            HANDLER,
            12,
            1,
            "modified",
            "function",
            "Handle",
            "modified function Handle is forbidden",
        ),
    ]


def test_a_removed_exported_function_and_field(tmp_path: Path) -> None:
    collection = "pkg/model/model/collection.go"
    text = fixture_text(collection).split("// Filter keeps", 1)[0].rstrip("\n") + "\n"
    asset = edited(ASSET, '\tStatus string `json:"status"`\n', "")
    assert check(tmp_path, {collection: text, ASSET: asset}) == [
        (
            "api-compat",
            "warning",
            ASSET,
            6,
            1,
            "modified",
            "class",
            "Asset",
            "modified class Asset is forbidden",
        ),
        (
            "api-compat",
            "warning",
            collection,
            17,
            1,
            "removed",
            "function",
            "Filter",
            "removed function Filter is forbidden",
        ),
    ]


def test_renaming_a_parameter_is_compatible(tmp_path: Path) -> None:
    text = edited(HANDLER, "req events.APIGatewayProxyRequest)", "request events.APIGatewayProxyRequest)")
    assert check(tmp_path, {HANDLER: text.replace("req.PathParameters", "request.PathParameters")}) == []
