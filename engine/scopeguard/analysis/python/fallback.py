"""Files the running interpreter's ``ast`` cannot parse, read through libcst.

scopeguard runs on Python 3.10 and later, and the code it checks may be newer than the interpreter:
``ast`` on 3.10 and 3.11 rejects PEP 695 generics (``class Box[T]:``, ``def f[T](x: T)``, ``type
Alias = ...``), PEP 696 defaults (``[T = int]``, 3.13), PEP 701 f-strings (quotes reused inside a
replacement field, 3.12), PEP 750 t-strings (3.14), and on 3.10 ``except*`` and PEP 646 stars. A file
written so would otherwise be a notice, its classes invisible to ``forbid added class``. libcst's
native parser reads every grammar up to 3.14 whatever interpreter runs it, so when ``ast.parse``
fails with a ``SyntaxError`` the file is parsed with libcst -- only then: libcst is imported on this
path alone, and its parse costs about ten times ``ast``'s (``bench/README.md``).

One reader, not two. libcst's tree and positions are used to *lower* each construct the running
``ast`` lacks, in place and byte for byte, into syntax it reads, so that every other node keeps its
line and byte column; ``ast`` parses the lowered text, the few lowered nodes are turned back into
what a newer ``ast`` gives, and the ``ast`` reader (``module``, ``definitions``, ``calls``, ...) builds
the elements from that tree and from the *original* text, which every name, text, signature and
digest is sliced from. So a file read here has the elements a newer interpreter's ``ast`` gives it --
same kinds, names, keys, attributes, positions and digests -- by construction rather than by a
second implementation kept in step: a file whose base side ``ast`` reads and whose head side needs
libcst shows only its real changes. ``tests/analysis/python/test_libcst_fallback.py`` checks this
against ``ast`` on generated modules, and against newer interpreters' ``ast`` when one is installed.

The lowerings:

- a type parameter list (``[T: int, *Ts, **P = [int]]``) becomes spaces; the parameters' texts are
  kept by the position of their ``class``/``def``/``type`` keyword (``ast`` 3.12 has them in
  ``type_params``) for the ``type_parameters`` attribute;
- ``type X[T] = value`` becomes ``X = value`` with ``X`` on ``type``'s column, and the assignment is
  turned back into a type alias statement (``source.TYPE_ALIAS``);
- a string that does not parse on its own (with its implicit concatenation) becomes a tuple of the
  expressions of its replacement fields, each at its own place -- ``f"{d["k"]}!"`` becomes
  ``( d["k"],  )`` -- turned back into an ``ast.JoinedStr`` of those expressions (its literal parts,
  conversions and format specs are not rebuilt: no element reads them);
- on 3.10, the star of ``except*`` becomes a space, and so does a PEP 646 star in an annotation or a
  subscript (``*args: *Ts``, ``tuple[*Ts]``), the expression wrapped back into ``ast.Starred``.

A line break inside a blanked statement-level region gets a backslash before it, so that the
statement stays one logical line. What has no in-place equivalent (3.14's ``except A, B:`` without
parentheses) stays unreadable: a file neither parser reads is a notice that says what each said.
"""

from __future__ import annotations

import ast
import re
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from itertools import accumulate
from typing import Any, Literal, cast

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from scopeguard.analysis.base import AnalysisError
from scopeguard.analysis.python.source import TypeParameters, collapse, type_alias

#: ``ast`` before 3.11 has neither ``except*`` nor PEP 646 stars.
_BEFORE_311 = sys.version_info < (3, 11)

_SPACE, _NEWLINE, _BACKSLASH = 0x20, 0x0A, 0x5C

#: A position in ``ast``'s terms: 1-based line, 0-based UTF-8 byte column.
Point = tuple[int, int]
#: A node's extent in ``ast``'s terms: start and end.
Extent = tuple[int, int, int, int]


def read_through_libcst(
    text: str, path: str, error: SyntaxError | None, *, every_string: bool = False
) -> tuple[ast.Module, TypeParameters]:
    """The ``ast`` tree of a module the running ``ast`` could not parse (``error``) and the type
    parameters of its definitions; ``AnalysisError`` saying what each parser said when libcst cannot
    read it either.

    ``every_string`` lowers every f-string, not only those ``ast`` cannot read: the tests use it to
    compare the lowering of strings with ``ast``'s own reading of them.
    """
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        raise AnalysisError(f"{_ast_said(error)}; libcst: {_libcst_said(exc)}", _line(error)) from None
    except (RecursionError, MemoryError, ValueError) as exc:
        raise AnalysisError(f"{_ast_said(error)}; libcst: {exc}", _line(error)) from None
    # the provider alone: ``MetadataWrapper.resolve`` would also walk the whole tree for nothing
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    positions = cast("Mapping[cst.CSTNode, CodeRange]", PositionProvider()._gen(wrapper))
    lowering = _Lowering(text, positions, every_string=every_string)
    lowering.walk(module)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(bytes(lowering.buffer).decode("utf-8"), filename=path)
    except SyntaxError as again:
        raise AnalysisError(
            f"syntax error: {again.msg} ({_where(again)}; libcst reads the file, but not into syntax "
            "this Python's ast reads)",
            again.lineno,
        ) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise AnalysisError(f"cannot parse: {exc}") from None
    _restore(tree, lowering.marks)
    return tree, lowering.type_parameters


