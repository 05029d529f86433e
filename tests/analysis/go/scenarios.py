"""Test repositories for the Go delta and rule tests: the tabularium tree, then one change to it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from tests.support.facts import changeset
from tests.support.gitrepo import FIXTURES, GitRepo

from scopeguard.analysis.engine import Facts, Need
from scopeguard.analysis.registry import analysers

TABULARIUM = FIXTURES / "go" / "tabularium"
KINDS = ("class", "function", "import", "call")
ASSET = "pkg/model/model/asset.go"
RISK = "pkg/model/model/risk.go"
HANDLER = "backend/pkg/handler/asset/handler.go"


def fixture_text(rel: str) -> str:
    return (TABULARIUM / rel).read_text(encoding="utf-8")


def edited(rel: str, old: str, new: str) -> str:
    """A fixture file with one exact piece of text replaced (which must be there exactly once)."""
    text = fixture_text(rel)
    assert text.count(old) == 1, f"{old!r} is not in {rel} exactly once"
    return text.replace(old, new)


def go_facts(tmp_path: Path, change: Mapping[str, str | None]) -> Facts:
    """Facts of one commit that applies ``change`` (path -> text, ``None`` deletes) to the tabularium tree."""
    repo = GitRepo(tmp_path / "repo")
    base = repo.commit(TABULARIUM, "base")
    head = repo.commit(change, "change", replace=False)
    facts = Facts(changeset(repo.path, base, head), [a for a in analysers() if a.name == "go"])
    facts.prepare([Need(k) for k in KINDS])
    return facts
