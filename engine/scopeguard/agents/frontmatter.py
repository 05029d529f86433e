"""Frontmatter read leniently: strict YAML when it parses, a line-based reading when it does not.

Real agent files often carry frontmatter that strict YAML rejects: a one-line ``description:`` with an
unquoted ``: `` inside, literal ``\\n`` escapes and inline ``<example>`` blocks. Claude Code accepts
them, so scopeguard must too. The line-based reading understands what agent files use — top-level
``key: value`` pairs, nested mappings by indentation, block lists, flow lists, quoted strings, block
scalars and comments — and takes the rest of a line after the first ``: `` as the value.

Either way every top-level key keeps the lines it spans in the file, so that a rule found in the
frontmatter (a read-only tool list, a ``constraints:`` block) can point at its line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_KEY = re.compile(
    r"^(?P<indent>[ \t]*)(?P<key>[^\s:#\-\[\]{}][^:#]*?|\"[^\"]*\"|'[^']*')[ \t]*:(?:[ \t]+|$)(?P<rest>.*)$"
)
_ITEM = re.compile(r"^(?P<indent>[ \t]*)-(?:[ \t]+(?P<rest>.*)|[ \t]*$)")
_COMMENT = re.compile(r"(?:^|[ \t])#.*$")


@dataclass(frozen=True, slots=True)
class FieldSpan:
    """The 1-based lines a top-level frontmatter key spans (its own line and its nested lines)."""

    key: str
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Frontmatter:
    """The parsed mapping, each top-level key's lines, and whether strict YAML accepted it."""

    data: Mapping[str, object]
    fields: tuple[FieldSpan, ...]
    strict: bool

    def span(self, key: str) -> FieldSpan | None:
        for f in self.fields:
            if f.key == key:
                return f
        return None


_FLAT = re.compile(r"^[A-Za-z_][\w-]*:(?:[ \t]+[^\s\[\]{}|>&*!'\"#%@`-][^#]*|[ \t]*)$")


def parse_frontmatter(lines: Sequence[str], first_line: int) -> Frontmatter:
    """Parse frontmatter ``lines`` (fences excluded); ``first_line`` is the file line of the first one."""
    fields = _field_spans(lines, first_line)
    if _flat(lines):
        # one plain scalar per key: YAML reads them as the line-based reading does (and rejects a value
        # holding ": "), so the answer is known without loading a YAML parser
        valid = not any(": " in line.split(":", 1)[1] for line in lines if line.strip())
        return Frontmatter(lenient_mapping(lines), fields, valid)
    strict = _strict_yaml("\n".join(lines))
    if strict is not None:
        return Frontmatter(strict, fields, True)
    return Frontmatter(lenient_mapping(lines), fields, False)


def _flat(lines: Sequence[str]) -> bool:
    """Top-level ``key: plain value`` lines only: no nesting, lists, quotes, block scalars or comments."""
    filled = [line for line in lines if line.strip()]
    return bool(filled) and all(_FLAT.match(line) for line in filled)


def _strict_yaml(text: str) -> dict[str, object] | None:
    if not text.strip():
        return {}
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    try:
        data = YAMLHandler().load(text)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    return {str(k): v for k, v in data.items()}


def _field_spans(lines: Sequence[str], first_line: int) -> tuple[FieldSpan, ...]:
    spans: list[FieldSpan] = []
    current: tuple[str, int] | None = None
    last_content = 0
    for i, raw in enumerate(lines):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        match = _KEY.match(raw)
        if match and not match.group("indent") and not raw[0].isspace():
            if current is not None:
                spans.append(FieldSpan(current[0], first_line + current[1], first_line + last_content))
            current = (_unquote(match.group("key").strip()), i)
        last_content = i
    if current is not None:
        spans.append(FieldSpan(current[0], first_line + current[1], first_line + last_content))
    return tuple(spans)


# --- the line-based reading ------------------------------------------------------------------------


def lenient_mapping(lines: Sequence[str]) -> dict[str, object]:
    """A mapping read from YAML-like lines, never raising; what cannot be read is kept as text."""
    rows = [(len(raw) - len(raw.lstrip(" \t")), raw) for raw in lines]
    value, _ = _block(rows, 0, 0)
    return value if isinstance(value, dict) else {}


def _block(rows: list[tuple[int, str]], start: int, indent: int) -> tuple[object, int]:
    """The value whose lines start at ``start`` with at least ``indent`` indentation; and the next row."""
    i = _skip_blank(rows, start)
    if i >= len(rows) or rows[i][0] < indent:
        return None, i
    if _ITEM.match(rows[i][1]):
        return _sequence(rows, i, rows[i][0])
    return _mapping(rows, i, rows[i][0])


