"""Which rules a run applies: an agent's, or every rule of every policy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scopeguard.core.errors import UserError, did_you_mean
from scopeguard.core.model import Provenance, Severity
from scopeguard.policy.ast import Because, PathClause, Rule
from scopeguard.policy.resolve import PolicySet

#: Built-in rule ids (stable: users grep, suppress and see them in SARIF).
PROTECTED_PATH = "protected-path"
OUT_OF_SCOPE = "out-of-scope"
POLICY_TAMPER = "policy-tamper"


def provenance(because: Because | None) -> Provenance | None:
    if because is None:
        return None
    where = because.location
    if where is None:
        return None
    path, line = where
    end: int | None = None
    tail = (because.at or "").rpartition(":")[2]
    if "-" in tail and tail.split("-", 1)[1].isdigit():
        end = int(tail.split("-", 1)[1])
    return Provenance(path, line, because.sentence, end)


@dataclass(frozen=True, slots=True)
class ActiveRule:
    rule: Rule
    defined_in: str

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def severity(self) -> Severity:
        return Severity(self.rule.severity or "error")

    @property
    def source(self) -> Provenance | None:
        return provenance(self.rule.because)


@dataclass(frozen=True, slots=True)
class ActivePolicy:
    policies: PolicySet
    rules: tuple[ActiveRule, ...]
    agent: str | None = None
    protect: tuple[PathClause, ...] = ()
    scope: tuple[PathClause, ...] = ()
    #: paths whose change is reported by ``policy-tamper`` (policies, agent files, configuration)
    tamper_globs: tuple[str, ...] = ()


def select(policies: PolicySet, agent: str | None, tamper_globs: Sequence[str] = ()) -> ActivePolicy:
    """The rules of ``agent`` (its ``enforce`` list, ``protect`` and ``scope``), or every rule."""
    if agent is None:
        every = tuple(ActiveRule(p.rule, p.path) for _, p in sorted(policies.rules.items()))
        return ActivePolicy(policies, every, None, tamper_globs=tuple(tamper_globs))
    block = policies.agents.get(agent)
    if block is None:
        hint = did_you_mean(agent, policies.agents) or (
            "known agents: " + ", ".join(sorted(policies.agents))
            if policies.agents
            else "no agent is defined"
        )
        raise UserError(f"no agent named '{agent}' in the policies or agent files; {hint}")
    rules: list[ActiveRule] = []
    for rule_id in block.enforce:
        placed = policies.rules.get(rule_id)
        if placed is None:
            raise UserError(f"agent '{agent}' enforces unknown rule '{rule_id}'")
        rules.append(ActiveRule(placed.rule, placed.path))
    return ActivePolicy(policies, tuple(rules), agent, block.protect, block.scope, tuple(tamper_globs))
