"""Tree listings: the files of a revision with their modes and object ids (``git ls-tree -r -z``)."""

from __future__ import annotations

from dataclasses import dataclass

from scopeguard.sources.names import decode_path


@dataclass(frozen=True, slots=True)
class TreeEntry:
    """A file of a tree: its git mode and object id (a commit id for a submodule)."""

    mode: int
    oid: str


def parse_ls_tree(out: bytes) -> dict[str, TreeEntry]:
    """Files and submodules of an ``ls-tree -z`` listing by path (subtrees are left out)."""
    entries: dict[str, TreeEntry] = {}
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, oid = meta.split(b" ")
        if kind in (b"blob", b"commit"):
            entries[decode_path(name)] = TreeEntry(int(mode, 8), oid.decode("ascii"))
    return entries
