"""``scopeguard explain RULE``: a rule's statements, the sentence it came from, and a change it stops.

The rule is looked up among the repository's policies (working tree, built-ins included) and, when it
is not there, among the rules compiled from the repository's agent files — compiled ids such as
``backend-feature-implementer-L21-no-new-types`` exist only in memory. The example change is made up
from the rule's first statement: a path its globs match, a name its condition accepts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from scopeguard.agents.compiler import compile_agent
from scopeguard.agents.reader import read_agent_file
from scopeguard.analysis.lines import name_parts
from scopeguard.core.errors import UserError, did_you_mean
from scopeguard.core.model import AttrValue, Element, ElementChange, Span
from scopeguard.evaluate.conditions import holds
from scopeguard.policy.ast import Compare, Condition, Forbid, InList, Limit, Not, Or, Require, Rule, Selector
from scopeguard.policy.printer import format_condition, format_item
from scopeguard.policy.resolve import Matcher, PolicySet
from scopeguard.usecases.context import load_workspace, open_repository, policy_set

#: the evaluator's own rules, which no policy file defines
BUILTIN_RULES = {
    "protected-path": 'a path an agent block protects (`protect "glob"`) was changed',
    "out-of-scope": "a path outside an agent block's `scope` was changed",
    "policy-tamper": "a policy, an agent file or scopeguard's configuration was changed",
}


@dataclass(frozen=True)
class _Found:
    rule: Rule
    #: the policy file that defines it, or the agent file it was compiled from
    source: str
    compiled: bool


def run_explain(rule_id: str, *, repo: str | None) -> tuple[str, int]:
    """The explanation of ``rule_id`` as text, and exit code 0 (an unknown rule is a ``UserError``)."""
    repository = open_repository(repo, required=repo is not None)
    workspace = load_workspace(repository, None)
    policies = policy_set(workspace)
    if rule_id in BUILTIN_RULES:
        return _builtin(rule_id), 0
    found = _find(rule_id, policies, workspace.agent_files.items())
    if isinstance(found, list):
        hint = (
            did_you_mean(rule_id, found) or "`scopeguard compile` lists the rules compiled from agent files"
        )
        raise UserError(f"no rule named '{rule_id}' in the policies or agent files; {hint}")
    return explain_rule(found.rule, found.source, found.compiled, policies), 0


def _find(rule_id: str, policies: PolicySet, agent_files: Iterable[tuple[str, bytes]]) -> _Found | list[str]:
    """The rule, or every known id (for a suggestion) when there is none of that name."""
    placed = policies.rules.get(rule_id)
    if placed is not None:
        return _Found(placed.rule, placed.path, False)
    known = list(policies.rules) + list(BUILTIN_RULES)
    for path, data in sorted(agent_files):
        compiled = compile_agent(read_agent_file(path, data), policies)
        for rule in compiled.rules:
            if rule.id == rule_id:
                return _Found(rule, path, True)
            known.append(rule.id)
    return known


def explain_rule(rule: Rule, source: str, compiled: bool, policies: PolicySet) -> str:
    out = [f"rule {rule.id} ({rule.severity or 'error'})"]
    out.append(f"  {'compiled from' if compiled else 'defined in'} {source}")
    if rule.because is not None:
        where = f" at {rule.because.at}" if rule.because.at else ""
        out.append(f'  from the sentence{where}:\n    "{rule.because.sentence}"')
    out.append("")
    out.append("  " + format_item(rule).replace("\n", "\n  "))
    examples = [e for e in (example_change(s, policies) for s in rule.statements) if e]
    if examples:
        out.append("")
        out.append("  it stops, for example:")
        out.extend(f"    - {e}" for e in examples[:3])
    return "\n".join(out) + "\n"


def _builtin(rule_id: str) -> str:
    return (
        f"rule {rule_id} (error, built in)\n  reported when {BUILTIN_RULES[rule_id]}; the finding names the "
        "path and, for protect and scope, the agent-file sentence the clause came from\n"
    )


# --- made-up changes ---------------------------------------------------------------------------------

_EXTENSIONS = {"class": ".py", "function": ".py", "call": ".py", "import": ".py", "decorator": ".py"}
_VERBS = {
    "added": "adding",
    "removed": "removing",
    "modified": "changing",
    "renamed": "renaming",
    "changed": "changing",
}


def example_change(statement: Forbid | Require | Limit, policies: PolicySet) -> str | None:
    """One change the statement stops, in words: "adding a class `Example` in `pkg/model/example.go`"."""
    if isinstance(statement, Limit):
        scope = f" in {', '.join(statement.globs)}" if statement.globs else ""
        over = statement.maximum + 1
        return f"a change whose {statement.metric}{scope} is {over} (the limit is {statement.maximum})"
    matcher = _first_matcher(statement.target if isinstance(statement, Forbid) else statement.when, policies)
    if matcher is None:
        return None
    if isinstance(statement, Forbid):
        return f"{_VERBS[statement.change]} {_describe(matcher)}"
    wanted = _first_matcher(statement.target, policies)
    like = f" like `{_example_path(wanted)}`" if wanted is not None else ""
    kind = wanted.kind if wanted is not None else "file"
    return f"{_VERBS[statement.when_change]} {_describe(matcher)} without also changing a {kind}{like}"


def _first_matcher(selector: Selector, policies: PolicySet) -> Matcher | None:
    matchers = policies.expand(selector)
    return matchers[0] if matchers else None


def _describe(matcher: Matcher) -> str:
    """A concrete element the matcher selects, checked against the matcher's own condition; where no
    such example can be made (a regular expression, a negation), the condition itself is shown, so the
    example never describes work the rule allows."""
    path = _example_path(matcher)
    kind = matcher.kind
    if kind == "file":
        if _selected(matcher, path, path, ""):
            return f"the file `{path}`"
        globs = matcher.path_filters[0] if matcher.path_filters else ("**",)
        return f"a file matching `{globs[0]}` where {_condition(matcher)}"
    if kind == "line":
        text = _example_value(matcher.where, "text")
        if text and _selected(matcher, text, path, text):
            return f"a line `{text}` in `{path}`"
        return f"a line in `{path}` where {_condition(matcher)}"
    name = _example_value(matcher.where, "name") or _example_value(matcher.where, "type") or "Example"
    if _selected(matcher, name, path, ""):
        return f"a {kind} `{name}` in `{path}`"
    return f"a {kind} in `{path}` where {_condition(matcher)}"


def _condition(matcher: Matcher) -> str:
    return format_condition(matcher.where) if matcher.where is not None else "…"


def _selected(matcher: Matcher, name: str, path: str, text: str) -> bool:
    """Whether an added element with this name, path and text meets the matcher's condition."""
    attributes: dict[str, AttrValue] = (
        {"text": text, **name_parts(path)} if text or matcher.kind == "file" else {}
    )
    element = Element(matcher.kind, name, path, Span(1), attributes=attributes)
    return holds(matcher.where, ElementChange("added", element))


