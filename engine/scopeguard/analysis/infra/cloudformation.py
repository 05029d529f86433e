"""CloudFormation and SAM templates: resources, and the HTTP routes they declare.

A file is a template by its content, never by its name. Many YAML files have a ``Resources`` key or
mention ``AWS::S3::Bucket`` (detection rules, policy-as-code, Kubernetes manifests, documentation), so
a document counts as a template only when it says so (``AWSTemplateFormatVersion``, or an
``AWS::Serverless`` / ``AWS::*`` transform), or when it has nothing but template sections and every
entry of its ``Resources`` is a resource: a mapping of resource attributes with a ``Type`` such as
``AWS::DynamoDB::Table`` or ``Custom::Thing``.

Routes come from SAM ``Events`` of type ``Api`` and ``HttpApi`` (on functions and state machines),
from API Gateway methods (REST: ``AWS::ApiGateway::Method`` under its resource path; HTTP and
WebSocket: ``AWS::ApiGatewayV2::Route``), and from an OpenAPI ``DefinitionBody`` / ``Body`` inlined
in an API. Each route names the function that serves it when the template says so by reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from scopeguard.analysis.infra import openapi
from scopeguard.analysis.infra.elements import normal_method, normal_route, resource_element, route_element
from scopeguard.analysis.infra.yaml_positions import MarkedDict, Position
from scopeguard.core.model import Element, Span

SECTIONS = frozenset(
    {
        "AWSTemplateFormatVersion",
        "Description",
        "Metadata",
        "Parameters",
        "Rules",
        "Mappings",
        "Conditions",
        "Transform",
        "Resources",
        "Outputs",
        "Globals",
        "Hooks",
    }
)
RESOURCE_ATTRIBUTES = frozenset(
    {
        "Type",
        "Properties",
        "DependsOn",
        "Condition",
        "Metadata",
        "DeletionPolicy",
        "UpdateReplacePolicy",
        "UpdatePolicy",
        "CreationPolicy",
        "Version",
    }
)
_TYPE = re.compile(r"^(?:[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(?:::MODULE)?|Custom::[A-Za-z0-9_@.-]+)$")
_FOREACH = "Fn::ForEach::"
_FUNCTION_TYPES = frozenset({"AWS::Serverless::Function", "AWS::Lambda::Function"})
_EVENT_OWNERS = frozenset({"AWS::Serverless::Function", "AWS::Serverless::StateMachine"})
_API_TYPES = frozenset(
    {"AWS::Serverless::Api", "AWS::Serverless::HttpApi", "AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api"}
)
_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}")
_ROUTE_KEY = re.compile(r"^(\S+)\s+(/\S*)$")


def is_template(doc: Any) -> bool:
    """Whether a loaded document is a CloudFormation or SAM template (see the module docstring)."""
    if not isinstance(doc, dict):
        return False
    if "AWSTemplateFormatVersion" in doc or _aws_transform(doc.get("Transform")):
        return True
    resources = doc.get("Resources")
    if not isinstance(resources, dict) or not resources:
        return False
    if any(not isinstance(k, str) or k not in SECTIONS for k in doc):
        return False
    return all(_is_resource_entry(k, v) for k, v in resources.items())


def _aws_transform(value: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    return any(isinstance(i, str) and i.startswith("AWS::") for i in items)


def _is_resource_entry(key: Any, value: Any) -> bool:
    if isinstance(key, str) and key.startswith(_FOREACH):
        return isinstance(value, list)
    return (
        isinstance(value, dict)
        and isinstance(value.get("Type"), str)
        and _TYPE.match(value["Type"]) is not None
        and all(isinstance(k, str) and k in RESOURCE_ATTRIBUTES for k in value)
    )


def resource_parts(definition: Mapping[str, Any]) -> dict[str, Any]:
    """The parts a resource's digest is made of: its attributes, and each property on its own."""
    parts: dict[str, Any] = {k: v for k, v in definition.items() if k != "Properties"}
    properties = definition.get("Properties")
    if isinstance(properties, dict):
        for name, value in properties.items():
            parts[name if name not in parts else f"Properties.{name}"] = value
    elif properties is not None:
        parts["Properties"] = properties
    return parts


