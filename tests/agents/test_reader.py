"""Reading agent files as they are written in the wild: messy frontmatter, encodings, wrappers, lines."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scopeguard.agents.frontmatter import lenient_mapping, split_outside_brackets
from scopeguard.agents.reader import read_agent_file
from scopeguard.core.errors import UserError

UNQUOTED_DESCRIPTION = (
    "---\n"
    "name: backend-implementer\n"
    'description: Use this agent when: a feature needs code. Examples: <example>Context: user asks "add X" '
    "assistant: I'll use it.</example>\\n<example>user: fix: the bug</example>\n"
    "tools: Read, Write, Bash(git diff:*), Grep\n"
    "model: sonnet\n"
    "color: blue\n"
    "---\n"
    "\n"
    "# Title\n"
    "NEVER create new types.\n"
)


def test_unquoted_colon_description_is_read_leniently_with_exact_lines() -> None:
    agent = read_agent_file(".claude/agents/backend.md", UNQUOTED_DESCRIPTION.encode())
    assert agent.strict_yaml is False
    assert agent.name == "backend-implementer"
    assert agent.description is not None
    assert agent.description.startswith("Use this agent when: a feature needs code. Examples: <example>")
    assert agent.description.endswith("<example>user: fix: the bug</example>")
    assert agent.tools == ("Read", "Write", "Bash(git diff:*)", "Grep")
    assert agent.model == "sonnet"
    assert agent.metadata["color"] == "blue"
    assert [(f.key, f.line, f.end_line) for f in agent.fields] == [
        ("name", 2, 2),
        ("description", 3, 3),
        ("tools", 4, 4),
        ("model", 5, 5),
        ("color", 6, 6),
    ]
    assert agent.body_start_line == 8
    assert agent.line(10) == "NEVER create new types."


def test_crlf_bom_and_no_final_newline_keep_line_numbers() -> None:
    text = "---\r\nname: x\r\ntools: Read\r\n---\r\nline five\r\nline six"
    agent = read_agent_file("a.md", codecs.BOM_UTF8 + text.encode())
    assert agent.name == "x"
    assert agent.lines == ("---", "name: x", "tools: Read", "---", "line five", "line six")
    assert agent.body_start_line == 5
    assert agent.body_end_line == 6
    assert agent.read_only is True


def test_file_wrapped_in_a_code_fence() -> None:
    text = "````instructions\n---\napplyTo: '**/*.ts'\n---\n# Rules\n- Never use `any`.\n````\n"
    agent = read_agent_file(".github/instructions/ts.instructions.md", text.encode())
    assert agent.has_frontmatter
    assert agent.globs == ("**/*.ts",)
    assert agent.body_start_line == 5
    assert agent.body_end_line == 6
    assert agent.name == "ts"


def test_cursor_rule_with_globs_and_no_name() -> None:
    text = "---\ndescription: Talos rules\nglobs: talos/*, infra/*.yaml\nalwaysApply: false\n---\nbody\n"
    agent = read_agent_file(".cursor/rules/talos.mdc", text.encode())
    assert agent.name == "talos"
    assert agent.globs == ("talos/*", "infra/*.yaml")
    assert agent.metadata["alwaysApply"] is False
    assert agent.tools == ()
    assert agent.tools_declared is False


@pytest.mark.parametrize(
    ("tools_yaml", "expected"),
    [
        ("tools: Read, Grep, Glob", ("Read", "Grep", "Glob")),
        ("tools: Read,Write,Edit", ("Read", "Write", "Edit")),
        ("tools: [read, write, grep]", ("read", "write", "grep")),
        ("tools:\n  - Read\n  - Grep", ("Read", "Grep")),
        ("allowed-tools: Read, Bash(cargo test:*)", ("Read", "Bash(cargo test:*)")),
        ("tools: read", ("read",)),
    ],
)
def test_tool_lists_in_every_form(tools_yaml: str, expected: tuple[str, ...]) -> None:
    agent = read_agent_file("a.md", f"---\nname: a\n{tools_yaml}\n---\nbody\n".encode())
    assert agent.tools == expected


def test_read_only_means_no_tool_that_can_change_a_file() -> None:
    def tools(line: str) -> bool:
        return read_agent_file("a.md", f"---\n{line}\n---\n".encode()).read_only

    assert tools("tools: Read, Grep, Glob") is True
    assert tools("tools: Read, Bash(git diff:*)") is False
    assert tools("tools: Read, Edit") is False
    assert tools("model: opus") is False


def test_files_without_frontmatter_are_named_after_the_file() -> None:
    agent = read_agent_file("AGENTS.md", b"# Agents\n\n- Never edit `gen/`.\n")
    assert agent.name == "AGENTS"
    assert not agent.has_frontmatter
    assert agent.body_start_line == 1
    assert agent.description is None


def test_non_ascii_text_is_kept() -> None:
    agent = read_agent_file("a.md", "---\nname: ko\n---\n- 비밀번호를 하드코딩하지 마세요 🚫\n".encode())
    assert agent.line(4) == "- 비밀번호를 하드코딩하지 마세요 🚫"


def test_binary_content_is_a_user_error_naming_the_file() -> None:
    with pytest.raises(UserError) as caught:
        read_agent_file("agents/x.md", b"\x00\x01binary")
    assert "agents/x.md" in caught.value.render()
    assert "binary" in caught.value.render()


def test_nested_frontmatter_keeps_structure_and_key_spans() -> None:
    text = (
        '---\nname: schema\nconstraints:\n  allowed_paths:\n    - "**/pkg/**"\n  max_file_size: 10 # bytes\n'
        "behavior:\n  confirm: yes\n---\nbody\n"
    )
    agent = read_agent_file("a.md", text.encode())
    assert agent.strict_yaml is True
    assert agent.metadata["constraints"] == {"allowed_paths": ["**/pkg/**"], "max_file_size": 10}
    assert [(f.key, f.line, f.end_line) for f in agent.fields] == [
        ("name", 2, 2),
        ("constraints", 3, 6),
        ("behavior", 7, 8),
    ]


def test_flat_frontmatter_reads_as_yaml_would() -> None:
    text = "---\nname: flat\nmodel: opus\nmaxTurns: 10\nalwaysApply: true\ntools: Read, Grep\n---\n"
    agent = read_agent_file("a.md", text.encode())
    assert agent.strict_yaml is True
    assert dict(agent.metadata) == {
        "name": "flat",
        "model": "opus",
        "maxTurns": 10,
        "alwaysApply": True,
        "tools": "Read, Grep",
    }


def test_lenient_mapping_reads_what_strict_yaml_rejects() -> None:
    lines = [
        "description: a: b: c",
        "block: |",
        "  first line",
        "  second: line",
        "flow: [a, 'b, c', \"d\"]",
        "nested:",
        "  - key: one",
        "    other: two",
        "  - plain",
    ]
    assert lenient_mapping(lines) == {
        "description": "a: b: c",
        "block": "first line\nsecond: line\n",
        "flow": ["a", "b, c", "d"],
        "nested": [{"key": "one", "other": "two"}, "plain"],
    }


def test_split_outside_brackets_keeps_permission_patterns_whole() -> None:
    assert split_outside_brackets("Read, Bash(git diff:*, git log:*), 'a,b'") == [
        "Read",
        "Bash(git diff:*, git log:*)",
        "'a,b'",
    ]


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300)
)
def test_reading_never_fails_on_text(body: str) -> None:
    data = ("---\n" + body + "\n---\n" + body).encode("utf-8")
    agent = read_agent_file("fuzz.md", data)
    assert 1 <= agent.body_start_line <= len(agent.lines) + 1
    assert agent.name
