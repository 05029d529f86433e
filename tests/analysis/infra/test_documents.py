"""Resources and routes read from one side of a file: templates, serverless.yml, OpenAPI, and look-alikes.

Every expectation is the exact element (name, type, line) an independent reading of the fixture gives.
"""

from __future__ import annotations

import pytest
from tests.analysis.infra.changes import fixture_text

from scopeguard.analysis.base import AnalysisError, SourceFile
from scopeguard.analysis.infra.analyser import InfrastructureAnalyser
from scopeguard.analysis.infra.cloudformation import is_template
from scopeguard.analysis.infra.yaml_positions import load
from scopeguard.core.model import Element

BOTH = frozenset({"resource", "route"})


def extract(path: str, text: str, kinds: frozenset[str] = BOTH) -> tuple[Element, ...]:
    return InfrastructureAnalyser().extract(SourceFile(path, text.encode("utf-8"), "head"), kinds).elements


def resources(elements: tuple[Element, ...]) -> list[tuple[str, object, int, object]]:
    return [
        (e.name, e.attributes["type"], e.span.line, e.attributes["format"])
        for e in elements
        if e.kind == "resource"
    ]


def routes(elements: tuple[Element, ...]) -> list[tuple[str, object, object, object, int]]:
    return [
        (e.name, e.attributes["framework"], e.attributes["function"], e.attributes["api"], e.span.line)
        for e in elements
        if e.kind == "route"
    ]


def test_the_worked_example_template_has_every_resource_with_its_line_and_type() -> None:
    elements = extract("template.yml", fixture_text("infra/sam-app/template.yml"))
    assert resources(elements) == [
        ("BackendApi", "AWS::Serverless::Api", 28, "cloudformation"),
        ("ListAssetsFunction", "AWS::Serverless::Function", 38, "cloudformation"),
        ("GetAssetFunction", "AWS::Serverless::Function", 53, "cloudformation"),
        ("ImportWorkerFunction", "AWS::Serverless::Function", 68, "cloudformation"),
        ("AssetsTable", "AWS::DynamoDB::Table", 85, "cloudformation"),
        ("ImportBucket", "AWS::S3::Bucket", 103, "cloudformation"),
        ("ImportQueue", "AWS::SQS::Queue", 110, "cloudformation"),
        ("ImportDeadLetterQueue", "AWS::SQS::Queue", 118, "cloudformation"),
        ("AssetEventsTopic", "AWS::SNS::Topic", 121, "cloudformation"),
        ("AssetChangeStream", "AWS::Kinesis::Stream", 126, "cloudformation"),
        ("UserPool", "AWS::Cognito::UserPool", 131, "cloudformation"),
    ]
    assert routes(elements) == [
        ("GET /assets", "sam", "ListAssetsFunction", "BackendApi", 46),
        ("GET /assets/{id}", "sam", "GetAssetFunction", "BackendApi", 61),
    ]
    get = next(e for e in elements if e.name == "GET /assets/{id}")
    assert get.attributes["handler"] == "bootstrap"  # from Globals
    assert (get.span.line, get.span.column, get.span.end_line) == (61, 9, 66)
    table = next(e for e in elements if e.name == "AssetsTable")
    assert (table.span.line, table.span.column, table.span.end_line) == (85, 3, 101)
    assert table.language == "yaml"


def test_a_yaml_of_detection_queries_with_resources_and_cloud_types_is_not_a_template() -> None:
    text = fixture_text("infra/detection-queries.yml")
    assert "AWS::S3::Bucket" in text and "Resources:" in text
    assert extract("security/detection-queries.yml", text) == ()


@pytest.mark.parametrize(
    "text",
    [
        # a Kubernetes manifest: no template sections
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  Resources: AWS::S3::Bucket\n",
        # Resources as a list
        "Resources:\n  - AWS::S3::Bucket\n  - AWS::SQS::Queue\n",
        # an entry whose Type is not a resource type
        "Resources:\n  Bucket:\n    Type: bucket\n",
        # an entry with a key that is no resource attribute
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    query: SELECT 1\n",
        # a section CloudFormation does not have
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\nrules: []\n",
        # documentation that only mentions the keys
        "# Resources: AWS::Lambda::Function\ntitle: notes\nbody: AWSTemplateFormatVersion is required\n",
    ],
)
def test_look_alikes_are_not_templates(text: str) -> None:
    assert extract("config/x.yaml", text) == ()


def test_a_bare_resources_document_is_a_template_when_every_entry_is_a_resource() -> None:
    text = (
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n"
        "  Hook:\n    Type: Custom::Seed\n"
    )
    assert is_template(load(text))
    assert resources(extract("infra/stack.yaml", text)) == [
        ("Bucket", "AWS::S3::Bucket", 2, "cloudformation"),
        ("Hook", "Custom::Seed", 5, "cloudformation"),
    ]


