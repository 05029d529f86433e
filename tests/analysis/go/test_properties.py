"""Properties of the Go analyser, checked against the generator's own reading of the code it wrote."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from scopeguard.analysis.base import SourceFile
from scopeguard.analysis.golang import GoAnalyser
from scopeguard.analysis.golang.compare import compare
from scopeguard.core.model import Element

ALL = frozenset({"class", "function", "import", "call"})
KEYWORDS = {
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
    "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
    "switch", "type", "var",
}  # fmt: skip
TYPES = ("int", "string", "[]byte", "*Asset", "map[string]int", "time.Time", "func(int) error", "chan<- bool")

identifiers = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,8}", fullmatch=True).filter(lambda s: s not in KEYWORDS)
gaps = st.sampled_from([" ", "  ", "\t", " \t "])


def elements(source: str, kinds: frozenset[str] = ALL) -> tuple[Element, ...]:
    return GoAnalyser().extract(SourceFile("p.go", source.encode("utf-8"), "head"), kinds).elements


@dataclass(frozen=True)
class Field:
    names: tuple[str, ...]  # empty: an embedded type
    type: str
    tag: str | None

    def render(self, gap: str) -> str:
        tag = f'{gap}`json:"{self.tag}"`' if self.tag else ""
        if not self.names:
            return self.type
        return ", ".join(self.names) + gap + self.type + tag


@st.composite
def structs(draw: st.DrawFn) -> tuple[str, list[Field]]:
    name = draw(identifiers)
    used = {name}
    fields: list[Field] = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()) and draw(st.booleans()):
            embedded = draw(st.sampled_from(["registry.BaseModel", "*Evidence", "Audit", "io.Reader"]))
            if embedded.lstrip("*").rsplit(".", 1)[-1] in used:
                continue
            used.add(embedded.lstrip("*").rsplit(".", 1)[-1])
            fields.append(Field((), embedded, None))
            continue
        names = tuple(
            n for n in draw(st.lists(identifiers, min_size=1, max_size=3, unique=True)) if n not in used
        )
        if not names:
            continue
        used.update(names)
        fields.append(Field(names, draw(st.sampled_from(TYPES)), draw(st.none() | identifiers)))
    return name, fields


def struct_source(name: str, fields: list[Field], gap: str) -> str:
    body = "".join(f"\t{f.render(gap)}\n" for f in fields)
    return f"package model\n\ntype{gap}{name}{gap}struct{gap}{{\n{body}}}\n"


@settings(max_examples=60, deadline=None)
@given(structs(), gaps)
def test_struct_fields_and_embedded_types_are_read_as_written(
    struct: tuple[str, list[Field]], gap: str
) -> None:
    name, fields = struct
    (element,) = elements(struct_source(name, fields, gap))
    expected_fields = [n for f in fields for n in (f.names or (f.type.lstrip("*").rsplit(".", 1)[-1],))]
    assert element.name == name
    assert element.attributes["fields"] == tuple(expected_fields)
    assert element.attributes["bases"] == tuple(f.type.lstrip("*") for f in fields if not f.names)
    assert element.attributes["public"] is name[0].isupper()
    assert (element.span.line, element.span.column) == (3, 1)


@settings(max_examples=60, deadline=None)
@given(structs(), gaps, gaps, st.integers(0, 5))
def test_digests_ignore_layout_and_position(
    struct: tuple[str, list[Field]], gap: str, other: str, shift: int
) -> None:
    name, fields = struct
    (before,) = elements(struct_source(name, fields, gap))
    moved = struct_source(name, fields, other).replace("\n\n", "\n\n" + "// moved\n" * shift, 1)
    (after,) = elements(moved)
    assert after.digest == before.digest
    assert after.span.line == before.span.line + shift


@st.composite
def parameter_lists(draw: st.DrawFn) -> list[tuple[str, str]]:
    names = draw(st.lists(identifiers.filter(lambda n: n != "_"), max_size=5, unique=True))
    return [(n, draw(st.sampled_from(TYPES))) for n in names]


def function_source(name: str, parameters: list[tuple[str, str]]) -> str:
    listed = ", ".join(f"{n} {t}" for n, t in parameters)
    return f"package api\n\nfunc {name}({listed}) error {{\n\treturn nil\n}}\n"


@settings(max_examples=60, deadline=None)
@given(identifiers, parameter_lists(), st.data())
def test_a_removed_parameter_is_named_and_breaks_an_exported_function(
    name: str, parameters: list[tuple[str, str]], data: st.DataObject
) -> None:
    (before,) = elements(function_source(name, parameters), frozenset({"function"}))
    assert before.attributes["parameters"] == tuple(n for n, _ in parameters)
    if not parameters:
        return
    gone = data.draw(st.sampled_from(parameters))
    (after,) = elements(function_source(name, [p for p in parameters if p != gone]), frozenset({"function"}))
    details = compare(before, after)
    assert details["removed_parameters"] == (gone[0],)
    assert details["added_parameters"] == ()
    assert details["breaking"] is name[0].isupper()
    assert details["body_changed"] is False


@settings(max_examples=60, deadline=None)
@given(
    st.text(st.characters(exclude_categories=["Cc", "Cs"], exclude_characters='"\\'), max_size=12),
    identifiers,
)
def test_a_call_span_covers_exactly_its_text_whatever_precedes_it(prefix: str, callee: str) -> None:
    line = f'\tlog("{prefix}"); registry.{callee}(&T{{}}, "{prefix}")'
    source = f"package p\n\nfunc init() {{\n{line}\n}}\n"
    calls = [e for e in elements(source, frozenset({"call"})) if e.name == f"registry.{callee}"]
    (call,) = calls
    assert call.span.line == call.span.end_line == 4
    assert (
        line[call.span.column - 1 : (call.span.end_column or 0) - 1]
        == f'registry.{callee}(&T{{}}, "{prefix}")'
    )