def _skip_blank(rows: list[tuple[int, str]], i: int) -> int:
    while i < len(rows) and (not rows[i][1].strip() or rows[i][1].lstrip().startswith("#")):
        i += 1
    return i


def _mapping(rows: list[tuple[int, str]], start: int, indent: int) -> tuple[dict[str, object], int]:
    out: dict[str, object] = {}
    i = start
    while True:
        i = _skip_blank(rows, i)
        if i >= len(rows) or rows[i][0] != indent:
            return out, i
        match = _KEY.match(rows[i][1])
        if match is None:
            i += 1  # a stray line at this level: not a key, nothing to keep
            continue
        key = _unquote(match.group("key").strip())
        rest = match.group("rest")
        i += 1
        if _is_block_scalar(rest):
            text, i = _block_scalar(rows, i, indent, folded=rest.strip().startswith(">"))
            out[key] = text
            continue
        if _strip_comment(rest).strip():
            value: object = _scalar(rest)
            nxt = _skip_blank(rows, i)
            # a plain scalar continued on more-indented lines (rare, but YAML allows it)
            while (
                nxt < len(rows)
                and rows[nxt][0] > indent
                and not _KEY.match(rows[nxt][1])
                and isinstance(value, str)
            ):
                value = f"{value} {rows[nxt][1].strip()}"
                i = nxt = _skip_blank(rows, nxt + 1)
            out[key] = value
            continue
        nxt = _skip_blank(rows, i)
        if nxt < len(rows) and (
            rows[nxt][0] > indent or (rows[nxt][0] == indent and _ITEM.match(rows[nxt][1]))
        ):
            out[key], i = _block(rows, nxt, rows[nxt][0])
        else:
            out[key] = None


def _sequence(rows: list[tuple[int, str]], start: int, indent: int) -> tuple[list[object], int]:
    out: list[object] = []
    i = start
    while True:
        i = _skip_blank(rows, i)
        if i >= len(rows) or rows[i][0] != indent:
            return out, i
        match = _ITEM.match(rows[i][1])
        if match is None:
            return out, i
        rest = match.group("rest") or ""
        i += 1
        inner = _KEY.match(rest)
        if inner is not None and not rest.lstrip().startswith(("'", '"')):
            # "- key: value" starts a mapping inside the list
            item_indent = indent + 2
            sub_rows = [(item_indent, " " * item_indent + rest)]
            j = i
            while j < len(rows) and (not rows[j][1].strip() or rows[j][0] > indent):
                sub_rows.append(rows[j])
                j += 1
            mapping, _ = _mapping(sub_rows, 0, item_indent)
            out.append(mapping)
            i = j
        elif rest.strip():
            out.append(_scalar(rest))
        else:
            value, i = _block(rows, i, indent + 1)
            out.append(value)


def _is_block_scalar(rest: str) -> bool:
    return re.match(r"^[|>][+-]?\d*\s*(?:#.*)?$", rest.strip()) is not None


def _block_scalar(rows: list[tuple[int, str]], i: int, indent: int, *, folded: bool) -> tuple[str, int]:
    parts: list[str] = []
    body_indent: int | None = None
    while i < len(rows):
        width, raw = rows[i]
        if raw.strip() and width <= indent:
            break
        if raw.strip() and body_indent is None:
            body_indent = width
        parts.append(raw[body_indent or 0 :] if raw.strip() else "")
        i += 1
    while parts and not parts[-1]:
        parts.pop()
    text = " ".join(p for p in parts if p) if folded else "\n".join(parts)
    return text + "\n" if text else "", i


def _strip_comment(text: str) -> str:
    if text.lstrip().startswith(("'", '"')):
        return text
    return _COMMENT.sub("", text)


def _scalar(rest: str) -> object:
    text = _strip_comment(rest).strip()
    if text.startswith("[") and text.endswith("]"):
        return [_scalar(part) for part in split_outside_brackets(text[1:-1]) if part.strip()]
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return _unquote(text)
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("null", "~"):
        return None
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return text


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    return text


def split_outside_brackets(text: str, separator: str = ",") -> list[str]:
    """Split on ``separator`` except inside parentheses, brackets or quotes (``Bash(git diff:*), Read``)."""
    parts: list[str] = []
    depth = 0
    quote: str | None = None
    current: list[str] = []
    for ch in text:
        if quote is not None:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif ch == separator and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(ch)
    parts.append("".join(current).strip())
    return parts
