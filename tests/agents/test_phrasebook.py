"""Each phrasebook shape against its own examples (as Fixit's rules carry theirs), and the registry."""

from __future__ import annotations

import pytest

from scopeguard.agents.clauses import clauses_of
from scopeguard.agents.phrasebook import PHRASEBOOK, explain_unread, read_clause
from scopeguard.agents.reader import read_agent_file
from scopeguard.agents.readings import Env, Example, Shape
from scopeguard.agents.sentences import find_rule_sentences
from scopeguard.agents.targets import Vocabulary
from scopeguard.core.model import CATEGORIES
from scopeguard.policy.printer import format_statement
from tests.agents.conftest import example_policies

CASES = [
    pytest.param(shape, example, id=f"{shape.name}: {example.sentence[:50]}")
    for shape in PHRASEBOOK
    for example in shape.examples
]


def _agent_text(example: Example) -> str:
    lead = f"{example.context}\n" if example.context else ""
    return f"# Agent\n\n## Rules\n\n{lead}- {example.sentence}\n"


def _statements(shape: Shape, example: Example) -> list[str]:
    agent = read_agent_file("agents/example.md", _agent_text(example).encode())
    env = Env(Vocabulary(example_policies()))
    out: list[str] = []
    for sentence in find_rule_sentences(agent):
        for clause in clauses_of(sentence):
            reading = shape.read(clause, env)
            if reading is not None:
                out.extend(format_statement(s) for d in reading.drafts for s in d.statements)
    return out


@pytest.mark.parametrize(("shape", "example"), CASES)
def test_shape_compiles_its_examples(shape: Shape, example: Example) -> None:
    statements = _statements(shape, example)
    if example.expected is None:
        assert statements == []
    else:
        assert statements == example.expected.split("\n")


def test_every_shape_has_a_unique_name_and_a_summary() -> None:
    names = [s.name for s in PHRASEBOOK]
    assert len(names) == len(set(names))
    assert all(s.summary for s in PHRASEBOOK)


def test_every_shape_with_examples_has_a_passing_and_a_failing_one() -> None:
    for shape in PHRASEBOOK:
        if not shape.examples or shape.name in ("import-boundary", "package-manager", "co-change"):
            continue
        assert any(e.expected is None for e in shape.examples), shape.name
        assert any(e.expected is not None for e in shape.examples), shape.name


def _read(sentence: str, context: str | None = None) -> list[tuple[str, tuple[str, ...], str | None]]:
    example = Example(sentence, None, context)
    agent = read_agent_file("agents/example.md", _agent_text(example).encode())
    env = Env(Vocabulary(example_policies()))
    out = []
    for s in find_rule_sentences(agent):
        for clause in clauses_of(s):
            for r in read_clause(clause, env):
                out.append((r.category, tuple(d.slug for d in r.drafts), r.reason))
    return out


def test_process_sentences_are_never_enforced() -> None:
    for sentence in (
        "Never push directly to `main`.",
        "Ask the user before deleting files.",
        "Do NOT recommend storing secrets in environment variables.",
        "Always open a pull request with a summary.",
        "Never run `git push --force`.",
    ):
        readings = _read(sentence)
        assert readings and all(not slugs for _, slugs, _ in readings), sentence
        assert readings[0][0] == "process", sentence


def test_an_unknown_concept_is_named_with_the_fix() -> None:
    [(category, slugs, reason)] = _read("NEVER create new widget types")
    assert (category, slugs) == ("no-new-types", ())
    assert reason == (
        "no concept is known as 'widget types': add `aka \"widget types\"` to a concept "
        "in the repository's policy"
    )


def test_a_hedged_rule_is_a_warning() -> None:
    agent = read_agent_file(
        "agents/example.md",
        b"## Rules\n\n- Keep files under 500 lines when practical.\n- Keep files under 400 lines.\n",
    )
    env = Env(Vocabulary(example_policies()))
    severities = [
        d.severity
        for s in find_rule_sentences(agent)
        for c in clauses_of(s)
        for r in read_clause(c, env)
        for d in r.drafts
    ]
    assert severities == ["warning", "error"]


def test_every_reading_has_a_known_category() -> None:
    for sentence in ("Be concise.", "Never use `var`.", "Follow the existing patterns.", "Tests only."):
        for category, _, _ in _read(sentence):
            assert category in CATEGORIES


def test_explain_unread_says_why_a_gate_is_not_checked() -> None:
    example = Example("Run `cargo clippy` and fix all warnings before every commit.", None)
    agent = read_agent_file("agents/example.md", _agent_text(example).encode())
    [sentence] = find_rule_sentences(agent)
    reading = explain_unread(clauses_of(sentence)[0])
    assert reading.category == "other-checkable"
    assert reading.reason is not None and reading.reason.startswith("asks for a tool to pass")


def test_a_construct_allowed_when_justified_is_a_warning() -> None:
    agent = read_agent_file(
        "agents/example.md",
        b"## Rules\n\n- No unjustified `any`.\n- No `@ts-ignore` without a one-line reason.\n- No `any`.\n",
    )
    env = Env(Vocabulary(example_policies()))
    severities = [
        d.severity
        for s in find_rule_sentences(agent)
        for c in clauses_of(s)
        for r in read_clause(c, env)
        for d in r.drafts
    ]
    assert severities == ["warning", "warning", "error"]


def test_a_construct_banned_only_in_some_uses_says_so() -> None:
    [(category, slugs, reason)] = _read("Check for `.unwrap()` on user-controlled input.")
    assert (category, slugs) == ("other-checkable", ())
    assert reason == (
        "bans `.unwrap()` only in some uses ('on user-controlled input.'), which a line of code does not "
        "show: scopeguard would report every use of it"
    )


def test_tests_for_a_folder_under_a_ban_is_not_a_protected_folder() -> None:
    [_, (category, slugs, reason)] = _read("Write Go tests for `billing/`.", "What you never do:")
    assert (category, slugs) == ("tests-required", ())
    assert reason == (
        "names `billing/` as what tests are about, not as files to change or leave alone; scopeguard "
        "cannot tell which test files cover it"
    )
