"""Resource and route changes between two commits of a real repository: the traps of issue 4.

A template that only changes a property has a modified resource, not an added one; a renamed template
has renamed resources and nothing added; a function that gains an ``Api`` event has an added route;
a Terraform resource that is commented out, or only mentioned in a heredoc, is no resource.
"""

from __future__ import annotations

from pathlib import Path

from tests.analysis.infra.changes import changes_between, fixture_text

SAM = "infra/sam-app/template.yml"
KINDS = ("resource", "route")

NEW_FUNCTION = """
  CreateAssetFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: backend/cmd/create-asset
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref AssetsTable
      Events:
        CreateAsset:
          Type: Api
          Properties:
            Path: /assets
            Method: post
            RestApiId: !Ref BackendApi
"""


def sam() -> str:
    return fixture_text(SAM)


def test_a_new_function_with_an_api_event_is_an_added_resource_and_an_added_route(tmp_path: Path) -> None:
    head = sam().replace("  ImportWorkerFunction:", NEW_FUNCTION.lstrip("\n") + "\n  ImportWorkerFunction:")
    outcome = changes_between(tmp_path, {"template.yml": sam()}, {"template.yml": head}, KINDS)
    assert outcome.rows() == {
        ("added", "resource", "CreateAssetFunction", "AWS::Serverless::Function", "template.yml", 68),
        ("added", "route", "POST /assets", None, "template.yml", 76),
    }
    route = outcome.named("route", "POST /assets")
    assert route.element.attributes["function"] == "CreateAssetFunction"
    assert route.element.attributes["api"] == "BackendApi"


def test_a_property_change_is_a_modified_resource_naming_the_property(tmp_path: Path) -> None:
    head = sam().replace("      ShardCount: 1\n", "      ShardCount: 4\n")
    outcome = changes_between(tmp_path, {"template.yml": sam()}, {"template.yml": head}, KINDS)
    assert outcome.rows() == {
        ("modified", "resource", "AssetChangeStream", "AWS::Kinesis::Stream", "template.yml", 126)
    }
    assert outcome.changes[0].details == {"properties_changed": ("ShardCount",)}


def test_resource_attributes_and_several_properties_are_named_in_order(tmp_path: Path) -> None:
    head = sam().replace(
        "    Type: AWS::DynamoDB::Table\n    DeletionPolicy: Retain\n"
        "    Properties:\n      BillingMode: PAY_PER_REQUEST\n",
        "    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PROVISIONED\n"
        "      ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: 5}\n",
    )
    outcome = changes_between(tmp_path, {"template.yml": sam()}, {"template.yml": head}, KINDS)
    assert [c.details for c in outcome.changes] == [
        {"properties_changed": ("BillingMode", "DeletionPolicy", "ProvisionedThroughput")}
    ]


def test_formatting_and_comments_change_nothing(tmp_path: Path) -> None:
    head = (
        sam()
        .replace("  ImportDeadLetterQueue:\n", "  # kept for replays\n  ImportDeadLetterQueue:\n")
        .replace(
            "      AutoVerifiedAttributes: [email]\n", "      AutoVerifiedAttributes:\n        - email\n"
        )
    )
    outcome = changes_between(tmp_path, {"template.yml": sam()}, {"template.yml": head}, KINDS)
    assert outcome.rows() == set()


def test_a_renamed_template_has_renamed_resources_and_nothing_added(tmp_path: Path) -> None:
    outcome = changes_between(tmp_path, {"template.yml": sam()}, {"deploy/template.yml": sam()}, KINDS)
    assert {c.change for c in outcome.changes} == {"renamed"}
    assert len([c for c in outcome.changes if c.kind == "resource"]) == 11
    assert len([c for c in outcome.changes if c.kind == "route"]) == 2
    table = outcome.named("resource", "AssetsTable")
    assert (table.old_path, table.element.path, table.element.span.line) == (
        "template.yml",
        "deploy/template.yml",
        85,
    )


def test_a_renamed_and_edited_template_has_one_modified_resource_and_nothing_added(tmp_path: Path) -> None:
    head = sam().replace("      ShardCount: 1\n", "      ShardCount: 2\n")
    outcome = changes_between(tmp_path, {"template.yml": sam()}, {"stack/template.yaml": head}, KINDS)
    assert {c.change for c in outcome.changes} == {"renamed", "modified"}
    modified = [c for c in outcome.changes if c.change == "modified"]
    assert [(c.element.name, c.old_path, c.details) for c in modified] == [
        ("AssetChangeStream", "template.yml", {"properties_changed": ("ShardCount",)})
    ]


