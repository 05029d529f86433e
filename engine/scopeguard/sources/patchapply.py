"""Applying a parsed patch, in memory, to the files of a base revision.

Nothing touches the disk: the base tree's entries and blob contents come in, ``FileChange`` values
come out. Hunks apply where their header says or, like ``patch``, at the nearest offset where their
context matches exactly (no fuzz); a hunk that matches nowhere is an error that names the patch
line, the file, and what the base has instead. Several sections may touch the same file (a series of
``git format-patch`` e-mails); each applies to the result of the ones before it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from scopeguard.core.errors import Diagnostic, UserError
from scopeguard.core.model import MODE_FILE, MODE_SUBMODULE, Blob, FileChange
from scopeguard.sources.gitbinary import BinaryPatchError, apply_delta
from scopeguard.sources.names import decode_path
from scopeguard.sources.patchparse import FilePatch, Hunk, split_lines
from scopeguard.sources.trees import TreeEntry

_REDO = "was the patch made against another revision? give that revision: scopeguard diff REV --patch FILE"


@dataclass(frozen=True, slots=True)
class _State:
    """A file as the patch has made it so far, and the base path its content came from."""

    mode: int
    oid: str | None
    data: bytes | None
    origin: str | None = None
    how: str | None = None
    similarity: int | None = None


Operation = Literal["add", "delete", "modify", "modify-or-delete", "rename", "copy"]


@dataclass(frozen=True, slots=True)
class _Target:
    """What a section does, to which paths (``modify-or-delete``: ``diff -N`` emptied the file)."""

    op: Operation
    old_path: str | None
    new_path: str | None


class PatchApplier:
    """Applies the sections of one patch to one base tree.

    ``read`` returns the contents of base blobs by object id (one batch for the whole patch);
    ``blob_id`` names new content the way git would, so that unchanged content keeps its id.
    """

    def __init__(
        self,
        entries: Mapping[str, TreeEntry],
        read: Callable[[Sequence[str]], Mapping[str, bytes]],
        blob_id: Callable[[bytes], str],
        *,
        source: str,
        base_label: str,
    ) -> None:
        self.entries = entries
        self.read = read
        self.blob_id = blob_id
        self.source = source
        self.base_label = base_label
        self.state: dict[str, _State | None] = {}
        self.contents: dict[str, bytes] = {}

    def apply(self, patches: Sequence[FilePatch]) -> tuple[FileChange, ...]:
        strip = choose_strip(patches, self.entries)
        targets = [self.target(p, strip) for p in patches]
        wanted = {
            self.entries[path].oid
            for t in targets
            for path in (t.old_path, t.new_path)
            if path is not None and path in self.entries and self.entries[path].mode != MODE_SUBMODULE
        }
        self.contents = dict(self.read(sorted(wanted))) if wanted else {}
        for patch, target in zip(patches, targets, strict=True):
            self.apply_one(patch, target)
        return self.changes()

    # -- naming -------------------------------------------------------------------------------

    def target(self, patch: FilePatch, strip: int) -> _Target:
        old = _named(patch.rename_from or patch.copy_from, patch.old_name, strip)
        new = _named(patch.rename_to or patch.copy_to, patch.new_name, strip)
        if patch.binary_without_data and not patch.deletes:
            raise self.error(
                patch.line,
                patch.header,
                f"binary patch without content for {new or old or 'a file'}",
                suggestion="binary patches need `git diff --binary`: without it git leaves the content out",
            )
        if patch.rename_from is not None or patch.rename_to is not None:
            return _Target("rename", old, new)
        if patch.copy_from is not None or patch.copy_to is not None:
            return _Target("copy", old, new)
        if patch.git:
            if patch.creates:
                return _Target("add", None, new)
            return _Target("delete", old, None) if patch.deletes else _Target("modify", old, new)
        if patch.creates or (
            old not in self.entries and new not in self.entries and all(h.old_count == 0 for h in patch.hunks)
        ):
            return _Target("add", None, new)
        if patch.deletes:
            return _Target("delete", old, None)
        path = new if new in self.entries or new in self.state else old
        return _Target("modify-or-delete" if patch.new_epoch else "modify", path, path)

    # -- applying -----------------------------------------------------------------------------

    def current(self, path: str, *, base: bool = False) -> _State | None:
        if path in self.state and not base:
            return self.state[path]
        entry = self.entries.get(path)
        if entry is None:
            return None
        return _State(entry.mode, entry.oid, None, origin=path)

    def content(self, state: _State) -> bytes:
        if state.data is not None:
            return state.data
        assert state.oid is not None
        data = self.contents.get(state.oid)
        if data is None:
            data = self.read([state.oid]).get(state.oid, b"")
            self.contents[state.oid] = data
        return data

    def apply_one(self, patch: FilePatch, target: _Target) -> None:
        if target.op == "add":
            assert target.new_path is not None
            if self.current(target.new_path) is not None:
                raise self.error(
                    patch.line,
                    patch.header,
                    f"the patch creates {target.new_path}, which already exists in {self.base_label}",
                    suggestion=_REDO,
                )
            source = _State(patch.new_mode or MODE_FILE, None, b"")
        else:
            assert target.old_path is not None
            # like git apply: renames and copies read the base, whatever the sections before them did
            found = self.current(target.old_path, base=target.op in ("rename", "copy"))
            if found is None:
                raise self.error(
                    patch.line,
                    patch.header,
                    f"{target.old_path} is not in {self.base_label} (the patch changes it)",
                    suggestion=_REDO,
                )
            source = found
        result = self.result(patch, target, source)
        if target.op in ("delete", "modify-or-delete"):
            assert target.old_path is not None
            emptied = (
                MODE_SUBMODULE in (source.mode, result.mode)
                or not (patch.hunks or patch.binary)
                or result.data == b""
            )
            if not emptied and target.op == "delete":
                raise self.error(
                    patch.line,
                    patch.header,
                    f"the patch deletes {target.old_path} but leaves content in it",
                    suggestion=_REDO,
                )
            self.state[target.old_path] = None if emptied else result
            return
        assert target.new_path is not None
        if target.op == "rename":
            assert target.old_path is not None
            if target.old_path != target.new_path:
                self.state[target.old_path] = None
            result = replace(result, how="rename", similarity=patch.similarity)
        elif target.op == "copy":
            result = replace(result, origin=target.old_path, how="copy", similarity=patch.similarity)
        elif target.op == "add":
            result = replace(result, origin=None, how=None)
        self.state[target.new_path] = result

    def result(self, patch: FilePatch, target: _Target, source: _State) -> _State:
        """The file after this section: its mode and content (content unchanged keeps the old id)."""
        mode = patch.new_mode or source.mode
        path = target.new_path or target.old_path or ""
        if MODE_SUBMODULE in (mode, source.mode):
            return replace(source, mode=mode, oid=self.submodule_commit(patch, source), data=None)
        if patch.binary is not None:
            self.check_binary_base(patch, path, source)
            if patch.binary.method == "literal":
                data = patch.binary.data
            else:
                try:
                    data = apply_delta(self.content(source), patch.binary.data)
                except BinaryPatchError as exc:
                    raise self.error(
                        patch.binary.line, "", f"binary patch for {path}: {exc}", _REDO
                    ) from None
            return replace(source, mode=mode, oid=None, data=data)
        if not patch.hunks:
            return replace(source, mode=mode)
        data = self.apply_hunks(patch, path, self.content(source))
        return replace(source, mode=mode, oid=None, data=data)

    def submodule_commit(self, patch: FilePatch, source: _State) -> str | None:
        for hunk in patch.hunks:
            for line in hunk.new:
                if line.startswith(b"Subproject commit "):
                    return line[18:].strip().split(b"-")[0].decode("ascii", "replace")
        if patch.deletes:
            return source.oid
        return patch.index_new if patch.index_new and len(patch.index_new) >= 40 else source.oid

    def check_binary_base(self, patch: FilePatch, path: str, source: _State) -> None:
        """A binary hunk has no context to check, so its base must be the very blob it was made from."""
        if patch.creates or patch.index_old is None or source.oid is None or source.data is not None:
            return
        if not source.oid.startswith(patch.index_old):
            raise self.error(
                patch.line,
                patch.header,
                f"the binary patch for {path} was made from blob {patch.index_old[:12]}, "
                f"but {self.base_label} has {source.oid[:12]}",
                suggestion=_REDO,
            )

    def apply_hunks(self, patch: FilePatch, path: str, base: bytes) -> bytes:
        lines = split_lines(base)
        out: list[bytes] = []
        pos = 0
        offset = 0
        for number, hunk in enumerate(patch.hunks, 1):
            nominal = (hunk.old_start - 1 if hunk.old_count else hunk.old_start) + offset
            at = _find(lines, hunk.old, nominal, pos, *_anchors(hunk))
            if at is None:
                raise self.mismatch(number, hunk, path, lines, max(pos, nominal))
            out.extend(lines[pos:at])
            out.extend(hunk.new)
            pos = at + len(hunk.old)
            offset += at - nominal
        out.extend(lines[pos:])
        return b"".join(out)

    # -- results ------------------------------------------------------------------------------

    def changes(self) -> tuple[FileChange, ...]:
        renamed_from = {
            s.origin for s in self.state.values() if s is not None and s.how == "rename" and s.origin
        }
        out: list[FileChange] = []
        for path, state in self.state.items():
            entry = self.entries.get(path)
            if state is None:
                if entry is not None and path not in renamed_from:
                    out.append(FileChange("removed", path, _base_blob(path, entry), None))
                continue
            new = self.head_blob(path, state)
            origin = self.entries.get(state.origin) if state.origin else None
            if state.how == "rename" and state.origin and origin is not None and state.origin != path:
                old = _base_blob(state.origin, origin)
                out.append(FileChange("renamed", path, old, new, state.origin, state.similarity))
            elif state.how == "copy" and state.origin:
                out.append(
                    FileChange(
                        "added", path, None, new, state.origin, state.similarity, copied_from=state.origin
                    )
                )
            elif entry is not None:
                if entry.mode != new.mode or entry.oid != new.oid:
                    out.append(FileChange("modified", path, _base_blob(path, entry), new))
            else:
                out.append(FileChange("added", path, None, new))
        return tuple(sorted(out, key=lambda c: c.path))

    def head_blob(self, path: str, state: _State) -> Blob:
        if state.data is None:
            return Blob(path, state.mode, state.oid)
        oid = self.blob_id(state.data)
        origin = self.entries.get(state.origin) if state.origin else None
        if origin is not None and origin.oid == oid:
            return Blob(path, state.mode, oid)
        return Blob(path, state.mode, oid, state.data)

    # -- errors -------------------------------------------------------------------------------

    def error(self, line: int, text: str, message: str, suggestion: str | None = None) -> UserError:
        return UserError(
            diagnostics=[
                Diagnostic(
                    message, self.source, line, 1 if text else None, text or None, suggestion=suggestion
                )
            ]
        )

    def mismatch(self, number: int, hunk: Hunk, path: str, lines: list[bytes], at: int) -> UserError:
        """Where the hunk's expected lines first differ from the base, said at that line of the patch."""
        where = (
            f"hunk {number} ({hunk.header.split(' @@')[0]} @@) does not apply to {path} in {self.base_label}"
        )
        for k, want in enumerate(hunk.old):
            have = lines[at + k] if at + k < len(lines) else None
            if have == want:
                continue
            if have is None:
                found = f"the file ends after line {len(lines)}"
            else:
                found = f"line {at + k + 1} is {_show(have)}"
            diagnostic = Diagnostic(
                f"{where}: {found}, the patch expects {_show(want)}",
                self.source,
                hunk.old_lines[k],
                2,
                _show_raw(b" " + want),
                suggestion=_REDO,
            )
            return UserError(diagnostics=[diagnostic])
        return self.error(hunk.line, hunk.header, f"{where}: its lines were not found in order", _REDO)


