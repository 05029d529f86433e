"""``scopeguard diff``: check a change against the rules of an agent, or of every policy.

The same function serves the command line, pre-commit and the Claude Code hook (which checks a
one-file proposed change); they differ only in how the change set is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from scopeguard.analysis.engine import Facts
from scopeguard.analysis.registry import analysers
from scopeguard.core.config import PYPROJECT, Config, tool_table
from scopeguard.core.errors import UserError, did_you_mean
from scopeguard.core.model import ChangeSet, Report
from scopeguard.evaluate.active import select
from scopeguard.evaluate.evaluator import evaluate
from scopeguard.policy.resolve import PolicySet
from scopeguard.sources.repository import Repository
from scopeguard.usecases.context import Workspace, load_workspace, policy_set

_TRAILER = re.compile(r"^Agent:[ \t]*(\S+)[ \t]*$", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True)
class DiffRequest:
    repo: str | None = None
    range: str | None = None
    staged: bool = False
    patch: str | None = None
    agent: str | None = None
    policies: tuple[str, ...] = ()
    policy_ref: str | None = None


@dataclass(frozen=True)
class CheckResult:
    report: Report
    workspace: Workspace
    changeset: ChangeSet = field(repr=False)

    @property
    def anchor(self) -> str | None:
        """A repository file to attach change-wide findings to where a format needs a location."""
        for rule in self.report.rules:
            inside = rule.defined_in and not rule.defined_in.startswith(("<", "/", "../"))
            if inside:
                return rule.defined_in
        return self.workspace.config.source


def run_diff(request: DiffRequest, stdin: BinaryIO | None = None) -> CheckResult:
    repository = Repository.open(request.repo)
    changeset = repository.changes(request.range, staged=request.staged, patch=request.patch, stdin=stdin)
    ref = repository.resolve(request.policy_ref) if request.policy_ref else changeset.base
    agent = request.agent or agent_from_trailers(changeset.messages)
    named_by = None if request.agent else "the 'Agent:' trailer of the commits under check"
    return check_changeset(
        repository, changeset, ref=ref, agent=agent, policies=request.policies, agent_named_by=named_by
    )


def agent_from_trailers(messages: Sequence[str]) -> str | None:
    """The agent named by ``Agent:`` trailers of the commits under check (all must agree)."""
    names = sorted({m.group(1) for message in messages for m in _TRAILER.finditer(_trailer_block(message))})
    if len(names) > 1:
        raise UserError(
            f"the commits under check name different agents in 'Agent:' trailers ({', '.join(names)}); "
            "check them separately or pass --agent NAME"
        )
    return names[0] if names else None


def _trailer_block(message: str) -> str:
    """The last paragraph of a commit message, where git trailers live."""
    paragraphs = [p for p in re.split(r"\n\s*\n", message.strip()) if p.strip()]
    return paragraphs[-1] if len(paragraphs) > 1 else ""


def check_changeset(
    repository: Repository,
    changeset: ChangeSet,
    *,
    ref: str | None,
    agent: str | None,
    policies: Sequence[str] = (),
    incremental: bool = False,
    workspace: Workspace | None = None,
    agent_named_by: str | None = None,
) -> CheckResult:
    """Check a change set against the rules read from ``ref`` (the policy revision).

    ``incremental``: the change is one proposed edit of a larger change still being written (the
    Claude Code hook), so rules that judge a whole change (``require``, change-wide ``limit``) wait.
    ``workspace``: the configuration and policies at ``ref``, when the caller has read them already.
    ``agent_named_by``: where ``agent`` came from when not from the command line, for the message that
    says it names no agent.
    """
    if workspace is None:
        # no base revision (a repository without commits): no repository policy applies yet
        workspace = (
            load_workspace(repository, ref) if ref is not None else Workspace(repository, None, Config())
        )
    rules = policy_set(workspace, policies)
    if agent is not None:
        rules, agent = _with_agent(workspace, rules, agent, agent_named_by)
    tamper = [*workspace.tamper_globs, *_explicit_tamper(policies)]
    facts = Facts(
        changeset,
        analysers(),
        max_file_bytes=workspace.config.max_file_size,
        excluded=workspace.config.exclude,
    )
    if _scopeguard_table_changed(facts):
        tamper.append("/" + PYPROJECT)
    active = select(rules, agent, tamper)
    evaluation = evaluate(active, facts, incremental=incremental)
    report = Report(
        base=changeset.base,
        head=changeset.head,
        agent=agent,
        files_changed=len(facts.files),
        findings=evaluation.findings,
        notices=facts.notices,
        rules=evaluation.rules,
    )
    return CheckResult(report, workspace, changeset)


def _with_agent(
    workspace: Workspace, rules: PolicySet, agent: str, named_by: str | None
) -> tuple[PolicySet, str]:
    """The policy set with the rules of the agent file named ``agent`` added, and the agent's name.

    An agent block of the same name in a policy file adds to the compiled one (``PolicySet`` merges
    agents by name); an agent defined only in a policy file is used as it is. A name that is neither
    is an error that lists the agents of both kinds.
    """
    from scopeguard.usecases.agents import agent_names, compiled_agent_policy

    compiled = compiled_agent_policy(workspace, rules, agent)
    if compiled is None:
        if agent not in rules.agents:
            known = sorted({*rules.agents, *agent_names(workspace)})
            hint = did_you_mean(agent, known) or (
                "known agents: " + ", ".join(known)
                if known
                else "no agent is defined in the policies or agent files"
            )
            origin = f" (from {named_by})" if named_by else ""
            raise UserError(f"no agent named '{agent}'{origin} in the policies or agent files; {hint}")
        return rules, agent
    policy_file, name = compiled
    return PolicySet.build((*rules.files, policy_file)), name


def _explicit_tamper(policies: Sequence[str]) -> list[str]:
    return ["/" + p.removeprefix("./") for p in policies if not p.startswith("/") and ".." not in p]


def _scopeguard_table_changed(facts: Facts) -> bool:
    """Whether ``[tool.scopeguard]`` in the root pyproject.toml differs between base and head."""
    for f in facts.files:
        if PYPROJECT in (f.path, f.old_path):
            old, new = (tool_table(facts.text_of(b) or "") if b is not None else None for b in (f.old, f.new))
            return old != new
    return False
