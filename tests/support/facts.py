"""Reading the facts of a change in tests: the real sources layer, then short summaries to assert on."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from scopeguard.analysis.engine import Facts
from scopeguard.core.kinds import KINDS
from scopeguard.core.model import ChangeSet, ElementChange
from scopeguard.sources.repository import Repository

#: (change, kind, name, path, line, old_path, old_name)
Summary = tuple[str, str, str, str, int, "str | None", "str | None"]


def changeset(repo_path: Path, base: str, head: str) -> ChangeSet:
    """The change between two commits, read as ``scopeguard diff BASE..HEAD`` reads it."""
    return Repository.open(repo_path).changes(f"{base}..{head}")


#: the analysed kinds (files and lines are always there, so a summary leaves them out unless asked)
ANALYSED = tuple(k for k in KINDS if k not in ("file", "line"))


def summary(facts: Facts, *kinds: str) -> list[Summary]:
    """Every element change of the kinds (default: every analysed kind), as tuples, sorted."""
    changes: Iterable[ElementChange] = [c for k in kinds or ANALYSED for c in facts.changes(k)]
    return sorted(
        (c.change, c.kind, c.element.name, c.element.path, c.element.span.line, c.old_path, c.old_name)
        for c in changes
    )


def only(facts: Facts, kind: str, name: str) -> ElementChange:
    """The one change of ``kind`` whose element is named ``name``."""
    (found,) = [c for c in facts.changes(kind) if c.element.name == name]
    return found
