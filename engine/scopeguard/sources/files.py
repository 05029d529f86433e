"""Files outside git's object database: a policy given by path, a patch file, a working-tree file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from scopeguard.core.errors import Diagnostic, UserError


def read_file(path: str | Path, *, what: str = "file") -> bytes:
    """The bytes of ``path``; a ``UserError`` naming it when it is missing or unreadable."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        reason = "no such file"
    except IsADirectoryError:
        reason = "it is a directory"
    except PermissionError:
        reason = "permission denied"
    except OSError as exc:
        reason = exc.strerror or str(exc)
    raise UserError(diagnostics=[Diagnostic(f"cannot read the {what}: {reason}", str(path))])


def read_stream(stream: BinaryIO | None, *, what: str) -> bytes:
    """Everything on ``stream`` (standard input when ``None``) as bytes, whatever kind of stream it is."""
    if stream is None:
        import sys

        stream = sys.stdin.buffer
    try:
        data: bytes | str = stream.read()
    except OSError as exc:
        raise UserError(f"cannot read the {what} from standard input: {exc.strerror or exc}") from None
    return data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data


def read_optional(path: Path) -> bytes | None:
    """The bytes of a working-tree file, or ``None`` when there is no file there."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    except OSError as exc:
        raise UserError(diagnostics=[Diagnostic(f"cannot read: {exc.strerror or exc}", str(path))]) from None


def is_executable(path: Path) -> bool:
    try:
        return path.is_file() and bool(os.stat(path).st_mode & 0o111)
    except OSError:
        return False
