"""The compiler measured on real agent files written by other teams (the shared, hand-labelled corpus).

The figures mirror ``../shared/tools/corpus_score.py``: a label is *found* when a compiled sentence
overlaps its lines, *enforced* when such a sentence is enforced. The compiler runs as the scorer runs
it — outside any repository, with the built-in vocabulary only. Skipped when the corpus is absent.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from scopeguard.agents.compiler import ENFORCED, compile_agent
from scopeguard.agents.reader import read_agent_file
from scopeguard.policy.vocabulary import load_policies

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "labels.jsonl").is_file(), reason="the shared corpus is not present"),
]


@dataclass(frozen=True)
class Figures:
    found: float
    enforced_of_checkable: float
    wrongly_enforced: float
    spurious: float


def _span(label: dict[str, object]) -> tuple[int, int]:
    first, _, last = str(label["line"]).partition("-")
    return int(first), int(last or first)


def measure(split: str = "dev") -> Figures:
    labels = [json.loads(line) for line in (CORPUS / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    labels = [label for label in labels if split == "all" or label["split"] == split]
    by_file: dict[str, list[dict[str, object]]] = defaultdict(list)
    for label in labels:
        by_file[str(label["id"])].append(label)
    files = {p.name.split("__")[0]: p for p in (CORPUS / "files").iterdir() if p.is_file()}
    policies = load_policies({}, builtin=True)
    found = checkable = enforced_ok = uncheckable = wrongly = spurious = enforced_total = 0
    for file_id, file_labels in sorted(by_file.items()):
        path = files[file_id]
        sentences = compile_agent(read_agent_file(str(path), path.read_bytes()), policies).sentences
        used: set[int] = set()
        for label in file_labels:
            low, high = _span(label)
            hits = [i for i, s in enumerate(sentences) if s.line <= high and s.end_line >= low]
            used.update(hits)
            found += bool(hits)
            enforced = any(sentences[i].status == ENFORCED for i in hits)
            if label["checkable_on_diff"]:
                checkable += 1
                enforced_ok += enforced
            else:
                uncheckable += 1
                wrongly += enforced
        for i, s in enumerate(sentences):
            if s.status == ENFORCED:
                enforced_total += 1
                spurious += i not in used
    return Figures(
        found / len(labels),
        enforced_ok / checkable,
        wrongly / uncheckable,
        spurious / enforced_total if enforced_total else 0.0,
    )


@pytest.fixture(scope="module")
def figures() -> Figures:
    return measure()


def test_rule_sentences_are_found(figures: Figures) -> None:
    assert figures.found >= 0.95


@pytest.mark.xfail(
    strict=True,
    reason=(
        "target not reached: 0.58 of the checkable labels are enforced (rules that checked something else "
        "than their sentence were withdrawn). Most of the rest need what a diff does not hold or a judgement "
        "(lint, format and build gates, ownership boundaries without paths, project-specific layering, API "
        "and payload conventions, multi-line constructs, languages without an analyser)"
    ),
)
def test_checkable_sentences_are_enforced(figures: Figures) -> None:
    assert figures.enforced_of_checkable >= 0.85


def test_checkable_sentences_enforced_do_not_regress(figures: Figures) -> None:
    assert figures.enforced_of_checkable >= 0.56


def test_uncheckable_sentences_are_not_enforced(figures: Figures) -> None:
    assert figures.wrongly_enforced <= 0.03


def test_enforced_sentences_are_rules(figures: Figures) -> None:
    assert figures.spurious <= 0.05
