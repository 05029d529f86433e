"""Files the running interpreter's ``ast`` cannot parse are read through libcst, into the same elements.

Python 3.11 runs these tests: PEP 695 generics and ``type`` aliases, PEP 696 defaults and PEP 701
f-strings are syntax its ``ast`` rejects. The property tests keep the two readers honest: on modules
``ast`` reads, the libcst reading equals it exactly (every element, attribute, position and digest),
also when every f-string is lowered; and on modules with newer syntax it equals what a newer
interpreter's ``ast`` reads (or, for 3.11 syntax, what 3.10 reads through libcst) when such an
interpreter is installed (found on ``PATH``, under pyenv, or named in ``SCOPEGUARD_TEST_PYTHONS``).
"""

from __future__ import annotations

import ast
import base64
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from tests.analysis.python.generated import OLD, PY311, PY312, PY313, Syntax, modules
from tests.analysis.python.support import KINDS, WORKED, elements, fixture_text, named, python_facts
from tests.analysis.python.test_delta import MODELS
from tests.support.cli import run
from tests.support.facts import only, summary
from tests.support.gitrepo import FIXTURES, GitRepo

from scopeguard.analysis.base import AnalysisError
from scopeguard.analysis.python.analyser import read_elements
from scopeguard.analysis.python.fallback import read_through_libcst
from scopeguard.analysis.python.source import PythonSource, decode_python
from scopeguard.core.model import Element, Span

ENGINE = Path(__file__).resolve().parents[3] / "engine"
ALL_KINDS = frozenset(KINDS)

GENERIC = '''\
from pydantic import BaseModel as B


class Page[T: B](B):
    """A page of items."""

    items: list[T]
    total: int = 0

    def first[D](self, default: D = None) -> T | D:
        return self.items[0] if self.items else default


def paginate[T, **P](items: list[T], /, size: int = 10, *, label: str = f"{"page"}") -> Page[T]:
    return Page(items=items[:size])


note = "é"; type Ålias[K] = dict[K, Page[K]]
'''


def test_a_pep_695_module_is_read_through_libcst_with_exact_elements() -> None:
    with pytest.raises(SyntaxError):
        ast.parse(GENERIC)
    assert PythonSource.read("client/models.py", GENERIC.encode()).reader == "libcst"
    found = elements(GENERIC, "client/models.py", "class", "function")
    assert [(e.kind, e.name, e.span) for e in found] == [
        ("class", "Page", Span(4, 1, 11, 56)),
        ("class", "Ålias", Span(18, 13, 18, 45)),  # character columns after a two-byte "é"
        ("function", "Page.first", Span(10, 5, 11, 56)),
        ("function", "paginate", Span(14, 1, 15, 36)),
    ]
    assert named(found, "class", "Page").attributes == {
        "qualname": "client.models.Page",
        "bases": ("pydantic.BaseModel",),
        "decorators": (),
        "type": "class",
        "public": True,
        "methods": ("first",),
        "fields": ("items", "total"),
        "metaclass": None,
        "lines": 8,
        "type_parameters": ("T: B",),
    }
    assert named(found, "function", "paginate").attributes == {
        "qualname": "client.models.paginate",
        "method": False,
        "parameters": ("items", "size", "label"),
        "required_parameters": ("items",),
        "decorators": (),
        "async": False,
        "public": True,
        "signature": '(items: list[T], /, size: int = 10, *, label: str = f"{"page"}") -> Page[T]',
        "lines": 2,
        "type_parameters": ("T", "**P"),
    }
    first = named(found, "function", "Page.first").attributes
    assert (first["signature"], first["required_parameters"], first["type_parameters"]) == (
        "(self, default: D = None) -> T | D",
        (),
        ("D",),
    )


def test_a_type_alias_is_a_class_of_type_alias_whose_member_is_its_value() -> None:
    """Decided as Go's ``type X = Y`` is: a new type name, selected by ``class`` rules, without bases."""
    alias = named(elements(GENERIC, "client/models.py", "class"), "class", "Ålias")
    assert alias.attributes == {
        "qualname": "client.models.Ålias",
        "bases": (),
        "decorators": (),
        "type": "alias",
        "public": True,
        "methods": (),
        "fields": (),
        "metaclass": None,
        "lines": 1,
        "type_parameters": ("K",),
        "members": ("dict[K, Page[K]]",),
    }
    nested = elements("class Outer:\n    type Inner = int\ndef f():\n    type Local = str\n", "m.py", "class")
    assert [(e.name, e.attributes["type"], e.attributes["public"]) for e in nested] == [
        ("Outer", "class", True),
        ("Outer.Inner", "alias", True),
        ("f.Local", "alias", False),
    ]