# --- what each parser said -----------------------------------------------------------------------


def _line(error: SyntaxError | None) -> int | None:
    return None if error is None else error.lineno


def _where(error: SyntaxError) -> str:
    if error.lineno is None:
        return "ast"
    column = f", column {error.offset}" if error.offset else ""
    return f"ast: line {error.lineno}{column}"


def _ast_said(error: SyntaxError | None) -> str:
    if error is None:
        return "syntax error"
    return f"syntax error: {error.msg} ({_where(error)})"


_LIBCST_SAID = re.compile(r"(?:\w+ error: )?(?:error at (?P<line>\d+):(?P<column>\d+): )?(?P<rest>.*)", re.S)
_EXPECTED = "expected one of "
_MAX_EXPECTED = 4


def _libcst_said(exc: cst.ParserSyntaxError) -> str:
    """libcst's complaint on one line: what it expected, if that is short, and where (its columns
    are 1-based, 0 at the end of the file)."""
    found = _LIBCST_SAID.fullmatch(exc.message)
    rest = " ".join((found["rest"] if found else exc.message).split())
    if rest.startswith(_EXPECTED) and rest.count(", ") >= _MAX_EXPECTED:
        rest = "unexpected syntax"
    if found and found["line"]:
        column = f", column {found['column']}" if found["column"] != "0" else ""  # 0: at the end
        return f"{rest} (line {found['line']}{column})"
    return rest


# --- lowering ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mark:
    """A lowered node to turn back once ``ast`` has parsed the lowered text."""

    kind: Literal["string", "starred"]
    #: the star's position, for "starred"
    star: Point = (0, 0)


@dataclass(slots=True)
class _Marks:
    #: strings lowered into tuples, and PEP 646 starred expressions, by their exact extent
    by_extent: dict[Extent, _Mark] = field(default_factory=dict)
    #: type aliases lowered into assignments, by the position of ``type``
    aliases: set[Point] = field(default_factory=set)


