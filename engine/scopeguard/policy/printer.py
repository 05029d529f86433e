"""Policy syntax trees back to policy-language text (canonical form).

The output parses back to an equal tree (spans aside); the round trip is a property test. Used by
``scopeguard compile`` to print compiled rules, by ``explain``, and for rule descriptions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from scopeguard.policy.ast import (
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
    Literal_,
    Not,
    Or,
    PathClause,
    PolicyFile,
    Require,
    Rule,
    Selector,
    Statement,
)

INDENT = "    "


def quote(text: str) -> str:
    """A policy string literal (JSON escapes, so any text survives the round trip)."""
    return json.dumps(text, ensure_ascii=False)


def format_literal(value: Literal_) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return quote(value)


#: a bare name in the grammar (rule ids may contain hyphens)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def format_agent_name(name: str) -> str:
    """An agent's name as written after ``agent``: bare when it can be, else quoted.

    Agent names come from agent files' frontmatter and may contain spaces or dots.
    """
    return name if _NAME.fullmatch(name) else quote(name)


def _strings(values: Iterable[str]) -> str:
    return ", ".join(quote(v) for v in values)


_PRECEDENCE = {Or: 1, And: 2, Not: 3, Compare: 4, InList: 4}


def format_condition(condition: Condition, parent: int = 0) -> str:
    mine = _PRECEDENCE[type(condition)]
    if isinstance(condition, Compare):
        text = f"{condition.attribute} {condition.op} {format_literal(condition.value)}"
    elif isinstance(condition, InList):
        text = f"{condition.attribute} in [{', '.join(format_literal(v) for v in condition.values)}]"
    elif isinstance(condition, Not):
        text = f"not {format_condition(condition.item, mine)}"
    elif isinstance(condition, And):
        text = " and ".join(format_condition(c, mine) for c in condition.items)
    else:
        text = " or ".join(format_condition(c, mine) for c in condition.items)
    # a nested And in an And (or Or in an Or) is kept as written, so it is parenthesised too
    return f"({text})" if mine <= parent and mine < 4 else text


def format_selector(selector: Selector) -> str:
    text = selector.kind
    if selector.globs:
        text += f" in {_strings(selector.globs)}"
    if selector.where is not None:
        text += f" where {format_condition(selector.where)}"
    return text


def format_statement(statement: Statement) -> str:
    if isinstance(statement, Forbid):
        return f"forbid {statement.change} {format_selector(statement.target)}"
    if isinstance(statement, Require):
        return (
            f"require {statement.change} {format_selector(statement.target)} "
            f"when {statement.when_change} {format_selector(statement.when)}"
        )
    where = f" in {_strings(statement.globs)}" if statement.globs else ""
    return f"limit {statement.metric}{where} <= {statement.maximum}"


def _because(because: Because | None) -> str:
    if because is None:
        return ""
    at = f" at {quote(because.at)}" if because.at is not None else ""
    return f"because {quote(because.sentence)}{at}"


def _clause(keyword: str, clause: PathClause) -> str:
    because = _because(clause.because)
    return f"{keyword} {_strings(clause.globs)}" + (f" {because}" if because else "")


def format_item(item: Item) -> str:
    lines: list[str] = []
    if isinstance(item, Concept):
        lines.append(f"concept {item.name}:")
        if item.aka:
            lines.append(f"{INDENT}aka {_strings(item.aka)}")
        lines.extend(f"{INDENT}{format_selector(s)}" for s in item.selectors)
    elif isinstance(item, Rule):
        lines.append(f"rule {item.id}:")
        if item.severity is not None:
            lines.append(f"{INDENT}severity {item.severity}")
        lines.extend(f"{INDENT}{format_statement(s)}" for s in item.statements)
        if item.message is not None:
            lines.append(f"{INDENT}message {quote(item.message)}")
        if item.because is not None:
            lines.append(f"{INDENT}{_because(item.because)}")
    elif isinstance(item, Agent):
        lines.append(f"agent {format_agent_name(item.name)}:")
        if item.enforce:
            lines.append(f"{INDENT}enforce {', '.join(item.enforce)}")
        lines.extend(f"{INDENT}{_clause('protect', c)}" for c in item.protect)
        lines.extend(f"{INDENT}{_clause('scope', c)}" for c in item.scope)
        lines.extend(f"{INDENT}acknowledge {quote(a.sentence)}" for a in item.acknowledge)
    elif isinstance(item, Acknowledge):
        lines.append(f"acknowledge {quote(item.sentence)}")
    return "\n".join(lines)


def format_policy(policy: PolicyFile | Iterable[Item]) -> str:
    items = policy.items if isinstance(policy, PolicyFile) else tuple(policy)
    return "\n\n".join(format_item(i) for i in items) + ("\n" if items else "")
