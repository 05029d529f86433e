"""Function signatures: reading them from the syntax tree, writing them down, and what a change breaks.

A signature is written the way ``inspect.Signature`` prints it (``(self, a: int, b=1, /, *args, c,
**kw) -> str``), annotations and defaults as in the source with white space collapsed. That text is
the ``signature`` attribute, and it is also what ``compare`` reads back (with ``ast``) to tell how two
versions differ, so an element needs no hidden attributes.

Which changes break callers follows griffe's breakage detection (``griffe.find_breaking_changes``):
a parameter removed (unless ``*args``/``**kwargs`` still accept it), a new parameter without a
default, a parameter that became required, moved among the positional ones, changed kind (keyword
to positional-only, ...) or changed its default. Two things are added: a parameter that keeps its
place and kind under a new name is reported as renamed (``old->new``), which breaks callers passing
it by keyword; and switching between ``def`` and ``async def`` breaks every caller.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from scopeguard.analysis.python.source import PythonSource

ParameterKind = Literal[
    "positional-only", "positional-or-keyword", "var-positional", "keyword-only", "var-keyword"
]

_POSITIONAL = ("positional-only", "positional-or-keyword")
_VARIADIC = ("var-positional", "var-keyword")

#: Decorators that change how a function is called (a method becoming a property breaks callers).
CALLING_DECORATORS = frozenset({"staticmethod", "classmethod", "property", "functools.cached_property"})


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    kind: ParameterKind
    annotation: str | None = None
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None and self.kind not in _VARIADIC

    def format(self) -> str:
        prefix = {"var-positional": "*", "var-keyword": "**"}.get(self.kind, "")
        text = prefix + self.name
        if self.annotation is not None:
            text += f": {self.annotation}"
            if self.default is not None:
                text += f" = {self.default}"
        elif self.default is not None:
            text += f"={self.default}"
        return text


def _expression(source: PythonSource | None, node: ast.expr) -> str:
    if source is None:
        return ast.unparse(node)
    text = source.text_of(node)
    # a comment inside a multi-line expression would swallow the rest of the line once collapsed
    return ast.unparse(node) if "#" in text and "\n" in source.segment(node).decode("utf-8") else text


def read_parameters(args: ast.arguments, source: PythonSource | None = None) -> tuple[Parameter, ...]:
    """The parameters of a ``def`` or ``lambda`` in order (text from ``source``, else unparsed)."""

    def annotation(arg: ast.arg) -> str | None:
        return None if arg.annotation is None else _expression(source, arg.annotation)

    out: list[Parameter] = []
    positional = [*args.posonlyargs, *args.args]
    first_default = len(positional) - len(args.defaults)
    for index, arg in enumerate(positional):
        kind: ParameterKind = "positional-only" if index < len(args.posonlyargs) else "positional-or-keyword"
        default = args.defaults[index - first_default] if index >= first_default else None
        default_text = None if default is None else _expression(source, default)
        out.append(Parameter(arg.arg, kind, annotation(arg), default_text))
    if args.vararg is not None:
        out.append(Parameter(args.vararg.arg, "var-positional", annotation(args.vararg)))
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        default_text = None if kw_default is None else _expression(source, kw_default)
        out.append(Parameter(arg.arg, "keyword-only", annotation(arg), default_text))
    if args.kwarg is not None:
        out.append(Parameter(args.kwarg.arg, "var-keyword", annotation(args.kwarg)))
    return tuple(out)


def format_signature(parameters: Sequence[Parameter], returns: str | None) -> str:
    parts: list[str] = []
    seen_positional_only = False
    star_written = False
    for p in parameters:
        if seen_positional_only and p.kind != "positional-only":
            parts.append("/")
            seen_positional_only = False
        if p.kind == "positional-only":
            seen_positional_only = True
        if p.kind == "var-positional":
            star_written = True
        if p.kind == "keyword-only" and not star_written:
            parts.append("*")
            star_written = True
        parts.append(p.format())
    if seen_positional_only:
        parts.append("/")
    text = "(" + ", ".join(parts) + ")"
    return text if returns is None else f"{text} -> {returns}"


def parse_signature(signature: str) -> tuple[tuple[Parameter, ...], str | None] | None:
    """Read back a signature written by ``format_signature``; ``None`` when it does not parse."""
    try:
        tree = ast.parse(f"def _{signature}: pass")
    except (SyntaxError, ValueError, RecursionError):
        return None
    node = tree.body[0]
    assert isinstance(node, ast.FunctionDef)
    returns = None if node.returns is None else ast.unparse(node.returns)
    return read_parameters(node.args), returns


@dataclass(frozen=True, slots=True)
class SignatureChange:
    """How a new signature differs from an old one, in griffe's terms."""

    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    added_required: tuple[str, ...] = ()
    renamed: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    now_required: tuple[str, ...] = ()
    changed_kind: tuple[str, ...] = ()
    changed_default: tuple[str, ...] = ()
    returns_changed: bool = False
    breaking_reasons: tuple[str, ...] = field(default=())

    @property
    def breaking(self) -> bool:
        return bool(self.breaking_reasons)


