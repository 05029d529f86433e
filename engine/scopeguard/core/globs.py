"""Glob matching for paths and names, compiled once and cached.

Path globs follow the conventions of ``.gitignore`` and most linters' ``include`` settings:

- ``*`` and ``?`` match within one path segment, ``[abc]`` a character class (``[!abc]`` negated; as in
  ``fnmatch``, every character in it but a range's ``-`` is literal), ``{a,b}`` alternatives;
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


def _class(segment: str, start: int) -> tuple[str, int, list[str]] | None:
    """The character class opening at ``segment[start]`` (a ``[``), read as ``fnmatch`` reads it.

    Returns the regular expression, the index just past the closing ``]`` and the ranges that run
    backwards (they hold nothing); ``None`` when the ``[`` is not closed and so stands for itself. A
    ``!`` first negates, a ``]`` first is literal, and every other character but a range's ``-`` is
    literal too: nothing in a glob can make an invalid or nested regular-expression set.
    """
    j = start + 1
    if j < len(segment) and segment[j] == "!":
        j += 1
    if j < len(segment) and segment[j] == "]":
        j += 1
    end = segment.find("]", j)
    if end == -1:
        return None
    body = segment[start + 1 : end]
    negated = body.startswith("!")
    if negated:
        body = body[1:]
    items: list[str] = []
    backwards: list[str] = []
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            low, high = body[i], body[i + 2]
            if low > high:
                backwards.append(f"{low}-{high}")
            else:
                items.append(f"{re.escape(low)}-{re.escape(high)}")
            i += 3
        else:
            items.append(re.escape(body[i]))
            i += 1
    held = "".join(items)
    if negated:  # everything but nothing is any character
        return (f"[^{held}]" if held else "."), end + 1, backwards
    return (f"[{held}]" if held else "(?!)"), end + 1, backwards


def _segment_regex(segment: str, any_char: str) -> str:
    out = []
    i = 0
    while i < len(segment):
        c = segment[i]
        if c == "*":
            out.append(f"{any_char}*")
        elif c == "?":
            out.append(any_char)
        elif c == "[" and (found := _class(segment, i)) is not None:
            regex, i, _ = found
            if any_char != "." and regex.startswith("[^"):
                regex = "[^/" + regex[2:]  # a negated class, like '?', stays within a folder
            elif any_char != "." and regex == ".":
                regex = any_char
            out.append(regex)
            continue
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def glob_error(glob: str) -> str | None:
    """What is wrong with ``glob`` as written (a character range that runs backwards), or ``None``.

    Such a glob still compiles (the range holds nothing, as in ``fnmatch``); ``check-policy`` and the
    configuration report it, since its author meant something else.
    """
    for option in _expand_braces(glob):
        i = option.find("[")
        while i != -1:
            found = _class(option, i)
            if found is not None and found[2]:
                return f"the character range '{found[2][0]}' runs backwards, so it matches nothing"
            i = option.find("[", found[1] if found is not None else i + 1)
    return None


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
