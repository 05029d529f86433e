"""``forbid added infrastructure`` with the built-in vocabulary, through the real command line.

The worked example's repository (a Go backend on AWS SAM) carries the policy; each change is committed
on top of it and checked with ``scopeguard diff BASE..HEAD --format json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.analysis.infra.changes import fixture_text
from tests.support.cli import run
from tests.support.gitrepo import GitRepo, fixture

from scopeguard.policy.ast import Selector
from scopeguard.policy.vocabulary import check_policy_texts, load_policies

POLICY = """\
rule no-new-infrastructure:
    severity error
    forbid added infrastructure
    message "add no cloud infrastructure ({type} {name}); reuse what template.yml has"
    because "{sentence}" at "agents/backend.md:12"
"""
SENTENCE = (
    "NEVER add new cloud infrastructure components (Lambda functions, API Gateway routes, databases, etc.)"
)

Finding = tuple[str, str, str, str | None, str, int]


def check(
    tmp_path: Path, edit: dict[str, str | None], also: dict[str, str | None] | None = None
) -> tuple[int, list[Finding], dict[str, Any]]:
    """Commit the worked example with the policy (and ``also``), then ``edit``, and check the change."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit(fixture("infra/sam-app"), "assets service")
    repo.write({"policies/infra.scope": POLICY.replace("{sentence}", SENTENCE), **(also or {})})
    base = repo.commit(None, "policy", replace=False)
    repo.write(edit)
    head = repo.commit(None, "change", replace=False)
    result = run(["diff", f"{base}..{head}", "--repo", str(repo.path), "--format", "json"])
    assert result.code in (0, 1), result.stderr
    document = json.loads(result.stdout)
    findings = [
        (f["rule"], f["change"], f["element"]["kind"], f["element"]["type"], f["element"]["name"], f["line"])
        for f in document["findings"]
    ]
    return result.code, findings, document


def template() -> str:
    return fixture_text("infra/sam-app/template.yml")


NEW_FUNCTION = """\
  CreateAssetFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: backend/cmd/create-asset
      Events:
        CreateAsset:
          Type: Api
          Properties:
            Path: /assets
            Method: post
            RestApiId: !Ref BackendApi

"""


def test_a_new_lambda_function_and_its_api_route_are_stopped(tmp_path: Path) -> None:
    head = template().replace("  ImportWorkerFunction:", NEW_FUNCTION + "  ImportWorkerFunction:")
    code, findings, document = check(tmp_path, {"template.yml": head})
    assert code == 1
    assert findings == [
        (
            "no-new-infrastructure",
            "added",
            "resource",
            "AWS::Serverless::Function",
            "CreateAssetFunction",
            68,
        ),
        ("no-new-infrastructure", "added", "route", None, "POST /assets", 73),
    ]
    first = document["findings"][0]
    assert first["message"] == (
        "add no cloud infrastructure (AWS::Serverless::Function CreateAssetFunction); "
        "reuse what template.yml has"
    )
    assert first["source"] == {"path": "agents/backend.md", "line": 12, "text": SENTENCE}


def test_a_new_table_is_stopped(tmp_path: Path) -> None:
    table = (
        "  WidgetsTable:\n    Type: AWS::DynamoDB::Table\n"
        "    Properties:\n      BillingMode: PAY_PER_REQUEST\n\n"
    )
    code, findings, _ = check(
        tmp_path, {"template.yml": template().replace("  UserPool:", table + "  UserPool:")}
    )
    assert (code, findings) == (
        1,
        [("no-new-infrastructure", "added", "resource", "AWS::DynamoDB::Table", "WidgetsTable", 131)],
    )


def test_a_new_api_event_on_an_existing_function_is_stopped_as_a_route(tmp_path: Path) -> None:
    event = (
        "        GetAssetHistory:\n          Type: Api\n          Properties:\n"
        "            Path: /assets/{id}/history\n            Method: get\n"
        "            RestApiId: !Ref BackendApi\n"
    )
    anchor = (
        "            Path: /assets/{id}\n            Method: get\n            RestApiId: !Ref BackendApi\n"
    )
    code, findings, _ = check(tmp_path, {"template.yml": template().replace(anchor, anchor + event)})
    assert (code, findings) == (
        1,
        [("no-new-infrastructure", "added", "route", None, "GET /assets/{id}/history", 67)],
    )