def _parses_alone(source: bytes) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(b"(" + source + b")", mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _parenthesised(node: cst.CSTNode) -> tuple[cst.CSTNode, cst.CSTNode]:
    """The first and last nodes of an expression with its parentheses."""
    lpar: Sequence[cst.CSTNode] = getattr(node, "lpar", ())
    rpar: Sequence[cst.CSTNode] = getattr(node, "rpar", ())
    return (lpar[0] if lpar else node), (rpar[-1] if rpar else node)


def _field_expressions(parts: Sequence[cst.CSTNode]) -> Iterator[cst.BaseExpression]:
    """The expressions of an f-string's (or t-string's) replacement fields, format specs' included."""
    for part in parts:
        expression = getattr(part, "expression", None)
        if isinstance(expression, cst.BaseExpression):
            yield expression
            yield from _field_expressions(getattr(part, "format_spec", None) or ())


def _formatted(node: cst.CSTNode) -> bool:
    """Whether a string is, or concatenates, an f-string or a t-string."""
    if isinstance(node, cst.ConcatenatedString):
        return _formatted(node.left) or _formatted(node.right)
    return not isinstance(node, cst.SimpleString)


def _string_expressions(node: cst.CSTNode) -> Iterator[cst.BaseExpression]:
    if isinstance(node, cst.ConcatenatedString):
        yield from _string_expressions(node.left)
        yield from _string_expressions(node.right)
    else:
        yield from _field_expressions(getattr(node, "parts", ()))


#: Fields of libcst nodes that hold no statement or expression (white space, tokens, parentheses).
_NOT_WALKED = ("whitespace", "lpar", "rpar", "leading_lines", "lines_after_decorators", "comma",
               "semicolon", "header", "footer", "newline", "trailing_whitespace", "operator", "dot",
               "colon", "equal", "lbracket", "rbracket", "lbrace", "rbrace", "asynchronous")  # fmt: skip

_FIELDS: dict[type[cst.CSTNode], tuple[str, ...]] = {}


def _children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The nodes under ``node`` that may hold statements or expressions, in source order.

    Read from the dataclass fields: libcst's own visitors rebuild every node they pass, which made
    them the larger part of reading a file here.
    """
    names = _FIELDS.get(type(node))
    if names is None:
        names = tuple(f.name for f in fields(node) if not f.name.startswith(_NOT_WALKED))
        _FIELDS[type(node)] = names
    found: list[cst.CSTNode] = []
    for name in names:
        value = getattr(node, name)
        if isinstance(value, cst.CSTNode):
            found.append(value)
        elif isinstance(value, (list, tuple)):
            found.extend(item for item in value if isinstance(item, cst.CSTNode))
    return found


class _Lowering:
    """Walks libcst's tree and rewrites a copy of the UTF-8 text (see the module docstring).

    ``visit_<Node>`` says whether to walk into a node of that type.
    """

    def __init__(
        self, text: str, positions: Mapping[cst.CSTNode, CodeRange], *, every_string: bool = False
    ) -> None:
        self.every_string = every_string
        self.positions = positions
        self.lines = text.split("\n")
        self.original = text.encode("utf-8")
        self.buffer = bytearray(self.original)
        self.starts = [0, *accumulate(len(line.encode("utf-8")) + 1 for line in self.lines)]
        self.type_parameters: TypeParameters = {}
        self.marks = _Marks()
        self.visits: dict[str, Callable[[Any], bool]] = {
            name[len("visit_") :]: getattr(self, name) for name in dir(self) if name.startswith("visit_")
        }

    def walk(self, root: cst.CSTNode) -> None:
        """Visit ``root`` and what is under it, parents before children, in source order."""
        stack = [root]
        while stack:
            node = stack.pop()
            visit = self.visits.get(type(node).__name__)
            if visit is None or visit(node):
                stack.extend(reversed(_children(node)))

    # --- positions ---------------------------------------------------------------------------

    def _point(self, line: int, column: int) -> Point:
        """libcst's 1-based line and 0-based *character* column as ``ast``'s byte column."""
        text = self.lines[line - 1]
        return line, (column if text.isascii() else len(text[:column].encode("utf-8")))

    def _offset(self, point: Point) -> int:
        return self.starts[point[0] - 1] + point[1]

    def _start(self, node: cst.CSTNode) -> Point:
        where = self.positions[node].start
        return self._point(where.line, where.column)

    def _end(self, node: cst.CSTNode) -> Point:
        where = self.positions[node].end
        return self._point(where.line, where.column)

    def _extent(self, node: cst.CSTNode) -> Extent:
        return (*self._start(node), *self._end(node))

    def _span(self, node: cst.CSTNode, *, parentheses: bool = False) -> tuple[int, int]:
        """Byte offsets of a node in the text, with its own parentheses when asked."""
        first, last = _parenthesised(node) if parentheses else (node, node)
        return self._offset(self._start(first)), self._offset(self._end(last))

    # --- rewriting ---------------------------------------------------------------------------

    def _blank(self, start: int, end: int, *, continued: bool) -> None:
        """Spaces over ``[start, end)``, line breaks kept (with a backslash before each when the
        region is not inside brackets, so that the statement stays one logical line)."""
        buffer = self.buffer
        for i in range(start, end):
            if buffer[i] != _NEWLINE:
                buffer[i] = _SPACE
            elif continued and i > start:
                buffer[i - 1] = _BACKSLASH

    def _parameter_texts(self, parameters: cst.TypeParameters) -> tuple[str, ...]:
        """Each type parameter as ``ast`` 3.12 and later delimit it: ``*Ts``, ``T: int = str``."""
        texts = []
        for parameter in parameters.params:
            start = self._span(parameter.param)[0]
            if parameter.default is not None:
                end = self._span(parameter.default, parentheses=True)[1]
            else:
                end = self._span(parameter.param)[1]
            texts.append(collapse(self.original[start:end]))
        return tuple(texts)

    def _type_parameters(self, node: cst.ClassDef | cst.FunctionDef) -> None:
        if node.type_parameters is not None:
            self.type_parameters[self._start(node)] = self._parameter_texts(node.type_parameters)
            self._blank(*self._span(node.type_parameters), continued=True)

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self._type_parameters(node)
        return True

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self._type_parameters(node)
        return True

    def visit_TypeParameters(self, node: cst.TypeParameters) -> bool:
        return False  # blanked whole: nothing in it is lowered

    def visit_TypeAlias(self, node: cst.TypeAlias) -> bool:
        """``type X[T] = value`` -> ``X        = value``."""
        point = self._start(node)
        start = self._offset(point)
        named = node.type_parameters if node.type_parameters is not None else node.name
        equals = self.original.index(b"=", self._span(named)[1])
        if node.type_parameters is not None:
            self.type_parameters[point] = self._parameter_texts(node.type_parameters)
        self._blank(start, equals, continued=True)
        name = node.name.value.encode("utf-8")
        self.buffer[start : start + len(name)] = name
        self.marks.aliases.add(point)
        return True

    def _string(self, node: cst.BaseExpression) -> bool:
        """A string ``ast`` cannot read on its own becomes a tuple of its expressions."""
        if not _formatted(node):
            return False  # plain strings only
        start, end = self._span(node)
        if not self.every_string and _parses_alone(self.original[start:end]):
            return False  # nor anything in it
        expressions = list(_string_expressions(node))
        self._blank(start, end, continued=False)
        for expression in expressions:
            first, last = self._span(expression, parentheses=True)
            self.buffer[first:last] = self.original[first:last]
            comma = last
            while self.buffer[comma] == _NEWLINE:
                comma += 1
            self.buffer[comma] = ord(",")
        self.buffer[start] = ord("(")
        self.buffer[end - 1] = ord(")")
        self.marks.by_extent[self._extent(node)] = _Mark("string")
        for expression in expressions:
            self.walk(expression)
        return False

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> bool:
        return self._string(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> bool:
        return self._string(node)

    def visit_TemplatedString(self, node: cst.BaseExpression) -> bool:  # PEP 750, libcst 1.8 and later
        return self._string(node)

    # --- 3.10: ``except*`` and PEP 646 stars -------------------------------------------------

    def visit_ExceptStarHandler(self, node: cst.ExceptStarHandler) -> bool:
        if _BEFORE_311:
            star = self.original.index(b"*", self._span(node)[0] + len("except"))
            self.buffer[star] = _SPACE
        return True

    def visit_Annotation(self, node: cst.Annotation) -> bool:
        if _BEFORE_311 and isinstance(node.annotation, cst.StarredElement):
            self._unstar(node.annotation.value, self._start(node.annotation))
        return True

    def visit_Index(self, node: cst.Index) -> bool:
        if _BEFORE_311 and node.star == "*":
            self._unstar(node.value, self._start(node))
        return True

    def _unstar(self, value: cst.BaseExpression, star: Point) -> None:
        offset = self._offset(star)
        if self.original[offset] != ord("*"):
            return  # not where libcst said: left as it is, ``ast`` will say what it cannot read
        self.buffer[offset] = _SPACE
        self.marks.by_extent[self._extent(value)] = _Mark("starred", star)


# --- turning lowered nodes back ------------------------------------------------------------------


def _extent_of(node: ast.AST) -> Extent | None:
    if not isinstance(node, (ast.expr, ast.stmt)) or node.end_lineno is None or node.end_col_offset is None:
        return None
    return node.lineno, node.col_offset, node.end_lineno, node.end_col_offset


def _restore(tree: ast.Module, marks: _Marks) -> None:
    """Turn lowered nodes back into what a newer ``ast`` gives (outermost first, no recursion)."""
    if not marks.by_extent and not marks.aliases:
        return
    stack: list[ast.AST] = [tree]
    while stack:
        parent = stack.pop()
        for name, value in ast.iter_fields(parent):
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, ast.AST):
                        value[index] = replaced = _turned_back(item, marks)
                        stack.append(replaced)
            elif isinstance(value, ast.AST):
                replaced = _turned_back(value, marks)
                if replaced is not value:
                    setattr(parent, name, replaced)
                stack.append(replaced)


def _turned_back(node: ast.AST, marks: _Marks) -> ast.AST:
    if isinstance(node, ast.Assign) and (node.lineno, node.col_offset) in marks.aliases:
        target = node.targets[0]
        assert isinstance(target, ast.Name)
        return ast.copy_location(type_alias(target, node.value), node)
    extent = _extent_of(node) if marks.by_extent else None
    mark = marks.by_extent.pop(extent, None) if extent is not None else None
    if mark is None:
        return node
    if mark.kind == "string" and isinstance(node, ast.Tuple):
        values: list[ast.expr] = [
            ast.copy_location(ast.FormattedValue(value=e, conversion=-1, format_spec=None), e)
            for e in node.elts
        ]
        return ast.copy_location(ast.JoinedStr(values=values), node)
    if mark.kind == "starred" and isinstance(node, ast.expr):
        starred = ast.Starred(value=node, ctx=ast.Load())
        starred.lineno, starred.col_offset = mark.star
        starred.end_lineno, starred.end_col_offset = node.end_lineno, node.end_col_offset
        return starred
    return node
