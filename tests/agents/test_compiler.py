"""The project's own agent files compiled with the worked example's vocabulary: exact sentences, golden
policies, and policies that the policy language accepts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scopeguard.agents.compiler import ACKNOWLEDGED, ENFORCED, NOT_UNDERSTOOD, CompiledAgent, compile_agent
from scopeguard.agents.reader import read_agent_file
from scopeguard.policy.check import check_policies
from scopeguard.policy.parser import parse_policy
from scopeguard.policy.resolve import PolicySet
from scopeguard.policy.vocabulary import builtin_policy_texts, load_policies
from tests.support.golden import assert_golden

ROOT = Path(__file__).resolve().parents[2]
AGENTS = sorted((ROOT / "agents").glob("*.md"))
VOCABULARY = "policies/worked-example.scope"


@pytest.fixture(scope="module")
def policies() -> PolicySet:
    return load_policies({VOCABULARY: (ROOT / VOCABULARY).read_text(encoding="utf-8")}, builtin=True)


def _compile(name: str, policies: PolicySet) -> CompiledAgent:
    path = ROOT / "agents" / name
    return compile_agent(read_agent_file(f"agents/{name}", path.read_bytes()), policies)


def _table(compiled: CompiledAgent) -> list[tuple[int, str, str, tuple[str, ...]]]:
    return [(s.line, s.status, s.category, s.rules) for s in compiled.sentences]


E, A, N = ENFORCED, ACKNOWLEDGED, NOT_UNDERSTOOD
BFI = "backend-feature-implementer"
BFD = "backend-feature-developer"


def test_backend_feature_implementer(policies: PolicySet) -> None:
    compiled = _compile("backend-feature-implementer.md", policies)
    assert _table(compiled) == [
        (21, E, "no-new-types", (f"{BFI}-L21-no-new-types",)),
        (22, E, "no-new-infrastructure", (f"{BFI}-L22-no-new-infrastructure",)),
        (23, E, "path-scope", (f"{BFI}-L23-protect",)),
        (24, E, "tests-required", (f"{BFI}-L24-tests-required",)),
        (25, E, "no-secrets", (f"{BFI}-L25-no-secrets",)),
        (26, E, "api-compat", (f"{BFI}-L26-api-compat",)),
        (27, A, "other-uncheckable", ()),
        (31, N, "process", ()),
        (32, N, "style", ()),
        (33, N, "process", ()),
        (34, N, "process", ()),
        (36, A, "size-limit", ()),
    ]
    texts = {s.line: s.text for s in compiled.sentences}
    assert texts[21] == "NEVER create new tabularium types - only use existing ones"
    assert texts[22] == (
        "NEVER add new cloud infrastructure components "
        "(Lambda functions, API Gateway routes, databases, etc.)"
    )
    assert compiled.block.name == BFI
    assert compiled.block.enforce == tuple(r.id for r in compiled.rules)


def test_backend_feature_developer(policies: PolicySet) -> None:
    assert _table(_compile("backend-feature-developer.md", policies)) == [
        (19, E, "path-scope", (f"{BFD}-L19-scope",)),
        (20, E, "path-scope", (f"{BFD}-L20-protect",)),
        (21, E, "no-new-infrastructure", (f"{BFD}-L21-no-new-infrastructure",)),
        (22, E, "tests-required", (f"{BFD}-L22-tests-required",)),
        (23, E, "tests-required", (f"{BFD}-L23-keep-tests", f"{BFD}-L23-no-skipped-tests")),
        (24, E, "api-compat", (f"{BFD}-L24-api-compat",)),
        (25, E, "no-new-dependencies", (f"{BFD}-L25-no-new-dependencies",)),
        (26, E, "size-limit", (f"{BFD}-L26-size-limit",)),
        (27, E, "no-secrets", (f"{BFD}-L27-no-secrets-in-logs",)),
        (31, N, "process", ()),
        (32, N, "process", ()),
        (33, N, "process", ()),
    ]


def test_test_writer(policies: PolicySet) -> None:
    assert _table(_compile("test-writer.md", policies)) == [
        (3, E, "path-scope", ("test-writer-L3-tests-only",)),
        (8, E, "path-scope", ("test-writer-L3-tests-only",)),
        (12, N, "tests-required", ()),
        (13, N, "tests-required", ()),
        (14, N, "tests-required", ()),
        (18, E, "path-scope", ("test-writer-L3-tests-only",)),
        (19, E, "tests-required", ("test-writer-L19-keep-tests", "test-writer-L19-no-skipped-tests")),
        (20, E, "tests-required", ("test-writer-L19-no-skipped-tests",)),
        (21, E, "tests-required", ("test-writer-L21-no-network-in-tests",)),
    ]


def test_frontend_ui(policies: PolicySet) -> None:
    assert _table(_compile("frontend-ui.md", policies)) == [
        (13, E, "other-checkable", ("frontend-ui-L13-ban-console-log",)),
        (14, E, "style", ("frontend-ui-L14-ban-ts-ignore",)),
        (15, E, "style", ("frontend-ui-L15-ban-any",)),
        (16, E, "other-checkable", ("frontend-ui-L16-ban-dangerouslysetinnerhtml",)),
        (20, E, "path-scope", ("frontend-ui-L20-protect",)),
        (24, E, "size-limit", ("frontend-ui-L24-size-limit",)),
        (25, E, "style", ("frontend-ui-L25-no-class-components",)),
        (26, N, "style", ()),
    ]


def test_infra_reviewer(policies: PolicySet) -> None:
    assert _table(_compile("infra-reviewer.md", policies)) == [
        (3, E, "path-scope", ("infra-reviewer-L3-read-only",)),
        (4, E, "path-scope", ("infra-reviewer-L3-read-only",)),
        (12, N, "no-new-infrastructure", ()),
        (13, E, "other-checkable", ("infra-reviewer-L13-ban-action",)),
        (14, N, "other-uncheckable", ()),
        (16, N, "process", ()),
    ]


@pytest.mark.parametrize("path", AGENTS, ids=lambda p: p.name)
def test_compiled_policy_matches_its_golden_file(
    path: Path, policies: PolicySet, update_golden: bool
) -> None:
    compiled = _compile(path.name, policies)
    assert_golden(f"agents/{path.stem}.scope", compiled.policy_text(), update_golden)


@pytest.mark.parametrize("path", AGENTS, ids=lambda p: p.name)
def test_compiled_policy_parses_and_passes_the_checks(path: Path, policies: PolicySet) -> None:
    compiled = _compile(path.name, policies)
    text = compiled.policy_text()
    parsed = parse_policy(text, f"compiled/{path.stem}.scope")
    assert parsed.rules == compiled.rules
    assert parsed.agents == (compiled.block,)
    sources = {**builtin_policy_texts(), VOCABULARY: (ROOT / VOCABULARY).read_text(encoding="utf-8")}
    files = [parse_policy(t, p) for p, t in sources.items()] + [parsed]
    assert check_policies(files, {**sources, f"compiled/{path.stem}.scope": text}) == []


@pytest.mark.parametrize("path", AGENTS, ids=lambda p: p.name)
def test_rule_ids_are_readable_unique_and_carry_their_sentence(path: Path, policies: PolicySet) -> None:
    compiled = _compile(path.name, policies)
    ids = [r.id for r in compiled.rules]
    assert len(ids) == len(set(ids))
    for rule in compiled.rules:
        assert re.fullmatch(rf"{compiled.agent.name}-L\d+-[a-z0-9-]+", rule.id)
        assert rule.because is not None
        line = int(rule.id.split("-L")[-1].split("-")[0])
        # the first sentence that compiles to a rule owns it; later ones with the same rule share it
        sentence = next(s for s in compiled.sentences if rule.id in s.rules)
        assert sentence.line == line
        assert rule.because.sentence == sentence.text
        assert rule.because.location == (f"agents/{path.name}", line)


def test_compiling_is_deterministic(policies: PolicySet) -> None:
    first = _compile("backend-feature-implementer.md", policies)
    second = _compile("backend-feature-implementer.md", policies)
    assert first.policy_text() == second.policy_text()
    assert first.sentences == second.sentences


def test_without_the_repository_vocabulary_the_concept_is_named(policies: PolicySet) -> None:
    builtin_only = load_policies({}, builtin=True)
    compiled = _compile("backend-feature-implementer.md", builtin_only)
    sentence = next(s for s in compiled.sentences if s.line == 21)
    assert sentence.status == NOT_UNDERSTOOD
    assert sentence.category == "no-new-types"
    assert sentence.reason == (
        "no concept is known as 'tabularium types': add `aka \"tabularium types\"` to a concept in the "
        "repository's policy"
    )
    acknowledged = [s.line for s in compiled.sentences if s.status == ACKNOWLEDGED]
    assert acknowledged == []


_FRAGMENTS = st.sampled_from(
    [
        "Never edit `web/`",
        "No `console.log`",
        "Only modify files under `src/` and `tests/`",
        "NEVER create new tabularium types",
        "Do not add new Lambda functions",
        "Write tests for every new function",
        "Keep files under 400 lines",
        "Never hardcode secrets",
        "Do not change public APIs",
        "Ask the user first",
        "Prefer `a` over `b`",
        "If you change `go.mod`, update `go.sum`",
        "Never commit .env files",
        "Tests only",
        "❌ New dependencies",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_FRAGMENTS, min_size=1, max_size=8))
def test_any_compiled_agent_prints_a_policy_that_parses_back(fragments: list[str]) -> None:
    text = "---\nname: generated\n---\n\n## Rules\n\n" + "".join(f"- {f}.\n" for f in fragments)
    policies = load_policies({VOCABULARY: (ROOT / VOCABULARY).read_text(encoding="utf-8")}, builtin=True)
    compiled = compile_agent(read_agent_file("agents/generated.md", text.encode()), policies)
    assert [s.line for s in compiled.sentences] == list(range(7, 7 + len(fragments)))
    parsed = parse_policy(compiled.policy_text(), "compiled.scope")
    assert parsed.rules == compiled.rules
    assert parsed.agents == (compiled.block,)
