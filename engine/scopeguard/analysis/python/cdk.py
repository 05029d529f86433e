"""AWS CDK constructs instantiated in Python as ``resource`` elements.

``aws_lambda.Function(self, "Handler", ...)`` (after ``from aws_cdk import aws_lambda``) is the
resource ``Handler`` with ``type`` ``AWS::Lambda::Function`` (what it synthesises), ``format``
``cdk`` and ``construct`` ``aws_cdk.aws_lambda.Function``. A construct is a call whose callee
resolves to a class of an ``aws_cdk`` service module and that is given a scope and an id (two
positional arguments, or ``scope=`` and ``id=``), which tells it from the property structs and
helpers of the same modules (``aws_dynamodb.Attribute(name=...)``, ``aws_lambda.Code.from_asset``).

Level-1 classes (``CfnBucket``) name their type exactly; level-2 and pattern classes are looked up
in ``_L2``, and a class not listed there is assumed to synthesise ``AWS::<Service>::<Class>`` (the
common case: ``aws_sqs.Queue``). Constructs that synthesise no resource of their own (``App``,
``Stack``, ``CfnOutput``, ...) are skipped.

The digest is the construct class and its arguments (less the id), followed by one short hash per
keyword argument, which ``compare`` reads to name the ``properties_changed``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping

from scopeguard.analysis.python.calls import CallSite
from scopeguard.analysis.python.module import Module
from scopeguard.analysis.python.source import digest
from scopeguard.core.model import AttrValue, Element

#: ``aws_<module>`` -> the CloudFormation service namespace, where it is not the module name titled.
_SERVICES = {
    "apigateway": "ApiGateway",
    "apigatewayv2": "ApiGatewayV2",
    "appsync": "AppSync",
    "autoscaling": "AutoScaling",
    "certificatemanager": "CertificateManager",
    "cloudformation": "CloudFormation",
    "cloudfront": "CloudFront",
    "cloudtrail": "CloudTrail",
    "cloudwatch": "CloudWatch",
    "codebuild": "CodeBuild",
    "codecommit": "CodeCommit",
    "codepipeline": "CodePipeline",
    "dynamodb": "DynamoDB",
    "ec2": "EC2",
    "ecr": "ECR",
    "ecs": "ECS",
    "ecs_patterns": "ECS",
    "efs": "EFS",
    "eks": "EKS",
    "elasticache": "ElastiCache",
    "elasticloadbalancingv2": "ElasticLoadBalancingV2",
    "iam": "IAM",
    "kinesis": "Kinesis",
    "kms": "KMS",
    "lambda": "Lambda",
    "lambda_nodejs": "Lambda",
    "lambda_python": "Lambda",
    "lambda_python_alpha": "Lambda",
    "lambda_go_alpha": "Lambda",
    "logs": "Logs",
    "opensearchservice": "OpenSearchService",
    "rds": "RDS",
    "route53": "Route53",
    "s3": "S3",
    "secretsmanager": "SecretsManager",
    "sns": "SNS",
    "sqs": "SQS",
    "ssm": "SSM",
    "stepfunctions": "StepFunctions",
    "wafv2": "WAFv2",
}

#: Level-2 and pattern constructs whose resource type is not ``AWS::<Service>::<Class>``.
_L2 = {
    ("lambda", "DockerImageFunction"): "AWS::Lambda::Function",
    ("lambda", "SingletonFunction"): "AWS::Lambda::Function",
    ("lambda_nodejs", "NodejsFunction"): "AWS::Lambda::Function",
    ("lambda_python", "PythonFunction"): "AWS::Lambda::Function",
    ("lambda_python_alpha", "PythonFunction"): "AWS::Lambda::Function",
    ("lambda_go_alpha", "GoFunction"): "AWS::Lambda::Function",
    ("lambda", "LayerVersion"): "AWS::Lambda::LayerVersion",
    ("dynamodb", "TableV2"): "AWS::DynamoDB::GlobalTable",
    ("apigateway", "LambdaRestApi"): "AWS::ApiGateway::RestApi",
    ("apigateway", "SpecRestApi"): "AWS::ApiGateway::RestApi",
    ("apigateway", "StepFunctionsRestApi"): "AWS::ApiGateway::RestApi",
    ("apigatewayv2", "HttpApi"): "AWS::ApiGatewayV2::Api",
    ("apigatewayv2", "WebSocketApi"): "AWS::ApiGatewayV2::Api",
    ("appsync", "GraphqlApi"): "AWS::AppSync::GraphQLApi",
    ("ec2", "Vpc"): "AWS::EC2::VPC",
    ("ecs", "FargateService"): "AWS::ECS::Service",
    ("ecs", "Ec2Service"): "AWS::ECS::Service",
    ("ecs", "FargateTaskDefinition"): "AWS::ECS::TaskDefinition",
    ("ecs", "Ec2TaskDefinition"): "AWS::ECS::TaskDefinition",
    ("ecs_patterns", "ApplicationLoadBalancedFargateService"): "AWS::ECS::Service",
    ("ecs_patterns", "NetworkLoadBalancedFargateService"): "AWS::ECS::Service",
    ("ecs_patterns", "QueueProcessingFargateService"): "AWS::ECS::Service",
    ("ecs_patterns", "ScheduledFargateTask"): "AWS::Events::Rule",
    ("elasticloadbalancingv2", "ApplicationLoadBalancer"): "AWS::ElasticLoadBalancingV2::LoadBalancer",
    ("elasticloadbalancingv2", "NetworkLoadBalancer"): "AWS::ElasticLoadBalancingV2::LoadBalancer",
    ("elasticloadbalancingv2", "ApplicationTargetGroup"): "AWS::ElasticLoadBalancingV2::TargetGroup",
    ("kinesis", "Stream"): "AWS::Kinesis::Stream",
    ("logs", "LogGroup"): "AWS::Logs::LogGroup",
    ("rds", "DatabaseInstance"): "AWS::RDS::DBInstance",
    ("rds", "DatabaseInstanceFromSnapshot"): "AWS::RDS::DBInstance",
    ("rds", "DatabaseCluster"): "AWS::RDS::DBCluster",
    ("rds", "ServerlessCluster"): "AWS::RDS::DBCluster",
    ("route53", "HostedZone"): "AWS::Route53::HostedZone",
    ("route53", "ARecord"): "AWS::Route53::RecordSet",
    ("route53", "CnameRecord"): "AWS::Route53::RecordSet",
    ("ssm", "StringParameter"): "AWS::SSM::Parameter",
    ("ssm", "StringListParameter"): "AWS::SSM::Parameter",
    ("stepfunctions", "StateMachine"): "AWS::StepFunctions::StateMachine",
    ("cloudfront", "Distribution"): "AWS::CloudFront::Distribution",
    ("certificatemanager", "Certificate"): "AWS::CertificateManager::Certificate",
    ("cognito", "UserPool"): "AWS::Cognito::UserPool",
    ("cognito", "UserPoolClient"): "AWS::Cognito::UserPoolClient",
    ("kms", "Key"): "AWS::KMS::Key",
    ("iam", "ManagedPolicy"): "AWS::IAM::ManagedPolicy",
    ("events", "Rule"): "AWS::Events::Rule",
    ("events", "EventBus"): "AWS::Events::EventBus",
}

#: Classes of the core module that are resources; every other core class synthesises none itself.
_CORE = {
    "CfnResource": None,  # its type is the ``type=`` argument
    "CustomResource": "AWS::CloudFormation::CustomResource",
    "NestedStack": "AWS::CloudFormation::Stack",
}

_NOT_RESOURCES = frozenset(
    {"CfnOutput", "CfnParameter", "CfnCondition", "CfnMapping", "CfnRule", "CfnInclude"}
)


def _service(module: str) -> str:
    return _SERVICES.get(module, module.replace("_", " ").title().replace(" ", ""))


def resource_type(construct: str, call: ast.Call) -> str | None:
    """The CloudFormation type a construct class synthesises, or ``None`` when it makes no resource."""
    parts = construct.split(".")
    if len(parts) < 2 or parts[0] != "aws_cdk":
        return None
    cls = parts[-1]
    if not cls[:1].isupper() or cls in _NOT_RESOURCES:
        return None
    module = parts[1] if len(parts) > 2 else ""
    if module in ("", "core"):
        if cls not in _CORE:
            return None
        found = _CORE[cls]
        if found is None:
            value = next((k.value for k in call.keywords if k.arg == "type"), None)
            return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
        return found
    if len(parts) != 3 or not module.startswith("aws_"):
        return None
    service_module = module[len("aws_") :]
    if (service_module, cls) in _L2:
        return _L2[(service_module, cls)]
    if cls.startswith("Cfn") and len(cls) > 3:
        return f"AWS::{_service(service_module)}::{cls[3:]}"
    return f"AWS::{_service(service_module)}::{cls}"


def _construct_id(call: ast.Call) -> ast.expr | None:
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    if len(call.args) >= 2:
        return call.args[1]
    if len(call.args) == 1 and "id" in keywords:
        return keywords["id"]
    if "scope" in keywords and "id" in keywords:
        return keywords["id"]
    return None


def resource_elements(module: Module, sites: list[CallSite]) -> Iterator[Element]:
    source = module.source
    for site in sites:
        call = site.node
        construct = site.scope.qualify(call.func)
        if construct is None or not construct.startswith("aws_cdk."):
            continue
        id_node = _construct_id(call)
        if id_node is None:
            continue
        cfn_type = resource_type(construct, call)
        if cfn_type is None:
            continue
        if isinstance(id_node, ast.Constant) and isinstance(id_node.value, str):
            name = id_node.value
        else:
            name = source.text_of(id_node)
        rest = [source.text_of(a) for a in call.args if a is not id_node]
        keywords = [(k.arg or "**", source.text_of(k.value)) for k in call.keywords if k.value is not id_node]
        content = digest("construct", construct, *rest, *(f"{k}={v}" for k, v in keywords))
        per_property = ",".join(f"{k}:{digest(v)[:8]}" for k, v in keywords)
        attributes: dict[str, AttrValue] = {"type": cfn_type, "format": "cdk", "construct": construct}
        yield module.element(
            "resource", name, module.span(call), attributes, digest=f"{content};{per_property}"
        )


def _properties(element: Element) -> Mapping[str, str]:
    _, _, tail = (element.digest or "").partition(";")
    return dict(item.split(":", 1) for item in tail.split(",") if ":" in item)


def compare_resources(before: Element, after: Element) -> dict[str, AttrValue]:
    old, new = _properties(before), _properties(after)
    changed = sorted(k for k in {*old, *new} if old.get(k) != new.get(k))
    return {"properties_changed": tuple(changed)}
