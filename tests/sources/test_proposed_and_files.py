"""The editor hook's one-file change, files at a revision, working-tree files, and batch blob reads."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from scopeguard.core.errors import UserError
from scopeguard.core.model import MODE_EXECUTABLE, MODE_FILE, MODE_SYMLINK, Blob, FileChange
from scopeguard.sources.blobs import BatchBlobReader, object_id
from scopeguard.sources.gitcmd import GitResult, GitRunner
from scopeguard.sources.repository import Repository, read_file
from tests.sources.helpers import Exe, Link, blob_id, commit, open_repo, put
from tests.support.gitrepo import GitRepo


def rendered(call: object, *args: object) -> str:
    with pytest.raises(UserError) as caught:
        call(*args)  # type: ignore[operator]
    return caught.value.render()


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    commit(
        git_repo, {"src/app.py": "x = 1\n", "bin/run": Exe(b"#!/bin/sh\n"), "link": Link("src/app.py")}, "one"
    )
    return git_repo


def test_proposed_edit_of_a_tracked_file(repo: GitRepo) -> None:
    head = repo.git("rev-parse", "HEAD")
    changeset = open_repo(repo).proposed_change("src/app.py", b"x = 2\n")
    assert (changeset.base, changeset.head) == (head, "WORKTREE")
    assert changeset.files == (
        FileChange(
            "modified",
            "src/app.py",
            Blob("src/app.py", MODE_FILE, blob_id(repo, b"x = 1\n")),
            Blob("src/app.py", MODE_FILE, blob_id(repo, b"x = 2\n"), b"x = 2\n"),
        ),
    )
    assert changeset.reader is not None
    assert changeset.reader.read_blobs([blob_id(repo, b"x = 2\n"), blob_id(repo, b"x = 1\n")]) == {
        blob_id(repo, b"x = 2\n"): b"x = 2\n",
        blob_id(repo, b"x = 1\n"): b"x = 1\n",
    }


def test_proposed_new_file_by_absolute_path_keeps_the_executable_bit(repo: GitRepo) -> None:
    put(repo, {"tools/new.sh": Exe(b"old\n")}, replace=False)
    changeset = open_repo(repo).proposed_change(str(repo.path / "tools" / "new.sh"), b"echo\n")
    assert changeset.files == (
        FileChange(
            "added",
            "tools/new.sh",
            None,
            Blob("tools/new.sh", MODE_EXECUTABLE, blob_id(repo, b"echo\n"), b"echo\n"),
        ),
    )


def test_proposed_deletion_unchanged_content_and_mode_kept(repo: GitRepo) -> None:
    repository = open_repo(repo)
    assert repository.proposed_change("src/app.py", None).files == (
        FileChange("removed", "src/app.py", Blob("src/app.py", MODE_FILE, blob_id(repo, b"x = 1\n")), None),
    )
    assert repository.proposed_change("src/app.py", b"x = 1\n").files == ()
    assert repository.proposed_change("never/was.txt", None).files == ()
    (run,) = repository.proposed_change("bin/run", b"#!/bin/bash\n").files
    assert run.new is not None and run.new.mode == MODE_EXECUTABLE
    (link,) = repository.proposed_change("link", b"elsewhere").files
    assert link.new == Blob("link", MODE_SYMLINK, blob_id(repo, b"elsewhere"), b"elsewhere")


def test_proposed_change_in_a_repository_without_commits(git_repo: GitRepo) -> None:
    changeset = open_repo(git_repo).proposed_change("a.txt", b"a\n")
    assert (changeset.base, [(f.status, f.path) for f in changeset.files]) == (None, [("added", "a.txt")])


def test_proposed_change_outside_the_repository(repo: GitRepo, tmp_path: Path) -> None:
    repository = open_repo(repo)
    outside = str(tmp_path / "elsewhere.txt")
    assert rendered(repository.proposed_change, outside, b"") == (
        f"{outside}: error: the path is outside the repository {repository.root}"
    )
    assert (
        rendered(repository.proposed_change, "../x", b"") == "../x: error: not a path inside the repository"
    )


def test_read_files_at_a_revision(repo: GitRepo) -> None:
    commit(repo, {"src/app.py": "x = 9\n", "odd\nname.txt": "odd\n", "sp ace.md": "s\n"}, "two")
    repository = open_repo(repo)
    assert repository.read("HEAD~1", "src/app.py") == b"x = 1\n"
    assert repository.read("HEAD", "src/app.py") == b"x = 9\n"
    assert repository.read("HEAD", "odd\nname.txt") == b"odd\n"
    assert repository.read("HEAD", "sp ace.md") == b"s\n"
    assert repository.read("HEAD~1", "sp ace.md") is None
    assert repository.read("HEAD", "src") is None
    assert rendered(repository.read, "no-such-branch", "src/app.py") == (
        "error: unknown revision 'no-such-branch': not a commit in this repository\n"
        "  check the name, or fetch it first: git fetch origin no-such-branch"
    )


def test_read_many_files_at_a_revision_in_one_round_trip(repo: GitRepo) -> None:
    commit(repo, {"src/app.py": "x = 9\n", "odd\nname.txt": "odd\n", "sp ace.md": "s\n"}, "two")
    repository = open_repo(repo)
    paths = ["sp ace.md", "src/app.py", "missing.txt", "odd\nname.txt", "src"]
    assert repository.read_many("HEAD", paths) == {
        "sp ace.md": b"s\n",
        "src/app.py": b"x = 9\n",
        "missing.txt": None,
        "odd\nname.txt": b"odd\n",
        "src": None,
    }
    assert repository.read_many("HEAD~1", ["src/app.py"]) == {"src/app.py": b"x = 1\n"}
    assert repository.read_many("HEAD", []) == {}


def test_list_paths_at_a_revision_and_in_the_working_tree(repo: GitRepo) -> None:
    repository = open_repo(repo)
    assert repository.list_paths("HEAD") == ["bin/run", "link", "src/app.py"]
    put(
        repo,
        {".gitignore": "*.log\n", "new.py": "n\n", "debug.log": "d\n", "src/app.py": None},
        replace=False,
    )
    assert repository.list_worktree_paths() == [".gitignore", "bin/run", "link", "new.py"]
    assert rendered(repository.list_paths, "nope") == (
        "error: unknown revision 'nope': not a commit in this repository\n"
        "  check the name, or fetch it first: git fetch origin nope"
    )


def test_read_working_tree_files(repo: GitRepo) -> None:
    put(repo, {"src/app.py": "x = 5\n"}, replace=False)
    repository = open_repo(repo)
    assert repository.read_worktree("src/app.py") == b"x = 5\n"
    assert repository.read_worktree(str(repo.path / "src" / "app.py")) == b"x = 5\n"
    assert repository.read_worktree("link") == b"x = 5\n"
    assert repository.read_worktree("missing.txt") is None
    assert repository.read_worktree("src") is None


def test_read_file_outside_the_repository(tmp_path: Path) -> None:
    policy = tmp_path / "central.scope"
    policy.write_bytes(b"rule x:\n")
    assert read_file(policy) == b"rule x:\n"
    assert (
        rendered(read_file, tmp_path / "nope.scope")
        == f"{tmp_path / 'nope.scope'}: error: cannot read the file: no such file"
    )
    if os.geteuid() != 0:
        policy.chmod(0)
        assert rendered(read_file, policy) == f"{policy}: error: cannot read the file: permission denied"


class CountingRunner(GitRunner):
    """The real runner, counting the git processes it starts."""

    calls: list[tuple[str, ...]]

    def run(self, *args: str, input: bytes | None = None, env: Mapping[str, str] | None = None) -> GitResult:
        self.calls.append(args)
        return super().run(*args, input=input, env=env)


def test_all_blobs_are_read_in_one_git_process(repo: GitRepo) -> None:
    import git

    texts = [f"file {i}\n".encode() for i in range(200)]
    commit(repo, {f"f{i}.txt": t for i, t in enumerate(texts)}, "many")
    runner = CountingRunner(git.Repo(repo.path))
    runner.calls = []
    reader = BatchBlobReader(runner, overlay={object_id(b"mem"): b"mem"})
    oids = [blob_id(repo, t) for t in texts] + [object_id(b"mem"), "0" * 40]
    found = reader.read_blobs(oids)
    assert len(runner.calls) == 1 and runner.calls[0] == ("cat-file", "--batch")
    assert found == {**{blob_id(repo, t): t for t in texts}, object_id(b"mem"): b"mem"}


def test_object_id_matches_git(repo: GitRepo) -> None:
    for data in (b"", b"x\n", bytes(range(256)), "é\r\n".encode()):
        assert object_id(data) == blob_id(repo, data)
    assert object_id(b"", kind="tree") == repo.git("hash-object", "-t", "tree", "--stdin", input=b"")


def test_repository_root_is_resolved(repo: GitRepo) -> None:
    assert Repository.open(repo.path / "src").root == repo.path.resolve()
