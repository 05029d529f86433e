"""``class``, ``function`` and ``decorator`` elements from a module's definitions.

A class's digest hashes its header (bases, keywords), its decorators and its whole body; a function's
its signature, its decorators and its body. None of them includes the element's name or position,
so a class or function that moves to another file, or is renamed without other change, keeps its
digest and the delta reports it as ``renamed``. Bodies are hashed without indentation, blank lines
or whole-line comments. A body with nothing in it (``pass``, ``...``, a docstring, ``raise
NotImplementedError``) hashes its name too: otherwise every empty method in a change would look like
a rename of every other one.

Digests are three fixed-length parts (``PART`` each: header or signature | decorators | body), which
``compare`` reads to say which of them changed, and a fourth for a generic definition's type
parameters (PEP 695), so that a definition without any keeps the digest it had before they existed.

A ``type X[T] = value`` statement is a class element of ``type`` ``alias`` (as Go's ``type X = Y``
is), with the value's text as its one ``members`` entry: it names a new type, which rules such as
``forbid added class in "**/models.py"`` are about, while ``where base ~ "*BaseModel"`` does not
select it (an alias has no bases). Its digest hashes the value, so an alias renamed with the same
value is ``renamed``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from scopeguard.analysis.python.module import Definition, DynamicClass, Module, TypeAlias
from scopeguard.analysis.python.names import Scope, dotted
from scopeguard.analysis.python.signatures import format_signature, read_parameters
from scopeguard.analysis.python.source import digest
from scopeguard.core.model import AttrValue, Element

_CLASSVAR = frozenset({"ClassVar", "typing.ClassVar", "typing_extensions.ClassVar"})


def resolved(scope: Scope, node: ast.expr, text: str) -> str:
    """The qualified name of a name or attribute chain, else the expression as written."""
    return scope.qualify(node) or text


def decorator_callee(node: ast.expr) -> ast.expr:
    """What a decorator names: ``app.route`` for ``@app.route("/x")``."""
    return node.func if isinstance(node, ast.Call) else node


def decorator_names(module: Module, definition: Definition) -> tuple[str, ...]:
    out = []
    for decorator in definition.node.decorator_list:
        callee = decorator_callee(decorator)
        out.append(resolved(definition.scope, callee, module.source.text_of(callee)))
    return tuple(out)


def _trivial(body: list[ast.stmt]) -> bool:
    """A body that says nothing of its own (so that its digest must include the name)."""
    statements = [s for s in body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if not statements:
        return True
    if len(statements) > 1:
        return False
    only = statements[0]
    if isinstance(only, ast.Pass):
        return True
    if isinstance(only, ast.Raise):
        exc = only.exc
        target = exc.func if isinstance(exc, ast.Call) else exc
        return target is None or dotted(target) == "NotImplementedError"
    return isinstance(only, ast.Return) and (only.value is None or isinstance(only.value, ast.Constant))


def _body_digest(module: Module, definition: Definition) -> str:
    node = definition.node
    first = node.body[0]
    end_line = node.end_lineno if node.end_lineno is not None else first.lineno
    text = module.source.normalised(first.lineno, first.col_offset, end_line)
    if _trivial(node.body):
        return digest("body", node.name, text)
    return digest("body", text)


_NO_DECORATORS = digest("decorators")


def _decorators_digest(module: Module, definition: Definition) -> str:
    decorators = definition.node.decorator_list
    if not decorators:
        return _NO_DECORATORS
    return digest("decorators", *(module.source.text_of(d) for d in decorators))


def _lines(node: ast.stmt) -> int:
    return (node.end_lineno or node.lineno) - node.lineno + 1


def _generic(parameters: tuple[str, ...]) -> str:
    """The digest part of type parameters: none for a definition without any."""
    return digest("type parameters", *parameters) if parameters else ""


# --- classes -----------------------------------------------------------------------------------


def _fields(node: ast.ClassDef) -> tuple[str, ...]:
    out = []
    for statement in node.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            annotation = statement.annotation
            head = annotation.value if isinstance(annotation, ast.Subscript) else annotation
            if dotted(head) not in _CLASSVAR:
                out.append(statement.target.id)
    return tuple(out)


def class_element(module: Module, definition: Definition) -> Element:
    node = definition.node
    assert isinstance(node, ast.ClassDef)
    source, scope = module.source, definition.scope
    bases = tuple(resolved(scope, b, source.text_of(b)) for b in node.bases)
    metaclass = next((k.value for k in node.keywords if k.arg == "metaclass"), None)
    parameters = source.type_parameters(node)
    attributes: dict[str, AttrValue] = {
        "qualname": module.qualname(definition.name),
        "bases": bases,
        "decorators": decorator_names(module, definition),
        "type": "class",
        "public": module.public(definition.name, definition.in_function),
        "methods": tuple(s.name for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))),
        "fields": _fields(node),
        "metaclass": None if metaclass is None else resolved(scope, metaclass, source.text_of(metaclass)),
        "lines": _lines(node),
        "type_parameters": parameters,
    }
    header = digest("header", *map(source.text_of, node.bases), *map(source.text_of, node.keywords))
    content = (
        header
        + _decorators_digest(module, definition)
        + _body_digest(module, definition)
        + _generic(parameters)
    )
    return module.element("class", definition.name, module.span(node), attributes, digest=content)


def dynamic_class_element(module: Module, made: DynamicClass) -> Element:
    """A class made by ``type("X", (Base,), {...})``: bases from the tuple, methods from the dict."""
    source, scope, call = module.source, made.scope, made.call
    bases_node, namespace = call.args[1], call.args[2]
    base_nodes = bases_node.elts if isinstance(bases_node, ast.Tuple) else [bases_node]
    methods: list[str] = []
    fields: list[str] = []
    if isinstance(namespace, ast.Dict):
        for key, value in zip(namespace.keys, namespace.values, strict=True):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                callable_ = isinstance(value, (ast.Lambda, ast.Name, ast.Attribute))
                (methods if callable_ else fields).append(key.value)
    attributes: dict[str, AttrValue] = {
        "qualname": module.qualname(made.name),
        "bases": tuple(resolved(scope, b, source.text_of(b)) for b in base_nodes),
        "decorators": (),
        "type": "class",
        "public": module.public(made.name, made.in_function),
        "methods": tuple(methods),
        "fields": tuple(fields),
        "metaclass": None,
        "lines": (call.end_lineno or call.lineno) - call.lineno + 1,
        "type_parameters": (),
    }
    header = digest("header", source.text_of(bases_node))
    content = header + _NO_DECORATORS + digest("body", source.text_of(namespace))
    return module.element("class", made.name, module.span(call), attributes, digest=content)


_ALIAS_HEADER = digest("alias")


def alias_element(module: Module, alias: TypeAlias) -> Element:
    """``type X[T] = value``: a class of type ``alias`` whose one member is the value."""
    source, node = module.source, alias.node
    parameters = source.type_parameters(node)
    value = source.text_of(alias.value)
    attributes: dict[str, AttrValue] = {
        "qualname": module.qualname(alias.name),
        "bases": (),
        "decorators": (),
        "type": "alias",
        "public": module.public(alias.name, alias.in_function),
        "methods": (),
        "fields": (),
        "metaclass": None,
        "lines": _lines(node),
        "type_parameters": parameters,
        "members": (value,),
    }
    content = _ALIAS_HEADER + _NO_DECORATORS + digest("body", value) + _generic(parameters)
    return module.element("class", alias.name, module.span(node), attributes, digest=content)


def class_elements(module: Module) -> Iterator[Element]:
    for definition in module.definitions:
        if isinstance(definition.node, ast.ClassDef):
            yield class_element(module, definition)
    for made in module.dynamic_classes:
        yield dynamic_class_element(module, made)
    for alias in module.aliases:
        yield alias_element(module, alias)


# --- functions ---------------------------------------------------------------------------------


def function_element(module: Module, definition: Definition) -> Element:
    node = definition.node
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    source = module.source
    parameters = read_parameters(node.args, source)
    returns = None if node.returns is None else source.text_of(node.returns)
    signature = format_signature(parameters, returns)
    decorators = decorator_names(module, definition)
    bound = definition.is_method and "staticmethod" not in decorators
    is_async = isinstance(node, ast.AsyncFunctionDef)
    type_parameters = source.type_parameters(node)
    attributes: dict[str, AttrValue] = {
        "qualname": module.qualname(definition.name),
        "method": definition.is_method,
        "parameters": tuple(p.name for p in parameters),
        "required_parameters": tuple(
            p.name for i, p in enumerate(parameters) if p.required and not (bound and i == 0)
        ),
        "decorators": decorators,
        "async": is_async,
        "public": module.public(definition.name, definition.in_function),
        "signature": signature,
        "lines": _lines(node),
        "type_parameters": type_parameters,
    }
    content = (
        digest("signature", "async" if is_async else "def", signature)
        + _decorators_digest(module, definition)
        + _body_digest(module, definition)
        + _generic(type_parameters)
    )
    return module.element("function", definition.name, module.span(node), attributes, digest=content)


def function_elements(module: Module) -> Iterator[Element]:
    for definition in module.definitions:
        if not isinstance(definition.node, ast.ClassDef):
            yield function_element(module, definition)


# --- decorators --------------------------------------------------------------------------------


def decorator_elements(module: Module) -> Iterator[Element]:
    source = module.source
    for definition in module.definitions:
        for node in definition.node.decorator_list:
            callee = decorator_callee(node)
            written = dotted(callee) or source.text_of(callee)
            text = source.text_of(node)
            attributes: dict[str, AttrValue] = {
                "qualname": resolved(definition.scope, callee, written),
                "target": definition.name,
                "text": text,
            }
            key = f"decorator:{definition.name}:{written}"
            yield module.element(
                "decorator", written, module.span(node), attributes, key=key,
                digest=digest("decorator", definition.name, text),
            )

