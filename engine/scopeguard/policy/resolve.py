"""Policy files merged into one set of named concepts, rules and agents, with concepts expanded.

A selector may name a concept instead of an element kind (``forbid added tabularium_type``). Expanding
it yields one ``Matcher`` per element-kind selector of the concept, each narrowed by the referring
selector's globs and condition. Path filters are kept as a conjunction of glob lists, because two
glob lists cannot be intersected into one.

``PolicySet.build`` assumes the files passed ``check.check_policies`` (no unknown names, no cycles).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scopeguard.core.kinds import KINDS
from scopeguard.policy.ast import Acknowledge, Agent, And, Concept, Condition, PolicyFile, Rule, Selector


@dataclass(frozen=True, slots=True)
class Matcher:
    """A selector reduced to an element kind: every glob list must match, and the condition hold."""

    kind: str
    path_filters: tuple[tuple[str, ...], ...] = ()
    where: Condition | None = None

    @property
    def needed_globs(self) -> tuple[str, ...] | None:
        """The paths this matcher may match, for pruning analysis (``None``: any path)."""
        if not self.path_filters:
            return None
        # every filter must match, so the first one bounds the set of paths
        return self.path_filters[0]


def _conjoin(a: Condition | None, b: Condition | None) -> Condition | None:
    if a is None:
        return b
    if b is None:
        return a
    return And((a, b))


@dataclass(frozen=True, slots=True)
class PlacedRule:
    """A rule and the policy file that defines it."""

    rule: Rule
    path: str


@dataclass(frozen=True, slots=True)
class PolicySet:
    files: tuple[PolicyFile, ...]
    concepts: dict[str, Concept]
    rules: dict[str, PlacedRule]
    agents: dict[str, Agent]
    acknowledged: tuple[Acknowledge, ...]
    #: a hash of the policy texts the set was built from ("" when unknown): a key for derived caches
    source_key: str = ""

    @classmethod
    def build(cls, files: Sequence[PolicyFile]) -> PolicySet:
        concepts: dict[str, Concept] = {}
        rules: dict[str, PlacedRule] = {}
        agents: dict[str, Agent] = {}
        acknowledged: list[Acknowledge] = []
        for f in files:
            for c in f.concepts:
                concepts[c.name] = _merge_concept(concepts.get(c.name), c)
            for r in f.rules:
                rules[r.id] = PlacedRule(r, f.path)
            for a in f.agents:
                agents[a.name] = _merge_agent(agents.get(a.name), a)
            acknowledged.extend(f.acknowledgements)
        return cls(tuple(files), concepts, rules, agents, tuple(acknowledged))

    def expand(self, selector: Selector) -> tuple[Matcher, ...]:
        return tuple(self._expand(selector, (), None, frozenset()))

    def _expand(
        self,
        selector: Selector,
        filters: tuple[tuple[str, ...], ...],
        where: Condition | None,
        seen: frozenset[str],
    ) -> Iterable[Matcher]:
        filters = (*filters, selector.globs) if selector.globs else filters
        where = _conjoin(selector.where, where)
        concept = self.concepts.get(selector.kind)
        if concept is None or selector.kind in seen:
            # an element kind; a concept may share a kind's name and include the kind itself
            if concept is None or selector.kind in KINDS:
                yield Matcher(selector.kind, filters, where)
            return
        for inner in concept.selectors:
            yield from self._expand(inner, filters, where, seen | {selector.kind})

    def aka_index(self) -> dict[str, str]:
        """Every ``aka`` phrase (lower case) to the concept that defines it; later files win."""
        index: dict[str, str] = {}
        for c in self.concepts.values():
            for phrase in c.aka:
                index[phrase.lower()] = c.name
        return index


def _merge_concept(old: Concept | None, new: Concept) -> Concept:
    """A repository may extend a built-in concept: its phrases and selectors are added to it."""
    if old is None:
        return new
    return Concept(
        new.name,
        tuple(dict.fromkeys((*old.aka, *new.aka))),
        (*old.selectors, *new.selectors),
        new.span,
    )


def _merge_agent(old: Agent | None, new: Agent) -> Agent:
    if old is None:
        return new
    return Agent(
        new.name,
        tuple(dict.fromkeys((*old.enforce, *new.enforce))),
        (*old.protect, *new.protect),
        (*old.scope, *new.scope),
        (*old.acknowledge, *new.acknowledge),
        new.span,
    )
