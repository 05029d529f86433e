"""Python element changes between two commits of a real repository: identity across renames and moves,
API-compatibility details, and what cannot be read."""

from __future__ import annotations

from pathlib import Path

from tests.analysis.python.support import WORKED, edited, fixture_text, python_facts
from tests.support.facts import only, summary

MODELS = "client/python/tabularium/models.py"
SERVICE = "src/app/service.py"

WIDGET = '''

class Widget(_Base):
    """A widget."""

    key: str
'''


def test_a_new_pydantic_model_is_an_added_class(tmp_path: Path) -> None:
    facts = python_facts(tmp_path, {MODELS: fixture_text(MODELS) + WIDGET})
    assert summary(facts, "class", "function") == [("added", "class", "Widget", MODELS, 30, None, None)]
    widget = only(facts, "class", "Widget")
    assert widget.element.attributes["bases"] == ("pydantic.BaseModel",)


def test_a_renamed_file_adds_nothing(tmp_path: Path) -> None:
    moved = "client/python/tabularium/schema.py"
    facts = python_facts(tmp_path, {MODELS: None, moved: fixture_text(MODELS)})
    assert summary(facts, "class", "function") == [
        ("renamed", "class", "Asset", moved, 10, MODELS, None),
        ("renamed", "class", "Risk", moved, 19, MODELS, None),
        ("renamed", "function", "Risk.is_open", moved, 26, MODELS, None),
    ]
    asset = only(facts, "class", "Asset")
    assert asset.details == {
        "breaking": True,
        "breaking_reasons": ("no longer importable as client.python.tabularium.models.Asset",),
    }


def test_a_class_moved_to_another_file_is_renamed(tmp_path: Path) -> None:
    risk = fixture_text(MODELS).split("class Risk")[1]
    facts = python_facts(
        tmp_path,
        {
            MODELS: fixture_text(MODELS).split("\n\nclass Risk")[0] + "\n",
            "client/python/tabularium/risks.py": "from pydantic import BaseModel\n\n\nclass Risk" + risk,
        },
    )
    assert summary(facts, "class", "function") == [
        ("renamed", "class", "Risk", "client/python/tabularium/risks.py", 4, MODELS, None),
        ("renamed", "function", "Risk.is_open", "client/python/tabularium/risks.py", 11, MODELS, None),
    ]


def test_a_function_renamed_with_the_same_body(tmp_path: Path) -> None:
    facts = python_facts(tmp_path, {SERVICE: edited(SERVICE, "def get_asset(", "def fetch_asset(")})
    assert summary(facts, "function") == [
        ("renamed", "function", "fetch_asset", SERVICE, 14, None, "get_asset")
    ]
    assert only(facts, "function", "fetch_asset").details["breaking"] is True


def test_signature_changes_are_selectable_details(tmp_path: Path) -> None:
    service = edited(SERVICE, "key: str, include_risks: bool = False", "key: str, region: str")
    service = service.replace("*, limit: int = 100", "*, max_items: int = 100")
    facts = python_facts(tmp_path, {SERVICE: service})
    assert summary(facts, "function") == [
        ("modified", "function", "get_asset", SERVICE, 14, None, None),
        ("modified", "function", "list_assets", SERVICE, 10, None, None),
    ]
    get_asset = only(facts, "function", "get_asset").details
    assert get_asset["signature_changed"] is True
    assert get_asset["body_changed"] is False
    assert get_asset["renamed_parameters"] == ("include_risks->region",)
    assert get_asset["breaking_reasons"] == (
        "parameter include_risks renamed to region",
        "parameter region is now required",
    )
    assert get_asset["breaking"] is True
    list_assets = only(facts, "function", "list_assets").details
    assert list_assets["renamed_parameters"] == ("limit->max_items",)
    assert list_assets["removed_parameters"] == ()
    assert list_assets["added_parameters"] == ()
    assert list_assets["breaking_reasons"] == ("parameter limit renamed to max_items",)


def test_a_removed_parameter_that_kwargs_still_accepts_is_not_breaking(tmp_path: Path) -> None:
    service = edited(
        SERVICE, "def list_assets(store, *, limit: int = 100)", "def list_assets(store, **options)"
    )
    facts = python_facts(tmp_path, {SERVICE: service})
    details = only(facts, "function", "list_assets").details
    assert (details["removed_parameters"], details["added_parameters"]) == (("limit",), ("options",))
    assert (details["breaking"], details["breaking_reasons"]) == (False, ())


