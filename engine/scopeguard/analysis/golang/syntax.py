"""Go source through tree-sitter: one parser per process, positions in characters, node text.

tree-sitter works on UTF-8 bytes and reports 0-based rows and *byte* columns; scopeguard's spans are
1-based lines and *character* columns. ``GoSource`` converts once, here, so that no other module of the
analyser sees a byte offset. ``tree_sitter`` and the Go grammar are imported on first use only: a run
whose rules never look at Go code does not pay for them.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import TYPE_CHECKING

from scopeguard.core.model import Span

if TYPE_CHECKING:
    from tree_sitter import Node, Parser, Query, Tree

#: Call sites: ordinary calls, and explicit generic instantiations such as ``pkg.Register[T](x)``,
#: which the grammar cannot tell from a conversion to a generic type and reads as one.
_CALLS_QUERY = """
[
  (call_expression)
  (type_conversion_expression type: (generic_type))
] @call
"""

#: How long a quoted fragment of source may be in an error message.
_SNIPPET = 30


@cache
def _grammar() -> tuple[Parser, Query]:
    import tree_sitter
    import tree_sitter_go

    language = tree_sitter.Language(tree_sitter_go.language())
    return tree_sitter.Parser(language), tree_sitter.Query(language, _CALLS_QUERY)


def parse(data: bytes) -> Tree:
    """The syntax tree of UTF-8 Go source (tree-sitter always returns one, marking errors in it)."""
    parser, _ = _grammar()
    return parser.parse(data)


def call_nodes(root: Node) -> list[Node]:
    """Every call site under ``root``, in source order (an outer call before the calls inside it)."""
    import tree_sitter

    _, query = _grammar()
    found = tree_sitter.QueryCursor(query).captures(root).get("call", [])
    return sorted(found, key=lambda n: (n.start_byte, -n.end_byte))


def first_error(root: Node) -> Node | None:
    """The first node, in source order, that tree-sitter could not parse or had to invent."""
    if not root.has_error:
        return None
    node = root
    while True:
        for child in node.children:
            if child.is_error or child.is_missing:
                return child
            if child.has_error:
                node = child
                break
        else:
            return node


def normalise(text: str) -> str:
    """Source text with every run of whitespace made one space: gofmt's re-alignment is not a change."""
    return " ".join(text.split())


def digest(*parts: str) -> str:
    """A short, position-free hash of some normalised source parts."""
    h = hashlib.sha1(usedforsecurity=False)
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:16]


class GoSource:
    """The UTF-8 bytes of one Go file, with the conversions from tree-sitter's byte positions."""

    __slots__ = ("_ascii", "_line_starts", "data")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._ascii = data.isascii()
        self._line_starts: list[int] | None = None

    @property
    def line_count(self) -> int:
        return max(1, len(self._starts()) - (1 if self.data.endswith(b"\n") else 0))

    def _starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            find = self.data.find
            at = find(b"\n")
            while at != -1:
                starts.append(at + 1)
                at = find(b"\n", at + 1)
            self._line_starts = starts
        return self._line_starts

    def column(self, row: int, byte_column: int) -> int:
        """The 1-based character column of a 0-based row and byte column."""
        if self._ascii:
            return byte_column + 1
        start = self._starts()[row]
        return len(self.data[start : start + byte_column].decode("utf-8", errors="replace")) + 1

    def span(self, node: Node) -> Span:
        start, end = node.start_point, node.end_point
        return Span(
            start.row + 1,
            self.column(start.row, start.column),
            end.row + 1,
            self.column(end.row, end.column),
        )

    def text(self, node: Node | None) -> str:
        if node is None:
            return ""
        return self.data[node.start_byte : node.end_byte].decode("utf-8", errors="replace")

    def between(self, start: int, end: int) -> str:
        """The source between two byte offsets."""
        return self.data[start:end].decode("utf-8", errors="replace")

    def norm(self, node: Node | None) -> str:
        return normalise(self.text(node))

    def describe_error(self, node: Node) -> tuple[str, int]:
        """A one-line message for a syntax error at ``node``, and its (clamped) 1-based line."""
        row, byte_column = node.start_point
        line = min(row + 1, self.line_count)
        column = self.column(row, byte_column) if line == row + 1 else 1
        if node.is_missing:
            what = f"missing {node.type!r}"
        else:
            fragment = self.text(node).strip().split("\n", 1)[0]
            fragment = fragment if len(fragment) <= _SNIPPET else fragment[: _SNIPPET - 1] + "…"
            what = f"unexpected {fragment!r}" if fragment else "unexpected end of file"
        return f"Go syntax error at line {line}, column {column}: {what}", line
