"""Content-addressed data of a run: blob bytes read in batches, and analysed facts cached by blob id.

A blob's bytes never change for its id, and neither do the facts an analyser version finds in them,
so both are kept by id: in memory for the run, and optionally in a ``FactsStore`` that outlives it
(the sources layer provides one under the git directory; this layer never touches the filesystem).
Facts are stored and sent between processes as plain values (``pack`` / ``unpack``), which pickle
and serialise several times faster than the frozen dataclasses they describe.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any, Protocol

from scopeguard.analysis.base import FileFacts
from scopeguard.core.model import AttrValue, Blob, ChangeSet, Element, ElementChange, Notice, Span


class Contents:
    """Bytes of the blobs of one change set; object-database blobs are read in one batch."""

    def __init__(self, changeset: ChangeSet) -> None:
        self._reader = changeset.reader
        self._cache: dict[str, bytes] = {}

    def prefetch(self, blobs: Iterable[Blob | None]) -> None:
        wanted = [
            b.oid
            for b in blobs
            if b is not None and b.data is None and b.oid is not None and not b.is_submodule
            and b.oid not in self._cache
        ]
        if wanted and self._reader is not None:
            self._cache.update(self._reader.read_blobs(list(dict.fromkeys(wanted))))

    def get(self, blob: Blob | None) -> bytes | None:
        """The blob's bytes; ``None`` for a missing side or a submodule (which has no content)."""
        if blob is None or blob.is_submodule:
            return None
        if blob.data is not None:
            return blob.data
        if blob.oid is None:
            return None
        if blob.oid not in self._cache:
            self.prefetch([blob])
        return self._cache.get(blob.oid)


# --- facts as plain values -----------------------------------------------------------------------

PackedElement = tuple[Any, ...]


def pack(e: Element) -> PackedElement:
    s = e.span
    return (e.kind, e.name, e.path, s.line, s.column, s.end_line, s.end_column, e.language,
            dict(e.attributes), e.key, e.digest)


def _value(v: Any) -> AttrValue:
    """JSON arrays back into the tuples attributes hold."""
    if isinstance(v, list):
        return tuple(_value(x) for x in v)
    return v  # type: ignore[no-any-return]


def unpack(p: PackedElement | list[Any]) -> Element:
    kind, name, path, line, column, end_line, end_column, language, attributes, key, digest = p
    return Element(kind, name, path, Span(line, column, end_line, end_column), language,
                   {k: _value(v) for k, v in attributes.items()}, key, digest)


def pack_change(c: ElementChange) -> tuple[Any, ...]:
    return (c.change, pack(c.element), None if c.before is None else pack(c.before), dict(c.details))


def unpack_change(p: tuple[Any, ...]) -> ElementChange:
    change, element, before, details = p
    return ElementChange(change, unpack(element), None if before is None else unpack(before), details)


def encode_facts(facts: FileFacts) -> bytes:
    notices = [(n.message, n.path, n.line) for n in facts.notices]
    return json.dumps([[pack(e) for e in facts.elements], notices], separators=(",", ":")).encode("utf-8")


def decode_facts(data: bytes) -> FileFacts | None:
    """Facts read back from a store; ``None`` when the entry is not one this version wrote."""
    try:
        elements, notices = json.loads(data)
        return FileFacts(tuple(unpack(e) for e in elements), tuple(Notice(*n) for n in notices))
    except (ValueError, TypeError):
        return None


# --- the cache ---------------------------------------------------------------------------------


class FactsStore(Protocol):
    """Storage of encoded facts by key that outlives a run (a folder under the git directory)."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...


class FactsCache:
    """Facts by analyser, analyser version, blob id, path and requested kinds: in memory, then in a store.

    The path is part of the key because elements name the file they are in: the same blob at a
    renamed or copied path has the same elements at another path.
    """

    def __init__(self, store: FactsStore | None = None) -> None:
        self.store = store
        self._memory: dict[str, FileFacts] = {}

    @staticmethod
    def key(analyser: str, version: str, blob_id: str, path: str, kinds: frozenset[str]) -> str:
        scope = hashlib.sha1(f"{path}\0{'+'.join(sorted(kinds))}".encode(), usedforsecurity=False).hexdigest()
        return f"{analyser}-{version}-{blob_id}-{scope[:16]}"

    def get(self, key: str) -> FileFacts | None:
        found = self._memory.get(key)
        if found is None and self.store is not None:
            data = self.store.get(key)
            found = None if data is None else decode_facts(data)
            if found is not None:
                self._memory[key] = found
        return found

    def put(self, key: str, facts: FileFacts) -> None:
        self._memory[key] = facts
        if self.store is not None:
            self.store.put(key, encode_facts(facts))
