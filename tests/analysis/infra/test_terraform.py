"""Terraform resources, modules and API Gateway routes, read by python-hcl2 with their lines."""

from __future__ import annotations

import re

import hcl2
import pytest
from tests.analysis.infra.changes import fixture_text

from scopeguard.analysis.base import AnalysisError, SourceFile
from scopeguard.analysis.infra.terraform import TerraformAnalyser
from scopeguard.core.model import Element

BOTH = frozenset({"resource", "route"})
REAL = "real/serverless-patterns-apigw-lambda-dynamodb-terraform"


def extract(text: str, kinds: frozenset[str] = BOTH, path: str = "infra/main.tf") -> tuple[Element, ...]:
    return TerraformAnalyser().extract(SourceFile(path, text.encode("utf-8"), "head"), kinds).elements


def test_resources_and_modules_with_lines_and_nothing_commented_out_or_inside_a_heredoc() -> None:
    elements = extract(fixture_text("infra/terraform/main.tf"))
    assert [(e.name, e.attributes["type"], e.span.line, e.span.end_line) for e in elements] == [
        ("aws_dynamodb_table.assets", "aws_dynamodb_table", 29, 38),
        ("aws_iam_role.lambda", "aws_iam_role", 52, 55),
        ("aws_iam_role_policy.table_access", "aws_iam_role_policy", 57, 65),
        ("aws_lambda_function.list_assets", "aws_lambda_function", 67, 73),
        ("module.vpc", "module", 75, 80),
    ]
    assert {e.attributes["format"] for e in elements} == {"terraform"}
    assert {e.language for e in elements} == {"terraform"}
    vpc = elements[-1]
    assert vpc.attributes["source"] == "terraform-aws-modules/vpc/aws"


def test_the_heredoc_and_the_comments_really_hold_resource_lookalikes() -> None:
    text = fixture_text("infra/terraform/main.tf")
    headers = re.findall(r'resource \\?"(\w+)\\?" \\?"(\w+)\\?"', text)
    assert ("aws_sqs_queue", "imports") in headers
    assert ("aws_s3_bucket", "archive") in headers
    assert ("aws_kinesis_stream", "fake") in headers
    assert not {e.name for e in extract(text)} & {
        "aws_sqs_queue.imports",
        "aws_s3_bucket.archive",
        "aws_sns_topic.events",
        "aws_kinesis_stream.fake",
    }


def test_the_real_pattern_agrees_with_hcl2s_own_dictionary_reading() -> None:
    text = fixture_text(f"{REAL}/18e3324/main.tf")
    independent = {
        f"{kind}.{name}".replace('"', "")
        for block in hcl2.loads(text)["resource"]
        for kind, named in block.items()
        for name in named
    }
    ours = {e.name for e in extract(text, frozenset({"resource"}))}
    assert ours == independent
    assert len(ours) == 16
    assert "data.archive_file.lambda_zip" not in ours and "archive_file.lambda_zip" not in ours


def test_an_http_api_route_names_its_function_through_the_integration() -> None:
    routes = [e for e in extract(fixture_text(f"{REAL}/18e3324/main.tf")) if e.kind == "route"]
    assert [(e.name, e.span.line) for e in routes] == [("POST /movies", 205)]
    assert routes[0].attributes["function"] == "aws_lambda_function.apigw_lambda_ddb"
    assert routes[0].attributes["api"] == "aws_apigatewayv2_api.http_lambda"
    assert routes[0].attributes["framework"] == "apigateway"


def test_rest_api_methods_are_routes_under_their_resource_path() -> None:
    text = """\
resource "aws_api_gateway_rest_api" "api" { name = "assets" }
resource "aws_api_gateway_resource" "assets" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "assets"
}
resource "aws_api_gateway_resource" "asset" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_resource.assets.id
  path_part   = "{id}"
}
resource "aws_api_gateway_method" "delete_asset" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.asset.id
  http_method   = "DELETE"
  authorization = "NONE"
}
resource "aws_api_gateway_integration" "delete_asset" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_resource.asset.id
  http_method             = aws_api_gateway_method.delete_asset.http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.assets.invoke_arn
}
"""
    routes = [e for e in extract(text) if e.kind == "route"]
    assert [(e.name, e.span.line, e.attributes["function"]) for e in routes] == [
        ("DELETE /assets/{id}", 12, "aws_lambda_function.assets")
    ]