def _base_blob(path: str, entry: TreeEntry) -> Blob:
    return Blob(path, entry.mode, entry.oid)


def _show(line: bytes) -> str:
    text = line.decode("utf-8", "replace")
    if text.endswith("\n"):
        text = text[:-1]
    else:
        text += "  (no newline at end of file)"
    return repr(text)


def _show_raw(line: bytes) -> str:
    return line.rstrip(b"\n").decode("utf-8", "replace")


def _anchors(hunk: Hunk) -> tuple[bool, bool]:
    """Whether the hunk must apply at the start and at the end of the file, as ``git apply`` decides.

    A hunk that starts at line 1 (or 0) belongs at the beginning; one without trailing context
    reaches the end of the file. A hunk with no context on either side was made with ``-U0``, where
    neither can be told, so it is not anchored.
    """
    if hunk.leading is None or hunk.trailing is None or (hunk.leading == 0 and hunk.trailing == 0):
        return False, False
    return hunk.old_start <= 1, hunk.trailing == 0


def _find(
    lines: list[bytes],
    want: tuple[bytes, ...],
    nominal: int,
    lowest: int,
    at_start: bool = False,
    at_end: bool = False,
) -> int | None:
    """The start nearest ``nominal`` (at or after ``lowest``) where ``want`` matches ``lines``;
    only the first or last possible place when the hunk is anchored there."""
    size = len(want)
    highest = len(lines) - size
    if highest < lowest:
        return None
    if at_start or at_end:
        at = lowest if at_start else highest
        if (at_start and at_end and at != highest) or at < lowest:
            return None
        return at if tuple(lines[at : at + size]) == want else None
    start = min(max(nominal, lowest), highest)
    if not want:
        return start
    first = want[0]
    for distance in range(max(start - lowest, highest - start) + 1):
        for at in (start - distance, start + distance) if distance else (start,):
            if lowest <= at <= highest and lines[at] == first and tuple(lines[at : at + size]) == want:
                return at
    return None


