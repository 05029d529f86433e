"""Compiling an agent file into rules: every rule sentence enforced, acknowledged, or said not understood.

Deterministic — no model, no network: the sentence finder picks the rule sentences, each is cut into
clauses, and the phrasebook reads each clause with the vocabulary of the policy set (built-in and the
repository's own ``aka`` phrases). Each compiled rule carries ``because "<sentence>" at "<file>:<line>"``
so that a finding quotes the sentence it enforces; the agent block enforces them all.

Rule ids are ``<agent>-L<line>-<what>`` (``backend-feature-implementer-L21-no-new-types``): stable while
the sentence stays on its line, readable, valid in the policy language, and unique within the agent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scopeguard.agents.clauses import clauses_of
from scopeguard.agents.files import language_globs
from scopeguard.agents.lexicon import plain
from scopeguard.agents.phrasebook import read_clause
from scopeguard.agents.reader import AgentFile
from scopeguard.agents.readings import Draft, Env, Reading
from scopeguard.agents.sentences import RuleSentence, find_rule_sentences
from scopeguard.agents.targets import Vocabulary
from scopeguard.policy.ast import Agent, Because, Rule
from scopeguard.policy.printer import format_policy
from scopeguard.policy.resolve import PolicySet

ENFORCED = "enforced"
ACKNOWLEDGED = "acknowledged"
NOT_UNDERSTOOD = "not-understood"
STATUSES = (ENFORCED, ACKNOWLEDGED, NOT_UNDERSTOOD)


@dataclass(frozen=True, slots=True)
class CompiledSentence:
    """One rule sentence and what became of it."""

    line: int
    end_line: int
    text: str
    status: str
    category: str
    rules: tuple[str, ...]
    #: why it is not understood (and what would fix it), or what part of an enforced sentence is left out
    reason: str | None


@dataclass(frozen=True)
class CompiledAgent:
    agent: AgentFile
    sentences: tuple[CompiledSentence, ...]
    rules: tuple[Rule, ...]
    #: the agent's block: ``block.name == agent.name``, ``block.enforce`` the compiled rule ids
    block: Agent

    def policy_text(self) -> str:
        """The compiled rules and the agent block as policy-language text (``check-policy`` accepts it)."""
        return format_policy([*self.rules, self.block])

    @property
    def not_understood(self) -> tuple[CompiledSentence, ...]:
        return tuple(s for s in self.sentences if s.status == NOT_UNDERSTOOD)


def compile_agent(agent: AgentFile, policies: PolicySet) -> CompiledAgent:
    """The agent file's rule sentences compiled with the vocabulary of ``policies``."""
    env = Env(
        Vocabulary(policies),
        agent.globs,
        agent.read_only,
        languages=_agent_languages(agent),
        tests_agent=_writes_tests(agent.name),
    )
    acknowledged = _acknowledgements(policies, agent.name)
    ids = _Ids(agent.name)
    sentences: list[CompiledSentence] = []
    rules: list[Rule] = []
    #: a rule another sentence already compiled to is shared, so one violation is one finding
    by_statements: dict[object, str] = {}
    for sentence in find_rule_sentences(agent):
        if _normal(sentence.text) in acknowledged:
            sentences.append(
                CompiledSentence(
                    sentence.line,
                    sentence.end_line,
                    sentence.text,
                    ACKNOWLEDGED,
                    _category(sentence, env),
                    (),
                    None,
                )
            )
            continue
        compiled, new_rules = _compile_sentence(agent, sentence, env, ids, by_statements)
        sentences.append(compiled)
        rules.extend(new_rules)
    block = Agent(agent.name, tuple(r.id for r in rules))
    return CompiledAgent(agent, tuple(sentences), tuple(rules), block)


