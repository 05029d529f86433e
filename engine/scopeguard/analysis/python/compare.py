"""What changed between two versions of a Python class or function, said in terms of its API.

The details are selectable like attributes: ``forbid modified function where breaking == true``,
``... where removed_parameters ~ "timeout"``. ``breaking`` is only ever true for a public element
(see ``module.Module.public``): a private helper's signature is nobody else's business.
``breaking_reasons`` says why, in words, for messages and for conditions such as
``breaking_reasons ~ "*now required*"``.
"""

from __future__ import annotations

from collections.abc import Sequence

from scopeguard.analysis.python.signatures import CALLING_DECORATORS, compare_parameters, parse_signature
from scopeguard.analysis.python.source import PART
from scopeguard.core.model import AttrValue, Element


def _part(element: Element, index: int) -> str:
    return (element.digest or "")[index * PART : (index + 1) * PART]


def _strings(value: AttrValue) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, tuple) else ()


def _missing(a: Sequence[str], b: Sequence[str]) -> tuple[str, ...]:
    present = set(b)
    return tuple(x for x in a if x not in present)


def compare_functions(before: Element, after: Element) -> dict[str, AttrValue]:
    old_sig = str(before.attributes.get("signature") or "()")
    new_sig = str(after.attributes.get("signature") or "()")
    reasons: list[str] = []
    old_parsed, new_parsed = parse_signature(old_sig), parse_signature(new_sig)
    details: dict[str, AttrValue] = {
        "signature_changed": _part(before, 0) != _part(after, 0),
        "decorators_changed": _part(before, 1) != _part(after, 1),
        "body_changed": _part(before, 2) != _part(after, 2),
        "type_parameters_changed": _part(before, 3) != _part(after, 3),
    }
    if old_parsed is not None and new_parsed is not None:
        change = compare_parameters(old_parsed[0], new_parsed[0])
        details.update(
            removed_parameters=change.removed,
            added_parameters=change.added,
            added_required_parameters=change.added_required,
            renamed_parameters=change.renamed,
        )
        reasons.extend(change.breaking_reasons)
    else:
        old_names = _strings(before.attributes.get("parameters"))
        new_names = _strings(after.attributes.get("parameters"))
        details.update(
            removed_parameters=_missing(old_names, new_names),
            added_parameters=_missing(new_names, old_names),
            added_required_parameters=_missing(
                _strings(after.attributes.get("required_parameters")), old_names
            ),
            renamed_parameters=(),
        )
        if details["removed_parameters"] or details["added_required_parameters"]:
            reasons.append("parameters changed")
    if before.attributes.get("async") != after.attributes.get("async"):
        now = "now" if after.attributes.get("async") else "no longer"
        reasons.append(f"{now} a coroutine function")
    old_calling = set(_strings(before.attributes.get("decorators"))) & CALLING_DECORATORS
    new_calling = set(_strings(after.attributes.get("decorators"))) & CALLING_DECORATORS
    if old_calling != new_calling:
        reasons.append("called differently (" + ", ".join(sorted(old_calling ^ new_calling)) + ")")
    public = before.attributes.get("public") is True
    details["breaking"] = public and bool(reasons)
    details["breaking_reasons"] = tuple(reasons) if public else ()
    return details


def compare_classes(before: Element, after: Element) -> dict[str, AttrValue]:
    old, new = before.attributes, after.attributes
    details: dict[str, AttrValue] = {
        "bases_changed": _part(before, 0) != _part(after, 0),
        "decorators_changed": _part(before, 1) != _part(after, 1),
        "body_changed": _part(before, 2) != _part(after, 2),
        "type_parameters_changed": _part(before, 3) != _part(after, 3),
        "type_changed": old.get("type") != new.get("type"),
    }
    for plural in ("bases", "methods", "fields"):
        was, now = _strings(old.get(plural)), _strings(new.get(plural))
        details[f"removed_{plural}"] = _missing(was, now)
        details[f"added_{plural}"] = _missing(now, was)
    reasons = [f"base {b} removed" for b in _strings(details["removed_bases"])]
    reasons += [
        f"method {m} removed"
        for m in _strings(details["removed_methods"])
        if not m.startswith("_") or (m.startswith("__") and m.endswith("__"))
    ]
    reasons += [f"field {f} removed" for f in _strings(details["removed_fields"]) if not f.startswith("_")]
    public = old.get("public") is True
    details["breaking"] = public and bool(reasons)
    details["breaking_reasons"] = tuple(reasons) if public else ()
    return details
