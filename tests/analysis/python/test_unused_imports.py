"""The ``unused`` flag of Python imports: a bound name never referenced in its module."""

from __future__ import annotations

import keyword

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.analysis.python.support import elements

from scopeguard.analysis.python.analyser import read_elements
from scopeguard.analysis.python.source import PythonSource


def _unused(source: str, path: str = "pkg/mod.py") -> dict[str, bool]:
    return {e.name: bool(e.attributes["unused"]) for e in elements(source, path, "import")}


def test_a_name_never_read_is_unused_and_one_read_anywhere_is_not() -> None:
    source = (
        "import os\n"
        "import json\n"
        "import xml.etree.ElementTree\n"
        "from collections import OrderedDict, defaultdict as dd\n"
        "from typing import Any\n"
        "\n"
        "def load(text):\n"
        "    data = json.loads(text)\n"
        "    return dd(list, data)\n"
        "\n"
        "class Tree:\n"
        "    root = xml.etree.ElementTree.Element('r')\n"
    )
    assert _unused(source) == {
        "os": True,
        "json": False,
        "xml.etree.ElementTree": False,
        "collections.OrderedDict": True,
        "collections.defaultdict": False,
        "typing.Any": True,
    }


def test_a_name_rebound_but_never_read_is_unused() -> None:
    assert _unused("from a import b\nb = 1\n") == {"a.b": True}


def test_names_in_string_annotations_and_type_texts_are_references() -> None:
    source = (
        "from typing import TYPE_CHECKING, cast\n"
        "if TYPE_CHECKING:\n"
        "    from app.models import Widget, Gadget, Part\n"
        "def make(x) -> 'Widget':\n"
        "    return cast('list[Gadget | None]', x)\n"
        "NOTE = 'Part of the widget catalogue, see the docs.'\n"
    )
    assert _unused(source) == {
        "typing.TYPE_CHECKING": False,
        "typing.cast": False,
        "app.models.Widget": False,
        "app.models.Gadget": False,
        "app.models.Part": True,
    }


@pytest.mark.parametrize(
    ("source", "path"),
    [
        ("from .models import Widget\n", "pkg/__init__.py"),
        ("from .models import Widget\n__all__ = ['Widget']\n", "pkg/api.py"),
        ("from .models import Widget as Widget\n", "pkg/api.py"),
        ("import json as json\n", "pkg/api.py"),
        ("from .models import *\n", "pkg/api.py"),
        ("from __future__ import annotations\n", "pkg/api.py"),
    ],
)
def test_re_exports_star_imports_and_future_imports_are_never_unused(source: str, path: str) -> None:
    assert not any(_unused(source, path).values())


def test_libcst_and_ast_readings_agree_on_unused() -> None:
    source = "import os\nimport sys\nprint(sys.argv)\n"
    by_ast = read_elements(PythonSource.read("pkg/mod.py", source.encode()), frozenset({"import"}))
    by_cst = read_elements(
        PythonSource.read("pkg/mod.py", source.encode(), reader="libcst"), frozenset({"import"})
    )
    unused = [e.attributes["unused"] for e in by_ast]
    assert unused == [e.attributes["unused"] for e in by_cst] == [True, False]


_NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda n: n not in keyword.kwlist and n not in ("print",)
)


@given(module=_NAMES, name=_NAMES, read=st.booleans())
def test_an_import_is_unused_exactly_when_its_name_is_never_read(module: str, name: str, read: bool) -> None:
    source = f"from {module} import {name}\n" + (f"print({name})\n" if read else "value = 1\n")
    [element] = elements(source, "pkg/mod.py", "import")
    assert element.attributes["unused"] is (not read)
