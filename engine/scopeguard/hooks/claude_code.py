"""Claude Code's hook protocol: the JSON it sends on stdin, and the JSON answers it reads on stdout.

Input (every event): ``session_id``, ``transcript_path``, ``cwd``, ``hook_event_name``, and inside a
subagent ``agent_id`` / ``agent_type``. ``PreToolUse`` adds ``tool_name``, ``tool_use_id`` and
``tool_input``, whose fields depend on the tool:

- ``Write``: ``file_path``, ``content``
- ``Edit``: ``file_path``, ``old_string``, ``new_string``, ``replace_all``
- ``MultiEdit``: ``file_path``, ``edits`` (a list of ``old_string`` / ``new_string`` / ``replace_all``)
- ``NotebookEdit``: ``notebook_path``, ``new_source``, ``cell_id``, ``cell_type``, ``edit_mode``

``Stop`` and ``SubagentStop`` add ``stop_hook_active``: true when the agent is already going on because a
stop hook blocked it once. Answers: a ``PreToolUse`` denial is ``hookSpecificOutput`` with
``permissionDecision: "deny"`` and a reason the agent reads; a stop is blocked with
``{"decision": "block", "reason": ...}``; ``systemMessage`` is shown to the user. Printing nothing
lets the tool run or the agent stop.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scopeguard.hooks.edits import (
    CellType,
    EditFile,
    EditMode,
    NotebookCellEdit,
    Replacement,
    ToolEdit,
    WriteFile,
)

PRE_TOOL_USE = "PreToolUse"
STOP_EVENTS = ("Stop", "SubagentStop")
#: the tools that change a file, as Claude Code names them (MultiEdit: older versions)
EDIT_TOOLS = ("Write", "Edit", "MultiEdit", "NotebookEdit")

_EDIT_MODES: dict[str, EditMode] = {"replace": "replace", "insert": "insert", "delete": "delete"}
_CELL_TYPES: dict[str, CellType] = {"code": "code", "markdown": "markdown"}


class HookInputError(Exception):
    """The hook's input is not what Claude Code sends; the message names the field.

    ``event`` is the ``hook_event_name`` when it could be read, so that the answer has that event's form.
    """

    def __init__(self, message: str, event: str | None = None) -> None:
        super().__init__(message)
        self.event = event


@dataclass(frozen=True, slots=True)
class ToolUse:
    """A ``PreToolUse`` of an edit tool: which file, and the edit to redo on it."""

    tool_name: str
    file_path: str
    edit: ToolEdit
    cwd: str | None
    agent_type: str | None


@dataclass(frozen=True, slots=True)
class StopCheck:
    """``Stop`` or ``SubagentStop``: the whole working tree is checked before the agent may stop."""

    event: str
    cwd: str | None
    agent_type: str | None
    stop_hook_active: bool


@dataclass(frozen=True, slots=True)
class NotChecked:
    """An event or a tool the hook has no business with (``Read``, ``Bash``, ``PostToolUse``, ...)."""

    event: str


HookEvent = ToolUse | StopCheck | NotChecked


# --- input ---------------------------------------------------------------------------------------


def parse_hook_input(text: str) -> HookEvent:
    """The event in the hook's stdin; :class:`HookInputError` when it is not a valid hook input."""
    data = _object(text)
    event = _string(data, "hook_event_name")
    try:
        return _event(data, event)
    except HookInputError as exc:
        raise HookInputError(str(exc), event) from None


