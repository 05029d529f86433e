"""Python manifests: ``pyproject.toml`` (PEP 621, PEP 735, Poetry), ``requirements*.txt``, ``setup.cfg``.

Values come from ``tomllib`` and ``configparser``, which know nothing of lines, so each declaration is
then located in the text: within its table or section, the first unused occurrence of the quoted
requirement string (PEP 621) or of the key (Poetry). When it cannot be found (an unusual spelling,
escapes) the table's header line stands in. ``setup.py`` is code, and is not run.

Groups: ``main`` (runtime), ``optional:EXTRA``, ``build``, a PEP 735 or Poetry group by its name
(``dev``), and for requirements files the part of the file name after ``requirements``
(``requirements-dev.txt``: ``dev``; ``requirements/test.txt``: ``test``; ``requirements.txt``: ``main``).
"""

from __future__ import annotations

import configparser
import importlib
import posixpath
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scopeguard.analysis.base import AnalysisError
from scopeguard.analysis.deps.model import Declared, pypi_name
from scopeguard.core.text import split_lines


def _toml() -> Any:
    """``tomllib``, or its backport ``tomli`` before Python 3.11."""
    return importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")


_REQUIREMENT = re.compile(
    r"^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$", re.DOTALL
)
_EGG = re.compile(r"#egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_INLINE_COMMENT = re.compile(r"(^|\s)#.*$")
_HASH_OPTION = re.compile(r"\s--hash[=\s]\S+")


@dataclass(frozen=True, slots=True)
class Requirement:
    name: str
    version: str | None
    detail: str


def parse_requirement(text: str) -> Requirement | None:
    """A PEP 508 requirement: normalised name, the version part as written, extras and markers."""
    match = _REQUIREMENT.match(text)
    if match is None:
        return None
    extras = match.group(2) or ""
    rest, _, markers = match.group(3).partition(";")
    rest = rest.strip()
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1].strip()
    if rest and not rest.startswith(("@", "<", ">", "=", "!", "~")):
        return None
    return Requirement(pypi_name(match.group(1)), rest or None, f"{extras};{markers.strip()}")


class _Lines:
    """The lines of a TOML or INI file, its table headers, and occurrences already claimed."""

    def __init__(self, text: str) -> None:
        self.lines = split_lines(text)
        self.headers: list[tuple[int, str]] = []
        for number, line in enumerate(self.lines, start=1):
            match = _HEADER.match(line)
            if match is not None:
                name = re.sub(r"\s*\.\s*", ".", match.group(1)).replace('"', "").replace("'", "")
                self.headers.append((number, name))
        self.used: set[tuple[int, int]] = set()

    def region(self, table: str) -> tuple[int, int]:
        """1-based first and last line of a table (the header line included); the whole file if absent."""
        for index, (number, name) in enumerate(self.headers):
            if name == table:
                end = self.headers[index + 1][0] - 1 if index + 1 < len(self.headers) else len(self.lines)
                return number, end
        first_header = self.headers[0][0] - 1 if self.headers else len(self.lines)
        return 1, max(1, first_header)

    def header_line(self, table: str) -> int:
        return next((number for number, name in self.headers if name == table), 1)

    def find(self, tables: tuple[str, ...], pattern: re.Pattern[str]) -> tuple[int, int, int] | None:
        """``(line, column, end column)`` of the first unclaimed match inside the first table that has one."""
        for table in tables:
            first, last = self.region(table)
            for number in range(first, last + 1):
                for match in pattern.finditer(self.lines[number - 1]):
                    spot = (number, match.start(1))
                    if spot in self.used:
                        continue
                    self.used.add(spot)
                    return number, match.start(1) + 1, match.end(1) + 1
        return None

    def locate_string(self, tables: tuple[str, ...], value: str) -> tuple[int, int, int]:
        found = self.find(tables, re.compile(r"""["'](""" + re.escape(value) + r""")["']"""))
        return found or (self.header_line(tables[0]), 1, 1)

    def locate_key(self, tables: tuple[str, ...], key: str) -> tuple[int, int, int]:
        pattern = re.compile(r"""^\s*["']?(""" + re.escape(key) + r""")["']?\s*[=.]""")
        found = self.find(tables, pattern)
        if found is None:
            found = self.find(tuple(f"{t}.{key}" for t in tables), re.compile(r"^\s*\[\s*(.+?)\s*\]"))
        return found or (self.header_line(tables[0]), 1, 1)


# --- pyproject.toml ------------------------------------------------------------------------------


def pyproject(text: str) -> list[Declared]:
    toml = _toml()
    try:
        data: dict[str, Any] = toml.loads(text)
    except toml.TOMLDecodeError as exc:
        raise AnalysisError(f"not valid TOML: {exc}") from None
    lines = _Lines(text)
    out: list[Declared] = []
    project = _table(data, "project")
    out.extend(_pep508_list(lines, project.get("dependencies"), "main", ("project",)))
    for extra, items in sorted(_table(project, "optional-dependencies").items()):
        tables = ("project.optional-dependencies", "project")
        out.extend(_pep508_list(lines, items, f"optional:{extra}", tables))
    for group, items in sorted(_table(data, "dependency-groups").items()):
        out.extend(_pep508_list(lines, items, group, ("dependency-groups",)))
    out.extend(_pep508_list(lines, _table(data, "build-system").get("requires"), "build", ("build-system",)))
    poetry = _table(_table(data, "tool"), "poetry")
    out.extend(_poetry(lines, _table(poetry, "dependencies"), "main", "tool.poetry.dependencies"))
    out.extend(_poetry(lines, _table(poetry, "dev-dependencies"), "dev", "tool.poetry.dev-dependencies"))
    for group, spec in sorted(_table(poetry, "group").items()):
        if isinstance(spec, dict):
            table = f"tool.poetry.group.{group}.dependencies"
            out.extend(_poetry(lines, _table(spec, "dependencies"), group, table))
    return out


