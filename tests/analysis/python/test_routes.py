"""HTTP routes of Flask, FastAPI and Django, and AWS CDK constructs, read from Python files."""

from __future__ import annotations

from tests.analysis.python.support import elements, fixture_text


def _routes(
    source: str, path: str = "app/views.py"
) -> list[tuple[str, str, str, str | None, str | None, int]]:
    return [
        (
            e.name,
            e.attributes["framework"],
            e.attributes["route"],
            e.attributes["handler"],  # type: ignore[misc]
            e.attributes["function"],
            e.span.line,
        )  # type: ignore[misc]
        for e in elements(source, path, "route")
    ]


def test_flask_routes_with_methods_blueprint_prefix_and_add_url_rule() -> None:
    source = (
        "from flask import Blueprint, Flask\n"
        "app = Flask(__name__)\n"
        "bp = Blueprint('users', __name__, url_prefix='/api/')\n"
        "@bp.route('/users/<int:user_id>', methods=['GET', 'delete'])\n"
        "def user(user_id): ...\n"
        "@app.get('/health')\n"
        "def health(): ...\n"
        "@app.route('/')\n"
        "def index(): ...\n"
        "def legacy(): ...\n"
        "app.add_url_rule('/legacy/<path:rest>', 'legacy', legacy, methods=['POST'])\n"
        "@cache.get('not-a-route')\n"
        "def cached(): ...\n"
    )
    assert _routes(source) == [
        ("GET /api/users/{user_id}", "flask", "/api/users/{user_id}", "app.views.user", "user", 4),
        ("DELETE /api/users/{user_id}", "flask", "/api/users/{user_id}", "app.views.user", "user", 4),
        ("GET /health", "flask", "/health", "app.views.health", "health", 6),
        ("GET /", "flask", "/", "app.views.index", "index", 8),
        ("POST /legacy/{rest}", "flask", "/legacy/{rest}", "app.views.legacy", None, 11),
    ]


def test_fastapi_routes_with_router_prefix() -> None:
    found = _routes(fixture_text("src/app/api.py"), "src/app/api.py")
    assert found == [
        ("GET /assets/", "fastapi", "/assets/", "app.api.list_assets", "list_assets", 10),
        ("GET /assets/{key}", "fastapi", "/assets/{key}", "app.api.get_asset", "get_asset", 15),
    ]
    source = (
        "import fastapi\n"
        "app = fastapi.FastAPI()\n"
        "@app.api_route('/items/{item_id:int}', methods=['PUT', 'PATCH'])\n"
        "async def update(item_id): ...\n"
        "app.add_api_route('/ping', ping)\n"
    )
    assert _routes(source, "main.py") == [
        ("PUT /items/{item_id}", "fastapi", "/items/{item_id}", "main.update", "update", 3),
        ("PATCH /items/{item_id}", "fastapi", "/items/{item_id}", "main.update", "update", 3),
        ("GET /ping", "fastapi", "/ping", "ping", None, 5),
    ]


def test_a_view_module_without_framework_import_is_read_by_decorator_shape() -> None:
    source = (
        "from .blueprints import api\n@api.route('/orders')\ndef orders(): ...\n"
        "@api.post('/orders')\ndef create(): ...\n"
    )
    assert [(name, framework) for name, framework, *_ in _routes(source, "shop/views.py")] == [
        ("GET /orders", "flask"),
        ("POST /orders", "fastapi"),
    ]


def test_django_urlpatterns() -> None:
    source = (
        "from django.urls import include, path, re_path\n"
        "from . import views\n"
        "from .views import ArticleView\n"
        "urlpatterns = [\n"
        "    path('articles/<int:year>/', views.year_archive, name='archive'),\n"
        "    path('articles/<slug:slug>/', ArticleView.as_view()),\n"
        "    re_path(r'^feeds/(?P<id>[0-9]+)/$', views.feed),\n"
        "    path('api/', include('api.urls')),\n"
        "]\n"
    )
    assert _routes(source, "news/urls.py") == [
        ("ANY /articles/{year}/", "django", "/articles/{year}/", "news.views.year_archive", None, 5),
        ("ANY /articles/{slug}/", "django", "/articles/{slug}/", "news.views.ArticleView", None, 6),
        ("ANY /feeds/(?P<id>[0-9]+)/", "django", "/feeds/(?P<id>[0-9]+)/", "news.views.feed", None, 7),
    ]


def test_cdk_constructs_are_resources_with_their_cloudformation_types() -> None:
    found = [
        (e.name, e.attributes["type"], e.attributes["format"], e.attributes["construct"], e.span.line)
        for e in elements(fixture_text("infra/stack.py"), "infra/stack.py", "resource")
    ]
    assert found == [
        ("Assets", "AWS::DynamoDB::Table", "cdk", "aws_cdk.aws_dynamodb.Table", 11),
        ("AssetHandler", "AWS::Lambda::Function", "cdk", "aws_cdk.aws_lambda.Function", 16),
    ]


def test_cdk_level_one_core_and_unlisted_constructs() -> None:
    source = (
        "import aws_cdk as cdk\n"
        "from aws_cdk import aws_apigateway as apigw, aws_s3, aws_sqs as sqs\n"
        "import aws_cdk.aws_lambda_python_alpha as pylambda\n"
        "def build(stack, name):\n"
        "    apigw.RestApi(stack, 'Api')\n"
        "    aws_s3.CfnBucket(stack, id='Raw')\n"
        "    sqs.Queue(stack, f'{name}Queue', visibility_timeout=cdk.Duration.seconds(30))\n"
        "    pylambda.PythonFunction(scope=stack, id='Fn', entry='src')\n"
        "    cdk.CfnResource(stack, 'Custom', type='AWS::Foo::Bar')\n"
        "    cdk.CfnOutput(stack, 'Out', value='x')\n"
        "    apigw.LambdaIntegration(handler)\n"
    )
    assert [(e.name, e.attributes["type"]) for e in elements(source, "infra/app.py", "resource")] == [
        ("Api", "AWS::ApiGateway::RestApi"),
        ("Raw", "AWS::S3::Bucket"),
        ("f'{name}Queue'", "AWS::SQS::Queue"),
        ("Fn", "AWS::Lambda::Function"),
        ("Custom", "AWS::Foo::Bar"),
    ]
