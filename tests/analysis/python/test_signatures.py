"""Signatures: written the way ``inspect`` writes them, read back, and compared the way griffe does."""

from __future__ import annotations

import ast
import inspect
import keyword

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scopeguard.analysis.python.signatures import (
    Parameter,
    compare_parameters,
    format_signature,
    parse_signature,
    read_parameters,
)


def _parameters(signature: str) -> tuple[Parameter, ...]:
    parsed = parse_signature(signature)
    assert parsed is not None
    return parsed[0]


def _change(old: str, new: str) -> dict[str, object]:
    c = compare_parameters(_parameters(old), _parameters(new))
    return {
        "removed": c.removed,
        "added_required": c.added_required,
        "renamed": c.renamed,
        "breaking": c.breaking_reasons,
    }


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("(a, b)", "(a, b)", {"removed": (), "added_required": (), "renamed": (), "breaking": ()}),
        (
            "(a, b)",
            "(a)",
            {"removed": ("b",), "added_required": (), "renamed": (), "breaking": ("parameter b removed",)},
        ),
        ("(a, *, b)", "(a, **kw)", {"removed": ("b",), "added_required": (), "renamed": (), "breaking": ()}),
        ("(a, b=1)", "(a, b=1, c=2)", {"removed": (), "added_required": (), "renamed": (), "breaking": ()}),
        (
            "(a)",
            "(a, c)",
            {
                "removed": (),
                "added_required": ("c",),
                "renamed": (),
                "breaking": ("new required parameter c",),
            },
        ),
        (
            "(a, *, c=1)",
            "(a, *, c)",
            {
                "removed": (),
                "added_required": (),
                "renamed": (),
                "breaking": ("parameter c is now required",),
            },
        ),
        (
            "(a, timeout=1)",
            "(a, deadline=1)",
            {
                "removed": (),
                "added_required": (),
                "renamed": ("timeout->deadline",),
                "breaking": ("parameter timeout renamed to deadline",),
            },
        ),
        ("(a, /)", "(b, /)", {"removed": (), "added_required": (), "renamed": ("a->b",), "breaking": ()}),
        (
            "(a, b)",
            "(b, a)",
            {
                "removed": (),
                "added_required": (),
                "renamed": (),
                "breaking": ("parameter a moved", "parameter b moved"),
            },
        ),
        (
            "(a, b)",
            "(a, *, b)",
            {
                "removed": (),
                "added_required": (),
                "renamed": (),
                "breaking": ("parameter b is now keyword-only",),
            },
        ),
        ("(a, /, b)", "(a, b)", {"removed": (), "added_required": (), "renamed": (), "breaking": ()}),
        (
            "(a, b=1)",
            "(a, b=2)",
            {"removed": (), "added_required": (), "renamed": (), "breaking": ("default of b changed",)},
        ),
    ],
)
def test_compare_parameters_like_griffe(old: str, new: str, expected: dict[str, object]) -> None:
    assert _change(old, new) == expected


def test_signature_text_matches_inspect() -> None:
    source = "def f(a, b: int = 1, /, c=2, *args: str, d, e: float = 3.0, **kw) -> None: pass"
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.FunctionDef)
    namespace: dict[str, object] = {}
    exec(source, namespace)  # the test's own code, to compare with the interpreter's rendering
    expected = str(inspect.signature(namespace["f"])).replace("'", "")  # type: ignore[arg-type]
    written = format_signature(read_parameters(node.args), "None")
    assert written == expected == "(a, b: int = 1, /, c=2, *args: str, d, e: float = 3.0, **kw) -> None"


_NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(lambda n: not keyword.iskeyword(n))
_ANNOTATIONS = st.sampled_from([None, "int", "str | None", "list[int]", "typing.Any"])
_DEFAULTS = st.sampled_from([None, "1", "'x'", "None", "(1, 2)", "{'k': [1]}"])


@st.composite
def _signatures(draw: st.DrawFn) -> tuple[tuple[Parameter, ...], str | None]:
    names = draw(st.lists(_NAMES, min_size=0, max_size=7, unique=True))
    kinds = sorted(draw(st.lists(st.integers(0, 4), min_size=len(names), max_size=len(names))))
    # one *args and one **kwargs at most: any other becomes keyword-only
    kinds = sorted(3 if k in (2, 4) and k in kinds[:i] else k for i, k in enumerate(kinds))
    labels = ["positional-only", "positional-or-keyword", "var-positional", "keyword-only", "var-keyword"]
    out: list[Parameter] = []
    defaulted = False
    for name, k in zip(names, kinds, strict=True):
        kind = labels[k]
        default = None
        if kind in ("positional-only", "positional-or-keyword"):
            default = draw(_DEFAULTS) if not defaulted else draw(_DEFAULTS.filter(lambda d: d is not None))
            defaulted = defaulted or default is not None
        elif kind == "keyword-only":
            default = draw(_DEFAULTS)
        out.append(Parameter(name, kind, draw(_ANNOTATIONS), default))  # type: ignore[arg-type]
    return tuple(out), draw(_ANNOTATIONS)


@given(_signatures())
def test_format_then_parse_round_trips(signature: tuple[tuple[Parameter, ...], str | None]) -> None:
    parameters, returns = signature
    written = format_signature(parameters, returns)
    assert parse_signature(written) == (parameters, returns)
    assert compare_parameters(parameters, parameters).breaking_reasons == ()
