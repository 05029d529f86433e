"""``import`` elements: one per imported name, with the module resolved to its absolute name.

``from .models import Widget as W`` in ``pkg/api.py`` is the element ``pkg.models.Widget`` with
``module`` ``pkg.models``, ``names`` ``("Widget",)`` and ``alias`` ``W``; ``import a.b`` is ``a.b``.
One element per name means that adding a name to an existing ``from`` import is one added import.
The digest is the import itself, so an import that moves with code to another file is ``renamed``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from scopeguard.analysis.python.module import Module
from scopeguard.analysis.python.names import absolute_module
from scopeguard.analysis.python.source import digest
from scopeguard.core.model import AttrValue, Element


def import_elements(module: Module) -> Iterator[Element]:
    for site in module.imports:
        node = site.node
        if isinstance(node, ast.Import):
            for alias in node.names:
                attributes: dict[str, AttrValue] = {"module": alias.name, "names": (), "alias": alias.asname}
                yield _element(module, alias, alias.name, attributes)
            continue
        base = absolute_module(module.module, module.scope.package, node.level, node.module)
        for alias in node.names:
            name = f"{base}.{alias.name}" if base else alias.name
            attributes = {"module": base, "names": (alias.name,), "alias": alias.asname}
            yield _element(module, alias, name, attributes)


def _element(module: Module, alias: ast.alias, name: str, attributes: dict[str, AttrValue]) -> Element:
    key = f"import:{name} as {alias.asname}" if alias.asname else f"import:{name}"
    return module.element("import", name, module.span(alias), attributes, key=key,
                          digest=digest("import", name, alias.asname or ""))
