"""OpenAPI (3.x) and Swagger (2.0) documents: each path and method is a route.

The same reader serves a standalone document (``framework: openapi``) and the ``DefinitionBody`` of
an API in a SAM or CloudFormation template, where API Gateway's ``x-amazon-apigateway-integration``
names the function behind each operation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from scopeguard.analysis.infra.elements import normal_method, normal_route, route_element
from scopeguard.analysis.infra.yaml_positions import MarkedDict
from scopeguard.core.model import Element, Span

_INTEGRATION = "x-amazon-apigateway-integration"


def is_openapi(doc: Any) -> bool:
    """A mapping that declares an OpenAPI 3 or Swagger 2 version and has ``paths``."""
    if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict):
        return False
    version = doc.get("openapi", doc.get("swagger"))
    return isinstance(version, (str, int, float)) and str(version).split(".")[0] in ("2", "3")


def routes(
    doc: MarkedDict,
    path: str,
    *,
    language: str,
    framework: str = "openapi",
    api: str | None = None,
    function_of: Callable[[Any], str | None] | None = None,
) -> Iterator[Element]:
    """One route per operation under ``paths`` (path-level keys such as ``parameters`` are skipped)."""
    paths = doc.get("paths")
    if not isinstance(paths, MarkedDict):
        return
    for template, item in paths.items():
        route = normal_route(template) if isinstance(template, str) else None
        if route is None or not isinstance(item, MarkedDict):
            continue
        for key, operation in item.items():
            method = normal_method(key)
            if method is None or not isinstance(operation, dict):
                continue
            start = item.key_position(key)
            end = getattr(operation, "end", start)
            integration = operation.get(_INTEGRATION)
            function = None
            if function_of is not None and isinstance(integration, dict):
                function = function_of(integration.get("uri"))
            operation_id = operation.get("operationId")
            yield route_element(
                method,
                route,
                path,
                Span(start.line, start.column, end.line, end.column),
                framework=framework,
                language=language,
                function=function,
                handler=operation_id if isinstance(operation_id, str) else None,
                api=api,
            )
