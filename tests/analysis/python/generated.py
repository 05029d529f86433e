"""Generated Python modules for the property tests of the libcst fallback.

A module is drawn from pieces that exercise every part of the Python reader: imports (aliased,
relative), classes (bases, keywords, decorators, fields, nested classes, docstrings), functions and
methods (every kind of parameter, defaults and annotations, ``async``, route and other decorators),
calls in every place (defaults, decorators, comprehensions, lambdas, f-strings and their format
specs), ``type(...)`` classes, CDK constructs, Django URL patterns, blocks (``if``, ``for``,
``try``, ``with``, ``match``), comments, blank lines, line continuations, semicolons, non-ASCII
text and names, and, as encodings of the same text, CRLF line ends, a BOM or a Latin-1 cookie.

``Syntax`` says which newer syntax a module may use, so that the same pieces serve the comparison
with ``ast`` on this interpreter (``OLD``) and with newer (or older) interpreters' ``ast``.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st


@dataclass(frozen=True)
class Syntax:
    """The newer syntax a generated module may use."""

    #: PEP 646 stars in annotations and subscripts, ``except*`` (3.11)
    py311: bool = False
    #: PEP 695 type parameters and ``type`` aliases, PEP 701 f-strings (3.12)
    py312: bool = False
    #: PEP 696 defaults of type parameters (3.13)
    py313: bool = False


OLD = Syntax()
PY311 = Syntax(py311=True)
PY312 = Syntax(py311=True, py312=True)
PY313 = Syntax(py311=True, py312=True, py313=True)

IMPORTS = (
    "import json",
    "import functools",
    "import numpy as np",
    "from pydantic import BaseModel as B",
    "from pydantic import BaseModel",
    "from . import sibling",
    "from ..models import Asset as A, Risk",
    "from flask import Flask",
    "from fastapi import APIRouter",
    "from aws_cdk import Duration, aws_sqs as sqs",
    "from django.urls import path, re_path",
    "from dataclasses import dataclass as dc",
    "from typing import ClassVar, Generic, TypeVar",
)

SETUP = (
    "app = Flask(__name__)",
    'router = APIRouter(prefix="/api")',
    'T = TypeVar("T")',
)

_NAMES = ("alpha", "beta", "gamma", "delta", "ünïcode", "_private", "__call__")

_LEAVES = (
    "1",
    "x + 1",
    "json.dumps(x)",
    "np.array([1, 2])",
    "B(x=1)",
    "helper(a, b=2)",
    "obj.method().chain(3)",
    "[g(i) for i in range(3)]",
    "{k: h(k) for k in d if k}",
    "lambda v: g(v)",
    "(yield_)",
    "'héllo wörld'",
    'f"{x!r:>{width(2)}} {y=}"',
    "f'{d[\"k\"]}'",
    'f"{call(1)}" "tail"',
    'f"""{\n    g(x)\n}"""',
    'rf"{x}\\d"',
    '"a" "b"',
    "b'bytes'",
    "None",
    "not flag",
    "a if cond(a) else b",
    "sibling.make(*args, **kwargs)",
)

_LEAVES_312 = (
    'f"{d["k"]}"',
    "f\"{'\\n'.join(xs)}\"",
    'f"{f"{g(1)}"}"',
    'f"{\n    h(x)  # note\n}"',
    '"a" f"{d["k"]}" "b"',
    'f"{x:{"w"}}"',
)


def expressions(syntax: Syntax) -> st.SearchStrategy[str]:
    leaves = _LEAVES + (_LEAVES_312 if syntax.py312 else ())
    return st.recursive(
        st.sampled_from(leaves),
        lambda inner: st.one_of(
            st.builds("g({})".format, inner),
            st.builds("[{}, {}]".format, inner, inner),
            st.builds("({})".format, inner),
            st.builds("call(\n    {},\n    key={},  # why\n)".format, inner, inner),
        ),
        max_leaves=3,
    )


_PARAMETERS = (
    "",
    "x",
    "x, y=1",
    "x, /, y, *, z=f(1)",
    "*args, **kwargs",
    "x: int = 2, *rest: str",
    "a: 'Model' = None",
    "cb=lambda v: g(v)",
    'label=f"{x!r}"',
    "é: int",
)
_PARAMETERS_311 = ("*args: *Ts",)
_PARAMETERS_312 = ('label=f"{d["k"]}"',)

_RETURNS = ("", " -> int", ' -> "B"', " -> tuple[int, ...]")
_RETURNS_311 = (" -> tuple[*Ts]", " -> Callable[[*Ts], int]")

_TYPE_PARAMETERS = ("[T]", "[T: int]", "[T: (int, str), *Ts, **P]", "[\n    T,  # first\n    U: B,\n]")
_TYPE_PARAMETERS_313 = ("[T = int]", "[T: int = bool, *Ts = *tuple[int], **P = [int, str]]")

_FUNCTION_DECORATORS = (
    "@staticmethod",
    "@functools.lru_cache(maxsize=None)",
    '@app.route("/items/<int:id>", methods=["GET", "POST"])',
    '@router.get("/users/{uid}")',
    "@property",
)
_CLASS_DECORATORS = ("@dc(frozen=True)", "@functools.total_ordering")
_BASES = ("", "B", "BaseModel", "object", "np.ndarray", "Generic[T]", "B, metaclass=abc.ABCMeta")


def _type_parameters(syntax: Syntax) -> st.SearchStrategy[str]:
    if not syntax.py312:
        return st.just("")
    choices = ("",) + _TYPE_PARAMETERS + (_TYPE_PARAMETERS_313 if syntax.py313 else ())
    return st.sampled_from(choices)


def _indent(lines: list[str], depth: int) -> list[str]:
    """Indent whole statements; continuation lines inside brackets keep their own indentation."""
    return [("    " * depth + line) if line else "" for line in lines]


@st.composite
def statements(draw: st.DrawFn, syntax: Syntax, depth: int = 0) -> list[str]:
    """One simple or compound statement, as lines without the block's indentation."""
    e = expressions(syntax)
    kinds = [
        "return", "assign", "annotated", "call", "if", "for", "try", "with", "match", "pass",
        "continued", "semicolons", "comment", "cdk", "docstring",
    ]  # fmt: skip
    if syntax.py312:
        kinds.append("alias")
    if depth < 2:
        kinds.append("def")
    kind = draw(st.sampled_from(kinds))
    if kind == "return":
        return [f"return {draw(e)}"]
    if kind == "assign":
        return [f"y = {draw(e)}"]
    if kind == "annotated":
        return [f"y: int = {draw(e)}"]
    if kind == "call":
        return [draw(e)]
    if kind == "pass":
        return ["pass"]
    if kind == "docstring":
        return ['"""A docstring."""']
    if kind == "comment":
        return ["# a comment", "", f"z = {draw(e)}"]
    if kind == "continued":
        return [f"total = \\\n    {draw(e)}"]
    if kind == "semicolons":
        return [f"a = 1; b = {draw(e)}"]
    if kind == "cdk":
        return ['sqs.Queue(self, "Jobs", retention=Duration.days(4))']
    if kind == "alias":
        value = draw(st.sampled_from(("list[int]", "tuple[K, V]", 'Annotated[str, f"{d["k"]}"]', "g(1)")))
        parameters = draw(st.sampled_from(("", "[K, V]", "[\n    K,\n]")))
        return [f"type Alias{parameters} = {value}"]
    inner = _indent(draw(statements(syntax, depth + 1)), 1)
    if kind == "if":
        other = _indent(draw(statements(syntax, depth + 1)), 1)
        return [f"if {draw(e)}:", *inner, "else:", *other]
    if kind == "for":
        return [f"for i in {draw(e)}:", *inner]
    if kind == "try":
        star = "*" if syntax.py311 and draw(st.booleans()) else ""
        handler = f"except{star} ValueError as err:"
        return ["try:", *inner, handler, *_indent([f"log(err, {draw(e)})"], 1)]
    if kind == "with":
        return [f"with open({draw(e)}) as fh:", *inner]
    if kind == "match":
        return ["match x:", "    case 1:", *_indent(inner, 1), "    case _:", "        pass"]
    return draw(functions(syntax, depth + 1))


