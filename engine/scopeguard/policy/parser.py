"""Policy text to syntax tree, with every mistake of a file reported at once.

The language has two levels: top-level lines (``concept NAME:``, ``rule ID:``, ``agent NAME:``,
``acknowledge "..."``) and the indented lines of a block, and no statement spans two lines. So the
blocks are found here, by indentation, and each line is parsed by the lark grammar with the start
symbol for its place. That is the error recovery: a bad line becomes a diagnostic and the next line is
parsed as if nothing happened, so a file with three mistakes gets three diagnostics.

The lark parser is built once per process, lazily, from a cache in the user's cache folder when warm.
Lark's 1-based lines are shifted by the line's place in the file; its 1-based columns are kept.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, cast

from scopeguard.core.cache import cache_dir
from scopeguard.core.errors import Diagnostic, UserError, did_you_mean
from scopeguard.core.kinds import KINDS, METRICS
from scopeguard.core.model import Span
from scopeguard.policy.ast import (
    CHANGE_SPECS,
    SEVERITIES,
    Acknowledge,
    Agent,
    And,
    Because,
    ChangeSpec,
    Compare,
    CompareOp,
    Concept,
    Condition,
    Forbid,
    InList,
    Item,
    Limit,
    Literal_,
    Not,
    Or,
    PathClause,
    PolicyFile,
    Require,
    Rule,
    Selector,
    Statement,
)

if TYPE_CHECKING:
    from lark import Lark, Token, Tree

Place = Literal["header", "concept", "rule", "agent"]
_START: dict[Place, str] = {
    "header": "header",
    "concept": "concept_line",
    "rule": "rule_line",
    "agent": "agent_line",
}
GRAMMAR = os.path.join(os.path.dirname(__file__), "grammar.lark")


@cache
def _lark() -> Lark:
    """The parser of every line. Analysing the grammar takes ~30 ms; loading lark's cache ~3 ms."""
    from lark import Lark

    return Lark.open(
        GRAMMAR,
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=True,
        start=list(_START.values()),
        cache=_cache_file() or False,
    )


def _cache_file() -> str | None:
    """Where lark keeps the analysed grammar: in scopeguard's own cache folder (see ``core.cache``).

    Not lark's ``cache=True``: that loads a pickle from a predictable name in the shared temporary
    folder, which another local user could plant. Lark checks the file against the grammar, the
    options and its own version, and rebuilds it when any differs; no usable folder means no cache.
    """
    folder = cache_dir()
    return None if folder is None else str(folder / "policy-grammar.lark-cache")


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What could be read of a file, and what could not: ``policy`` holds every item that parsed."""

    policy: PolicyFile
    diagnostics: tuple[Diagnostic, ...]


def parse_policy(text: str, path: str) -> PolicyFile:
    """Parse one policy file; raise ``UserError`` with a diagnostic for every bad line."""
    result = parse_policy_collecting(text, path)
    if result.diagnostics:
        raise UserError(diagnostics=result.diagnostics)
    return result.policy


def parse_policy_collecting(text: str, path: str) -> ParseResult:
    """Parse one policy file, keeping the items that parse and a diagnostic for each line that does not."""
    return _FileParser(path).run(text)


# --- lines and blocks --------------------------------------------------------------------------


class _Line(NamedTuple):
    number: int
    text: str
    indent: str


def _lines(text: str) -> Iterator[_Line]:
    """The lines that say something: blank lines and whole-line comments are skipped.

    Only ``\\n`` ends a line (a ``\\r`` before it is dropped): other Unicode line separators may
    stand inside a string literal, since the printer writes them raw.
    """
    for number, raw in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
        line = raw.removesuffix("\r")
        body = line.lstrip(" \t")
        if body.strip() and not body.startswith("#"):
            yield _Line(number, line, line[: len(line) - len(body)])


def _describe_indent(indent: str) -> str:
    if set(indent) == {" "}:
        return f"{len(indent)} space{'s' if len(indent) != 1 else ''}"
    if set(indent) == {"\t"}:
        return f"{len(indent)} tab{'s' if len(indent) != 1 else ''}"
    return "a mix of tabs and spaces"


# The nodes of one line, before they are put into their block. Named tuples, not dataclasses:
# they never leave this module, and they are cheaper to define on the hook's import path.


class _Header(NamedTuple):
    place: Place
    name: str
    span: Span


class _Aka(NamedTuple):
    phrases: tuple[str, ...]


class _Setting(NamedTuple):
    """``severity`` or ``message``: a rule's one-per-block settings."""

    keyword: Literal["severity", "message"]
    value: str
    span: Span


