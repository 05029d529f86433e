"""One side of a Python file, decoded, parsed and addressable by the positions ``ast`` reports.

Decoding honours PEP 263 (a ``# -*- coding: ... -*-`` cookie or a UTF-8 BOM; UTF-8 otherwise), as the
interpreter does: bytes that are not valid in the declared encoding, an unknown encoding, a syntax
error or a null byte make the file unreadable, which the facts engine reports as a notice.

``ast`` gives 1-based lines and 0-based column offsets counted in UTF-8 *bytes*. This module keeps the
UTF-8 form of the text with the offset of every line, so that source segments (for digests and
signatures) are plain byte slices, and converts a column to a 1-based character column only where
an element's position is reported.

A file the running interpreter's ``ast`` cannot parse (syntax newer than the interpreter: PEP 695
generics on 3.11, ...) is read through libcst by ``fallback``, which hands back a tree of the same
shape and positions; only a file neither parser reads is unreadable.
"""

from __future__ import annotations

import ast
import hashlib
import io
import tokenize
import warnings
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, Literal, Protocol

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
    """The module's syntax tree; ``SyntaxError`` when this interpreter's ``ast`` cannot parse it.

    Other failures (nesting too deep for the parser) raise ``AnalysisError``.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text, filename=path)
    except SyntaxError:
        raise
    except (ValueError, RecursionError, MemoryError) as exc:
        raise AnalysisError(f"cannot parse: {exc}") from None


def collapse(segment: bytes) -> str:
    """Source text on one line, runs of white space collapsed (how element attributes quote code)."""
    return " ".join(segment.decode("utf-8").split())


def digest(*parts: str | bytes) -> str:
    """A short content hash of ``parts`` (``PART`` hexadecimal digits)."""
    data = b"\0".join(part.encode("utf-8") if isinstance(part, str) else part for part in parts)
    return hashlib.blake2b(data, digest_size=PART // 2).hexdigest()


class _TypeAlias(ast.stmt):
    """``type X[T] = value`` on an interpreter whose ``ast`` has no ``TypeAlias`` (before 3.12).

    ``fallback`` builds it from libcst's reading, with the fields of ``ast.TypeAlias``.
    """

    _fields = ("name", "type_params", "value")
    name: ast.Name
    type_params: list[ast.AST]
    value: ast.expr


#: The statement class of ``type`` aliases: ``ast.TypeAlias`` where it exists.
TYPE_ALIAS: type[ast.stmt] = getattr(ast, "TypeAlias", _TypeAlias)


def type_alias(name: ast.Name, value: ast.expr) -> ast.stmt:
    """A ``TYPE_ALIAS`` statement without type parameters (the stubs of 3.10 know no such fields)."""
    make: Any = TYPE_ALIAS
    made: ast.stmt = make(name=name, type_params=[], value=value)
    return made

#: Where a definition's type parameters are kept when its tree came through ``fallback``: the
#: ``(line, byte column)`` of the ``class``, ``def`` or ``type`` keyword -> the parameters' texts.
TypeParameters = dict[tuple[int, int], tuple[str, ...]]


@dataclass(slots=True)
class PythonSource:
    """A parsed module: its text as UTF-8 bytes, the offset of each line, and its syntax tree."""

    path: str
    tree: ast.Module
    data: bytes = b""
    starts: list[int] = field(default_factory=list)
    #: "ast" when the running interpreter parsed the text, "libcst" when ``fallback`` read it
    reader: Literal["ast", "libcst"] = "ast"
    lowered_parameters: TypeParameters = field(default_factory=dict)
    _stripped: list[bytes] | None = field(default=None, repr=False)

    @classmethod
    def read(cls, path: str, data: bytes, *, reader: Literal["ast", "libcst"] = "ast") -> PythonSource:
        """Decode and parse one file side: with ``ast``, else (a ``SyntaxError``) through libcst.

        ``reader="libcst"`` reads through libcst even when ``ast`` could: the tests compare the two.
        """
        text = decode_python(data)
        if "\0" in text:
            raise AnalysisError("syntax error: source code string cannot contain null bytes")
        if reader == "ast":
            try:
                return cls.of(path, text, parse_python(text, path))
            except SyntaxError as exc:
                error: SyntaxError | None = exc
        else:
            error = None
        from scopeguard.analysis.python.fallback import read_through_libcst

        tree, parameters = read_through_libcst(text, path, error)
        return cls.of(path, text, tree, parameters)

    @classmethod
    def of(
        cls, path: str, text: str, tree: ast.Module, lowered_parameters: TypeParameters | None = None
    ) -> PythonSource:
        """The source of ``text`` parsed into ``tree``; ``lowered_parameters`` when ``fallback`` read it."""
        utf8 = text.encode("utf-8")
        starts = [0, *accumulate(len(line) + 1 for line in utf8.split(b"\n"))]
        starts.pop()
        if lowered_parameters is None:
            return cls(path, tree, utf8, starts)
        return cls(path, tree, utf8, starts, "libcst", lowered_parameters)

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
        return collapse(self.segment(node))

    def type_parameters(self, node: ast.stmt) -> tuple[str, ...]:
        """The texts of a ``class``, ``def`` or ``type`` statement's type parameters (PEP 695).

        From ``ast`` (3.12 and later) or, for a tree read through libcst, from what it kept.
        """
        params = getattr(node, "type_params", None)
        if params:
            return tuple(self.text_of(p) for p in params)
        if self.lowered_parameters:
            return self.lowered_parameters.get((node.lineno, node.col_offset), ())
        return ()

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