def _strip(name: bytes, level: int) -> str | None:
    parts = name.split(b"/")
    while parts and parts[0] in (b"", b"."):
        parts.pop(0)
    if len(parts) <= level:
        return None
    return decode_path(b"/".join(parts[level:]))


def _named(exact: bytes | None, written: bytes | None, strip: int) -> str | None:
    if exact is not None:
        return decode_path(exact)
    return None if written is None else _strip(written, strip)


def choose_strip(patches: Sequence[FilePatch], entries: Mapping[str, TreeEntry]) -> int:
    """How many leading name components to drop (``patch -pN``): the level that names base files.

    Git's ``a/`` ``b/`` prefixes make 1 the usual answer; plain ``diff -u x.orig x`` needs 0. The
    level is the first of 1, 0, 2, 3 at which every file the patch changes exists in the base. A
    patch that only adds files (or names none that exist) is read at level 1 when its names carry
    prefixes (``a/``, ``b/``, or two different first directories as ``diff -r old new`` writes).
    """
    must_exist = [p for p in patches if _changes_existing(p)]
    if must_exist:
        for level in (1, 0, 2, 3):
            if all(_exists(p, level, entries) for p in must_exist):
                return level
    return 1 if all(_prefixed(p) for p in patches) else 0


def _changes_existing(p: FilePatch) -> bool:
    """Whether the section changes a file the base must have (not a creation, rename or copy)."""
    if p.creates or p.rename_from is not None or p.copy_from is not None or p.binary_without_data:
        return False
    if p.old_epoch and all(h.old_count == 0 for h in p.hunks):
        return False
    return p.old_name is not None or p.new_name is not None


def _prefixed(p: FilePatch) -> bool:
    names = [n for n in (p.old_name, p.new_name) if n is not None]
    if len(names) == 2:
        return b"/" in names[0] and b"/" in names[1] and names[0].split(b"/")[0] != names[1].split(b"/")[0]
    return len(names) == 1 and names[0].startswith((b"a/", b"b/"))


def _exists(patch: FilePatch, level: int, entries: Mapping[str, TreeEntry]) -> bool:
    names = [n for n in (patch.old_name, patch.new_name) if n is not None]
    stripped = [_strip(n, level) for n in names]
    if patch.git:
        return stripped[0] in entries
    return any(s in entries for s in stripped)
