"""Reading unified diffs: git's (extended headers, binary hunks) and plain ``diff -u`` output.

The patch is read as bytes and split on ``\\n`` only, so CRLF lines and content that is not UTF-8
reach the applier exactly as written. Lines that belong to no file section (an e-mail header, a
commit message, ``diff -u a b`` command lines, ``Only in`` notes) are skipped, as ``git apply`` and
``patch`` do. Names stay as written here (with their ``a/`` ``b/`` prefixes); choosing how many
leading components to strip needs the base tree and is the applier's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from scopeguard.core.errors import Diagnostic, UserError
from scopeguard.sources.gitbinary import BinaryPatchError, decode_lines
from scopeguard.sources.names import unquote

_HUNK = re.compile(rb"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_EPOCH = re.compile(rb"^(1970-01-01|1969-12-31)[ T]")
_BINARY_SIZE = re.compile(rb"^(literal|delta) (\d+)\s*$")
_INDEX = re.compile(rb"^index ([0-9a-fA-F]+)\.\.([0-9a-fA-F]+)(?: ([0-7]+))?\s*$")


@dataclass(frozen=True, slots=True)
class Hunk:
    """One ``@@`` hunk: the lines it expects (``old``) and the lines it puts in their place (``new``)."""

    line: int
    header: str
    old_start: int
    old_count: int
    new_start: int
    new_count: int
    old: tuple[bytes, ...]
    new: tuple[bytes, ...]
    #: the patch line of each expected line, to point at the one that differs
    old_lines: tuple[int, ...]
    #: context lines before the first and after the last change (``None``: not known)
    leading: int | None = None
    trailing: int | None = None


@dataclass(frozen=True, slots=True)
class BinaryHunk:
    line: int
    method: Literal["literal", "delta"]
    data: bytes


@dataclass(frozen=True, slots=True)
class FilePatch:
    """The changes a patch makes to one file.

    ``old_name`` and ``new_name`` are the names as written (``None`` for ``/dev/null``); the
    ``rename_*`` and ``copy_*`` names of git's extended headers carry no prefix.
    """

    line: int
    header: str
    git: bool
    old_name: bytes | None
    new_name: bytes | None
    creates: bool = False
    deletes: bool = False
    old_mode: int | None = None
    new_mode: int | None = None
    rename_from: bytes | None = None
    rename_to: bytes | None = None
    copy_from: bytes | None = None
    copy_to: bytes | None = None
    similarity: int | None = None
    index_old: str | None = None
    index_new: str | None = None
    index_mode: int | None = None
    hunks: tuple[Hunk, ...] = ()
    binary: BinaryHunk | None = None
    #: ``Binary files a/x and b/x differ``: git left the content out
    binary_without_data: bool = False
    #: plain diffs made with ``diff -N`` date the missing side at the epoch instead of ``/dev/null``
    old_epoch: bool = False
    new_epoch: bool = False


def split_lines(data: bytes) -> list[bytes]:
    """Lines with their endings, split on ``\\n`` only (a lone ``\\r`` is content)."""
    lines = data.split(b"\n")
    last = lines.pop()
    out = [line + b"\n" for line in lines]
    if last:
        out.append(last)
    return out


def parse_patch(data: bytes, source: str) -> tuple[FilePatch, ...]:
    """Every file section of a unified diff; ``source`` names the patch in error messages."""
    if not data.strip():
        raise UserError(diagnostics=[Diagnostic("the patch is empty", source, suggestion=_WHAT_TO_GIVE)])
    return _Parser(split_lines(data), source).parse()


_WHAT_TO_GIVE = "give the output of `git diff` (or `git diff --binary` for binary files) or of `diff -u`"


def _text(line: bytes) -> str:
    return line.rstrip(b"\r\n").decode("utf-8", "replace")


def _mode(value: bytes) -> int | None:
    try:
        return int(value.strip(), 8)
    except ValueError:
        return None


def _header_value(line: bytes, prefix: bytes) -> bytes:
    """The name after an extended header keyword (``rename from NAME``), unquoted."""
    value = line[len(prefix) :].rstrip(b"\n")
    if value.endswith(b"\r"):
        value = value[:-1]
    if value.startswith(b'"'):
        quoted = unquote(value)
        if quoted is not None:
            return quoted[0]
    return value


def _dash_name(line: bytes) -> tuple[bytes | None, bool]:
    """The name of a ``---``/``+++`` line (``None`` for /dev/null), and whether it is dated at the epoch."""
    value = line[4:].rstrip(b"\n")
    if value.endswith(b"\r"):
        value = value[:-1]
    stamp = b""
    if value.startswith(b'"'):
        quoted = unquote(value)
        if quoted is not None:
            name, end = quoted
            stamp = value[end:].lstrip(b"\t ")
            return (None if name == b"/dev/null" else name), bool(_EPOCH.match(stamp))
    if b"\t" in value:
        value, stamp = value.split(b"\t", 1)
    name = value.rstrip(b" ") if stamp else value
    return (None if name == b"/dev/null" else name), bool(_EPOCH.match(stamp.strip()))


def _tail(name: bytes) -> bytes | None:
    return name.split(b"/", 1)[1] if b"/" in name else None


def git_header_names(line: bytes) -> tuple[bytes, bytes] | None:
    """The two names of a ``diff --git`` line, or ``None`` when they cannot be told apart.

    Unquoted names may contain spaces, so the line is split where both halves name the same file
    (as ``git apply`` does); renames with spaces take their names from the rename headers instead.
    """
    rest = line[len(b"diff --git ") :].rstrip(b"\n")
    if rest.endswith(b"\r"):
        rest = rest[:-1]
    if rest.startswith(b'"'):
        first = unquote(rest)
        if first is None or rest[first[1] : first[1] + 1] != b" ":
            return None
        second = rest[first[1] + 1 :]
        if second.startswith(b'"'):
            quoted = unquote(second)
            return None if quoted is None else (first[0], quoted[0])
        return first[0], second
    quote_at = rest.find(b' "')
    if quote_at != -1:
        quoted = unquote(rest, quote_at + 1)
        if quoted is not None and quoted[1] == len(rest):
            return rest[:quote_at], quoted[0]
    for match in re.finditer(rb" ", rest):
        a, b = rest[: match.start()], rest[match.end() :]
        if a == b or (_tail(a) is not None and _tail(a) == _tail(b)):
            return a, b
    return None


class _Parser:
    def __init__(self, lines: list[bytes], source: str) -> None:
        self.lines = lines
        self.source = source

    def error(self, index: int, message: str, expected: str | None = None) -> UserError:
        line = self.lines[index] if index < len(self.lines) else None
        return UserError(
            diagnostics=[
                Diagnostic(
                    message,
                    self.source,
                    min(index, len(self.lines) - 1) + 1 if self.lines else None,
                    1 if line is not None else None,
                    None if line is None else _text(line),
                    expected=expected,
                )
            ]
        )

    def parse(self) -> tuple[FilePatch, ...]:
        patches: list[FilePatch] = []
        i, n = 0, len(self.lines)
        while i < n:
            line = self.lines[i]
            if line.startswith(b"diff --git "):
                patch, i = self.git_section(i)
                patches.append(patch)
            elif (
                line.startswith(b"--- ")
                and i + 2 < n
                and self.lines[i + 1].startswith(b"+++ ")
                and self.lines[i + 2].startswith(b"@@ ")
            ):
                patch, i = self.plain_section(i)
                patches.append(patch)
            elif line.startswith(b"Binary files ") and line.rstrip().endswith(b" differ"):
                patch = FilePatch(i + 1, _text(line), False, None, None, binary_without_data=True)
                patches.append(patch)
                i += 1
            else:
                i += 1
        if not patches:
            context = any(line.startswith(b"*** ") for line in self.lines)
            raise UserError(
                diagnostics=[
                    Diagnostic(
                        "not a patch: no unified diff hunks found",
                        self.source,
                        suggestion=("context diffs (`diff -c`) are not supported; " if context else "")
                        + _WHAT_TO_GIVE,
                    )
                ]
            )
        return tuple(patches)

    def plain_section(self, i: int) -> tuple[FilePatch, int]:
        old_name, old_epoch = _dash_name(self.lines[i])
        new_name, new_epoch = _dash_name(self.lines[i + 1])
        hunks, j = self.hunks(i + 2)
        return (
            FilePatch(
                i + 1,
                _text(self.lines[i]),
                False,
                old_name,
                new_name,
                creates=old_name is None,
                deletes=new_name is None,
                hunks=hunks,
                old_epoch=old_epoch,
                new_epoch=new_epoch,
            ),
            j,
        )

    def git_section(self, i: int) -> tuple[FilePatch, int]:
        header = self.lines[i]
        names = git_header_names(header)
        fields: dict[str, object] = {}
        old_name: bytes | None = names[0] if names else None
        new_name: bytes | None = names[1] if names else None
        hunks: tuple[Hunk, ...] = ()
        binary: BinaryHunk | None = None
        without_data = False
        j, n = i + 1, len(self.lines)
        while j < n:
            line = self.lines[j]
            if line.startswith(b"old mode "):
                fields["old_mode"] = _mode(line[9:])
            elif line.startswith(b"new mode "):
                fields["new_mode"] = _mode(line[9:])
            elif line.startswith(b"deleted file mode "):
                fields["deletes"] = True
                fields["old_mode"] = _mode(line[18:])
            elif line.startswith(b"new file mode "):
                fields["creates"] = True
                fields["new_mode"] = _mode(line[14:])
            elif line.startswith((b"rename from ", b"rename old ")):
                fields["rename_from"] = _header_value(line, line[: line.index(b" ", 7) + 1])
            elif line.startswith((b"rename to ", b"rename new ")):
                fields["rename_to"] = _header_value(line, line[: line.index(b" ", 7) + 1])
            elif line.startswith(b"copy from "):
                fields["copy_from"] = _header_value(line, b"copy from ")
            elif line.startswith(b"copy to "):
                fields["copy_to"] = _header_value(line, b"copy to ")
            elif line.startswith(b"similarity index "):
                digits = line[17:].strip().rstrip(b"%")
                fields["similarity"] = int(digits) if digits.isdigit() else None
            elif line.startswith(b"dissimilarity index "):
                pass
            elif line.startswith(b"index "):
                match = _INDEX.match(line)
                if match:
                    fields["index_old"] = match.group(1).decode().lower()
                    fields["index_new"] = match.group(2).decode().lower()
                    fields["index_mode"] = _mode(match.group(3)) if match.group(3) else None
            elif line.startswith(b"--- ") and j + 1 < n and self.lines[j + 1].startswith(b"+++ "):
                old_name = _dash_name(line)[0]
                new_name = _dash_name(self.lines[j + 1])[0]
                hunks, j = self.hunks(j + 2)
                break
            elif line.startswith(b"@@ "):
                hunks, j = self.hunks(j)
                break
            elif line.startswith(b"Binary files ") and line.rstrip().endswith(b" differ"):
                without_data = True
                j += 1
                break
            elif line.rstrip() == b"GIT binary patch":
                binary, j = self.binary(j + 1)
                break
            else:
                break
            j += 1
        if fields.get("rename_from") is not None and fields.get("rename_from") == fields.get("rename_to"):
            fields.pop("rename_from")
            fields.pop("rename_to")
        if fields.get("creates"):
            old_name = None
        if fields.get("deletes"):
            new_name = None
        has_old = old_name is not None or fields.get("rename_from") or fields.get("copy_from")
        has_new = new_name is not None or fields.get("rename_to") or fields.get("copy_to")
        if (not has_old and not fields.get("creates")) or (not has_new and not fields.get("deletes")):
            raise self.error(
                i, "cannot tell the file names of this 'diff --git' line", "'diff --git a/NAME b/NAME'"
            )
        patch = FilePatch(
            i + 1,
            _text(header),
            True,
            old_name,
            new_name,
            hunks=hunks,
            binary=binary,
            binary_without_data=without_data,
            **fields,  # type: ignore[arg-type]
        )
        return patch, j

    def hunks(self, j: int) -> tuple[tuple[Hunk, ...], int]:
        hunks: list[Hunk] = []
        while j < len(self.lines) and self.lines[j].startswith(b"@@ "):
            hunk, j = self.hunk(j)
            hunks.append(hunk)
        return tuple(hunks), j

    def hunk(self, i: int) -> tuple[Hunk, int]:
        header = self.lines[i]
        match = _HUNK.match(header)
        if match is None:
            raise self.error(i, "malformed hunk header", "'@@ -LINE,COUNT +LINE,COUNT @@'")
        old_start, new_start = int(match.group(1)), int(match.group(3))
        old_count = 1 if match.group(2) is None else int(match.group(2))
        new_count = 1 if match.group(4) is None else int(match.group(4))
        old: list[bytes] = []
        new: list[bytes] = []
        old_lines: list[int] = []
        old_left, new_left = old_count, new_count
        last: tuple[str, int, int] | None = None
        kinds: list[str] = []
        j = i + 1
        while old_left > 0 or new_left > 0:
            if j >= len(self.lines):
                raise self.error(
                    j - 1,
                    f"the patch ends inside the hunk at line {i + 1}: "
                    f"{old_left} expected and {new_left} new lines are missing",
                )
            line = self.lines[j]
            marker = line[:1]
            if (marker == b" " or line in (b"\n", b"\r\n")) and old_left > 0 and new_left > 0:
                content = line[1:] if marker == b" " else line
                old.append(content)
                old_lines.append(j + 1)
                new.append(content)
                old_left -= 1
                new_left -= 1
                last = ("both", len(old) - 1, len(new) - 1)
                kinds.append("both")
            elif marker == b"-" and old_left > 0:
                old.append(line[1:])
                old_lines.append(j + 1)
                old_left -= 1
                last = ("old", len(old) - 1, -1)
                kinds.append("old")
            elif marker == b"+" and new_left > 0:
                new.append(line[1:])
                new_left -= 1
                last = ("new", -1, len(new) - 1)
                kinds.append("new")
            elif marker == b"\\" and last is not None:
                self.no_newline(old, new, last)
            else:
                raise self.error(
                    j,
                    f"unexpected line in the hunk at line {i + 1} "
                    f"({old_left} expected and {new_left} new lines were still to come)",
                    "a line starting with ' ', '-', '+' or '\\'",
                )
            j += 1
        if j < len(self.lines) and self.lines[j].startswith(b"\\") and last is not None:
            self.no_newline(old, new, last)
            j += 1
        changed = [k for k, kind in enumerate(kinds) if kind != "both"]
        hunk = Hunk(
            i + 1,
            _text(header),
            old_start,
            old_count,
            new_start,
            new_count,
            tuple(old),
            tuple(new),
            tuple(old_lines),
            leading=changed[0] if changed else len(kinds),
            trailing=len(kinds) - 1 - changed[-1] if changed else len(kinds),
        )
        return hunk, j

    @staticmethod
    def no_newline(old: list[bytes], new: list[bytes], last: tuple[str, int, int]) -> None:
        """``\\ No newline at end of file``: the line before it has no line ending."""
        side, old_index, new_index = last
        if side in ("old", "both") and old[old_index].endswith(b"\n"):
            old[old_index] = old[old_index][:-1]
        if side in ("new", "both") and new[new_index].endswith(b"\n"):
            new[new_index] = new[new_index][:-1]

    def binary(self, j: int) -> tuple[BinaryHunk, int]:
        if j >= len(self.lines):
            raise self.error(j, "the binary patch is missing its 'literal' or 'delta' line")
        match = _BINARY_SIZE.match(self.lines[j])
        if match is None:
            raise self.error(j, "malformed binary patch", "'literal SIZE' or 'delta SIZE'")
        start = j
        j += 1
        data_lines: list[bytes] = []
        while j < len(self.lines) and self.lines[j].strip():
            data_lines.append(self.lines[j])
            j += 1
        try:
            data = decode_lines(data_lines, int(match.group(2)))
        except BinaryPatchError as exc:
            raise self.error(start, f"corrupt binary patch: {exc}") from None
        method: Literal["literal", "delta"] = "literal" if match.group(1) == b"literal" else "delta"
        # skip the reverse hunk that follows (it turns the new content back into the old)
        while j < len(self.lines) and not self.lines[j].strip():
            j += 1
        if j < len(self.lines) and _BINARY_SIZE.match(self.lines[j]):
            j += 1
            while j < len(self.lines) and self.lines[j].strip():
                j += 1
        return BinaryHunk(start + 1, method, data), j
