"""``go.mod``: the modules a Go module requires (``// indirect`` ones in the ``indirect`` group).

The format is line-based and small: ``require path version`` or a ``require ( ... )`` block, with
``//`` comments. ``replace``, ``exclude``, ``retract`` and ``tool`` lines do not declare a requirement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scopeguard.analysis.deps.model import Declared
from scopeguard.core.text import split_lines

_REQUIRE_LINE = re.compile(r"^\s*require\s+(?!\()(\S+)\s+(\S+)")
_REQUIRE_OPEN = re.compile(r"^\s*require\s*\(\s*(?://.*)?$")
_BLOCK_OPEN = re.compile(r"^\s*[a-z]+\s*\(\s*(?://.*)?$")
_BLOCK_ITEM = re.compile(r"^\s*(\S+)\s+(\S+)")


def go_mod(text: str) -> list[Declared]:
    return list(_requirements(text))


def _requirements(text: str) -> Iterator[Declared]:
    block: str | None = None
    for number, line in enumerate(split_lines(text), start=1):
        code, _, comment = line.partition("//")
        group = "indirect" if comment.strip().startswith("indirect") else "main"
        if block is not None:
            if code.strip() == ")":
                block = None
                continue
            if block == "require":
                match = _BLOCK_ITEM.match(code)
                if match is not None:
                    yield _declared(match, group, number)
            continue
        if _REQUIRE_OPEN.match(line):
            block = "require"
            continue
        if _BLOCK_OPEN.match(line):
            block = "other"
            continue
        match = _REQUIRE_LINE.match(code)
        if match is not None:
            yield _declared(match, group, number)


def _declared(match: re.Match[str], group: str, number: int) -> Declared:
    path = match.group(1).strip('"`')
    return Declared(path, match.group(2), group, number, match.start(1) + 1, match.end(1) + 1)
