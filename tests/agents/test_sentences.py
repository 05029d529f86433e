"""Finding the rule sentences of an agent file, with exact lines and the lead-in they stand under."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scopeguard.agents.reader import read_agent_file
from scopeguard.agents.sentences import RuleSentence, find_rule_sentences

AGENT = """\
---
name: sample
description: Implements features. Never edits `infra/`. <example>user: never mind</example>
tools: Read, Grep, Glob
---

You implement features for the billing service. You MUST keep the public API stable
when you refactor, and you run the tests. This line is plain prose.

## Constraints

- Handlers stay in `backend/`
- Tests for every new endpoint

**NEVER CREATE OR MODIFY**:
- ❌ New Lambda functions
- ❌ DynamoDB tables

<example>
Context: never do this in an example
</example>

```python
# NEVER executed: code is not prose
```

## Background

The service was written in 2021.
- It serves three teams.
Do not commit `.env` files. Always run the linter.
"""


def _found(text: str) -> list[tuple[int, int, str, str | None]]:
    agent = read_agent_file(".claude/agents/sample.md", text.encode())
    return [(s.line, s.end_line, s.text, s.context_polarity) for s in find_rule_sentences(agent)]


def test_every_rule_sentence_with_its_lines_and_polarity() -> None:
    assert _found(AGENT) == [
        (3, 3, "Never edits `infra/`.", None),
        (4, 4, "tools: Read, Grep, Glob", None),
        (7, 8, "You MUST keep the public API stable when you refactor, and you run the tests.", None),
        (12, 12, "Handlers stay in `backend/`", None),
        (13, 13, "Tests for every new endpoint", None),
        (16, 16, "❌ New Lambda functions", "negative"),
        (17, 17, "❌ DynamoDB tables", "negative"),
        (31, 31, "Do not commit `.env` files.", None),
        (31, 31, "Always run the linter.", None),
    ]


def test_html_comments_are_not_read_as_rules() -> None:
    """An HTML comment is invisible in rendered Markdown: authors use it for notes and to switch a rule
    off. Inside fenced code it is code, and no rule either."""
    text = (
        "# Agent\n\n## Rules\n\n"
        "- Never touch `web/`. <!-- NEVER delete this note -->\n"
        "<!-- - NEVER modify `infra/` (off until the migration is done) -->\n"
        "<!--\n- Do not add dependencies.\n-->\n"
        "- Do not edit `docs/`. <!-- one --> Never edit `api/`. <!-- two -->\n"
        "```html\n<!-- Never inline styles -->\n```\n"
    )
    assert _found(text) == [
        (5, 5, "Never touch `web/`.", None),
        (10, 10, "Do not edit `docs/`.", None),
        (10, 10, "Never edit `api/`.", None),
    ]


def test_sentences_know_their_origin_and_context() -> None:
    agent = read_agent_file(".claude/agents/sample.md", AGENT.encode())
    by_line = {s.line: s for s in find_rule_sentences(agent)}
    assert by_line[3].origin == "description"
    assert by_line[4].origin == "tools"
    assert by_line[16].context == "**NEVER CREATE OR MODIFY**:"
    assert by_line[12].headings == ("Constraints",)


def test_bullets_under_a_negative_heading_without_a_keyword() -> None:
    text = "# Agent\n\n## What you do not do\n\n- Add a changeset file.\n- Open pull requests.\n"
    assert _found(text) == [
        (5, 5, "Add a changeset file.", "negative"),
        (6, 6, "Open pull requests.", "negative"),
    ]


def test_a_lead_in_with_an_emoji_marker_governs_the_list() -> None:
    text = "🚫 **Never do:**\n- Modify `package.json`.\n\n✅ **Always do:**\n- Follow the patterns.\n"
    assert _found(text) == [
        (2, 2, "Modify `package.json`.", "negative"),
        (5, 5, "Follow the patterns.", "positive"),
    ]


def test_cjk_sentences_split_without_spaces() -> None:
    text = "## ルール\n\n* ログ: PII は記録しない。秘密情報の参照は禁止。\n"
    assert [(a, b, t) for a, b, t, _ in _found(text)] == [
        (3, 3, "ログ: PII は記録しない。"),
        (3, 3, "秘密情報の参照は禁止。"),
    ]


def test_structured_frontmatter_constraints() -> None:
    text = (
        '---\nname: x\nconstraints:\n  allowed_paths:\n    - "src/**"\n    - "tests/**"\n'
        "  max_file_operations: 20\n---\nbody\n"
    )
    agent = read_agent_file("x.md", text.encode())
    found = [(s.line, s.end_line, s.key) for s in find_rule_sentences(agent)]
    assert found == [(4, 6, "constraints.allowed_paths"), (7, 7, "constraints.max_file_operations")]


def test_typescript_never_type_is_not_a_directive() -> None:
    assert _found("## Features\n\n- Never type usage\n- Mapped types\n") == []


def test_the_previous_sentence_is_kept_for_these_files() -> None:
    text = "The files `a.pb.go` and `b.pb.go` are generated. **NEVER** edit these files directly.\n"
    agent = read_agent_file("x.md", text.encode())
    [sentence] = find_rule_sentences(agent)
    assert sentence.previous == "The files `a.pb.go` and `b.pb.go` are generated."


_WORDS = st.sampled_from(
    ["Never", "edit", "`src/`", "files", "Always", "run", "tests.", "-", "##", "no", "❌"]
)


@settings(max_examples=60)
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=12))
def test_every_sentence_lies_within_its_lines(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    agent = read_agent_file("x.md", text.encode())
    for s in find_rule_sentences(agent):
        assert isinstance(s, RuleSentence)
        assert 1 <= s.line <= s.end_line <= len(agent.lines)
        written = " ".join(agent.line(n) for n in range(s.line, s.end_line + 1))
        assert s.text.split()[0].strip("*`#-") in written
