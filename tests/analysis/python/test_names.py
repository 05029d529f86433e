"""Qualified names on ``ast``: module names, relative imports, scopes, and agreement with libcst."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.gitrepo import FIXTURES

from scopeguard.analysis.python.calls import call_sites
from scopeguard.analysis.python.module import read_module
from scopeguard.analysis.python.names import absolute_module, dotted, module_name
from scopeguard.analysis.python.source import PythonSource


@pytest.mark.parametrize(
    ("path", "module"),
    [
        ("pkg/mod.py", "pkg.mod"),
        ("pkg/__init__.py", "pkg"),
        ("src/pkg/sub/__init__.pyi", "pkg.sub"),
        ("client/python/tabularium/models.py", "client.python.tabularium.models"),
        ("setup.py", "setup"),
    ],
)
def test_module_name(path: str, module: str) -> None:
    assert module_name(path) == module


@pytest.mark.parametrize(
    ("module", "package", "level", "target", "expected"),
    [
        ("a.b.c", False, 0, "x.y", "x.y"),
        ("a.b.c", False, 1, None, "a.b"),
        ("a.b.c", False, 1, "d", "a.b.d"),
        ("a.b.c", False, 2, "d", "a.d"),
        ("a.b", True, 1, "d", "a.b.d"),
        ("a.b", True, 2, None, "a"),
        ("a", False, 3, "z", "z"),
    ],
)
def test_absolute_module(module: str, package: bool, level: int, target: str | None, expected: str) -> None:
    assert absolute_module(module, package, level, target) == expected


def _calls(source: str, path: str = "pkg/mod.py") -> dict[str, str | None]:
    """Each call's callee as written (with its line) -> the qualified name the analyser gives it."""
    module = read_module(PythonSource.read(path, source.encode()), path)
    return {
        f"{dotted(s.node.func)}@{s.node.lineno}": s.scope.qualify(s.node.func) for s in call_sites(module)
    }


def test_calls_resolve_in_their_scope() -> None:
    source = (
        "import json\n"  # 1
        "from os import path as p\n"  # 2
        "def dump(x):\n"  # 3
        "    return json.dumps(x)\n"  # 4
        "def shadowed(json):\n"  # 5
        "    return json.dumps(1)\n"  # 6
        "def local_import():\n"  # 7
        "    import yaml as json\n"  # 8
        "    return json.dumps(2), p.join('a')\n"  # 9
        "class K:\n"  # 10
        "    json = None\n"  # 11
        "    x = json.dumps(3) if json else 0\n"  # 12
        "    def method(self):\n"  # 13
        "        return json.dumps(4), helper()\n"  # 14
        "def helper():\n"  # 15
        "    global json\n"  # 16
        "    return [json.loads(s) for json in ()], print(0), undefined()\n"  # 17
    )
    assert _calls(source) == {
        "json.dumps@4": "json.dumps",
        "json.dumps@6": None,  # a parameter
        "json.dumps@9": "yaml.dumps",
        "p.join@9": "os.path.join",
        "json.dumps@12": "pkg.mod.K.json.dumps",  # the class body sees its own names...
        "json.dumps@14": "json.dumps",  # ...its methods do not
        "helper@14": "pkg.mod.helper",
        "json.loads@17": None,  # the comprehension's own variable
        "print@17": "print",
        "undefined@17": None,
    }


def test_nonlocal_and_lambda_parameters() -> None:
    source = (
        "import re\n"
        "def outer():\n"
        "    re = None\n"
        "    def inner():\n"
        "        nonlocal re\n"
        "        return re.compile('x')\n"
        "    return inner\n"
        "f = lambda re: re.compile('y')\n"
        "g = lambda: re.compile('z')\n"
    )
    assert _calls(source) == {"re.compile@6": None, "re.compile@8": None, "re.compile@9": "re.compile"}


def _libcst_disagreements(path: Path, rel: str) -> tuple[int, list[str]]:
    import libcst
    from libcst.metadata import MetadataWrapper, PositionProvider, QualifiedNameProvider, QualifiedNameSource

    data = path.read_bytes()
    lines = data.split(b"\n")
    module = read_module(PythonSource.read(rel, data), rel)
    ours = {
        (s.node.lineno, s.node.col_offset, s.node.end_lineno, s.node.end_col_offset): s.scope.qualify(
            s.node.func
        )
        for s in call_sites(module)
        if dotted(s.node.func) is not None
    }
    wrapper = MetadataWrapper(libcst.parse_module(data))
    names = wrapper.resolve(QualifiedNameProvider)
    positions = wrapper.resolve(PositionProvider)
    compared = 0
    wrong: list[str] = []

    def byte_column(line: int, column: int) -> int:
        return len(lines[line - 1].decode("utf-8")[:column].encode("utf-8"))

    for node in names:
        if not isinstance(node, libcst.Call) or node.func not in names:
            continue
        start, end = positions[node].start, positions[node].end
        key = (start.line, byte_column(start.line, start.column), end.line, byte_column(end.line, end.column))
        found = names[node.func]
        found = found() if callable(found) else found  # the provider computes some names lazily
        if key not in ours or len(found) != 1:
            continue
        (theirs,) = found
        mine = ours[key]
        if theirs.source is QualifiedNameSource.IMPORT:
            if theirs.name.startswith("."):  # libcst leaves relative imports relative
                continue
            expected: str | None = theirs.name
        elif theirs.source is QualifiedNameSource.BUILTIN:
            expected = theirs.name.removeprefix("builtins.")
            if mine is not None and mine.startswith(expected + "."):  # libcst stops at the builtin
                expected = mine
        elif "<locals>" in theirs.name or "<comprehension>" in theirs.name:
            expected = None
        else:
            expected = f"{module.module}.{theirs.name}"
        compared += 1
        if mine != expected:
            text = libcst.Module([]).code_for_node(node.func)
            wrong.append(f"{rel}:{start.line}: {text}: libcst {expected!r}, analyser {mine!r}")
    return compared, wrong


def test_qualified_names_agree_with_libcst_on_real_code() -> None:
    roots = [FIXTURES / "real" / "itsdangerous", FIXTURES / "python"]
    compared = 0
    wrong: list[str] = []
    seen: set[bytes] = set()
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            if path.read_bytes() in seen:  # a file both releases share
                continue
            seen.add(path.read_bytes())
            rel = path.relative_to(root).as_posix().split("/", 1)[1]
            n, bad = _libcst_disagreements(path, rel)
            compared += n
            wrong.extend(bad)
    assert wrong == []
    assert compared > 450
