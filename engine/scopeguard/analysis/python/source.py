"""One side of a Python file, decoded, parsed and addressable by the positions ``ast`` reports.

Decoding honours PEP 263 (a ``# -*- coding: ... -*-`` cookie or a UTF-8 BOM; UTF-8 otherwise), as the
interpreter does: bytes that are not valid in the declared encoding, an unknown encoding, a syntax
error or a null byte make the file unreadable, which the facts engine reports as a notice.

``ast`` gives 1-based lines and 0-based column offsets counted in UTF-8 *bytes*. This module keeps the
UTF-8 form of the text with the offset of every line, so that source segments (for digests and
signatures) are plain byte slices, and converts a column to a 1-based character column only where
an element's position is reported.
"""

from __future__ import annotations

import ast
import hashlib
import io
import tokenize
import warnings
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Protocol

from scopeguard.analysis.base import AnalysisError
from scopeguard.core.model import Span

#: Length of each hexadecimal part of a digest; digests of several parts concatenate parts.
PART = 16


class Positioned(Protocol):
    """A syntax node with a position (statements, expressions, arguments, aliases, keywords)."""

    lineno: int
    col_offset: int
    end_lineno: int | None
    end_col_offset: int | None


def decode_python(data: bytes) -> str:
    """The source text of a Python file, decoded as the interpreter would decode it."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        if not exc.msg.startswith("invalid or missing encoding declaration"):
            raise AnalysisError(f"unknown source encoding: {exc.msg}", exc.lineno) from None
        encoding = "utf-8"  # no declaration and not UTF-8: the decoding error below says where
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise AnalysisError(f"cannot decode as {encoding}: {exc.reason}", line) from None
    except LookupError:
        raise AnalysisError(f"unknown source encoding: {encoding}") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse_python(text: str, path: str) -> ast.Module:
    """The module's syntax tree, or ``AnalysisError`` naming the line that does not parse."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text, filename=path)
    except SyntaxError as exc:
        raise AnalysisError(f"syntax error: {exc.msg}", exc.lineno) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise AnalysisError(f"cannot parse: {exc}") from None


def digest(*parts: str | bytes) -> str:
    """A short content hash of ``parts`` (``PART`` hexadecimal digits)."""
    data = b"\0".join(part.encode("utf-8") if isinstance(part, str) else part for part in parts)
    return hashlib.blake2b(data, digest_size=PART // 2).hexdigest()


@dataclass(slots=True)
class PythonSource:
    """A parsed module: its text as UTF-8 bytes, the offset of each line, and its syntax tree."""

    path: str
    tree: ast.Module
    data: bytes = b""
    starts: list[int] = field(default_factory=list)
    _stripped: list[bytes] | None = field(default=None, repr=False)

    @classmethod
    def read(cls, path: str, data: bytes) -> PythonSource:
        text = decode_python(data)
        tree = parse_python(text, path)
        utf8 = text.encode("utf-8")
        starts = [0, *accumulate(len(line) + 1 for line in utf8.split(b"\n"))]
        starts.pop()
        return cls(path, tree, utf8, starts)

    def offset(self, line: int, column: int) -> int:
        """The byte offset of an ``ast`` position (1-based line, 0-based byte column)."""
        return self.starts[line - 1] + column

    def slice(self, line: int, column: int, end_line: int, end_column: int) -> bytes:
        return self.data[self.offset(line, column) : self.offset(end_line, end_column)]

    def segment(self, node: Positioned) -> bytes:
        """The exact source bytes of a node."""
        end_line = node.end_lineno if node.end_lineno is not None else node.lineno
        end_column = node.end_col_offset if node.end_col_offset is not None else node.col_offset
        return self.slice(node.lineno, node.col_offset, end_line, end_column)

    def text_of(self, node: Positioned) -> str:
        """A node's source text on one line, runs of white space collapsed."""
        return " ".join(self.segment(node).decode("utf-8").split())

    def normalised(self, line: int, column: int, end_line: int) -> bytes:
        """Source from a position to the end of ``end_line``, without indentation, blank lines and
        whole-line comments.

        This is what digests hash, so that re-indenting (moving a method out of a class) or adding a
        blank line does not make an element look changed, while any change to code does.
        """
        if self._stripped is None:
            self._stripped = [
                b"" if not piece or piece.startswith(b"#") else piece
                for piece in (raw.strip() for raw in self.data.split(b"\n"))
            ]
        end_of_first = self.starts[line] - 1 if line < len(self.starts) else len(self.data)
        first = self.data[self.offset(line, column) : end_of_first].strip()
        return b"\n".join(filter(None, [first, *self._stripped[line:end_line]]))

    def column(self, line: int, byte_column: int) -> int:
        """A 1-based character column for an ``ast`` byte column on ``line``."""
        start = self.starts[line - 1]
        prefix = self.data[start : start + byte_column]
        if prefix.isascii():
            return byte_column + 1
        return len(prefix.decode("utf-8", errors="replace")) + 1

    def span(self, node: Positioned) -> Span:
        """The 1-based span of ``node``."""
        first, first_column = node.lineno, node.col_offset
        end_line = node.end_lineno if node.end_lineno is not None else first
        end_column = node.end_col_offset if node.end_col_offset is not None else first_column
        return Span(first, self.column(first, first_column), end_line, self.column(end_line, end_column))
