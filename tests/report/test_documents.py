"""The public JSON documents: DESIGN §6 field order, values, and their generated JSON Schemas."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scopeguard.core.errors import UserError
from scopeguard.core.model import Blob, Element, ElementChange, FileChange, Notice, Span
from scopeguard.report.documents import (
    CompileDocument,
    DiffDocument,
    diff_document,
    facts_document,
    merged_attributes,
    render_facts,
    to_json,
)
from scopeguard.report.formats import render
from scopeguard.report.schemas import SCHEMA_DIR, generate
from tests.report.samples import BASE, CLEAN, HEAD, HOSTILE, WORKED_EXAMPLE
from tests.support.golden import assert_golden, mask


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _validate(document: object, schema_name: str) -> None:
    schema = _schema(schema_name)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


# --- diff --------------------------------------------------------------------------------------


def test_diff_json_golden(update_golden: bool) -> None:
    assert_golden("report/worked-example.json", mask(render(WORKED_EXAMPLE, "json")), update_golden)


def test_diff_json_has_the_contract_field_order() -> None:
    doc = json.loads(render(WORKED_EXAMPLE, "json"))
    assert list(doc) == ["schema_version", "tool", "base", "head", "agent", "summary", "findings", "notices"]
    assert list(doc["summary"]) == ["files_changed", "findings", "errors", "warnings", "infos"]
    assert list(doc["findings"][0]) == [
        "rule", "severity", "message", "change", "element", "path", "line", "column",
        "end_line", "end_column", "source", "fingerprint", "base_path", "base_line",
    ]  # fmt: skip
    assert list(doc["findings"][0]["element"]) == ["kind", "name", "type"]
    assert list(doc["findings"][0]["source"]) == ["path", "line", "text"]
    assert list(doc["notices"][0]) == ["path", "message", "line"]


def test_diff_json_values() -> None:
    doc = json.loads(render(WORKED_EXAMPLE, "json"))
    assert doc["schema_version"] == 1
    assert doc["tool"]["name"] == "scopeguard"
    assert (doc["base"], doc["head"], doc["agent"]) == (BASE, HEAD, "backend-feature-implementer")
    assert doc["summary"] == {"files_changed": 14, "findings": 7, "errors": 6, "warnings": 1, "infos": 0}
    widget = next(f for f in doc["findings"] if f["element"]["name"] == "Widget")
    assert widget == {
        "rule": "no-new-tabularium-types",
        "severity": "error",
        "message": "create no new tabularium type (Widget); extend or reuse an existing one",
        "change": "added",
        "element": {"kind": "class", "name": "Widget", "type": "struct"},
        "path": "pkg/model/model/widget.go",
        "line": 12,
        "column": 1,
        "end_line": 30,
        "end_column": 2,
        "source": {
            "path": "agents/backend-feature-implementer.md",
            "line": 21,
            "text": "NEVER create new tabularium types - only use existing ones",
        },
        "fingerprint": "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "base_path": None,
        "base_line": None,
    }


def test_removed_code_points_at_head_and_names_the_base_place() -> None:
    doc = json.loads(render(WORKED_EXAMPLE, "json"))
    removed = next(f for f in doc["findings"] if f["change"] == "removed")
    assert (removed["path"], removed["line"], removed["base_path"], removed["base_line"]) == (
        "backend/api/handlers.go",
        40,
        "backend/api/handlers.go",
        52,
    )


def test_change_wide_finding_has_no_place() -> None:
    doc = json.loads(render(WORKED_EXAMPLE, "json"))
    limit = next(f for f in doc["findings"] if f["rule"] == "narrow-focus")
    assert [limit[k] for k in ("path", "line", "column", "end_line", "end_column", "change")] == [None] * 6
    assert limit["element"] == {"kind": None, "name": None, "type": None}


def test_hostile_text_survives_json_unchanged() -> None:
    doc = json.loads(render(HOSTILE, "json"))
    assert doc["findings"][0]["message"] == HOSTILE.findings[0].message
    assert doc["findings"][0]["path"] == 'docs/100% <done>, really: "yes".md'
    assert doc["agent"] == "evil, agent: 😈"
    assert "😈" in render(HOSTILE, "json")  # UTF-8, not \\u escapes


@pytest.mark.parametrize("report", [WORKED_EXAMPLE, HOSTILE, CLEAN], ids=["worked", "hostile", "clean"])
def test_diff_json_validates_against_the_shipped_schema(report: Any) -> None:
    _validate(json.loads(render(report, "json")), "diff.schema.json")


def test_the_schema_refuses_what_the_contract_does_not_allow() -> None:
    doc = json.loads(render(WORKED_EXAMPLE, "json"))
    doc["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        _validate(doc, "diff.schema.json")
    doc = json.loads(render(WORKED_EXAMPLE, "json"))
    del doc["findings"][0]["fingerprint"]
    with pytest.raises(jsonschema.ValidationError):
        _validate(doc, "diff.schema.json")


def test_document_reads_back_into_its_model() -> None:
    doc = diff_document(WORKED_EXAMPLE)
    assert DiffDocument.model_validate_json(to_json(doc)) == doc


# --- schemas -----------------------------------------------------------------------------------


def test_shipped_schemas_equal_the_generated_ones() -> None:
    generated = generate()
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == sorted(generated)
    for name, text in generated.items():
        shipped = (SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert shipped == text, f"{name} is stale: run python -m scopeguard.report.schemas"


# --- compile -----------------------------------------------------------------------------------

COMPILED = {
    "schema_version": 1,
    "agent": {
        "name": "backend-feature-implementer",
        "path": "agents/backend-feature-implementer.md",
        "tools": ["Read", "Edit", "Bash"],
        "model": "sonnet",
    },
    "sentences": [
        {
            "line": 21,
            "end_line": 21,
            "text": "NEVER create new tabularium types - only use existing ones",
            "status": "enforced",
            "category": "no-new-types",
            "rules": ["no-new-tabularium-types"],
            "reason": None,
        },
        {
            "line": 40,
            "end_line": 41,
            "text": "Think step by step before editing",
            "status": "not-understood",
            "category": "process",
            "rules": [],
            "reason": "describes how the agent works; nothing in a diff shows it",
        },
    ],
    "policy": "rule no-new-tabularium-types:\n    forbid added tabularium_type\n",
}


def test_compile_document_round_trips_in_contract_order() -> None:
    doc = CompileDocument.model_validate(COMPILED)
    text = to_json(doc)
    assert json.loads(text) == COMPILED
    assert list(json.loads(text)) == ["schema_version", "agent", "sentences", "policy"]


def test_compile_schema_accepts_one_document_or_a_list() -> None:
    _validate(COMPILED, "compile.schema.json")
    _validate([COMPILED, COMPILED], "compile.schema.json")
    bad = json.loads(json.dumps(COMPILED))
    bad["sentences"][0]["category"] = "vibes"
    with pytest.raises(jsonschema.ValidationError):
        _validate(bad, "compile.schema.json")


def test_a_list_of_documents_is_written_as_a_json_list() -> None:
    doc = CompileDocument.model_validate(COMPILED)
    assert json.loads(to_json([doc, doc])) == [COMPILED, COMPILED]


# --- facts -------------------------------------------------------------------------------------


def _element(kind: str, name: str, path: str, line: int, end: int, **attributes: Any) -> Element:
    return Element(
        kind, name, path, Span(line, 1, end), "go" if path.endswith(".go") else "python", attributes
    )


FILES = (
    FileChange(
        "modified", "template.yml", Blob("template.yml", oid="1" * 40), Blob("template.yml", oid="2" * 40)
    ),
    FileChange("added", "pkg/model/model/widget.go", None, Blob("pkg/model/model/widget.go", oid="3" * 40)),
    FileChange(
        "renamed",
        "backend/api/routes.py",
        Blob("backend/api/old_routes.py", oid="4" * 40),
        Blob("backend/api/routes.py", oid="4" * 40),
        old_path="backend/api/old_routes.py",
        similarity=100,
    ),
    FileChange("removed", "backend/legacy.py", Blob("backend/legacy.py", oid="5" * 40), None),
)
WIDGET = _element(
    "class", "Widget", "pkg/model/model/widget.go", 12, 30, type="struct", fields=("ID", "Name")
)
ELEMENTS = (
    ElementChange(
        "modified",
        _element("function", "handle", "backend/api/routes.py", 8, 20, parameters=("event", "context")),
        before=_element("function", "handle", "backend/api/routes.py", 8, 18, parameters=("event",)),
        details={"signature_changed": True, "removed_parameters": ()},
    ),
    ElementChange("added", WIDGET),
    ElementChange(
        "renamed",
        _element("function", "list_widgets", "backend/api/routes.py", 30, 41),
        before=_element("function", "get_widgets", "backend/api/old_routes.py", 30, 41),
    ),
    ElementChange("removed", _element("function", "legacy", "backend/legacy.py", 3, 9, public=True)),
    ElementChange(
        "added",
        Element(
            "resource",
            "WidgetTable",
            "template.yml",
            Span(70, 3, 80),
            "yaml",
            {"type": "AWS::DynamoDB::Table", "format": "cloudformation"},
        ),
    ),
)
FACT_NOTICES = (Notice("could not analyse: invalid syntax", "backend/broken.py", 3),)


def _facts() -> dict[str, Any]:
    return json.loads(render_facts(facts_document(BASE, HEAD, FILES, ELEMENTS, FACT_NOTICES), "json"))  # type: ignore[no-any-return]


def test_facts_json_golden(update_golden: bool) -> None:
    doc = facts_document(BASE, HEAD, FILES, ELEMENTS, FACT_NOTICES)
    assert_golden("report/facts.json", render_facts(doc, "json"), update_golden)


def test_facts_text_golden(update_golden: bool) -> None:
    doc = facts_document(BASE, HEAD, FILES, ELEMENTS, FACT_NOTICES)
    assert_golden("report/facts.txt", render_facts(doc, "text"), update_golden)


def test_facts_text_says_line_for_one_line_and_lines_for_more() -> None:
    one = ElementChange("added", _element("function", "ping", "backend/api/routes.py", 3, 3))
    doc = facts_document(BASE, HEAD, FILES[:1], (one, ELEMENTS[0]), ())
    text = render_facts(doc, "text")
    assert [line for line in text.splitlines() if "ping" in line or "handle" in line] == [
        "  added     function  ping  line 3  [python]",
        "  modified  function  handle  lines 8-20  [python]",
    ]


def test_facts_files_and_elements_are_sorted() -> None:
    doc = _facts()
    assert [f["path"] for f in doc["files"]] == [
        "backend/api/routes.py",
        "backend/legacy.py",
        "pkg/model/model/widget.go",
        "template.yml",
    ]
    assert [(e["path"], e["line"], e["name"]) for e in doc["elements"]] == [
        ("backend/api/routes.py", 8, "handle"),
        ("backend/api/routes.py", 30, "list_widgets"),
        ("backend/legacy.py", 3, "legacy"),
        ("pkg/model/model/widget.go", 12, "Widget"),
        ("template.yml", 70, "WidgetTable"),
    ]


def test_facts_element_fields() -> None:
    elements = {e["name"]: e for e in _facts()["elements"]}
    assert elements["list_widgets"] == {
        "change": "renamed",
        "kind": "function",
        "language": "python",
        "name": "list_widgets",
        "path": "backend/api/routes.py",
        "old_path": "backend/api/old_routes.py",
        "old_name": "get_widgets",
        "line": 30,
        "end_line": 41,
        "attributes": {},
    }
    # old_name appears only when the name changed
    assert "old_name" not in elements["handle"]
    assert list(elements["handle"]) == [
        "change", "kind", "language", "name", "path", "old_path", "line", "end_line", "attributes",
    ]  # fmt: skip
    # attributes and change details merged, tuples as lists, keys sorted
    assert elements["handle"]["attributes"] == {
        "parameters": ["event", "context"],
        "removed_parameters": [],
        "signature_changed": True,
    }
    assert list(elements["WidgetTable"]["attributes"]) == ["format", "type"]
    # a removed element gives its base-side path and lines
    assert (elements["legacy"]["change"], elements["legacy"]["path"], elements["legacy"]["line"]) == (
        "removed",
        "backend/legacy.py",
        3,
    )


def test_facts_files() -> None:
    files = {f["path"]: f for f in _facts()["files"]}
    assert files["backend/api/routes.py"] == {
        "status": "renamed",
        "path": "backend/api/routes.py",
        "old_path": "backend/api/old_routes.py",
    }
    assert files["template.yml"]["old_path"] is None


def test_facts_json_validates_against_the_shipped_schema() -> None:
    _validate(_facts(), "facts.schema.json")


def test_facts_unknown_format_is_refused() -> None:
    with pytest.raises(UserError, match="unknown facts format 'yaml'"):
        render_facts(facts_document(None, "WORKTREE", (), (), ()), "yaml")


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8))
_values = st.recursive(_scalars, lambda inner: st.tuples(inner, inner) | st.tuples(inner), max_leaves=6)


@given(
    st.dictionaries(st.text(max_size=6), _values, max_size=5),
    st.dictionaries(st.text(max_size=6), _values, max_size=3),
)
def test_merged_attributes_are_sorted_lists_with_details_winning(attributes: Any, details: Any) -> None:
    merged = merged_attributes(attributes, details)
    assert list(merged) == sorted(set(attributes) | set(details))
    for key, value in merged.items():
        source = details[key] if key in details else attributes[key]
        assert json.dumps(value) == json.dumps(source)  # tuples become lists, nothing else changes
        assert not isinstance(value, tuple)