def test_type_parameters_are_what_a_newer_ast_delimits_and_multi_line_lists_are_read() -> None:
    source = (
        "class Box[\n"
        "    T: (int, str) = int,  # PEP 696 default\n"
        "    *Ts,\n"
        "    **P = [int],\n"
        "](object):\n"
        "    pass\n"
    )
    (box,) = elements(source, "m.py", "class")
    assert box.attributes["type_parameters"] == ("T: (int, str) = int", "*Ts", "**P = [int]")
    assert box.span == Span(1, 1, 6, 9)
    # a bound or default is read as written, and its calls are not call elements (nor on 3.12's ast)
    bound = 'class Box[T: Annotated[int, f"{x["y"]}"] = g(1)](B):\n    pass\n'
    found = elements(bound, "m.py", "class", "call")
    assert [(e.kind, e.name, e.attributes.get("type_parameters")) for e in found] == [
        ("class", "Box", ('T: Annotated[int, f"{x["y"]}"] = g(1)',)),
    ]


def test_pep_701_f_strings_keep_their_calls_at_their_places() -> None:
    source = (
        "import json\n"
        'line = f"{json.dumps(d["k"])!r:>{width(2)}}"\n'
        'block = f"{\n'
        "    render(x)  # a comment inside a replacement field\n"
        '}" "tail"\n'
    )
    found = elements(source, "m.py", "call")
    assert [(e.name, e.span, e.attributes["qualname"], e.attributes["text"]) for e in found] == [
        ("json.dumps", Span(2, 11, 2, 29), "json.dumps", 'json.dumps(d["k"])'),
        ("width", Span(2, 34, 2, 42), None, "width(2)"),
        ("render", Span(4, 5, 4, 14), None, "render(x)"),
    ]


def test_pep_750_t_strings_are_read_like_f_strings() -> None:
    found = elements('page = t"<b>{escape(name)}</b>"\n', "m.py", "call")
    assert [(e.name, e.span) for e in found] == [("escape", Span(1, 14, 1, 26))]


def test_a_file_neither_parser_reads_is_unreadable_and_says_what_each_said() -> None:
    with pytest.raises(AnalysisError) as caught:
        elements("class Box[T](B):\n    def f(self, :\n        pass\n", "m.py", "class")
    assert (caught.value.message, caught.value.line) == (
        "syntax error: invalid syntax (ast: line 1, column 10); libcst: unexpected syntax (line 3, column 8)",
        1,
    )


def test_syntax_libcst_reads_but_cannot_lower_is_unreadable() -> None:
    """3.14's ``except A, B:`` has no in-place equivalent that 3.11's ``ast`` reads."""
    with pytest.raises(AnalysisError) as caught:
        elements("try:\n    pass\nexcept A, B:\n    pass\n", "m.py", "class")
    assert (caught.value.message, caught.value.line) == (
        "syntax error: multiple exception types must be parenthesized (ast: line 3, column 8; "
        "libcst reads the file, but not into syntax this Python's ast reads)",
        3,
    )


