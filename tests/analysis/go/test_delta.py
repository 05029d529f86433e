"""Go element changes between two commits of a real repository, through the facts engine."""

from __future__ import annotations

from pathlib import Path

from tests.analysis.go.scenarios import ASSET, HANDLER, RISK, edited, fixture_text, go_facts
from tests.support.facts import only, summary

from scopeguard.core.model import Notice

WIDGET = """package model

import "github.com/example/assets/pkg/registry"

// Widget is a new kind of thing the service stores.
type Widget struct {
	registry.BaseModel
	Label string `json:"label"`
}

func init() {
	registry.Registry.MustRegisterModel(&Widget{})
}
"""


def test_a_new_registered_type_is_an_added_class_and_an_added_call(tmp_path: Path) -> None:
    facts = go_facts(tmp_path, {"pkg/model/model/widget.go": WIDGET})
    widget = "pkg/model/model/widget.go"
    assert summary(facts) == [
        ("added", "call", "registry.Registry.MustRegisterModel", widget, 12, None, None),
        ("added", "class", "Widget", widget, 6, None, None),
        ("added", "function", "init", widget, 11, None, None),
        ("added", "import", "github.com/example/assets/pkg/registry", widget, 3, None, None),
    ]
    assert only(facts, "call", "registry.Registry.MustRegisterModel").element.attributes["text"] == (
        "registry.Registry.MustRegisterModel(&Widget{})"
    )
    assert facts.notices == ()


def test_a_second_registration_in_an_existing_init_is_an_added_call(tmp_path: Path) -> None:
    text = edited(
        ASSET,
        "\tregistry.Registry.MustRegisterModel(&Asset{})\n",
        "\tregistry.Registry.MustRegisterModel(&Asset{})\n\tregistry.Registry.MustRegisterModel(&Gadget{})\n",
    )
    text += "\n// Gadget is another new type.\ntype Gadget struct{ registry.BaseModel }\n"
    facts = go_facts(tmp_path, {ASSET: text})
    assert summary(facts) == [
        ("added", "call", "registry.Registry.MustRegisterModel", ASSET, 15, None, None),
        ("added", "class", "Gadget", ASSET, 34, None, None),
        ("modified", "function", "init", ASSET, 13, None, None),
    ]
    init = only(facts, "function", "init")
    assert init.details["body_changed"] is True
    assert init.details["signature_changed"] is False
    assert init.details["breaking"] is False


def test_a_type_moved_to_another_file_is_renamed(tmp_path: Path) -> None:
    declaration = fixture_text(ASSET).split("// Asset is", 1)[1].split("\nfunc init", 1)[0]
    moved = 'package model\n\nimport "github.com/example/assets/pkg/registry"\n\n// Asset is' + declaration
    facts = go_facts(
        tmp_path,
        {
            ASSET: fixture_text(ASSET).replace("// Asset is" + declaration, ""),
            "pkg/model/model/types.go": moved,
        },
    )
    assert summary(facts) == [
        (
            "added",
            "import",
            "github.com/example/assets/pkg/registry",
            "pkg/model/model/types.go",
            3,
            None,
            None,
        ),
        ("renamed", "class", "Asset", "pkg/model/model/types.go", 6, ASSET, None),
    ]


def test_a_renamed_file_adds_nothing(tmp_path: Path) -> None:
    facts = go_facts(tmp_path, {ASSET: None, "pkg/model/model/assets.go": fixture_text(ASSET)})
    assets = "pkg/model/model/assets.go"
    assert summary(facts) == [
        ("renamed", "call", "errEmpty", assets, 20, ASSET, None),
        ("renamed", "call", "registry.Registry.MustRegisterModel", assets, 14, ASSET, None),
        ("renamed", "class", "Asset", assets, 6, ASSET, None),
        ("renamed", "function", "Asset.Rename", assets, 26, ASSET, None),
        ("renamed", "function", "Asset.Valid", assets, 18, ASSET, None),
        ("renamed", "function", "errEmpty", assets, 30, ASSET, None),
        ("renamed", "function", "init", assets, 13, ASSET, None),
        ("renamed", "import", "github.com/example/assets/pkg/registry", assets, 3, ASSET, None),
    ]


def test_a_type_renamed_in_place_names_its_old_name(tmp_path: Path) -> None:
    facts = go_facts(tmp_path, {RISK: edited(RISK, "RiskID = string", "RiskKey = string")})
    assert summary(facts) == [("renamed", "class", "RiskKey", RISK, 28, None, "RiskID")]


def test_an_exported_function_losing_a_parameter_is_breaking(tmp_path: Path) -> None:
    facts = go_facts(
        tmp_path, {HANDLER: edited(HANDLER, "func Handle(ctx context.Context, req", "func Handle(req")}
    )
    assert summary(facts, "function") == [("modified", "function", "Handle", HANDLER, 12, None, None)]
    assert dict(only(facts, "function", "Handle").details) == {
        "signature_changed": True,
        "body_changed": False,
        "removed_parameters": ("ctx",),
        "added_parameters": (),
        "added_required_parameters": (),
        "renamed_parameters": (),
        "breaking": True,
    }


