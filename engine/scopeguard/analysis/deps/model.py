"""A declared dependency, and the element it becomes.

Identity is the ecosystem and the normalised name: a dependency whose version or group changes is
``modified`` (with ``previous_version`` and ``previous_group``), so that renaming or splitting a
manifest (``requirements.txt`` to ``requirements/base.txt``) adds no dependency, while a package the
project did not declare before is ``added``. Moving a package from ``dev`` to ``main`` is a modified
dependency whose ``previous_group`` says so.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from dataclasses import dataclass

from scopeguard.core.model import AttrValue, Element, Span

_PEP503 = re.compile(r"[-_.]+")


@dataclass(frozen=True, slots=True)
class Declared:
    """One dependency as a manifest declares it; ``line``/``column`` 1-based, ``end_column`` exclusive."""

    name: str
    version: str | None
    group: str
    line: int
    column: int = 1
    end_column: int | None = None
    #: what else distinguishes two declarations of one name (extras, environment markers)
    detail: str = ""


def pypi_name(name: str) -> str:
    """PEP 503 normalisation: ``Foo_Bar.baz`` and ``foo-bar-baz`` are one project."""
    return _PEP503.sub("-", name).lower()


def dependency_element(declared: Declared, path: str, *, ecosystem: str, language: str) -> Element:
    attributes: dict[str, AttrValue] = {
        "ecosystem": ecosystem,
        "version": declared.version,
        "manifest": posixpath.basename(path),
        "group": declared.group,
    }
    content = json.dumps([ecosystem, declared.group, declared.name, declared.version, declared.detail])
    return Element(
        "dependency",
        declared.name,
        path,
        Span(declared.line, declared.column, declared.line, declared.end_column),
        language=language,
        attributes=attributes,
        key=f"dependency:{ecosystem}:{declared.name}",
        digest=hashlib.sha256(content.encode("utf-8")).hexdigest()[:24],
    )


def compare_dependencies(before: Element, after: Element) -> dict[str, AttrValue]:
    return {
        "previous_version": before.attributes.get("version"),
        "previous_group": before.attributes.get("group"),
    }
