"""Applying active rules to the facts of a change: findings, in a deterministic order.

The evaluator first collects what every active statement selects (``needs``), lets the facts engine
compute exactly those element changes, then runs each statement. A new element kind needs no change
here: a selector of that kind is matched against whatever the analysers produced for it.
"""

from __future__ import annotations

import hashlib
import string
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from scopeguard.analysis.engine import Facts, Need
from scopeguard.core.globs import any_path_matches
from scopeguard.core.kinds import METRICS
from scopeguard.core.model import (
    ElementChange,
    Finding,
    Location,
    Provenance,
    RuleInfo,
    Severity,
    Span,
)
from scopeguard.evaluate.active import (
    OUT_OF_SCOPE,
    POLICY_TAMPER,
    PROTECTED_PATH,
    ActivePolicy,
    ActiveRule,
    provenance,
)
from scopeguard.evaluate.conditions import change_matches, selects
from scopeguard.evaluate.metrics import METRIC_KINDS, measure
from scopeguard.policy.ast import Forbid, Limit, PathClause, Require, Selector, Statement
from scopeguard.policy.printer import format_selector, format_statement
from scopeguard.policy.resolve import Matcher

_MAX_NAME = 80


@dataclass(frozen=True, slots=True)
class Evaluation:
    findings: tuple[Finding, ...]
    rules: tuple[RuleInfo, ...]


def _applies(statement: Statement, incremental: bool) -> bool:
    """Whether a statement applies; an incremental check (one proposed edit) skips whole-change ones.

    ``require`` (tests with new code: the test is written after the code) and change-wide ``limit``s
    can only be judged on the whole change, so they wait for the final check.
    """
    if not incremental:
        return True
    if isinstance(statement, Require):
        return False
    return not (isinstance(statement, Limit) and METRICS[statement.metric].per is None)


def needs(policy: ActivePolicy, incremental: bool = False) -> list[Need]:
    """Every element kind the active rules select, with the paths they look at."""
    out: list[Need] = []
    for active in policy.rules:
        for statement in active.rule.statements:
            if not _applies(statement, incremental):
                continue
            if isinstance(statement, Limit):
                out.append(Need(METRIC_KINDS.get(statement.metric, "file"), statement.globs or None))
                continue
            selectors = [statement.target] + ([statement.when] if isinstance(statement, Require) else [])
            for selector in selectors:
                out.extend(Need(m.kind, m.needed_globs) for m in policy.policies.expand(selector))
    if policy.protect or policy.scope or policy.tamper_globs:
        out.append(Need("file"))
    return out


def evaluate(policy: ActivePolicy, facts: Facts, *, incremental: bool = False) -> Evaluation:
    """Findings of the active rules on a change; ``incremental`` for one proposed edit (see ``_applies``)."""
    facts.prepare(needs(policy, incremental))
    findings: list[Finding] = []
    infos: list[RuleInfo] = []
    for active in policy.rules:
        infos.append(
            RuleInfo(
                active.id,
                active.severity,
                describe(active),
                active.source,
                active.defined_in,
                active.rule.message,
            )
        )
        for statement in active.rule.statements:
            if not _applies(statement, incremental):
                continue
            if isinstance(statement, Forbid):
                findings.extend(_forbid(policy, active, statement, facts))
            elif isinstance(statement, Require):
                findings.extend(_require(policy, active, statement, facts))
            elif isinstance(statement, Limit):
                findings.extend(_limit(active, statement, facts))
    findings.extend(_path_clauses(policy, facts, infos))
    findings.extend(_tamper(policy, facts, infos))
    return Evaluation(tuple(_fingerprinted(findings)), tuple(sorted(infos, key=lambda r: r.id)))


def describe(active: ActiveRule) -> str:
    """A one-line description of a rule: its statements in policy language."""
    return "; ".join(format_statement(s) for s in active.rule.statements)


# --- statements --------------------------------------------------------------------------------


