"""Helpers for the Python analyser tests: one file's elements, and the facts of a real git change."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from tests.support.gitrepo import FIXTURES, GitRepo, Tree

from scopeguard.analysis.base import SourceFile
from scopeguard.analysis.engine import DEFAULT_MAX_FILE_BYTES, Facts, Need
from scopeguard.analysis.python import PythonAnalyser
from scopeguard.analysis.registry import analysers
from scopeguard.core.model import Element
from scopeguard.sources.repository import Repository

WORKED = FIXTURES / "python" / "worked" / "base"
KINDS = ("class", "function", "import", "call", "decorator", "route", "resource")


def elements(source: str | bytes, path: str = "pkg/mod.py", *kinds: str) -> list[Element]:
    """The elements of one file side, as the analyser reads them."""
    data = source.encode("utf-8") if isinstance(source, str) else source
    return list(PythonAnalyser().extract(SourceFile(path, data, "head"), frozenset(kinds or KINDS)).elements)


def named(found: list[Element], kind: str, name: str) -> Element:
    (element,) = [e for e in found if e.kind == kind and e.name == name]
    return element


def fixture_text(rel: str) -> str:
    return (WORKED / rel).read_text(encoding="utf-8")


def edited(rel: str, old: str, new: str) -> str:
    """A fixture file with one exact piece of text replaced (which must be there exactly once)."""
    text = fixture_text(rel)
    assert text.count(old) == 1, f"{old!r} is not in {rel} exactly once"
    return text.replace(old, new)


def commit_pair(
    tmp_path: Path, base: Tree, change: Mapping[str, str | bytes | None]
) -> tuple[GitRepo, str, str]:
    """A repository with the commit ``base`` and a second commit applying ``change`` to it."""
    repo = GitRepo(tmp_path / "repo")
    first = repo.commit(base, "base")
    second = repo.commit(change, "change", replace=False)
    return repo, first, second


def python_facts(
    tmp_path: Path,
    change: Mapping[str, str | bytes | None],
    base: Tree = WORKED,
    *,
    jobs: int | None = 1,
    kinds: tuple[str, ...] = KINDS,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> Facts:
    """The Python facts of one commit that applies ``change`` to ``base``, read through the sources layer."""
    repo, first, second = commit_pair(tmp_path, base, change)
    changeset = Repository.open(repo.path).changes(f"{first}..{second}")
    python = [a for a in analysers() if a.name == "python"]
    facts = Facts(changeset, python, jobs=jobs, max_file_bytes=max_file_bytes)
    facts.prepare([Need(k) for k in kinds])
    return facts
