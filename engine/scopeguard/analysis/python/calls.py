"""Call sites, each with the scope it is in: ``call`` elements, and the input of routes and CDK.

The walk visits every expression once, keeping the scope chain of ``names`` (function bodies,
lambdas and comprehensions are scopes; decorators, defaults, annotations and base classes are read
in the enclosing scope, as Python evaluates them), so each call's callee is resolved where it is
written: ``requests.get`` is ``requests.get`` unless ``requests`` is a local value there.

A call is named by its callee as written, attributes joined (``registry.MustRegisterModel``), so that
``call where name ~ "*MustRegisterModel"`` finds it however the module was imported; ``qualname`` is
the resolved name (``None`` when the callee is a local value or an expression). Calls are identified
by the enclosing definition and the callee; repeated calls are told apart by their text (the delta
pairs equal texts first), so a second identical call in the same function is reported as added.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from scopeguard.analysis.python.module import Module
from scopeguard.analysis.python.names import Scope, dotted, parameter_names
from scopeguard.analysis.python.source import TYPE_ALIAS, digest
from scopeguard.core.model import AttrValue, Element

_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_MAX_TEXT = 200


@dataclass(frozen=True, slots=True)
class CallSite:
    node: ast.Call
    scope: Scope
    #: dotted name of the enclosing class or function, ``None`` at module level
    owner: str | None


def _join(owner: str | None, name: str) -> str:
    return name if owner is None else f"{owner}.{name}"


#: Nodes that cannot contain a call: not worth visiting (names, constants, operators, contexts, ...).
_LEAVES = (
    ast.Name, ast.Constant, ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop, ast.alias,
    ast.Pass, ast.Break, ast.Continue, ast.Global, ast.Nonlocal, ast.Import, ast.ImportFrom,
)  # fmt: skip


#: The scope a node is read in and the dotted name of its enclosing definition.
_Frame = tuple[Scope, str | None]


def call_sites(module: Module) -> list[CallSite]:
    """Every call of the module, in source order, with the scope its callee is read in."""
    stack: list[tuple[ast.AST, _Frame]] = [(module.source.tree, (module.scope, None))]
    found: list[CallSite] = []
    push = stack.append
    while stack:
        node, frame = stack.pop()
        scope, owner = frame
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for outer in (*node.decorator_list, node.args, *((node.returns,) if node.returns else ())):
                push((outer, frame))
            body_scope = scope.child("function", node.name, node.body, parameter_names(node.args))
            inner: _Frame = (body_scope, _join(owner, node.name))
            stack.extend((statement, inner) for statement in node.body)
            continue
        if isinstance(node, ast.ClassDef):
            stack.extend((outer, frame) for outer in (*node.decorator_list, *node.bases, *node.keywords))
            inner = (scope.child("class", node.name, node.body), _join(owner, node.name))
            stack.extend((statement, inner) for statement in node.body)
            continue
        if isinstance(node, TYPE_ALIAS):  # its type parameters are not read, as for classes and functions
            push((getattr(node, "value"), frame))  # noqa: B009 - not in the stubs of Python 3.10
            continue
        if isinstance(node, ast.Lambda):
            push((node.args, frame))
            push((node.body, (scope.child("function", "<lambda>", (), parameter_names(node.args)), owner)))
            continue
        if isinstance(node, _COMPREHENSIONS):
            # the first iterable is evaluated where the comprehension is written, the rest inside it
            first = node.generators[0]
            targets = [n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)]
            inner = (scope.child("function", "<comprehension>", (), targets), owner)
            push((first.iter, frame))
            stack.extend((c, inner) for c in ast.iter_child_nodes(node) if c is not first)
            stack.extend((c, inner) for c in (first.target, *first.ifs))
            continue
        if isinstance(node, ast.Call):
            found.append(CallSite(node, scope, owner))
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST) and not isinstance(item, _LEAVES):
                        push((item, frame))
            elif isinstance(value, ast.AST) and not isinstance(value, _LEAVES):
                push((value, frame))
    found.sort(key=lambda c: (c.node.lineno, c.node.col_offset))
    return found


def callee_text(module: Module, node: ast.expr) -> str:
    """The callee as written: a dotted name, else its source text on one line."""
    return dotted(node) or _clip(module.source.text_of(node))


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


def call_element(module: Module, site: CallSite) -> Element:
    node = site.node
    source = module.source
    written = dotted(node.func)
    name = written or _clip(source.text_of(node.func))
    text = source.text_of(node)
    arguments = tuple(_clip(source.text_of(a)) for a in node.args) + tuple(
        _clip(source.text_of(k)) for k in node.keywords
    )
    attributes: dict[str, AttrValue] = {
        "qualname": site.scope.qualify_dotted(written),
        "callee": name,
        "scope": site.owner,
        "text": _clip(text),
        "arguments": arguments,
    }
    key = f"call:{site.owner or ''}:{name}"
    return module.element("call", name, module.span(node), attributes, key=key, digest=digest("call", text))


def call_elements(module: Module, sites: list[CallSite]) -> Iterator[Element]:
    for site in sites:
        yield call_element(module, site)