def _compile_sentence(
    agent: AgentFile, sentence: RuleSentence, env: Env, ids: _Ids, by_statements: dict[object, str]
) -> tuple[CompiledSentence, list[Rule]]:
    readings = [r for clause in clauses_of(sentence) for r in read_clause(clause, env)]
    enforced = [r for r in readings if r.drafts]
    if not enforced:
        chosen = _most_specific(readings)
        return (
            CompiledSentence(
                sentence.line,
                sentence.end_line,
                sentence.text,
                NOT_UNDERSTOOD,
                chosen.category,
                (),
                chosen.reason,
            ),
            [],
        )
    because = Because(sentence.text, _location(agent.path, sentence))
    rules: list[Rule] = []
    rule_ids: list[str] = []
    for draft in _distinct(d for r in enforced for d in r.drafts):
        shared = by_statements.get(draft.statements)
        if shared is not None:
            rule_ids.append(shared)
            continue
        rule_id = ids.next(sentence.line, draft.slug)
        by_statements[draft.statements] = rule_id
        rules.append(Rule(rule_id, draft.statements, draft.severity, draft.message, because))
        rule_ids.append(rule_id)
    notes = [r.note for r in enforced if r.note] + [
        r.reason
        for r in readings
        if not r.drafts
        and r.reason
        and r.category not in ("process", "other-uncheckable")
        and r.shape != "unread"
    ]
    reason = "; ".join(dict.fromkeys(notes)) or None
    compiled = CompiledSentence(
        sentence.line,
        sentence.end_line,
        sentence.text,
        ENFORCED,
        enforced[0].category,
        tuple(dict.fromkeys(rule_ids)),
        reason,
    )
    return compiled, rules


def _agent_languages(agent: AgentFile) -> tuple[str, ...]:
    """The languages an agent's name and description name ("rust-reviewer"), outside its examples."""
    description = re.sub(r"<example>.*?(?:</example>|$)", " ", agent.description or "", flags=re.S | re.I)
    return language_globs([agent.name.replace("-", " ").replace("_", " "), description])


def _writes_tests(name: str) -> bool:
    """An agent named for writing tests ("test-writer", "integration-tester", "test-specialist")."""
    return any(part in ("test", "tests", "tester", "testing") for part in re.split(r"[-_\s]+", name.lower()))


def _most_specific(readings: Sequence[Reading]) -> Reading:
    """The reading that says most: a shape's own reason first, then any category but "other-uncheckable"."""
    for reading in readings:
        if reading.shape != "unread":
            return reading
    for reading in readings:
        if reading.category != "other-uncheckable":
            return reading
    return readings[0]


def _category(sentence: RuleSentence, env: Env) -> str:
    readings = [r for clause in clauses_of(sentence) for r in read_clause(clause, env)]
    enforced = [r for r in readings if r.drafts]
    return enforced[0].category if enforced else _most_specific(readings).category


def _distinct(drafts: Iterable[Draft]) -> list[Draft]:
    seen: set[object] = set()
    out = []
    for d in drafts:
        if d.statements not in seen:
            seen.add(d.statements)
            out.append(d)
    return out


def _location(path: str, sentence: RuleSentence) -> str:
    if sentence.end_line != sentence.line:
        return f"{path}:{sentence.line}-{sentence.end_line}"
    return f"{path}:{sentence.line}"


class _Ids:
    """Readable rule ids, unique within one agent."""

    def __init__(self, agent: str) -> None:
        self.agent = agent
        self.used: set[str] = set()

    def next(self, line: int, slug: str) -> str:
        slug = re.sub(r"[^A-Za-z0-9_-]+", "-", slug).strip("-") or "rule"
        base = f"{self.agent}-L{line}-{slug}"
        candidate, n = base, 2
        while candidate in self.used:
            candidate = f"{base}-{n}"
            n += 1
        self.used.add(candidate)
        return candidate


def _acknowledgements(policies: PolicySet, agent: str) -> frozenset[str]:
    sentences = [a.sentence for a in policies.acknowledged]
    block = policies.agents.get(agent)
    if block is not None:
        sentences.extend(a.sentence for a in block.acknowledge)
    return frozenset(_normal(s) for s in sentences)


def _normal(text: str) -> str:
    """Sentence text for matching acknowledgements: no Markdown, one space, no case, no final stop."""
    return re.sub(r"\s+", " ", plain(text).replace("`", "")).strip().rstrip(".!;:").lower()