def test_libcst_is_imported_only_for_files_ast_cannot_read() -> None:
    script = (
        "import sys\n"
        "from scopeguard.analysis.base import SourceFile\n"
        "from scopeguard.analysis.python import PythonAnalyser\n"
        "kinds = frozenset({'class', 'function', 'call'})\n"
        "PythonAnalyser().extract(SourceFile('a.py', b'class A(B): pass\\n', 'head'), kinds)\n"
        "print('libcst' in sys.modules)\n"
        "PythonAnalyser().extract(SourceFile('a.py', b'class A[T](B): pass\\n', 'head'), kinds)\n"
        "print('libcst' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


# --- changes between a side ast reads and a side libcst reads ------------------------------------

PAGE = '''

type AssetKey = str


class Page[T](_Base):
    """A page of results."""

    items: list[T]
'''


def test_a_head_with_newer_syntax_reports_only_its_real_changes(tmp_path: Path) -> None:
    head = fixture_text(MODELS).replace("return self.severity > 0", "return self.severity >= 1") + PAGE
    facts = python_facts(tmp_path, {MODELS: head})
    assert summary(facts, "class", "function") == [
        ("added", "class", "AssetKey", MODELS, 30, None, None),
        ("added", "class", "Page", MODELS, 33, None, None),
        ("modified", "class", "Risk", MODELS, 19, None, None),  # its body holds the method
        ("modified", "function", "Risk.is_open", MODELS, 26, None, None),
    ]
    assert only(facts, "function", "Risk.is_open").details["body_changed"] is True
    assert facts.notices == ()


def test_changed_type_parameters_are_a_modification_of_their_own(tmp_path: Path) -> None:
    base = {
        MODELS: fixture_text(MODELS) + PAGE + "\n\ndef first[T](items: list[T]) -> T:\n    return items[0]\n"
    }
    head = (
        fixture_text(MODELS).replace("class Risk(_Base):", "class Risk[S: str](_Base):")
        + PAGE.replace("class Page[T](_Base):", "class Page[T: Asset](_Base):")
        + "\n\ndef first[T, D](items: list[T]) -> T:\n    return items[0]\n"
    )
    facts = python_facts(tmp_path, {MODELS: head}, base=base)
    assert summary(facts, "class", "function") == [
        ("modified", "class", "Page", MODELS, 33, None, None),
        ("modified", "class", "Risk", MODELS, 19, None, None),
        ("modified", "function", "first", MODELS, 39, None, None),
    ]
    page = only(facts, "class", "Page")
    assert (page.details["type_parameters_changed"], page.details["bases_changed"]) == (True, False)
    assert page.details["body_changed"] is False
    assert page.element.attributes["type_parameters"] == ("T: Asset",)
    assert only(facts, "class", "Risk").details["type_parameters_changed"] is True
    first = only(facts, "function", "first").details
    assert (first["type_parameters_changed"], first["signature_changed"], first["breaking"]) == (
        True,
        False,
        False,
    )


# --- the two readers agree -----------------------------------------------------------------------

PATH = "src/pkg/mod.py"


def _by_libcst(data: bytes, *, every_string: bool) -> tuple[Element, ...]:
    text = decode_python(data)
    tree, parameters = read_through_libcst(text, PATH, None, every_string=every_string)
    return read_elements(PythonSource.of(PATH, text, tree, parameters), ALL_KINDS)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(modules(OLD))
def test_on_modules_ast_reads_the_libcst_reading_is_the_ast_reading(data: bytes) -> None:
    source = PythonSource.read(PATH, data)
    assert source.reader == "ast"
    by_ast = read_elements(source, ALL_KINDS)
    assert PythonSource.read(PATH, data, reader="libcst").reader == "libcst"
    assert _by_libcst(data, every_string=False) == by_ast
    assert _by_libcst(data, every_string=True) == by_ast


# --- ... and with newer interpreters' ast --------------------------------------------------------

_SERVER = r"""
import base64, sys
sys.path.insert(0, sys.argv[1])
from scopeguard.analysis.base import AnalysisError
from scopeguard.analysis.python.analyser import read_elements
from scopeguard.analysis.python.source import PythonSource
kinds = frozenset(sys.argv[2].split(","))
for line in sys.stdin:
    path, _, encoded = line.partition(" ")
    try:
        source = PythonSource.read(path, base64.b64decode(encoded))
        said = source.reader + " " + repr(read_elements(source, kinds))
    except AnalysisError as exc:
        said = "unreadable " + repr((exc.message, exc.line))
    print(said, flush=True)
"""

_PROBE = (
    "import sys, importlib.util\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "import scopeguard.analysis.python.analyser\n"  # the analyser imports there (no missing dependency)
    "print(sys.version_info[0], sys.version_info[1], importlib.util.find_spec('libcst') is not None)"
)


def _candidates() -> Iterator[str]:
    yield from (p for p in os.environ.get("SCOPEGUARD_TEST_PYTHONS", "").split(os.pathsep) if p)
    for version in ("3.10", "3.12", "3.13", "3.14"):
        found = shutil.which(f"python{version}")
        if found:
            yield found
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    yield from sorted(str(p) for p in root.glob("versions/3.*/bin/python3"))


class _Reader:
    """Another interpreter reading modules with this checkout's analyser, one line per module."""

    def __init__(self, executable: str) -> None:
        command = [executable, "-I", "-c", _SERVER, str(ENGINE), ",".join(sorted(KINDS))]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
        )

    def read(self, data: bytes) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{PATH} {base64.b64encode(data).decode()}\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().rstrip("\n")

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def interpreters() -> Iterator[dict[tuple[int, int], _Reader]]:
    """A reader per other Python version found (a 3.10 one only with libcst installed)."""
    found: dict[tuple[int, int], str] = {}
    for candidate in _candidates():
        try:
            done = subprocess.run(
                [candidate, "-I", "-c", _PROBE, str(ENGINE)],
                capture_output=True,
                text=True,
                timeout=20,
                check=True,
            )
            major, minor, libcst = done.stdout.split()
        except (OSError, subprocess.SubprocessError, ValueError):
            continue
        version = (int(major), int(minor))
        if version != sys.version_info[:2] and (version >= (3, 12) or libcst == "True"):
            found.setdefault(version, candidate)
    readers = {version: _Reader(executable) for version, executable in found.items()}
    yield readers
    for reader in readers.values():
        reader.close()