def test_a_file_hcl2_cannot_parse_is_an_analysis_error_with_its_line() -> None:
    with pytest.raises(AnalysisError) as caught:
        extract('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n\nresource "aws_sqs_queue" "q" {}\n')
    assert caught.value.message.startswith("not valid HCL: ")
    assert caught.value.line == 5


def test_tf_and_tf_json_files_are_accepted_and_nothing_else() -> None:
    analyser = TerraformAnalyser()
    assert analyser.accepts("infra/main.tf")
    assert analyser.accepts("infra/cdktf.out/stacks/app/cdk.tf.json")
    assert not analyser.accepts("infra/terraform.tfvars")
    assert not analyser.accepts("infra/terraform.tfvars.json")
    assert not analyser.accepts("infra/main.json")


# --- the JSON syntax (*.tf.json) -------------------------------------------------------------------


def _reading(elements: tuple[Element, ...]) -> list[tuple[str, str, dict[str, object]]]:
    """What both syntaxes must agree on: kind, name and attributes (positions differ by syntax)."""
    return [(e.kind, e.name, dict(e.attributes)) for e in elements]


def test_the_json_syntax_reads_as_the_same_configuration_in_hcl() -> None:
    hcl = extract(fixture_text("infra/terraform/api.tf"), path="infra/api.tf")
    json = extract(fixture_text("infra/terraform/api.tf.json"), path="infra/api.tf.json")
    assert _reading(json) == _reading(hcl)
    assert [e.name for e in json if e.kind == "resource"] == [
        "aws_api_gateway_rest_api.api",
        "aws_api_gateway_resource.assets",
        "aws_api_gateway_resource.asset",
        "aws_api_gateway_method.delete_asset",
        "aws_api_gateway_integration.delete_asset",
        "aws_lambda_function.assets",
        "module.vpc",
    ]
    route = next(e for e in json if e.kind == "route")
    assert (route.name, route.attributes["function"]) == ("DELETE /assets/{id}", "aws_lambda_function.assets")
    assert (
        next(e for e in json if e.name == "module.vpc").attributes["source"]
        == "terraform-aws-modules/vpc/aws"
    )


def test_a_json_block_stands_from_its_name_to_its_closing_brace() -> None:
    spans = {
        e.name: (e.span.line, e.span.column, e.span.end_line, e.span.end_column)
        for e in extract(fixture_text("infra/terraform/api.tf.json"), path="infra/api.tf.json")
        if e.kind == "resource"
    }
    assert spans["aws_api_gateway_rest_api.api"] == (13, 7, 13, 34)
    assert spans["aws_api_gateway_method.delete_asset"] == (28, 7, 34, 8)
    assert spans["module.vpc"] == (56, 5, 57, 72)


def test_a_json_comment_property_changes_nothing_but_a_property_does() -> None:
    base = '{"resource": {"aws_sqs_queue": {"jobs": {"name": "jobs"}}}}'
    commented = '{"resource": {"aws_sqs_queue": {"//": "a note", "jobs": {"//": "why", "name": "jobs"}}}}'
    changed = '{"resource": {"aws_sqs_queue": {"jobs": {"name": "jobs-v2"}}}}'

    def digest(text: str) -> object:
        (queue,) = extract(text, path="main.tf.json")
        return queue.digest

    assert digest(commented) == digest(base)
    assert digest(changed) != digest(base)


def test_data_sources_and_other_top_level_blocks_are_not_resources_in_json_either() -> None:
    text = (
        '{"data": {"aws_ami": {"ubuntu": {}}}, "variable": {"stage": {}}, "output": {"url": {"value": "x"}}}'
    )
    assert extract(text, path="main.tf.json") == ()


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('{\n  "resource": {\n    "aws_sqs_queue": {"q": {}\n}\n', "not valid JSON: ", 2),
        ('["resource"]', "not a Terraform JSON configuration: the top level is not an object", None),
    ],
)
def test_a_tf_json_file_that_is_not_a_json_object_is_an_analysis_error(
    text: str, message: str, line: int | None
) -> None:
    with pytest.raises(AnalysisError) as caught:
        extract(text, path="main.tf.json")
    assert caught.value.message.startswith(message)
    assert caught.value.line == line  # where the mapping left open began