def test_a_terraform_queue_is_stopped(tmp_path: Path) -> None:
    base = fixture_text("infra/terraform/main.tf")
    tf = base + '\nresource "aws_sqs_queue" "imports" {\n  name = "imports"\n}\n'
    code, findings, _ = check(tmp_path, {"infra/main.tf": tf}, also={"infra/main.tf": base})
    assert (code, findings) == (
        1,
        [("no-new-infrastructure", "added", "resource", "aws_sqs_queue", "aws_sqs_queue.imports", 86)],
    )


def test_a_lambda_function_in_the_json_syntax_is_stopped_and_a_changed_property_is_not(
    tmp_path: Path,
) -> None:
    base = fixture_text("infra/terraform/api.tf.json")
    function = '"aws_lambda_function": {\n      "export": {"handler": "bootstrap"},\n      "assets": {'
    added = base.replace('"aws_lambda_function": {\n      "assets": {', function)
    assert added != base
    code, findings, document = check(tmp_path, {"stack/cdk.tf.json": added}, also={"stack/cdk.tf.json": base})
    assert (code, findings, document["notices"]) == (
        1,
        [
            (
                "no-new-infrastructure",
                "added",
                "resource",
                "aws_lambda_function",
                "aws_lambda_function.export",
                47,
            )
        ],
        [],
    )
    resized = base.replace('"memory_size": 128', '"memory_size": 256')
    code, findings, _ = check(
        tmp_path / "resized", {"stack/cdk.tf.json": resized}, also={"stack/cdk.tf.json": base}
    )
    assert (code, findings) == (0, [])


@pytest.mark.parametrize(
    "edit",
    [
        # an ordinary code change
        {
            "backend/pkg/assets/list.go": fixture_text("infra/sam-app/backend/pkg/assets/list.go").replace(
                "[]string{}", "nil"
            )
        },
        # a property of an existing resource
        {"template.yml": template().replace("      ShardCount: 1\n", "      ShardCount: 2\n")},
        # the template moved, unchanged
        {"template.yml": None, "deploy/template.yml": template()},
        # a YAML of detection queries that mentions cloud resource types
        {"security/detection-queries.yml": fixture_text("infra/detection-queries.yml")},
    ],
    ids=["code-change", "property-change", "template-renamed", "detection-queries"],
)
def test_silent_on_changes_that_add_no_infrastructure(tmp_path: Path, edit: dict[str, str | None]) -> None:
    code, findings, document = check(tmp_path, edit)
    assert (code, findings, document["notices"]) == (0, [], [])


def test_the_built_in_vocabulary_files_have_no_errors() -> None:
    assert check_policy_texts({}) == []


@pytest.mark.parametrize(
    ("phrase", "concept"),
    [
        ("cloud infrastructure components", "infrastructure"),
        ("lambda functions", "lambda_function"),
        ("api gateway routes", "api_route"),
        ("databases", "database"),
        ("sqs queues", "queue"),
        ("s3 buckets", "storage"),
        ("api endpoints", "http_route"),
        ("new dependencies", "dependency"),
        ("third-party libraries", "dependency"),
        ("hardcoded credentials", "secret"),
        ("api keys", "secret"),
    ],
)
def test_agent_file_phrases_name_the_built_in_concepts(phrase: str, concept: str) -> None:
    assert load_policies({}).aka_index()[phrase] == concept


def test_infrastructure_is_every_resource_and_the_infrastructure_routes() -> None:
    matchers = load_policies({}).expand(Selector("infrastructure"))
    assert {m.kind for m in matchers} == {"resource", "route"}
    assert any(m.kind == "resource" and m.where is None for m in matchers)
    routes = [m for m in matchers if m.kind == "route"]
    assert len(routes) == 1 and routes[0].where is not None