def _matching(
    policy: ActivePolicy, change_spec: str, selector: Selector, facts: Facts
) -> list[ElementChange]:
    matchers: Sequence[Matcher] = policy.policies.expand(selector)
    out: list[ElementChange] = []
    seen: set[int] = set()
    for m in matchers:
        for c in facts.changes(m.kind):
            if id(c) not in seen and change_matches(change_spec, c) and selects(m, c):  # type: ignore[arg-type]
                seen.add(id(c))
                out.append(c)
    return out


def _forbid(policy: ActivePolicy, active: ActiveRule, st: Forbid, facts: Facts) -> Iterable[Finding]:
    for c in _matching(policy, st.change, st.target, facts):
        default = f"{c.change} {c.kind} {_short(c.element.name)}{_type_suffix(c)} is forbidden"
        yield _finding(active, c, facts, _message(active, c, default))


def _require(policy: ActivePolicy, active: ActiveRule, st: Require, facts: Facts) -> Iterable[Finding]:
    triggers = _matching(policy, st.when_change, st.when, facts)
    if not triggers or _matching(policy, st.change, st.target, facts):
        return
    wanted = f"{st.change} {format_selector(st.target)}"
    by_file: dict[str, list[ElementChange]] = defaultdict(list)
    for t in triggers:
        by_file[t.element.path].append(t)
    for path in sorted(by_file):
        group = sorted(by_file[path], key=lambda c: c.element.span.line)
        first = group[0]
        more = f" (and {len(group) - 1} more)" if len(group) > 1 else ""
        name = _short(first.element.name)
        default = f"{first.change} {first.kind} {name}{more} needs a {wanted} in the same change"
        yield _finding(active, first, facts, _message(active, first, default))


def _limit(active: ActiveRule, st: Limit, facts: Facts) -> Iterable[Finding]:
    for measured in measure(st.metric, st.globs, facts):
        if measured.value <= st.maximum:
            continue
        where = f" in {measured.subject}" if measured.subject else ""
        default = f"{st.metric} is {measured.value}{where}; the limit is {st.maximum}"
        values = {"value": str(measured.value), "limit": str(st.maximum), "metric": st.metric}
        if measured.change is not None:
            yield _finding(active, measured.change, facts, _message(active, measured.change, default, values))
        else:
            message = _format(active.rule.message, values) if active.rule.message else default
            yield Finding(active.id, active.severity, message, None, source=active.source)


def _path_clauses(policy: ActivePolicy, facts: Facts, infos: list[RuleInfo]) -> Iterable[Finding]:
    if not policy.protect and not policy.scope:
        return
    files = facts.changes("file")
    agent = policy.agent or "this agent"
    for clause in policy.protect:
        source = _clause_source(clause)
        infos.append(
            RuleInfo(
                PROTECTED_PATH, Severity.ERROR, f"{agent} may not change " + _globs(clause.globs), source
            )
        )
        for c in files:
            touched = [p for p in _paths(c) if any_path_matches(p, clause.globs)]
            if touched:
                msg = f"{agent} may not change {touched[0]} (protected: {_globs(clause.globs)})"
                yield _finding_raw(PROTECTED_PATH, Severity.ERROR, msg, c, facts, source)
    if policy.scope:
        allowed = tuple(g for clause in policy.scope for g in clause.globs)
        source = _clause_source(policy.scope[0])
        infos.append(
            RuleInfo(OUT_OF_SCOPE, Severity.ERROR, f"{agent} may only change " + _globs(allowed), source)
        )
        for c in files:
            outside = [p for p in _paths(c) if not any_path_matches(p, allowed)]
            if outside:
                msg = f"{outside[0]} is outside the scope of {agent} ({_globs(allowed)})"
                yield _finding_raw(OUT_OF_SCOPE, Severity.ERROR, msg, c, facts, source)


