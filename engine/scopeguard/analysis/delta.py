"""Base and head elements matched into changes: added, removed, modified, renamed.

Identity follows the file: elements of a renamed file are matched against the old path's elements.
Within a file, an element is matched by its identity (kind and name, or the analyser's key); what is
left unmatched is paired by content digest, first within the file (a renamed element: same body,
new name) and then across the change (a moved element: same body, another file). Only what is left
after that is added or removed. An element matched with an equal digest is unchanged, except that it
is ``renamed`` when its file was renamed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from scopeguard.core.model import AttrValue, Element, ElementChange

Compare = Callable[[Element, Element], Mapping[str, AttrValue]]


@dataclass(frozen=True, slots=True)
class FilePair:
    """The elements of one analyser on both sides of one changed file."""

    base: Sequence[Element]
    head: Sequence[Element]
    renamed: bool = False


def _changed(before: Element, after: Element, renamed: bool, compare: Compare) -> ElementChange | None:
    if before.digest is not None and before.digest == after.digest:
        if renamed or before.path != after.path or before.name != after.name:
            return ElementChange("renamed", after, before)
        return None
    return ElementChange("modified", after, before, dict(compare(before, after)))


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


def delta(pairs: Sequence[FilePair], compare: Compare) -> list[ElementChange]:
    """Element changes of one analyser over every changed file of a change."""
    changes: list[ElementChange] = []
    loose_removed: list[Element] = []
    loose_added: list[Element] = []
    for pair in pairs:
        base_groups: dict[str, list[Element]] = defaultdict(list)
        for e in pair.base:
            base_groups[e.identity].append(e)
        head_groups: dict[str, list[Element]] = defaultdict(list)
        for e in pair.head:
            head_groups[e.identity].append(e)
        file_removed: list[Element] = []
        file_added: list[Element] = []
        for identity in dict.fromkeys([*base_groups, *head_groups]):
            befores = list(base_groups.get(identity, ()))
            afters = list(head_groups.get(identity, ()))
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
            for before, after in zip(befores, afters):
                change = _changed(before, after, pair.renamed, compare)
                if change is not None:
                    changes.append(change)
            file_removed.extend(befores[len(afters) :])
            file_added.extend(afters[len(befores) :])
        for before, after in _match_by_digest(file_removed, file_added, prefer_same_name=False):
            file_removed.remove(before)
            file_added.remove(after)
            changes.append(ElementChange("renamed", after, before))
        loose_removed.extend(file_removed)
        loose_added.extend(file_added)
    for before, after in _match_by_digest(loose_removed, loose_added, prefer_same_name=True):
        loose_removed.remove(before)
        loose_added.remove(after)
        changes.append(ElementChange("renamed", after, before))
    changes.extend(ElementChange("added", e) for e in loose_added)
    changes.extend(ElementChange("removed", e) for e in loose_removed)
    return changes
