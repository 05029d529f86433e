"""Every analyser, in one explicit list.

Each entry names the kinds it produces and the paths it may read, and where its code lives. The code
is imported only when a run needs one of its kinds for one of its paths, so a run whose rules are about
paths and lines never imports a parser (which keeps a hook-sized check fast).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from scopeguard.analysis.base import Analyser, FileFacts, SourceFile
from scopeguard.core.globs import any_path_matches
from scopeguard.core.model import AttrValue, Element


@dataclass(slots=True)
class LazyAnalyser:
    """An analyser known by its declaration, loaded on first use."""

    name: str
    kinds: frozenset[str]
    paths: tuple[str, ...]
    target: str  # "module:attribute"; the attribute is an analyser class or instance
    _loaded: Analyser | None = field(default=None, repr=False)

    @property
    def loaded(self) -> Analyser:
        if self._loaded is None:
            module_name, _, attribute = self.target.partition(":")
            obj = getattr(importlib.import_module(module_name), attribute)
            self._loaded = obj() if isinstance(obj, type) else obj
        return self._loaded

    @property
    def version(self) -> str:
        return self.loaded.version

    def accepts(self, path: str) -> bool:
        return any_path_matches(path, self.paths) and self.loaded.accepts(path)

    def extract(self, source: SourceFile, kinds: frozenset[str]) -> FileFacts:
        return self.loaded.extract(source, kinds)

    def compare(self, before: Element, after: Element) -> Mapping[str, AttrValue]:
        return self.loaded.compare(before, after)


def analysers() -> tuple[LazyAnalyser, ...]:
    """A fresh set of analyser declarations (cheap: nothing is imported until used)."""
    return (
        # Each line: name, kinds, the paths it may read, and where it lives.
        LazyAnalyser("python",
                     frozenset({"class", "function", "import", "call", "decorator", "route", "resource"}),
                     ("**/*.py", "**/*.pyi"), "scopeguard.analysis.python:PythonAnalyser"),
        LazyAnalyser("go", frozenset({"class", "function", "import", "call"}), ("**/*.go",),
                     "scopeguard.analysis.golang:GoAnalyser"),
        LazyAnalyser("infrastructure", frozenset({"resource", "route"}),
                     ("*.yml", "*.yaml", "*.json", "*.template"),
                     "scopeguard.analysis.infra.analyser:InfrastructureAnalyser"),
        LazyAnalyser("terraform", frozenset({"resource", "route"}), ("*.tf", "*.tf.json"),
                     "scopeguard.analysis.infra.terraform:TerraformAnalyser"),
        LazyAnalyser("dependencies", frozenset({"dependency"}),
                     ("pyproject.toml", "setup.cfg", "package.json", "go.mod", "*requirements*.txt",
                      "*requirements*.in", "requirements/*.txt", "requirements/*.in"),
                     "scopeguard.analysis.deps.analyser:DependencyAnalyser"),
        LazyAnalyser("secrets", frozenset({"secret"}), ("**",),
                     "scopeguard.analysis.secrets:SecretsAnalyser"),
    )