class _Enforce(NamedTuple):
    names: tuple[str, ...]
    spans: tuple[Span, ...]


class _PathLine(NamedTuple):
    keyword: Literal["protect", "scope"]
    clause: PathClause


_LineNode = (
    _Header
    | Acknowledge
    | _Aka
    | Selector
    | Forbid
    | Require
    | Limit
    | _Setting
    | Because
    | _Enforce
    | _PathLine
)

BlockPlace = Literal["concept", "rule", "agent"]


@dataclass
class _Block:
    """An open top-level line while the indented lines under it are read.

    ``place`` says how to read those lines: as lines of a concept, rule or agent; ``"acknowledge"``
    takes none; ``None`` is a header too broken to guess, whose lines are skipped.
    """

    place: BlockPlace | Literal["acknowledge"] | None
    header: _Header | None
    first: _Line
    last: _Line
    indent: _Line | None = None
    nodes: list[tuple[_Line, _LineNode]] = field(default_factory=list)


class _FileParser:
    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[Item] = []
        self.diagnostics: list[Diagnostic] = []

    def run(self, text: str) -> ParseResult:
        block: _Block | None = None
        for line in _lines(text):
            if not line.indent:
                self._close(block)
                block = self._open(line)
            elif block is None:
                self._error(
                    line,
                    len(line.indent) + 1,
                    "unexpected indentation: this line is not inside a concept, rule or agent block",
                    expected="a top-level line at column 1: concept, rule, agent or acknowledge",
                )
            else:
                self._body_line(block, line)
        self._close(block)
        diagnostics = sorted(self.diagnostics, key=lambda d: (d.line or 0, d.column or 0))
        return ParseResult(PolicyFile(self.path, tuple(self.items)), tuple(diagnostics))

    def _error(
        self,
        line: _Line,
        column: int,
        message: str,
        *,
        expected: str | None = None,
        suggestion: str | None = None,
        width: int = 1,
    ) -> None:
        self.diagnostics.append(
            Diagnostic(message, self.path, line.number, column, line.text, expected, suggestion, width)
        )

    def _parse(self, line: _Line, place: Place) -> _LineNode | None:
        from lark.exceptions import UnexpectedInput

        try:
            tree = _lark().parse(line.text, start=_START[place])
        except UnexpectedInput as error:
            self.diagnostics.append(_syntax_error(error, line, place, self.path))
            return None
        return _Builder(line.number - 1).line(tree)

    def _open(self, line: _Line) -> _Block:
        node = self._parse(line, "header")
        if node is None:
            return _Block(_guess_place(line.text), None, line, line)
        if isinstance(node, Acknowledge):
            self.items.append(node)
            return _Block("acknowledge", None, line, line)
        assert isinstance(node, _Header)
        return _Block(cast(BlockPlace, node.place), node, line, line)

    def _body_line(self, block: _Block, line: _Line) -> None:
        if block.place == "acknowledge":
            self._error(
                line,
                len(line.indent) + 1,
                "unexpected indentation: 'acknowledge' at the top level takes no indented lines",
                expected="a top-level line at column 1",
            )
            return
        if block.indent is None:
            block.indent = line
        elif line.indent != block.indent.indent:
            self._error(
                line,
                1,
                f"inconsistent indentation: {_describe_indent(line.indent)} where line "
                f"{block.indent.number} of this block has {_describe_indent(block.indent.indent)}",
                suggestion="indent every line of a block the same way",
                width=len(line.indent),
            )
            return
        block.last = line
        if block.place is None:
            return
        node = self._parse(line, block.place)
        if node is not None:
            block.nodes.append((line, node))

    def _close(self, block: _Block | None) -> None:
        if block is None or block.header is None:
            return
        header = block.header
        span = Span(block.first.number, 1, block.last.number, len(block.last.text) + 1)
        if header.place == "concept":
            self.items.append(self._concept(header, block.nodes, span))
        elif header.place == "rule":
            self.items.append(self._rule(header, block.nodes, span))
        else:
            self.items.append(self._agent(header, block.nodes, span))

    def _concept(self, header: _Header, nodes: Sequence[tuple[_Line, _LineNode]], span: Span) -> Concept:
        aka: list[str] = []
        selectors: list[Selector] = []
        for _, node in nodes:
            if isinstance(node, _Aka):
                aka.extend(node.phrases)
            elif isinstance(node, Selector):
                selectors.append(node)
        return Concept(header.name, tuple(aka), tuple(selectors), span)

    def _rule(self, header: _Header, nodes: Sequence[tuple[_Line, _LineNode]], span: Span) -> Rule:
        statements: list[Statement] = []
        settings: dict[str, tuple[_Line, _Setting]] = {}
        because: tuple[_Line, Because] | None = None
        for line, node in nodes:
            if isinstance(node, Forbid | Require | Limit):
                statements.append(node)
            elif isinstance(node, _Setting):
                if self._first(settings.get(node.keyword), node.keyword, line, header):
                    settings[node.keyword] = (line, node)
            elif isinstance(node, Because) and self._first(because, "because", line, header):
                because = (line, node)
        severity = settings.get("severity", (None, None))[1]
        message = settings.get("message", (None, None))[1]
        return Rule(
            header.name,
            tuple(statements),
            severity.value if severity else None,
            message.value if message else None,
            because[1] if because else None,
            span,
            severity_span=severity.span if severity else Span(0, 0),
            message_span=message.span if message else Span(0, 0),
        )

    def _first(self, earlier: tuple[_Line, object] | None, what: str, line: _Line, header: _Header) -> bool:
        """Whether this is the first ``what`` line of the rule (a second one is an error)."""
        if earlier is None:
            return True
        self._error(
            line,
            len(line.indent) + 1,
            f"a second '{what}' in rule '{header.name}' (the first is on line {earlier[0].number})",
            suggestion=f"keep one '{what}' line",
            width=len(what),
        )
        return False

    def _agent(self, header: _Header, nodes: Sequence[tuple[_Line, _LineNode]], span: Span) -> Agent:
        enforce: list[str] = []
        enforce_spans: list[Span] = []
        protect: list[PathClause] = []
        scope: list[PathClause] = []
        acknowledge: list[Acknowledge] = []
        for _, node in nodes:
            if isinstance(node, _Enforce):
                enforce.extend(node.names)
                enforce_spans.extend(node.spans)
            elif isinstance(node, _PathLine):
                (protect if node.keyword == "protect" else scope).append(node.clause)
            elif isinstance(node, Acknowledge):
                acknowledge.append(node)
        return Agent(
            header.name,
            tuple(enforce),
            tuple(protect),
            tuple(scope),
            tuple(acknowledge),
            span,
            enforce_spans=tuple(enforce_spans),
        )