def test_a_new_required_parameter_and_a_body_change(tmp_path: Path) -> None:
    service = edited(
        SERVICE,
        "def _normalise(key: str) -> str:\n    return key.strip().lower()",
        "def _normalise(key: str, locale) -> str:\n    return key.strip().casefold()",
    )
    service = service.replace("    raw = store.get(key)\n", "    raw = store.get(_normalise(key, None))\n")
    facts = python_facts(tmp_path, {SERVICE: service})
    normalise = only(facts, "function", "_normalise").details
    assert normalise["added_required_parameters"] == ("locale",)
    assert normalise["body_changed"] is True
    assert normalise["breaking"] is False  # private: nobody else's business
    get_asset = only(facts, "function", "get_asset").details
    assert (get_asset["signature_changed"], get_asset["body_changed"], get_asset["breaking"]) == (
        False,
        True,
        False,
    )


def test_removed_public_and_private_functions(tmp_path: Path) -> None:
    service = fixture_text(SERVICE).split("\n\ndef get_asset")[0] + "\n"
    facts = python_facts(tmp_path, {SERVICE: service})
    assert summary(facts, "function") == [
        ("removed", "function", "_normalise", SERVICE, 21, None, None),
        ("removed", "function", "get_asset", SERVICE, 14, None, None),
    ]
    assert only(facts, "function", "get_asset").details == {
        "breaking": True,
        "breaking_reasons": ("removed",),
    }
    assert only(facts, "function", "get_asset").element.attributes["public"] is True
    assert only(facts, "function", "_normalise").details == {}


def test_code_moved_to_a_new_file_and_edited_is_modified_not_added(tmp_path: Path) -> None:
    edited_service = edited(
        SERVICE,
        "    return [Asset(**json.loads(raw)) for raw in store.scan(limit=limit)]",
        "    return [Asset.model_validate_json(raw) for raw in store.scan(limit=limit)]",
    )
    facts = python_facts(tmp_path, {SERVICE: None, "src/app/assets.py": edited_service + "\n# moved\n"})
    assert summary(facts, "function") == [
        ("modified", "function", "list_assets", "src/app/assets.py", 10, SERVICE, None),
        ("renamed", "function", "_normalise", "src/app/assets.py", 21, SERVICE, None),
        ("renamed", "function", "get_asset", "src/app/assets.py", 14, SERVICE, None),
    ]
    moved = only(facts, "function", "list_assets").details
    assert moved["body_changed"] is True
    assert moved["breaking_reasons"] == ("no longer importable as app.service.list_assets",)


def test_imports_routes_decorators_and_resources_change_too(tmp_path: Path) -> None:
    api = (
        fixture_text("src/app/api.py")
        + '\n\n@router.delete("/{key}")\ndef delete_asset(key: str):\n    return None\n'
    )
    stack = edited(
        "infra/stack.py",
        "        table.grant_read_data(handler)\n",
        '        table.grant_read_data(handler)\n        sqs.Queue(self, "Jobs")\n',
    )
    stack = stack.replace(
        "from aws_cdk import aws_lambda as _lambda\n",
        "from aws_cdk import aws_lambda as _lambda\nfrom aws_cdk import aws_sqs as sqs\n",
    )
    stack = stack.replace('handler="app.handler"', 'handler="app.main"')
    facts = python_facts(tmp_path, {"src/app/api.py": api, "infra/stack.py": stack})
    assert summary(facts, "import", "route", "decorator", "resource") == [
        ("added", "decorator", "router.delete", "src/app/api.py", 20, None, None),
        ("added", "import", "aws_cdk.aws_sqs", "infra/stack.py", 6, None, None),
        ("added", "resource", "Jobs", "infra/stack.py", 25, None, None),
        ("added", "route", "DELETE /assets/{key}", "src/app/api.py", 20, None, None),
        ("modified", "resource", "AssetHandler", "infra/stack.py", 17, None, None),
    ]
    assert only(facts, "resource", "AssetHandler").details == {"properties_changed": ("handler",)}
    assert only(facts, "resource", "Jobs").element.attributes["type"] == "AWS::SQS::Queue"


