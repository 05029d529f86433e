"""Go declarations as elements: type declarations (``class``), functions and methods, imports.

Names follow Go's own rules: a type is its name (Go types do not nest), a method is ``Recv.Name``
whatever its receiver is written as (``*Widget``, ``Pair[K, V]``), an import is its path. Embedded
types are a type's ``bases``, as written (``registry.BaseModel``, without ``*`` or type arguments).

Digests leave the declared name out, so that a type or function renamed with the same body is found
as renamed rather than as one added and one removed. A function's digest is three hashes end to
end: of its parameter and result *types*, of its signature, and of its body; ``compare`` reads them
to tell a change that breaks callers from one that renames a parameter or edits the body.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scopeguard.analysis.golang.syntax import GoSource, digest, normalise
from scopeguard.core.model import AttrValue, Element

if TYPE_CHECKING:
    from tree_sitter import Node

LANGUAGE = "go"

#: Lengths of the three parts of a function digest (``types | signature | body``).
PART = 16


@dataclass(frozen=True, slots=True)
class Context:
    """What every element of one file shares."""

    source: GoSource
    path: str
    package: str

    def element(
        self,
        kind: str,
        name: str,
        node: Node,
        attributes: dict[str, AttrValue],
        *,
        digest: str,
        key: str | None = None,
    ) -> Element:
        return Element(kind, name, self.path, self.source.span(node), LANGUAGE, attributes, key, digest)


def exported(name: str) -> bool:
    """Go's rule: an identifier is exported when it starts with an upper-case letter."""
    return name[:1].isupper()


def package_name(root: Node, source: GoSource) -> str:
    for child in root.children:
        if child.type == "package_clause":
            for part in child.named_children:
                if part.type == "package_identifier":
                    return source.text(part)
    return ""


# --- types ---------------------------------------------------------------------------------------


def _type_name(node: Node | None, source: GoSource) -> str:
    """A type as a name: without ``*``, parentheses or type arguments, package kept (``registry.Base``)."""
    while node is not None and node.type in ("pointer_type", "parenthesized_type", "generic_type"):
        node = node.child_by_field_name("type") if node.type == "generic_type" else node.named_children[0]
    return source.norm(node)


def _grouped(declaration: Node) -> bool:
    return any(c.type == "(" for c in declaration.children)


def type_elements(root: Node, ctx: Context) -> Iterator[Element]:
    for declaration in root.children:
        if declaration.type != "type_declaration":
            continue
        grouped = _grouped(declaration)
        for spec in declaration.named_children:
            if spec.type in ("type_spec", "type_alias"):
                yield _type_element(spec, declaration if not grouped else spec, ctx)


def _type_element(spec: Node, outer: Node, ctx: Context) -> Element:
    source = ctx.source
    name_node = spec.child_by_field_name("name")
    assert name_node is not None  # the grammar requires it; a file with errors never gets here
    body = spec.child_by_field_name("type")
    name = source.text(name_node)
    parts = _Members()
    if spec.type == "type_alias":
        kind = "alias"
        parts.members.append(source.norm(body))
    elif body is not None and body.type == "struct_type":
        kind = "struct"
        _struct_members(body, source, parts)
    elif body is not None and body.type == "interface_type":
        kind = "interface"
        _interface_members(body, source, parts)
    else:
        kind = "other"
        parts.members.append(source.norm(body))
    attributes: dict[str, AttrValue] = {
        "type": kind,
        "bases": tuple(parts.bases),
        "fields": tuple(parts.fields),
        "methods": tuple(parts.methods),
        "members": tuple(parts.members),
        "type_parameters": _type_parameters(spec.child_by_field_name("type_parameters"), source),
        "public": exported(name),
        "qualname": f"{ctx.package}.{name}" if ctx.package else name,
    }
    unnamed = (
        normalise(source.between(spec.start_byte, name_node.start_byte))
        + "\0"
        + normalise(source.between(name_node.end_byte, spec.end_byte))
    )
    return ctx.element("class", name, outer, attributes, digest=digest("class", unnamed))


@dataclass(slots=True)
class _Members:
    """What a type's body declares. ``members`` holds, in order, the normalised declaration of each
    of ``fields`` (structs) or ``methods`` (interfaces), or the definition of any other type."""

    fields: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)


def _struct_members(body: Node, source: GoSource, out: _Members) -> None:
    for field_list in body.named_children:
        if field_list.type != "field_declaration_list":
            continue
        for declaration in field_list.named_children:
            if declaration.type != "field_declaration":
                continue
            names = declaration.children_by_field_name("name")
            type_node = declaration.child_by_field_name("type")
            tag = declaration.child_by_field_name("tag")
            if not names:
                base = _type_name(type_node, source)
                out.bases.append(base)
                out.fields.append(base.rsplit(".", 1)[-1])
                out.members.append(source.norm(declaration))
                continue
            rest = source.norm(type_node) + (" " + source.norm(tag) if tag is not None else "")
            for n in names:
                out.fields.append(source.text(n))
                out.members.append(f"{source.text(n)} {rest}")


def _interface_members(body: Node, source: GoSource, out: _Members) -> None:
    """Methods, and embedded interfaces as bases; type-set terms of constraints (``~int | float64``)
    are neither, and show only in the type's digest."""
    for item in body.named_children:
        if item.type == "method_elem":
            out.methods.append(source.text(item.child_by_field_name("name")))
            out.members.append(source.norm(item))
        elif item.type == "type_elem" and len(item.named_children) == 1:
            only = item.named_children[0]
            if only.type in ("type_identifier", "qualified_type", "generic_type"):
                out.bases.append(_type_name(only, source))