_BLOCK_KEYWORDS: tuple[BlockPlace, ...] = ("concept", "rule", "agent")


def _guess_place(header: str) -> BlockPlace | None:
    """The kind of block a broken header line opens, so that its lines are still checked."""
    words = header.split(None, 1)
    if not words:
        return None
    word = words[0].rstrip(":")
    for place in _BLOCK_KEYWORDS:
        if word == place or did_you_mean(word, [place]) is not None:
            return place
    return None


# --- lark trees to syntax tree nodes -----------------------------------------------------------


class _Builder:
    """Builds syntax tree nodes from the lark tree of one line, shifting lines by ``offset``."""

    def __init__(self, offset: int) -> None:
        self.offset = offset

    def span(self, node: Tree[Token] | Token) -> Span:
        meta: Any = node if _is_token(node) else cast("Tree[Token]", node).meta
        return Span(
            meta.line + self.offset,
            meta.column,
            meta.end_line + self.offset,
            meta.end_column,
        )

    def line(self, tree: Tree[Token]) -> _LineNode:
        kind = str(tree.data)
        c: list[Any] = list(tree.children)
        if kind in ("concept_header", "rule_header", "agent_header"):
            name = c[0]
            value = _string(name) if name.type == "STRING" else str(name)
            return _Header(cast("Place", kind.removesuffix("_header")), value, self.span(tree))
        if kind == "acknowledge":
            return Acknowledge(_string(c[0]), self.span(tree))
        if kind == "aka":
            return _Aka(_strings(c[0]))
        if kind == "selector":
            return self.selector(tree)
        if kind == "severity":
            return _Setting("severity", str(c[0]), self.span(c[0]))
        if kind == "forbid":
            return Forbid(_change(c[0]), self.selector(c[1]), self.span(tree))
        if kind == "require":
            target, when = self.selector(c[1]), self.selector(c[3])
            return Require(_change(c[0]), target, _change(c[2]), when, self.span(tree))
        if kind == "limit":
            globs = _strings(c[1]) if c[1] is not None else ()
            return Limit(str(c[0]), int(c[2]), globs, self.span(tree))
        if kind == "message":
            return _Setting("message", _string(c[0]), self.span(c[0]))
        if kind == "because":
            return self.because(tree)
        if kind == "enforce":
            return _Enforce(tuple(str(t) for t in c), tuple(self.span(t) for t in c))
        if kind in ("protect", "scope"):
            because = self.because(c[1]) if c[1] is not None else None
            clause = PathClause(_strings(c[0]), because, self.span(tree))
            return _PathLine(cast(Literal["protect", "scope"], kind), clause)
        raise AssertionError(f"grammar rule {kind!r} has no builder")

    def because(self, tree: Tree[Token]) -> Because:
        sentence, at = tree.children
        return Because(
            _string(cast("Token", sentence)),
            _string(cast("Token", at)) if at is not None else None,
            self.span(tree),
        )

    def selector(self, tree: Tree[Token]) -> Selector:
        kind, globs, where = tree.children
        return Selector(
            str(kind),
            _strings(cast("Tree[Token]", globs)) if globs is not None else (),
            self.condition(cast("Tree[Token]", where)) if where is not None else None,
            self.span(tree),
        )

    def condition(self, tree: Tree[Token]) -> Condition:
        kind = str(tree.data)
        c: list[Any] = list(tree.children)
        if kind == "compare":
            return Compare(str(c[0]), cast("CompareOp", str(c[1])), _value(c[2]), self.span(tree))
        if kind == "in_list":
            return InList(str(c[0]), tuple(_value(v) for v in c[1:]), self.span(tree))
        if kind == "not_expr":
            return Not(self.condition(c[0]), self.span(tree))
        items = tuple(self.condition(i) for i in c)
        return And(items, self.span(tree)) if kind == "conjunction" else Or(items, self.span(tree))


