"""Where a compiled rule applies: the scope a sentence, its lead-in, its headings and its agent give it."""

from __future__ import annotations

import pytest

from scopeguard.agents.clauses import clauses_of
from scopeguard.agents.compiler import compile_agent
from scopeguard.agents.files import language_globs
from scopeguard.agents.reader import read_agent_file
from scopeguard.agents.readings import Env
from scopeguard.agents.scoping import Scope, narrowed, place_paths, scope_of
from scopeguard.agents.sentences import find_rule_sentences
from scopeguard.agents.targets import Vocabulary
from scopeguard.policy.ast import Compare
from scopeguard.policy.printer import format_condition, format_statement
from tests.agents.conftest import example_policies

TESTS = "{tests/**,**/test_*.py}"


def _scope(text: str, env: Env | None = None) -> Scope:
    agent = read_agent_file("agents/example.md", text.encode())
    [sentence] = find_rule_sentences(agent)
    return scope_of(clauses_of(sentence)[0], env or Env(Vocabulary(example_policies())))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("## Rules\n\n- Never use `eval` in non-test code.\n", Scope(tests=False)),
        ("## Rules\n\n- Never use `eval` in production code.\n", Scope(tests=False)),
        ("## Test rules\n\n- Never use `eval`.\n", Scope(tests=True)),
        ("## API Specs\n\n- Never use `eval`.\n", Scope()),
        ("## Rules\n\nIn tests:\n\n- Never use `eval`.\n", Scope(tests=True)),
        ("## Rules\n\n- Never delete tests or use `eval`.\n", Scope()),
        ("## Python\n\n- Never use `eval`.\n", Scope(languages=("**/*.py",))),
        ("## Rules\n\nIn the `api/` folder:\n\n- Never use `eval`.\n", Scope(paths=("api/**",))),
        ("## Rules\n\n- Never use `eval` in `api/handlers/`.\n", Scope(paths=("api/handlers/**",))),
    ],
)
def test_the_scope_comes_from_the_sentence_its_lead_in_and_headings(text: str, expected: Scope) -> None:
    assert _scope(text) == expected


@pytest.mark.parametrize(
    ("prose", "codes", "expected"),
    [
        ("follow `AGENTS.md` conventions", ["AGENTS.md"], []),
        ("use `hasAccess` from `src/lib/access.ts`", ["hasAccess", "src/lib/access.ts"], []),
        ("write tests for `create_deck/`", ["create_deck/"], []),
        ("names like `20260101_init.sql` (e.g. `20260101_init.sql`)", ["20260101_init.sql"], []),
        ("never in `web/src/` or `docs/NOTES.md`", ["web/src/", "docs/NOTES.md"], ["web/src/**"]),
        ("In the codex-rs folder where the rust code lives", [], ["codex-rs/**"]),
    ],
)
def test_place_paths_leave_out_references_documents_and_what_tests_cover(
    prose: str, codes: list[str], expected: list[str]
) -> None:
    assert place_paths(prose, codes) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No raw SQL strings", ()),
        ("SQL migrations", ("**/*.sql",)),
        ("Go through the files one by one", ()),
        ("Go code", ("**/*.go",)),
        ("scenarios to cover", ()),
        ("Each node of the tree", ()),
        ("a majestic reaction", ()),
        ("Tailwind classes", ("**/*.{ts,tsx,mts,cts}", "**/*.{js,jsx,mjs,cjs,vue,svelte}")),
    ],
)
def test_languages_are_named_words_not_parts_of_words(text: str, expected: tuple[str, ...]) -> None:
    assert language_globs([text]) == expected


def test_a_trivial_agent_glob_does_not_narrow_a_rule() -> None:
    env = Env(Vocabulary(example_policies()), agent_globs=("*",))
    selector = narrowed("line", ("**/*.ts",), Compare("text", "~", "*any*"), Scope(), env)
    assert (selector.globs, format_condition(selector.where)) == (("**/*.ts",), 'text ~ "*any*"')


def test_an_agent_glob_narrows_the_files_of_a_construct_without_replacing_its_language() -> None:
    env = Env(Vocabulary(example_policies()), agent_globs=("web/**",))
    selector = narrowed("line", ("**/*.ts",), Compare("text", "~", "*any*"), Scope(tests=False), env)
    assert selector.globs == ("**/*.ts",)
    assert format_condition(selector.where) == (
        f'path ~ "web/**" and not path ~ "{TESTS}" and text ~ "*any*"'
    )


def test_an_agent_named_for_tests_scopes_its_bans_to_test_files() -> None:
    text = (
        "---\nname: test-writer\ndescription: Writes tests.\ntools: Read, Write\n---\n\n"
        "## Principles\n\n- Never depend on `Math.random`.\n- Keep files under 200 lines.\n"
    )
    compiled = compile_agent(read_agent_file("agents/test-writer.md", text.encode()), example_policies())
    assert [format_statement(s) for r in compiled.rules for s in r.statements] == [
        'forbid added line in "**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts,vue,svelte}" where path ~ '
        f'"{TESTS}" and text ~ "*Math.random*" and comment == false',
        "limit file_lines <= 200",
    ]


def test_the_languages_of_an_agent_narrow_a_construct_that_names_none() -> None:
    text = (
        "---\nname: rust-reviewer\ndescription: Reviews Rust code.\ntools: Read, Write\n---\n\n"
        "## Rules\n\n- Never call `process_all(` directly.\n"
    )
    compiled = compile_agent(read_agent_file("agents/rust-reviewer.md", text.encode()), example_policies())
    assert [format_statement(s) for r in compiled.rules for s in r.statements] == [
        'forbid added line in "**/*.rs" where text ~ "*process_all(*" and comment == false'
    ]