def _here(data: bytes) -> str:
    try:
        source = PythonSource.read(PATH, data)
    except AnalysisError as exc:
        return "unreadable " + repr((exc.message, exc.line))
    return source.reader + " " + repr(read_elements(source, ALL_KINDS))


@pytest.mark.parametrize(
    ("version", "syntax"),
    [((3, 10), PY311), ((3, 12), PY312), ((3, 13), PY313)],
    ids=["3.10", "3.12", "3.13"],
)
def test_the_reading_is_what_another_interpreters_ast_reads(
    interpreters: dict[tuple[int, int], _Reader], version: tuple[int, int], syntax: Syntax
) -> None:
    """3.12 and 3.13 read natively what this interpreter reads through libcst; 3.10 reads through
    libcst what this one reads natively (``except*`` and PEP 646 stars)."""
    reader = interpreters.get(version)
    if reader is None:
        pytest.skip(f"no Python {version[0]}.{version[1]} found")
    newer = version > sys.version_info[:2]

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(modules(syntax))
    def agree(data: bytes) -> None:
        there, here = reader.read(data), _here(data)
        native = there if newer else here
        assert native.startswith("ast "), native[:300]
        assert here.partition(" ")[2] == there.partition(" ")[2]

    agree()


# --- through the command line --------------------------------------------------------------------

POLICY = FIXTURES / "python" / "policies" / "generics.scope"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.write(WORKED)
    repo.write({"policies/generics.scope": POLICY.read_text(encoding="utf-8")})
    repo.commit(message="base")
    return repo


def _run(repo: GitRepo, *args: str) -> dict[str, Any]:
    result = run([*args, "--repo", str(repo.path), "--format", "json"])
    assert result.stderr == ""
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_a_generic_pydantic_model_fails_the_check_through_the_command_line(repo: GitRepo) -> None:
    head = repo.commit({MODELS: fixture_text(MODELS) + PAGE}, "generic page", replace=False)
    result = run(["diff", f"{head}~1..{head}", "--repo", str(repo.path), "--format", "json"])
    assert (result.code, result.stderr) == (1, "")
    doc = json.loads(result.stdout)
    assert [
        (f["rule"], f["path"], f["line"], f["change"], f["element"]["kind"], f["element"]["name"])
        for f in doc["findings"]
    ] == [("no-new-models", MODELS, 33, "added", "class", "Page")]
    assert doc["findings"][0]["message"] == "no new Pydantic models (Page)"
    assert doc["notices"] == []
    facts = _run(repo, "facts", f"{head}~1..{head}")
    added = {(e["kind"], e["name"]): e for e in facts["elements"] if e["language"] == "python"}
    assert sorted(added) == [("class", "AssetKey"), ("class", "Page")]
    assert added[("class", "Page")]["attributes"]["type_parameters"] == ["T"]
    assert added[("class", "Page")]["attributes"]["bases"] == ["pydantic.BaseModel"]
    assert added[("class", "AssetKey")]["attributes"]["type"] == "alias"


def test_a_file_neither_parser_reads_is_a_notice_through_the_command_line(repo: GitRepo) -> None:
    broken = fixture_text(MODELS) + "\n\nclass Page[T](_Base):\n    items: list[T\n"
    head = repo.commit({MODELS: broken}, "broken", replace=False)
    doc = _run(repo, "diff", f"{head}~1..{head}")
    assert doc["findings"] == []
    assert doc["notices"] == [
        {
            "path": MODELS,
            "line": 30,
            "message": "not analysed (python, head side): syntax error: invalid syntax "
            "(ast: line 30, column 11); libcst: unexpected syntax (line 32)",
        }
    ]
