"""A ``ChangeSet`` between two commits of a test repository, read with plain ``git``.

The Go tests need real changes from real repositories. This is a deliberately small reader (``git
diff --raw -M`` and ``git cat-file --batch``) so that they do not depend on the sources layer, which
is written separately; it reads blobs in one batch, as the real one does.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence

from tests.support.gitrepo import GitRepo

from scopeguard.core.model import Blob, ChangeSet, FileChange, FileStatus

_NULL = "0" * 40
_STATUS: dict[str, FileStatus] = {
    "A": "added",
    "D": "removed",
    "M": "modified",
    "T": "modified",
    "R": "renamed",
}


class CatFile:
    """Blobs by object id, all of one request read by one ``git cat-file --batch``."""

    def __init__(self, repo: GitRepo) -> None:
        self.repo = repo
        self.batches = 0

    def read_blobs(self, oids: Sequence[str]) -> Mapping[str, bytes]:
        self.batches += 1
        request = "".join(f"{oid}\n" for oid in oids).encode()
        result = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=self.repo.path,
            env=self.repo.env,
            input=request,
            capture_output=True,
            check=True,
        )
        out: dict[str, bytes] = {}
        data = result.stdout
        at = 0
        for oid in oids:
            header_end = data.index(b"\n", at)
            _, _, size = data[at:header_end].decode().split(" ")
            start = header_end + 1
            out[oid] = data[start : start + int(size)]
            at = start + int(size) + 1
        return out


def changeset(repo: GitRepo, base: str, head: str) -> ChangeSet:
    raw = subprocess.run(
        ["git", "diff", "--raw", "-z", "-M", "--no-abbrev", base, head],
        cwd=repo.path,
        env=repo.env,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    fields = raw.split("\0")
    files: list[FileChange] = []
    i = 0
    while i < len(fields) and fields[i]:
        old_mode, new_mode, old_oid, new_oid, status = fields[i].lstrip(":").split(" ")
        letter = status[0]
        if letter == "R":
            old_path, new_path = fields[i + 1], fields[i + 2]
            i += 3
        else:
            old_path = new_path = fields[i + 1]
            i += 2
        old = None if old_oid == _NULL else Blob(old_path, int(old_mode, 8), old_oid)
        new = None if new_oid == _NULL else Blob(new_path, int(new_mode, 8), new_oid)
        similarity = int(status[1:]) if letter == "R" and status[1:] else None
        files.append(
            FileChange(
                _STATUS[letter],
                new_path if new is not None else old_path,
                old,
                new,
                old_path=old_path if letter == "R" else None,
                similarity=similarity,
            )
        )
    return ChangeSet(base, head, tuple(files), CatFile(repo))
