"""Writing untrusted text into GitHub-flavoured Markdown (step summaries, SARIF help).

Text from repositories and agent files must not turn into markup: an ``<img>`` or a ``|`` would
change what a reviewer sees. Everything is escaped to read literally; line breaks become ``<br>``
inside tables.
"""

from __future__ import annotations

import html
import re

from scopeguard.report.formats.common import visible

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# what starts a heading, a quote, a list item or a rule when it opens a line
_LEADING = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))", re.MULTILINE)


def inline(text: str) -> str:
    """Text that renders literally on one Markdown line (in a paragraph or a table cell)."""
    escaped = html.escape(visible(text), quote=False)
    escaped = _SPECIAL.sub(r"\\\1", escaped)
    escaped = _LEADING.sub(_escape_leading, escaped)
    return escaped.replace("\t", " ").replace("\n", "<br>")


def code(text: str) -> str:
    """Text as an inline code span that is safe in a table cell."""
    text = visible(text).replace("\n", " ").replace("|", "\\|")
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def quote_block(text: str) -> str:
    """Text as a Markdown block quote, one ``>`` line per line."""
    return "\n".join("> " + inline(line) for line in visible(text).split("\n"))


def _escape_leading(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    return f"{lead}{mark}\\" if mark[0].isdigit() else f"{lead}\\{mark}"