def _kind_change_breaks(old: ParameterKind, new: ParameterKind) -> bool:
    """Loosening is safe: positional-only or keyword-only may become positional-or-keyword."""
    return not (new == "positional-or-keyword" and old in ("positional-only", "keyword-only"))


def _removal_breaks(p: Parameter, new: Sequence[Parameter]) -> bool:
    has_args = any(q.kind == "var-positional" for q in new)
    has_kwargs = any(q.kind == "var-keyword" for q in new)
    if p.kind == "positional-only":
        return not has_args
    if p.kind == "keyword-only":
        return not has_kwargs
    if p.kind == "positional-or-keyword":
        return not (has_args and has_kwargs)
    return True


def compare_parameters(old: Sequence[Parameter], new: Sequence[Parameter]) -> SignatureChange:
    old_by_name = {p.name: p for p in old}
    new_by_name = {p.name: p for p in new}
    gone = [p for p in old if p.name not in new_by_name]
    fresh = [p for p in new if p.name not in old_by_name]
    renamed: list[str] = []
    breaking: list[str] = []
    old_index = {p.name: i for i, p in enumerate(old)}
    for p in list(gone):
        i = old_index[p.name]
        partner = new[i] if i < len(new) else None
        if partner is not None and partner in fresh and partner.kind == p.kind and p.kind not in _VARIADIC:
            gone.remove(p)
            fresh.remove(partner)
            renamed.append(f"{p.name}->{partner.name}")
            if p.kind != "positional-only":
                breaking.append(f"parameter {p.name} renamed to {partner.name}")
            if partner.required and not p.required:
                breaking.append(f"parameter {partner.name} is now required")
    removed = tuple(p.name for p in gone)
    breaking.extend(f"parameter {p.name} removed" for p in gone if _removal_breaks(p, new))
    added_required = tuple(p.name for p in fresh if p.required)
    breaking.extend(f"new required parameter {name}" for name in added_required)
    moved: list[str] = []
    now_required: list[str] = []
    changed_kind: list[str] = []
    changed_default: list[str] = []
    old_positional = [p.name for p in old if p.kind in _POSITIONAL and p.name in new_by_name]
    new_positional = [p.name for p in new if p.kind in _POSITIONAL and p.name in old_by_name]
    for p in old:
        q = new_by_name.get(p.name)
        if q is None:
            continue
        if q.kind != p.kind:
            changed_kind.append(p.name)
            if _kind_change_breaks(p.kind, q.kind):
                breaking.append(f"parameter {p.name} is now {q.kind}")
        if (p.kind in _POSITIONAL and q.kind in _POSITIONAL and p.name in new_positional
                and old_positional.index(p.name) != new_positional.index(p.name)):
            moved.append(p.name)
            breaking.append(f"parameter {p.name} moved")
        if q.required and not p.required:
            now_required.append(p.name)
            breaking.append(f"parameter {p.name} is now required")
        elif p.default is not None and q.default is not None and p.default != q.default:
            changed_default.append(p.name)
            breaking.append(f"default of {p.name} changed")
    return SignatureChange(
        removed=removed,
        added=tuple(p.name for p in fresh),
        added_required=added_required,
        renamed=tuple(renamed),
        moved=tuple(moved),
        now_required=tuple(now_required),
        changed_kind=tuple(changed_kind),
        changed_default=tuple(changed_default),
        breaking_reasons=tuple(breaking),
    )
