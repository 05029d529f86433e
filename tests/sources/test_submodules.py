"""Submodules: a gitlink (mode 160000) whose object id is the submodule's commit, and no content."""

from __future__ import annotations

from pathlib import Path

import pytest

from scopeguard.core.model import MODE_FILE, MODE_SUBMODULE, Blob
from tests.sources.helpers import commit, git_bytes, open_repo
from tests.support.gitrepo import GitRepo


@pytest.fixture
def with_submodule(tmp_path: Path) -> tuple[GitRepo, GitRepo, str, str]:
    """A repository whose ``vendor/lib`` is a real submodule, and the submodule's two commits."""
    lib = GitRepo(tmp_path / "lib")
    first = commit(lib, {"lib.py": "v = 1\n"}, "lib one")
    second = commit(lib, {"lib.py": "v = 2\n"}, "lib two")
    main = GitRepo(tmp_path / "main")
    commit(main, {"README.md": "main\n"}, "start")
    main.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(lib.path), "vendor/lib")
    main.git("-C", "vendor/lib", "checkout", "-q", first)
    main.git("add", "vendor/lib")
    commit(main, None, "add lib at its first commit")
    return main, lib, first, second


def test_submodule_commit_change_in_a_range(with_submodule: tuple[GitRepo, GitRepo, str, str]) -> None:
    main, _, first, second = with_submodule
    base = main.git("rev-parse", "HEAD")
    main.git("-C", "vendor/lib", "checkout", "-q", second)
    head = commit(main, None, "bump lib")
    changeset = open_repo(main).changes(f"{base}..{head}")
    (change,) = changeset.files
    assert change.status == "modified"
    assert change.old == Blob("vendor/lib", MODE_SUBMODULE, first)
    assert change.new == Blob("vendor/lib", MODE_SUBMODULE, second)
    assert changeset.reader is not None and changeset.reader.read_blobs([second]) == {}


def test_submodule_checked_out_at_another_commit_shows_in_the_working_tree(
    with_submodule: tuple[GitRepo, GitRepo, str, str],
) -> None:
    main, _, first, second = with_submodule
    main.git("-C", "vendor/lib", "checkout", "-q", second)
    (change,) = open_repo(main).changes().files
    assert (change.status, change.old, change.new) == (
        "modified",
        Blob("vendor/lib", MODE_SUBMODULE, first),
        Blob("vendor/lib", MODE_SUBMODULE, second),
    )


def test_added_submodule_in_the_index(tmp_path: Path) -> None:
    lib = GitRepo(tmp_path / "lib")
    sha = commit(lib, {"lib.py": "v = 1\n"}, "lib")
    main = GitRepo(tmp_path / "main")
    commit(main, {"README.md": "main\n"}, "start")
    main.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(lib.path), "vendor/lib")
    changeset = open_repo(main).changes(staged=True)
    assert [(f.status, f.path, f.new) for f in changeset.files] == [
        ("added", ".gitmodules", Blob(".gitmodules", MODE_FILE, main.git("rev-parse", ":.gitmodules"))),
        ("added", "vendor/lib", Blob("vendor/lib", MODE_SUBMODULE, sha)),
    ]


def test_submodule_change_in_a_patch(
    with_submodule: tuple[GitRepo, GitRepo, str, str], tmp_path: Path
) -> None:
    main, _, first, second = with_submodule
    base = main.git("rev-parse", "HEAD")
    main.git("-C", "vendor/lib", "checkout", "-q", second)
    head = commit(main, None, "bump lib")
    patch = tmp_path / "bump.patch"
    patch.write_bytes(git_bytes(main, "diff", base, head))
    (change,) = open_repo(main).changes(base, patch=str(patch)).files
    assert (change.status, change.old, change.new) == (
        "modified",
        Blob("vendor/lib", MODE_SUBMODULE, first),
        Blob("vendor/lib", MODE_SUBMODULE, second),
    )
