"""``package.json``: ``dependencies``, ``devDependencies``, ``peerDependencies``, ``optionalDependencies``.

Positions come from the position-keeping YAML loader (JSON is YAML's flow style); a file it cannot read
but ``json`` can (YAML limits such as very long keys) is read by ``json``, and each name is then found in
the text after its section's key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from scopeguard.analysis.base import AnalysisError
from scopeguard.analysis.deps.model import Declared

SECTIONS = (
    ("dependencies", "main"),
    ("devDependencies", "dev"),
    ("peerDependencies", "peer"),
    ("optionalDependencies", "optional"),
)


def package_json(text: str) -> list[Declared]:
    from scopeguard.analysis.infra.yaml_positions import DocumentError, MarkedDict, load

    try:
        doc = load(text, json_like=True)
    except DocumentError:
        return _plain_json(text)
    if not isinstance(doc, dict):
        raise AnalysisError("package.json is not a JSON object")
    out: list[Declared] = []
    for key, group in SECTIONS:
        section = doc.get(key)
        if not isinstance(section, MarkedDict):
            continue
        for name, version in section.items():
            if not isinstance(name, str):
                continue
            at = section.key_position(name)
            # the key's mark is at its opening quote
            out.append(
                Declared(name, _version(version), group, at.line, at.column + 1, at.column + 1 + len(name))
            )
    return out


def _version(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _plain_json(text: str) -> list[Declared]:
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise AnalysisError(f"not valid JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise AnalysisError("package.json is not a JSON object")
    return list(_located(text, doc))


def _located(text: str, doc: dict[str, Any]) -> Iterator[Declared]:
    for key, group in SECTIONS:
        section = doc.get(key)
        if not isinstance(section, dict):
            continue
        anchor = re.search(r'"' + re.escape(key) + r'"\s*:', text)
        offset = anchor.end() if anchor else 0
        for name, version in section.items():
            found = re.compile(r'"(' + re.escape(name) + r')"\s*:').search(text, offset)
            index = found.start(1) if found else offset
            line = text.count("\n", 0, index) + 1
            column = index - (text.rfind("\n", 0, index) + 1) + 1
            yield Declared(name, _version(version), group, line, column, column + len(name))
