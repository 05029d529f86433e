"""The Go analyser on realistic files: exactly which elements it names, where, and with what attributes."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.gitrepo import FIXTURES

from scopeguard.analysis.base import AnalysisError, SourceFile
from scopeguard.analysis.golang import GoAnalyser
from scopeguard.core.model import Element

GO = FIXTURES / "go"
TABULARIUM = GO / "tabularium"
ALL = frozenset({"class", "function", "import", "call"})

Row = tuple[str, str, int, int, int, int]


def extract(path: Path, kinds: frozenset[str] = ALL, *, root: Path = GO) -> tuple[Element, ...]:
    rel = path.relative_to(root).as_posix()
    return GoAnalyser().extract(SourceFile(rel, path.read_bytes(), "head"), kinds).elements


def rows(elements: tuple[Element, ...]) -> list[Row]:
    return [
        (e.kind, e.name, e.span.line, e.span.column, e.span.end_line or 0, e.span.end_column or 0)
        for e in elements
    ]


def by_name(elements: tuple[Element, ...], kind: str, name: str) -> Element:
    (found,) = [e for e in elements if e.kind == kind and e.name == name]
    return found


def test_a_tabularium_model_file() -> None:
    elements = extract(TABULARIUM / "pkg/model/model/asset.go", root=TABULARIUM)
    assert rows(elements) == [
        ("class", "Asset", 6, 1, 11, 2),
        ("function", "init", 13, 1, 15, 2),
        ("function", "Asset.Valid", 18, 1, 23, 2),
        ("function", "Asset.Rename", 26, 1, 28, 2),
        ("function", "errEmpty", 30, 1, 30, 70),
        ("import", "github.com/example/assets/pkg/registry", 3, 1, 3, 48),
        ("call", "registry.Registry.MustRegisterModel", 14, 2, 14, 47),
        ("call", "errEmpty", 20, 10, 20, 26),
    ]
    assert {e.path for e in elements} == {"pkg/model/model/asset.go"}
    assert {e.language for e in elements} == {"go"}
    asset = by_name(elements, "class", "Asset")
    assert dict(asset.attributes) == {
        "type": "struct",
        "bases": ("registry.BaseModel",),
        "fields": ("BaseModel", "Name", "Status", "source"),
        "methods": (),
        "members": (
            "registry.BaseModel",
            'Name string `json:"name"`',
            'Status string `json:"status"`',
            "source string",
        ),
        "type_parameters": (),
        "public": True,
        "qualname": "model.Asset",
    }
    register = by_name(elements, "call", "registry.Registry.MustRegisterModel")
    assert dict(register.attributes) == {
        "qualname": "registry.Registry.MustRegisterModel",
        "callee": "registry.Registry.MustRegisterModel",
        "scope": "init",
        "text": "registry.Registry.MustRegisterModel(&Asset{})",
        "arguments": ("&Asset{}",),
    }
    assert register.key == "call:init:registry.Registry.MustRegisterModel"


def test_methods_with_pointer_receivers() -> None:
    elements = extract(TABULARIUM / "pkg/model/model/asset.go", frozenset({"function"}), root=TABULARIUM)
    rename = by_name(elements, "function", "Asset.Rename")
    assert dict(rename.attributes) == {
        "method": True,
        "receiver": "Asset",
        "parameters": ("name",),
        "required_parameters": ("name",),
        "signature": "func (a *Asset) Rename(name string)",
        "public": True,
        "qualname": "model.Asset.Rename",
        "lines": 3,
    }
    helper = by_name(elements, "function", "errEmpty")
    assert (helper.attributes["method"], helper.attributes["receiver"], helper.attributes["public"]) == (
        False,
        None,
        False,
    )


def test_grouped_types_embedded_types_and_an_aliased_import() -> None:
    elements = extract(TABULARIUM / "pkg/model/model/risk.go", root=TABULARIUM)
    assert rows(elements) == [
        ("class", "Risk", 11, 2, 16, 3),
        ("class", "Severity", 19, 2, 19, 14),
        ("class", "Scorer", 22, 2, 25, 3),
        ("class", "RiskID", 28, 2, 28, 17),
        ("class", "emptyError", 31, 1, 31, 39),
        ("function", "emptyError.Error", 33, 1, 33, 82),
        ("function", "init", 35, 1, 37, 2),
        ("import", "fmt", 4, 2, 4, 7),
        ("import", "github.com/example/assets/pkg/registry", 6, 2, 6, 46),
        ("call", "fmt.Sprintf", 33, 45, 33, 80),
        ("call", "reg.Registry.MustRegisterModel", 36, 2, 36, 41),
    ]
    types = {e.name: e.attributes for e in elements if e.kind == "class"}
    assert {name: a["type"] for name, a in types.items()} == {
        "Risk": "struct",
        "Severity": "other",
        "Scorer": "interface",
        "RiskID": "alias",
        "emptyError": "struct",
    }
    assert types["Risk"]["bases"] == ("reg.BaseModel", "Evidence")
    assert types["Risk"]["fields"] == ("BaseModel", "Evidence", "Name", "DNS", "Severity")
    assert types["Risk"]["members"] == (
        "reg.BaseModel",
        "*Evidence",
        'Name string `json:"name"`',
        'DNS string `json:"name"`',
        "Severity Severity",
    )
    assert (types["Scorer"]["bases"], types["Scorer"]["methods"], types["Scorer"]["members"]) == (
        ("fmt.Stringer",),
        ("Score",),
        ("Score(r *Risk, weights ...float64) (int, error)",),
    )
    assert (types["RiskID"]["members"], types["Severity"]["members"]) == (("string",), ("int",))
    assert types["emptyError"]["public"] is False
    imported = by_name(elements, "import", "github.com/example/assets/pkg/registry")
    assert dict(imported.attributes) == {"module": "github.com/example/assets/pkg/registry", "alias": "reg"}
    register = by_name(elements, "call", "reg.Registry.MustRegisterModel")
    assert register.attributes["qualname"] == "registry.Registry.MustRegisterModel"
    assert register.attributes["callee"] == "reg.Registry.MustRegisterModel"


def test_generic_types_and_functions() -> None:
    elements = extract(TABULARIUM / "pkg/model/model/collection.go", root=TABULARIUM)
    assert rows(elements) == [
        ("class", "Collection", 6, 1, 8, 2),
        ("function", "Collection.Add", 11, 1, 17, 2),
        ("function", "Filter", 20, 1, 28, 2),
        ("import", "github.com/example/assets/pkg/registry", 3, 1, 3, 48),
        ("call", "item.Valid", 12, 12, 12, 24),
        ("call", "append", 15, 12, 15, 33),
        ("call", "keep", 23, 6, 23, 13),
        ("call", "append", 24, 10, 24, 24),
    ]
    collection = by_name(elements, "class", "Collection")
    assert collection.attributes["type_parameters"] == ("T registry.Model",)
    add = by_name(elements, "function", "Collection.Add")
    assert (add.attributes["receiver"], add.attributes["signature"]) == (
        "Collection",
        "func (c *Collection[T]) Add(item T) error",
    )
    filter_ = by_name(elements, "function", "Filter")
    assert filter_.attributes["signature"] == "func Filter[T any](xs []T, keep func(T) bool) []T"
    assert filter_.attributes["parameters"] == ("xs", "keep")
    assert [e.attributes["scope"] for e in elements if e.kind == "call"] == [
        "Collection.Add",
        "Collection.Add",
        "Filter",
        "Filter",
    ]


def test_interfaces_and_methods_of_an_unexported_type() -> None:
    elements = extract(
        TABULARIUM / "pkg/registry/registry.go", frozenset({"class", "function"}), root=TABULARIUM
    )
    assert rows(elements) == [
        ("class", "Model", 9, 1, 12, 2),
        ("class", "BaseModel", 15, 1, 18, 2),
        ("class", "registry", 23, 1, 26, 2),
        ("function", "BaseModel.GetKey", 21, 1, 21, 53),
        ("function", "registry.MustRegisterModel", 32, 1, 39, 2),
    ]
    model = by_name(elements, "class", "Model")
    assert (model.attributes["methods"], model.attributes["members"]) == (
        ("GetKey", "Valid"),
        ("GetKey() string", "Valid() error"),
    )
    register = by_name(elements, "function", "registry.MustRegisterModel")
    # callable as registry.Registry.MustRegisterModel from other packages, so part of the API
    assert (register.attributes["public"], register.attributes["qualname"]) == (
        True,
        "registry.registry.MustRegisterModel",
    )


def test_an_exported_handler() -> None:
    path = TABULARIUM / "backend/pkg/handler/asset/handler.go"
    elements = extract(path, frozenset({"function", "import"}), root=TABULARIUM)
    handle = by_name(elements, "function", "Handle")
    assert dict(handle.attributes) == {
        "method": False,
        "receiver": None,
        "parameters": ("ctx", "req"),
        "required_parameters": ("ctx", "req"),
        "signature": "func Handle(ctx context.Context, req events.APIGatewayProxyRequest) "
        "(events.APIGatewayProxyResponse, error)",
        "public": True,
        "qualname": "asset.Handle",
        "lines": 8,
    }
    assert [e.name for e in elements if e.kind == "import"] == [
        "context",
        "encoding/json",
        "github.com/aws/aws-lambda-go/events",
        "github.com/example/assets/pkg/model/model",
    ]


def test_only_the_requested_kinds() -> None:
    path = TABULARIUM / "pkg/model/model/asset.go"
    assert [e.name for e in extract(path, frozenset({"class"}))] == ["Asset"]
    assert [e.name for e in extract(path, frozenset({"call"}))] == [
        "registry.Registry.MustRegisterModel",
        "errEmpty",
    ]
    assert extract(path, frozenset({"route"})) == ()


def test_columns_count_characters_not_bytes() -> None:
    path = GO / "unicode/groesse.go"
    elements = extract(path)
    assert rows(elements) == [
        ("class", "Größe", 4, 1, 4, 30),
        ("function", "init", 6, 1, 6, 78),
        ("call", "log", 6, 15, 6, 29),
        ("call", "registry.Registry.MustRegisterModel", 6, 31, 6, 76),
    ]
    line = path.read_text(encoding="utf-8").splitlines()[5]
    register = elements[3]
    assert line[register.span.column - 1 : (register.span.end_column or 0) - 1] == register.attributes["text"]


def test_a_syntax_error_is_an_analysis_error_with_its_line() -> None:
    path = GO / "broken/widget.go"
    with pytest.raises(AnalysisError) as raised:
        extract(path)
    assert raised.value.line == 9
    assert raised.value.message == "Go syntax error at line 9, column 1: unexpected 'func'"


def test_a_missing_token_at_the_end_is_reported_on_the_last_line() -> None:
    source = b"package model\n\nfunc init() {\n\tregistry.Registry.MustRegisterModel(&Widget{})\n"
    with pytest.raises(AnalysisError) as raised:
        GoAnalyser().extract(SourceFile("w.go", source, "head"), ALL)
    assert (raised.value.line, raised.value.message) == (
        4,
        "Go syntax error at line 4, column 1: missing '}'",
    )


def test_latin1_bytes_are_read_as_latin1_with_a_notice() -> None:
    source = "package model\n\n// Gr\xf6\xdfe\ntype Gr\xf6\xdfe struct{}\n".encode("latin-1")
    facts = GoAnalyser().extract(SourceFile("g.go", source, "head"), ALL)
    assert rows(facts.elements) == [("class", "Größe", 4, 1, 4, 20)]
    assert [(n.message, n.path) for n in facts.notices] == [("not UTF-8; read as latin-1", "g.go")]


def test_binary_content_is_an_analysis_error() -> None:
    with pytest.raises(AnalysisError, match="binary content"):
        GoAnalyser().extract(SourceFile("x.go", b"package x\x00\x01", "head"), ALL)


CALLS = b"""package p

