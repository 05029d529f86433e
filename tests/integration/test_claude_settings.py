"""Merging scopeguard's hooks into Claude Code's project settings."""

from __future__ import annotations

import json

import pytest

from scopeguard.core.errors import UserError
from scopeguard.hooks.claude_settings import (
    EDIT_MATCHER,
    PRE_TOOL_USE_COMMAND,
    STOP_COMMAND,
    merge_settings,
    scopeguard_hooks,
)


def test_new_settings_hold_the_three_hooks() -> None:
    merged = merge_settings(None)
    assert merged.added == ("PreToolUse", "Stop", "SubagentStop")
    assert merged.text is not None
    assert json.loads(merged.text) == {"hooks": scopeguard_hooks()}
    pre = json.loads(merged.text)["hooks"]["PreToolUse"][0]
    assert pre["matcher"] == EDIT_MATCHER == "Write|Edit|MultiEdit|NotebookEdit"
    assert pre["hooks"] == [{"type": "command", "command": PRE_TOOL_USE_COMMAND, "timeout": 30}]


def test_existing_settings_are_kept_and_hooks_appended() -> None:
    existing = {
        "permissions": {"allow": ["Bash(npm test:*)"]},
        "model": "opus",
        "hooks": {
            "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./guard.sh"}]}],
            "PostToolUse": [{"matcher": "Write", "hooks": [{"type": "command", "command": "prettier"}]}],
        },
    }
    merged = merge_settings(json.dumps(existing))
    assert merged.text is not None
    data = json.loads(merged.text)
    assert data["permissions"] == existing["permissions"]
    assert data["model"] == "opus"
    assert data["hooks"]["PostToolUse"] == existing["hooks"]["PostToolUse"]  # type: ignore[index]
    assert data["hooks"]["PreToolUse"] == [
        existing["hooks"]["PreToolUse"][0],  # type: ignore[index]
        scopeguard_hooks()["PreToolUse"][0],
    ]
    assert data["hooks"]["Stop"][0]["hooks"][0]["command"] == STOP_COMMAND
    assert list(data) == ["permissions", "model", "hooks"]


def test_merging_twice_adds_nothing() -> None:
    once = merge_settings('{"env": {"A": "1"}}').text
    assert once is not None
    again = merge_settings(once)
    assert again.text is None
    assert again.added == ()


def test_only_missing_events_are_added() -> None:
    partial = {
        "hooks": {"Stop": [{"hooks": [{"type": "command", "command": "scopeguard hook claude-code"}]}]}
    }
    merged = merge_settings(json.dumps(partial))
    assert merged.added == ("PreToolUse", "SubagentStop")


def test_invalid_json_names_line_and_column() -> None:
    with pytest.raises(UserError) as caught:
        merge_settings('{\n  "hooks": {\n    "Stop": [,]\n  }\n}\n')
    assert caught.value.render() == (
        ".claude/settings.json:3:14: error: invalid JSON: Expecting value\n"
        '     3 |     "Stop": [,]\n'
        "       |              ^\n"
        "  fix the file (it was left unchanged) and run `scopeguard init` again"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "the settings are not a JSON object"),
        ('{"hooks": []}', "'hooks' is not a JSON object"),
        ('{"hooks": {"Stop": {}}}', "'hooks.Stop' is not a JSON array"),
    ],
)
def test_settings_of_the_wrong_shape_are_refused(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        merge_settings(text)


def test_the_edit_hook_fails_closed_when_scopeguard_cannot_start() -> None:
    # Claude Code lets the tool run on an unexpected exit code; exit 2 denies it and shows stderr
    assert PRE_TOOL_USE_COMMAND.startswith(
        'scopeguard --repo "${CLAUDE_PROJECT_DIR:-.}" hook claude-code || {'
    )
    assert PRE_TOOL_USE_COMMAND.endswith(">&2; exit 2; }")
    assert STOP_COMMAND == 'scopeguard --repo "${CLAUDE_PROJECT_DIR:-.}" hook claude-code'