def _object(text: str) -> dict[str, Any]:
    text = text.removeprefix("\ufeff")  # a byte order mark some shells put before what they pipe
    if not text.strip():
        raise HookInputError("the hook input is empty (expected a JSON object on stdin)")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise HookInputError(f"the hook input is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise HookInputError(f"the hook input is a JSON {_json_type(data)}, not an object")
    return data


def _event(data: dict[str, Any], event: str) -> HookEvent:
    cwd = _optional_string(data, "cwd")
    agent_type = _optional_string(data, "agent_type") or None
    if event in STOP_EVENTS:
        active = data.get("stop_hook_active", False)
        if not isinstance(active, bool):
            raise HookInputError(f"'stop_hook_active' is a {_json_type(active)}, expected true or false")
        return StopCheck(event, cwd, agent_type, active)
    if event != PRE_TOOL_USE:
        return NotChecked(event)
    tool = _string(data, "tool_name")
    if tool not in EDIT_TOOLS:
        return NotChecked(event)
    tool_input = data.get("tool_input")
    if not isinstance(tool_input, dict):
        raise HookInputError(f"'tool_input' of {tool} is missing or not an object")
    where = f"tool_input of {tool}"
    if tool == "NotebookEdit":
        return ToolUse(
            tool, _string(tool_input, "notebook_path", where), _notebook(tool_input), cwd, agent_type
        )
    path = _string(tool_input, "file_path", where)
    if tool == "Write":
        return ToolUse(tool, path, WriteFile(_string(tool_input, "content", where)), cwd, agent_type)
    if tool == "Edit":
        return ToolUse(tool, path, EditFile((_replacement(tool_input, where),)), cwd, agent_type)
    edits = tool_input.get("edits")
    if not isinstance(edits, list) or not edits:
        raise HookInputError(f"'edits' in {where} is missing, empty or not a list")
    replacements = []
    for i, item in enumerate(edits):
        if not isinstance(item, dict):
            raise HookInputError(f"edits[{i}] in {where} is not an object")
        replacements.append(_replacement(item, f"edits[{i}] of {where}"))
    return ToolUse(tool, path, EditFile(tuple(replacements)), cwd, agent_type)


def _replacement(data: Mapping[str, Any], where: str) -> Replacement:
    replace_all = data.get("replace_all", False)
    if not isinstance(replace_all, bool):
        raise HookInputError(
            f"'replace_all' in {where} is a {_json_type(replace_all)}, expected true or false"
        )
    return Replacement(_string(data, "old_string", where), _string(data, "new_string", where), replace_all)


def _notebook(data: Mapping[str, Any]) -> NotebookCellEdit:
    where = "tool_input of NotebookEdit"
    mode = data.get("edit_mode") or "replace"
    if not isinstance(mode, str) or mode not in _EDIT_MODES:
        raise HookInputError(f"'edit_mode' in {where} is {mode!r}, expected replace, insert or delete")
    cell_type = data.get("cell_type") or None
    if cell_type is not None and (not isinstance(cell_type, str) or cell_type not in _CELL_TYPES):
        raise HookInputError(f"'cell_type' in {where} is {cell_type!r}, expected code or markdown")
    # a deletion may come without a source
    source = (
        _optional_string(data, "new_source", where)
        if mode == "delete"
        else _string(data, "new_source", where)
    )
    kind = None if cell_type is None else _CELL_TYPES[cell_type]
    return NotebookCellEdit(source or "", _optional_string(data, "cell_id", where), kind, _EDIT_MODES[mode])


def _string(data: Mapping[str, Any], key: str, where: str = "the hook input") -> str:
    value = data.get(key)
    if value is None:
        raise HookInputError(f"'{key}' is missing from {where}")
    if not isinstance(value, str):
        raise HookInputError(f"'{key}' in {where} is a {_json_type(value)}, expected a string")
    return value


def _optional_string(data: Mapping[str, Any], key: str, where: str = "the hook input") -> str | None:
    return None if data.get(key) is None else _string(data, key, where)


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


# --- answers -------------------------------------------------------------------------------------


def deny(reason: str) -> dict[str, Any]:
    """A ``PreToolUse`` answer that stops the tool; the agent reads ``reason``."""
    return {
        "hookSpecificOutput": {
            "hookEventName": PRE_TOOL_USE,
            "permissionDecision": "deny",
            "permissionDecisionReason": reason,
        }
    }


def block(reason: str) -> dict[str, Any]:
    """A ``Stop`` / ``SubagentStop`` answer that keeps the agent going, with ``reason`` as its instruction."""
    return {"decision": "block", "reason": reason}


def tell_user(message: str) -> dict[str, Any]:
    """An answer that lets the agent stop and shows ``message`` to the user."""
    return {"systemMessage": message}


def render_answer(answer: Mapping[str, Any]) -> str:
    """The answer as one line of ASCII JSON: it survives any stdout encoding, and Claude Code reads it."""
    return json.dumps(answer, ensure_ascii=True, sort_keys=True) + "\n"
