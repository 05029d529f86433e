"""The printer and the parser agree: any syntax tree, printed, parses back to an equal tree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.policy.strategies import conditions, items

from scopeguard.policy.ast import Condition, Forbid, Item, Rule, Selector
from scopeguard.policy.parser import parse_policy
from scopeguard.policy.printer import format_policy


@settings(max_examples=300, deadline=None)
@given(st.lists(items, max_size=4))
def test_printed_policy_parses_back_to_the_same_tree(policy: list[Item]) -> None:
    text = format_policy(policy)
    assert parse_policy(text, "p.scope").items == tuple(policy)


@settings(max_examples=200, deadline=None)
@given(st.lists(items, max_size=3))
def test_crlf_line_endings_read_the_same(policy: list[Item]) -> None:
    text = format_policy(policy)
    assert parse_policy(text.replace("\n", "\r\n"), "p.scope").items == tuple(policy)


@settings(max_examples=200, deadline=None)
@given(conditions)
def test_every_condition_survives_precedence_and_parentheses(condition: Condition) -> None:
    rule = Rule("r", (Forbid("added", Selector("file", (), condition)),))
    assert parse_policy(format_policy([rule]), "p.scope").items == (rule,)
