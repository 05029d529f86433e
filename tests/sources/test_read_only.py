"""Reading never writes: every byte of the working tree and of ``.git`` is the same afterwards.

The repository is left stat-dirty (a tracked file touched without a content change) and with
untracked and staged files, which is exactly when ``git status`` or ``git diff`` would rewrite
``.git/index`` and ``git add`` would write objects.
"""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from scopeguard.core.model import ChangeSet
from scopeguard.sources.repository import Repository
from tests.sources.helpers import commit, content, git_bytes, put, snapshot
from tests.support.gitrepo import GitRepo


@pytest.fixture
def busy_repo(git_repo: GitRepo, tmp_path: Path) -> tuple[GitRepo, str, Path]:
    base = commit(git_repo, {"a.py": "a = 1\n", "b.py": "b = 1\n", "c.txt": "c\n" * 30}, "one")
    commit(git_repo, {"a.py": "a = 2\n", "b.py": "b = 1\n", "c.txt": "c\n" * 30}, "two")
    patch = tmp_path / "change.patch"
    patch.write_bytes(git_bytes(git_repo, "diff", base, "HEAD"))
    put(git_repo, {"staged.py": "s = 1\n"}, replace=False)
    git_repo.git("add", "staged.py")
    put(git_repo, {"untracked.py": "u = 1\n", "c.txt": None, "moved/c.txt": "c\n" * 30}, replace=False)
    os.utime(git_repo.path / "b.py", (1_000_000_000, 1_000_000_000))
    return git_repo, base, patch


READS: dict[str, Callable[[Repository, str, Path], object]] = {
    "worktree": lambda r, base, patch: r.changes(),
    "revision against worktree": lambda r, base, patch: r.changes(base),
    "staged": lambda r, base, patch: r.changes(staged=True),
    "range": lambda r, base, patch: r.changes(f"{base}..HEAD"),
    "merge-base range": lambda r, base, patch: r.changes(f"{base}...HEAD"),
    "patch": lambda r, base, patch: r.changes(base, patch=str(patch)),
    "proposed change": lambda r, base, patch: r.proposed_change("a.py", b"a = 3\n"),
    "read": lambda r, base, patch: r.read(base, "a.py"),
    "list paths": lambda r, base, patch: r.list_paths("HEAD"),
    "worktree paths": lambda r, base, patch: r.list_worktree_paths(),
    "worktree file": lambda r, base, patch: r.read_worktree("untracked.py"),
}


@pytest.mark.parametrize("kind", sorted(READS))
def test_reading_writes_nothing(busy_repo: tuple[GitRepo, str, Path], kind: str) -> None:
    repo, base, patch = busy_repo
    before = snapshot(repo.path)
    result = READS[kind](Repository.open(repo.path), base, patch)
    if isinstance(result, ChangeSet):
        for f in result.files:
            content(result, f.old)
            content(result, f.new)
    assert snapshot(repo.path) == before


def test_working_tree_snapshot_is_removed_with_its_change_set(
    busy_repo: tuple[GitRepo, str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    repo, _, _ = busy_repo
    changeset = Repository.open(repo.path).changes()
    (made,) = scratch.iterdir()
    moved = {f.path: f for f in changeset.files}["moved/c.txt"]
    assert (moved.status, moved.old_path, content(changeset, moved.new)) == ("renamed", "c.txt", b"c\n" * 30)
    del changeset, moved
    gc.collect()
    assert not made.exists()
