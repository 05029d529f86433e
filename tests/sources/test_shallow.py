"""A shallow clone (CI's ``actions/checkout`` default) lacks the base: say so, and what to fetch."""

from __future__ import annotations

from pathlib import Path

import pytest

from scopeguard.core.errors import UserError
from scopeguard.sources.repository import Repository
from tests.sources.helpers import commit
from tests.support.gitrepo import GitRepo
from tests.support.shallow import shallow_clone

FETCH = (
    "  fetch the missing history: `git fetch --deepen=<n>` (n more commits) or `git fetch --unshallow`; "
    "in GitHub Actions, set `fetch-depth: 0` on actions/checkout"
)


def rendered(call: object, *args: object) -> str:
    with pytest.raises(UserError) as caught:
        call(*args)  # type: ignore[operator]
    return caught.value.render()


def test_base_commit_missing_from_a_shallow_clone(git_repo: GitRepo, tmp_path: Path) -> None:
    base = commit(git_repo, {"a.txt": "1\n"}, "one")
    commit(git_repo, {"a.txt": "2\n"}, "two")
    clone = Repository.open(shallow_clone(git_repo, tmp_path / "ci"))
    assert clone.shallow
    assert rendered(clone.changes, "HEAD~1..HEAD") == (
        "error: unknown revision 'HEAD~1': not a commit in this repository "
        "(a shallow clone: the commit may be in the history that was not fetched)\n" + FETCH
    )
    assert rendered(clone.changes, f"{base}..HEAD") == (
        f"error: unknown revision '{base}': not a commit in this repository "
        "(a shallow clone: the commit may be in the history that was not fetched)\n" + FETCH
    )


def test_merge_base_missing_from_a_shallow_clone(git_repo: GitRepo, tmp_path: Path) -> None:
    root = commit(git_repo, {"a.txt": "1\n"}, "root")
    commit(git_repo, {"a.txt": "1\n", "main.txt": "m\n"}, "main")
    git_repo.git("checkout", "-q", "-b", "feature", root)
    commit(git_repo, {"a.txt": "1\n", "feature.txt": "f\n"}, "feature")
    clone = Repository.open(shallow_clone(git_repo, tmp_path / "ci", all_branches=True))
    assert rendered(clone.changes, "origin/main...HEAD") == (
        "error: no merge-base of 'origin/main' and 'HEAD' in this shallow clone: "
        "the history that joins them was not fetched\n" + FETCH
    )


def test_a_shallow_clone_still_reads_what_it_has(git_repo: GitRepo, tmp_path: Path) -> None:
    commit(git_repo, {"a.txt": "1\n"}, "one")
    commit(git_repo, {"a.txt": "2\n"}, "two")
    path = shallow_clone(git_repo, tmp_path / "ci")
    (path / "a.txt").write_text("3\n")
    clone = Repository.open(path)
    assert [(f.status, f.path) for f in clone.changes().files] == [("modified", "a.txt")]
