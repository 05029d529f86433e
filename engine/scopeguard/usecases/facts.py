"""``scopeguard facts``: every element the engine sees in a change (what rules match against)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from scopeguard.analysis.engine import Facts, Need
from scopeguard.analysis.registry import analysers
from scopeguard.core.config import Config
from scopeguard.core.kinds import KINDS
from scopeguard.core.model import ElementChange, FileChange, Notice
from scopeguard.sources.repository import Repository
from scopeguard.usecases.context import load_workspace


@dataclass(frozen=True)
class FactsResult:
    base: str | None
    head: str
    files: tuple[FileChange, ...]
    elements: tuple[ElementChange, ...]
    notices: tuple[Notice, ...]


def run_facts(
    repo: str | None,
    range: str | None,
    *,
    staged: bool = False,
    patch: str | None = None,
    stdin: BinaryIO | None = None,
) -> FactsResult:
    repository = Repository.open(repo)
    changeset = repository.changes(range, staged=staged, patch=patch, stdin=stdin)
    config = load_workspace(repository, changeset.base).config if changeset.base else Config()
    facts = Facts(changeset, analysers(), max_file_bytes=config.max_file_size, excluded=config.exclude)
    kinds = [k for k in KINDS if k != "file"]
    facts.prepare(Need(k) for k in kinds)
    elements = [c for k in kinds for c in facts.changes(k)]
    return FactsResult(changeset.base, changeset.head, facts.files, tuple(elements), facts.notices)
