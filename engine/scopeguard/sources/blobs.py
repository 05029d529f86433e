"""Reading many blobs at once: one ``git cat-file --batch`` per call, every object id on its stdin.

Content that exists only in memory (an applied patch, a proposed edit) is named by the id git would
give it and served from an overlay, so a reader answers for every blob of its change set.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence

from scopeguard.core.errors import UserError
from scopeguard.sources.gitcmd import GitRunner


def object_id(data: bytes, algorithm: str = "sha1", kind: str = "blob") -> str:
    """The id git gives ``data`` (``git hash-object --no-filters``), without writing anything."""
    digest = hashlib.new(algorithm, usedforsecurity=False)
    digest.update(f"{kind} {len(data)}\0".encode("ascii"))
    digest.update(data)
    return digest.hexdigest()


def parse_batch(out: bytes) -> Iterator[tuple[str, str | None, bytes]]:
    """``(name, type, content)`` for each answer of ``cat-file --batch``; type ``None`` when missing."""
    pos, end = 0, len(out)
    while pos < end:
        newline = out.find(b"\n", pos)
        if newline == -1:
            raise UserError("git cat-file --batch answered with a truncated header")
        header = out[pos:newline]
        pos = newline + 1
        name, _, rest = header.rpartition(b" ")
        if rest in (b"missing", b"ambiguous"):
            yield name.decode("utf-8", "surrogateescape"), None, b""
            continue
        oid, kind, size = header.split(b" ", 2)
        length = int(size)
        yield oid.decode("ascii"), kind.decode("ascii"), out[pos : pos + length]
        pos += length + 1


class BatchBlobReader:
    """A ``BlobReader`` over one repository's object database (and an optional private one).

    ``env`` points git at extra object directories (the working-tree snapshot's); ``keep`` holds
    whatever owns them so that they live as long as the reader.
    """

    def __init__(
        self,
        runner: GitRunner,
        *,
        env: Mapping[str, str] | None = None,
        overlay: Mapping[str, bytes] | None = None,
        keep: object = None,
    ) -> None:
        self._runner = runner
        self._env = dict(env or {})
        self._overlay = dict(overlay or {})
        self._keep = keep

    def read_blobs(self, oids: Sequence[str]) -> dict[str, bytes]:
        found = {oid: self._overlay[oid] for oid in oids if oid in self._overlay}
        wanted = list(dict.fromkeys(oid for oid in oids if oid not in found))
        if not wanted:
            return found
        request = ("\n".join(wanted) + "\n").encode("ascii")
        out = self._runner.check("cat-file", "--batch", input=request, env=self._env)
        for oid, kind, data in parse_batch(out):
            if kind == "blob":
                found[oid] = data
        return found