def test_a_json_template_gives_api_gateway_routes_with_their_paths_and_functions() -> None:
    elements = extract("cfn/rest-api.json", fixture_text("infra/cloudformation/rest-api.json"))
    assert [e.language for e in elements] == ["json"] * len(elements)
    assert resources(elements)[0] == ("Api", "AWS::ApiGateway::RestApi", 4, "cloudformation")
    assert routes(elements) == [
        ("GET /assets/{id}", "apigateway", "GetAssetFunction", "Api", 13),
        ("POST /events", "apigateway", "GetAssetFunction", "HttpApi", 36),
    ]


def test_sam_http_api_events_state_machines_and_definition_bodies_are_routes() -> None:
    text = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: "3.0.1"
        paths:
          /orders:
            post:
              x-amazon-apigateway-integration:
                uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/${OrdersFunction.Arn}/invocations"
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: orders
      Events:
        Default:
          Type: HttpApi
        Any:
          Type: Api
          Properties: {Path: "/orders/{id}", Method: ANY}
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Events:
        Start:
          Type: Api
          Properties: {Path: /flows, Method: post}
        Nightly:
          Type: Schedule
          Properties: {Schedule: rate(1 day)}
"""
    elements = extract("template.yaml", text)
    assert routes(elements) == [
        ("POST /orders", "openapi", "OrdersFunction", "Api", 11),
        ("ANY $default", "sam", "OrdersFunction", None, 19),
        ("ANY /orders/{id}", "sam", "OrdersFunction", None, 21),
        ("POST /flows", "sam", "Flow", None, 28),
    ]
    flow = next(e for e in elements if e.name == "POST /flows")
    assert flow.attributes["handler"] is None
    assert [e.attributes["handler"] for e in elements if e.attributes.get("function") == "OrdersFunction"][
        1:
    ] == [
        "orders",
        "orders",
    ]


def test_for_each_templates_are_resources_named_by_their_template() -> None:
    text = """\
Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Topics:
    - Name
    - [Orders, Refunds]
    - Topic${Name}:
        Type: AWS::SNS::Topic
"""
    assert resources(extract("template.yaml", text)) == [
        ("Topic${Name}", "AWS::SNS::Topic", 6, "cloudformation")
    ]


def test_only_the_kinds_asked_for_are_made() -> None:
    text = fixture_text("infra/sam-app/template.yml")
    assert {e.kind for e in extract("template.yml", text, frozenset({"route"}))} == {"route"}
    assert {e.kind for e in extract("template.yml", text, frozenset({"resource"}))} == {"resource"}
    assert extract("template.yml", text, frozenset({"class"})) == ()


def test_serverless_yml_functions_events_and_resources() -> None:
    elements = extract("services/assets/serverless.yml", fixture_text("infra/serverless/serverless.yml"))
    assert resources(elements) == [
        ("listAssets", "AWS::Lambda::Function", 10, "serverless"),
        ("ingest", "AWS::Lambda::Function", 19, "serverless"),
        ("IngestQueue", "AWS::SQS::Queue", 31, "serverless"),
    ]
    assert routes(elements) == [
        ("GET /assets", "serverless", "listAssets", None, 15),
        ("GET /assets/{id}", "serverless", "listAssets", None, 16),
        ("POST /ingest", "serverless", "ingest", "httpApi", 22),
        ("ANY /ingest/{proxy+}", "serverless", "ingest", "httpApi", 23),
    ]


def test_a_file_named_otherwise_is_not_read_as_serverless_yml() -> None:
    assert extract("docs/example.yml", fixture_text("infra/serverless/serverless.yml")) == ()


def test_openapi_operations_are_routes_and_path_level_keys_are_not() -> None:
    elements = extract("api/openapi.yaml", fixture_text("infra/openapi/openapi.yaml"))
    assert [(e.name, e.attributes["handler"], e.span.line) for e in elements] == [
        ("GET /assets", "listAssets", 11),
        ("POST /assets", "createAsset", 15),
        ("GET /assets/{id}", "getAsset", 20),
        ("ANY /assets/{id}", None, 24),
    ]
    assert {e.attributes["framework"] for e in elements} == {"openapi"}


def test_openapi_documents_are_not_read_for_resources() -> None:
    assert (
        extract("api/openapi.yaml", fixture_text("infra/openapi/openapi.yaml"), frozenset({"resource"})) == ()
    )


def test_a_broken_template_is_an_analysis_error_with_its_line() -> None:
    text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: [AWS::Lambda::Function\n"
    with pytest.raises(AnalysisError) as caught:
        extract("template.yml", text)
    assert caught.value.message.startswith("not valid YAML: ")
    assert caught.value.line == 4


def test_a_broken_yaml_that_is_no_template_is_simply_not_ours() -> None:
    assert extract("chart/templates/deploy.yaml", "Resources: {{ .Values.resources }}\n  x: [\n") == ()


def test_binary_content_has_no_elements() -> None:
    source = SourceFile("template.json", b"\x00\x01Resources:", "head")
    assert InfrastructureAnalyser().extract(source, BOTH).elements == ()