def _is_token(node: object) -> bool:
    return isinstance(node, str)


def _string(token: Token) -> str:
    return cast(str, json.loads(str(token), strict=False))


def _strings(tree: Tree[Token]) -> tuple[str, ...]:
    return tuple(_string(cast("Token", t)) for t in tree.children)


def _change(token: Token) -> ChangeSpec:
    return cast(ChangeSpec, str(token))


def _value(tree: Tree[Token]) -> Literal_:
    token = cast("Token", tree.children[0])
    if token.type == "STRING":
        return _string(token)
    if token.type == "INT":
        return int(token)
    return {"TRUE": True, "FALSE": False}.get(token.type)


# --- syntax errors in words --------------------------------------------------------------------

#: keyword terminals of the grammar and the words they stand for
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "_CONCEPT": ("concept",),
    "_RULE": ("rule",),
    "_AGENT": ("agent",),
    "_ACKNOWLEDGE": ("acknowledge",),
    "_AKA": ("aka",),
    "_SEVERITY": ("severity",),
    "_FORBID": ("forbid",),
    "_REQUIRE": ("require",),
    "_WHEN": ("when",),
    "_LIMIT": ("limit",),
    "_MESSAGE": ("message",),
    "_BECAUSE": ("because",),
    "_AT": ("at",),
    "_ENFORCE": ("enforce",),
    "_PROTECT": ("protect",),
    "_SCOPE": ("scope",),
    "_IN": ("in",),
    "_WHERE": ("where",),
    "_AND": ("and",),
    "_OR": ("or",),
    "_NOT": ("not",),
    "TRUE": ("true",),
    "FALSE": ("false",),
    "NULL": ("null",),
    "CHANGE": CHANGE_SPECS,
    "MATCHES": ("matches",),
}
#: every reserved word; a name spelt like one is read as a name only where no keyword may stand
KEYWORDS = frozenset(w for words in _KEYWORDS.values() for w in words)
_SYMBOLS: dict[str, str] = {
    "COMPARE_OP": "'~', '==' or '!='",
    "_LE": "'<='",
    "_COLON": "':'",
    "_COMMA": "','",
    "_LPAR": "'('",
    "_RPAR": "')'",
    "_LSQB": "'['",
    "_RSQB": "']'",
}
_VALUES = frozenset({"STRING", "INT", "TRUE", "FALSE", "NULL"})
_ORDER = ("NAME", "CHANGE", "STRING", "INT", *_KEYWORDS, *_SYMBOLS, "$END")

