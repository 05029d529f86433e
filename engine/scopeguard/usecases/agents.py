"""Finding an agent by name among the repository's agent files, and compiling it on the fly."""

from __future__ import annotations

from pathlib import PurePosixPath

from scopeguard.agents.reader import AgentFile, policy_name, read_agent_file
from scopeguard.core import cache as disk_cache
from scopeguard.core.errors import Diagnostic, UserError
from scopeguard.policy.ast import PolicyFile
from scopeguard.policy.resolve import PolicySet
from scopeguard.usecases.context import Workspace


def agent_files(workspace: Workspace) -> list[AgentFile]:
    return [read_agent_file(path, data) for path, data in sorted(workspace.agent_files.items())]


def agent_names(workspace: Workspace) -> list[str]:
    """The names the repository's agent files give their agents (``--agent`` takes any of them)."""
    return [agent.name for agent in agent_files(workspace)]


def find_agent(workspace: Workspace, name: str) -> AgentFile | None:
    """The agent file whose frontmatter ``name`` (or, without one, file stem) is ``name``, written as
    the frontmatter writes it or as policies do."""
    wanted = {name, policy_name(name)}
    files = agent_files(workspace)
    named = [agent for agent in files if agent.name in wanted]
    if len(named) > 1:
        paths = ", ".join(agent.path for agent in named)
        raise UserError(
            diagnostics=[
                Diagnostic(
                    f"{len(named)} agent files define the agent '{named[0].name}': {paths}",
                    named[1].path,
                    suggestion="give each agent file a name of its own (its frontmatter 'name')",
                )
            ]
        )
    if named:
        return named[0]
    for agent in files:
        if PurePosixPath(agent.path).stem == name:
            return agent
    return None


def compiled_agent_policy(
    workspace: Workspace, policies: PolicySet, name: str
) -> tuple[PolicyFile, str] | None:
    """The agent file named ``name`` compiled into rules and an agent block, and the agent's name.

    Compiling is deterministic, so the result is cached under the agent file's bytes and the policy
    texts it was compiled with (every hook call of a session compiles the same agent).
    """
    agent = find_agent(workspace, name)
    if agent is None:
        return None
    entry = ""
    if policies.source_key:
        entry = disk_cache.key(
            "agent",
            disk_cache.source_fingerprint("agents"),
            agent.path,
            workspace.agent_files[agent.path],
            policies.source_key,
        )
        cached = disk_cache.load("agents", entry)
        if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], PolicyFile):
            return cached[0], str(cached[1])
    from scopeguard.agents.compiler import compile_agent

    compiled = compile_agent(agent, policies)
    result = PolicyFile(agent.path, (*compiled.rules, compiled.block)), compiled.block.name
    if entry:
        disk_cache.store("agents", entry, result)
    return result
