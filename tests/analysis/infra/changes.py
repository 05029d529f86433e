"""Element changes between two commits of a real test repository, as a run computes them.

The change set is read by the sources layer from a repository built with real ``git``; the facts
engine runs the registered analysers, exactly as ``scopeguard diff`` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.support.gitrepo import FIXTURES, GitRepo, Tree

from scopeguard.analysis.engine import Facts, Need
from scopeguard.analysis.registry import analysers
from scopeguard.core.model import ElementChange, Notice
from scopeguard.sources.repository import Repository

#: (change, kind, name, type attribute, path, line)
Row = tuple[str, str, str, str | None, str, int]


@dataclass(frozen=True)
class Outcome:
    changes: list[ElementChange]
    notices: tuple[Notice, ...]

    def rows(self, *kinds: str) -> set[Row]:
        return {row(c) for c in self.changes if not kinds or c.kind in kinds}

    def named(self, kind: str, name: str) -> ElementChange:
        found = [c for c in self.changes if c.kind == kind and c.element.name == name]
        assert len(found) == 1, f"{kind} {name}: {found}"
        return found[0]


def row(c: ElementChange) -> Row:
    t = c.element.attributes.get("type")
    return (
        c.change,
        c.kind,
        c.element.name,
        t if isinstance(t, str) else None,
        c.element.path,
        c.element.span.line,
    )


def fixture_text(relative: str) -> str:
    return (FIXTURES / relative).read_text(encoding="utf-8")


def changes_between(
    tmp_path: Path, base: Tree, head: Tree, kinds: Sequence[str], *, replace: bool = True
) -> Outcome:
    """Commit ``base`` then ``head`` and compute the element changes of ``kinds`` between them."""
    repo = GitRepo(tmp_path / "repo")
    first = repo.commit(base, "base")
    second = repo.commit(head, "head", replace=replace)
    return facts_of(repo, first, second, kinds)


def facts_of(repo: GitRepo, first: str, second: str, kinds: Iterable[str]) -> Outcome:
    changeset = Repository.open(repo.path).changes(f"{first}..{second}")
    facts = Facts(changeset, analysers())
    wanted = list(kinds)
    facts.prepare([Need(k) for k in wanted])
    return Outcome([c for k in wanted for c in facts.changes(k)], facts.notices)
