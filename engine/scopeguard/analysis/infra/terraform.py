"""Terraform (``*.tf``, ``*.tf.json``): ``resource`` and ``module`` blocks, and API Gateway routes, with
their lines.

Parsing is python-hcl2's (a lark grammar for HCL2): comments, heredocs and strings that merely look
like blocks are the parser's business, not a regular expression's, so a commented-out resource or a
heredoc containing ``resource "x" "y" {`` is not a resource. python-hcl2 8 keeps lark's positions on
its parse tree but not in its dictionary output, so lines are read from the tree's top-level blocks and
contents from the same blocks after transformation, in the same order.

The JSON syntax (``*.tf.json``, what CDK for Terraform and other generators write) is read with the
position-keeping YAML loader and brought to the same block form: string values become the quoted
literals, and ``"${...}"`` the expressions, that python-hcl2 gives, so one reader serves both syntaxes.

Names are ``TYPE.NAME`` for resources and ``module.NAME`` for modules (``type: module``, ``source``);
``data`` sources, variables, outputs and providers are not resources. A file hcl2 cannot parse becomes
a notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from scopeguard.analysis.base import EMPTY_FACTS, AnalysisError, FileFacts, SourceFile
from scopeguard.core.model import AttrValue, Element, Span

KINDS = frozenset({"resource", "route"})
FORMAT = "terraform"
LANGUAGE = "terraform"
_LAMBDA_REF = re.compile(r"\baws_lambda_function\.([A-Za-z0-9_-]+)")
_REFERENCE = re.compile(r"^\$\{([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}$")
_ROUTE_KEY = re.compile(r"^(\S+)\s+(/\S*)$")


@dataclass(frozen=True, slots=True)
class Block:
    """A top-level block: its labels without quotes, its serialised body, and where it stands."""

    labels: tuple[str, ...]
    body: Mapping[str, Any]
    span: Span


class TerraformAnalyser:
    """Resources, modules and API Gateway routes of Terraform configurations."""

    name = "terraform"
    version = "2"
    kinds = KINDS

    def accepts(self, path: str) -> bool:
        return path.endswith((".tf", ".tf.json"))

    def extract(self, source: SourceFile, kinds: frozenset[str]) -> FileFacts:
        wanted = kinds & KINDS
        if not wanted:
            return EMPTY_FACTS
        if source.decoded is None:
            raise AnalysisError("binary content")
        parse = parse_json_blocks if source.path.endswith(".json") else parse_blocks
        blocks = parse(source.text)
        elements: list[Element] = []
        if "resource" in wanted:
            elements.extend(resource_elements(blocks, source.path))
        if "route" in wanted:
            elements.extend(route_elements(blocks, source.path))
        return FileFacts(tuple(elements)) if elements else EMPTY_FACTS

    def compare(self, before: Element, after: Element) -> Mapping[str, AttrValue]:
        from scopeguard.analysis.infra.elements import compare_parts

        return compare_parts(before, after)


def parse_blocks(text: str) -> list[Block]:
    """Every top-level block of a Terraform file. Raises ``AnalysisError`` when hcl2 cannot parse it."""
    import hcl2
    from hcl2.rules.base import BlockRule

    try:
        tree = hcl2.parses_to_tree(text)
        rules = hcl2.transform(tree)
        options = hcl2.SerializationOptions(with_comments=False, explicit_blocks=False)
        positions = [c.meta for c in tree.children[0].children if getattr(c, "data", None) == "block"]
        bodies = [
            ([_unquote(label.serialize(options)) for label in child.labels], child.body.serialize(options))
            for child in rules.body.children
            if isinstance(child, BlockRule)
        ]
    except AnalysisError:
        raise
    except Exception as exc:  # python-hcl2 and lark raise many types; any of them means "cannot parse"
        line = getattr(exc, "line", None)
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise AnalysisError(
            f"not valid HCL: {message}", line if isinstance(line, int) and line > 0 else None
        ) from None
    if len(positions) != len(bodies):
        raise AnalysisError("not valid HCL: the parser's blocks and positions disagree")
    return [
        Block(
            tuple(labels),
            body if isinstance(body, dict) else {},
            Span(m.line, m.column, m.end_line, m.end_column),
        )
        for m, (labels, body) in zip(positions, bodies, strict=True)
    ]


#: Block types of the JSON syntax that become elements, with the number of labels each has.
_JSON_BLOCKS = (("resource", 2), ("module", 1))
_PURE_EXPRESSION = re.compile(r"^\$\{[^{}]*\}$")


def parse_json_blocks(text: str) -> list[Block]:
    """The ``resource`` and ``module`` blocks of a configuration in Terraform's JSON syntax.

    Each label level is an object whose keys are the labels; a level may also be an array of such
    objects. A block starts at its last label's key and ends where its body ends. Raises
    ``AnalysisError`` when the text is not a JSON object.
    """
    from scopeguard.analysis.infra.yaml_positions import DocumentError, MarkedDict, load

    try:
        document = load(text, json_like=True)
    except DocumentError as exc:
        raise AnalysisError(f"not valid JSON: {exc.message}", exc.line) from None
    if not isinstance(document, dict):
        raise AnalysisError("not a Terraform JSON configuration: the top level is not an object")
    blocks: list[Block] = []
    for block_type, label_count in _JSON_BLOCKS:
        for labels, body, key_at in _labelled(document.get(block_type), label_count):
            if not isinstance(body, MarkedDict):
                continue
            span = Span(key_at.line, key_at.column, body.end.line, body.end.column)
            blocks.append(Block((block_type, *labels), _hcl_form(body), span))
    blocks.sort(key=lambda b: (b.span.line, b.span.column))
    return blocks


def _labelled(value: Any, depth: int) -> Iterator[tuple[tuple[str, ...], Any, Any]]:
    """``(labels, body, position of the last label)`` for each body ``depth`` label levels down."""
    from scopeguard.analysis.infra.yaml_positions import MarkedDict

    levels = value if isinstance(value, list) else [value]
    for level in levels:
        if not isinstance(level, MarkedDict):
            continue
        for key, inner in level.items():
            if not isinstance(key, str) or key == "//":
                continue
            if depth == 1:
                for body in inner if isinstance(inner, list) else [inner]:
                    yield (key,), body, level.key_position(key)
            else:
                for labels, body, at in _labelled(inner, depth - 1):
                    yield (key, *labels), body, at


def _hcl_form(value: Any) -> Any:
    """A JSON value as python-hcl2 serialises the same HCL: literals quoted, ``${...}`` bare."""
    if isinstance(value, str):
        return value if _PURE_EXPRESSION.match(value) else f'"{value}"'
    if isinstance(value, dict):
        return {str(k): _hcl_form(v) for k, v in value.items() if k != "//"}
    if isinstance(value, list):
        return [_hcl_form(v) for v in value]
    return value


def _unquote(value: Any) -> str:
    text = str(value)
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text


def _literal(value: Any) -> str | None:
    """A plain string attribute (``"POST /movies"``), or ``None`` for an expression or interpolation."""
    if not isinstance(value, str) or len(value) < 2 or not (value[0] == value[-1] == '"'):
        return None
    inner = value[1:-1]
    return None if "${" in inner else inner


def resource_elements(blocks: list[Block], path: str) -> Iterator[Element]:
    from scopeguard.analysis.infra.elements import resource_element

    for block in blocks:
        if block.labels[0] == "resource" and len(block.labels) == 3:
            type_, name = block.labels[1], block.labels[2]
            yield resource_element(
                f"{type_}.{name}",
                path,
                block.span,
                type_=type_,
                format_=FORMAT,
                language=LANGUAGE,
                parts=dict(block.body),
            )
        elif block.labels[0] == "module" and len(block.labels) == 2:
            source = _literal(block.body.get("source"))
            yield resource_element(
                f"module.{block.labels[1]}",
                path,
                block.span,
                type_="module",
                format_=FORMAT,
                language=LANGUAGE,
                parts=dict(block.body),
                extra={"source": source},
            )


def route_elements(blocks: list[Block], path: str) -> Iterator[Element]:
    """Routes of ``aws_apigatewayv2_route`` (``route_key``) and ``aws_api_gateway_method`` (its path)."""
    from scopeguard.analysis.infra.elements import normal_method, route_element

    resources = {
        (b.labels[1], b.labels[2]): b for b in blocks if b.labels[0] == "resource" and len(b.labels) == 3
    }
    for (type_, name), block in resources.items():
        if type_ == "aws_apigatewayv2_route":
            key = _literal(block.body.get("route_key"))
            if key is None:
                continue
            match = _ROUTE_KEY.match(key.strip())
            method, route = (normal_method(match.group(1)), match.group(2)) if match else ("ANY", key.strip())
            function = _function_behind(resources, block.body.get("target"), "aws_apigatewayv2_integration")
            api = _referenced(block.body.get("api_id"))
        elif type_ == "aws_api_gateway_method":
            method = normal_method(_literal(block.body.get("http_method")))
            route = _rest_path(resources, block.body.get("resource_id"))
            function = _method_function(resources, name)
            api = _referenced(block.body.get("rest_api_id"))
        else:
            continue
        if method is None or route is None:
            continue
        yield route_element(
            method,
            route,
            path,
            block.span,
            framework="apigateway",
            language=LANGUAGE,
            function=function,
            api=api,
        )


def _referenced(value: Any) -> str | None:
    """``TYPE.NAME`` of an attribute that is a plain reference (``${aws_x.name.id}``)."""
    match = _REFERENCE.match(value) if isinstance(value, str) else None
    return f"{match.group(1)}.{match.group(2)}" if match else None


def _rest_path(resources: Mapping[tuple[str, str], Block], value: Any, depth: int = 0) -> str | None:
    match = _REFERENCE.match(value) if isinstance(value, str) else None
    if match is None or depth > 64:
        return None
    type_, name, attribute = match.groups()
    if type_ == "aws_api_gateway_rest_api" and attribute == "root_resource_id":
        return "/"
    block = resources.get((type_, name))
    if type_ != "aws_api_gateway_resource" or block is None:
        return None
    part = _literal(block.body.get("path_part"))
    parent = _rest_path(resources, block.body.get("parent_id"), depth + 1)
    if part is None or parent is None:
        return None
    return parent.rstrip("/") + "/" + part


def _function_behind(
    resources: Mapping[tuple[str, str], Block], target: Any, integration_type: str
) -> str | None:
    text = str(target) if target is not None else ""
    match = re.search(re.escape(integration_type) + r"\.([A-Za-z0-9_-]+)", text)
    if match is None:
        return None
    integration = resources.get((integration_type, match.group(1)))
    if integration is None:
        return None
    found = _LAMBDA_REF.search(str(integration.body.get("integration_uri", "")))
    return f"aws_lambda_function.{found.group(1)}" if found else None


def _method_function(resources: Mapping[tuple[str, str], Block], method_name: str) -> str | None:
    """The Lambda function of the ``aws_api_gateway_integration`` that names this method."""
    marker = f"aws_api_gateway_method.{method_name}."
    for (type_, _), block in sorted(resources.items()):
        if type_ != "aws_api_gateway_integration":
            continue
        if any(marker in str(v) for v in block.body.values()):
            found = _LAMBDA_REF.search(str(block.body.get("uri", "")))
            if found:
                return f"aws_lambda_function.{found.group(1)}"
    return None
