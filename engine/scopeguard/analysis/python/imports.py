"""``import`` elements: one per imported name, with the module resolved to its absolute name.

``from .models import Widget as W`` in ``pkg/api.py`` is the element ``pkg.models.Widget`` with
``module`` ``pkg.models``, ``names`` ``("Widget",)`` and ``alias`` ``W``; ``import a.b`` is ``a.b``.
One element per name means that adding a name to an existing ``from`` import is one added import.
The digest is the import itself, so an import that moves with code to another file is ``renamed``.

``unused`` says the name the import binds is never referenced in the module (so "no unused imports"
can be checked on a diff). A package's ``__init__.py`` imports to re-export, so nothing there is
unused; nor is a name listed in ``__all__``, one re-exported as itself (``import x as x``), a star
import, or ``from __future__``. A name counts as referenced when it is read anywhere, or named in a
string that reads as an expression (a forward reference such as ``"Widget"`` or ``"list[Widget]"``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from scopeguard.analysis.python.module import Module
from scopeguard.analysis.python.names import absolute_module
from scopeguard.analysis.python.source import digest
from scopeguard.core.model import AttrValue, Element

#: a string that may be a type written as text: names, dots, brackets, commas, ``|`` and spaces
_ANNOTATION_TEXT = re.compile(r"[A-Za-z_][\w.\[\], |]*")


def import_elements(module: Module) -> Iterator[Element]:
    used = _referenced(module)
    for site in module.imports:
        node = site.node
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".", 1)[0]
                attributes: dict[str, AttrValue] = {
                    "module": alias.name,
                    "names": (),
                    "alias": alias.asname,
                    "unused": _unused(bound, alias, used),
                }
                yield _element(module, alias, alias.name, attributes)
            continue
        base = absolute_module(module.module, module.scope.package, node.level, node.module)
        future = node.module == "__future__" and node.level == 0
        for alias in node.names:
            name = f"{base}.{alias.name}" if base else alias.name
            attributes = {
                "module": base,
                "names": (alias.name,),
                "alias": alias.asname,
                "unused": not future and alias.name != "*"
                and _unused(alias.asname or alias.name, alias, used),
            }
            yield _element(module, alias, name, attributes)


def _unused(bound: str, alias: ast.alias, used: frozenset[str] | None) -> bool:
    if used is None or alias.asname == alias.name:
        return False  # a package's re-exports, and the explicit re-export idiom (``import x as x``)
    return bound not in used


def _referenced(module: Module) -> frozenset[str] | None:
    """Every name the module reads (``None`` for a package's ``__init__``, whose imports re-export)."""
    if module.path.rsplit("/", 1)[-1] in ("__init__.py", "__init__.pyi"):
        return None
    names: set[str] = set(module.exported or ())
    for node in ast.walk(module.source.tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.update(_names_in_text(node.value))
    # type parameters read through libcst are kept as text beside the tree (``U: Bound``)
    for texts in module.source.lowered_parameters.values():
        for text in texts:
            names.update(re.findall(r"[A-Za-z_]\w*", text))
    return frozenset(names)


def _names_in_text(text: str) -> Iterator[str]:
    """The names of a string that reads as a Python expression (a type written as text)."""
    stripped = text.strip()
    if len(stripped) > 200 or not _ANNOTATION_TEXT.fullmatch(stripped):
        return
    try:
        tree = ast.parse(stripped, mode="eval")
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            yield node.id


def _element(module: Module, alias: ast.alias, name: str, attributes: dict[str, AttrValue]) -> Element:
    key = f"import:{name} as {alias.asname}" if alias.asname else f"import:{name}"
    return module.element("import", name, module.span(alias), attributes, key=key,
                          digest=digest("import", name, alias.asname or ""))
