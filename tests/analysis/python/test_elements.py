"""What the Python analyser reads from one side of one file: exact names, attributes and positions."""

from __future__ import annotations

import pytest
from tests.analysis.python.support import elements, fixture_text, named

from scopeguard.analysis.base import AnalysisError
from scopeguard.core.model import Span


def test_class_bases_resolve_through_imports_and_aliases() -> None:
    found = elements(fixture_text("client/python/tabularium/models.py"), "client/python/tabularium/models.py")
    asset = named(found, "class", "Asset")
    assert asset.attributes["bases"] == ("pydantic.BaseModel",)
    assert asset.attributes["qualname"] == "client.python.tabularium.models.Asset"
    assert asset.attributes["fields"] == ("key", "name", "dns", "status")
    assert asset.attributes["methods"] == ()
    assert asset.attributes["public"] is True
    assert asset.span == Span(10, 1, 16, 22)
    assert asset.language == "python"
    risk = named(found, "class", "Risk")
    assert risk.attributes["methods"] == ("is_open",)


def test_nested_names_are_dotted_and_blocks_add_no_level() -> None:
    source = (
        "import typing\n"
        "if typing.TYPE_CHECKING:\n"
        "    class Hidden: ...\n"
        "class Outer:\n"
        "    class Inner:\n"
        "        def method(self): return 1\n"
        "def make():\n"
        "    class Local: pass\n"
        "    def helper(): return 2\n"
        "    return Local\n"
    )
    found = elements(source, "pkg/mod.py", "class", "function")
    assert [(e.kind, e.name) for e in found] == [
        ("class", "Hidden"),
        ("class", "Outer"),
        ("class", "Outer.Inner"),
        ("class", "make.Local"),
        ("function", "Outer.Inner.method"),
        ("function", "make"),
        ("function", "make.helper"),
    ]
    assert named(found, "function", "Outer.Inner.method").attributes["method"] is True
    assert named(found, "function", "make").attributes["method"] is False
    # what is defined inside a function is nobody's API
    assert named(found, "class", "make.Local").attributes["public"] is False
    assert named(found, "function", "make.helper").attributes["public"] is False


def test_class_made_by_type_is_a_class() -> None:
    source = (
        "from pydantic import BaseModel as B\n"
        "Widget = type('Widget', (B,), {'size': 1, 'grow': lambda self: 2})\n"
    )
    widget = named(elements(source, "pkg/mod.py", "class"), "class", "Widget")
    assert widget.attributes["bases"] == ("pydantic.BaseModel",)
    assert widget.attributes["methods"] == ("grow",)
    assert widget.attributes["fields"] == ("size",)
    assert widget.span == Span(2, 10, 2, 67)
    shadowed = "type = lambda *a: None\nX = type('X', (object,), {})\n"
    assert elements(shadowed, "pkg/mod.py", "class") == []


def test_decorators_and_metaclass_are_qualified() -> None:
    source = (
        "import abc\n"
        "from dataclasses import dataclass as dc\n"
        "import functools\n"
        "@dc(frozen=True)\n"
        "class Point(metaclass=abc.ABCMeta):\n"
        "    x: int\n"
        "    @functools.lru_cache(maxsize=None)\n"
        "    @staticmethod\n"
        "    def origin(): return 0\n"
    )
    found = elements(source, "pkg/mod.py", "class", "function", "decorator")
    point = named(found, "class", "Point")
    assert point.attributes["decorators"] == ("dataclasses.dataclass",)
    assert point.attributes["metaclass"] == "abc.ABCMeta"
    origin = named(found, "function", "Point.origin")
    assert origin.attributes["decorators"] == ("functools.lru_cache", "staticmethod")
    assert origin.attributes["required_parameters"] == ()
    decorators = [
        (e.name, e.attributes["qualname"], e.attributes["target"], e.span.line)
        for e in found
        if e.kind == "decorator"
    ]
    assert decorators == [
        ("dc", "dataclasses.dataclass", "Point", 4),
        ("functools.lru_cache", "functools.lru_cache", "Point.origin", 7),
        ("staticmethod", "staticmethod", "Point.origin", 8),
    ]


def test_function_signature_parameters_and_kinds() -> None:
    source = (
        "class Client:\n"
        "    async def fetch(self, url: str, /, retries: int = 3, *args, timeout: float, verbose=False,\n"
        "                    **options) -> bytes:\n"
        "        return b''\n"
    )
    fetch = named(elements(source, "pkg/client.py", "function"), "function", "Client.fetch")
    assert fetch.attributes["signature"] == (
        "(self, url: str, /, retries: int = 3, *args, timeout: float, verbose=False, **options) -> bytes"
    )
    assert fetch.attributes["parameters"] == (
        "self",
        "url",
        "retries",
        "args",
        "timeout",
        "verbose",
        "options",
    )
    assert fetch.attributes["required_parameters"] == ("url", "timeout")
    assert fetch.attributes["async"] is True
    assert fetch.attributes["lines"] == 3
    assert fetch.attributes["qualname"] == "pkg.client.Client.fetch"
    assert fetch.span == Span(2, 5, 4, 19)