_CHANGES_IN_WORDS = "a change: added, removed, modified, renamed or changed"
_KIND_IN_WORDS = f"an element kind or concept ({', '.join(KINDS)}, or a concept's name)"
_LINE_START: dict[Place, str] = {
    "header": "a top-level line: 'concept NAME:', 'rule ID:', 'agent NAME:' or 'acknowledge \"sentence\"'",
    "concept": f"'aka' with the phrases for the concept, or a selector: {_KIND_IN_WORDS}",
    "rule": "a rule statement: severity, forbid, require, limit, message or because",
    "agent": "an agent statement: enforce, protect, scope or acknowledge",
}
#: the keywords that may begin a line, by place (for "this belongs in a ... block")
_STARTS: dict[Place, tuple[str, ...]] = {
    "header": ("concept", "rule", "agent", "acknowledge"),
    "concept": ("aka",),
    "rule": ("severity", "forbid", "require", "limit", "message", "because"),
    "agent": ("enforce", "protect", "scope", "acknowledge"),
}


def _name_in_words(previous: str | None, place: Place) -> str:
    if previous in CHANGE_SPECS or (previous is None and place == "concept"):
        return _KIND_IN_WORDS
    if previous in ("where", "and", "or", "not", "("):
        return "an attribute name"
    if previous == "limit":
        return f"a metric ({', '.join(METRICS)})"
    if previous == "severity":
        return f"a severity: {_or_list(SEVERITIES)}"
    if previous == "concept":
        return "a concept name"
    if previous == "agent":
        return "an agent name"
    if previous in ("rule", "enforce") or (previous == "," and place == "agent"):
        return "a rule id (letters, digits, '_' and '-')"
    return "a name"


