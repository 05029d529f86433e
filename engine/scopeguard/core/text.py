"""Turning blob bytes into text the way git and editors do.

Binary is git's heuristic (a NUL byte in the first 8000 bytes). Text is UTF-8 (a BOM is dropped);
UTF-16 with a BOM is decoded; anything else that is not UTF-8 is decoded as Latin-1 so that line rules
still see every line, and the caller is told which encoding was assumed.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BINARY_PROBE = 8000


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    #: true when the bytes were not valid in any encoding we recognise and Latin-1 was assumed
    guessed: bool = False


def is_binary(data: bytes) -> bool:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in data[:_BINARY_PROBE]


def decode(data: bytes) -> DecodedText | None:
    """Decode text content; ``None`` for binary content."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return DecodedText(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            pass
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return DecodedText(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            return None
    if is_binary(data):
        return None
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return DecodedText(data.decode("latin-1"), "latin-1", guessed=True)


def split_lines(text: str) -> list[str]:
    """Lines without their endings. As in git, ``\\n`` ends a line and a ``\\r`` before it is dropped."""
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]