@st.composite
def functions(draw: st.DrawFn, syntax: Syntax, depth: int = 0, method: bool = False) -> list[str]:
    name = draw(st.sampled_from(_NAMES))
    choices = _PARAMETERS + (_PARAMETERS_311 if syntax.py311 else ())
    choices += _PARAMETERS_312 if syntax.py312 else ()
    parameters = draw(st.sampled_from(choices))
    if method:
        parameters = f"self, {parameters}" if parameters else "self"
    returns = draw(st.sampled_from(_RETURNS + (_RETURNS_311 if syntax.py311 else ())))
    decorators = draw(st.lists(st.sampled_from(_FUNCTION_DECORATORS), max_size=2, unique=True))
    keyword = draw(st.sampled_from(("def", "async def")))
    header = f"{keyword} {name}{draw(_type_parameters(syntax))}({parameters}){returns}:"
    body = [line for _ in range(draw(st.integers(1, 3))) for line in draw(statements(syntax, depth + 1))]
    return [*decorators, header, *_indent(body, 1)]


@st.composite
def classes(draw: st.DrawFn, syntax: Syntax, depth: int = 0) -> list[str]:
    name = draw(st.sampled_from(_NAMES)).title()
    bases = draw(st.sampled_from(_BASES))
    decorators = draw(st.lists(st.sampled_from(_CLASS_DECORATORS), max_size=1))
    header = f"class {name}{draw(_type_parameters(syntax))}" + (f"({bases}):" if bases else ":")
    body: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        member = draw(st.sampled_from(("field", "classvar", "method", "method", "class", "doc", "blank")))
        if member == "field":
            body.append(f"x: int = {draw(expressions(syntax))}")
        elif member == "classvar":
            body.append('label: ClassVar[str] = "c"')
        elif member == "method":
            body += draw(functions(syntax, depth + 1, method=True))
        elif member == "class" and depth < 1:
            body += draw(classes(syntax, depth + 1))
        elif member == "doc":
            body.append("'''Docs.'''")
        else:
            body.append("")
    if not any(line.strip() for line in body):
        body.append("pass")
    return [*decorators, header, *_indent(body, 1)]


