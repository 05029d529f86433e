"""Markdown bodies cut into blocks — headings, list items, paragraphs, fences, tables — with exact lines.

Only as much Markdown as agent files use: ATX headings, bullet and numbered lists (and lines that open
with a ✅ / ❌ / 🚫 marker, which authors use as bullets), fenced code, block quotes, tables, horizontal
rules, and HTML-like tags. ``<example>`` and ``<commentary>`` regions are dialogues, not rules, and
HTML comments are not shown at all, so both are dropped here. Each block keeps the file line of every
text line it holds, so that a sentence spanning lines can say where it starts and ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "fence", "table", "rule"]

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*([^`]*)$")
_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+•]|\d{1,3}[.)])[ \t]+(?P<text>.*)$")
_MARKED = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>✅|❌|🚫|⛔|✔️?|✖️?|☑️?|⚠️?|👉|→|➡️?)[ \t]*(?P<text>.+)$")
_CHECKBOX = re.compile(r"^\[[ xX]\][ \t]+")
_QUOTE = re.compile(r"^[ \t]*>[ \t]?")
_TAG_LINE = re.compile(r"^[ \t]*<(/?)([A-Za-z][\w-]*)(?:[^<>]*)>[ \t]*$")
_SKIPPED_TAGS = frozenset({"example", "examples", "commentary", "example_usage"})
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of a block's text (markers and quote prefixes removed) and its line in the file."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    lines: tuple[TextLine, ...]
    #: heading level; for items and paragraphs, the indentation of their first line
    level: int = 0
    #: an item's marker (``-``, ``1.``, ``❌``); a fence's info string
    marker: str = ""
    quoted: bool = False

    @property
    def line(self) -> int:
        return self.lines[0].number if self.lines else 0

    @property
    def end_line(self) -> int:
        return self.lines[-1].number if self.lines else 0

    @property
    def text(self) -> str:
        return " ".join(t.text.strip() for t in self.lines if t.text.strip())


def _indent(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip(" "))


def _starts_block(text: str) -> bool:
    return bool(
        _HEADING.match(text)
        or _FENCE.match(text)
        or _HR.match(text)
        or _ITEM.match(text)
        or _MARKED.match(text)
        or text.lstrip().startswith("|")
        or _TAG_LINE.match(text)
    )


def without_html_comments(lines: Sequence[str], first: int, last: int) -> list[str]:
    """``lines`` with every HTML comment (``<!-- … -->``, over any number of lines) outside fenced code
    blanked, line for line: rendered Markdown does not show it, and authors use one to switch a rule off."""
    out = list(lines)
    fence: str | None = None
    in_comment = False
    for n in range(first, last + 1):
        text = out[n - 1]
        if fence is None and not in_comment:
            opening = _FENCE.match(_QUOTE.sub("", text, count=1))
            if opening is not None:
                fence = opening.group(1)
                continue
        elif fence is not None:
            closing = _QUOTE.sub("", text, count=1).strip()
            if closing and set(closing) == {fence[0]} and len(closing) >= len(fence):
                fence = None
            continue
        kept: list[str] = []
        i = 0
        while i < len(text):
            if in_comment:
                end = text.find("-->", i)
                if end == -1:
                    i = len(text)
                    break
                in_comment, i = False, end + 3
            else:
                start = text.find("<!--", i)
                if start == -1:
                    kept.append(text[i:])
                    break
                kept.append(text[i:start])
                in_comment, i = True, start + 4
        out[n - 1] = "".join(kept).rstrip() if kept else ""
    return out


def parse_blocks(lines: Sequence[str], first: int, last: int) -> list[Block]:
    """The blocks of file lines ``first`` to ``last`` (1-based, inclusive); ``lines[0]`` is line 1."""
    lines = without_html_comments(lines, first, last)
    out: list[Block] = []
    n = first
    skip_until: str | None = None
    while n <= last:
        raw = lines[n - 1]
        quoted = bool(_QUOTE.match(raw))
        text = _QUOTE.sub("", raw, count=1) if quoted else raw
        if skip_until is not None:
            if re.search(rf"</{skip_until}\s*>", text, re.IGNORECASE):
                skip_until = None
            n += 1
            continue
        if not text.strip():
            n += 1
            continue
        tag = _TAG_LINE.match(text)
        if tag is not None:
            name = tag.group(2).lower()
            if name in _SKIPPED_TAGS and not tag.group(1):
                skip_until = name
            n += 1
            continue
        opening = re.match(r"^[ \t]*<(example|examples|commentary)>", text, re.IGNORECASE)
        if opening is not None:
            if not re.search(rf"</{opening.group(1)}\s*>", text, re.IGNORECASE):
                skip_until = opening.group(1).lower()
            n += 1
            continue
        fence = _FENCE.match(text)
        if fence is not None:
            n = _fence(lines, n, last, fence, out)
            continue
        heading = _HEADING.match(text)
        if heading is not None:
            out.append(
                Block("heading", (TextLine(n, heading.group(2)),), level=len(heading.group(1)), quoted=quoted)
            )
            n += 1
            continue
        if _HR.match(text):
            out.append(Block("rule", (TextLine(n, ""),)))
            n += 1
            continue
        if text.lstrip().startswith("|"):
            if not _TABLE_SEPARATOR.match(text):
                out.append(Block("table", (TextLine(n, text.strip()),), quoted=quoted))
            n += 1
            continue
        item = _ITEM.match(text) or _MARKED.match(text)
        if item is not None and item.re is _MARKED and item.group("text").rstrip("*_ ").endswith(":"):
            item = None  # "🚫 **Never do:**" introduces a list; it is not an item of one
        if item is not None:
            n = _item(lines, n, last, item, quoted, out)
            continue
        n = _paragraph(lines, n, last, quoted, out)
    return out


def _fence(lines: Sequence[str], n: int, last: int, fence: re.Match[str], out: list[Block]) -> int:
    mark = fence.group(1)
    body: list[TextLine] = []
    m = n + 1
    while m <= last:
        candidate = _QUOTE.sub("", lines[m - 1], count=1).strip()
        if candidate and set(candidate) == {mark[0]} and len(candidate) >= len(mark):
            break
        body.append(TextLine(m, lines[m - 1]))
        m += 1
    out.append(Block("fence", tuple(body) or (TextLine(n, ""),), marker=fence.group(2).strip()))
    return m + 1


def _item(
    lines: Sequence[str], n: int, last: int, item: re.Match[str], quoted: bool, out: list[Block]
) -> int:
    indent = _indent(item.group("indent"))
    first_text = _CHECKBOX.sub("", item.group("text"))
    body = [TextLine(n, first_text)]
    m = n + 1
    while m <= last:
        raw = lines[m - 1]
        text = _QUOTE.sub("", raw, count=1) if quoted and _QUOTE.match(raw) else raw
        if not text.strip() or _starts_block(text):
            break
        body.append(TextLine(m, text.strip()))
        m += 1
    out.append(Block("item", tuple(body), level=indent, marker=item.group("marker"), quoted=quoted))
    return m


def _paragraph(lines: Sequence[str], n: int, last: int, quoted: bool, out: list[Block]) -> int:
    first = _QUOTE.sub("", lines[n - 1], count=1) if quoted else lines[n - 1]
    body = [TextLine(n, first.strip())]
    m = n + 1
    while m <= last:
        raw = lines[m - 1]
        is_quote = bool(_QUOTE.match(raw))
        if is_quote != quoted:
            break
        text = _QUOTE.sub("", raw, count=1) if is_quote else raw
        if not text.strip() or _starts_block(text):
            break
        body.append(TextLine(m, text.strip()))
        m += 1
    out.append(Block("paragraph", tuple(body), level=_indent(first), quoted=quoted))
    return m