def _or_list(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} or {parts[-1]}"


def _expected(terminals: set[str], previous: str | None, place: Place) -> str:
    if previous is None:
        return _LINE_START[place]
    if terminals == {"CHANGE"}:
        return _CHANGES_IN_WORDS
    if terminals >= {"COMPARE_OP", "_IN"} and terminals <= {"COMPARE_OP", "MATCHES", "_IN"}:
        return "an operator: '~', '==', '!=', 'matches' or 'in [...]'"
    if terminals == {"$END"} and previous == ":":
        return "the end of the line: the block's lines go below it, indented"
    parts: list[str] = []
    rest = set(terminals)
    if rest >= _VALUES:
        parts.append("a value (a string in double quotes, a whole number, true, false or null)")
        rest -= _VALUES
    for terminal in _ORDER:
        if terminal not in rest:
            continue
        if terminal == "NAME":
            parts.append(_name_in_words(previous, place))
        elif terminal == "CHANGE":
            parts.append(_CHANGES_IN_WORDS)
        elif terminal == "STRING":
            parts.append("a string in double quotes")
        elif terminal == "INT":
            parts.append("a whole number")
        elif terminal == "$END":
            parts.append("the end of the line")
        elif terminal in _KEYWORDS:
            parts.append(f"'{_KEYWORDS[terminal][0]}'")
        else:
            parts.append(_SYMBOLS.get(terminal, terminal.lower().strip("_")))
    return _or_list(parts) if parts else "something else"


#: the pieces of a line, as a reader sees them (strings first, so a '#' inside one is not a comment)
_PIECE = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[\w-]+|<=|==|!=|\S')


def _pieces(text: str) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    for m in _PIECE.finditer(text):
        if m.group() == "#":
            break
        out.append(m)
    return out


def _previous(text: str, column: int) -> str | None:
    before = [m.group() for m in _pieces(text) if m.end() < column]
    return before[-1].lower() if before else None


def _keyword_words(terminals: set[str]) -> list[str]:
    return [w for t in sorted(terminals) for w in _KEYWORDS.get(t, ())]


def _token_in_words(token: Token) -> str:
    value = str(token)
    if token.type == "NAME":
        return f"name '{value}'"
    if token.type == "STRING":
        return f"string {value if len(value) <= 40 else value[:37] + '...'}"
    if token.type == "INT":
        return f"number {value}"
    return f"'{value}'"


def _syntax_error(error: Exception, line: _Line, place: Place, path: str) -> Diagnostic:
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken

    text = line.text
    terminals = _acceptable(error)
    if isinstance(error, UnexpectedToken):
        token: Token = error.token
        if token.type == "$END":
            pieces = _pieces(text)
            column = (pieces[-1].end() if pieces else len(text)) + 1
            message, width, word = "the line ends too early", 1, None
        else:
            column = token.column or 1
            message, width = f"unexpected {_token_in_words(token)}", len(str(token))
            word = str(token) if re.fullmatch(r"[\w-]+", str(token)) else None
        previous = _previous(text, column)
        suggestion = _suggest(word, token.type, terminals, previous, place, text, column)
        return Diagnostic(
            message, path, line.number, column, text, _expected(terminals, previous, place), suggestion, width
        )
    assert isinstance(error, UnexpectedCharacters)
    column = error.column or 1
    previous = _previous(text, column)
    char = text[column - 1] if column - 1 < len(text) else ""
    expected = _expected(terminals, previous, place)
    if char == '"':
        return _string_error(text, column, line.number, path)
    quoted = re.match(r"'([^']*)'", text[column - 1 :])
    suggestion = {
        "'": f"strings are written in double quotes: {json.dumps(quoted.group(1))}"
        if quoted
        else "strings are written in double quotes",
        "=": "did you mean '=='?",
        "<": "did you mean '<='?",
        ">": "a limit is written 'limit METRIC <= N'",
    }.get(char)
    return Diagnostic(f"unexpected character {char!r}", path, line.number, column, text, expected, suggestion)


