"""The Python analyser: one ``ast`` parse per file side serves every kind a run asks for.

(A side whose syntax is newer than the running ``ast`` is parsed by libcst and lowered into a tree of
the same shape: see ``fallback``.)

Work is proportional to what the rules need: classes, functions, imports and decorators come from a
walk over statements only; the walk over every expression (calls, Django and ``add_url_rule``
routes, CDK constructs) runs only when ``call`` elements are asked for, or when ``route`` or
``resource`` elements are and the module imports a web framework or ``aws_cdk``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from scopeguard.analysis.base import EMPTY_FACTS, FileFacts, SourceFile
from scopeguard.core.model import AttrValue, Element

if TYPE_CHECKING:
    from scopeguard.analysis.python.source import PythonSource

KINDS = frozenset({"class", "function", "import", "call", "decorator", "route", "resource"})


class PythonAnalyser:
    """Python classes, functions, imports, calls, decorators, HTTP routes and AWS CDK constructs."""

    name = "python"
    #: 2: ``type_parameters`` on classes and functions, ``type`` aliases, files read through libcst;
    #: 3: ``unused`` on imports
    version = "3"
    kinds = KINDS

    def accepts(self, path: str) -> bool:
        return path.endswith((".py", ".pyi"))

    def extract(self, source: SourceFile, kinds: frozenset[str]) -> FileFacts:
        from scopeguard.analysis.python.source import PythonSource

        wanted = kinds & KINDS
        if not wanted:
            return EMPTY_FACTS
        return FileFacts(read_elements(PythonSource.read(source.path, source.data), wanted))

    def compare(self, before: Element, after: Element) -> Mapping[str, AttrValue]:
        from scopeguard.analysis.python.cdk import compare_resources
        from scopeguard.analysis.python.compare import compare_classes, compare_functions

        if before.kind == "function":
            return compare_functions(before, after)
        if before.kind == "class":
            return compare_classes(before, after)
        if before.kind == "resource":
            return compare_resources(before, after)
        return {}


def read_elements(source: PythonSource, kinds: frozenset[str]) -> tuple[Element, ...]:
    """The elements of the kinds asked for in one parsed file side."""
    from scopeguard.analysis.python.calls import call_elements, call_sites
    from scopeguard.analysis.python.cdk import resource_elements
    from scopeguard.analysis.python.definitions import class_elements, decorator_elements, function_elements
    from scopeguard.analysis.python.imports import import_elements
    from scopeguard.analysis.python.module import read_module
    from scopeguard.analysis.python.routes import call_routes, decorator_routes

    module = read_module(source, source.path)
    elements: list[Element] = []
    if "class" in kinds:
        elements.extend(class_elements(module))
    if "function" in kinds:
        elements.extend(function_elements(module))
    if "import" in kinds:
        elements.extend(import_elements(module))
    if "decorator" in kinds:
        elements.extend(decorator_elements(module))
    if "route" in kinds:
        elements.extend(decorator_routes(module))
    web = "route" in kinds and (
        module.imports_any("django", "flask", "fastapi", "starlette")
        or b"add_url_rule" in source.data
        or b"add_api_route" in source.data
    )
    cdk = "resource" in kinds and module.imports_any("aws_cdk")
    if "call" in kinds or web or cdk:
        sites = call_sites(module)
        if "call" in kinds:
            elements.extend(call_elements(module, sites))
        if web:
            elements.extend(call_routes(module, sites))
        if cdk:
            elements.extend(resource_elements(module, sites))
    return tuple(elements)
