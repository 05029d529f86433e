"""The repository a check reads: change sets between revisions, the index, the working tree or a patch.

Nothing here checks anything out or writes into the repository. Revisions are compared with
plumbing (``diff-tree``/``diff-index``, renames and copies on); the working tree is staged into a
private index outside the repository (see ``worktree``); a patch is applied in memory to the base
blobs. Blob contents are not read here at all: each ``ChangeSet`` carries a reader that fetches the
blobs the rules need, in one batch.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, BinaryIO

from scopeguard.core.errors import Diagnostic, UserError
from scopeguard.core.model import MODE_EXECUTABLE, MODE_FILE, MODE_SUBMODULE, Blob, ChangeSet, FileChange
from scopeguard.sources.blobs import BatchBlobReader, object_id, parse_batch
from scopeguard.sources.files import is_executable, read_file, read_optional, read_stream
from scopeguard.sources.gitcmd import GitRunner
from scopeguard.sources.names import decode_path, encode_path, fs_path
from scopeguard.sources.rawdiff import DIFF_OPTIONS, parse_raw
from scopeguard.sources.revisions import (
    RangeSpec,
    missing_merge_base,
    missing_revision,
    not_a_commit,
    parse_range,
)
from scopeguard.sources.trees import TreeEntry, parse_ls_tree

if TYPE_CHECKING:
    import git

__all__ = ["Repository", "read_file"]

INDEX = "INDEX"
WORKTREE = "WORKTREE"
_LITERAL = {"GIT_LITERAL_PATHSPECS": "1"}


class Repository:
    """A git repository and its working tree, read through git and never written to."""

    root: Path

    def __init__(self, repo: git.Repo, root: Path) -> None:
        self._repo = repo
        self.root = root
        self.git = GitRunner(repo)
        self._algorithm: str | None = None

    @classmethod
    def open(cls, path: str | Path | None = None) -> Repository:
        """The repository around ``path`` (default: the current directory)."""
        start = Path(path) if path is not None else Path.cwd()
        if not start.exists():
            raise UserError(diagnostics=[Diagnostic("no such directory", str(start))])
        if start.is_file():
            start = start.parent
        try:
            import git
        except ImportError as exc:
            raise UserError(f"git is not usable: {exc}") from None
        try:
            repo = git.Repo(start, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise UserError(
                diagnostics=[
                    Diagnostic(
                        "not a git repository (nor any of its parent directories)",
                        str(start),
                        suggestion="run scopeguard inside a git repository, or pass --repo DIR",
                    )
                ]
            ) from None
        root = Path(repo.working_tree_dir) if repo.working_tree_dir is not None else Path(repo.git_dir)
        return cls(repo, root.resolve())

    # -- revisions ----------------------------------------------------------------------------

    @property
    def bare(self) -> bool:
        """A repository without a working tree (``root`` is then its git directory)."""
        return bool(self._repo.bare)

    @property
    def shallow(self) -> bool:
        return (Path(self._repo.common_dir) / "shallow").is_file()

    def resolve(self, rev: str) -> str:
        """The full commit id of ``rev``; a ``UserError`` (with what to fetch) when it is missing."""
        sha = self._try_resolve(rev)
        if sha is None:
            kind = self._object_kind(rev)
            if kind is not None:
                raise not_a_commit(rev, kind)
            ancestry = re.fullmatch(r"([^~^]+)(?:[~^][0-9]*)+", rev)
            raise missing_revision(
                rev,
                shallow=self.shallow,
                names=self._ref_names(),
                unborn=self._unborn(),
                start_exists=ancestry is not None and self._try_resolve(ancestry.group(1)) is not None,
            )
        return sha

    def _object_kind(self, rev: str) -> str | None:
        """The kind of object ``rev`` names when it is there but is no commit ("tree", "blob")."""
        if not rev or rev.startswith("-") or "\n" in rev:
            return None
        found = self.git.run("rev-parse", "--verify", "--quiet", "--end-of-options", rev)
        if not found.ok:
            return None
        oid = found.out.decode("ascii").strip()
        kind = self.git.run("cat-file", "-t", oid).out.decode("ascii").strip()
        if kind == "tag":  # a tag of a tree or a blob: say what it points at
            peeled = self.git.run("rev-parse", "--verify", "--quiet", "--end-of-options", oid + "^{}")
            kind = (
                self.git.run("cat-file", "-t", peeled.out.decode("ascii").strip()).out.decode("ascii").strip()
            )
        return kind or None

    def _try_resolve(self, rev: str) -> str | None:
        if not rev or rev.startswith("-") or "\n" in rev:
            return None
        result = self.git.run("rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}")
        return result.out.decode("ascii").strip() if result.ok else None

    def _unborn(self) -> bool:
        return self._try_resolve("HEAD") is None and self.git.run("symbolic-ref", "-q", "HEAD").ok

    def _ref_names(self) -> list[str]:
        result = self.git.run("for-each-ref", "--format=%(refname:short)")
        names = result.out.decode("utf-8", "replace").split() if result.ok else []
        return ["HEAD", *names]

    def _merge_base(self, left: str, right: str, left_name: str, right_name: str) -> str:
        result = self.git.run("merge-base", left, right)
        if not result.ok:
            raise missing_merge_base(left_name, right_name, shallow=self.shallow)
        return result.out.decode("ascii").strip()

    def _messages(self, base: str, head: str) -> tuple[str, ...]:
        out = self.git.check("log", "-z", "--no-show-signature", "--format=%B", f"{base}..{head}", "--")
        return tuple(m.rstrip("\n") for m in out.decode("utf-8", "replace").split("\0") if m.strip())

    @property
    def algorithm(self) -> str:
        """The repository's object hash (``sha1``, or ``sha256`` for repositories made that way)."""
        if self._algorithm is None:
            result = self.git.run("rev-parse", "--show-object-format")
            value = result.out.decode("ascii", "replace").strip()
            self._algorithm = value if result.ok and value in ("sha1", "sha256") else "sha1"
        return self._algorithm

    def _empty_tree(self) -> str:
        return object_id(b"", self.algorithm, kind="tree")

    # -- change sets --------------------------------------------------------------------------

    def changes(
        self,
        range: str | None = None,
        *,
        staged: bool = False,
        patch: str | None = None,
        stdin: BinaryIO | None = None,
    ) -> ChangeSet:
        """The change to check: a range, the index (``staged``), the working tree, or a patch."""
        if staged and range is not None:
            raise _usage("--staged compares HEAD with the index and takes no RANGE")
        if staged and patch is not None:
            raise _usage("--staged and --patch cannot be combined: a patch applies to a commit")
        spec = parse_range(range)
        if patch is not None:
            if spec.head is not None:
                raise _usage(
                    f"--patch applies to one revision, not to the range '{range}'",
                    "give the base alone: scopeguard diff BASE --patch FILE",
                )
            return self._patch_changes(spec, patch, stdin)
        if staged:
            base = self._try_resolve("HEAD")
            out = self.git.check("diff-index", "--cached", *DIFF_OPTIONS, base or self._empty_tree(), "--")
            return ChangeSet(base, INDEX, tuple(parse_raw(out)), BatchBlobReader(self.git))
        if spec.head is None:
            return self._worktree_changes(self._base_of(spec))
        return self._commit_changes(spec)

    def _base_of(self, spec: RangeSpec) -> str | None:
        if spec.implicit:
            return self._try_resolve(spec.base) if self._unborn() else self.resolve(spec.base)
        return self.resolve(spec.base)

    def _commit_changes(self, spec: RangeSpec) -> ChangeSet:
        assert spec.head is not None
        left = self.resolve(spec.base)
        head = self.resolve(spec.head)
        base = self._merge_base(left, head, spec.base, spec.head) if spec.merge_base else left
        out = self.git.check("diff-tree", *DIFF_OPTIONS, base, head, "--")
        return ChangeSet(
            base, head, tuple(parse_raw(out)), BatchBlobReader(self.git), self._messages(left, head)
        )

    def _worktree_changes(self, base: str | None) -> ChangeSet:
        if self.bare:
            raise _usage("a bare repository has no working tree", "give a range: scopeguard diff BASE..HEAD")
        from scopeguard.sources.worktree import WorktreeSnapshot

        index_file, objects = self._git_paths("index", "objects")
        snapshot = WorktreeSnapshot(self.git, index_file, objects)
        out = self.git.check(
            "diff-index", "--cached", *DIFF_OPTIONS, base or self._empty_tree(), "--", env=snapshot.env
        )
        reader = BatchBlobReader(self.git, env=snapshot.env, keep=snapshot)
        return ChangeSet(base, WORKTREE, tuple(parse_raw(out)), reader)

    def _git_paths(self, *names: str) -> list[Path]:
        args = [arg for name in names for arg in ("--git-path", name)]
        lines = self.git.check("rev-parse", *args).decode("utf-8", "surrogateescape").splitlines()
        return [self.root / fs_path(line) for line in lines]

    def _patch_changes(self, spec: RangeSpec, patch: str, stdin: BinaryIO | None) -> ChangeSet:
        from scopeguard.sources.patchapply import PatchApplier
        from scopeguard.sources.patchparse import parse_patch

        if patch == "-":
            source, data = "<stdin>", read_stream(stdin, what="patch")
        else:
            source, data = patch, read_file(patch, what="patch")
        patches = parse_patch(data, source)
        base = self._base_of(spec)
        entries = self._tree_entries(base) if base is not None else {}
        label = "the empty tree" if base is None else f"{spec.base} ({base[:12]})"
        reader = BatchBlobReader(self.git)
        applier = PatchApplier(entries, reader.read_blobs, self._blob_id, source=source, base_label=label)
        files = applier.apply(patches)
        return ChangeSet(base, WORKTREE, files, BatchBlobReader(self.git, overlay=_overlay(files)))

    def _blob_id(self, data: bytes) -> str:
        return object_id(data, self.algorithm)

    def proposed_change(self, path: str, content: bytes | None) -> ChangeSet:
        """One file's proposed new content (``None``: deletion) against HEAD, for the editor hook."""
        rel = self._relative(path)
        head = self._try_resolve("HEAD")
        entry = self._entry(head, rel) if head is not None else None
        if head is not None:
            self._algorithm = self._algorithm or ("sha256" if len(head) == 64 else "sha1")
        files: tuple[FileChange, ...] = ()
        overlay: dict[str, bytes] = {}
        if content is None:
            if entry is not None:
                files = (FileChange("removed", rel, Blob(rel, entry.mode, entry.oid), None),)
        else:
            oid = self._blob_id(content)
            overlay[oid] = content
            if entry is None:
                mode = MODE_EXECUTABLE if is_executable(self.root / fs_path(rel)) else MODE_FILE
                files = (FileChange("added", rel, None, Blob(rel, mode, oid, content)),)
            elif entry.oid != oid:
                new = Blob(rel, entry.mode, oid, content)
                files = (FileChange("modified", rel, Blob(rel, entry.mode, entry.oid), new),)
        return ChangeSet(head, WORKTREE, files, BatchBlobReader(self.git, overlay=overlay))

    # -- trees and files ----------------------------------------------------------------------

    def _tree_entries(self, rev: str, path: str | None = None) -> dict[str, TreeEntry]:
        args = ["ls-tree", "-r", "-z", "--full-tree", rev, "--"]
        result = self.git.run(*args, *([path] if path is not None else []), env=_LITERAL)
        if not result.ok:
            self.resolve(rev)
            raise UserError(f"git ls-tree failed for '{rev}': {result.message}")
        return parse_ls_tree(result.out)

    def _entry(self, rev: str, path: str) -> TreeEntry | None:
        return self._tree_entries(rev, path).get(path)

    def list_paths(self, rev: str) -> list[str]:
        """Every file path (not submodules) in the tree of ``rev``, sorted."""
        return sorted(p for p, e in self._tree_entries(rev).items() if e.mode != MODE_SUBMODULE)

    def read(self, rev: str, path: str) -> bytes | None:
        """The file ``path`` at ``rev`` (``None`` when there is no such file there)."""
        if "\n" in path or "\r" in path:
            entry = self._entry(rev, path)
            if entry is None or entry.mode == MODE_SUBMODULE:
                return None
            return BatchBlobReader(self.git).read_blobs([entry.oid]).get(entry.oid)
        request = rev.encode("utf-8", "surrogateescape") + b":" + encode_path(path) + b"\n"
        for _name, kind, data in parse_batch(self.git.check("cat-file", "--batch", input=request)):
            if kind == "blob":
                return data
            if kind is None and self._try_resolve(rev) is None:
                self.resolve(rev)
        return None

    def read_many(self, rev: str, paths: Sequence[str]) -> dict[str, bytes | None]:
        """Several files at ``rev`` in one ``cat-file --batch`` round trip (``None`` for a missing one)."""
        plain = [p for p in paths if "\n" not in p and "\r" not in p]
        out: dict[str, bytes | None] = {p: self.read(rev, p) for p in paths if p not in plain}
        if not plain:
            return out
        prefix = rev.encode("utf-8", "surrogateescape") + b":"
        request = b"".join(prefix + encode_path(p) + b"\n" for p in plain)
        answers = list(parse_batch(self.git.check("cat-file", "--batch", input=request)))
        if len(answers) != len(plain):
            raise UserError(f"git cat-file answered {len(answers)} of {len(plain)} requests at '{rev}'")
        for path, (_name, kind, data) in zip(plain, answers, strict=True):
            out[path] = data if kind == "blob" else None
        return out

    def read_worktree(self, path: str) -> bytes | None:
        """A file of the working tree (``None`` when there is none); symbolic links are followed."""
        return read_optional(self.root / fs_path(self._relative(path)))

    def list_worktree_paths(self) -> list[str]:
        """Every file in the working tree that git tracks or would track (not ignored), sorted."""
        if self.bare:
            raise _usage(
                "a bare repository has no working tree to read agent files and policies from",
                "run this in a clone, or check a range: scopeguard diff BASE..HEAD",
            )
        out = self.git.check("ls-files", "-z", "--cached", "--others", "--exclude-standard")
        paths = set()
        for raw in out.split(b"\0"):
            if not raw or raw.endswith(b"/"):
                continue
            path = decode_path(raw)
            target = self.root / fs_path(path)
            if target.is_symlink() or target.is_file():
                paths.add(path)
        return sorted(paths)

    def _relative(self, path: str) -> str:
        """``path`` as a repository-relative POSIX path; a ``UserError`` when it leaves the repository."""
        given = PurePosixPath(path.replace(os.sep, "/"))
        if given.is_absolute():
            root = PurePosixPath(self.root)
            for candidate in (given, PurePosixPath(os.path.realpath(given.parent), given.name)):
                try:
                    given = candidate.relative_to(root)
                    break
                except ValueError:
                    continue
            else:
                raise UserError(
                    diagnostics=[Diagnostic(f"the path is outside the repository {self.root}", path)]
                )
        parts = [p for p in given.parts if p not in ("", ".")]
        if ".." in parts or not parts:
            raise UserError(diagnostics=[Diagnostic("not a path inside the repository", path)])
        return "/".join(parts)


def _usage(message: str, suggestion: str | None = None) -> UserError:
    return UserError(diagnostics=[Diagnostic(message, suggestion=suggestion)])


def _overlay(files: tuple[FileChange, ...]) -> Mapping[str, bytes]:
    return {f.new.oid: f.new.data for f in files if f.new and f.new.oid and f.new.data is not None}
