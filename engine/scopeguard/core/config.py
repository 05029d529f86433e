"""scopeguard's configuration: ``[tool.scopeguard]`` in ``pyproject.toml`` or ``scopeguard.toml``.

Parsed from text here; the use cases read the text from the policy revision (never from the change
under check). Keys use dashes, as in the file; unknown keys are an error with a suggestion.

.. code-block:: toml

    [tool.scopeguard]
    agents = [".claude/agents/*.md", "agents/*.md"]      # agent files
    policies = ["policies/**/*.scope", ".scopeguard/**/*.scope"]
    fail-on = "error"                                     # error | warning | info | never
    exclude = ["vendor/**"]                               # paths never checked
    default-agent = "backend-feature-implementer"         # for hooks when the input names none
    max-file-size = 2097152                               # bytes; larger files are not parsed
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

from scopeguard.core.errors import Diagnostic, UserError, did_you_mean
from scopeguard.core.globs import glob_error

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_FILE = "scopeguard.toml"
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "info", "never")


@dataclass(frozen=True, slots=True)
class Config:
    agents: tuple[str, ...] = (".claude/agents/*.md", "agents/*.md")
    policies: tuple[str, ...] = ("policies/**/*.scope", ".scopeguard/**/*.scope")
    fail_on: str = "error"
    exclude: tuple[str, ...] = ()
    default_agent: str | None = None
    max_file_size: int = 2 * 1024 * 1024
    #: the file the configuration came from (``None``: defaults)
    source: str | None = field(default=None, compare=False)


_KEYS = {"agents", "policies", "fail-on", "exclude", "default-agent", "max-file-size"}


_HEADER = re.compile(r"^\s*\[{1,2}\s*([^\[\]]+?)\s*\]{1,2}\s*(?:#.*)?$")


class _Source:
    """The text a configuration table came from, to point a diagnostic at the line of a key.

    ``tomllib`` keeps no positions, so the key's line is found again in the text: the first
    ``key = ...`` line inside the table (``[tool.scopeguard]``, or the top of ``scopeguard.toml``).
    """

    def __init__(self, path: str, text: str, in_tool_table: bool) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.in_tool_table = in_tool_table

    def error(
        self,
        key: str,
        message: str,
        *,
        at_value: bool = True,
        expected: str | None = None,
        hint: str | None = None,
    ) -> UserError:
        line, column, width = self._find(key, at_value)
        source = self.lines[line - 1] if line is not None else None
        return UserError(
            diagnostics=[Diagnostic(message, self.path, line, column, source, expected, hint, width)]
        )

    def _find(self, key: str, at_value: bool) -> tuple[int | None, int | None, int]:
        assignment = re.compile(
            rf"""^(\s*)(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=\s*"""
        )
        table: str | None = None
        for number, text in enumerate(self.lines, 1):
            header = _HEADER.match(text)
            if header is not None:
                table = ".".join(part.strip().strip("\"'") for part in header.group(1).split("."))
                continue
            inside = table == "tool.scopeguard" if self.in_tool_table else table is None
            found = assignment.match(text) if inside else None
            if found is not None:
                if at_value:
                    value = text[found.end() :].split("#", 1)[0].rstrip()
                    return number, found.end() + 1, max(1, len(value))
                return number, len(found.group(1)) + 1, len(key)
        return None, None, 1


def _strings(value: Any, key: str, source: _Source, *, globs: bool) -> tuple[str, ...]:
    if isinstance(value, str):
        items: tuple[str, ...] = (value,)
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = tuple(value)
    else:
        raise source.error(key, f"'{key}' must be a string or a list of strings")
    for item in items if globs else ():
        error = glob_error(item)
        if error is not None:
            raise source.error(
                key,
                f"'{key}' has an invalid glob '{item}': {error}",
                expected="globs whose character ranges go from low to high, such as '[a-z]'",
            )
    return items


def _table(text: str, path: str) -> dict[str, Any]:
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except tomllib.TOMLDecodeError as exc:
        # tomllib names the place only in its message before Python 3.14: "... (at line 2, column 1)"
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(where.group(1)) if where else None
        column = int(where.group(2)) if where else None
        lines = text.splitlines()
        source = lines[line - 1] if line and line <= len(lines) else None
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        raise UserError(
            diagnostics=[Diagnostic(f"invalid TOML: {message}", path, line, column, source)]
        ) from None


def parse_config(scopeguard_toml: str | None, pyproject: str | None) -> Config:
    """The configuration from ``scopeguard.toml`` when present, else ``[tool.scopeguard]``."""
    if scopeguard_toml is not None:
        data = _table(scopeguard_toml, CONFIG_FILE)
        nested = "tool" in data
        data = data.get("tool", {}).get("scopeguard", data) if nested else data
        return _from_table(data, _Source(CONFIG_FILE, scopeguard_toml, nested))
    if pyproject is not None:
        data = _table(pyproject, PYPROJECT).get("tool", {}).get("scopeguard")
        if isinstance(data, dict):
            return _from_table(data, _Source(PYPROJECT, pyproject, True))
    return Config()


def _from_table(data: dict[str, Any], source: _Source) -> Config:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        hint = did_you_mean(unknown[0], _KEYS) or "known keys: " + ", ".join(sorted(_KEYS))
        raise source.error(unknown[0], f"unknown configuration key '{unknown[0]}'", at_value=False, hint=hint)
    defaults = Config()
    fail_on = data.get("fail-on", defaults.fail_on)
    if fail_on not in FAIL_ON:
        raise source.error(
            "fail-on",
            f"'fail-on' is {fail_on!r}",
            expected="one of " + ", ".join(FAIL_ON),
            hint=did_you_mean(fail_on, FAIL_ON) if isinstance(fail_on, str) else None,
        )
    size = data.get("max-file-size", defaults.max_file_size)
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise source.error("max-file-size", "'max-file-size' must be a positive number of bytes")
    agent = data.get("default-agent")
    if agent is not None and not isinstance(agent, str):
        raise source.error("default-agent", "'default-agent' must be a string")
    return Config(
        agents=_strings(data["agents"], "agents", source, globs=True)
        if "agents" in data
        else defaults.agents,
        policies=(
            _strings(data["policies"], "policies", source, globs=True)
            if "policies" in data
            else defaults.policies
        ),
        fail_on=fail_on,
        exclude=_strings(data["exclude"], "exclude", source, globs=True) if "exclude" in data else (),
        default_agent=agent,
        max_file_size=size,
        source=source.path,
    )


def tool_table(pyproject: str) -> dict[str, Any] | None:
    """The ``[tool.scopeguard]`` table of a pyproject.toml text (``None`` when absent or unreadable)."""
    try:
        table = tomllib.loads(pyproject).get("tool", {}).get("scopeguard")
    except tomllib.TOMLDecodeError:
        return None
    return table if isinstance(table, dict) else None
