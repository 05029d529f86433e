"""The dependency analyser: which manifest a path is, and the ``dependency`` elements it declares.

Manifests are known by file name. Copies of other packages' manifests (``node_modules``, Go's
``vendor``) are not the project's own declarations and are not read.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

from scopeguard.analysis.base import EMPTY_FACTS, AnalysisError, FileFacts, SourceFile
from scopeguard.core.model import AttrValue, Element

KINDS = frozenset({"dependency"})
_REQUIREMENTS = re.compile(r"^(?:requirements[^/]*|[^/]*-requirements)\.(?:txt|in)$")
_VENDORED = ("node_modules/", "vendor/")


def manifest_kind(path: str) -> str | None:
    """``pyproject``, ``requirements``, ``setup.cfg``, ``package.json``, ``go.mod``, or ``None``."""
    padded = "/" + path
    if any("/" + v in padded for v in _VENDORED):
        return None
    base = posixpath.basename(path)
    if base == "pyproject.toml":
        return "pyproject"
    if base in ("setup.cfg", "package.json", "go.mod"):
        return base
    if _REQUIREMENTS.match(base) or (
        posixpath.basename(posixpath.dirname(path)) == "requirements" and base.endswith((".txt", ".in"))
    ):
        return "requirements"
    return None


class DependencyAnalyser:
    """Dependencies declared in pyproject.toml, requirements files, setup.cfg, package.json, go.mod."""

    name = "dependencies"
    version = "1"
    kinds = KINDS

    def accepts(self, path: str) -> bool:
        return manifest_kind(path) is not None

    def extract(self, source: SourceFile, kinds: frozenset[str]) -> FileFacts:
        from scopeguard.analysis.deps import gomod, npm, python
        from scopeguard.analysis.deps.model import dependency_element

        kind = manifest_kind(source.path)
        if kind is None or "dependency" not in kinds:
            return EMPTY_FACTS
        if source.decoded is None:
            raise AnalysisError("binary content")
        text = source.text
        if kind == "pyproject":
            declared, ecosystem, language = python.pyproject(text), "pypi", "toml"
        elif kind == "requirements":
            declared, ecosystem, language = python.requirements(text, source.path), "pypi", "requirements"
        elif kind == "setup.cfg":
            declared, ecosystem, language = python.setup_cfg(text), "pypi", "ini"
        elif kind == "package.json":
            declared, ecosystem, language = npm.package_json(text), "npm", "json"
        else:
            declared, ecosystem, language = gomod.go_mod(text), "go", "gomod"
        elements = tuple(
            dependency_element(d, source.path, ecosystem=ecosystem, language=language) for d in declared
        )
        return FileFacts(elements) if elements else EMPTY_FACTS

    def compare(self, before: Element, after: Element) -> Mapping[str, AttrValue]:
        from scopeguard.analysis.deps.model import compare_dependencies

        return compare_dependencies(before, after)
