"""Go call sites as ``call`` elements.

A call is named by its callee as written, selectors joined (``registry.Registry.MustRegisterModel``),
so that ``call where name ~ "*MustRegisterModel"`` finds it however the package was imported; its
``qualname`` replaces an import alias by the imported package's name (``reg.Registry.X`` becomes
``registry.Registry.X`` after ``import reg ".../registry"``). Calls are identified by the enclosing
function and the callee: the delta pairs repeated calls by their text, so a second, identical
registration in the same ``init`` is reported as added.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from scopeguard.analysis.golang.declarations import Context, Import, function_name
from scopeguard.analysis.golang.syntax import call_nodes, digest
from scopeguard.core.model import AttrValue, Element

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopeguard.analysis.golang.syntax import GoSource

_MAJOR_VERSION = re.compile(r"v[0-9]+")
_FUNCTIONS = ("function_declaration", "method_declaration")


def package_of(import_path: str) -> str:
    """The package name an import path conventionally declares: its last element, less a major version.

    ``github.com/x/y/v2`` declares ``y`` and ``gopkg.in/yaml.v3`` declares ``yaml``. A package whose
    name differs from its path cannot be told without reading it; the last element is Go's convention.
    """
    elements = [e for e in import_path.split("/") if e]
    if len(elements) > 1 and _MAJOR_VERSION.fullmatch(elements[-1]):
        elements.pop()
    last = elements[-1] if elements else import_path
    if import_path.startswith("gopkg.in/"):
        last = re.sub(r"\.v[0-9]+$", "", last)
    return last


def callee(node: Node, source: GoSource) -> str:
    """The called expression as a dotted name: selectors joined, arguments and type arguments dropped.

    ``x.y().z`` keeps the inner call's parentheses; a function literal called in place is ``func``;
    anything else (``(*T).M``, ``x.(T).M``) is its normalised text.
    """
    parts: list[str] = []
    current: Node | None = node
    while current is not None:
        kind = current.type
        if kind == "selector_expression":
            parts.append("." + source.text(current.child_by_field_name("field")))
            current = current.child_by_field_name("operand")
        elif kind == "call_expression":
            parts.append("()")
            current = current.child_by_field_name("function")
        elif kind == "index_expression":
            current = current.child_by_field_name("operand")
        elif kind == "generic_type":
            current = current.child_by_field_name("type")
        elif kind == "func_literal":
            parts.append("func")
            break
        else:
            parts.append(source.norm(current))
            break
    return "".join(reversed(parts))


def _scope(node: Node, source: GoSource) -> str | None:
    parent = node.parent
    while parent is not None and parent.type not in _FUNCTIONS:
        parent = parent.parent
    return function_name(parent, source) if parent is not None else None


def _arguments(node: Node, source: GoSource) -> tuple[str, ...]:
    if node.type == "type_conversion_expression":
        return (source.norm(node.child_by_field_name("operand")),)
    arguments = node.child_by_field_name("arguments")
    if arguments is None:
        return ()
    return tuple(source.norm(a) for a in arguments.named_children if a.type != "comment")


def call_elements(root: Node, ctx: Context, found_imports: Sequence[Import]) -> Iterator[Element]:
    source = ctx.source
    aliases = {i.alias: package_of(i.path) for i in found_imports if i.alias not in (None, ".", "_")}
    for node in call_nodes(root):
        function = node.child_by_field_name("function" if node.type == "call_expression" else "type")
        if function is None:
            continue
        name = callee(function, source)
        head, dot, rest = name.partition(".")
        qualname = aliases[head] + dot + rest if dot and head in aliases else name
        scope = _scope(node, source)
        text = source.norm(node)
        attributes: dict[str, AttrValue] = {
            "qualname": qualname,
            "callee": name,
            "scope": scope,
            "text": text,
            "arguments": _arguments(node, source),
        }
        key = f"call:{scope or ''}:{name}"
        yield ctx.element("call", name, node, attributes, key=key, digest=digest("call", text))