def test_an_existing_function_that_gains_an_api_event_has_an_added_route(tmp_path: Path) -> None:
    head = sam().replace(
        "            Path: /assets/{id}\n            Method: get\n            RestApiId: !Ref BackendApi\n",
        "            Path: /assets/{id}\n            Method: get\n            RestApiId: !Ref BackendApi\n"
        "        GetAssetHistory:\n          Type: Api\n          Properties:\n"
        "            Path: /assets/{id}/history\n            Method: get\n"
        "            RestApiId: !Ref BackendApi\n",
    )
    outcome = changes_between(tmp_path, {"template.yml": sam()}, {"template.yml": head}, KINDS)
    assert outcome.rows() == {
        ("added", "route", "GET /assets/{id}/history", None, "template.yml", 67),
        ("modified", "resource", "GetAssetFunction", "AWS::Serverless::Function", "template.yml", 53),
    }
    assert outcome.named("resource", "GetAssetFunction").details == {"properties_changed": ("Events",)}
    assert (
        outcome.named("route", "GET /assets/{id}/history").element.attributes["function"]
        == "GetAssetFunction"
    )


def test_a_renamed_logical_id_with_the_same_definition_is_renamed(tmp_path: Path) -> None:
    head = sam().replace("  AssetEventsTopic:\n", "  AssetNotificationsTopic:\n")
    outcome = changes_between(tmp_path, {"template.yml": sam()}, {"template.yml": head}, KINDS)
    assert [(c.change, c.element.name, c.old_name) for c in outcome.changes] == [
        ("renamed", "AssetNotificationsTopic", "AssetEventsTopic")
    ]


def test_a_removed_table_is_removed_at_its_base_line(tmp_path: Path) -> None:
    text = sam()
    start = text.index("\n  ImportBucket:")
    end = text.index("\n  ImportQueue:")
    head = text[:start] + text[end:]
    outcome = changes_between(tmp_path, {"template.yml": sam()}, {"template.yml": head}, KINDS)
    assert outcome.rows() == {("removed", "resource", "ImportBucket", "AWS::S3::Bucket", "template.yml", 103)}


def test_an_ordinary_code_change_has_no_infrastructure_changes(tmp_path: Path) -> None:
    base = {
        "template.yml": sam(),
        "backend/pkg/assets/list.go": fixture_text("infra/sam-app/backend/pkg/assets/list.go"),
    }
    head = {"backend/pkg/assets/list.go": base["backend/pkg/assets/list.go"].replace("[]string{}", "nil")}
    outcome = changes_between(tmp_path, base, head, KINDS, replace=False)
    assert outcome.rows() == set()
    assert outcome.notices == ()


def test_adding_a_yaml_of_detection_queries_adds_no_resource(tmp_path: Path) -> None:
    outcome = changes_between(
        tmp_path,
        {"template.yml": sam()},
        {"security/detection-queries.yml": fixture_text("infra/detection-queries.yml")},
        KINDS,
        replace=False,
    )
    assert outcome.rows() == set()


def test_a_template_broken_on_the_head_side_is_a_notice_and_reports_nothing(tmp_path: Path) -> None:
    head = sam().replace("      ShardCount: 1\n", "      ShardCount: [1\n")
    outcome = changes_between(tmp_path, {"template.yml": sam()}, {"template.yml": head}, KINDS)
    assert outcome.rows() == set()
    assert [(n.path, n.line, n.message.split(":")[0]) for n in outcome.notices] == [
        ("template.yml", 129, "not analysed (infrastructure, head side)")
    ]


def test_terraform_uncommenting_a_resource_adds_it_and_a_heredoc_edit_modifies_its_owner(
    tmp_path: Path,
) -> None:
    base = fixture_text("infra/terraform/main.tf")
    head = base.replace(
        '# resource "aws_sqs_queue" "imports" {\n#   name = "${local.prefix}-imports"\n# }\n',
        'resource "aws_sqs_queue" "imports" {\n  name = "${local.prefix}-imports"\n}\n',
    ).replace('"Action": "dynamodb:*"', '"Action": "dynamodb:GetItem"')
    assert head != base
    outcome = changes_between(tmp_path, {"infra/main.tf": base}, {"infra/main.tf": head}, KINDS)
    assert outcome.rows() == {
        ("added", "resource", "aws_sqs_queue.imports", "aws_sqs_queue", "infra/main.tf", 40),
        (
            "modified",
            "resource",
            "aws_iam_role_policy.table_access",
            "aws_iam_role_policy",
            "infra/main.tf",
            57,
        ),
    }
    assert outcome.named("resource", "aws_iam_role_policy.table_access").details == {
        "properties_changed": ("policy",)
    }


def test_terraform_comment_and_heredoc_lookalikes_added_add_nothing(tmp_path: Path) -> None:
    base = fixture_text("infra/terraform/main.tf")
    head = base + (
        '\n# resource "aws_rds_cluster" "later" {}\n'
        'resource "aws_ssm_parameter" "doc" {\n  name  = "doc"\n  type  = "String"\n'
        '  value = <<EOT\nresource "aws_rds_cluster" "in_heredoc" {}\nEOT\n}\n'
    )
    outcome = changes_between(tmp_path, {"main.tf": base}, {"main.tf": head}, KINDS)
    assert outcome.rows() == {
        ("added", "resource", "aws_ssm_parameter.doc", "aws_ssm_parameter", "main.tf", 87)
    }
