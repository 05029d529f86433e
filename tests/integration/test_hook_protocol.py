"""Reading Claude Code's hook input, and the answers and reasons the hook writes back."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scopeguard.core.model import Finding, Location, Provenance, RuleInfo, Severity, Span
from scopeguard.hooks.claude_code import (
    HookInputError,
    NotChecked,
    StopCheck,
    ToolUse,
    block,
    deny,
    parse_hook_input,
    render_answer,
)
from scopeguard.hooks.edits import EditFile, NotebookCellEdit, Replacement, WriteFile
from scopeguard.hooks.reasons import MAX_SHOWN, advice, findings_reason
from tests.integration import payloads


def test_write_input() -> None:
    event = parse_hook_input(payloads.write("/work/shop", "/work/shop/a.py", "x = 1\n"))
    assert event == ToolUse("Write", "/work/shop/a.py", WriteFile("x = 1\n"), "/work/shop", None)


def test_input_with_a_byte_order_mark_is_read() -> None:
    """A shell on Windows may put a BOM before what it pipes; it is not part of the JSON."""
    event = parse_hook_input("\ufeff" + payloads.write("/work/shop", "/work/shop/a.py", "x = 1\n"))
    assert event == ToolUse("Write", "/work/shop/a.py", WriteFile("x = 1\n"), "/work/shop", None)


def test_edit_input_in_a_subagent() -> None:
    text = payloads.edit(
        "/w", "/w/a.py", "x", "y", replace_all=True, agent_type="backend-feature-implementer"
    )
    event = parse_hook_input(text)
    assert event == ToolUse(
        "Edit", "/w/a.py", EditFile((Replacement("x", "y", True),)), "/w", "backend-feature-implementer"
    )


def test_multi_edit_input() -> None:
    edits = [
        {"old_string": "a", "new_string": "b"},
        {"old_string": "c", "new_string": "d", "replace_all": True},
    ]
    event = parse_hook_input(
        payloads.pre_tool_use("/w", "MultiEdit", {"file_path": "/w/a.py", "edits": edits})
    )
    assert isinstance(event, ToolUse)
    assert event.edit == EditFile((Replacement("a", "b"), Replacement("c", "d", True)))


def test_notebook_edit_input() -> None:
    tool_input = {
        "notebook_path": "/w/n.ipynb",
        "cell_id": "c1",
        "new_source": "x",
        "cell_type": "code",
        "edit_mode": "insert",
    }
    event = parse_hook_input(payloads.pre_tool_use("/w", "NotebookEdit", tool_input))
    assert event == ToolUse(
        "NotebookEdit", "/w/n.ipynb", NotebookCellEdit("x", "c1", "code", "insert"), "/w", None
    )


def test_stop_inputs() -> None:
    assert parse_hook_input(payloads.stop("/w")) == StopCheck("Stop", "/w", None, False)
    assert parse_hook_input(payloads.stop("/w", active=True, subagent="reviewer")) == StopCheck(
        "SubagentStop", "/w", "reviewer", True
    )


def test_tools_and_events_the_hook_does_not_check() -> None:
    assert parse_hook_input(payloads.pre_tool_use("/w", "Bash", {"command": "ls"})) == NotChecked(
        "PreToolUse"
    )
    assert parse_hook_input(payloads.pre_tool_use("/w", "Read", {"file_path": "/w/a"})) == NotChecked(
        "PreToolUse"
    )
    post = json.dumps({"hook_event_name": "PostToolUse", "tool_name": "Write", "tool_input": {}})
    assert parse_hook_input(post) == NotChecked("PostToolUse")


@pytest.mark.parametrize(
    ("text", "message", "event"),
    [
        ("", "the hook input is empty", None),
        ("{not json", "the hook input is not JSON: Expecting property name", None),
        ("[1]", "the hook input is a JSON array, not an object", None),
        ('{"tool_name": "Write"}', "'hook_event_name' is missing from the hook input", None),
        (
            '{"hook_event_name": "PreToolUse", "tool_name": "Write"}',
            "'tool_input' of Write is missing",
            "PreToolUse",
        ),
        (
            '{"hook_event_name": "PreToolUse", "tool_name": "Write", "tool_input": {"file_path": "/a"}}',
            "'content' is missing from tool_input of Write",
            "PreToolUse",
        ),
        (
            '{"hook_event_name": "PreToolUse", "tool_name": "Edit", "tool_input": '
            '{"file_path": "/a", "old_string": 1, "new_string": "x"}}',
            "'old_string' in tool_input of Edit is a number, expected a string",
            "PreToolUse",
        ),
        (
            '{"hook_event_name": "PreToolUse", "tool_name": "MultiEdit", '
            '"tool_input": {"file_path": "/a", "edits": []}}',
            "'edits' in tool_input of MultiEdit is missing, empty or not a list",
            "PreToolUse",
        ),
        ('{"hook_event_name": "Stop", "stop_hook_active": "yes"}', "'stop_hook_active' is a string", "Stop"),
    ],
)
def test_malformed_inputs_name_the_problem(text: str, message: str, event: str | None) -> None:
    with pytest.raises(HookInputError) as caught:
        parse_hook_input(text)
    assert str(caught.value).startswith(message)
    assert caught.value.event == event


def test_answers_are_claude_codes_json() -> None:
    assert json.loads(render_answer(deny("no"))) == {
        "hookSpecificOutput": {
            "hookEventName": "PreToolUse",
            "permissionDecision": "deny",
            "permissionDecisionReason": "no",
        }
    }
    assert json.loads(render_answer(block("fix it"))) == {"decision": "block", "reason": "fix it"}


SENTENCE = Provenance(
    "agents/backend-feature-implementer.md", 21, "NEVER create new tabularium types - only use existing ones"
)


def finding(rule: str, line: int, message: str, *, kind: str = "class", change: str = "added") -> Finding:
    return Finding(
        rule,
        Severity.ERROR,
        message,
        Location("pkg/model/model/widget.go", Span(line, 1)),
        change=change,
        element_kind=kind,
        element_name="Widget",
        source=SENTENCE,  # type: ignore[arg-type]
    )


def test_reason_names_rule_place_message_sentence_and_what_to_do() -> None:
    f = finding("no-new-tabularium-types", 5, "added class Widget is forbidden")
    rules = [RuleInfo("no-new-tabularium-types", Severity.ERROR, "forbid added tabularium_type", SENTENCE)]
    assert findings_reason("Head.", [f], rules, closing="Close.") == (
        "Head.\n\n"
        "1. [no-new-tabularium-types] at pkg/model/model/widget.go:5: added class Widget is forbidden\n"
        '   It enforces "NEVER create new tabularium types - only use existing ones" '
        "(agents/backend-feature-implementer.md:21).\n"
        "   Instead: reuse or extend an existing type instead of adding one.\n\n"
        "Close."
    )


def test_a_rules_own_message_is_its_advice() -> None:
    f = finding("no-new-tabularium-types", 5, "create no new tabularium type (Widget); extend or reuse one")
    info = RuleInfo("no-new-tabularium-types", Severity.ERROR, "forbid added tabularium_type")
    assert advice(f, info.description, has_message=True) is None
    assert "Instead" not in findings_reason("H.", [f], [info], closing="C.", with_message={info.id})
    assert "Instead: reuse or extend" in findings_reason("H.", [f], [info], closing="C.")


def test_advice_for_built_in_rules_and_changes() -> None:
    assert advice(finding("protected-path", 1, "m", kind="file", change="modified"), None) == (
        "leave this file unchanged; it is protected for this agent."
    )
    assert advice(finding("r", 1, "m", kind="function", change="removed"), "forbid removed public_api") == (
        "keep this function; do not remove it."
    )
    assert advice(finding("r", 1, "m", kind="resource"), "forbid added infrastructure") == (
        "use the existing infrastructure; adding infrastructure is for a human to do."
    )
    assert advice(finding("r", 1, "m", kind="file", change="modified"), "limit lines <= 10") == (
        "make the change smaller, or split the work and leave the rest for a later change."
    )
    assert advice(finding("r", 1, "m", kind="function"), "require changed test_file when added function") == (
        "make the change the rule asks for as part of this work (tests: write them with the code)."
    )


def test_reason_caps_the_findings_it_shows() -> None:
    findings = [finding("r", n, f"finding {n}") for n in range(1, MAX_SHOWN + 4)]
    reason = findings_reason("H.", findings, [], closing="C.")
    assert f"{MAX_SHOWN}. [r] at pkg/model/model/widget.go:{MAX_SHOWN}: finding {MAX_SHOWN}" in reason
    assert f"finding {MAX_SHOWN + 1}" not in reason
    assert "... and 3 more findings (`scopeguard diff` lists them all)." in reason


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
_KEYS = [
    "hook_event_name",
    "tool_name",
    "tool_input",
    "cwd",
    "agent_type",
    "stop_hook_active",
    "file_path",
    "content",
    "old_string",
    "new_string",
    "replace_all",
    "edits",
    "notebook_path",
    "new_source",
    "cell_id",
    "cell_type",
    "edit_mode",
]
_VALUES = _JSON | st.sampled_from(
    ["PreToolUse", "Stop", "SubagentStop", "Write", "Edit", "MultiEdit", "NotebookEdit"]
)
_INPUT = st.fixed_dictionaries(
    {},
    optional={
        **{key: _VALUES for key in _KEYS},
        "tool_input": st.dictionaries(st.sampled_from(_KEYS), _VALUES, max_size=6),
    },
)


_NOTEBOOK = st.fixed_dictionaries(
    {"hook_event_name": st.just("PreToolUse"), "tool_name": st.just("NotebookEdit")},
    optional={
        "tool_input": st.fixed_dictionaries(
            {"notebook_path": st.just("/w/n.ipynb")},
            optional={key: _VALUES for key in ("new_source", "cell_id", "cell_type", "edit_mode")},
        )
    },
)


@given(
    st.one_of(_INPUT.map(json.dumps), _NOTEBOOK.map(json.dumps), _JSON.map(json.dumps), st.text(max_size=30))
)
def test_any_input_is_an_event_or_a_named_problem(text: str) -> None:
    try:
        event = parse_hook_input(text)
    except HookInputError as exc:
        assert str(exc)
        return
    assert isinstance(event, ToolUse | StopCheck | NotChecked)
