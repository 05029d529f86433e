"""``scopeguard compile``: agent files into policy, and for every rule sentence what became of it.

Inside a git repository the vocabulary is the built-in one plus the repository's policies (working
tree), so a repository's ``aka "tabularium types"`` makes its agents' sentences enforceable; outside
one, the built-ins alone. Agent paths on the command line are relative to the repository (or the
current directory outside one); with none given, every agent file the configuration's globs find is
compiled. ``--strict`` exits 1 while any sentence is not understood.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from scopeguard.agents.compiler import ACKNOWLEDGED, ENFORCED, NOT_UNDERSTOOD, CompiledAgent, compile_agent
from scopeguard.agents.reader import read_agent_file
from scopeguard.core.errors import UserError
from scopeguard.sources.repository import Repository
from scopeguard.usecases.context import Workspace, load_workspace, open_repository, policy_set

EXIT_OK = 0
EXIT_NOT_UNDERSTOOD = 1


def run_compile(paths: Sequence[str], *, repo: str | None, format: str, strict: bool) -> tuple[str, int]:
    """The compile output (text or JSON) for ``paths`` and the exit code."""
    compiled = compile_files(paths, repo=repo)
    text = render_json(compiled, several=len(paths) != 1) if format == "json" else render_text(compiled)
    failing = strict and any(c.not_understood for c in compiled)
    return text, EXIT_NOT_UNDERSTOOD if failing else EXIT_OK


def compile_files(paths: Sequence[str], *, repo: str | None) -> list[CompiledAgent]:
    """Each named agent file (or every configured one) compiled with the workspace's vocabulary."""
    repository = open_repository(repo, required=repo is not None)
    workspace = load_workspace(repository, None)
    policies = policy_set(workspace)
    if paths:
        files = [_read(workspace, given) for given in paths]
    elif repository is None:
        raise UserError(
            "no agent file given, and not inside a git repository: name the agent files to compile "
            "(scopeguard compile .claude/agents/x.md)"
        )
    else:
        files = sorted(workspace.agent_files.items())
        if not files:
            globs = ", ".join(workspace.config.agents)
            raise UserError(f"no agent files found in the working tree (looked for {globs})")
    return [compile_agent(read_agent_file(path, data), policies) for path, data in files]


def _read(workspace: Workspace, given: str) -> tuple[str, bytes]:
    """An agent file named on the command line: ``(display path, bytes)``."""
    from scopeguard.sources.files import read_file

    repository = workspace.repository
    if repository is not None:
        inside = _inside(repository, given)
        if inside is not None:
            data = repository.read_worktree(inside)
            if data is not None:
                return inside, data
        if not Path(given).is_absolute() and not Path(given).exists():
            return given, read_file(repository.root / given, what="agent file")
    return given, read_file(given, what="agent file")


def _inside(repository: Repository, given: str) -> str | None:
    """``given`` as a repository-relative path when it names a file in the repository."""
    path = Path(given)
    candidates = [path] if path.is_absolute() else [repository.root / path, Path.cwd() / path]
    for candidate in candidates:
        try:
            relative = candidate.resolve().relative_to(repository.root)
        except (ValueError, OSError):
            continue
        if candidate.is_file():
            return PurePosixPath(relative).as_posix()
    return None


# --- output ------------------------------------------------------------------------------------------

_STATUS_WORDS = {ENFORCED: "enforced", ACKNOWLEDGED: "acknowledged", NOT_UNDERSTOOD: "not understood"}


def render_text(compiled: Sequence[CompiledAgent]) -> str:
    """Per file: each rule sentence with its status, category and rules or reason; then the policy."""
    out: list[str] = []
    for agent in compiled:
        out.append(f"{agent.agent.path}: agent {agent.agent.name}")
        width = max((len(str(s.line)) for s in agent.sentences), default=1)
        for s in agent.sentences:
            where = f"{s.line}" if s.end_line == s.line else f"{s.line}-{s.end_line}"
            out.append(
                f"  {where:>{width}}  {_STATUS_WORDS[s.status]:<14}  {s.category:<21}  {_one_line(s.text)}"
            )
            pad = " " * (width + 4)
            for rule in s.rules:
                out.append(f"{pad}-> {rule}")
            if s.reason:
                label = "why" if s.status == NOT_UNDERSTOOD else "note"
                out.append(f"{pad}{label}: {s.reason}")
        counts = {status: sum(1 for s in agent.sentences if s.status == status) for status in _STATUS_WORDS}
        out.append(
            f"  {len(agent.sentences)} rule sentences: {counts[ENFORCED]} enforced, {counts[ACKNOWLEDGED]} "
            f"acknowledged, {counts[NOT_UNDERSTOOD]} not understood"
        )
        out.append("")
        out.append(f"# compiled policy of {agent.agent.path}")
        out.append(agent.policy_text().rstrip("\n"))
        out.append("")
    return "\n".join(out)


def _one_line(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def render_json(compiled: Sequence[CompiledAgent], *, several: bool) -> str:
    """The DESIGN §6 document for each file (a list when several files were asked for)."""
    from scopeguard.report.documents import AgentEntry, CompileDocument, SentenceEntry, to_json

    documents = [
        CompileDocument(
            schema_version=1,
            agent=AgentEntry(
                name=c.agent.name, path=c.agent.path, tools=list(c.agent.tools), model=c.agent.model
            ),
            sentences=[
                SentenceEntry(
                    line=s.line,
                    end_line=s.end_line,
                    text=s.text,
                    status=s.status,  # type: ignore[arg-type]
                    category=s.category,  # type: ignore[arg-type]
                    rules=list(s.rules),
                    reason=s.reason,
                )
                for s in c.sentences
            ],
            policy=c.policy_text(),
        )
        for c in compiled
    ]
    if several or len(documents) != 1:
        return to_json(documents)
    return to_json(documents[0])
