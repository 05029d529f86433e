"""Semantic checks of parsed policies: every name resolves and every value can mean something.

The parser accepts any name where a name may stand; this module knows what the names refer to. It
runs over all the files of a run at once (the built-in vocabulary first), because a selector may name
a concept of another file and an agent may enforce a rule of another file. Concepts of the same name
in different files merge (a repository extends a built-in concept), as ``resolve.PolicySet`` does;
rules may not share an id anywhere, and an agent or concept is defined once per file.

Each diagnostic points at the offending name or value, says what was expected and, for a misspelt
name, suggests the closest known one.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from scopeguard.core.errors import Diagnostic, did_you_mean
from scopeguard.core.globs import glob_error
from scopeguard.core.kinds import KINDS, METRICS, attribute_names
from scopeguard.core.model import Span
from scopeguard.core.text import split_lines
from scopeguard.policy.ast import (
    SEVERITIES,
    Agent,
    And,
    Because,
    Compare,
    Concept,
    Condition,
    Forbid,
    InList,
    Limit,
    Not,
    Or,
    PolicyFile,
    Require,
    Rule,
    Selector,
)
from scopeguard.policy.printer import format_literal

#: the placeholders a rule's ``message`` may use (the evaluator fills them in)
PLACEHOLDERS = (
    "name",
    "path",
    "type",
    "kind",
    "change",
    "old_path",
    "old_name",
    "line",
    "rule",
    "value",
    "limit",
    "metric",
)

_AT = re.compile(r".+:([1-9][0-9]*)(?:-([1-9][0-9]*))?")
_HEADER_NAME = re.compile(r"\s*(?:concept|rule|agent)\s+")
#: a bound on the paths walked while looking for concept cycles (concept graphs are tiny)
_MAX_WALK = 100_000


def check_policies(files: Sequence[PolicyFile], sources: Mapping[str, str]) -> list[Diagnostic]:
    """Every semantic error of ``files``, in file order, then by position.

    ``sources`` maps each file's path to its text, to show the offending line; a file missing from it
    still gets its diagnostics, without the line.
    """
    return _Checker(files, sources).run()


class _Placed(NamedTuple):
    """A concept of one file, so that a diagnostic about its selectors names the right file."""

    path: str
    order: int
    concept: Concept


class _Checker:
    def __init__(self, files: Sequence[PolicyFile], sources: Mapping[str, str]) -> None:
        self.files = files
        self.sources = sources
        self._lines: dict[str, list[str]] = {}
        self.order = {f.path: i for i, f in enumerate(files)}
        self.out: list[Diagnostic] = []
        self.concepts: dict[str, list[_Placed]] = {}
        self.rules: set[str] = set()
        for i, f in enumerate(files):
            for c in f.concepts:
                self.concepts.setdefault(c.name, []).append(_Placed(f.path, i, c))
            self.rules.update(r.id for r in f.rules)
        self._kinds: dict[str, frozenset[str]] = {}

    def run(self) -> list[Diagnostic]:
        first_rule: dict[str, tuple[str, Rule]] = {}
        for f in self.files:
            self._duplicates_in_file(f)
            for concept in f.concepts:
                for selector in concept.selectors:
                    self._selector(f.path, selector)
            for rule in f.rules:
                if rule.id in first_rule:
                    self._duplicate_rule(f.path, rule, *first_rule[rule.id])
                else:
                    first_rule[rule.id] = (f.path, rule)
                self._rule(f.path, rule)
            for agent in f.agents:
                self._agent(f.path, agent)
        self._cycles()
        return sorted(
            self.out,
            key=lambda d: (self.order.get(d.path or "", len(self.files)), d.line or 0, d.column or 0),
        )

    # --- reporting ------------------------------------------------------------------------------

    def _source_line(self, path: str, line: int) -> str | None:
        if path not in self._lines:
            text = self.sources.get(path)
            self._lines[path] = split_lines(text) if text is not None else []
        lines = self._lines[path]
        return lines[line - 1] if 0 < line <= len(lines) else None

    def _report(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        *,
        expected: str | None = None,
        suggestion: str | None = None,
        width: int = 1,
    ) -> None:
        self.out.append(
            Diagnostic(
                message,
                path,
                line,
                column,
                self._source_line(path, line),
                expected,
                suggestion,
                max(1, width),
            )
        )

    def _at_span(
        self,
        path: str,
        span: Span,
        message: str,
        *,
        expected: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        """Report under the whole of ``span`` when it stays on one line."""
        width = 1
        if span.end_line == span.line and span.end_column is not None:
            width = span.end_column - span.column
        self._report(
            path, span.line, span.column, message, expected=expected, suggestion=suggestion, width=width
        )

    def _name_column(self, path: str, span: Span) -> int:
        """The column of the name in a ``concept``/``rule``/``agent`` header line."""
        text = self._source_line(path, span.line) or ""
        m = _HEADER_NAME.match(text)
        return m.end() + 1 if m else span.column

    # --- items --------------------------------------------------------------------------------------

    def _duplicates_in_file(self, f: PolicyFile) -> None:
        for what, items in (("concept", f.concepts), ("agent", f.agents)):
            first: dict[str, Concept | Agent] = {}
            for item in items:
                if item.name not in first:
                    first[item.name] = item
                    continue
                self._report(
                    f.path,
                    item.span.line,
                    self._name_column(f.path, item.span),
                    f"{what} '{item.name}' is defined twice in this file "
                    f"(first on line {first[item.name].span.line})",
                    suggestion=f"put all of the {what}'s lines in one block",
                    width=len(item.name),
                )

    def _duplicate_rule(self, path: str, rule: Rule, first_path: str, first: Rule) -> None:
        where = f"{first_path}:{first.span.line}:{self._name_column(first_path, first.span)}"
        self._report(
            path,
            rule.span.line,
            self._name_column(path, rule.span),
            f"duplicate rule id '{rule.id}': it is also defined at {where}",
            suggestion="give each rule an id of its own",
            width=len(rule.id),
        )

    def _rule(self, path: str, rule: Rule) -> None:
        if rule.severity is not None and rule.severity not in SEVERITIES:
            self._at_span(
                path,
                rule.severity_span,
                f"invalid severity '{rule.severity}'",
                expected=f"{', '.join(SEVERITIES[:-1])} or {SEVERITIES[-1]}",
                suggestion=did_you_mean(rule.severity, SEVERITIES),
            )
        for statement in rule.statements:
            if isinstance(statement, Forbid):
                self._selector(path, statement.target)
            elif isinstance(statement, Require):
                self._selector(path, statement.target)
                self._selector(path, statement.when)
            elif isinstance(statement, Limit):
                self._limit(path, statement)
        if rule.message is not None:
            self._message(path, rule)
        if rule.because is not None:
            self._because(path, rule.because)

    def _limit(self, path: str, limit: Limit) -> None:
        self._globs(path, limit.span, limit.globs)
        text = self._source_line(path, limit.span.line) or ""
        if limit.metric not in METRICS:
            column = text.find(limit.metric, limit.span.column + len("limit") - 1) + 1
            self._report(
                path,
                limit.span.line,
                column if column > 0 else limit.span.column,
                f"unknown metric '{limit.metric}'",
                expected=f"a metric: {', '.join(METRICS)}",
                suggestion=did_you_mean(limit.metric, METRICS),
                width=len(limit.metric),
            )
        if limit.maximum < 0:
            number = re.compile(r"<=\s*").search(text, limit.span.column - 1)
            self._report(
                path,
                limit.span.line,
                number.end() + 1 if number else limit.span.column,
                f"a limit of {limit.maximum} can never be met",
                expected="a whole number of 0 or more",
                width=len(str(limit.maximum)),
            )

    def _message(self, path: str, rule: Rule) -> None:
        assert rule.message is not None
        span = rule.message_span
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(rule.message) if f is not None]
        except ValueError:
            self._at_span(
                path,
                span,
                "the message has a '{' or '}' without its partner",
                suggestion="write '{{' or '}}' for a brace that is not a placeholder",
            )
            return
        text = self._source_line(path, span.line) or ""
        for name in fields:
            if name in PLACEHOLDERS:
                continue
            found = text.find("{" + name + "}", max(0, span.column - 1)) if span.line else -1
            self._report(
                path,
                span.line,
                found + 1 if found >= 0 else span.column,
                f"unknown placeholder '{{{name}}}' in the message",
                expected="one of " + ", ".join("{" + p + "}" for p in PLACEHOLDERS),
                suggestion=did_you_mean("{" + name + "}", ["{" + p + "}" for p in PLACEHOLDERS])
                if name
                else None,
                width=len(name) + 2 if found >= 0 else 1,
            )

    def _because(self, path: str, because: Because) -> None:
        if because.at is None:
            return
        m = _AT.fullmatch(because.at)
        if m is not None and (m.group(2) is None or int(m.group(2)) >= int(m.group(1))):
            return
        text = self._source_line(path, because.span.line) or ""
        column = _last_string_column(text, because.span)
        self._report(
            path,
            because.span.line,
            column or because.span.column,
            f"'because ... at' names no place in a file: {format_literal(because.at)}",
            expected='"FILE:LINE" or "FILE:FIRST-LAST", lines counted from 1',
            width=(because.span.end_column or column + 1) - column if column else 1,
        )

    def _agent(self, path: str, agent: Agent) -> None:
        for i, rule_id in enumerate(agent.enforce):
            if rule_id in self.rules:
                continue
            span = agent.enforce_spans[i] if i < len(agent.enforce_spans) else agent.span
            self._report(
                path,
                span.line,
                span.column,
                f"agent '{agent.name}' enforces unknown rule '{rule_id}'",
                expected="the id of a rule defined in a policy file",
                suggestion=did_you_mean(rule_id, self.rules),
                width=len(rule_id),
            )
        for clause in (*agent.protect, *agent.scope):
            self._globs(path, clause.span, clause.globs)
            if clause.because is not None:
                self._because(path, clause.because)

    # --- selectors and conditions -------------------------------------------------------------------

    def _selector(self, path: str, selector: Selector) -> None:
        kind = selector.kind
        if kind not in KINDS and kind not in self.concepts:
            self._report(
                path,
                selector.span.line,
                selector.span.column,
                f"unknown element kind or concept '{kind}'",
                expected=f"an element kind ({', '.join(KINDS)}) or the name of a concept",
                suggestion=did_you_mean(kind, [*KINDS, *self.concepts]),
                width=len(kind),
            )
            return
        if kind in self.concepts and not any(p.concept.selectors for p in self.concepts[kind]):
            self._report(
                path,
                selector.span.line,
                selector.span.column,
                f"concept '{kind}' has no selector, so this matches nothing",
                expected="a concept with at least one selector line (such as 'file in \"docs/**\"')",
                width=len(kind),
            )
        self._globs(path, selector.span, selector.globs)
        kinds = self._kinds_of(kind)
        if selector.where is not None and kinds:
            self._condition(path, selector.where, kind, kinds)

    def _globs(self, path: str, span: Span, globs: Sequence[str]) -> None:
        """Each glob must mean what it says: the caret points at the glob's string on ``span``'s line."""
        for glob in globs:
            error = glob_error(glob)
            if error is None:
                continue
            text = self._source_line(path, span.line) or ""
            literal = format_literal(glob)
            found = text.find(literal, max(0, span.column - 1))
            self._report(
                path,
                span.line,
                found + 1 if found >= 0 else span.column,
                f"invalid glob {literal}: {error}",
                expected='a glob whose character ranges go from low to high, such as "[a-z]"',
                width=len(literal) if found >= 0 else 1,
            )

    def _kinds_of(self, name: str) -> frozenset[str]:
        """The element kinds a selector naming ``name`` matches, expanded as ``PolicySet`` does."""
        if name not in self._kinds:
            self._kinds[name] = frozenset(k for k in self._expand(name, frozenset()) if k in KINDS)
        return self._kinds[name]

    def _expand(self, name: str, seen: frozenset[str]) -> Iterator[str]:
        if name not in self.concepts or name in seen:
            if name not in self.concepts or name in KINDS:
                yield name
            return
        for placed in self.concepts[name]:
            for inner in placed.concept.selectors:
                yield from self._expand(inner.kind, seen | {name})

    def _condition(self, path: str, condition: Condition, kind: str, kinds: frozenset[str]) -> None:
        if isinstance(condition, And | Or):
            for item in condition.items:
                self._condition(path, item, kind, kinds)
            return
        if isinstance(condition, Not):
            self._condition(path, condition.item, kind, kinds)
            return
        self._attribute(path, condition, kind, kinds)
        if isinstance(condition, Compare) and condition.op == "~" and not isinstance(condition.value, str):
            literal = format_literal(condition.value)
            self._at_span(
                path,
                condition.span,
                f"'~' matches a glob, so it needs a string, not {literal}",
                expected='a glob in double quotes, such as "*Model"',
                suggestion=f"use '==' to compare with {literal}",
            )
        if isinstance(condition, Compare) and condition.op == "~" and isinstance(condition.value, str):
            self._globs(path, condition.span, (condition.value,))
        if isinstance(condition, Compare) and condition.op == "matches":
            self._regex(path, condition)

    def _regex(self, path: str, condition: Compare) -> None:
        """A ``matches`` pattern must be a string that compiles as a Python regular expression; the caret
        points at the character of the pattern where ``re`` gave up."""
        if not isinstance(condition.value, str):
            literal = format_literal(condition.value)
            self._at_span(
                path,
                condition.span,
                f"'matches' searches with a regular expression, so it needs a string, not {literal}",
                expected='a regular expression in double quotes, such as "^[a-z_]+$"',
                suggestion=f"use '==' to compare with {literal}",
            )
            return
        error = regex_error(condition.value)
        if error is None:
            return
        message, position = error
        text = self._source_line(path, condition.span.line) or ""
        start = _last_string_column(text, condition.span)
        column = start + _literal_offset(text[start - 1 :], position) if start else condition.span.column
        repeat = "repeat" in message
        self._report(
            path,
            condition.span.line,
            column,
            f"invalid regular expression: {message}",
            expected="a Python regular expression (the syntax of the re module)",
            suggestion="for a literal '*', '+' or '?', escape it: write \"\\\\*\" in a policy string"
            if repeat
            else None,
        )

    def _attribute(self, path: str, condition: Compare | InList, kind: str, kinds: frozenset[str]) -> None:
        valid: dict[str, None] = {}
        for k in sorted(kinds):
            valid.update(dict.fromkeys(attribute_names(k)))
        if condition.attribute in valid:
            return
        owner = kind if kind in KINDS and kinds == {kind} else f"{kind} ({', '.join(sorted(kinds))})"
        self._report(
            path,
            condition.span.line,
            condition.span.column,
            f"unknown attribute '{condition.attribute}' for {owner}",
            expected=f"an attribute of {owner}: {', '.join(valid)}",
            suggestion=did_you_mean(condition.attribute, valid),
            width=len(condition.attribute),
        )

    # --- concept cycles -----------------------------------------------------------------------------

    def _cycles(self) -> None:
        """Report each concept cycle once, at its reference in the file loaded last.

        A concept that shares an element kind's name and comes back to itself stops there (it
        extends the kind), as in ``PolicySet``; any other way back is a cycle.
        """
        found: dict[frozenset[str], list[str]] = {}
        budget = [_MAX_WALK]

        def walk(path: list[str]) -> None:
            budget[0] -= 1
            if budget[0] < 0:
                return
            for placed in self.concepts[path[-1]]:
                for selector in placed.concept.selectors:
                    target = selector.kind
                    if target not in self.concepts:
                        continue
                    if target in path:
                        cycle = path[path.index(target) :]
                        if target not in KINDS:
                            found.setdefault(frozenset(cycle), cycle)
                        continue
                    walk([*path, target])

        for name in self.concepts:
            walk([name])
        for cycle in found.values():
            self._report_cycle(cycle)

    def _report_cycle(self, cycle: list[str]) -> None:
        edges: list[tuple[int, int, int, str, Selector, int]] = []
        for i, name in enumerate(cycle):
            target = cycle[(i + 1) % len(cycle)]
            for placed in self.concepts[name]:
                for selector in placed.concept.selectors:
                    if selector.kind == target:
                        s = selector.span
                        edges.append((placed.order, s.line, s.column, placed.path, selector, i))
        _, _, _, path, selector, start = max(edges, key=lambda e: e[:3])
        ring = [*cycle[start:], *cycle[:start]]
        self._report(
            path,
            selector.span.line,
            selector.span.column,
            f"concept '{ring[0]}' is defined in terms of itself: {' -> '.join([*ring, ring[0]])}",
            expected="a concept made of element kinds and other concepts, without a cycle",
            width=len(selector.kind),
        )


def regex_error(pattern: str) -> tuple[str, int] | None:
    """``(message, index in the pattern)`` when ``pattern`` is not a valid regular expression."""
    try:
        re.compile(pattern)
    except re.error as error:
        return str(error.msg), error.pos if error.pos is not None else 0
    except (RecursionError, OverflowError) as error:  # pathological nesting or repeat counts
        return str(error), 0
    return None


def _literal_offset(literal: str, index: int) -> int:
    """The 0-based offset in a string literal as written (``"a\\\\d"``) of the decoded character ``index``
    (JSON escapes count as one character), counted from the opening quote."""
    i, decoded = 1, 0
    while i < len(literal) and literal[i] != '"' and decoded < index:
        if literal[i] == "\\":
            i += 6 if literal[i + 1 : i + 2] == "u" else 2
        else:
            i += 1
        decoded += 1
    return i


def _last_string_column(text: str, span: Span) -> int:
    """The 1-based column of the string literal that ends at ``span``'s end (0 when not found)."""
    if span.end_line != span.line or not span.end_column:
        return 0
    i = span.end_column - 3  # the character before the closing quote
    while i >= span.column - 1:
        if text[i] == '"':
            backslashes = len(text[:i]) - len(text[:i].rstrip("\\"))
            if backslashes % 2 == 0:
                return i + 1
        i -= 1
    return 0
