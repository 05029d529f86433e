"""Hypothesis strategies for policy syntax trees: every node type, with awkward strings.

Names are drawn from the grammar's own name shape, minus the keywords; strings may hold anything a
string literal can carry (quotes, backslashes, line breaks, '#', braces, control characters, Unicode
line separators, astral characters).
"""

from __future__ import annotations

from hypothesis import strategies as st

from scopeguard.policy.ast import (
    CHANGE_SPECS,
    SEVERITIES,
    Acknowledge,
    Agent,
    And,
    Because,
    Compare,
    Concept,
    Condition,
    Forbid,
    InList,
    Item,
    Limit,
    Literal_,
    Not,
    Or,
    PathClause,
    Require,
    Rule,
    Selector,
    Statement,
)
from scopeguard.policy.parser import KEYWORDS

names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,10}", fullmatch=True).filter(lambda n: n not in KEYWORDS)
_awkward = st.sampled_from(
    ['"', "\\", "\n", "\r", "\t", "#", "{", "}", "\u2028", "\x00", "\x7f", "é", "😀", " "]
)
texts = st.text(st.characters(exclude_categories=["Cs"]) | _awkward, max_size=12)
literals: st.SearchStrategy[Literal_] = st.one_of(texts, st.integers(), st.booleans(), st.none())
changes = st.sampled_from(CHANGE_SPECS)
globs = st.lists(texts, min_size=1, max_size=3).map(tuple)
maybe_globs = st.lists(texts, max_size=3).map(tuple)


def _compound(children: st.SearchStrategy[Condition]) -> st.SearchStrategy[Condition]:
    many = st.lists(children, min_size=2, max_size=3).map(tuple)
    return st.one_of(many.map(And), many.map(Or), children.map(Not))


conditions: st.SearchStrategy[Condition] = st.recursive(
    st.one_of(
        st.builds(Compare, names, st.sampled_from(["~", "==", "!=", "matches"]), literals),
        st.builds(InList, names, st.lists(literals, max_size=3).map(tuple)),
    ),
    _compound,
    max_leaves=6,
)
selectors = st.builds(Selector, names, maybe_globs, st.none() | conditions)
because = st.builds(Because, texts, st.none() | texts)
statements: st.SearchStrategy[Statement] = st.one_of(
    st.builds(Forbid, changes, selectors),
    st.builds(Require, changes, selectors, changes, selectors),
    st.builds(Limit, names, st.integers(), maybe_globs),
)
rules = st.builds(
    Rule,
    names,
    st.lists(statements, max_size=3).map(tuple),
    st.none() | st.sampled_from(SEVERITIES),
    st.none() | texts,
    st.none() | because,
)
concepts = st.builds(
    Concept, names, st.lists(texts, max_size=3).map(tuple), st.lists(selectors, max_size=3).map(tuple)
)
path_clauses = st.builds(PathClause, globs, st.none() | because)
acknowledgements = st.builds(Acknowledge, texts)
agents = st.builds(
    Agent,
    names | texts,
    st.lists(names, max_size=3).map(tuple),
    st.lists(path_clauses, max_size=2).map(tuple),
    st.lists(path_clauses, max_size=2).map(tuple),
    st.lists(acknowledgements, max_size=2).map(tuple),
)
items: st.SearchStrategy[Item] = st.one_of(concepts, rules, agents, acknowledgements)
