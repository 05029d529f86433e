"""Writing what the user asked to be written: a report file, the GitHub step summary."""

from __future__ import annotations

from pathlib import Path

from scopeguard.core.errors import UserError


def write_text(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}") from None


def append_text(path: str, text: str) -> None:
    try:
        with Path(path).open("a", encoding="utf-8", newline="") as out:
            out.write(text)
    except OSError as exc:
        raise UserError(f"cannot append to {path}: {exc.strerror}") from None