import (
\tyaml "gopkg.in/yaml.v3"
\tv2 "github.com/example/thing/v2"
)

var _ = register.Must(&T{})

func run() {
\tx.y().z(1)
\tpkg.Reg[T](x)
\tf[int](x, y)
\tfunc() { g() }()
\t(*T).M(t)
\tyaml.Marshal(v)
\tv2.New()
\tgo serve()
\tdefer close(ch)
}
"""


def test_call_names_scopes_and_qualified_names() -> None:
    facts = GoAnalyser().extract(SourceFile("p.go", CALLS, "head"), frozenset({"call"}))
    assert [
        (e.name, e.attributes["qualname"], e.attributes["scope"], e.span.line) for e in facts.elements
    ] == [
        ("register.Must", "register.Must", None, 8),
        ("x.y().z", "x.y().z", "run", 11),
        ("x.y", "x.y", "run", 11),
        ("pkg.Reg", "pkg.Reg", "run", 12),
        ("f", "f", "run", 13),
        ("func", "func", "run", 14),
        ("g", "g", "run", 14),
        ("(*T).M", "(*T).M", "run", 15),
        ("yaml.Marshal", "yaml.Marshal", "run", 16),
        ("v2.New", "thing.New", "run", 17),
        ("serve", "serve", "run", 18),
        ("close", "close", "run", 19),
    ]
    assert facts.elements[0].key == "call::register.Must"


def test_parameters_unnamed_blank_and_variadic() -> None:
    source = (
        b"package p\n\nfunc F(int, string) {}\n"
        b"func G(a, b int, _ string, rest ...any) (n int, err error) {}\n"
    )
    facts = GoAnalyser().extract(SourceFile("p.go", source, "head"), frozenset({"function"}))
    assert [(e.name, e.attributes["parameters"]) for e in facts.elements] == [
        ("F", ("_1", "_2")),
        ("G", ("a", "b", "_3", "rest")),
    ]