def _acceptable(error: Exception) -> set[str]:
    """The terminals the parser could have gone on with where it stopped.

    Lark's own ``expected`` set is not enough: an error found by the contextual lexer lists only what
    that lexer state could lex (never the end of the line), and LALR merges look-aheads of states
    with the same core (``when`` after any selector). Feeding each candidate to a copy of the parser
    state, as lark's interactive parser does, gives the exact set.
    """
    from lark.exceptions import UnexpectedToken
    from lark.lexer import Token

    state: Any = getattr(error, "state", None)
    if state is None or not hasattr(state, "parse_conf"):
        return set(getattr(error, "expected", None) or getattr(error, "allowed", None) or ())
    conf = copy.copy(state.parse_conf)
    conf.callbacks = {}
    accepted: set[str] = set()
    for terminal in conf.states[state.position]:
        if not terminal.isupper():
            continue
        attempt = state.copy(deepcopy_values=False)
        attempt.parse_conf = conf
        try:
            attempt.feed_token(Token(terminal, ""), terminal == "$END")
        except UnexpectedToken:
            continue
        accepted.add(terminal)
    return accepted


def _suggest(
    word: str | None,
    token_type: str,
    terminals: set[str],
    previous: str | None,
    place: Place,
    text: str,
    column: int,
) -> str | None:
    pieces = _pieces(text)
    first = pieces[0].group() if pieces else ""
    if (
        len(pieces) > 1
        and pieces[1].start() + 1 == column
        and first not in _STARTS[place]
        and token_type != "$END"
    ):
        # the first word was read as a name (a concept line may start with a kind) but meant a keyword
        hint = did_you_mean(first, _STARTS[place])
        if hint:
            return hint
    if word is None:
        return None
    if previous is None and word not in _STARTS[place]:
        for other, starts in _STARTS.items():
            if word in starts and other != place:
                return _belongs(word, other, place)
    candidates = _keyword_words(terminals)
    hint = did_you_mean(word, candidates) if candidates else None
    if hint:
        return hint
    if "STRING" in terminals and token_type in ("NAME", *_KEYWORDS):
        unquoted = re.match(r"[^\s,#]+", text[column - 1 :])
        literal = unquoted.group() if unquoted else word
        return f"strings are written in double quotes: {json.dumps(literal)}"
    return None


def _belongs(word: str, other: Place, place: Place) -> str:
    if other == "header":
        return f"'{word}' starts a top-level line: write it at column 1, without indentation"
    if place == "header":
        header = "rule ID" if other == "rule" else f"{other} NAME"
        return f"'{word}' is a line of a {other} block: indent it under '{header}:'"
    article = "an" if place == "agent" else "a"
    return f"'{word}' belongs in a {other} block, not in {article} {place} block"


_ESCAPE = re.compile(r'\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})')


def _string_error(text: str, column: int, number: int, path: str) -> Diagnostic:
    """An unterminated string, or one with an escape that JSON does not have."""
    i = column  # just after the opening quote (0-based index of the next character)
    while i < len(text):
        if text[i] == '"':
            break
        if text[i] == "\\" and i + 1 < len(text):
            if _ESCAPE.match(text, i) is None:
                bad = text[i : i + 2]
                return Diagnostic(
                    f"invalid escape '{bad}' in a string",
                    path,
                    number,
                    i + 1,
                    text,
                    'a JSON escape after a backslash: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX',
                    "write '\\\\' for a backslash",
                    len(bad),
                )
            i += 2 if text[i + 1] != "u" else 6
            continue
        i += 1
    return Diagnostic(
        "unterminated string",
        path,
        number,
        column,
        text,
        "a closing '\"' on the same line",
        None,
    )