_TOP = (
    'Made = type("Made", (B,), {"run": lambda self: 1, "n": 2})',
    'urlpatterns = [path("items/<int:id>/", views.show), re_path(r"^x$", views.x)]',
    'app.add_url_rule("/ping", view_func=ping)',
    "__all__ = ['Alpha', 'beta']",
)


@st.composite
def module_text(draw: st.DrawFn, syntax: Syntax) -> str:
    """The text of a module: some imports and set-up lines, then definitions and statements."""
    lines = list(draw(st.lists(st.sampled_from(IMPORTS), unique=True, max_size=6)))
    lines += draw(st.lists(st.sampled_from(SETUP), unique=True, max_size=3))
    for _ in range(draw(st.integers(1, 6))):
        lines += [""] * draw(st.integers(0, 2))
        choice = draw(st.sampled_from(("class", "class", "function", "function", "statement", "top")))
        if choice == "class":
            lines += draw(classes(syntax))
        elif choice == "function":
            lines += draw(functions(syntax))
        elif choice == "statement":
            lines += draw(statements(syntax, 1))
        else:
            lines.append(draw(st.sampled_from(_TOP)))
    return "\n".join(lines) + "\n"


@st.composite
def modules(draw: st.DrawFn, syntax: Syntax = OLD) -> bytes:
    """A module's bytes: UTF-8, or the same text with CRLF line ends, a BOM or a Latin-1 cookie."""
    text = draw(module_text(syntax))
    encoding = draw(st.sampled_from(("utf-8", "utf-8", "crlf", "bom", "latin-1")))
    if encoding == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if encoding == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding == "latin-1" and all(ord(c) < 256 for c in text):
        return ("# -*- coding: latin-1 -*-\n" + text).encode("latin-1")
    return text.encode("utf-8")
