"""The policy language's syntax tree.

Every node carries the ``Span`` of its text in the policy file (1-based, as lark gives it) so that a
semantic error can point at it. Spans do not take part in equality: two policies are the same when
they say the same thing, which is what the print -> parse round trip checks.

The surface (DESIGN §4)::

    concept NAME:                       rule ID:                         agent NAME:
        aka "phrase", ...                   severity error|warning|info      enforce ID, ...
        SELECTOR                            forbid CHANGE TARGET             protect "glob", ...
        ...                                 require CHANGE TARGET              scope "glob", ...
                                                when CHANGE TARGET           acknowledge "sentence"
    acknowledge "sentence"                  limit METRIC [in "glob"] <= N
                                            message "text with {name}"
                                            because "sentence" at "file:line"

    SELECTOR / TARGET:  KIND_OR_CONCEPT [in "glob", ...] [where CONDITION]
    CONDITION:          ATTR ~ "glob" | ATTR matches "regex" | ATTR == VALUE | ATTR != VALUE
                        | ATTR in [VALUE, ...] | CONDITION and CONDITION | CONDITION or CONDITION
                        | not CONDITION | ( ... )

``~`` matches a glob against the whole value; ``matches`` searches the value for a Python regular
expression (``re.search``: anywhere in it, unless anchored), for what a glob cannot say — naming
conventions (``basename matches "^[A-Z][A-Za-z0-9]*\\.tsx$"``) and constructs on a line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from scopeguard.core.model import Span

ChangeSpec = Literal["added", "removed", "modified", "renamed", "changed"]
CHANGE_SPECS: tuple[ChangeSpec, ...] = ("added", "removed", "modified", "renamed", "changed")
SEVERITIES = ("error", "warning", "info")
CompareOp = Literal["~", "==", "!=", "matches"]
Literal_ = str | int | bool | None

_NOSPAN = Span(0, 0)


def _span() -> Span:
    """A span field that takes no part in equality or repr (positions do not change meaning)."""
    return field(default=_NOSPAN, compare=False, repr=False)


def _spans() -> tuple[Span, ...]:
    """Like ``_span``, for a tuple of spans parallel to a tuple of names."""
    return field(default=(), compare=False, repr=False)


# --- conditions -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Compare:
    attribute: str
    op: CompareOp
    value: Literal_
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class


@dataclass(frozen=True, slots=True)
class InList:
    attribute: str
    values: tuple[Literal_, ...]
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Condition, ...]
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Condition, ...]
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class


@dataclass(frozen=True, slots=True)
class Not:
    item: Condition
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class


Condition = Compare | InList | And | Or | Not


# --- selectors and statements ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Selector:
    """``KIND [in GLOBS] [where CONDITION]``; ``kind`` may also name a concept (resolved later)."""

    kind: str
    globs: tuple[str, ...] = ()
    where: Condition | None = None
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class


@dataclass(frozen=True, slots=True)
class Forbid:
    change: ChangeSpec
    target: Selector
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class


@dataclass(frozen=True, slots=True)
class Require:
    change: ChangeSpec
    target: Selector
    when_change: ChangeSpec
    when: Selector
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class


@dataclass(frozen=True, slots=True)
class Limit:
    metric: str
    maximum: int
    globs: tuple[str, ...] = ()
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class


Statement = Forbid | Require | Limit


@dataclass(frozen=True, slots=True)
class Because:
    """Provenance: the agent-file sentence a rule was compiled from, and where it stands."""

    sentence: str
    at: str | None = None
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class

    @property
    def location(self) -> tuple[str, int] | None:
        """``("agents/x.md", 21)`` from ``at "agents/x.md:21"`` (or ``":21-23"``), when well formed."""
        if not self.at:
            return None
        path, sep, line = self.at.rpartition(":")
        first = line.split("-", 1)[0]
        if not sep or not first.isdigit():
            return None
        return path, int(first)


# --- top-level items ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Concept:
    name: str
    aka: tuple[str, ...] = ()
    selectors: tuple[Selector, ...] = ()
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    statements: tuple[Statement, ...]
    severity: str | None = None
    message: str | None = None
    because: Because | None = None
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class
    #: where the severity's value and the message's string stand, for the checker's diagnostics
    severity_span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class
    message_span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class


@dataclass(frozen=True, slots=True)
class PathClause:
    """``protect`` or ``scope`` in an agent block, with its optional provenance."""

    globs: tuple[str, ...]
    because: Because | None = None
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class


@dataclass(frozen=True, slots=True)
class Acknowledge:
    """A sentence the team has decided is not machine-checkable (so ``compile`` does not flag it)."""

    sentence: str
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class


@dataclass(frozen=True, slots=True)
class Agent:
    name: str
    enforce: tuple[str, ...] = ()
    protect: tuple[PathClause, ...] = ()
    scope: tuple[PathClause, ...] = ()
    acknowledge: tuple[Acknowledge, ...] = ()
    span: Span = _span()  # noqa: RUF009 - a field() factory, evaluated once per class
    #: one span per ``enforce`` name, in the same order (empty for an agent built in code)
    enforce_spans: tuple[Span, ...] = _spans()


Item = Concept | Rule | Agent | Acknowledge


@dataclass(frozen=True, slots=True)
class PolicyFile:
    path: str
    items: tuple[Item, ...]

    @property
    def concepts(self) -> tuple[Concept, ...]:
        return tuple(i for i in self.items if isinstance(i, Concept))

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(i for i in self.items if isinstance(i, Rule))

    @property
    def agents(self) -> tuple[Agent, ...]:
        return tuple(i for i in self.items if isinstance(i, Agent))

    @property
    def acknowledgements(self) -> tuple[Acknowledge, ...]:
        return tuple(i for i in self.items if isinstance(i, Acknowledge))
