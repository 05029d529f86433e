"""The statements of a module that define things: classes, functions, imports, ``type(...)`` classes
and ``type`` aliases.

One walk over the statements (never into expressions, which is what keeps it cheap) records every
definition with the dotted nesting it is written in (``Outer.Inner.method``, ``func.Local``; blocks
such as ``if`` and ``try`` add no level) and the scope its decorators and bases are read in. The
element builders work from this inventory, so each kind costs only its own attributes.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from scopeguard.analysis.python.names import Scope, module_scope, parameter_names
from scopeguard.analysis.python.source import TYPE_ALIAS, PythonSource
from scopeguard.core.model import AttrValue, Element, Span

LANGUAGE = "python"

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
DefinitionNode = ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True, slots=True)
class Definition:
    """A ``class`` or ``def`` statement and where it stands."""

    node: DefinitionNode
    name: str
    #: the scope the statement is in (its decorators, bases and defaults are read there)
    scope: Scope
    #: the enclosing class or function definition, if any
    parent: Definition | None

    @property
    def in_function(self) -> bool:
        parent = self.parent
        while parent is not None:
            if not isinstance(parent.node, ast.ClassDef):
                return True
            parent = parent.parent
        return False

    @property
    def is_method(self) -> bool:
        return self.parent is not None and isinstance(self.parent.node, ast.ClassDef)


@dataclass(frozen=True, slots=True)
class DynamicClass:
    """``X = type("X", (Base,), {...})``: a class made by calling ``type``."""

    call: ast.Call
    name: str
    scope: Scope
    in_function: bool


@dataclass(frozen=True, slots=True)
class TypeAlias:
    """``type X[T] = value`` (PEP 695): a class element of type ``alias``."""

    node: ast.stmt
    name: str
    value: ast.expr
    in_function: bool


@dataclass(frozen=True, slots=True)
class ImportSite:
    node: ast.Import | ast.ImportFrom
    scope: Scope


@dataclass(slots=True)
class Module:
    """A parsed module and the inventory of its definitions."""

    source: PythonSource
    path: str
    scope: Scope
    definitions: list[Definition] = field(default_factory=list)
    dynamic_classes: list[DynamicClass] = field(default_factory=list)
    aliases: list[TypeAlias] = field(default_factory=list)
    imports: list[ImportSite] = field(default_factory=list)
    #: module-level ``name = Callee(...)`` assignments (a Blueprint's or APIRouter's prefix)
    assignments: dict[str, ast.Call] = field(default_factory=dict)
    #: names listed in a static ``__all__``, when the module has one
    exported: frozenset[str] | None = None
    _public_module: bool | None = field(default=None, repr=False)

    @property
    def module(self) -> str:
        return self.scope.module

    @property
    def public_module(self) -> bool:
        """Whether callers outside the project may import this module: no private part, not tests."""
        if self._public_module is None:
            parts = self.module.split(".") if self.module else []
            self._public_module = not any(_private(p) or _test(p) for p in parts)
        return self._public_module

    def imported_modules(self) -> Iterator[str]:
        for site in self.imports:
            node = site.node
            if isinstance(node, ast.Import):
                yield from (a.name for a in node.names)
            elif node.module and node.level == 0:
                yield node.module

    def imports_any(self, *prefixes: str) -> bool:
        return any(m == p or m.startswith(p + ".") for m in self.imported_modules() for p in prefixes)

    def public(self, name: str, in_function: bool) -> bool:
        """Public API: no part of the module or the name private (``__dunder__`` is public), not in a
        test module, not inside a function, and listed in ``__all__`` when the module has one."""
        if in_function or not self.public_module:
            return False
        parts = name.split(".")
        if any(_private(p) for p in parts):
            return False
        return self.exported is None or parts[0] in self.exported

    def qualname(self, name: str) -> str:
        return f"{self.module}.{name}" if self.module else name

    def span(self, node: ast.expr | ast.stmt | ast.alias) -> Span:
        return self.source.span(node)

    def element(
        self,
        kind: str,
        name: str,
        span: Span,
        attributes: dict[str, AttrValue],
        *,
        key: str | None = None,
        digest: str | None = None,
    ) -> Element:
        return Element(kind, name, self.path, span, LANGUAGE, attributes, key, digest)


_TEST_PARTS = frozenset({"test", "tests", "testing", "conftest"})


def _test(part: str) -> bool:
    return part in _TEST_PARTS or part.startswith("test_") or part.endswith("_test")


def _private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__") and len(part) > 4)


def _static_all(body: Sequence[ast.stmt]) -> frozenset[str] | None:
    for node in body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                value = node.value
                if isinstance(value, (ast.List, ast.Tuple)) and all(
                    isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts
                ):
                    return frozenset(str(e.value) for e in value.elts if isinstance(e, ast.Constant))
                return None
    return None


def _dynamic_class(value: ast.expr | None, scope: Scope) -> str | None:
    """The class name of a ``type("X", (bases,), {namespace})`` call, else ``None``."""
    if not isinstance(value, ast.Call) or len(value.args) != 3 or value.keywords:
        return None
    if not isinstance(value.func, ast.Name) or value.func.id != "type" or scope.lookup("type") != "type":
        return None
    first = value.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value.isidentifier():
        return first.value
    return None


def _in_function(parent: Definition | None) -> bool:
    """Whether a statement under ``parent`` is local to a function (not even a class body's)."""
    return parent is not None and (not isinstance(parent.node, ast.ClassDef) or parent.in_function)


def read_module(source: PythonSource, path: str) -> Module:
    scope = module_scope(path, source.tree)
    module = Module(source, path, scope, exported=_static_all(source.tree.body))
    _walk(module, source.tree.body, scope, None, "")
    return module


#: Statements that neither define, import nor contain other statements.
_SIMPLE = (ast.Return, ast.AugAssign, ast.Raise, ast.Assert, ast.Pass, ast.Break, ast.Continue, ast.Delete,
           ast.Global, ast.Nonlocal)


def _walk(
    module: Module, body: Sequence[ast.stmt], scope: Scope, parent: Definition | None, prefix: str
) -> None:
    for node in body:
        if isinstance(node, _SIMPLE):
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = prefix + node.name
            definition = Definition(node, name, scope, parent)
            module.definitions.append(definition)
            if isinstance(node, ast.ClassDef):
                inner = scope.child("class", node.name, node.body)
            else:
                inner = scope.child("function", node.name, node.body, parameter_names(node.args))
            _walk(module, node.body, inner, definition, name + ".")
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module.imports.append(ImportSite(node, scope))
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.Expr)):
            value = node.value
            dynamic = _dynamic_class(value, scope)
            if dynamic is not None and isinstance(value, ast.Call):
                module.dynamic_classes.append(
                    DynamicClass(value, prefix + dynamic, scope, _in_function(parent))
                )
            if (
                scope.kind == "module"
                and isinstance(node, ast.Assign)
                and isinstance(value, ast.Call)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
            ):
                module.assignments[node.targets[0].id] = value
            continue
        if isinstance(node, TYPE_ALIAS):
            name_node, value = getattr(node, "name", None), getattr(node, "value", None)
            if isinstance(name_node, ast.Name) and isinstance(value, ast.expr):
                module.aliases.append(TypeAlias(node, prefix + name_node.id, value, _in_function(parent)))
            continue
        for field_name in ("body", "orelse", "finalbody"):
            inner_body = getattr(node, field_name, None)
            if inner_body and isinstance(inner_body, list):
                _walk(module, inner_body, scope, parent, prefix)
        for handler in getattr(node, "handlers", ()):
            _walk(module, handler.body, scope, parent, prefix)
        if isinstance(node, ast.Match):
            for case in node.cases:
                _walk(module, case.body, scope, parent, prefix)