def _tamper(policy: ActivePolicy, facts: Facts, infos: list[RuleInfo]) -> Iterable[Finding]:
    if not policy.tamper_globs:
        return
    infos.append(
        RuleInfo(
            POLICY_TAMPER, Severity.ERROR, "a change to a policy, an agent file or scopeguard's configuration"
        )
    )
    for c in facts.changes("file"):
        touched = [p for p in _paths(c) if any_path_matches(p, policy.tamper_globs)]
        if touched:
            msg = (
                f"{c.change} {touched[0]}: a policy, agent file or scopeguard configuration; this change is "
                "checked against the rules of the base revision and needs a human review"
            )
            yield _finding_raw(POLICY_TAMPER, Severity.ERROR, msg, c, facts, None)


# --- building findings -------------------------------------------------------------------------


def _paths(c: ElementChange) -> list[str]:
    paths = [c.element.path]
    if c.before is not None and c.before.path != c.element.path:
        paths.insert(0, c.before.path)
    return paths


def _globs(globs: Sequence[str]) -> str:
    return ", ".join(globs)


def _clause_source(clause: PathClause) -> Provenance | None:
    return provenance(clause.because)


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _MAX_NAME else text[: _MAX_NAME - 1] + "…"


def _type_suffix(c: ElementChange) -> str:
    t = c.element.attributes.get("type")
    return f" ({t})" if isinstance(t, str) and t and c.kind != "class" else ""


class _Placeholders(string.Formatter):
    def get_value(self, key: int | str, args: Sequence[object], kwargs: Mapping[str, object]) -> object:
        if isinstance(key, str) and key in kwargs:
            return kwargs[key]
        return "{" + str(key) + "}"


def _format(template: str | None, values: Mapping[str, str]) -> str:
    if template is None:
        return ""
    try:
        return _Placeholders().vformat(template, (), values)
    except (ValueError, IndexError):
        return template


def _message(
    active: ActiveRule, c: ElementChange, default: str, extra: Mapping[str, str] | None = None
) -> str:
    if not active.rule.message:
        return default
    t = c.element.attributes.get("type")
    values = {
        "name": _short(c.element.name),
        "path": c.element.path,
        "type": t if isinstance(t, str) else "",
        "kind": c.kind,
        "change": c.change,
        "old_path": c.old_path or "",
        "old_name": c.old_name or "",
        "line": str(c.element.span.line),
        "rule": active.id,
        **(extra or {}),
    }
    return _format(active.rule.message, values)


def _locations(c: ElementChange, facts: Facts) -> tuple[Location, Location | None]:
    span = c.element.span
    if c.change != "removed":
        return Location(c.element.path, span), None
    base = Location(c.element.path, span)
    head = facts.head_position(c.element.path, span.line)
    if head is None:
        return base, base
    return Location(head[0], Span(head[1], 1)), base


def _finding(active: ActiveRule, c: ElementChange, facts: Facts, message: str) -> Finding:
    return _finding_raw(active.id, active.severity, message, c, facts, active.source)


def _finding_raw(
    rule: str, severity: Severity, message: str, c: ElementChange, facts: Facts, source: Provenance | None
) -> Finding:
    location, base_location = _locations(c, facts)
    t = c.element.attributes.get("type")
    return Finding(
        rule,
        severity,
        message,
        location,
        change=c.change,
        element_kind=c.kind,
        element_name=c.element.name,
        element_type=t if isinstance(t, str) else None,
        base_location=base_location,
        source=source,
    )


def _sort_key(f: Finding) -> tuple[str, int, int, str, str, str]:
    loc = f.location
    return (
        loc.path if loc else "",
        loc.span.line if loc else 0,
        loc.span.column if loc else 0,
        f.rule,
        f.element_name or "",
        f.message,
    )


def _fingerprinted(findings: Iterable[Finding]) -> list[Finding]:
    """Sorted findings with fingerprints that do not depend on line numbers.

    The fingerprint hashes the rule, the path, what changed and its name (for a line, its text);
    equal keys are told apart by their order in the file, which survives edits elsewhere.
    """
    ordered = sorted(set(findings), key=_sort_key)
    seen: Counter[str] = Counter()
    out = []
    for f in ordered:
        path = f.location.path if f.location else ""
        key = "\0".join((f.rule, path, f.change or "", f.element_kind or "", f.element_name or ""))
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]
        out.append(replace(f, fingerprint=digest))
    return out
