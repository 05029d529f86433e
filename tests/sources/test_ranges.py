"""Which two trees a RANGE compares, the commit messages it carries, and the errors it can raise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scopeguard.core.errors import UserError
from scopeguard.sources.repository import Repository
from tests.sources.helpers import blob_id, by_path, commit, content, open_repo, put
from tests.support.gitrepo import GitRepo


def statuses(repo: Repository, range: str | None = None, **kwargs: object) -> list[tuple[str, str]]:
    return [(f.status, f.path) for f in repo.changes(range, **kwargs).files]  # type: ignore[arg-type]


def error_of(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(UserError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return caught.value.render()


@pytest.fixture
def branched(git_repo: GitRepo) -> dict[str, str]:
    """main: c0 -> c1 (main.txt); feature from c0: f1, f2 (feature.txt, with Agent: trailers)."""
    c0 = commit(git_repo, {"shared.txt": "v0\n"}, "root")
    c1 = commit(git_repo, {"shared.txt": "v0\n", "main.txt": "m\n"}, "main work")
    git_repo.git("checkout", "-q", "-b", "feature", c0)
    f1 = commit(git_repo, {"shared.txt": "v0\n", "feature.txt": "1\n"}, "start feature\n\nAgent: backend-dev")
    f2 = commit(
        git_repo, {"shared.txt": "v1\n", "feature.txt": "2\n"}, "finish feature\n\nAgent: backend-dev"
    )
    git_repo.git("checkout", "-q", "main")
    return {"c0": c0, "c1": c1, "f1": f1, "f2": f2}


def test_two_dot_range_compares_the_two_commits(git_repo: GitRepo, branched: dict[str, str]) -> None:
    changeset = open_repo(git_repo).changes("main..feature")
    assert (changeset.base, changeset.head) == (branched["c1"], branched["f2"])
    assert [(f.status, f.path) for f in changeset.files] == [
        ("added", "feature.txt"),
        ("removed", "main.txt"),
        ("modified", "shared.txt"),
    ]
    assert changeset.messages == (
        "finish feature\n\nAgent: backend-dev",
        "start feature\n\nAgent: backend-dev",
    )


def test_three_dot_range_starts_at_the_merge_base(git_repo: GitRepo, branched: dict[str, str]) -> None:
    changeset = open_repo(git_repo).changes("main...feature")
    assert (changeset.base, changeset.head) == (branched["c0"], branched["f2"])
    files = by_path(changeset)
    assert [(f.status, f.path) for f in changeset.files] == [
        ("added", "feature.txt"),
        ("modified", "shared.txt"),
    ]
    assert content(changeset, files["shared.txt"].old) == b"v0\n"
    assert content(changeset, files["shared.txt"].new) == b"v1\n"
    assert changeset.messages == (
        "finish feature\n\nAgent: backend-dev",
        "start feature\n\nAgent: backend-dev",
    )


def test_a_missing_side_of_a_range_is_head(git_repo: GitRepo, branched: dict[str, str]) -> None:
    repo = open_repo(git_repo)
    upto_head = repo.changes(f"{branched['c0']}..")
    assert (upto_head.base, upto_head.head) == (branched["c0"], branched["c1"])
    from_head = repo.changes("..feature")
    assert (from_head.base, from_head.head) == (branched["c1"], branched["f2"])


def test_single_revision_is_compared_with_the_working_tree(git_repo: GitRepo) -> None:
    c0 = commit(git_repo, {".gitignore": "*.log\nbuild/\n", "a.py": "a = 1\n", "b.py": "b = 1\n"}, "one")
    commit(git_repo, {".gitignore": "*.log\nbuild/\n", "a.py": "a = 2\n", "b.py": "b = 1\n"}, "two")
    put(
        git_repo,
        {"b.py": None, "new.py": "n = 1\n", "debug.log": "x\n", "build/out.js": "x\n"},
        replace=False,
    )
    changeset = open_repo(git_repo).changes(c0)
    assert (changeset.base, changeset.head, changeset.messages) == (c0, "WORKTREE", ())
    assert [(f.status, f.path) for f in changeset.files] == [
        ("modified", "a.py"),
        ("removed", "b.py"),
        ("added", "new.py"),
    ]
    new = by_path(changeset)["new.py"].new
    assert new is not None and (new.oid, content(changeset, new)) == (
        blob_id(git_repo, b"n = 1\n"),
        b"n = 1\n",
    )


def test_no_range_is_head_against_the_working_tree_with_untracked_files(git_repo: GitRepo) -> None:
    head = commit(git_repo, {"src/app.py": "x = 1\n", "README.md": "hi\n"}, "one")
    put(git_repo, {"src/app.py": "x = 2\n", "src/util.py": "u = 1\n"}, replace=False)
    git_repo.git("add", "src/app.py")
    put(git_repo, {"src/app.py": "x = 3\n"}, replace=False)
    changeset = open_repo(git_repo).changes()
    assert (changeset.base, changeset.head) == (head, "WORKTREE")
    files = by_path(changeset)
    assert [(f.status, f.path) for f in changeset.files] == [
        ("modified", "src/app.py"),
        ("added", "src/util.py"),
    ]
    assert content(changeset, files["src/app.py"].new) == b"x = 3\n"


def test_moving_a_file_in_the_working_tree_is_a_rename(git_repo: GitRepo) -> None:
    body = "".join(f"value_{i} = {i}\n" for i in range(30))
    commit(git_repo, {"pkg/settings.py": body}, "one")
    put(git_repo, {"pkg/settings.py": None, "pkg/conf/settings.py": body + "extra = 1\n"}, replace=False)
    (change,) = open_repo(git_repo).changes().files
    assert (change.status, change.path, change.old_path, change.similarity) == (
        "renamed",
        "pkg/conf/settings.py",
        "pkg/settings.py",
        97,
    )


def test_staged_compares_head_with_the_index_only(git_repo: GitRepo) -> None:
    head = commit(git_repo, {"a.txt": "1\n", "b.txt": "1\n"}, "one")
    put(git_repo, {"a.txt": "2\n", "c.txt": "new\n"}, replace=False)
    git_repo.git("add", "a.txt", "c.txt")
    put(git_repo, {"a.txt": "3\n", "b.txt": "unstaged\n", "d.txt": "untracked\n"}, replace=False)
    changeset = open_repo(git_repo).changes(staged=True)
    assert (changeset.base, changeset.head) == (head, "INDEX")
    files = by_path(changeset)
    assert [(f.status, f.path) for f in changeset.files] == [("modified", "a.txt"), ("added", "c.txt")]
    assert content(changeset, files["a.txt"].new) == b"2\n"


def test_repository_without_commits(git_repo: GitRepo) -> None:
    put(git_repo, {"first.py": "print(1)\n", "second.py": "print(2)\n"})
    repo = open_repo(git_repo)
    worktree = repo.changes()
    assert (worktree.base, worktree.head) == (None, "WORKTREE")
    assert statuses(repo) == [("added", "first.py"), ("added", "second.py")]
    git_repo.git("add", "first.py")
    staged = repo.changes(staged=True)
    assert (staged.base, staged.head) == (None, "INDEX")
    assert [(f.status, f.path) for f in staged.files] == [("added", "first.py")]
    assert error_of(repo.changes, "HEAD") == (
        "error: unknown revision 'HEAD': not a commit in this repository\n"
        "  the repository has no commits yet: run without a RANGE to check the working tree"
    )


def test_opening_from_a_subdirectory_gives_repository_relative_paths(git_repo: GitRepo) -> None:
    commit(git_repo, {"deep/er/file.txt": "1\n"}, "one")
    put(git_repo, {"deep/er/file.txt": "2\n"}, replace=False)
    repo = Repository.open(git_repo.path / "deep" / "er")
    assert repo.root == git_repo.path.resolve()
    assert statuses(repo) == [("modified", "deep/er/file.txt")]


def test_unknown_revision(git_repo: GitRepo) -> None:
    commit(git_repo, {"a": "1\n"}, "one")
    git_repo.git("branch", "release-2.0")
    repo = open_repo(git_repo)
    assert error_of(repo.changes, "nope..HEAD") == (
        "error: unknown revision 'nope': not a commit in this repository\n"
        "  check the name, or fetch it first: git fetch origin nope"
    )
    assert error_of(repo.changes, "release-2.1") == (
        "error: unknown revision 'release-2.1': not a commit in this repository\n"
        "  did you mean 'release-2.0'?"
    )
    assert error_of(repo.resolve, "HEAD~5") == (
        "error: unknown revision 'HEAD~5': not a commit in this repository\n"
        "  the history is shorter than that: count the commits with `git log --oneline`"
    )


def test_a_revision_that_is_not_a_commit(git_repo: GitRepo) -> None:
    commit(git_repo, {"a": "1\n"}, "one")
    blob = git_repo.git("rev-parse", "HEAD:a")
    git_repo.git("tag", "snapshot", "HEAD^{tree}")
    repo = open_repo(git_repo)
    give = "  give a commit: a branch, a tag of a commit, a commit id or HEAD~N"
    assert error_of(repo.resolve, blob) == f"error: revision '{blob}' is a blob, not a commit\n{give}"
    assert error_of(repo.changes, "snapshot") == f"error: revision 'snapshot' is a tree, not a commit\n{give}"
    assert error_of(repo.changes, "HEAD^{tree}") == (
        f"error: revision 'HEAD^{{tree}}' is a tree, not a commit\n{give}"
    )
    assert (
        error_of(repo.changes, "HEAD:a..HEAD") == f"error: revision 'HEAD:a' is a blob, not a commit\n{give}"
    )


def test_what_is_said_of_a_revision_that_is_not_there_fits_its_form(git_repo: GitRepo) -> None:
    commit(git_repo, {"a": "1\n"}, "one")
    repo = open_repo(git_repo)
    # an ancestor of a commit that is there: the history is shorter
    assert error_of(repo.resolve, "main~3").endswith(
        "the history is shorter than that: count the commits with `git log --oneline`"
    )
    # an ancestor of a name that is not there: that name is what to fetch
    assert error_of(repo.resolve, "origin/main~3") == (
        "error: unknown revision 'origin/main~3': not a commit in this repository\n"
        "  check the name, or fetch it first: git fetch origin main"
    )
    # not a name git could fetch: no fetch command made of it
    assert error_of(repo.resolve, "HEAD@{nope}") == (
        "error: unknown revision 'HEAD@{nope}': not a commit in this repository\n"
        "  give a commit: a branch, a tag of a commit, a commit id or HEAD~N"
    )


def test_three_dot_range_without_common_history(git_repo: GitRepo) -> None:
    commit(git_repo, {"a": "1\n"}, "one")
    git_repo.git("checkout", "-q", "--orphan", "other")
    commit(git_repo, {"b": "1\n"}, "unrelated")
    assert error_of(open_repo(git_repo).changes, "main...other") == (
        "error: 'main' and 'other' have no common ancestor, so 'main...other' has no base\n"
        "  compare the two commits directly: main..other"
    )


def test_combinations_that_make_no_sense(git_repo: GitRepo, tmp_path: Path) -> None:
    commit(git_repo, {"a": "1\n"}, "one")
    repo = open_repo(git_repo)
    assert (
        error_of(repo.changes, "HEAD", staged=True)
        == "error: --staged compares HEAD with the index and takes no RANGE"
    )
    assert error_of(repo.changes, staged=True, patch="x.patch") == (
        "error: --staged and --patch cannot be combined: a patch applies to a commit"
    )
    assert error_of(repo.changes, "HEAD~1..HEAD", patch="x.patch") == (
        "error: --patch applies to one revision, not to the range 'HEAD~1..HEAD'\n"
        "  give the base alone: scopeguard diff BASE --patch FILE"
    )
    assert error_of(repo.changes, "--output=x") == (
        "error: '--output=x' is not a revision range\n  expected BASE..HEAD, BASE...HEAD or BASE"
    )
    for text in ("a..b..c", "HEAD....HEAD", "main...HEAD..x"):
        assert error_of(repo.changes, text) == (
            f"error: '{text}' is not a revision range\n  expected BASE..HEAD, BASE...HEAD or BASE"
        )


def test_outside_a_repository(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    assert error_of(Repository.open, plain) == (
        f"{plain}: error: not a git repository (nor any of its parent directories)\n"
        "  run scopeguard inside a git repository, or pass --repo DIR"
    )
    assert (
        error_of(Repository.open, tmp_path / "missing") == f"{tmp_path / 'missing'}: error: no such directory"
    )


def test_bare_repository_reads_ranges_but_has_no_working_tree(git_repo: GitRepo, tmp_path: Path) -> None:
    c0 = commit(git_repo, {"a": "1\n"}, "one")
    c1 = commit(git_repo, {"a": "2\n"}, "two")
    bare = tmp_path / "bare.git"
    git_repo.git("clone", "-q", "--bare", str(git_repo.path), str(bare))
    repo = Repository.open(bare)
    assert [(f.status, f.path) for f in repo.changes(f"{c0}..{c1}").files] == [("modified", "a")]
    assert error_of(repo.changes) == (
        "error: a bare repository has no working tree\n  give a range: scopeguard diff BASE..HEAD"
    )


def test_same_size_edit_within_the_index_timestamp_is_seen(git_repo: GitRepo) -> None:
    """A file whose mtime is not older than the index is "racily clean": git must re-read it.

    The edit keeps size, inode and mtime, and ctime is not trusted, so only git's racy-entry check
    (entry mtime not older than the index file's) can find it; the private copy of the index must
    keep the index's mtime for that check to work.
    """
    git_repo.git("config", "core.trustctime", "false")
    target = git_repo.path / "a.txt"
    put(git_repo, {"a.txt": "aaaa\n"})
    stamp = target.stat().st_mtime_ns - 10_000_000_000
    os.utime(target, ns=(stamp, stamp))
    commit(git_repo, None, "one")
    with open(target, "r+b") as handle:
        handle.write(b"bbbb\n")
    os.utime(target, ns=(stamp, stamp))
    os.utime(git_repo.path / ".git" / "index", ns=(stamp, stamp))
    changeset = open_repo(git_repo).changes()
    (change,) = changeset.files
    assert (change.status, content(changeset, change.new)) == ("modified", b"bbbb\n")


def test_unresolved_merge_conflict_in_the_index(git_repo: GitRepo) -> None:
    base = commit(git_repo, {"a.txt": "base\n"}, "base")
    commit(git_repo, {"a.txt": "main\n"}, "main side")
    git_repo.git("checkout", "-q", "-b", "other", base)
    commit(git_repo, {"a.txt": "other\n"}, "other side")
    git_repo.git("checkout", "-q", "main")
    with pytest.raises(RuntimeError):
        git_repo.git("merge", "-q", "other")
    repo = open_repo(git_repo)
    assert error_of(repo.changes, staged=True) == (
        "a.txt: error: a.txt has unresolved merge conflicts\n"
        "  resolve them and `git add` the file, or check the working tree instead"
    )
    worktree = repo.changes()
    (change,) = worktree.files
    assert (change.status, content(worktree, change.new)) == (
        "modified",
        b"<<<<<<< HEAD\nmain\n=======\nother\n>>>>>>> other\n",
    )
