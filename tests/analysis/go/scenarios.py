"""Test repositories for the Go delta and rule tests: the tabularium tree, then one change to it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from tests.analysis.go.gitchanges import changeset
from tests.support.gitrepo import FIXTURES, GitRepo

from scopeguard.analysis.engine import Facts, Need
from scopeguard.analysis.registry import analysers
from scopeguard.core.model import ElementChange

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
    facts = Facts(changeset(repo, base, head), [a for a in analysers() if a.name == "go"])
    facts.prepare([Need(k) for k in KINDS])
    return facts


Summary = tuple[str, str, str, str, int, "str | None", "str | None"]


def summary(facts: Facts, *kinds: str) -> list[Summary]:
    """Every element change of the kinds, as (change, kind, name, path, line, old_path, old_name), sorted."""
    changes: list[ElementChange] = [c for k in kinds or KINDS for c in facts.changes(k)]
    return sorted(
        (c.change, c.kind, c.element.name, c.element.path, c.element.span.line, c.old_path, c.old_name)
        for c in changes
    )


def only(facts: Facts, kind: str, name: str) -> ElementChange:
    (found,) = [c for c in facts.changes(kind) if c.element.name == name]
    return found
