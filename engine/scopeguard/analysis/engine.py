"""Computing the element changes a run needs, and nothing more.

The evaluator says which kinds it needs and, for each, which paths (the union of its selectors'
globs, or every path). ``Facts`` then picks the analysers that produce those kinds, the changed files
they accept, reads those blobs in one batch, runs each analyser once per file side for all the kinds
asked of it (one parse serves every rule), and matches base and head into element changes. A file it
cannot analyse becomes a notice and the run goes on.

Where it pays, files are analysed in parallel: a release-sized change (megabytes of changed source)
is split between this process and forked workers, each of which analyses its files and matches
them (``delta.file_delta``), so only what changed travels back; matching across files
(``delta.combine``) then runs here. Facts are cached by analyser version, blob id and kinds (see
``contents.FactsCache``), so a blob met twice (a copy, a re-check) is analysed once. The cyclic
garbage collector is paused while files are analysed: syntax trees are large, acyclic and freed by
reference counting, and collecting while they are built cost a third of the run.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from scopeguard.analysis.base import Analyser, AnalysisError, FileFacts, SourceFile
from scopeguard.analysis.contents import (
    Contents,
    FactsCache,
    FactsStore,
    pack,
    pack_change,
    unpack,
    unpack_change,
)
from scopeguard.analysis.delta import FileDelta, FilePair, combine, file_delta
from scopeguard.analysis.lines import diff_lines, file_element, line_count, line_elements, line_map
from scopeguard.core.globs import any_path_matches
from scopeguard.core.model import Blob, ChangeSet, ElementChange, FileChange, Notice, Side
from scopeguard.core.text import decode, split_lines

#: Files larger than this are not parsed (their path and line rules still apply).
DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024

#: A batch smaller than this is analysed in this process: forking costs more than it saves.
PARALLEL_MIN_BYTES = 1024 * 1024
PARALLEL_MIN_FILES = 8
MAX_WORKERS = 8


@dataclass(frozen=True, slots=True)
class Need:
    """A kind some active rule selects, and the paths it looks at (``None``: every path)."""

    kind: str
    globs: tuple[str, ...] | None = None


def merge_needs(needs: Iterable[Need]) -> dict[str, tuple[str, ...] | None]:
    merged: dict[str, tuple[str, ...] | None] = {}
    for need in needs:
        if need.kind in merged and merged[need.kind] is None:
            continue
        if need.globs is None:
            merged[need.kind] = None
        else:
            merged[need.kind] = tuple(dict.fromkeys((*(merged.get(need.kind) or ()), *need.globs)))
    return merged


@dataclass(frozen=True, slots=True)
class FileJob:
    """One changed file for one analyser: the sides it reads (``None``: absent or not its kind)."""

    change: FileChange
    base: Blob | None
    head: Blob | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What analysing one file gave: its delta (``None`` when a side could not be read), notices,
    and the facts of each side that were computed rather than found in the cache."""

    delta: FileDelta | None
    notices: tuple[Notice, ...] = ()
    computed: tuple[tuple[str, FileFacts], ...] = field(default=())


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Facts:
    """The facts of one change set, computed on demand and kept for the run.

    ``store`` keeps analysed facts between runs; ``jobs`` is the number of processes to analyse a
    large batch with (``None``: one per CPU when the batch is large enough, ``1``: never fork).
    """

    def __init__(
        self,
        changeset: ChangeSet,
        analysers: Sequence[Analyser],
        *,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        excluded: Sequence[str] = (),
        store: FactsStore | None = None,
        jobs: int | None = None,
    ) -> None:
        self.changeset = changeset
        self.analysers = analysers
        self.max_file_bytes = max_file_bytes
        self.jobs = jobs
        self.files = tuple(
            f for f in changeset.files if not any(any_path_matches(p, excluded) for p in f.paths)
        )
        self.contents = Contents(changeset)
        self.cache = FactsCache(store)
        self._failed: dict[str, tuple[str, int | None]] = {}
        self._notices: dict[tuple[str | None, str], Notice] = {}
        self._changes: dict[str, list[ElementChange]] = {}
        self._file_changes: list[ElementChange] | None = None
        self._line_changes: list[ElementChange] | None = None
        self._line_maps: dict[str, list[int]] = {}

    # --- notices -------------------------------------------------------------------------------

    @property
    def notices(self) -> tuple[Notice, ...]:
        return tuple(sorted(self._notices.values(), key=lambda n: (n.path or "", n.line or 0, n.message)))

    def notice(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self._notices.setdefault((path, message), Notice(message, path, line))

    # --- files and lines -----------------------------------------------------------------------

    def text_of(self, blob: Blob | None) -> str | None:
        data = self.contents.get(blob)
        if data is None:
            return None
        decoded = decode(data)
        if decoded is None:
            return None
        if decoded.guessed and blob is not None:
            self.notice(f"not UTF-8; read as {decoded.encoding}", blob.path)
        return decoded.text

    def file_changes(self) -> list[ElementChange]:
        if self._file_changes is None:
            self.contents.prefetch(f.new for f in self.files)
            out = []
            for f in self.files:
                data = self.contents.get(f.new)
                binary = data is not None and decode(data) is None
                text = None if data is None or binary else self.text_of(f.new)
                lines = None if text is None else line_count(text)
                size = None if data is None else len(data)
                out.append(file_element(f, binary=binary, lines=lines, size=size))
            self._file_changes = out
        return self._file_changes

    def line_changes(self, globs: tuple[str, ...] | None = None) -> list[ElementChange]:
        """Added and removed lines of every text file (or of those matching ``globs``)."""
        if self._line_changes is None:
            self.contents.prefetch(b for f in self.files for b in (f.old, f.new))
            out: list[ElementChange] = []
            for f in self.files:
                if f.mode_only or (f.status == "renamed" and f.old is not None and f.new is not None
                                   and f.old.oid is not None and f.old.oid == f.new.oid):
                    continue
                old_text = "" if f.old is None else self.text_of(f.old)
                new_text = "" if f.new is None else self.text_of(f.new)
                if old_text is None or new_text is None:
                    blob = f.new or f.old
                    if blob is not None and not blob.is_submodule:
                        self.notice("binary file: only path rules apply", f.path)
                    continue
                out.extend(line_elements(f, diff_lines(split_lines(old_text), split_lines(new_text))))
            self._line_changes = out
        if globs is None:
            return self._line_changes
        return [c for c in self._line_changes if any_path_matches(c.element.path, globs)]

    def head_position(self, base_path: str, base_line: int) -> tuple[str, int] | None:
        """The nearest head-side line for a base-side line, or ``None`` when the file is gone."""
        for f in self.files:
            if f.old is None or f.old.path != base_path:
                continue
            if f.new is None:
                return None
            cached = self._line_maps.get(f.path)
            if cached is None:
                old_text = self.text_of(f.old) or ""
                new_text = self.text_of(f.new) or ""
                cached = line_map(split_lines(old_text), split_lines(new_text))
                self._line_maps[f.path] = cached
            return f.path, cached[base_line - 1] if 0 < base_line <= len(cached) else cached[-1]
        return base_path, base_line  # the file did not change: the same line exists on the head side

    # --- analysed elements ---------------------------------------------------------------------

    def changes(self, kind: str) -> list[ElementChange]:
        """Element changes of a kind prepared by ``prepare`` (file and line are always available)."""
        if kind == "file":
            return self.file_changes()
        if kind == "line":
            return self.line_changes()
        return self._changes.get(kind, [])

    def prepare(self, needs: Iterable[Need]) -> None:
        """Compute the element changes of every needed kind, each analyser running once per file side."""
        done = {"file", "line", *self._changes}
        wanted = {k: g for k, g in merge_needs(needs).items() if k not in done}
        if not wanted:
            return
        plans: list[tuple[Analyser, frozenset[str], list[FileJob]]] = []
        for analyser in self.analysers:
            kinds = frozenset(k for k in wanted if k in analyser.kinds)
            if not kinds:
                continue
            globs_list = [wanted[k] for k in kinds]
            globs: tuple[str, ...] | None = None
            if all(g is not None for g in globs_list):
                globs = tuple(dict.fromkeys(g for gs in globs_list for g in (gs or ())))
            jobs = [job for f in self.files if (job := self._job(analyser, f, globs)) is not None]
            plans.append((analyser, kinds, jobs))
            for k in kinds:
                self._changes.setdefault(k, [])
        self.contents.prefetch(b for _, _, jobs in plans for j in jobs for b in (j.base, j.head))
        for analyser, kinds, jobs in plans:
            with paused_gc():
                outcomes = self._analyse_all(analyser, kinds, jobs)
                deltas = []
                for outcome in outcomes:
                    for n in outcome.notices:
                        self.notice(n.message, n.path, n.line)
                    for key, facts in outcome.computed:
                        self.cache.put(key, facts)
                    if outcome.delta is not None:
                        deltas.append(outcome.delta)
                gone = frozenset(j.base.path for j in jobs if j.change.status == "removed" and j.base)
                new = frozenset(j.head.path for j in jobs if j.change.status == "added" and j.head)
                for change in combine(deltas, analyser.compare, gone_paths=gone, new_paths=new):
                    if change.kind in self._changes:
                        self._changes[change.kind].append(change)

    def _job(self, analyser: Analyser, f: FileChange, globs: tuple[str, ...] | None) -> FileJob | None:
        # Whole-file additions and removals are always read, so that an element moved from or to a
        # path outside the globs is recognised as moved rather than added or removed.
        if globs is not None and f.status not in ("added", "removed") and not any(
            any_path_matches(p, globs) for p in f.paths
        ):
            return None
        if not any(analyser.accepts(p) for p in f.paths):
            return None

        def side(blob: Blob | None) -> Blob | None:
            if blob is None or blob.is_submodule or not analyser.accepts(blob.path):
                return None
            return blob

        return FileJob(f, side(f.old), side(f.new))

    # --- analysing files -----------------------------------------------------------------------

    def _analyse_all(
        self, analyser: Analyser, kinds: frozenset[str], jobs: Sequence[FileJob]
    ) -> list[Outcome]:
        sizes = [self._size(j.base) + self._size(j.head) for j in jobs]
        workers = self._workers(sum(sizes), len(jobs))
        if workers <= 1:
            return [self.analyse(analyser, kinds, j) for j in jobs]
        return _in_parallel(self, analyser, kinds, jobs, sizes, workers)

    def _size(self, blob: Blob | None) -> int:
        data = self.contents.get(blob)
        return 0 if data is None else len(data)

    def _workers(self, total_bytes: int, files: int) -> int:
        if sys.platform != "linux" or files < 2:  # forking is only cheap and safe there
            return 1
        if self.jobs is not None:
            return min(self.jobs, files)
        if total_bytes < PARALLEL_MIN_BYTES or files < PARALLEL_MIN_FILES:
            return 1
        try:
            cpus = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            cpus = os.cpu_count() or 1
        return max(1, min(cpus, MAX_WORKERS, files))

    def analyse(self, analyser: Analyser, kinds: frozenset[str], job: FileJob) -> Outcome:
        """One file, both sides, matched within the file. Records nothing: the caller does."""
        notices: list[Notice] = []
        computed: list[tuple[str, FileFacts]] = []
        sides: dict[str, FileFacts | None] = {}
        for side, blob in (("base", job.base), ("head", job.head)):
            if blob is not None:
                sides[side] = self._extract(analyser, kinds, blob, side, notices, computed)  # type: ignore[arg-type]
        change = job.change
        if (change.old is not None and job.base is not None and sides.get("base") is None) or (
            change.new is not None and job.head is not None and sides.get("head") is None
        ):
            # an unreadable side: comparing would report everything on the other side as new or gone
            return Outcome(None, tuple(notices), tuple(computed))
        base, head = sides.get("base"), sides.get("head")
        pair = FilePair(
            base.elements if base is not None else (),
            head.elements if head is not None else (),
            renamed=change.status == "renamed",
        )
        return Outcome(file_delta(pair, analyser.compare), tuple(notices), tuple(computed))

    def _extract(
        self,
        analyser: Analyser,
        kinds: frozenset[str],
        blob: Blob,
        side: Side,
        notices: list[Notice],
        computed: list[tuple[str, FileFacts]],
    ) -> FileFacts | None:
        data = self.contents.get(blob)
        if data is None:
            return None
        if len(data) > self.max_file_bytes:
            notices.append(Notice(
                f"not analysed ({analyser.name}): {len(data)} bytes is over the "
                f"{self.max_file_bytes}-byte limit; path and line rules still apply",
                blob.path,
            ))
            return None
        key = FactsCache.key(analyser.name, analyser.version, blob.oid or _digest(data), blob.path, kinds)
        failed = self._failed.get(key)
        if failed is None:
            cached = self.cache.get(key)
            if cached is not None:
                return cached
            try:
                facts = analyser.extract(SourceFile(blob.path, data, side), kinds)
            except AnalysisError as exc:
                failed = self._failed[key] = (exc.message, exc.line)
            else:
                notices.extend(Notice(n.message, n.path or blob.path, n.line) for n in facts.notices)
                computed.append((key, facts))
                return facts
        message, line = failed
        notices.append(Notice(f"not analysed ({analyser.name}, {side} side): {message}", blob.path, line))
        return None


def _digest(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


# --- parallel analysis -------------------------------------------------------------------------

#: What forked workers read their work from (inherited memory: nothing is sent to them).
_SHARED: tuple[Facts, Analyser, frozenset[str], Sequence[FileJob]] | None = None


def _balance(sizes: Sequence[int], bins: int) -> list[list[int]]:
    """Job indices in ``bins`` groups of about equal size, largest jobs placed first."""
    groups: list[list[int]] = [[] for _ in range(bins)]
    loads = [0] * bins
    for index in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        smallest = loads.index(min(loads))
        groups[smallest].append(index)
        loads[smallest] += sizes[index] + 1
    return [sorted(g) for g in groups]


def _pack_outcome(outcome: Outcome) -> tuple[Any, ...]:
    d = outcome.delta
    packed_delta = None if d is None else (
        [pack_change(c) for c in d.changes], [pack(e) for e in d.removed], [pack(e) for e in d.added]
    )
    return packed_delta, [(n.message, n.path, n.line) for n in outcome.notices]


def _unpack_outcome(packed: tuple[Any, ...]) -> Outcome:
    packed_delta, notices = packed
    delta = None
    if packed_delta is not None:
        changes, removed, added = packed_delta
        delta = FileDelta(
            tuple(map(unpack_change, changes)), tuple(map(unpack, removed)), tuple(map(unpack, added))
        )
    return Outcome(delta, tuple(Notice(*n) for n in notices))


def _work(indices: Sequence[int]) -> list[tuple[int, tuple[Any, ...]]]:
    assert _SHARED is not None
    facts, analyser, kinds, jobs = _SHARED
    with paused_gc():
        return [(i, _pack_outcome(facts.analyse(analyser, kinds, jobs[i]))) for i in indices]


def _in_parallel(
    facts: Facts,
    analyser: Analyser,
    kinds: frozenset[str],
    jobs: Sequence[FileJob],
    sizes: Sequence[int],
    workers: int,
) -> list[Outcome]:
    """Analyse ``jobs`` here and in ``workers - 1`` forked processes; results in job order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _SHARED
    groups = _balance(sizes, workers)
    results: list[Outcome | None] = [None] * len(jobs)
    _SHARED = (facts, analyser, kinds, jobs)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
            futures = [pool.submit(_work, group) for group in groups[1:]]
            for i in groups[0]:
                results[i] = facts.analyse(analyser, kinds, jobs[i])
            for future in futures:
                for i, packed in future.result():
                    results[i] = _unpack_outcome(packed)
    finally:
        _SHARED = None
    return [r for r in results if r is not None]
