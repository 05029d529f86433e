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


def _strings(value: Any, key: str, path: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise UserError(diagnostics=[Diagnostic(f"'{key}' must be a string or a list of strings", path)])


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
        data = data.get("tool", {}).get("scopeguard", data) if "tool" in data else data
        return _from_table(data, CONFIG_FILE)
    if pyproject is not None:
        data = _table(pyproject, PYPROJECT).get("tool", {}).get("scopeguard")
        if isinstance(data, dict):
            return _from_table(data, PYPROJECT)
    return Config()


def _from_table(data: dict[str, Any], path: str) -> Config:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        hint = did_you_mean(unknown[0], _KEYS) or "known keys: " + ", ".join(sorted(_KEYS))
        raise UserError(
            diagnostics=[Diagnostic(f"unknown configuration key '{unknown[0]}'", path, suggestion=hint)]
        )
    defaults = Config()
    fail_on = data.get("fail-on", defaults.fail_on)
    if fail_on not in FAIL_ON:
        raise UserError(
            diagnostics=[
                Diagnostic(f"'fail-on' is '{fail_on}'", path, expected="one of " + ", ".join(FAIL_ON))
            ]
        )
    size = data.get("max-file-size", defaults.max_file_size)
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise UserError(diagnostics=[Diagnostic("'max-file-size' must be a positive number of bytes", path)])
    agent = data.get("default-agent")
    if agent is not None and not isinstance(agent, str):
        raise UserError(diagnostics=[Diagnostic("'default-agent' must be a string", path)])
    return Config(
        agents=_strings(data["agents"], "agents", path) if "agents" in data else defaults.agents,
        policies=_strings(data["policies"], "policies", path) if "policies" in data else defaults.policies,
        fail_on=fail_on,
        exclude=_strings(data["exclude"], "exclude", path) if "exclude" in data else (),
        default_agent=agent,
        max_file_size=size,
        source=path,
    )


def tool_table(pyproject: str) -> dict[str, Any] | None:
    """The ``[tool.scopeguard]`` table of a pyproject.toml text (``None`` when absent or unreadable)."""
    try:
        table = tomllib.loads(pyproject).get("tool", {}).get("scopeguard")
    except tomllib.TOMLDecodeError:
        return None
    return table if isinstance(table, dict) else None
