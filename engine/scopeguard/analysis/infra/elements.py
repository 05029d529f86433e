"""Resource and route elements, and the digests that tell which of their parts changed.

A resource's identity is its logical id (CloudFormation, serverless.yml) or ``TYPE.NAME`` (Terraform),
so the same resource in a renamed template is matched, not added. Its digest is made of one short hash
per top-level part (each property, and the resource attributes such as ``Type`` or ``DependsOn``):
equal digests mean an unchanged resource, and ``compare`` reads back which parts differ without the
analyser keeping any state between the two sides of a file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from scopeguard.analysis.base import AnalysisError
from scopeguard.core.model import AttrValue, Element, Span

#: A structure with more nodes than this (a YAML alias bomb, say) is not hashed.
_NODE_BUDGET = 1_000_000
_PART_SEP = "\x1e"
_NAME_SEP = "\x1f"
_HASH_CHARS = 16

ROUTE_METHODS = ("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE")


def plain(value: Any) -> Any:
    """A JSON-ready copy of a loaded value (positions dropped), refusing runaway structures."""
    budget = [_NODE_BUDGET]

    def convert(item: Any) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise AnalysisError("the document is too large or self-referencing to compare")
        if isinstance(item, dict):
            return {str(k): convert(v) for k, v in item.items()}
        if isinstance(item, list):
            return [convert(v) for v in item]
        if isinstance(item, str):
            return str(item)
        if item is None or isinstance(item, (bool, int, float)):
            return item
        return str(item)

    return convert(value)


def value_hash(value: Any) -> str:
    text = json.dumps(plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:_HASH_CHARS]


def parts_digest(parts: Mapping[str, Any]) -> str:
    """A digest that names each part with its hash, so that ``changed_parts`` can compare two of them."""
    return _PART_SEP.join(f"{name}{_NAME_SEP}{value_hash(value)}" for name, value in sorted(parts.items()))


def _parts(digest: str | None) -> dict[str, str]:
    if not digest:
        return {}
    out: dict[str, str] = {}
    for item in digest.split(_PART_SEP):
        name, _, hashed = item.partition(_NAME_SEP)
        out[name] = hashed
    return out


def changed_parts(before: Element, after: Element) -> tuple[str, ...]:
    """Names of the parts added, removed or changed between two digests made by ``parts_digest``."""
    old, new = _parts(before.digest), _parts(after.digest)
    return tuple(sorted(name for name in {*old, *new} if old.get(name) != new.get(name)))


def compare_parts(before: Element, after: Element) -> dict[str, AttrValue]:
    """What ``compare`` answers for resources (``properties_changed``) and routes (nothing more)."""
    if before.kind != "resource":
        return {}
    return {"properties_changed": changed_parts(before, after)}


def resource_element(
    name: str,
    path: str,
    span: Span,
    *,
    type_: str,
    format_: str,
    language: str,
    parts: Mapping[str, Any],
    extra: Mapping[str, AttrValue] | None = None,
) -> Element:
    attributes: dict[str, AttrValue] = {"type": type_, "format": format_, **(extra or {})}
    return Element(
        "resource",
        name,
        path,
        span,
        language=language,
        attributes=attributes,
        key=f"resource:{name}",
        digest=parts_digest(parts),
    )


def normal_method(method: object) -> str | None:
    """``get`` -> ``GET``; ``any``, ``*`` and ``x-amazon-apigateway-any-method`` -> ``ANY``."""
    if not isinstance(method, str):
        return None
    text = method.strip().upper()
    if text in ("ANY", "*", "X-AMAZON-APIGATEWAY-ANY-METHOD"):
        return "ANY"
    return text if text in ROUTE_METHODS else None


def normal_route(path: object) -> str | None:
    """A route's path template with one leading slash (serverless.yml writes ``users/{id}``)."""
    if not isinstance(path, str):
        return None
    text = path.strip()
    if not text:
        return None
    return text if text.startswith(("/", "$")) else "/" + text


def route_element(
    method: str,
    route: str,
    path: str,
    span: Span,
    *,
    framework: str,
    language: str,
    function: str | None = None,
    handler: str | None = None,
    api: str | None = None,
) -> Element:
    """A route named ``METHOD /path``; its identity also names its API, which may serve the same path."""
    name = f"{method} {route}"
    attributes: dict[str, AttrValue] = {
        "method": method,
        "route": route,
        "framework": framework,
        "function": function,
        "handler": handler,
        "api": api,
    }
    return Element(
        "route",
        name,
        path,
        span,
        language=language,
        attributes=attributes,
        key=f"route:{framework}:{api or ''}:{name}",
        digest=value_hash([framework, api, name, function, handler]),
    )
