"""serverless.yml (the Serverless Framework): functions, their HTTP events, and extra resources.

Each function is a ``resource`` of type ``AWS::Lambda::Function`` (that is what the framework
deploys), named by its key; each ``http`` (REST API) and ``httpApi`` (HTTP API) event is a ``route``;
the CloudFormation resources under ``resources.Resources`` are resources too. The framework finds its
configuration by file name, and so does this reader.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from typing import Any

from scopeguard.analysis.infra.cloudformation import resource_parts, resources
from scopeguard.analysis.infra.elements import normal_method, normal_route, resource_element, route_element
from scopeguard.analysis.infra.yaml_positions import MarkedDict, MarkedList
from scopeguard.core.model import Element, Span

FILE_NAMES = frozenset({"serverless.yml", "serverless.yaml", "serverless.json"})
FORMAT = "serverless"
_SHORT_ROUTE = re.compile(r"^\s*(\S+)\s+(\S+)\s*$")


def is_serverless(doc: Any, path: str) -> bool:
    return (
        posixpath.basename(path) in FILE_NAMES
        and isinstance(doc, dict)
        and any(k in doc for k in ("service", "functions", "provider"))
    )


def serverless_elements(
    doc: Mapping[str, Any], path: str, kinds: frozenset[str], *, language: str
) -> list[Element]:
    out: list[Element] = []
    functions = doc.get("functions")
    if isinstance(functions, MarkedDict):
        for name, definition in functions.items():
            if not isinstance(name, str) or not isinstance(definition, dict):
                continue
            start = functions.key_position(name)
            end = getattr(definition, "end", start)
            if "resource" in kinds:
                out.append(
                    resource_element(
                        name,
                        path,
                        Span(start.line, start.column, end.line, end.column),
                        type_="AWS::Lambda::Function",
                        format_=FORMAT,
                        language=language,
                        parts=dict(definition),
                    )
                )
            if "route" in kinds:
                out.extend(_routes(name, definition, path, language))
    if "resource" in kinds:
        for section in _resource_sections(doc.get("resources")):
            for logical_id, position, definition in resources(section):
                end = getattr(definition, "end", position)
                out.append(
                    resource_element(
                        logical_id,
                        path,
                        Span(position.line, position.column, end.line, end.column),
                        type_=str(definition["Type"]),
                        format_=FORMAT,
                        language=language,
                        parts=resource_parts(definition),
                    )
                )
    return out


def _resource_sections(value: Any) -> Iterator[Mapping[str, Any]]:
    """``resources`` is one mapping with ``Resources``, or a list of them (and of file references)."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("Resources"), dict):
            yield item


def _routes(function: str, definition: Mapping[str, Any], path: str, language: str) -> Iterator[Element]:
    events = definition.get("events")
    if not isinstance(events, MarkedList):
        return
    handler = definition.get("handler")
    for event in events:
        if not isinstance(event, dict):
            continue
        for kind in ("http", "httpApi"):
            if kind not in event:
                continue
            parsed = _method_and_path(event[kind], http_api=kind == "httpApi")
            if parsed is None:
                continue
            start = getattr(event, "start", None)
            end = getattr(event, "end", start)
            if start is None or end is None:
                continue
            yield route_element(
                parsed[0],
                parsed[1],
                path,
                Span(start.line, start.column, end.line, end.column),
                framework=FORMAT,
                language=language,
                function=function,
                handler=handler if isinstance(handler, str) else None,
                api="httpApi" if kind == "httpApi" else None,
            )


def _method_and_path(value: Any, *, http_api: bool) -> tuple[str, str] | None:
    """``"GET users/{id}"``, ``{"method": "get", "path": "/users/{id}"}``, or ``"*"`` (HTTP API catch-all)."""
    if isinstance(value, str):
        if http_api and value.strip() == "*":
            return "ANY", "$default"
        match = _SHORT_ROUTE.match(value)
        if match is None:
            return None
        method, route = normal_method(match.group(1)), normal_route(match.group(2))
    elif isinstance(value, dict):
        method = normal_method(value.get("method", "ANY" if http_api else None))
        route = normal_route(value.get("path"))
        if http_api and route is None and method == "ANY":
            route = "$default"
    else:
        return None
    if method is None or route is None:
        return None
    return method, route
