from __future__ import annotations

import codecs

from scopeguard.core.text import decode, split_lines


def test_utf8_with_and_without_bom() -> None:
    assert decode("é\n".encode()).text == "é\n"
    decoded = decode(codecs.BOM_UTF8 + "é\n".encode())
    assert decoded is not None and decoded.text == "é\n" and decoded.encoding == "utf-8-sig"


def test_utf16_with_bom_is_text() -> None:
    decoded = decode("a\nb\n".encode("utf-16"))
    assert decoded is not None and decoded.text == "a\nb\n" and decoded.encoding == "utf-16"


def test_nul_byte_is_binary() -> None:
    assert decode(b"\x89PNG\r\n\x1a\n\x00\x00") is None


def test_latin1_is_guessed_and_every_line_kept() -> None:
    decoded = decode("café\nthé\n".encode("latin-1"))
    assert decoded is not None
    assert (decoded.text, decoded.encoding, decoded.guessed) == ("café\nthé\n", "latin-1", True)


def test_split_lines_like_git() -> None:
    assert split_lines("a\r\nb\nc") == ["a", "b", "c"]
    assert split_lines("a\n\n") == ["a", ""]
    assert split_lines("") == []
    assert split_lines("a\rb\n") == ["a\rb"]
