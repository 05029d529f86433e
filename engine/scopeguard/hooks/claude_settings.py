"""The scopeguard hook in Claude Code's project settings (``.claude/settings.json``), merged in.

``hooks.<Event>`` is a list of matcher groups, each ``{"matcher": ..., "hooks": [{"type": "command",
"command": ..., "timeout": seconds}]}``; ``Stop`` and ``SubagentStop`` take no matcher. The merge keeps
everything the file holds, appends one group per event that has no scopeguard hook yet, and never
rewrites a file it has nothing to add to.

The ``PreToolUse`` command fails closed even when scopeguard cannot start at all (not installed, a
broken environment): Claude Code lets a tool run when a hook exits with an unexpected code, so any
non-zero exit is turned into exit 2, which denies the edit and shows the message to the agent. The stop
commands are not wrapped: a stop hook that always fails would keep the agent going for ever, and the
edits themselves are already held.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scopeguard.core.errors import Diagnostic, UserError

SETTINGS_PATH = ".claude/settings.json"
#: what identifies a hook command as scopeguard's, so that a second ``init`` adds nothing
MARKER = "hook claude-code"

_RUN = 'scopeguard --repo "${CLAUDE_PROJECT_DIR:-.}" hook claude-code'
PRE_TOOL_USE_COMMAND = (
    f"{_RUN} || {{ echo 'scopeguard could not run, so this edit is blocked: install scopeguard "
    "(pip install scopeguard) where Claude Code runs, or remove its hook from .claude/settings.json' >&2; "
    "exit 2; }"
)
STOP_COMMAND = _RUN
EDIT_MATCHER = "Write|Edit|MultiEdit|NotebookEdit"
#: seconds; an edit check takes well under one, a whole working tree a few
EDIT_TIMEOUT = 30
STOP_TIMEOUT = 120


def scopeguard_hooks() -> dict[str, list[dict[str, Any]]]:
    """The matcher groups ``init`` adds, by event."""
    return {
        "PreToolUse": [
            {
                "matcher": EDIT_MATCHER,
                "hooks": [{"type": "command", "command": PRE_TOOL_USE_COMMAND, "timeout": EDIT_TIMEOUT}],
            }
        ],
        "Stop": [{"hooks": [{"type": "command", "command": STOP_COMMAND, "timeout": STOP_TIMEOUT}]}],
        "SubagentStop": [{"hooks": [{"type": "command", "command": STOP_COMMAND, "timeout": STOP_TIMEOUT}]}],
    }


@dataclass(frozen=True, slots=True)
class MergedSettings:
    #: the new file text, or ``None`` when the file already has every hook
    text: str | None
    #: the events a scopeguard hook was added to
    added: tuple[str, ...]


def merge_settings(existing: str | None, path: str = SETTINGS_PATH) -> MergedSettings:
    """``existing`` settings (``None``: no file) with scopeguard's hooks added where they are missing.

    Invalid JSON, or a ``hooks`` value of the wrong shape, is a :class:`UserError` naming the place:
    the file is the user's, and guessing what they meant could lose their settings.
    """
    settings = _load(existing, path) if existing is not None and existing.strip() else {}
    hooks = settings.setdefault("hooks", {})
    if not isinstance(hooks, dict):
        raise UserError(
            diagnostics=[Diagnostic("'hooks' is not a JSON object", path, expected="an object of events")]
        )
    added = []
    for event, groups in scopeguard_hooks().items():
        present = hooks.setdefault(event, [])
        if not isinstance(present, list):
            raise UserError(
                diagnostics=[
                    Diagnostic(
                        f"'hooks.{event}' is not a JSON array", path, expected="a list of matcher groups"
                    )
                ]
            )
        if not any(_is_scopeguard(group) for group in present):
            present.extend(groups)
            added.append(event)
    if not added:
        return MergedSettings(None, ())
    indent = _indent(existing or "")
    return MergedSettings(json.dumps(settings, indent=indent, ensure_ascii=False) + "\n", tuple(added))


def _indent(text: str) -> str:
    """The indentation the file uses (two spaces for a new file), so a merge changes only what it adds."""
    for line in text.splitlines():
        stripped = line.lstrip(" \t")
        if stripped and stripped != line:
            return line[: len(line) - len(stripped)]
    return "  "


def _load(text: str, path: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = text.splitlines()
        source = lines[exc.lineno - 1] if 0 < exc.lineno <= len(lines) else None
        raise UserError(
            diagnostics=[
                Diagnostic(
                    f"invalid JSON: {exc.msg}",
                    path,
                    exc.lineno,
                    exc.colno,
                    source,
                    suggestion="fix the file (it was left unchanged) and run `scopeguard init` again",
                )
            ]
        ) from None
    if not isinstance(data, dict):
        raise UserError(diagnostics=[Diagnostic("the settings are not a JSON object", path, 1, 1)])
    return data


def _is_scopeguard(group: object) -> bool:
    if not isinstance(group, Mapping):
        return False
    hooks = group.get("hooks")
    if not isinstance(hooks, list):
        return False
    return any(
        isinstance(h, Mapping)
        and isinstance(h.get("command"), str)
        and "scopeguard" in h["command"]
        and MARKER in h["command"]
        for h in hooks
    )
