"""HTTP routes of Flask, FastAPI and Django applications, read from decorators and URL configuration.

- Flask: ``@app.route("/users/<int:id>", methods=["GET", "POST"])`` (``GET`` when no methods are
  given), ``@bp.get("/x")`` and friends, ``app.add_url_rule("/x", view_func=f)``; a Blueprint's
  ``url_prefix`` is applied when the Blueprint is created in the same module.
- FastAPI: ``@app.get("/items/{id}")`` and the other method decorators, ``@router.api_route(...,
  methods=[...])``, ``app.add_api_route(...)``; an ``APIRouter(prefix=...)`` of the same module is
  applied.
- Django: ``path()``, ``re_path()`` and ``url()`` entries (``ANY`` method); ``include()`` entries are
  prefixes of other files' routes and are not routes themselves.

A route is named ``METHOD /path`` with converters reduced to the parameter (``/users/{id}`` for
Flask's ``<int:id>``, Django's ``<int:id>`` and FastAPI's ``{id:int}``), so the same endpoint reads
the same in every framework. Decorator routes are told from look-alikes (``@cache.get("key")``) by
their path, which must start with ``/``. The framework is the one the module imports; a module that
imports neither (a view module using a Blueprint made elsewhere) is read by the decorator's shape.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from scopeguard.analysis.python.calls import CallSite, callee_text
from scopeguard.analysis.python.definitions import resolved
from scopeguard.analysis.python.module import Definition, Module
from scopeguard.analysis.python.names import dotted
from scopeguard.analysis.python.source import digest
from scopeguard.core.model import AttrValue, Element, Span

_HTTP_METHODS = frozenset({"get", "post", "put", "delete", "patch", "head", "options", "trace"})
_ANGLE = re.compile(r"<(?:[^:<>]+:)?([^<>:]+)>")
_BRACE = re.compile(r"\{([^{}:]+):[^{}]*\}")
_DJANGO = frozenset(
    {"django.urls.path", "django.urls.re_path", "django.conf.urls.url", "django.conf.urls.re_path"}
)
_PREFIX_KEYWORDS = {"Blueprint": "url_prefix", "APIRouter": "prefix"}


def normalise(route: str) -> str:
    route = _BRACE.sub(r"{\1}", _ANGLE.sub(r"{\1}", route))
    return route if route.startswith("/") else "/" + route


def _string(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _argument(call: ast.Call, index: int, *keywords: str) -> ast.expr | None:
    for k in call.keywords:
        if k.arg in keywords:
            return k.value
    return call.args[index] if len(call.args) > index else None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _methods(call: ast.Call, default: tuple[str, ...]) -> tuple[str, ...]:
    node = _keyword(call, "methods")
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        found = tuple(dict.fromkeys(s.upper() for s in map(_string, node.elts) if s))
        return found or default
    return default if node is None else ("ANY",)


def _prefix(module: Module, receiver: ast.expr) -> str:
    """The ``url_prefix`` / ``prefix`` of a Blueprint or APIRouter created in this module."""
    name = dotted(receiver)
    call = module.assignments.get(name or "")
    if call is None:
        return ""
    kind = (dotted(call.func) or "").rsplit(".", 1)[-1]
    keyword = _PREFIX_KEYWORDS.get(kind)
    if keyword is None:
        return ""
    return (_string(_keyword(call, keyword)) or "").rstrip("/")


def _framework(module: Module, shape: str) -> str:
    flask = module.imports_any("flask")
    fastapi = module.imports_any("fastapi", "starlette")
    if flask and not fastapi:
        return "flask"
    if fastapi and not flask:
        return "fastapi"
    return shape


def _route(
    module: Module,
    span: Span,
    method: str,
    route: str,
    framework: str,
    handler: str | None,
    function: str | None,
) -> Element:
    name = f"{method} {route}"
    attributes: dict[str, AttrValue] = {
        "method": method,
        "route": route,
        "framework": framework,
        "handler": handler,
        "function": function,
    }
    content = digest("route", name, framework, (handler or "").rsplit(".", 1)[-1])
    return module.element("route", name, span, attributes, digest=content)


def decorator_routes(module: Module) -> Iterator[Element]:
    for definition in module.definitions:
        if isinstance(definition.node, ast.ClassDef):
            continue
        for decorator in definition.node.decorator_list:
            yield from _decorator_route(module, definition, decorator)


def _decorator_route(module: Module, definition: Definition, decorator: ast.expr) -> Iterator[Element]:
    if not isinstance(decorator, ast.Call) or not isinstance(decorator.func, ast.Attribute):
        return
    verb = decorator.func.attr
    if verb == "route":
        framework, methods = _framework(module, "flask"), _methods(decorator, ("GET",))
    elif verb == "api_route":
        framework, methods = "fastapi", _methods(decorator, ("GET",))
    elif verb in _HTTP_METHODS:
        framework, methods = _framework(module, "fastapi"), (verb.upper(),)
    else:
        return
    path = _string(_argument(decorator, 0, "rule", "path"))
    if path is None or not path.startswith("/"):
        return
    route = normalise(_prefix(module, decorator.func.value) + path)
    handler = module.qualname(definition.name)
    for method in methods:
        yield _route(module, module.span(decorator), method, route, framework, handler, definition.name)


def _view(module: Module, site: CallSite, node: ast.expr | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "as_view":
        node = node.func.value
    return resolved(site.scope, node, callee_text(module, node))


def call_routes(module: Module, sites: list[CallSite]) -> Iterator[Element]:
    django = module.imports_any("django")
    for site in sites:
        call = site.node
        func = call.func
        qualname = site.scope.qualify(func) or (func.id if isinstance(func, ast.Name) else "")
        span = module.span(call)
        if qualname in _DJANGO or (django and qualname in ("path", "re_path", "url")):
            pattern = _string(_argument(call, 0, "route"))
            target = _argument(call, 1, "view")
            if pattern is None or target is None:
                continue
            if isinstance(target, ast.Call) and (dotted(target.func) or "").rsplit(".", 1)[-1] == "include":
                continue
            if isinstance(target, (ast.List, ast.Tuple)):
                continue
            if qualname.endswith(("re_path", "url")):  # a regular expression: kept as written
                body = pattern.lstrip("^").rstrip("$")
                route = body if body.startswith("/") else "/" + body
            else:
                route = normalise(pattern)
            yield _route(module, span, "ANY", route, "django", _view(module, site, target), site.owner)
        elif isinstance(func, ast.Attribute) and func.attr in ("add_url_rule", "add_api_route"):
            path = _string(_argument(call, 0, "rule", "path"))
            if path is None or not path.startswith("/"):
                continue
            flask = func.attr == "add_url_rule"
            view_node = _argument(call, 2, "view_func") if flask else _argument(call, 1, "endpoint")
            route = normalise(_prefix(module, func.value) + path)
            framework = "flask" if flask else "fastapi"
            view = _view(module, site, view_node)
            for method in _methods(call, ("GET",)):
                yield _route(module, span, method, route, framework, view, site.owner)