def _table(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def _pep508_list(lines: _Lines, items: Any, group: str, tables: tuple[str, ...]) -> Iterator[Declared]:
    if not isinstance(items, list):
        return
    for item in items:
        if not isinstance(item, str):
            continue  # PEP 735 {include-group = "..."}
        requirement = parse_requirement(item)
        if requirement is None:
            continue
        line, column, end = lines.locate_string(tables, item)
        yield Declared(requirement.name, requirement.version, group, line, column, end, requirement.detail)


def _poetry(lines: _Lines, table: dict[str, Any], group: str, header: str) -> Iterator[Declared]:
    for name, spec in table.items():
        if name.lower() == "python":
            continue  # the interpreter, not a package
        if isinstance(spec, str):
            version: str | None = spec
            detail = ""
        elif isinstance(spec, dict):
            version = spec.get("version") if isinstance(spec.get("version"), str) else None
            detail = repr(sorted((k, str(v)) for k, v in spec.items() if k != "version"))
        else:
            version, detail = None, repr(spec)
        line, column, end = lines.locate_key((header,), name)
        yield Declared(pypi_name(name), version, group, line, column, end, detail)


# --- requirements files --------------------------------------------------------------------------


def requirements_group(path: str) -> str:
    """The group a requirements file declares, from its name (see the module docstring)."""
    stem = posixpath.splitext(posixpath.basename(path))[0]
    parent = posixpath.basename(posixpath.dirname(path))
    if parent == "requirements" and not stem.startswith("requirements"):
        return stem or "main"
    rest = re.sub(r"requirements", "", stem, count=1).strip("-_. ")
    return rest or "main"


def requirements(text: str, path: str) -> list[Declared]:
    group = requirements_group(path)
    out: list[Declared] = []
    for number, logical in _logical_lines(text):
        line = _INLINE_COMMENT.sub("", logical).strip()
        if not line:
            continue
        if line.startswith("-"):
            egg = _EGG.search(line) if line.startswith(("-e", "--editable")) else None
            if egg is not None:
                out.append(Declared(pypi_name(egg.group(1)), None, group, number, 1, None, line))
            continue
        line = _HASH_OPTION.sub("", " " + line).strip()
        if "://" in line and not re.match(r"^[A-Za-z0-9._-]+\s*(\[[^\]]*\])?\s*@", line):
            egg = _EGG.search(line)
            if egg is not None:
                out.append(Declared(pypi_name(egg.group(1)), None, group, number, 1, None, line))
            continue
        requirement = parse_requirement(line)
        if requirement is None:
            continue
        raw = _REQUIREMENT.match(line)
        width = len(raw.group(1)) if raw is not None else len(requirement.name)
        column = len(logical) - len(logical.lstrip()) + 1
        out.append(
            Declared(
                requirement.name,
                requirement.version,
                group,
                number,
                column,
                column + width,
                requirement.detail,
            )
        )
    return out


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines joined across trailing backslashes, each numbered by its first physical line."""
    pending: list[str] = []
    start = 0
    for number, line in enumerate(split_lines(text), start=1):
        if not pending:
            start = number
        if line.endswith("\\"):
            pending.append(line[:-1])
            continue
        pending.append(line)
        yield start, " ".join(pending)
        pending = []
    if pending:
        yield start, " ".join(pending)


# --- setup.cfg -----------------------------------------------------------------------------------


def setup_cfg(text: str) -> list[Declared]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error as exc:
        raise AnalysisError(f"not a valid setup.cfg: {str(exc).splitlines()[0]}") from None
    lines = _Lines(text)
    out: list[Declared] = []
    if parser.has_section("options"):
        for key, group in (
            ("install_requires", "main"),
            ("setup_requires", "build"),
            ("tests_require", "test"),
        ):
            out.extend(_cfg_list(lines, parser.get("options", key, fallback=""), group, "options"))
    if parser.has_section("options.extras_require"):
        for extra, value in parser.items("options.extras_require"):
            out.extend(_cfg_list(lines, value, f"optional:{extra}", "options.extras_require"))
    return out


def _cfg_list(lines: _Lines, value: str, group: str, section: str) -> Iterator[Declared]:
    if value.strip().startswith("file:"):
        return
    for item in value.splitlines():
        text = _INLINE_COMMENT.sub("", item).strip()
        if not text:
            continue
        requirement = parse_requirement(text)
        if requirement is None:
            continue
        found = lines.find((section,), re.compile("(" + re.escape(text) + ")"))
        line, column, end = found or (lines.header_line(section), 1, 1)
        yield Declared(requirement.name, requirement.version, group, line, column, end, requirement.detail)
