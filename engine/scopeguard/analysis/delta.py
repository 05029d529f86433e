"""Base and head elements matched into changes: added, removed, modified, renamed.

Matching runs in two phases so that the first can run where a file was analysed (possibly in
another process) and only what changed travels back:

1. ``file_delta``, per changed file: elements are matched by identity (kind and name, or the
   analyser's key); elements of a renamed file are matched against the old path's. An element whose
   digest is unchanged is dropped (or ``renamed`` when its file was renamed); a changed one is
   ``modified`` with the analyser's ``compare`` details. What is left unmatched is paired by digest
   within the file (a renamed element: same body, new name).
2. ``combine``, over the whole change: what is still unmatched is paired by digest across files (a
   moved element: same body, another file, preferring the same name); then an element that left a
   removed file is paired with one of the same kind and name that arrived in an added file (code
   moved and edited in one go) and reported ``modified`` with its ``old_path``. Only what is left
   after that is added or removed.

Changes to public API are marked where the kind of change alone says so: a removed public element
is ``breaking``, and so is a renamed one whose name or qualified name changed (callers that import
it by its old name break). ``compare`` decides for modified elements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from scopeguard.core.model import AttrValue, Element, ElementChange

Compare = Callable[[Element, Element], Mapping[str, AttrValue]]


@dataclass(frozen=True, slots=True)
class FilePair:
    """The elements of one analyser on both sides of one changed file."""

    base: Sequence[Element]
    head: Sequence[Element]
    renamed: bool = False


@dataclass(frozen=True, slots=True)
class FileDelta:
    """The changes settled within one file, and the elements left for matching across files."""

    changes: tuple[ElementChange, ...] = ()
    removed: tuple[Element, ...] = ()
    added: tuple[Element, ...] = ()


def _changed(before: Element, after: Element, renamed: bool, compare: Compare) -> ElementChange | None:
    if before.digest is not None and before.digest == after.digest:
        if renamed or before.path != after.path or before.name != after.name:
            return _renamed(before, after)
        return None
    return _modified(before, after, compare)


def _modified(before: Element, after: Element, compare: Compare) -> ElementChange:
    """A changed element; one that also moved out of its module breaks importers as a rename does."""
    details = dict(compare(before, after))
    moved = _renamed(before, after).details
    if moved:
        reasons = (*_tuple(details.get("breaking_reasons")), *_tuple(moved.get("breaking_reasons")))
        details.update(breaking=True, breaking_reasons=reasons)
    return ElementChange("modified", after, before, details)


def _tuple(value: AttrValue | None) -> tuple[AttrValue, ...]:
    return value if isinstance(value, tuple) else ()


def _renamed(before: Element, after: Element) -> ElementChange:
    details: dict[str, AttrValue] = {}
    if before.attributes.get("public") is True:
        old_name, new_name = before.name, after.name
        old_qualname, new_qualname = before.attributes.get("qualname"), after.attributes.get("qualname")
        if old_name != new_name or old_qualname != new_qualname:
            was = old_qualname if isinstance(old_qualname, str) and old_qualname != new_qualname else old_name
            details = {"breaking": True, "breaking_reasons": (f"no longer importable as {was}",)}
    return ElementChange("renamed", after, before, details)


def _removed(element: Element) -> ElementChange:
    if element.attributes.get("public") is True:
        return ElementChange("removed", element, None, {"breaking": True, "breaking_reasons": ("removed",)})
    return ElementChange("removed", element)


def _match_by_digest(
    removed: list[Element], added: list[Element], prefer_same_name: bool
) -> list[tuple[Element, Element]]:
    """Pair removed and added elements of equal kind and digest, most alike first."""
    by_digest: dict[tuple[str, str], list[Element]] = defaultdict(list)
    for r in removed:
        if r.digest is not None:
            by_digest[(r.kind, r.digest)].append(r)
    pairs: list[tuple[Element, Element]] = []
    for a in added:
        candidates = by_digest.get((a.kind, a.digest or "")) if a.digest is not None else None
        if not candidates:
            continue
        chosen = candidates[0]
        if prefer_same_name:
            chosen = next((c for c in candidates if c.name == a.name), chosen)
        candidates.remove(chosen)
        pairs.append((chosen, a))
    return pairs


def file_delta(pair: FilePair, compare: Compare) -> FileDelta:
    """The changes within one file, and its unmatched elements."""
    changes: list[ElementChange] = []
    base_groups: dict[str, list[Element]] = defaultdict(list)
    for e in pair.base:
        base_groups[e.identity].append(e)
    head_groups: dict[str, list[Element]] = defaultdict(list)
    for e in pair.head:
        head_groups[e.identity].append(e)
    removed: list[Element] = []
    added: list[Element] = []
    for identity in dict.fromkeys([*base_groups, *head_groups]):
        befores = list(base_groups.get(identity, ()))
        afters = list(head_groups.get(identity, ()))
        if befores and afters:
            # equal digests first, so that a duplicate identity (two calls of one function) pairs
            # the unchanged occurrences and reports only the one that is new
            for after in list(afters):
                same = next((b for b in befores if b.digest is not None and b.digest == after.digest), None)
                if same is not None:
                    befores.remove(same)
                    afters.remove(after)
                    change = _changed(same, after, pair.renamed, compare)
                    if change is not None:
                        changes.append(change)
            for before, after in zip(befores, afters, strict=False):
                change = _changed(before, after, pair.renamed, compare)
                if change is not None:
                    changes.append(change)
        removed.extend(befores[len(afters) :])
        added.extend(afters[len(befores) :])
    for before, after in _match_by_digest(removed, added, prefer_same_name=False):
        removed.remove(before)
        added.remove(after)
        changes.append(_renamed(before, after))
    return FileDelta(tuple(changes), tuple(removed), tuple(added))


def _unique_by_name(elements: Iterable[Element]) -> dict[tuple[str, str], Element]:
    seen: dict[tuple[str, str], Element | None] = {}
    for e in elements:
        key = (e.kind, e.name)
        seen[key] = None if key in seen else e
    return {k: e for k, e in seen.items() if e is not None}


def combine(
    deltas: Sequence[FileDelta],
    compare: Compare,
    *,
    gone_paths: frozenset[str] = frozenset(),
    new_paths: frozenset[str] = frozenset(),
) -> list[ElementChange]:
    """Element changes over the whole change, from the per-file deltas.

    ``gone_paths`` are the base-side paths of removed files and ``new_paths`` the paths of added files:
    an element that left the one for the other under the same name moved, even if it also changed.
    """
    changes: list[ElementChange] = []
    loose_removed: list[Element] = []
    loose_added: list[Element] = []
    for d in deltas:
        changes.extend(d.changes)
        loose_removed.extend(d.removed)
        loose_added.extend(d.added)
    for before, after in _match_by_digest(loose_removed, loose_added, prefer_same_name=True):
        loose_removed.remove(before)
        loose_added.remove(after)
        changes.append(_renamed(before, after))
    if gone_paths and new_paths:
        departed = _unique_by_name(e for e in loose_removed if e.path in gone_paths)
        arrived = _unique_by_name(e for e in loose_added if e.path in new_paths)
        for key in sorted(departed.keys() & arrived.keys()):
            before, after = departed[key], arrived[key]
            loose_removed.remove(before)
            loose_added.remove(after)
            changes.append(_modified(before, after, compare))
    changes.extend(ElementChange("added", e) for e in loose_added)
    changes.extend(_removed(e) for e in loose_removed)
    return changes


def delta(pairs: Sequence[FilePair], compare: Compare) -> list[ElementChange]:
    """Element changes of one analyser over every changed file of a change."""
    return combine([file_delta(p, compare) for p in pairs], compare)
