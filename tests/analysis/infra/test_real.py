"""Real commits of public SAM and Terraform repositories (vendored under ``fixtures/real``).

What scopeguard reports as added and removed resources must equal an independent reading of the same
two revisions: for templates, PyYAML's plain safe loader (tags ignored) and a set difference of
``(logical id, Type)``; for Terraform, python-hcl2's own dictionary output (``hcl2.loads``) and a set
difference of ``TYPE.NAME``. The expected changes are also written out, as read by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hcl2
import yaml
from tests.analysis.infra.changes import Outcome, changes_between, fixture_text

RUST = "real/serverless-rust-demo"
PATTERN = "real/serverless-patterns-apigw-lambda-dynamodb-terraform"


class _PlainLoader(yaml.SafeLoader):
    """A loader that reads any local tag (``!Ref``, ``!GetAtt``) as null: only keys and types matter."""


_PlainLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def template_resources(text: str) -> set[tuple[str, str]]:
    doc: Any = yaml.load(text, Loader=_PlainLoader)
    return {(name, body["Type"]) for name, body in doc["Resources"].items()}


def terraform_resources(text: str) -> set[str]:
    if not text.strip():
        return set()
    blocks = hcl2.loads(text).get("resource", [])
    return {
        f"{kind}.{name}".replace('"', "")
        for block in blocks
        for kind, named in block.items()
        for name in named
    }


def added_removed(outcome: Outcome) -> tuple[set[tuple[str, str | None]], set[tuple[str, str | None]]]:
    rows = outcome.rows("resource")
    added = {(name, kind) for change, _, name, kind, _, _ in rows if change == "added"}
    removed = {(name, kind) for change, _, name, kind, _, _ in rows if change == "removed"}
    return added, removed


def test_sam_commit_that_adds_a_stream_function_and_an_event_bus(tmp_path: Path) -> None:
    old = fixture_text(f"{RUST}/020ab66/template.yaml")
    new = fixture_text(f"{RUST}/d5d5622/template.yaml")
    outcome = changes_between(tmp_path, {"template.yaml": old}, {"template.yaml": new}, ("resource", "route"))
    added, removed = added_removed(outcome)
    assert added == template_resources(new) - template_resources(old)
    assert removed == template_resources(old) - template_resources(new)
    assert added == {
        ("DDBStreamsFunction", "AWS::Serverless::Function"),
        ("EventBus", "AWS::Events::EventBus"),
    }
    assert removed == set()
    assert outcome.named("resource", "DDBStreamsFunction").element.span.line == 94
    assert outcome.named("resource", "EventBus").element.span.line == 130
    modified = {
        c.element.name: c.details["properties_changed"] for c in outcome.changes if c.change == "modified"
    }
    assert modified == {
        "GetProductsFunction": ("CodeUri",),
        "GetProductFunction": ("CodeUri",),
        "PutProductFunction": ("CodeUri",),
        "DeleteProductFunction": ("CodeUri",),
        "Table": ("StreamSpecification",),
    }
    # the four HTTP API routes are the same on both sides; the streams function has no Api event
    assert [c for c in outcome.changes if c.kind == "route"] == []


def test_sam_commit_read_backwards_removes_them_at_their_base_lines(tmp_path: Path) -> None:
    old = fixture_text(f"{RUST}/d5d5622/template.yaml")
    new = fixture_text(f"{RUST}/020ab66/template.yaml")
    outcome = changes_between(tmp_path, {"template.yaml": old}, {"template.yaml": new}, ("resource",))
    added, removed = added_removed(outcome)
    assert removed == template_resources(old) - template_resources(new)
    assert (added, removed) == (
        set(),
        {("DDBStreamsFunction", "AWS::Serverless::Function"), ("EventBus", "AWS::Events::EventBus")},
    )
    assert outcome.named("resource", "EventBus").element.span.line == 130


def test_terraform_commit_that_only_bumps_the_runtime_adds_nothing(tmp_path: Path) -> None:
    old = fixture_text(f"{PATTERN}/b47fb56/main.tf")
    new = fixture_text(f"{PATTERN}/18e3324/main.tf")
    path = "apigw-lambda-dynamodb-terraform/main.tf"
    outcome = changes_between(tmp_path, {path: old}, {path: new}, ("resource", "route"))
    assert terraform_resources(old) == terraform_resources(new)
    assert added_removed(outcome) == (set(), set())
    assert outcome.rows() == {
        ("modified", "resource", "aws_lambda_function.apigw_lambda_ddb", "aws_lambda_function", path, 81)
    }
    assert outcome.changes[0].details == {"properties_changed": ("runtime",)}


def test_terraform_commit_that_creates_the_pattern_adds_every_resource(tmp_path: Path) -> None:
    new = fixture_text(f"{PATTERN}/18e3324/main.tf")
    path = "apigw-lambda-dynamodb-terraform/main.tf"
    outcome = changes_between(
        tmp_path, {"README.md": "patterns\n"}, {path: new}, ("resource",), replace=False
    )
    added, removed = added_removed(outcome)
    assert {name for name, _ in added} == terraform_resources(new) - terraform_resources("")
    assert removed == set()
    assert sorted(added) == [
        ("aws_apigatewayv2_api.http_lambda", "aws_apigatewayv2_api"),
        ("aws_apigatewayv2_integration.apigw_lambda", "aws_apigatewayv2_integration"),
        ("aws_apigatewayv2_route.post", "aws_apigatewayv2_route"),
        ("aws_apigatewayv2_stage.default", "aws_apigatewayv2_stage"),
        ("aws_cloudwatch_log_group.api_gw", "aws_cloudwatch_log_group"),
        ("aws_cloudwatch_log_group.lambda_logs", "aws_cloudwatch_log_group"),
        ("aws_dynamodb_table.movie_table", "aws_dynamodb_table"),
        ("aws_iam_policy.lambda_exec_role", "aws_iam_policy"),
        ("aws_iam_role.lambda_exec", "aws_iam_role"),
        ("aws_iam_role_policy_attachment.lambda_policy", "aws_iam_role_policy_attachment"),
        ("aws_lambda_function.apigw_lambda_ddb", "aws_lambda_function"),
        ("aws_lambda_permission.api_gw", "aws_lambda_permission"),
        ("aws_s3_bucket.lambda_bucket", "aws_s3_bucket"),
        ("aws_s3_bucket_acl.private_bucket", "aws_s3_bucket_acl"),
        ("aws_s3_object.this", "aws_s3_object"),
        ("random_string.random", "random_string"),
    ]


def test_terraform_commit_that_deletes_the_pattern_removes_every_resource(tmp_path: Path) -> None:
    old = fixture_text(f"{PATTERN}/b47fb56/main.tf")
    path = "apigw-lambda-dynamodb-terraform/main.tf"
    outcome = changes_between(
        tmp_path, {path: old, "README.md": "x\n"}, {path: None}, ("resource",), replace=False
    )
    added, removed = added_removed(outcome)
    assert added == set()
    assert {name for name, _ in removed} == terraform_resources(old)
    assert outcome.named("resource", "aws_dynamodb_table.movie_table").element.span.line == 30