def test_public_follows_underscores_tests_and_dunder_all() -> None:
    source = (
        "__all__ = ['shown']\ndef shown(): pass\ndef unlisted(): pass\n"
        "class _Hidden:\n    def __init__(self): pass\n"
    )
    found = elements(source, "pkg/mod.py", "class", "function")
    assert {e.name: e.attributes["public"] for e in found} == {
        "shown": True,
        "unlisted": False,
        "_Hidden": False,
        "_Hidden.__init__": False,
    }
    plain = "class Api:\n    def __eq__(self, other): return True\n    def _helper(self): pass\n"
    assert {e.name: e.attributes["public"] for e in elements(plain, "pkg/api.py", "function")} == {
        "Api.__eq__": True,
        "Api._helper": False,
    }
    assert {e.attributes["public"] for e in elements(plain, "pkg/_impl/api.py", "function")} == {False}
    assert {e.attributes["public"] for e in elements(plain, "tests/test_api.py", "function")} == {False}


def test_imports_one_element_per_name_with_relative_modules_resolved() -> None:
    source = (
        "import os.path\nimport numpy as np\nfrom . import service\nfrom ..models import Asset as A, Risk\n"
    )
    found = elements(source, "src/app/api/routes.py", "import")
    assert [
        (e.name, e.attributes["module"], e.attributes["names"], e.attributes["alias"], e.span) for e in found
    ] == [
        ("os.path", "os.path", (), None, Span(1, 8, 1, 15)),
        ("numpy", "numpy", (), "np", Span(2, 8, 2, 19)),
        ("app.api.service", "app.api", ("service",), None, Span(3, 15, 3, 22)),
        ("app.models.Asset", "app.models", ("Asset",), "A", Span(4, 22, 4, 32)),
        ("app.models.Risk", "app.models", ("Risk",), None, Span(4, 34, 4, 38)),
    ]
    in_package = elements("from . import sibling\n", "src/app/__init__.py", "import")
    assert [e.name for e in in_package] == ["app.sibling"]


def test_columns_are_characters_not_bytes() -> None:
    source = "NAME = 'héllo wörld'; import json\nclass Ünïcode: pass\n"
    found = elements(source, "pkg/mod.py", "import", "class")
    assert named(found, "import", "json").span == Span(1, 30, 1, 34)
    assert named(found, "class", "Ünïcode").span == Span(2, 1, 2, 20)


def test_pep_263_encoding_is_honoured() -> None:
    source = "# -*- coding: latin-1 -*-\nclass Caf\u00e9:\n    label = 'caf\u00e9'\n".encode("latin-1")
    found = elements(source, "pkg/mod.py", "class")
    assert [e.name for e in found] == ["Café"]
    with_bom = b"\xef\xbb\xbfclass A: pass\n"
    assert [e.name for e in elements(with_bom, "pkg/mod.py", "class")] == ["A"]


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (
            b"def broken(:\n    pass\n",
            "syntax error: invalid syntax (ast: line 1, column 12); "
            "libcst: expected one of ), *, **, NAME (line 2, column 4)",
            1,
        ),
        (
            b"x = 1\n\nclass A:\n  def f(self):\n pass\n",
            "syntax error: unindent does not match any outer indentation level (ast: line 5, column 6); "
            "libcst: no matching outer block for dedent",
            5,
        ),
        (b"x = '\xff\xfe'\n", "cannot decode as utf-8: invalid start byte", 1),
        (b"# coding: klingon\nx = 1\n", "unknown source encoding: unknown encoding: klingon", None),
        (b"x = 1\x00\n", "syntax error: source code string cannot contain null bytes", None),
    ],
)
def test_unreadable_files_raise_analysis_errors(data: bytes, message: str, line: int | None) -> None:
    with pytest.raises(AnalysisError) as caught:
        elements(data, "pkg/mod.py", "class")
    assert (caught.value.message, caught.value.line) == (message, line)


def test_digests_ignore_position_indentation_and_name_but_not_code() -> None:
    method = "class A:\n    def run(self, x):\n        # note\n        return x + 1\n"
    moved = "\n\ndef run(self, x):\n\n    return x + 1\n"
    renamed = "def go(self, x):\n    return x + 1\n"
    changed = "def run(self, x):\n    return x + 2\n"
    digest = named(elements(method, "a.py", "function"), "function", "A.run").digest
    assert named(elements(moved, "b.py", "function"), "function", "run").digest == digest
    assert named(elements(renamed, "b.py", "function"), "function", "go").digest == digest
    assert named(elements(changed, "b.py", "function"), "function", "run").digest != digest


def test_empty_bodies_keep_their_names_in_the_digest() -> None:
    source = "def first(self): pass\ndef second(self): pass\ndef third(self):\n    '''doc'''\n    ...\n"
    digests = {e.name: e.digest for e in elements(source, "a.py", "function")}
    assert len(set(digests.values())) == 3