def _span(start: Position, value: Any) -> Span:
    end = getattr(value, "end", start)
    return Span(start.line, start.column, end.line, end.column)


def resources(doc: Mapping[str, Any]) -> Iterator[tuple[str, Position, Mapping[str, Any]]]:
    """``(logical id, position, definition)`` of every resource, ``Fn::ForEach`` templates included."""
    section = doc.get("Resources")
    if isinstance(section, MarkedDict):
        yield from _entries(section)


def _entries(section: MarkedDict) -> Iterator[tuple[str, Position, Mapping[str, Any]]]:
    for key, value in section.items():
        if not isinstance(key, str):
            continue
        if key.startswith(_FOREACH):
            # [identifier, collection, {output key template: definition}]
            if isinstance(value, list) and len(value) == 3 and isinstance(value[2], MarkedDict):
                yield from _entries(value[2])
            continue
        if isinstance(value, dict) and isinstance(value.get("Type"), str):
            yield key, section.key_position(key), value


def template_elements(
    doc: Mapping[str, Any],
    path: str,
    kinds: frozenset[str],
    *,
    language: str,
    format_: str = "cloudformation",
) -> list[Element]:
    """Resource and route elements of a template (or of the ``Resources`` of another document)."""
    entries = list(resources(doc))
    out: list[Element] = []
    if "resource" in kinds:
        for logical_id, position, definition in entries:
            out.append(
                resource_element(
                    logical_id,
                    path,
                    _span(position, definition),
                    type_=str(definition["Type"]),
                    format_=format_,
                    language=language,
                    parts=resource_parts(definition),
                )
            )
    if "route" in kinds:
        out.extend(_routes(doc, entries, path, language))
    return out


# --- routes ------------------------------------------------------------------------------------


class _Template:
    """The resources of one template by logical id, for following references between them."""

    def __init__(
        self, doc: Mapping[str, Any], entries: list[tuple[str, Position, Mapping[str, Any]]]
    ) -> None:
        self.types = {k: str(d["Type"]) for k, _, d in entries}
        self.definitions = {k: d for k, _, d in entries}
        globals_ = doc.get("Globals")
        function_globals = globals_.get("Function") if isinstance(globals_, dict) else None
        handler = function_globals.get("Handler") if isinstance(function_globals, dict) else None
        self.global_handler = handler if isinstance(handler, str) else None

    def properties(self, logical_id: str) -> Mapping[str, Any]:
        props = self.definitions.get(logical_id, {}).get("Properties")
        return props if isinstance(props, dict) else {}

    def referenced(self, value: Any, types: frozenset[str]) -> str | None:
        """The first resource of one of ``types`` that ``value`` refers to (Ref, GetAtt, Sub)."""
        for name in _references(value):
            if self.types.get(name) in types:
                return name
        return None

    def function_of(self, value: Any) -> str | None:
        direct = self.referenced(value, _FUNCTION_TYPES)
        if direct is not None:
            return direct
        integration = self.referenced(value, frozenset({"AWS::ApiGatewayV2::Integration"}))
        if integration is not None:
            return self.referenced(self.properties(integration).get("IntegrationUri"), _FUNCTION_TYPES)
        return None


def _references(value: Any) -> Iterator[str]:
    stack = [value]
    seen = 0
    while stack and seen < 10_000:
        seen += 1
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("Ref"), str):
                yield item["Ref"]
            attr = item.get("Fn::GetAtt")
            if isinstance(attr, list) and attr and isinstance(attr[0], str):
                yield attr[0]
            elif isinstance(attr, str):
                yield attr.partition(".")[0]
            sub = item.get("Fn::Sub")
            text = sub[0] if isinstance(sub, list) and sub else sub
            if isinstance(text, str):
                yield from _SUB_NAME.findall(text)
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _ref_name(value: Any) -> str | None:
    if isinstance(value, dict) and isinstance(value.get("Ref"), str):
        return str(value["Ref"])
    return None