def test_a_new_parameter_breaks_callers(tmp_path: Path) -> None:
    facts = go_facts(
        tmp_path,
        {
            HANDLER: edited(
                HANDLER, "req events.APIGatewayProxyRequest)", "req events.APIGatewayProxyRequest, limit int)"
            )
        },
    )
    handle = only(facts, "function", "Handle")
    assert (handle.details["added_parameters"], handle.details["added_required_parameters"]) == (
        ("limit",),
        ("limit",),
    )
    assert (handle.details["removed_parameters"], handle.details["breaking"]) == ((), True)


def test_a_renamed_parameter_does_not_break_callers(tmp_path: Path) -> None:
    text = edited(HANDLER, "req events.APIGatewayProxyRequest)", "request events.APIGatewayProxyRequest)")
    text = text.replace("req.PathParameters", "request.PathParameters")
    facts = go_facts(tmp_path, {HANDLER: text})
    assert dict(only(facts, "function", "Handle").details) == {
        "signature_changed": True,
        "body_changed": True,
        "removed_parameters": (),
        "added_parameters": (),
        "added_required_parameters": (),
        "renamed_parameters": ("req->request",),
        "breaking": False,
    }


def test_a_changed_result_type_is_breaking(tmp_path: Path) -> None:
    text = edited(
        HANDLER, "(events.APIGatewayProxyResponse, error) {", "(*events.APIGatewayProxyResponse, error) {"
    )
    handle = only(go_facts(tmp_path, {HANDLER: text}), "function", "Handle")
    assert (handle.details["removed_parameters"], handle.details["added_parameters"]) == ((), ())
    assert (handle.details["signature_changed"], handle.details["breaking"]) == (True, True)


def test_reformatting_changes_nothing(tmp_path: Path) -> None:
    text = (
        fixture_text(ASSET)
        .replace("Name   string", "Name string")
        .replace("\ta.source, a.Name", "\ta.source,   a.Name")
    )
    assert summary(go_facts(tmp_path, {ASSET: text})) == []


def test_struct_fields_removed_and_changed(tmp_path: Path) -> None:
    text = edited(ASSET, '\tStatus string `json:"status"`\n', "")
    text = text.replace('Name   string `json:"name"`', 'Name   string `json:"title"`').replace(
        "\tsource string\n", ""
    )
    facts = go_facts(tmp_path, {ASSET: text})
    assert summary(facts, "class") == [("modified", "class", "Asset", ASSET, 6, None, None)]
    assert dict(only(facts, "class", "Asset").details) == {
        "type_changed": False,
        "type_parameters_changed": False,
        "removed_fields": ("Status", "source"),
        "added_fields": (),
        "changed_fields": ("Name",),
        "removed_methods": (),
        "added_methods": (),
        "changed_methods": (),
        "removed_bases": (),
        "added_bases": (),
        "breaking": True,
    }


def test_an_unexported_field_is_not_part_of_the_api(tmp_path: Path) -> None:
    facts = go_facts(
        tmp_path, {ASSET: edited(ASSET, "\tsource string\n", "\tsource string\n\torigin string\n")}
    )
    asset = only(facts, "class", "Asset")
    assert (asset.details["added_fields"], asset.details["removed_fields"], asset.details["breaking"]) == (
        ("origin",),
        (),
        False,
    )


def test_an_interface_gaining_a_method_is_breaking(tmp_path: Path) -> None:
    registry = "pkg/registry/registry.go"
    facts = go_facts(
        tmp_path, {registry: edited(registry, "\tValid() error\n", "\tValid() error\n\tKind() string\n")}
    )
    model = only(facts, "class", "Model")
    assert (model.change, model.details["added_methods"], model.details["breaking"]) == (
        "modified",
        ("Kind",),
        True,
    )


def test_a_file_that_does_not_parse_is_a_notice_and_the_rest_is_analysed(tmp_path: Path) -> None:
    broken = edited(ASSET, "func init() {\n", "func init() {\n\tif {\n")
    facts = go_facts(tmp_path, {ASSET: broken, "pkg/model/model/widget.go": WIDGET})
    assert [c[2] for c in summary(facts, "class")] == ["Widget"]
    assert facts.notices == (
        Notice(
            "not analysed (go, head side): Go syntax error at line 14, column 2: unexpected 'if'", ASSET, 14
        ),
    )


def test_a_renamed_and_edited_file_adds_nothing(tmp_path: Path) -> None:
    text = edited(ASSET, 'return errEmpty("name")', 'return errEmpty("asset name")')
    facts = go_facts(tmp_path, {ASSET: None, "pkg/model/model/assets.go": text})
    assets = "pkg/model/model/assets.go"
    assert summary(facts) == [
        ("modified", "call", "errEmpty", assets, 20, ASSET, None),
        ("modified", "function", "Asset.Valid", assets, 18, ASSET, None),
        ("renamed", "call", "registry.Registry.MustRegisterModel", assets, 14, ASSET, None),
        ("renamed", "class", "Asset", assets, 6, ASSET, None),
        ("renamed", "function", "Asset.Rename", assets, 26, ASSET, None),
        ("renamed", "function", "errEmpty", assets, 30, ASSET, None),
        ("renamed", "function", "init", assets, 13, ASSET, None),
        ("renamed", "import", "github.com/example/assets/pkg/registry", assets, 3, ASSET, None),
    ]
    assert only(facts, "function", "Asset.Valid").details["body_changed"] is True
