"""Selecting element changes: attribute look-up, condition evaluation, selector matching."""

from __future__ import annotations

import re
from functools import lru_cache

from scopeguard.core.globs import any_path_matches, name_matches, path_matches
from scopeguard.core.kinds import resolve_alias
from scopeguard.core.model import AttrValue, ElementChange
from scopeguard.policy.ast import And, ChangeSpec, Compare, Condition, InList, Literal_, Not, Or
from scopeguard.policy.resolve import Matcher

_PATH_ATTRIBUTES = frozenset({"path", "old_path", "copied_from", "manifest"})


def attribute(change: ElementChange, name: str) -> AttrValue:
    """The value a condition sees for ``name`` on this change (``None`` when it has none)."""
    element = change.element
    if name == "name":
        return element.name
    if name == "path":
        return element.path
    if name == "kind":
        return element.kind
    if name == "change":
        return change.change
    if name == "language":
        return element.language
    if name == "line":
        return element.span.line
    if name == "old_path":
        return change.old_path
    if name == "old_name":
        return change.old_name
    key = resolve_alias(element.kind, name)
    if key in change.details:
        return change.details[key]
    return element.attributes.get(key)


def _equal(value: AttrValue, literal: Literal_) -> bool:
    if isinstance(value, tuple):
        return any(_equal(v, literal) for v in value)
    if isinstance(value, bool) or isinstance(literal, bool):
        return value is literal
    return value == literal


def _glob(name: str, value: AttrValue, pattern: Literal_) -> bool:
    if not isinstance(pattern, str) or value is None or isinstance(value, bool):
        return False
    if isinstance(value, tuple):
        return any(_glob(name, v, pattern) for v in value)
    if name in _PATH_ATTRIBUTES:
        return path_matches(str(value), pattern)
    return name_matches(str(value), pattern)


@lru_cache(maxsize=512)
def _regex(pattern: str) -> re.Pattern[str] | None:
    """The compiled pattern (once per process); ``None`` for one that does not compile, which
    ``check-policy`` reports and which matches nothing here."""
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return None


def _search(value: AttrValue, pattern: Literal_) -> bool:
    """``matches``: the regular expression is found anywhere in the value (in any item of a list)."""
    if not isinstance(pattern, str) or value is None or isinstance(value, bool):
        return False
    if isinstance(value, tuple):
        return any(_search(v, pattern) for v in value)
    compiled = _regex(pattern)
    return compiled is not None and compiled.search(str(value)) is not None


def holds(condition: Condition | None, change: ElementChange) -> bool:
    if condition is None:
        return True
    if isinstance(condition, Compare):
        value = attribute(change, condition.attribute)
        if condition.op == "~":
            return _glob(condition.attribute, value, condition.value)
        if condition.op == "matches":
            return _search(value, condition.value)
        if condition.op == "==":
            return _equal(value, condition.value)
        return not _equal(value, condition.value)
    if isinstance(condition, InList):
        value = attribute(change, condition.attribute)
        return any(_equal(value, v) for v in condition.values)
    if isinstance(condition, And):
        return all(holds(c, change) for c in condition.items)
    if isinstance(condition, Or):
        return any(holds(c, change) for c in condition.items)
    if isinstance(condition, Not):
        return not holds(condition.item, change)
    raise TypeError(f"unknown condition {condition!r}")


def change_matches(spec: ChangeSpec, change: ElementChange) -> bool:
    return spec == "changed" or spec == change.change


def selects(matcher: Matcher, change: ElementChange) -> bool:
    """Whether the element change is of the matcher's kind, under its paths, and meets its condition.

    A path filter matches the element's path, or the path it came from when it moved, so that
    ``forbid changed file in "web/**"`` also stops moving a file out of ``web/``.
    """
    if change.element.kind != matcher.kind:
        return False
    paths = [change.element.path]
    if change.before is not None and change.before.path != change.element.path:
        paths.append(change.before.path)
    for globs in matcher.path_filters:
        if not any(any_path_matches(p, globs) for p in paths):
            return False
    return holds(matcher.where, change)