def test_calls_are_matched_by_scope_and_text(tmp_path: Path) -> None:
    service = edited(
        SERVICE, "    raw = store.get(key)\n", "    raw = store.get(key)\n    store.touch(key)\n"
    )
    facts = python_facts(tmp_path, {SERVICE: service})
    assert summary(facts, "call") == [("added", "call", "store.touch", SERVICE, 16, None, None)]
    touch = only(facts, "call", "store.touch").element.attributes
    assert (touch["scope"], touch["qualname"], touch["text"]) == ("get_asset", None, "store.touch(key)")


def test_an_unreadable_side_is_a_notice_and_its_lines_still_count(tmp_path: Path) -> None:
    broken = edited(SERVICE, "def _normalise(key: str) -> str:", "def _normalise(key: str -> str:")
    facts = python_facts(tmp_path, {SERVICE: broken, MODELS: fixture_text(MODELS) + WIDGET})
    assert summary(facts, "class", "function") == [("added", "class", "Widget", MODELS, 30, None, None)]
    assert [(n.path, n.line, n.message) for n in facts.notices] == [
        (
            SERVICE,
            21,
            "not analysed (python, head side): syntax error: invalid syntax (ast: line 21, column 25); "
            "libcst: unexpected syntax (line 21, column 27)",
        ),
    ]
    added_lines = [(c.element.path, c.element.span.line) for c in facts.line_changes() if c.change == "added"]
    assert (SERVICE, 21) in added_lines


def test_files_over_the_size_limit_are_not_parsed(tmp_path: Path) -> None:
    big = fixture_text(MODELS) + WIDGET + "\n" + "# padding\n" * 300
    facts = python_facts(
        tmp_path,
        {MODELS: big, SERVICE: fixture_text(SERVICE) + "\n\ndef extra():\n    pass\n"},
        max_file_bytes=2000,
    )
    assert summary(facts, "class", "function") == [("added", "function", "extra", SERVICE, 25, None, None)]
    (notice,) = facts.notices
    assert notice.path == MODELS
    assert notice.message == (
        f"not analysed (python): {len(big.encode())} bytes is over the 2000-byte limit; "
        "path and line rules still apply"
    )


def test_a_latin_1_file_with_a_coding_cookie(tmp_path: Path) -> None:
    base = {"pkg/legacy.py": "# -*- coding: latin-1 -*-\nclass Caf\u00e9:\n    pass\n".encode("latin-1")}
    change = {
        "pkg/legacy.py": "# -*- coding: latin-1 -*-\nclass Caf\u00e9:\n    pass\n\n\ndef cr\u00e8me():\n"
        "    return 'br\u00fbl\u00e9e'\n".encode("latin-1")
    }
    facts = python_facts(tmp_path, change, base=base)
    assert summary(facts, "class", "function") == [
        ("added", "function", "crème", "pkg/legacy.py", 6, None, None)
    ]
    assert facts.notices == ()


def test_forked_workers_give_the_same_changes(tmp_path: Path) -> None:
    change = {
        MODELS: fixture_text(MODELS) + WIDGET,
        SERVICE: None,
        "src/app/services.py": fixture_text(SERVICE).replace(
            "include_risks: bool = False", "include_risks: bool"
        ),
        "src/app/api.py": fixture_text("src/app/api.py").replace('"/{key}"', '"/by-key/{key}"'),
        "infra/broken.py": "def broken(:\n",
    }
    sequential = python_facts(tmp_path / "one", change, jobs=1)
    parallel = python_facts(tmp_path / "two", change, jobs=2)
    assert summary(parallel) == summary(sequential)
    assert parallel.notices == sequential.notices
    details = {
        (c.kind, c.element.name): c.details for k in ("class", "function") for c in parallel.changes(k)
    }
    assert details == {
        (c.kind, c.element.name): c.details for k in ("class", "function") for c in sequential.changes(k)
    }
    assert len(summary(parallel)) > 10


def test_the_same_blob_at_two_paths_has_each_path(tmp_path: Path) -> None:
    text = fixture_text(SERVICE)
    facts = python_facts(tmp_path, {"src/app/copy_one.py": text, "src/app/copy_two.py": text}, base=WORKED)
    added = [
        (c.change, c.element.name, c.element.path) for c in facts.changes("function") if c.change == "added"
    ]
    assert ("added", "list_assets", "src/app/copy_two.py") in added
    assert {path for _, _, path in added} == {"src/app/copy_one.py", "src/app/copy_two.py"}
