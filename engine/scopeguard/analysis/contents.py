"""Blob contents of a change, read in batches and kept for the run."""

from __future__ import annotations

from collections.abc import Iterable

from scopeguard.core.model import Blob, ChangeSet


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
