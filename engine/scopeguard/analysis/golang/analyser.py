"""The Go analyser: one tree-sitter parse per file side serves every kind a run asks for.

tree-sitter with its Go grammar (``tree-sitter``, ``tree-sitter-go`` from PyPI) is a real parser with
prebuilt wheels, no Go toolchain, and a parse of a few milliseconds per file; it reads syntax only, so
names are as written (no type checking). A file it cannot parse cleanly is not analysed: guessing at
elements around a syntax error could report an element as removed that is merely unreadable, so the
file becomes a notice and its path and line rules still apply.
"""

from __future__ import annotations

from collections.abc import Mapping

from scopeguard.analysis.base import EMPTY_FACTS, AnalysisError, FileFacts, SourceFile
from scopeguard.core.model import AttrValue, Element, Notice

KINDS = frozenset({"class", "function", "import", "call"})


class GoAnalyser:
    """Go type declarations, functions and methods, imports and calls."""

    name = "go"
    version = "1"
    kinds = KINDS

    def accepts(self, path: str) -> bool:
        return path.endswith(".go")

    def extract(self, source: SourceFile, kinds: frozenset[str]) -> FileFacts:
        from scopeguard.analysis.golang.calls import call_elements
        from scopeguard.analysis.golang.declarations import (
            Context,
            function_elements,
            import_elements,
            imports,
            package_name,
            type_elements,
        )
        from scopeguard.analysis.golang.syntax import GoSource, first_error, parse

        wanted = kinds & KINDS
        if not wanted:
            return EMPTY_FACTS
        decoded = source.decoded
        if decoded is None:
            raise AnalysisError("binary content")
        notices: tuple[Notice, ...] = ()
        if decoded.encoding == "utf-8":
            data = source.data
        else:
            data = decoded.text.encode("utf-8")
            if decoded.guessed:
                notices = (Notice(f"not UTF-8; read as {decoded.encoding}", source.path),)
        go = GoSource(data)
        root = parse(data).root_node
        error = first_error(root)
        if error is not None:
            message, line = go.describe_error(error)
            raise AnalysisError(message, line)
        ctx = Context(go, source.path, package_name(root, go))
        elements: list[Element] = []
        if "class" in wanted:
            elements.extend(type_elements(root, ctx))
        if "function" in wanted:
            elements.extend(function_elements(root, ctx))
        if "import" in wanted or "call" in wanted:
            found = imports(root, go)
            if "import" in wanted:
                elements.extend(import_elements(found, ctx))
            if "call" in wanted:
                elements.extend(call_elements(root, ctx, found))
        return FileFacts(tuple(elements), notices)

    def compare(self, before: Element, after: Element) -> Mapping[str, AttrValue]:
        from scopeguard.analysis.golang.compare import compare

        return compare(before, after)
