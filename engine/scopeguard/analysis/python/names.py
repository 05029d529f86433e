"""What a name in a Python module refers to: imports, aliases and scopes, read from the syntax tree.

``from pydantic import BaseModel as B; class X(B)`` has the base ``pydantic.BaseModel``; a name bound
by a ``def``, ``class`` or assignment at module level is ``module.name``; a name bound inside a
function (parameter, assignment, ``for`` target, ...) is a local value and has no qualified name, so
``json.dumps`` inside ``def f(json)`` is not ``json.dumps``. Lookup follows Python's rules: the
current scope, enclosing function scopes (class bodies are not visible from their methods), the
module, then builtins; ``global`` and ``nonlocal`` are honoured. Bindings are collected for a whole
scope before lookup, so a name defined after its use resolves as it would at run time.

This is the part of ``libcst.metadata.QualifiedNameProvider`` that the analyser needs, on the standard
library's ``ast``: the provider costs about 8 s per MB of source on this machine, a hundred times the
``ast`` parse, which neither a hook-sized check nor a release-sized diff can afford. Where a name can
have several meanings (``try: import json except ImportError: import simplejson as json``) the first
import wins; a star import resolves nothing.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from scopeguard.analysis.python.source import TYPE_ALIAS

ScopeKind = Literal["module", "class", "function"]

BUILTINS = frozenset(dir(builtins))

#: Binding strength: an import says more about a name than a definition, which says more than an
#: assignment (``X = X or fallback``).
_IMPORT, _DEFINITION, _ASSIGNMENT = 0, 1, 2

_SOURCE_ROOTS = ("src/",)


def module_name(path: str) -> str:
    """The dotted module name of a file path (``src/pkg/__init__.py`` is ``pkg``)."""
    for root in _SOURCE_ROOTS:
        if path.startswith(root):
            path = path[len(root) :]
            break
    stem = path.rsplit(".", 1)[0] if path.endswith((".py", ".pyi")) else path
    parts = [p for p in stem.split("/") if p]
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_package(path: str) -> bool:
    return path.rsplit("/", 1)[-1] in ("__init__.py", "__init__.pyi")


def absolute_module(module: str, package: bool, level: int, target: str | None) -> str:
    """The module ``from <level dots><target> import ...`` names, written in ``module``."""
    if level == 0:
        return target or ""
    parts = module.split(".") if module else []
    if not package and parts:
        parts.pop()
    drop = level - 1
    if drop:
        parts = parts[: max(0, len(parts) - drop)]
    if target:
        parts.append(target)
    return ".".join(parts)


def dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a chain of attributes on a name, else ``None``."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _target_names(target: ast.expr) -> Iterator[str]:
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, (ast.Tuple, ast.List)):
        for item in target.elts:
            yield from _target_names(item)
    elif isinstance(target, ast.Starred):
        yield from _target_names(target.value)


@dataclass(slots=True)
class Scope:
    """One scope (module, class body or function body) and the names bound in it.

    ``prefix`` is the qualified name of the scope's own definitions (``pkg.mod`` for the module,
    ``pkg.mod.Class`` for a class body, ``None`` inside a function, whose names are local values).
    Bindings are read from ``body`` on first lookup.
    """

    kind: ScopeKind
    prefix: str | None
    module: str
    package: bool
    body: Sequence[ast.stmt] = ()
    parent: Scope | None = None
    locals_: Iterable[str] = ()
    _bindings: dict[str, tuple[int, str | None]] | None = field(default=None, repr=False)
    _global: set[str] = field(default_factory=set, repr=False)
    _nonlocal: set[str] = field(default_factory=set, repr=False)

    @property
    def bindings(self) -> dict[str, tuple[int, str | None]]:
        if self._bindings is None:
            self._bindings = {}
            for name in self.locals_:
                self._bindings[name] = (_ASSIGNMENT, None)
            self._collect(self.body)
        return self._bindings

    def child(
        self, kind: ScopeKind, name: str, body: Sequence[ast.stmt], locals_: Iterable[str] = ()
    ) -> Scope:
        prefix = None if self.prefix is None or kind == "function" else f"{self.prefix}.{name}"
        return Scope(kind, prefix, self.module, self.package, body, self, locals_)

    # --- collecting bindings -----------------------------------------------------------------

    def _bind(self, name: str, strength: int, qualified: str | None) -> None:
        if name in self._global or name in self._nonlocal:
            return
        assert self._bindings is not None
        current = self._bindings.get(name)
        if current is None or strength < current[0]:
            self._bindings[name] = (strength, qualified)

    def _own(self, name: str) -> str | None:
        return None if self.prefix is None else f"{self.prefix}.{name}"

    def _collect(self, body: Sequence[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self._bind(alias.asname, _IMPORT, alias.name)
                    else:
                        head = alias.name.split(".", 1)[0]
                        self._bind(head, _IMPORT, head)
            elif isinstance(node, ast.ImportFrom):
                base = absolute_module(self.module, self.package, node.level, node.module)
                for alias in node.names:
                    if alias.name != "*":
                        local = alias.asname or alias.name
                        self._bind(local, _IMPORT, f"{base}.{alias.name}" if base else alias.name)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self._bind(node.name, _DEFINITION, self._own(node.name))
            elif isinstance(node, ast.Global):
                self._global.update(node.names)
            elif isinstance(node, ast.Nonlocal):
                self._nonlocal.update(node.names)
            else:
                self._collect_statement(node)

    def _collect_statement(self, node: ast.stmt) -> None:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets.extend(node.targets)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)):
            targets.append(node.target)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            targets.extend(item.optional_vars for item in node.items if item.optional_vars is not None)
        elif isinstance(node, TYPE_ALIAS):  # ``type X = ...`` binds X
            targets.append(getattr(node, "name"))  # noqa: B009 - not in the stubs of Python 3.10
        for target in targets:
            for name in _target_names(target):
                self._bind(name, _ASSIGNMENT, self._own(name))
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(node, name, None)
            if inner:
                self._collect(inner)
        for handler in getattr(node, "handlers", ()):  # try and try*
            if handler.name:
                self._bind(handler.name, _ASSIGNMENT, self._own(handler.name))
            self._collect(handler.body)
        if isinstance(node, ast.Match):
            for case in node.cases:
                self._collect(case.body)

    # --- lookup --------------------------------------------------------------------------------

    def lookup(self, name: str) -> str | None:
        """The qualified name ``name`` refers to here; ``None`` for a local value or an unknown name."""
        scope: Scope | None = self
        while scope is not None:
            bindings = scope.bindings
            if name in scope._global:
                return scope.root().lookup(name)
            if name not in scope._nonlocal and name in bindings:
                return bindings[name][1]
            scope = scope.parent
            # class bodies are not visible from the functions and classes nested in them
            while scope is not None and scope.kind == "class":
                scope = scope.parent
        return name if name in BUILTINS else None

    def root(self) -> Scope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope

    def qualify(self, node: ast.expr) -> str | None:
        """The qualified name of a name or attribute chain (``np.array`` -> ``numpy.array``)."""
        return self.qualify_dotted(dotted(node))

    def qualify_dotted(self, written: str | None) -> str | None:
        """``qualify`` for a chain already written as ``a.b.c``."""
        if written is None:
            return None
        head, dot, rest = written.partition(".")
        resolved = self.lookup(head)
        if resolved is None:
            return None
        return resolved + dot + rest


def module_scope(path: str, tree: ast.Module) -> Scope:
    module = module_name(path)
    return Scope("module", module, module, is_package(path), tree.body)


def parameter_names(args: ast.arguments) -> list[str]:
    names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    if args.vararg is not None:
        names.append(args.vararg.arg)
    if args.kwarg is not None:
        names.append(args.kwarg.arg)
    return names
