"""``scopeguard hook claude-code``: the agent's rules, held while it writes and when it stops.

``PreToolUse`` of ``Write``, ``Edit``, ``MultiEdit`` or ``NotebookEdit``: the file the tool would leave
is rebuilt and checked as a one-file change against HEAD (incrementally: ``require`` and change-wide
``limit`` rules wait for the end); a finding at or above ``fail-on`` denies the edit with a reason
written for the agent. ``Stop`` / ``SubagentStop``: the whole working tree is checked against HEAD —
so files written around the edit tools (a shell command) are caught — and a violation blocks the stop.

Decisions this module makes, so that they are made once:

- It fails closed. Unreadable input, a missing field, a relative path with no ``cwd`` to resolve it,
  a missing repository, a bad policy or any exception deny the edit (or block the stop) with the
  problem as the reason — always on stdout with exit 0, which Claude Code reads.
- It lets alone what it cannot judge: another tool or event, a file outside the repository, and an
  edit the tool itself will refuse (``old_string`` not found or not unique, no such notebook cell).
  Such an edit writes nothing, and the tool tells the agent why in its own words; a denial would
  only send the agent after a problem that is not there.
- Writes inside ``.git/`` are denied: they would change hooks and history that the checks rely on.
- The agent is ``agent_type`` when the repository defines an agent of that name; a subagent it does
  not define (Claude Code's own ``general-purpose``, a user's personal agent) and the main agent get
  ``default-agent`` from the configuration, else every rule of every policy.
- ``stop_hook_active``: the agent was already sent back once by a stop hook. Blocking again could
  loop for ever, so the stop is let through and the remaining findings are shown to the user instead
  (``systemMessage``); pre-commit and CI still hold the line.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

from scopeguard.core.errors import UserError
from scopeguard.core.model import ChangeSet, Finding, Report, Severity
from scopeguard.hooks.claude_code import (
    HookInputError,
    NotChecked,
    StopCheck,
    ToolUse,
    block,
    deny,
    parse_hook_input,
    render_answer,
    tell_user,
)
from scopeguard.hooks.edits import ToolWouldFail, proposed_content
from scopeguard.hooks.reasons import findings_reason
from scopeguard.sources.repository import Repository
from scopeguard.usecases.check import CheckResult, check_changeset
from scopeguard.usecases.context import Workspace, load_workspace, policy_set

_FAIL_ON_RANK = {"info": 1, "warning": 2, "error": 3}
_RETHINK = "If a rule looks wrong, tell the user instead of working around it."


def run_claude_code_hook(stdin: TextIO, stdout: TextIO, *, repo: str | None) -> int:
    """Answer one hook call: JSON on stdout when the tool is denied or the stop blocked; always exit 0."""
    answer = _answer(_read(stdin), repo)
    if answer is not None:
        stdout.write(render_answer(answer))
        stdout.flush()
    return 0


def _read(stdin: TextIO) -> str:
    """The input as UTF-8 (what Claude Code writes), whatever the locale; bad bytes become U+FFFD."""
    buffer = getattr(stdin, "buffer", None)
    if buffer is None:
        return stdin.read()
    data: bytes = buffer.read()
    return data.decode("utf-8", errors="replace")


def _answer(text: str, repo: str | None) -> dict[str, Any] | None:
    try:
        event = parse_hook_input(text)
    except HookInputError as exc:
        return _refusal(exc.event, False, f"scopeguard could not read the hook input: {exc}")
    if isinstance(event, NotChecked):
        return None
    stop_active = isinstance(event, StopCheck) and event.stop_hook_active
    name = event.event if isinstance(event, StopCheck) else "PreToolUse"
    try:
        if isinstance(event, ToolUse):
            return _check_edit(event, repo)
        return _check_stop(event, repo)
    except UserError as exc:
        return _refusal(name, stop_active, f"scopeguard could not check this: {exc.render()}")
    except Exception as exc:  # fail closed: an unexpected error must not let the change through
        return _refusal(
            name,
            stop_active,
            f"scopeguard failed with an internal error ({type(exc).__name__}: {exc}), so the change "
            "could not be checked. Tell the user; it is a bug in scopeguard.",
        )


def _refusal(event: str | None, stop_active: bool, reason: str) -> dict[str, Any]:
    """The fail-closed answer in the form of ``event`` (a denial when the event is not known)."""
    if event in ("Stop", "SubagentStop"):
        return tell_user(reason) if stop_active else block(reason)
    return deny(reason)


# --- PreToolUse ----------------------------------------------------------------------------------


def _check_edit(event: ToolUse, repo: str | None) -> dict[str, Any] | None:
    repository = Repository.open(repo or event.cwd)
    path = _repository_path(repository.root, event.cwd, event.file_path)
    if path is None:
        return None
    if path == ".git" or path.startswith(".git/"):
        return deny(
            f"scopeguard denied this {event.tool_name}: {path} is inside .git/, which holds the hooks and "
            "history that the checks rely on. Leave .git/ alone; change files of the working tree instead."
        )
    current = repository.read_worktree(path)
    try:
        proposed = proposed_content(event.edit, current)
    except ToolWouldFail:
        return None
    if proposed == current:
        return None
    changeset = repository.proposed_change(path, proposed)
    result, failing = _check(repository, changeset, event.agent_type, incremental=True)
    if not failing:
        return None
    which = "this rule holds" if len(failing) == 1 else "these rules hold"
    return deny(
        _reason(
            result,
            failing,
            f"scopeguard denied this {event.tool_name} of {path}: the edit {_breaks(failing, result.report)}",
            f"Change the edit so that {which}. {_RETHINK}",
        )
    )


def _repository_path(root: Path, cwd: str | None, file_path: str) -> str | None:
    """``file_path`` relative to the repository root, with ``/``; ``None`` when it is outside.

    Paths are compared as written first, then with symbolic links resolved (a repository reached
    through a link, such as ``/tmp`` on macOS). A relative path needs the input's ``cwd``.
    """
    given = Path(file_path)
    if not given.is_absolute():
        if not cwd:
            raise UserError(
                f"the file path '{file_path}' is relative and the hook input has no 'cwd' to resolve it"
            )
        given = Path(cwd) / given
    candidates = (
        (Path(os.path.normpath(given)), Path(os.path.normpath(root))),
        (Path(os.path.realpath(given)), Path(os.path.realpath(root))),
    )
    for target, base in candidates:
        try:
            rel = target.relative_to(base)
        except ValueError:
            continue
        return PurePosixPath(*rel.parts).as_posix() if rel.parts else None
    return None


# --- Stop / SubagentStop -------------------------------------------------------------------------


def _check_stop(event: StopCheck, repo: str | None) -> dict[str, Any] | None:
    repository = Repository.open(repo or event.cwd)
    result, failing = _check(repository, repository.changes(None), event.agent_type, incremental=False)
    if not failing:
        return None
    headline = f"scopeguard: the change in the working tree {_breaks(failing, result.report)}"
    if event.stop_hook_active:
        closing = "The agent was asked once to fix this and stopped anyway; review it with `scopeguard diff`."
        return tell_user(_reason(result, failing, headline, closing))
    closing = (
        "Fix this before you finish: the whole working tree is checked, files written by shell commands "
        f"included. {_RETHINK}"
    )
    return block(_reason(result, failing, headline, closing))


# --- shared --------------------------------------------------------------------------------------


def _check(
    repository: Repository, changeset: ChangeSet, agent_type: str | None, *, incremental: bool
) -> tuple[CheckResult, list[Finding]]:
    """Check ``changeset`` under the agent the input names; the result and its findings at or above
    the configured ``fail-on``."""
    agent, workspace = _agent(repository, changeset.base, agent_type)
    result = check_changeset(
        repository,
        changeset,
        ref=changeset.base,
        agent=agent,
        incremental=incremental,
        workspace=workspace,
        agent_named_by=_named_by(agent, agent_type, workspace),
    )
    return result, _failing(result)


def _agent(
    repository: Repository, ref: str | None, agent_type: str | None
) -> tuple[str | None, Workspace | None]:
    """The agent: ``agent_type`` when the repository defines it, else ``default-agent``, else none;
    and the workspace read to decide it (the check reuses it).

    A ``default-agent`` that names no agent is kept, so that the check reports the mistake.
    """
    if ref is None:
        return None, None
    workspace = load_workspace(repository, ref)
    if agent_type:
        if agent_type in policy_set(workspace).agents:
            return agent_type, workspace
        from scopeguard.usecases.agents import find_agent  # the agent reader, only when an agent is named

        if find_agent(workspace, agent_type) is not None:
            return agent_type, workspace
    return workspace.config.default_agent, workspace


def _named_by(agent: str | None, agent_type: str | None, workspace: Workspace | None) -> str:
    """Where the agent came from: the input's ``agent_type``, or the configuration's ``default-agent``."""
    if agent is not None and agent == agent_type:
        return "the hook input's agent_type"
    source = workspace.config.source if workspace is not None else None
    return f"'default-agent' in {source}" if source else "'default-agent'"


def _reason(result: CheckResult, failing: Sequence[Finding], headline: str, closing: str) -> str:
    return findings_reason(
        headline, failing, result.report.rules, closing=closing, with_message=_with_message(result)
    )


def _with_message(result: CheckResult) -> frozenset[str]:
    """Ids of the applied rules that have their own ``message``, which says what to do instead."""
    return frozenset(rule.id for rule in result.report.rules if rule.message)


def _failing(result: CheckResult) -> list[Finding]:
    threshold = result.workspace.config.fail_on
    if threshold == "never":
        return []
    rank = _FAIL_ON_RANK[threshold]
    return [f for f in result.report.findings if f.severity.rank >= rank]


def _breaks(failing: Sequence[Finding], report: Report) -> str:
    errors = sum(1 for f in failing if f.severity is Severity.ERROR)
    count = f"{len(failing)} finding{'s' if len(failing) > 1 else ''}"
    if errors != len(failing):
        count += f" ({errors} error{'s' if errors != 1 else ''})"
    whose = f"the rules of the agent '{report.agent}'" if report.agent else "the repository's policies"
    return f"breaks {whose}: {count}."
