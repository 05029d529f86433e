"""The facts engine around the Python analyser: the facts cache and its store, batching, what is read."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from tests.analysis.python.support import WORKED, commit_pair, fixture_text
from tests.analysis.python.test_delta import MODELS, SERVICE, WIDGET
from tests.support.facts import summary

from scopeguard.analysis.base import FileFacts, SourceFile
from scopeguard.analysis.contents import FactsCache, decode_facts, encode_facts
from scopeguard.analysis.engine import Facts, Need, _balance
from scopeguard.analysis.python import PythonAnalyser
from scopeguard.core.model import AttrValue, ChangeSet, Element
from scopeguard.sources.repository import Repository


class Counting(PythonAnalyser):
    """The Python analyser, counting the file sides it reads."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def extract(self, source: SourceFile, kinds: frozenset[str]) -> FileFacts:
        self.paths.append(source.path)
        return super().extract(source, kinds)

    def compare(self, before: Element, after: Element) -> Mapping[str, AttrValue]:
        return super().compare(before, after)


class DictStore:
    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.entries.get(key)

    def put(self, key: str, data: bytes) -> None:
        self.entries[key] = data


def _changeset(tmp_path: Path, change: Mapping[str, str | bytes | None]) -> ChangeSet:
    repo, first, second = commit_pair(tmp_path, WORKED, change)
    return Repository.open(repo.path).changes(f"{first}..{second}")


def test_a_store_spares_the_second_run_every_parse(tmp_path: Path) -> None:
    changeset = _changeset(tmp_path, {MODELS: fixture_text(MODELS) + WIDGET, SERVICE: None})
    store = DictStore()
    first = Counting()
    one = Facts(changeset, [first], store=store, jobs=1)
    one.prepare([Need("class"), Need("function")])
    assert sorted(first.paths) == [MODELS, MODELS, SERVICE]
    assert len(store.entries) == 3
    second = Counting()
    two = Facts(changeset, [second], store=store, jobs=1)
    two.prepare([Need("class"), Need("function")])
    assert second.paths == []
    assert summary(two, "class", "function") == summary(one, "class", "function")


def test_only_the_files_the_rules_look_at_are_read(tmp_path: Path) -> None:
    changeset = _changeset(
        tmp_path,
        {
            MODELS: fixture_text(MODELS) + WIDGET,
            SERVICE: fixture_text(SERVICE) + "\n\ndef extra():\n    pass\n",
        },
    )
    analyser = Counting()
    facts = Facts(changeset, [analyser], jobs=1)
    facts.prepare([Need("class", ("client/**",))])
    assert analyser.paths == [MODELS, MODELS]
    assert summary(facts, "class") == [("added", "class", "Widget", MODELS, 30, None, None)]
    facts.prepare([Need("class", ("client/**",))])  # asked again: nothing more is read
    assert analyser.paths == [MODELS, MODELS]


def test_facts_survive_their_encoding() -> None:
    source = fixture_text("src/app/api.py").encode()
    facts = PythonAnalyser().extract(
        SourceFile("src/app/api.py", source, "head"), frozenset({"function", "route"})
    )
    assert decode_facts(encode_facts(facts)) == facts
    assert decode_facts(b"not json") is None
    assert FactsCache.key("python", "1", "abc", "a.py", frozenset({"class"})) != FactsCache.key(
        "python", "1", "abc", "b.py", frozenset({"class"})
    )


def test_work_is_balanced_by_size() -> None:
    assert _balance([10, 1, 1, 8, 2], 2) == [[0, 1], [2, 3, 4]]
    assert _balance([5], 3) == [[0], [], []]
