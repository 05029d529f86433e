"""File names as git writes them: raw bytes from ``-z`` output, C-quoted names in patch headers.

Git prints names with unusual bytes (quotes, tabs, newlines, non-ASCII under ``core.quotePath``) as
C strings with octal escapes, ``"caf\\303\\251.txt"``. Everywhere scopeguard can, it asks git for
NUL-separated output and never sees a quoted name; patches are the exception, so their names are
unquoted here. Names become ``str`` through UTF-8 with ``surrogateescape``, which is the same
mapping Python uses for file system paths on POSIX, so a name that is not UTF-8 still round-trips
to the exact bytes on disk.
"""

from __future__ import annotations

import os

_ESCAPES = {
    ord("a"): 0x07,
    ord("b"): 0x08,
    ord("t"): 0x09,
    ord("n"): 0x0A,
    ord("v"): 0x0B,
    ord("f"): 0x0C,
    ord("r"): 0x0D,
    ord('"'): 0x22,
    ord("\\"): 0x5C,
}


def decode_path(raw: bytes) -> str:
    """A repository path from git's bytes (lossless for names that are not UTF-8)."""
    return raw.decode("utf-8", "surrogateescape")


def encode_path(path: str) -> bytes:
    """The bytes of a path produced by :func:`decode_path`."""
    return path.encode("utf-8", "surrogateescape")


def fs_path(path: str) -> str:
    """A path as the operating system wants it (identical to ``path`` on POSIX)."""
    return os.fsdecode(encode_path(path))


def unquote(text: bytes, start: int = 0) -> tuple[bytes, int] | None:
    """The C-quoted string that begins at ``text[start]`` (a ``"``), and the index after it.

    ``None`` when the quotes do not close or an escape is not one git writes.
    """
    if text[start : start + 1] != b'"':
        return None
    out = bytearray()
    i = start + 1
    while i < len(text):
        c = text[i]
        if c == 0x22:
            return bytes(out), i + 1
        if c != 0x5C:
            out.append(c)
            i += 1
            continue
        i += 1
        if i >= len(text):
            return None
        e = text[i]
        if e in _ESCAPES:
            out.append(_ESCAPES[e])
            i += 1
        elif 0x30 <= e <= 0x33 and i + 2 < len(text) and all(0x30 <= d <= 0x37 for d in text[i + 1 : i + 3]):
            out.append(int(text[i : i + 3], 8))
            i += 3
        else:
            return None
    return None