def _routes(
    doc: Mapping[str, Any], entries: list[tuple[str, Position, Mapping[str, Any]]], path: str, language: str
) -> Iterator[Element]:
    template = _Template(doc, entries)
    for logical_id, position, definition in entries:
        rtype = template.types[logical_id]
        properties = template.properties(logical_id)
        if rtype in _EVENT_OWNERS:
            yield from _event_routes(template, logical_id, properties, path, language)
        elif rtype == "AWS::ApiGateway::Method":
            route = _rest_method_route(template, logical_id, position, definition, path, language)
            if route is not None:
                yield route
        elif rtype == "AWS::ApiGatewayV2::Route":
            route = _v2_route(template, position, definition, path, language)
            if route is not None:
                yield route
        if rtype in _API_TYPES:
            body = properties.get("DefinitionBody", properties.get("Body"))
            if isinstance(body, MarkedDict):
                yield from openapi.routes(
                    body,
                    path,
                    language=language,
                    framework="openapi",
                    api=logical_id,
                    function_of=template.function_of,
                )


def _event_routes(
    template: _Template, owner: str, properties: Mapping[str, Any], path: str, language: str
) -> Iterator[Element]:
    events = properties.get("Events")
    if not isinstance(events, MarkedDict):
        return
    handler = properties.get("Handler")
    handler = handler if isinstance(handler, str) else template.global_handler
    for event_name, event in events.items():
        if not isinstance(event, dict) or event.get("Type") not in ("Api", "HttpApi"):
            continue
        props = event.get("Properties")
        props = props if isinstance(props, dict) else {}
        method: str | None
        route: str | None
        if event["Type"] == "HttpApi" and "Path" not in props and "Method" not in props:
            method, route = "ANY", "$default"
        else:
            method = normal_method(props.get("Method"))
            route = normal_route(props.get("Path"))
        if method is None or route is None:
            continue
        api = _ref_name(props.get("RestApiId", props.get("ApiId")))
        yield route_element(
            method,
            route,
            path,
            _span(events.key_position(event_name), event),
            framework="sam",
            language=language,
            function=owner,
            handler=handler if template.types.get(owner) in _FUNCTION_TYPES else None,
            api=api,
        )


def _rest_path(template: _Template, value: Any, depth: int = 0) -> str | None:
    """The path of an API Gateway resource id: ``/`` for the root, parent path plus ``PathPart``."""
    if depth > 64:
        return None
    if isinstance(value, dict):
        attr = value.get("Fn::GetAtt")
        if isinstance(attr, list) and len(attr) == 2 and attr[1] == "RootResourceId":
            return "/"
    name = _ref_name(value)
    if name is None or template.types.get(name) != "AWS::ApiGateway::Resource":
        return None
    props = template.properties(name)
    part = props.get("PathPart")
    parent = _rest_path(template, props.get("ParentId"), depth + 1)
    if not isinstance(part, str) or parent is None:
        return None
    return parent.rstrip("/") + "/" + part


def _rest_method_route(
    template: _Template,
    logical_id: str,
    position: Position,
    definition: Mapping[str, Any],
    path: str,
    language: str,
) -> Element | None:
    props = template.properties(logical_id)
    method = normal_method(props.get("HttpMethod"))
    route = _rest_path(template, props.get("ResourceId"))
    if method is None or route is None:
        return None
    integration = props.get("Integration")
    uri = integration.get("Uri") if isinstance(integration, dict) else None
    return route_element(
        method,
        route,
        path,
        _span(position, definition),
        framework="apigateway",
        language=language,
        function=template.function_of(uri),
        api=_ref_name(props.get("RestApiId")),
    )


def _v2_route(
    template: _Template, position: Position, definition: Mapping[str, Any], path: str, language: str
) -> Element | None:
    props = definition.get("Properties")
    if not isinstance(props, dict) or not isinstance(props.get("RouteKey"), str):
        return None
    key = str(props["RouteKey"]).strip()
    match = _ROUTE_KEY.match(key)
    method: str | None
    if match is not None:
        method, route = normal_method(match.group(1)), match.group(2)
    else:
        method, route = "ANY", key  # $default, and WebSocket route keys such as $connect
    if method is None:
        return None
    return route_element(
        method,
        route,
        path,
        _span(position, definition),
        framework="apigateway",
        language=language,
        function=template.function_of(props.get("Target")),
        api=_ref_name(props.get("ApiId")),
    )