def _type_parameters(node: Node | None, source: GoSource) -> tuple[str, ...]:
    """``[K comparable, V any]`` as ``("K comparable", "V any")``."""
    if node is None:
        return ()
    out: list[str] = []
    for declaration in node.named_children:
        if declaration.type != "type_parameter_declaration":
            continue
        constraint = source.norm(declaration.child_by_field_name("type"))
        out.extend(f"{source.text(n)} {constraint}" for n in declaration.children_by_field_name("name"))
    return tuple(out)


# --- functions and methods ----------------------------------------------------------------------


def receiver_type(receiver: Node | None, source: GoSource) -> str:
    """The receiver's type name: ``Widget`` for ``(w *Widget)``, ``Pair`` for ``(p Pair[K, V])``."""
    if receiver is None:
        return ""
    for declaration in receiver.named_children:
        if declaration.type == "parameter_declaration":
            return _type_name(declaration.child_by_field_name("type"), source)
    return ""


def _parameters(node: Node | None, source: GoSource) -> tuple[list[str], list[str]]:
    """Parameter names in order (unnamed and blank ones as ``_<position>``) and one type per parameter."""
    names: list[str] = []
    types: list[str] = []
    if node is None:
        return names, types
    if node.type != "parameter_list":  # a single unnamed result type
        return ["_1"], [source.norm(node)]
    for declaration in node.named_children:
        if declaration.type not in ("parameter_declaration", "variadic_parameter_declaration"):
            continue
        type_text = source.norm(declaration.child_by_field_name("type"))
        if declaration.type == "variadic_parameter_declaration":
            type_text = "..." + type_text
        declared = [source.text(n) for n in declaration.children_by_field_name("name")] or [""]
        for name in declared:
            position = len(names) + 1
            names.append(name if name and name != "_" else f"_{position}")
            types.append(type_text)
    return names, types


def function_elements(root: Node, ctx: Context) -> Iterator[Element]:
    for declaration in root.children:
        if declaration.type in ("function_declaration", "method_declaration"):
            yield _function_element(declaration, ctx)


def function_name(declaration: Node, source: GoSource) -> str:
    """``Name`` for a function, ``Recv.Name`` for a method."""
    name = source.text(declaration.child_by_field_name("name"))
    if declaration.type == "method_declaration":
        receiver = receiver_type(declaration.child_by_field_name("receiver"), source)
        return f"{receiver}.{name}" if receiver else name
    return name


def _function_element(declaration: Node, ctx: Context) -> Element:
    source = ctx.source
    name_node = declaration.child_by_field_name("name")
    assert name_node is not None
    body = declaration.child_by_field_name("body")
    receiver_node = declaration.child_by_field_name("receiver")
    is_method = declaration.type == "method_declaration"
    receiver = receiver_type(receiver_node, source) if is_method else ""
    name = source.text(name_node)
    full_name = f"{receiver}.{name}" if receiver else name
    parameters, parameter_types = _parameters(declaration.child_by_field_name("parameters"), source)
    _, result_types = _parameters(declaration.child_by_field_name("result"), source)
    signature_end = body.start_byte if body is not None else declaration.end_byte
    signature = normalise(source.between(declaration.start_byte, signature_end))
    unnamed_signature = (
        normalise(source.between(declaration.start_byte, name_node.start_byte))
        + "\0"
        + normalise(source.between(name_node.end_byte, signature_end))
    )
    types = "\0".join(
        (
            _receiver_type_text(receiver_node, source),
            ",".join(_type_parameters(declaration.child_by_field_name("type_parameters"), source)),
            ",".join(parameter_types),
            ",".join(result_types),
        )
    )
    span = source.span(declaration)
    attributes: dict[str, AttrValue] = {
        "method": is_method,
        "receiver": receiver or None,
        "parameters": tuple(parameters),
        "required_parameters": tuple(parameters),
        "signature": signature,
        # a method of an unexported type is still callable through an exported value or interface
        "public": exported(name),
        "qualname": f"{ctx.package}.{full_name}" if ctx.package else full_name,
        "lines": span.last_line - span.line + 1,
    }
    body_text = source.norm(body)
    content = digest("types", types) + digest("signature", unnamed_signature) + digest("body", body_text)
    return ctx.element("function", full_name, declaration, attributes, digest=content)


def _receiver_type_text(receiver: Node | None, source: GoSource) -> str:
    if receiver is None:
        return ""
    for declaration in receiver.named_children:
        if declaration.type == "parameter_declaration":
            return source.norm(declaration.child_by_field_name("type"))
    return ""


# --- imports -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Import:
    path: str
    alias: str | None
    node: Node


def imports(root: Node, source: GoSource) -> list[Import]:
    out: list[Import] = []
    for declaration in root.children:
        if declaration.type != "import_declaration":
            continue
        grouped = any(c.type == "import_spec_list" for c in declaration.named_children)
        specs = (
            [s for c in declaration.named_children if c.type == "import_spec_list" for s in c.named_children]
            if grouped
            else list(declaration.named_children)
        )
        for spec in specs:
            if spec.type != "import_spec":
                continue
            path = source.text(spec.child_by_field_name("path")).strip().strip('"`')
            alias_node = spec.child_by_field_name("name")
            out.append(
                Import(
                    path,
                    source.text(alias_node) if alias_node is not None else None,
                    spec if grouped else declaration,
                )
            )
    return out


def import_elements(found: list[Import], ctx: Context) -> Iterator[Element]:
    for imp in found:
        attributes: dict[str, AttrValue] = {"module": imp.path, "alias": imp.alias}
        content = digest("import", imp.path, imp.alias or "")
        yield ctx.element("import", imp.path, imp.node, attributes, digest=content)
