"""Agent files read as they are written in the wild, with exact line numbers.

Claude Code agents (``.claude/agents/*.md``), ``AGENTS.md`` / ``CLAUDE.md`` without frontmatter, Cursor
rules (``.mdc`` with ``globs``), Copilot instructions (``applyTo``), and files wrapped whole in a code
fence. Text may carry a BOM, CRLF line endings, no final newline and any language. Frontmatter that
strict YAML rejects is read leniently (``frontmatter.py``): reading never fails on messy frontmatter,
only on content that is not text at all.

Every line number is the line in the file as written: the frontmatter, the body and a fence wrapper
keep their positions, so a sentence found later points where an editor shows it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from scopeguard.agents.frontmatter import FieldSpan, Frontmatter, parse_frontmatter, split_outside_brackets
from scopeguard.core.errors import Diagnostic, UserError
from scopeguard.core.text import decode, split_lines

_FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[\w.+-]*)[ \t]*$")
_WRAPPER_INFO = {"", "instructions", "markdown", "md", "prompt", "chatagent", "agent", "chatmode", "mdc"}
_DELIMITER = re.compile(r"^-{3,}[ \t]*$")
_END_DELIMITER = re.compile(r"^(?:-{3,}|\.{3})[ \t]*$")
_NAME_CHARS = re.compile(r"[^A-Za-z0-9_-]+")
_TOOL_KEYS = ("tools", "allowed-tools", "allowed_tools", "allowedTools")
_WRITE_TOOLS = frozenset({"write", "edit", "multiedit", "notebookedit", "bash", "task", "agent", "*", "all"})


@dataclass(frozen=True)
class AgentFile:
    """An agent file: its frontmatter fields, its lines as written, and where the body starts.

    ``lines[n - 1]`` is line ``n`` of the file (line endings and a BOM removed). The body is lines
    ``body_start_line`` to ``body_end_line``; a fence that wraps the whole file lies outside both.
    """

    path: str
    name: str
    description: str | None
    tools: tuple[str, ...]
    model: str | None
    metadata: Mapping[str, object]
    text: str
    body_start_line: int
    body_end_line: int = 0
    lines: tuple[str, ...] = ()
    #: each top-level frontmatter key and the lines it spans
    fields: tuple[FieldSpan, ...] = ()
    has_frontmatter: bool = False
    #: false when strict YAML rejected the frontmatter and the lenient reading was used
    strict_yaml: bool = True
    #: Cursor ``globs`` / Copilot ``applyTo``: the files the rules are written for
    globs: tuple[str, ...] = ()
    #: whether the tool list was given (an absent list means every tool)
    tools_declared: bool = False
    encoding: str = field(default="utf-8", compare=False)

    @property
    def read_only(self) -> bool:
        """Its tool list is given and holds no tool that can change a file."""
        return self.tools_declared and bool(self.tools) and not any(can_write(t) for t in self.tools)

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    def field_span(self, key: str) -> FieldSpan | None:
        for f in self.fields:
            if f.key == key:
                return f
        return None


def read_agent_file(path: str, data: bytes) -> AgentFile:
    """Read an agent file; ``UserError`` only when the bytes are binary or not text in any encoding."""
    decoded = decode(data)
    if decoded is None:
        raise UserError(
            diagnostics=[
                Diagnostic(
                    "not a text file (binary content)",
                    path,
                    expected="a Markdown agent file",
                    suggestion="agent files are Markdown text; check the path or the file's encoding",
                )
            ]
        )
    text = decoded.text.removeprefix("\ufeff")
    lines = tuple(split_lines(text))
    first, last = _unwrap_fence(lines)
    frontmatter, body_start = _frontmatter(lines, first, last)
    meta: Mapping[str, object] = frontmatter.data if frontmatter is not None else {}
    tool_key = next((k for k in _TOOL_KEYS if k in meta), None)
    return AgentFile(
        path=path,
        name=_agent_name(path, meta.get("name")),
        description=_text(meta.get("description")),
        tools=_tools(meta.get(tool_key)) if tool_key else (),
        model=_text(meta.get("model")),
        metadata=dict(meta),
        text=text,
        body_start_line=body_start,
        body_end_line=last,
        lines=lines,
        fields=frontmatter.fields if frontmatter is not None else (),
        has_frontmatter=frontmatter is not None,
        strict_yaml=frontmatter.strict if frontmatter is not None else True,
        globs=_globs(meta.get("globs", meta.get("applyTo"))),
        tools_declared=tool_key is not None and meta.get(tool_key) not in (None, ""),
        encoding=decoded.encoding,
    )


def _unwrap_fence(lines: tuple[str, ...]) -> tuple[int, int]:
    """The first and last line of the content, inside a code fence that wraps the whole file if any."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return 1, len(lines)
    top, bottom = filled[0], filled[-1]
    opening = _FENCE_OPEN.match(lines[top].strip())
    if opening and top != bottom and opening.group("info").lower() in _WRAPPER_INFO:
        fence = opening.group("fence")
        closing = lines[bottom].strip()
        if closing and set(closing) == {fence[0]} and len(closing) >= len(fence):
            nxt = lines[top + 1].strip() if top + 1 < len(lines) else ""
            # a bare fence around a whole document: frontmatter or a heading comes first
            if opening.group("info") or _DELIMITER.match(nxt) or nxt.startswith("#"):
                return top + 2, bottom
    return 1, len(lines)


