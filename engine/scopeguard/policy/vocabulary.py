"""The built-in vocabulary, and loading every policy of a run into one checked ``PolicySet``.

The vocabulary ships as policy files inside the package (``policy/vocabulary/*.scope``), so a repository
extends it in the same language it writes its own rules in. The built-ins are read and parsed once per
process; the repository's files are parsed on each call and checked together with them, because a
repository's rule names built-in concepts and may extend them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from importlib import resources

from scopeguard.core import cache as disk_cache
from scopeguard.core.errors import Diagnostic, UserError
from scopeguard.policy.ast import PolicyFile
from scopeguard.policy.check import check_policies
from scopeguard.policy.parser import ParseResult, parse_policy_collecting
from scopeguard.policy.resolve import PolicySet

#: how the built-in files are named in diagnostics and in ``PolicySet.files``
BUILTIN_PREFIX = "<builtin>/"


@cache
def _builtin_texts() -> tuple[tuple[str, str], ...]:
    folder = resources.files("scopeguard.policy").joinpath("vocabulary")
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".scope")), key=lambda e: e.name)
    return tuple((BUILTIN_PREFIX + e.name, e.read_text(encoding="utf-8")) for e in entries)


@cache
def _builtin_parsed() -> tuple[ParseResult, ...]:
    return tuple(parse_policy_collecting(text, path) for path, text in _builtin_texts())


def builtin_policy_texts() -> dict[str, str]:
    """The built-in vocabulary's files, ``"<builtin>/<file name>"`` to text, in file-name order."""
    return dict(_builtin_texts())


def check_policy_texts(texts: Mapping[str, str]) -> list[Diagnostic]:
    """Every syntax and semantic error of ``texts`` (path to text), for ``scopeguard check-policy``.

    The built-ins take part, so that names they define resolve; their own diagnostics appear only if
    the built-in files themselves are broken.
    """
    _, diagnostics = _parse_and_check(texts, builtin=True)
    return diagnostics


def load_policies(texts: Mapping[str, str], *, builtin: bool = True) -> PolicySet:
    """Parse and check every policy of a run (the built-ins first); raise one ``UserError`` with every
    diagnostic of every file, else return the merged ``PolicySet``.

    A policy set that checked clean is kept in the cache folder under a hash of every text it was
    built from, so that the next run with the same policies (every hook call of a session) neither
    imports lark nor parses anything.
    """
    entry = _cache_key(texts, builtin)
    cached = disk_cache.load("policies", entry)
    if isinstance(cached, PolicySet):
        return cached
    files, diagnostics = _parse_and_check(texts, builtin=builtin)
    if diagnostics:
        raise UserError(diagnostics=diagnostics)
    policies = replace(PolicySet.build(files), source_key=entry)
    disk_cache.store("policies", entry, policies)
    return policies


def _cache_key(texts: Mapping[str, str], builtin: bool) -> str:
    """The texts, and the code that parses and checks them (a changed checker checks them again)."""
    parts: list[str | bytes] = [
        "builtin" if builtin else "alone",
        disk_cache.source_fingerprint("policy", "core"),
    ]
    pairs = [*(_builtin_texts() if builtin else ()), *texts.items()]
    for path, text in pairs:
        parts.extend((path, text))
    return disk_cache.key(*parts)


def _parse_and_check(texts: Mapping[str, str], *, builtin: bool) -> tuple[list[PolicyFile], list[Diagnostic]]:
    results: list[ParseResult] = list(_builtin_parsed()) if builtin else []
    sources: dict[str, str] = dict(_builtin_texts()) if builtin else {}
    for path, text in texts.items():
        if path in sources:
            continue
        sources[path] = text
        results.append(parse_policy_collecting(text, path))
    files = [r.policy for r in results]
    diagnostics = [d for r in results for d in r.diagnostics]
    diagnostics.extend(check_policies(files, sources))
    return files, _in_file_order(diagnostics, files)


def _in_file_order(diagnostics: list[Diagnostic], files: Sequence[PolicyFile]) -> list[Diagnostic]:
    order = {f.path: i for i, f in enumerate(files)}
    return sorted(
        diagnostics, key=lambda d: (order.get(d.path or "", len(order)), d.line or 0, d.column or 0)
    )
