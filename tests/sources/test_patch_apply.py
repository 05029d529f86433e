"""Patches applied in memory: from ``git diff`` and ``diff -u``, at offsets, from stdin, and failures."""

from __future__ import annotations

import difflib
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scopeguard.core.errors import UserError
from scopeguard.core.model import MODE_EXECUTABLE, MODE_FILE, Blob
from scopeguard.sources.blobs import object_id
from scopeguard.sources.patchapply import PatchApplier
from scopeguard.sources.patchparse import parse_patch
from scopeguard.sources.trees import TreeEntry
from tests.sources.helpers import blob_id, by_path, commit, content, git_bytes, open_repo
from tests.support.gitrepo import GitRepo

LINES = "".join(f"line {i}\n" for i in range(1, 41))
HAS_DIFF = shutil.which("diff") is not None


def rendered(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(UserError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return caught.value.render()


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_git_patch_with_several_hunks_and_files_applies_to_head_by_default(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    base = commit(git_repo, {"a.txt": LINES, "b.txt": "b\n"}, "base")
    edited = LINES.replace("line 3\n", "line three\n").replace("line 30\n", "line thirty\n")
    head = commit(git_repo, {"a.txt": edited, "b.txt": "b\nmore\n", "c.txt": "c\n"}, "head")
    patch = write(tmp_path / "p.patch", git_bytes(git_repo, "diff", base, head))
    git_repo.git("reset", "-q", "--hard", base)
    changeset = open_repo(git_repo).changes(patch=patch)
    assert (changeset.base, changeset.head, changeset.messages) == (base, "WORKTREE", ())
    files = by_path(changeset)
    assert [(f.status, f.path) for f in changeset.files] == [
        ("modified", "a.txt"),
        ("modified", "b.txt"),
        ("added", "c.txt"),
    ]
    assert files["a.txt"].old == Blob("a.txt", MODE_FILE, blob_id(git_repo, LINES.encode()))
    assert files["a.txt"].new == Blob("a.txt", MODE_FILE, blob_id(git_repo, edited.encode()), edited.encode())
    assert content(changeset, files["c.txt"].new) == b"c\n"


def test_hunks_apply_at_an_offset(git_repo: GitRepo, tmp_path: Path) -> None:
    base = commit(git_repo, {"a.txt": LINES}, "base")
    edited = LINES.replace("line 10\n", "line ten\n").replace("line 35\n", "line thirty-five\n")
    head = commit(git_repo, {"a.txt": edited}, "head")
    patch = write(tmp_path / "p.patch", git_bytes(git_repo, "diff", base, head))
    moved = "header 1\nheader 2\nheader 3\n" + LINES.replace("line 20\n", "line 20\nextra a\nextra b\n")
    later = commit(git_repo, {"a.txt": moved}, "later")
    (change,) = open_repo(git_repo).changes(later, patch=patch).files
    expected = moved.replace("line 10\n", "line ten\n").replace("line 35\n", "line thirty-five\n")
    assert (change.status, change.old.oid if change.old else None) == (
        "modified",
        blob_id(git_repo, moved.encode()),
    )
    assert change.new is not None and change.new.data == expected.encode()


def test_patch_from_stdin(git_repo: GitRepo) -> None:
    base = commit(git_repo, {"a.txt": "a\n"}, "base")
    patch = b"--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b\n"
    (change,) = open_repo(git_repo).changes(patch="-", stdin=io.BytesIO(patch)).files
    assert (change.path, change.old, change.new) == (
        "a.txt",
        Blob("a.txt", MODE_FILE, blob_id(git_repo, b"a\n")),
        Blob("a.txt", MODE_FILE, blob_id(git_repo, b"b\n"), b"b\n"),
    )
    assert open_repo(git_repo).changes(patch="-", stdin=io.BytesIO(patch)).base == base


def test_format_patch_series_applies_commit_after_commit(git_repo: GitRepo, tmp_path: Path) -> None:
    base = commit(git_repo, {"a.txt": LINES, "run.sh": "echo\n"}, "base")
    step = LINES.replace("line 5\n", "line five\n")
    commit(git_repo, {"a.txt": step, "run.sh": "echo\n"}, "first\n\nAgent: backend-dev")
    final = step.replace("line five\n", "line 5 again\n")
    head = commit(git_repo, {"a.txt": final, "run.sh": "echo\n", "new.txt": "n\n"}, "second")
    series = git_bytes(git_repo, "format-patch", "--stdout", f"{base}..{head}")
    assert series.count(b"\n-- \n") == 2
    changeset = open_repo(git_repo).changes(base, patch=write(tmp_path / "series.mbox", series))
    files = by_path(changeset)
    assert [(f.status, f.path) for f in changeset.files] == [("modified", "a.txt"), ("added", "new.txt")]
    assert content(changeset, files["a.txt"].new) == final.encode()


def test_patch_without_prefixes(git_repo: GitRepo, tmp_path: Path) -> None:
    base = commit(git_repo, {"src/app.py": "x = 1\n"}, "base")
    head = commit(git_repo, {"src/app.py": "x = 2\n", "src/new.py": "n = 1\n"}, "head")
    patch = write(tmp_path / "p.patch", git_bytes(git_repo, "diff", "--no-prefix", base, head))
    changeset = open_repo(git_repo).changes(base, patch=patch)
    assert [(f.status, f.path) for f in changeset.files] == [
        ("modified", "src/app.py"),
        ("added", "src/new.py"),
    ]


def test_git_patch_without_binary_content(git_repo: GitRepo, tmp_path: Path) -> None:
    base = commit(git_repo, {"logo.png": b"\x89PNG\x00\x01"}, "base")
    head = commit(git_repo, {"logo.png": b"\x89PNG\x00\x02"}, "head")
    patch = write(tmp_path / "p.patch", git_bytes(git_repo, "diff", base, head))
    assert rendered(open_repo(git_repo).changes, base, patch=patch) == (
        f"{patch}:1:1: error: binary patch without content for logo.png\n"
        "     1 | diff --git a/logo.png b/logo.png\n"
        "       | ^\n"
        "  binary patches need `git diff --binary`: without it git leaves the content out"
    )


def test_binary_patches_literal_and_delta(git_repo: GitRepo, tmp_path: Path) -> None:
    big = bytes(range(256)) * 200
    base = commit(git_repo, {"data.bin": big}, "base")
    changed = big[:5000] + b"\x00\x00patched\x00" + big[5010:]
    head = commit(git_repo, {"data.bin": changed, "new.bin": b"\x00\xff" * 10}, "head")
    text = git_bytes(git_repo, "diff", "--binary", base, head)
    assert b"\ndelta " in text and b"\nliteral 20\n" in text
    changeset = open_repo(git_repo).changes(base, patch=write(tmp_path / "p.patch", text))
    files = by_path(changeset)
    assert content(changeset, files["data.bin"].new) == changed
    assert content(changeset, files["new.bin"].new) == b"\x00\xff" * 10


def test_binary_patch_made_from_other_content(git_repo: GitRepo, tmp_path: Path) -> None:
    base = commit(git_repo, {"data.bin": b"\x00one"}, "base")
    head = commit(git_repo, {"data.bin": b"\x00two"}, "head")
    patch = write(tmp_path / "p.patch", git_bytes(git_repo, "diff", "--binary", base, head))
    other = commit(git_repo, {"data.bin": b"\x00three"}, "other")
    old, have = blob_id(git_repo, b"\x00one")[:12], blob_id(git_repo, b"\x00three")[:12]
    assert rendered(open_repo(git_repo).changes, other, patch=patch) == (
        f"{patch}:1:1: error: the binary patch for data.bin was made from blob {old}, "
        f"but {other} ({other[:12]}) has {have}\n"
        "     1 | diff --git a/data.bin b/data.bin\n"
        "       | ^\n"
        "  was the patch made against another revision? give that revision: scopeguard diff REV --patch FILE"
    )


def test_hunk_that_does_not_apply_names_the_line_and_what_differs(git_repo: GitRepo, tmp_path: Path) -> None:
    commit(git_repo, {"a.txt": LINES.replace("line 12\n", "line twelve\n")}, "base")
    patch = (
        b"diff --git a/a.txt b/a.txt\n"
        b"--- a/a.txt\n"
        b"+++ b/a.txt\n"
        b"@@ -10,5 +10,5 @@\n"
        b" line 10\n"
        b" line 11\n"
        b"-line 12\n"
        b"+line 12, edited\n"
        b" line 13\n"
        b" line 14\n"
    )
    path = write(tmp_path / "fix.patch", patch)
    repo = open_repo(git_repo)
    head = repo.resolve("HEAD")
    assert rendered(repo.changes, patch=path) == (
        f"{path}:7:2: error: hunk 1 (@@ -10,5 +10,5 @@) does not apply to a.txt in HEAD ({head[:12]}): "
        "line 12 is 'line twelve', the patch expects 'line 12'\n"
        "     7 |  line 12\n"
        "       |  ^\n"
        "  was the patch made against another revision? give that revision: scopeguard diff REV --patch FILE"
    )


def test_crlf_difference_is_shown(git_repo: GitRepo, tmp_path: Path) -> None:
    commit(git_repo, {"w.txt": b"a\r\nb\r\n"}, "base")
    path = write(tmp_path / "lf.patch", b"--- a/w.txt\n+++ b/w.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n")
    message = rendered(open_repo(git_repo).changes, patch=path)
    assert message.splitlines()[0].endswith("line 1 is 'a\\r', the patch expects 'a'")


def test_patch_for_a_file_that_is_not_in_the_base(git_repo: GitRepo, tmp_path: Path) -> None:
    commit(git_repo, {"a.txt": "a\n"}, "base")
    path = write(tmp_path / "p.patch", b"--- a/missing.txt\n+++ b/missing.txt\n@@ -1 +1 @@\n-a\n+b\n")
    head = open_repo(git_repo).resolve("HEAD")
    assert rendered(open_repo(git_repo).changes, patch=path) == (
        f"{path}:1:1: error: missing.txt is not in HEAD ({head[:12]}) (the patch changes it)\n"
        "     1 | --- a/missing.txt\n"
        "       | ^\n"
        "  was the patch made against another revision? give that revision: scopeguard diff REV --patch FILE"
    )


def test_patch_creating_a_file_that_exists(git_repo: GitRepo, tmp_path: Path) -> None:
    commit(git_repo, {"a.txt": "a\n"}, "base")
    path = write(tmp_path / "p.patch", b"--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1 @@\n+b\n")
    head = open_repo(git_repo).resolve("HEAD")
    assert rendered(open_repo(git_repo).changes, patch=path).splitlines()[0] == (
        f"{path}:1:1: error: the patch creates a.txt, which already exists in HEAD ({head[:12]})"
    )


def test_missing_and_empty_patch_files(git_repo: GitRepo, tmp_path: Path) -> None:
    commit(git_repo, {"a.txt": "a\n"}, "base")
    repo = open_repo(git_repo)
    missing = str(tmp_path / "nope.patch")
    assert rendered(repo.changes, patch=missing) == f"{missing}: error: cannot read the patch: no such file"
    assert (
        rendered(repo.changes, patch=str(tmp_path))
        == f"{tmp_path}: error: cannot read the patch: it is a directory"
    )
    empty = write(tmp_path / "empty.patch", b"")
    assert rendered(repo.changes, patch=empty).splitlines()[0] == f"{empty}: error: the patch is empty"
    assert rendered(repo.changes, patch="-", stdin=io.BytesIO(b"hello\n")).splitlines()[0] == (
        "<stdin>: error: not a patch: no unified diff hunks found"
    )


def test_patch_on_a_repository_without_commits(git_repo: GitRepo) -> None:
    patch = b"--- /dev/null\n+++ b/hello.py\n@@ -0,0 +1 @@\n+print('hi')\n"
    changeset = open_repo(git_repo).changes(patch="-", stdin=io.BytesIO(patch))
    assert changeset.base is None
    (change,) = changeset.files
    assert (change.status, change.new) == (
        "added",
        Blob("hello.py", MODE_FILE, blob_id(git_repo, b"print('hi')\n"), b"print('hi')\n"),
    )


def test_mode_change_and_pure_rename_keep_object_ids(git_repo: GitRepo, tmp_path: Path) -> None:
    body = "".join(f"{i}\n" for i in range(20))
    oid = blob_id(git_repo, body.encode())
    commit(git_repo, {"tool.sh": body, "old.txt": body + "x\n"}, "base")
    patch = (
        b"diff --git a/tool.sh b/tool.sh\n"
        b"old mode 100644\n"
        b"new mode 100755\n"
        b"diff --git a/old.txt b/dir/new name.txt\n"
        b"similarity index 100%\n"
        b"rename from old.txt\n"
        b"rename to dir/new name.txt\n"
    )
    changeset = open_repo(git_repo).changes(patch="-", stdin=io.BytesIO(patch))
    files = by_path(changeset)
    renamed = files["dir/new name.txt"]
    old_oid = blob_id(git_repo, (body + "x\n").encode())
    assert (renamed.status, renamed.old, renamed.new, renamed.similarity) == (
        "renamed",
        Blob("old.txt", MODE_FILE, old_oid),
        Blob("dir/new name.txt", MODE_FILE, old_oid),
        100,
    )
    tool = files["tool.sh"]
    assert (tool.old, tool.new, tool.mode_only) == (
        Blob("tool.sh", MODE_FILE, oid),
        Blob("tool.sh", MODE_EXECUTABLE, oid),
        True,
    )


@pytest.mark.skipif(not HAS_DIFF, reason="diff is not installed")
def test_plain_diff_of_two_directories(git_repo: GitRepo, tmp_path: Path) -> None:
    base_files = {"keep.txt": "k\n", "edit.txt": LINES, "gone.txt": "bye\n"}
    commit(git_repo, base_files, "base")
    old, new = tmp_path / "old", tmp_path / "new"
    for folder in (old, new):
        folder.mkdir()
    for name, text in base_files.items():
        (old / name).write_text(text)
    (new / "keep.txt").write_text("k\n")
    (new / "edit.txt").write_text(LINES.replace("line 20\n", "line twenty\n"))
    (new / "added.txt").write_text("hello\n")
    result = subprocess.run(["diff", "-ruN", "old", "new"], cwd=tmp_path, capture_output=True, check=False)
    assert result.returncode == 1
    changeset = open_repo(git_repo).changes(patch=write(tmp_path / "dirs.patch", result.stdout))
    files = by_path(changeset)
    assert [(f.status, f.path) for f in changeset.files] == [
        ("added", "added.txt"),
        ("modified", "edit.txt"),
        ("removed", "gone.txt"),
    ]
    assert content(changeset, files["edit.txt"].new) == LINES.replace("line 20\n", "line twenty\n").encode()
    assert content(changeset, files["added.txt"].new) == b"hello\n"


@pytest.mark.skipif(not HAS_DIFF, reason="diff is not installed")
def test_plain_diff_of_one_file_without_prefix(git_repo: GitRepo, tmp_path: Path) -> None:
    commit(git_repo, {"notes.txt": "one\ntwo\n"}, "base")
    (tmp_path / "notes.txt.orig").write_text("one\ntwo\n")
    (tmp_path / "notes.txt").write_text("one\n2\n")
    result = subprocess.run(["diff", "-u", "notes.txt.orig", "notes.txt"], cwd=tmp_path, capture_output=True)
    (change,) = open_repo(git_repo).changes(patch=write(tmp_path / "p.patch", result.stdout)).files
    assert (change.status, change.path, change.new.data if change.new else None) == (
        "modified",
        "notes.txt",
        b"one\n2\n",
    )


@pytest.mark.skipif(not HAS_DIFF, reason="diff is not installed")
def test_plain_diff_against_dev_null(git_repo: GitRepo, tmp_path: Path) -> None:
    commit(git_repo, {"a.txt": "a\n"}, "base")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "new.txt").write_text("fresh\n")
    result = subprocess.run(["diff", "-u", "/dev/null", "b/new.txt"], cwd=tmp_path, capture_output=True)
    (change,) = open_repo(git_repo).changes(patch=write(tmp_path / "p.patch", result.stdout)).files
    assert (change.status, change.path) == ("added", "new.txt")


# -- property: any difflib unified diff applies back, also when the base has moved down ------------

text_lines = st.lists(
    st.sampled_from(["a\n", "b\n", "c\n", "d\n", "\n", "x y\n", "é\n", "tab\there\n"]), max_size=30
)


def apply_text(base: bytes, patch: bytes) -> bytes:
    blob = object_id(base)
    applier = PatchApplier(
        {"f.txt": TreeEntry(MODE_FILE, blob)},
        lambda oids: {blob: base},
        object_id,
        source="generated.patch",
        base_label="BASE",
    )
    changes = applier.apply(parse_patch(patch, "generated.patch"))
    if not changes:
        return base
    (change,) = changes
    assert change.new is not None
    return change.new.data if change.new.data is not None else base


@settings(max_examples=300, deadline=None)
@given(old=text_lines, new=text_lines, shift=st.lists(st.sampled_from(["p\n", "q\n"]), max_size=5))
def test_difflib_patches_apply_exactly_even_at_an_offset(
    old: list[str], new: list[str], shift: list[str]
) -> None:
    diff = "".join(difflib.unified_diff(old, new, "a/f.txt", "b/f.txt"))
    if not diff:
        return
    patch = diff.encode("utf-8")
    assert apply_text("".join(old).encode(), patch) == "".join(new).encode()
    if old and shift:
        first_hunk = next(line for line in diff.splitlines() if line.startswith("@@"))
        try:
            shifted = apply_text("".join(shift + old).encode(), patch)
        except UserError:
            # as in `git apply`, a hunk that starts at line 1 belongs at the beginning of the file
            assert first_hunk.startswith(("@@ -1 ", "@@ -1,", "@@ -0,"))
            return
        # a hunk without trailing context belongs at the end, so lines added in front only shift it
        assert shifted == "".join(shift + new).encode()
