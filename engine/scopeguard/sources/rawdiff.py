"""Turning ``git diff-tree``/``diff-index --raw -z`` output into ``FileChange`` values.

With ``-z`` every name is a NUL-terminated run of raw bytes: no quoting, whatever the name holds.
A record is ``:OLDMODE NEWMODE OLDID NEWID STATUS[SCORE]``, then one name, or two for renames (R)
and copies (C). A type change (T, file to symlink) is a modification whose modes differ; a copy
is an added file whose content came from ``copied_from`` (so it has no base-side blob).
"""

from __future__ import annotations

from scopeguard.core.errors import Diagnostic, UserError
from scopeguard.core.model import Blob, FileChange
from scopeguard.sources.names import decode_path

DIFF_OPTIONS = ("-r", "-z", "--raw", "--no-abbrev", "-M", "-C", "--no-ext-diff", "--no-textconv")


def parse_raw(out: bytes) -> list[FileChange]:
    """The changes of a ``--raw -z`` listing, sorted by path."""
    fields = out.split(b"\0")
    changes: list[FileChange] = []
    i = 0
    while i < len(fields) and fields[i]:
        meta = fields[i]
        if not meta.startswith(b":"):
            raise UserError(f"unexpected git diff output: {meta[:80]!r}")
        old_mode, new_mode, old_oid, new_oid, status = meta[1:].decode("ascii").split(" ")
        letter, score = status[0], int(status[1:]) if status[1:] else None
        if letter in ("R", "C"):
            old_path, new_path = decode_path(fields[i + 1]), decode_path(fields[i + 2])
            i += 3
        else:
            old_path = new_path = decode_path(fields[i + 1])
            i += 2
        changes.append(
            _change(letter, score, old_path, new_path, int(old_mode, 8), int(new_mode, 8), old_oid, new_oid)
        )
    return sorted(changes, key=lambda c: c.path)


def _change(
    letter: str,
    score: int | None,
    old_path: str,
    new_path: str,
    old_mode: int,
    new_mode: int,
    old_oid: str,
    new_oid: str,
) -> FileChange:
    old = Blob(old_path, old_mode, old_oid)
    new = Blob(new_path, new_mode, new_oid)
    if letter == "A":
        return FileChange("added", new_path, None, new)
    if letter == "D":
        return FileChange("removed", old_path, old, None)
    if letter in ("M", "T"):
        return FileChange("modified", new_path, old, new)
    if letter == "R":
        return FileChange("renamed", new_path, old, new, old_path=old_path, similarity=score)
    if letter == "C":
        return FileChange(
            "added", new_path, None, new, old_path=old_path, similarity=score, copied_from=old_path
        )
    if letter == "U":
        raise UserError(
            diagnostics=[
                Diagnostic(
                    f"{new_path} has unresolved merge conflicts",
                    new_path,
                    suggestion="resolve them and `git add` the file, or check the working tree instead",
                )
            ]
        )
    raise UserError(f"git reported an unknown change '{letter}' for {new_path}")
