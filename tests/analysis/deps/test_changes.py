"""Dependency changes between two commits of a real repository."""

from __future__ import annotations

from pathlib import Path

from tests.analysis.infra.changes import changes_between, fixture_text

KINDS = ("dependency",)


def pyproject() -> str:
    return fixture_text("deps/python/pyproject.toml")


def test_a_new_dependency_is_added_at_its_line_and_a_dropped_one_removed_at_its_base_line(
    tmp_path: Path,
) -> None:
    head = (
        pyproject()
        .replace('    "httpx>=0.27",\n', '    "httpx>=0.27",\n    "tenacity>=8.2",\n')
        .replace("    'boto3[crt] >= 1.34',\n", "")
    )
    outcome = changes_between(tmp_path, {"pyproject.toml": pyproject()}, {"pyproject.toml": head}, KINDS)
    assert outcome.rows() == {
        ("added", "dependency", "tenacity", None, "pyproject.toml", 11),
        ("removed", "dependency", "boto3", None, "pyproject.toml", 13),
    }
    assert outcome.named("dependency", "tenacity").element.attributes["group"] == "main"


def test_a_version_bump_is_modified_with_the_previous_version(tmp_path: Path) -> None:
    head = pyproject().replace('"pydantic>=2.6,<3"', '"pydantic>=2.7,<3"')
    outcome = changes_between(tmp_path, {"pyproject.toml": pyproject()}, {"pyproject.toml": head}, KINDS)
    assert outcome.rows() == {("modified", "dependency", "pydantic", None, "pyproject.toml", 11)}
    change = outcome.named("dependency", "pydantic")
    assert change.element.attributes["version"] == ">=2.7,<3"
    assert change.details == {"previous_version": ">=2.6,<3", "previous_group": "main"}


def test_a_package_moved_from_an_extra_to_the_runtime_is_modified_with_its_previous_group(
    tmp_path: Path,
) -> None:
    head = (
        pyproject()
        .replace('cli = ["click>=8.1", "rich"]', 'cli = ["click>=8.1"]')
        .replace('    "httpx>=0.27",\n', '    "httpx>=0.27",\n    "rich",\n')
    )
    outcome = changes_between(tmp_path, {"pyproject.toml": pyproject()}, {"pyproject.toml": head}, KINDS)
    assert outcome.rows() == {("modified", "dependency", "rich", None, "pyproject.toml", 11)}
    assert outcome.named("dependency", "rich").details == {
        "previous_version": None,
        "previous_group": "optional:cli",
    }


def test_renaming_a_requirements_file_adds_no_dependency(tmp_path: Path) -> None:
    text = fixture_text("deps/python/requirements.txt")
    outcome = changes_between(tmp_path, {"requirements.txt": text}, {"requirements/prod.txt": text}, KINDS)
    assert {c.change for c in outcome.changes} == {"modified"}
    assert {c.element.path for c in outcome.changes} == {"requirements/prod.txt"}


def test_renaming_and_editing_a_requirements_file_adds_only_the_new_line(tmp_path: Path) -> None:
    text = fixture_text("deps/python/requirements.txt")
    head = text + "tenacity==8.3.0\n"
    outcome = changes_between(tmp_path, {"requirements.txt": text}, {"requirements/prod.txt": head}, KINDS)
    assert sorted(
        (c.change, c.element.name, c.old_path, c.details.get("previous_group")) for c in outcome.changes
    ) == [
        ("added", "tenacity", None, None),
        ("modified", "asset-schemas", "requirements.txt", "main"),
        ("modified", "httpx", "requirements.txt", "main"),
        ("modified", "pydantic", "requirements.txt", "main"),
        ("modified", "typing-extensions", "requirements.txt", "main"),
    ]
    assert {c.element.attributes["group"] for c in outcome.changes} == {"prod"}


def test_new_npm_and_go_dependencies(tmp_path: Path) -> None:
    package = fixture_text("deps/web/package.json")
    gomod = fixture_text("deps/go/go.mod")
    head = {
        "console/package.json": package.replace(
            '"react": "^18.3.1",', '"react": "^18.3.1",\n    "zustand": "^4.5.2",'
        ),
        "go.mod": gomod.replace(
            "\tgithub.com/google/uuid v1.6.0\n",
            "\tgithub.com/google/uuid v1.6.0\n\tgolang.org/x/sync v0.7.0\n",
        ),
    }
    outcome = changes_between(tmp_path, {"console/package.json": package, "go.mod": gomod}, head, KINDS)
    assert outcome.rows() == {
        ("added", "dependency", "zustand", None, "console/package.json", 12),
        ("added", "dependency", "golang.org/x/sync", None, "go.mod", 9),
    }


def test_spelling_a_name_another_way_changes_nothing(tmp_path: Path) -> None:
    head = pyproject().replace("Typing_Extensions", "typing.extensions")
    outcome = changes_between(tmp_path, {"pyproject.toml": pyproject()}, {"pyproject.toml": head}, KINDS)
    assert outcome.rows() == set()


def test_a_broken_manifest_on_the_head_side_is_a_notice(tmp_path: Path) -> None:
    head = pyproject().replace("[project]", "[project")
    outcome = changes_between(tmp_path, {"pyproject.toml": pyproject()}, {"pyproject.toml": head}, KINDS)
    assert outcome.rows() == set()
    assert [(n.path, n.message.split(":")[0]) for n in outcome.notices] == [
        ("pyproject.toml", "not analysed (dependencies, head side)")
    ]
