"""Glob matching for paths and names, compiled once and cached.

Path globs follow the conventions of ``.gitignore`` and most linters' ``include`` settings:

- ``*`` and ``?`` match within one path segment, ``[abc]`` a character class, ``{a,b}`` alternatives;
- ``**`` matches any number of segments (``src/**`` everything below ``src``, ``**/x.py`` any ``x.py``);
- a glob without a ``/`` matches the file name at any depth (``*.gen.ts``, ``template.yml``);
- a glob ending in ``/`` names a directory and everything below it (``web/`` is ``web/**``);
- a leading ``/`` or ``./`` anchors at the repository root (``/template.yml`` is the root one only).

Name globs (``~`` on any attribute other than a path) use ``fnmatch`` semantics where ``*`` also
matches dots and slashes, so ``"*BaseModel"`` matches ``pydantic.BaseModel``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


def _expand_braces(glob: str) -> list[str]:
    match = re.search(r"\{([^{}]*)\}", glob)
    if match is None:
        return [glob]
    head, tail = glob[: match.start()], glob[match.end() :]
    out: list[str] = []
    for option in match.group(1).split(","):
        out.extend(_expand_braces(head + option + tail))
    return out


def _segment_regex(segment: str, any_char: str) -> str:
    out = []
    i = 0
    while i < len(segment):
        c = segment[i]
        if c == "*":
            out.append(f"{any_char}*")
        elif c == "?":
            out.append(any_char)
        elif c == "[":
            end = segment.find("]", i + 1)
            if end == -1:
                out.append(re.escape(c))
            else:
                body = segment[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def _path_regex(glob: str) -> str:
    anchored = glob.startswith("/") or glob.startswith("./")
    glob = glob.removeprefix("./").lstrip("/")
    if glob.endswith("/"):
        glob += "**"
    if not anchored and "/" not in glob:
        glob = "**/" + glob
    parts = glob.split("/")
    out = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
        else:
            out.append(_segment_regex(part, "[^/]") + ("" if last else "/"))
    return "".join(out)


@lru_cache(maxsize=4096)
def compile_path_glob(glob: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{_path_regex(g)})" for g in _expand_braces(glob)) + r"\Z", re.DOTALL)


@lru_cache(maxsize=4096)
def compile_name_glob(glob: str) -> re.Pattern[str]:
    return re.compile(
        "|".join(f"(?:{_segment_regex(g, '.')})" for g in _expand_braces(glob)) + r"\Z", re.DOTALL
    )


def path_matches(path: str, glob: str) -> bool:
    return compile_path_glob(glob).match(path) is not None


def any_path_matches(path: str, globs: Iterable[str]) -> bool:
    return any(compile_path_glob(g).match(path) is not None for g in globs)


def name_matches(name: str, glob: str) -> bool:
    return compile_name_glob(glob).match(name) is not None
