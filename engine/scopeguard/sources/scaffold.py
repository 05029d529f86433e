"""The file writes of ``scopeguard init``: new files only where absent, and one careful replacement.

A new file is created exclusively, so a file that appeared since it was looked at is never overwritten.
A file that is merged into (Claude Code's settings) is replaced atomically — written next to itself and
renamed over — so an interrupted run leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from scopeguard.core.errors import UserError


def read_existing(root: Path, rel: str) -> bytes | None:
    """The bytes of ``rel`` under ``root``, or ``None`` when there is no such file."""
    target = root / rel
    try:
        return target.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise UserError(f"{rel} is a directory; scopeguard init expected a file there") from None
    except OSError as exc:
        raise UserError(f"cannot read {rel}: {exc.strerror}") from None


def create_file(root: Path, rel: str, text: str) -> bool:
    """Write ``text`` to a new file ``rel`` (and its folders); ``False`` when the file already exists."""
    target = root / rel
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="") as out:
            out.write(text)
    except FileExistsError:
        return False
    except OSError as exc:
        raise UserError(f"cannot write {rel}: {exc.strerror}") from None
    return True


def replace_file(root: Path, rel: str, text: str) -> None:
    """Replace the file ``rel`` with ``text`` atomically, keeping its permission bits."""
    target = root / rel
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UserError(f"cannot write {rel}: {exc.strerror}") from None