def _frontmatter(lines: tuple[str, ...], first: int, last: int) -> tuple[Frontmatter | None, int]:
    if first > last or not _DELIMITER.match(lines[first - 1]):
        return None, first
    for number in range(first + 1, last + 1):
        if _END_DELIMITER.match(lines[number - 1]):
            inner = lines[first : number - 1]
            return parse_frontmatter(inner, first + 1), number + 1
    return None, first


def can_write(tool: str) -> bool:
    """Whether a frontmatter tool can change files (``Bash(git diff:*)`` can: it runs commands)."""
    name = tool.strip().lower()
    if name.startswith("mcp__"):
        return False
    return name in _WRITE_TOOLS or name.startswith(("bash(", "write(", "edit("))


def policy_name(declared: str) -> str:
    """An agent's name as policies write it (``Backend Dev (Go)`` -> ``Backend-Dev-Go``): what
    ``--agent`` and a hook's ``agent_type`` are compared with, whichever way they spell it."""
    return _agent_name("", declared)


def _agent_name(path: str, declared: object) -> str:
    """The frontmatter ``name``, else the file's stem (``AGENTS.md`` -> ``AGENTS``), as a policy name."""
    if isinstance(declared, str) and declared.strip():
        raw = declared.strip()
    else:
        pure = PurePosixPath(path)
        raw = pure.name.split(".")[0] if pure.name.endswith(".instructions.md") else pure.stem
    name = _NAME_CHARS.sub("-", raw).strip("-")
    if not name or not name[0].isalpha():
        name = "agent-" + name if name else "agent"
    return name


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return str(value)


def _tools(value: object) -> tuple[str, ...]:
    """A tool list from ``Read, Write``, ``[read, write]`` or a YAML list; permission patterns kept whole."""
    items: list[str] = []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("[") and text.endswith("]"):
            text = text[1:-1]
        items = split_outside_brackets(text)
    elif isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, str):
                items.extend(split_outside_brackets(item))
            elif item is not None:
                items.append(str(item))
    elif value is not None:
        items = [str(value)]
    return tuple(t.strip().strip("'\"") for t in items if t and t.strip().strip("'\""))


def _globs(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(g.strip().strip("'\"") for g in value.split(",") if g.strip())
    if isinstance(value, (list, tuple)):
        return tuple(str(g).strip() for g in value if g is not None and str(g).strip())
    return ()
