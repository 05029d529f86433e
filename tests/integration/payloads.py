"""Hook inputs as Claude Code sends them (the fields of its hooks reference), for the hook tests."""

from __future__ import annotations

import json
from typing import Any

SESSION = {
    "session_id": "5b1f0c1e-8a7d-4f3e-9c61-2f0d8f6a9e11",
    "transcript_path": "/home/dev/.claude/projects/-work-shop/5b1f0c1e-8a7d-4f3e-9c61-2f0d8f6a9e11.jsonl",
    "permission_mode": "default",
}


def pre_tool_use(cwd: str, tool: str, tool_input: dict[str, Any], agent_type: str | None = None) -> str:
    data: dict[str, Any] = {
        **SESSION,
        "cwd": cwd,
        "hook_event_name": "PreToolUse",
        "tool_name": tool,
        "tool_input": tool_input,
        "tool_use_id": "toolu_01ABCDEF",
    }
    if agent_type is not None:
        data.update(agent_id="a-7f3e", agent_type=agent_type)
    return json.dumps(data)


def write(cwd: str, path: str, content: str, agent_type: str | None = None) -> str:
    return pre_tool_use(cwd, "Write", {"file_path": path, "content": content}, agent_type)


def edit(
    cwd: str, path: str, old: str, new: str, replace_all: bool = False, agent_type: str | None = None
) -> str:
    tool_input = {"file_path": path, "old_string": old, "new_string": new, "replace_all": replace_all}
    return pre_tool_use(cwd, "Edit", tool_input, agent_type)


def stop(cwd: str, *, active: bool = False, subagent: str | None = None) -> str:
    data: dict[str, Any] = {**SESSION, "cwd": cwd, "stop_hook_active": active}
    if subagent is None:
        data["hook_event_name"] = "Stop"
    else:
        data.update(
            hook_event_name="SubagentStop",
            agent_id="a-7f3e",
            agent_type=subagent,
            agent_transcript_path="/home/dev/.claude/projects/-work-shop/subagents/agent-a-7f3e.jsonl",
        )
    data["last_assistant_message"] = "Done: the handler is in place."
    return json.dumps(data)
