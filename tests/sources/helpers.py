"""Helpers for the change-reader tests: trees with symlinks and modes, the four ways to read a change.

The same base and head trees are read as a commit range, the working tree, the index and an applied
``git diff --binary`` patch; ``view`` reduces a ``FileChange`` to what must agree across all four.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scopeguard.core.model import Blob, ChangeSet, FileChange
from scopeguard.sources.repository import Repository
from tests.support.gitrepo import GitRepo

MODES = ("range", "worktree", "staged", "patch")


@dataclass(frozen=True)
class Link:
    """A symbolic link in a tree; git stores ``target`` as the blob's content."""

    target: str


@dataclass(frozen=True)
class Exe:
    """An executable file (mode 100755)."""

    data: bytes


Entry = str | bytes | Link | Exe | None
Tree = Mapping[str, Entry] | Path


def put(repo: GitRepo, tree: Tree, *, replace: bool = True) -> None:
    """Make the working tree ``tree`` (a fixture folder or a mapping; ``None`` deletes a path)."""
    if replace:
        repo.clear()
    if isinstance(tree, Path):
        shutil.copytree(tree, repo.path, dirs_exist_ok=True, symlinks=True)
        return
    for rel, entry in tree.items():
        target = repo.path / rel
        if target.is_symlink() or target.is_file():
            target.unlink()
        if entry is None:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(entry, Link):
            os.symlink(entry.target, target)
        elif isinstance(entry, Exe):
            target.write_bytes(entry.data)
            target.chmod(0o755)
        else:
            target.write_bytes(entry if isinstance(entry, bytes) else entry.encode("utf-8"))


def commit(repo: GitRepo, tree: Tree | None = None, message: str = "change", *, replace: bool = True) -> str:
    if tree is not None:
        put(repo, tree, replace=replace)
    repo.git("add", "-A")
    repo.git("commit", "-q", "--allow-empty", "-m", message)
    return repo.git("rev-parse", "HEAD")


def git_bytes(repo: GitRepo, *args: str) -> bytes:
    """git's raw standard output (``GitRepo.git`` decodes and strips it)."""
    result = subprocess.run(["git", *args], cwd=repo.path, env=repo.env, capture_output=True, check=True)
    return result.stdout


def open_repo(repo: GitRepo) -> Repository:
    return Repository.open(repo.path)


def read_change(repo: GitRepo, base_tree: Tree, head_tree: Tree, mode: str, patch_dir: Path) -> ChangeSet:
    """Commit ``base_tree``, then read ``head_tree`` against it the way ``mode`` says."""
    base = commit(repo, base_tree, "base")
    if mode in ("range", "patch"):
        head = commit(repo, head_tree, "head")
        if mode == "range":
            return open_repo(repo).changes(f"{base}..{head}")
        patch = patch_dir / "change.patch"
        patch.write_bytes(git_bytes(repo, "diff", "--binary", "-M", "-C", base, head))
        return open_repo(repo).changes(base, patch=str(patch))
    put(repo, head_tree)
    if mode == "staged":
        repo.git("add", "-A")
        return open_repo(repo).changes(staged=True)
    return open_repo(repo).changes()


def by_path(changeset: ChangeSet) -> dict[str, FileChange]:
    return {f.path: f for f in changeset.files}


def content(changeset: ChangeSet, blob: Blob | None) -> bytes | None:
    """A blob's bytes the way the analysis layer reads them: in-memory data, else one batch read."""
    if blob is None or blob.is_submodule:
        return None
    if blob.data is not None:
        return blob.data
    assert blob.oid is not None and changeset.reader is not None
    return changeset.reader.read_blobs([blob.oid])[blob.oid]


Side = tuple[str, str, str | None, bytes | None] | None
View = tuple[str, str, str | None, str | None, int | None, Side, Side]


def view(changeset: ChangeSet, change: FileChange) -> View:
    """What must be the same however the change was read: status, names, modes, ids, bytes."""

    def side(blob: Blob | None) -> Side:
        if blob is None:
            return None
        return (blob.path, oct(blob.mode), blob.oid, content(changeset, blob))

    return (
        change.status,
        change.path,
        change.old_path,
        change.copied_from,
        change.similarity,
        side(change.old),
        side(change.new),
    )


def views(changeset: ChangeSet) -> list[View]:
    return [view(changeset, f) for f in changeset.files]


def blob_id(repo: GitRepo, data: bytes) -> str:
    """What git itself says the id of ``data`` is (``hash-object`` without ``-w`` writes nothing)."""
    return repo.git("hash-object", "--stdin", input=data)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (``.git`` included) with its bytes, symlinks as their targets."""
    out: dict[str, bytes] = {}
    for folder, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            if os.path.islink(path):
                out[rel] = b"-> " + os.fsencode(os.readlink(path))
            else:
                with open(path, "rb") as handle:
                    out[rel] = handle.read()
    return out
