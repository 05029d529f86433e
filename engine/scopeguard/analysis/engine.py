"""Computing the element changes a run needs, and nothing more.

The evaluator says which kinds it needs and, for each, which paths (the union of its selectors'
globs, or every path). ``Facts`` then picks the analysers that produce those kinds, the changed files
they accept, reads those blobs in one batch, runs each analyser once per file side for all the kinds
asked of it (one parse serves every rule), caches the result by blob id, and matches base and head
into element changes. A file it cannot analyse becomes a notice and the run goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scopeguard.analysis.base import AnalysisError, Analyser, FileFacts, SourceFile
from scopeguard.analysis.contents import Contents
from scopeguard.analysis.delta import FilePair, delta
from scopeguard.analysis.lines import diff_lines, file_element, line_count, line_elements, line_map
from scopeguard.core.globs import any_path_matches
from scopeguard.core.model import Blob, ChangeSet, ElementChange, FileChange, Notice, Side
from scopeguard.core.text import decode, split_lines

#: Files larger than this are not parsed (their path and line rules still apply).
DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024


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
class Task:
    analyser: Analyser
    kinds: frozenset[str]
    change: FileChange
    side: Side
    blob: Blob


class Facts:
    """The facts of one change set, computed on demand and kept for the run."""

    def __init__(
        self,
        changeset: ChangeSet,
        analysers: Sequence[Analyser],
        *,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        excluded: Sequence[str] = (),
    ) -> None:
        self.changeset = changeset
        self.analysers = analysers
        self.max_file_bytes = max_file_bytes
        self.files = tuple(f for f in changeset.files if not any(any_path_matches(p, excluded) for p in f.paths))
        self.contents = Contents(changeset)
        self._notices: dict[tuple[str | None, str], Notice] = {}
        self._changes: dict[str, list[ElementChange]] = {}
        self._file_changes: list[ElementChange] | None = None
        self._line_changes: list[ElementChange] | None = None
        self._cache: dict[tuple[str, str, frozenset[str]], FileFacts] = {}
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
                out.append(file_element(f, binary=binary, lines=None if text is None else line_count(text)))
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
        wanted = {k: g for k, g in merge_needs(needs).items() if k not in ("file", "line") and k not in self._changes}
        if not wanted:
            return
        tasks_by_analyser: dict[str, tuple[Analyser, list[Task]]] = {}
        for analyser in self.analysers:
            kinds = frozenset(k for k in wanted if k in analyser.kinds)
            if not kinds:
                continue
            globs_list = [wanted[k] for k in kinds]
            globs: tuple[str, ...] | None = None
            if all(g is not None for g in globs_list):
                globs = tuple(dict.fromkeys(g for gs in globs_list for g in (gs or ())))
            tasks: list[Task] = []
            for f in self.files:
                if not self._selected(f, globs) or not any(analyser.accepts(p) for p in f.paths):
                    continue
                for side, blob in (("base", f.old), ("head", f.new)):
                    if blob is not None and not blob.is_submodule and analyser.accepts(blob.path):
                        tasks.append(Task(analyser, kinds, f, side, blob))  # type: ignore[arg-type]
            tasks_by_analyser[analyser.name] = (analyser, tasks)
            for k in kinds:
                self._changes.setdefault(k, [])
        self.contents.prefetch(t.blob for _, tasks in tasks_by_analyser.values() for t in tasks)
        for analyser, tasks in tasks_by_analyser.values():
            results = self._run(tasks)
            pairs = self._pairs(tasks, results)
            for change in delta(pairs, analyser.compare):
                if change.kind in self._changes:
                    self._changes[change.kind].append(change)

    def _selected(self, f: FileChange, globs: tuple[str, ...] | None) -> bool:
        # Whole-file additions and removals are always read, so that an element moved from or to a
        # path outside the globs is recognised as moved rather than added or removed.
        if globs is None or f.status in ("added", "removed"):
            return True
        return any(any_path_matches(p, globs) for p in f.paths)

    def _run(self, tasks: Sequence[Task]) -> list[FileFacts | None]:
        return [self._extract(t) for t in tasks]

    def _extract(self, task: Task) -> FileFacts | None:
        data = self.contents.get(task.blob)
        if data is None:
            return None
        if len(data) > self.max_file_bytes:
            self.notice(
                f"not analysed ({task.analyser.name}): {len(data)} bytes is over the "
                f"{self.max_file_bytes}-byte limit; path and line rules still apply",
                task.blob.path,
            )
            return None
        key = (task.analyser.name + "@" + task.analyser.version, task.blob.oid or _digest(data), task.kinds)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        try:
            facts = task.analyser.extract(SourceFile(task.blob.path, data, task.side), task.kinds)
        except AnalysisError as exc:
            side = "base" if task.side == "base" else "head"
            self.notice(f"not analysed ({task.analyser.name}, {side} side): {exc.message}", task.blob.path, exc.line)
            return None
        for n in facts.notices:
            self.notice(n.message, n.path or task.blob.path, n.line)
        self._cache[key] = facts
        return facts

    def _pairs(self, tasks: Sequence[Task], results: Sequence[FileFacts | None]) -> list[FilePair]:
        sides: dict[int, dict[str, FileFacts | None]] = {}
        changes: dict[int, FileChange] = {}
        for task, result in zip(tasks, results):
            sides.setdefault(id(task.change), {})[task.side] = result
            changes[id(task.change)] = task.change
        pairs = []
        for key, by_side in sides.items():
            change = changes[key]
            if change.old is not None and "base" in by_side and by_side["base"] is None:
                continue  # unreadable base side: comparing would report everything as added
            if change.new is not None and "head" in by_side and by_side["head"] is None:
                continue
            base = by_side.get("base")
            head = by_side.get("head")
            pairs.append(
                FilePair(
                    base.elements if base is not None else (),
                    head.elements if head is not None else (),
                    renamed=change.status == "renamed",
                )
            )
        return pairs


def _digest(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()
