"""What changed between two versions of a Go type or function, said in terms of its API.

Go has no default or keyword arguments: a parameter added or removed, or a parameter or result whose
type changed, breaks every caller, while renaming a parameter breaks none. For a type, callers break
when an exported field goes away or changes its type or tag, when an interface's method set changes
(implementations outside the package stop satisfying it), when a struct becomes an interface, when
its type parameters change, or when a named non-struct type gets another definition. Only exported
(``public``) elements can break callers outside their package.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scopeguard.analysis.golang.declarations import PART, exported
from scopeguard.core.model import AttrValue, Element


def compare(before: Element, after: Element) -> Mapping[str, AttrValue]:
    if before.kind == "function":
        return compare_functions(before, after)
    if before.kind == "class":
        return compare_types(before, after)
    return {}


def _strings(value: AttrValue) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, tuple) else ()


def _missing(a: Sequence[str], b: Sequence[str]) -> tuple[str, ...]:
    """Items of ``a`` not in ``b``, in ``a``'s order."""
    present = set(b)
    return tuple(x for x in a if x not in present)


def _part(element: Element, index: int) -> str:
    return (element.digest or "")[index * PART : (index + 1) * PART]


def compare_functions(before: Element, after: Element) -> dict[str, AttrValue]:
    old = _strings(before.attributes.get("parameters"))
    new = _strings(after.attributes.get("parameters"))
    types_changed = _part(before, 0) != _part(after, 0)
    if not types_changed and len(old) == len(new):
        renamed = tuple(f"{a}->{b}" for a, b in zip(old, new, strict=True) if a != b)
        removed: tuple[str, ...] = ()
        added: tuple[str, ...] = ()
    else:
        renamed = ()
        removed = _missing(old, new)
        added = _missing(new, old)
    return {
        "signature_changed": before.attributes.get("signature") != after.attributes.get("signature"),
        "body_changed": _part(before, 2) != _part(after, 2),
        "removed_parameters": removed,
        "added_parameters": added,
        "added_required_parameters": added,
        "renamed_parameters": renamed,
        "breaking": before.attributes.get("public") is True and types_changed,
    }


def _members(element: Element, names_attribute: str) -> dict[str, str]:
    names = _strings(element.attributes.get(names_attribute))
    members = _strings(element.attributes.get("members"))
    return dict(zip(names, members, strict=False))


def compare_types(before: Element, after: Element) -> dict[str, AttrValue]:
    old, new = before.attributes, after.attributes
    details: dict[str, AttrValue] = {
        "type_changed": old.get("type") != new.get("type"),
        "type_parameters_changed": old.get("type_parameters") != new.get("type_parameters"),
    }
    for plural in ("fields", "methods", "bases"):
        was, now = _strings(old.get(plural)), _strings(new.get(plural))
        details[f"removed_{plural}"] = _missing(was, now)
        details[f"added_{plural}"] = _missing(now, was)
        if plural != "bases":
            was_declared, now_declared = _members(before, plural), _members(after, plural)
            details[f"changed_{plural}"] = tuple(
                n for n in was if n in now_declared and was_declared.get(n) != now_declared[n]
            )
    details["breaking"] = old.get("public") is True and _breaks(details, old.get("type"), before, after)
    return details


def _breaks(details: Mapping[str, AttrValue], kind: AttrValue, before: Element, after: Element) -> bool:
    if details["type_changed"] or details["type_parameters_changed"]:
        return True
    if kind == "struct":
        lost = _strings(details["removed_fields"]) + _strings(details["changed_fields"])
        return any(exported(f) for f in lost)
    if kind == "interface":
        return any(
            details[k]
            for k in ("removed_methods", "added_methods", "changed_methods", "removed_bases", "added_bases")
        )
    return before.attributes.get("members") != after.attributes.get("members")