def _example_path(matcher: Matcher) -> str:
    globs = matcher.path_filters[0] if matcher.path_filters else ()
    if globs:
        return _from_glob(globs[0], matcher.kind)
    if matcher.kind in ("resource", "route"):
        return "template.yml"
    if matcher.kind == "dependency":
        return "requirements.txt"
    return "src/example" + _EXTENSIONS.get(matcher.kind, ".py")


def _from_glob(glob: str, kind: str) -> str:
    """A path the glob matches: the first alternative of braces, ``example`` for wildcards."""
    text = glob
    while True:
        m = re.search(r"\{([^{}]*)\}", text)
        if m is None:
            break
        text = text[: m.start()] + m.group(1).split(",")[0] + text[m.end() :]
    text = text.lstrip("/").removeprefix("./")
    if text.endswith("/"):
        text += "**"
    parts = [p for p in text.split("/") if p != "**"] or ["example"]
    if text.endswith("**") or "." not in parts[-1]:
        parts.append("example" + _EXTENSIONS.get(kind, ".txt"))
    out = "/".join(
        re.sub(r"\[!?([^\]])[^\]]*\]", r"\1", p).replace("*", "example").replace("?", "x") for p in parts
    )
    return out


def _example_value(condition: Condition | None, attribute: str) -> str | None:
    """A value ``attribute`` may have under ``condition`` (the first one that satisfies it)."""
    if condition is None or isinstance(condition, Not):
        return None
    if isinstance(condition, Compare) and condition.attribute == attribute and condition.op in ("~", "=="):
        value = str(condition.value)
        if condition.op == "~":
            value = _from_glob(value, "").split("/")[-1] if attribute == "path" else _unglob(value)
        return value
    if isinstance(condition, InList) and condition.attribute == attribute and condition.values:
        return str(condition.values[0])
    items = condition.items if isinstance(condition, Or) else getattr(condition, "items", ())
    for item in items:
        found = _example_value(item, attribute)
        if found:
            return found
    return None


def _unglob(pattern: str) -> str:
    m = re.search(r"\{([^{}]*)\}", pattern)
    if m is not None:
        pattern = pattern[: m.start()] + m.group(1).split(",")[-1] + pattern[m.end() :]
    pattern = re.sub(r"\[!([^\]]*)\]", " ", pattern)
    pattern = re.sub(r"\[([^\]])[^\]]*\]", r"\1", pattern)
    return pattern.replace("*", "").strip() or pattern
