"""Dependencies declared by each kind of manifest, with their lines, groups and versions as written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.analysis.infra.changes import fixture_text

from scopeguard.analysis.base import AnalysisError, SourceFile
from scopeguard.analysis.deps.analyser import DependencyAnalyser, manifest_kind
from scopeguard.analysis.deps.model import pypi_name
from scopeguard.analysis.deps.python import parse_requirement, requirements_group

Row = tuple[str, object, object, int, int]


def declared(path: str, text: str) -> list[Row]:
    elements = DependencyAnalyser().extract(
        SourceFile(path, text.encode("utf-8"), "head"), frozenset({"dependency"})
    )
    return [
        (e.name, e.attributes["group"], e.attributes["version"], e.span.line, e.span.column)
        for e in elements.elements
    ]


def test_pyproject_pep621_extras_groups_and_build_requirements() -> None:
    assert declared("pyproject.toml", fixture_text("deps/python/pyproject.toml")) == [
        ("httpx", "main", ">=0.27", 10, 6),
        ("pydantic", "main", ">=2.6,<3", 11, 6),
        ("typing-extensions", "main", ">=4.10", 12, 6),
        ("boto3", "main", ">= 1.34", 13, 6),
        ("click", "optional:cli", ">=8.1", 17, 9),
        ("rich", "optional:cli", None, 17, 23),
        ("pytest", "optional:test", ">=8", 18, 10),
        ("respx", "optional:test", None, 18, 23),
        ("ruff", "dev", ">=0.6", 21, 9),
        ("mypy", "dev", None, 21, 22),
        ("ruff", "lint", ">=0.6", 22, 10),
        ("setuptools", "build", ">=68", 2, 14),
        ("wheel", "build", None, 2, 32),
    ]


def test_pyproject_poetry_groups_skip_the_interpreter() -> None:
    assert declared("services/worker/pyproject.toml", fixture_text("deps/poetry/pyproject.toml")) == [
        ("fastapi", "main", "^0.111", 7, 1),
        ("sqlalchemy", "main", "^2.0", 8, 2),
        ("mangum", "main", "0.17.0", 9, 1),
        ("black", "dev", "^24.4", 16, 1),
        ("pytest", "dev", "^8.2", 12, 1),
        ("moto", "dev", "^5.0", 13, 1),
    ]


def test_requirements_files_with_hashes_markers_editables_and_options() -> None:
    assert declared("requirements.txt", fixture_text("deps/python/requirements.txt")) == [
        ("httpx", "main", "==0.27.0", 2, 1),
        ("pydantic", "main", "==2.7.1", 4, 1),
        ("typing-extensions", "main", "==4.11.0", 5, 1),
        ("asset-schemas", "main", None, 6, 1),
    ]
    assert declared("requirements-dev.txt", fixture_text("deps/python/requirements-dev.txt")) == [
        ("pytest", "dev", "==8.2.0", 2, 1),
        ("respx", "dev", ">=0.21", 3, 1),
    ]


def test_setup_cfg_install_test_and_extra_requirements() -> None:
    assert declared("setup.cfg", fixture_text("deps/python/setup.cfg")) == [
        ("click", "main", ">=8.1", 7, 5),
        ("pyyaml", "main", ">=6.0", 8, 5),
        ("pytest", "test", None, 10, 5),
        ("boto3", "optional:aws", ">=1.34", 14, 5),
    ]


def test_package_json_sections() -> None:
    assert declared("console/package.json", fixture_text("deps/web/package.json")) == [
        ("@aws-amplify/ui-react", "main", "^6.1.0", 10, 6),
        ("react", "main", "^18.3.1", 11, 6),
        ("react-dom", "main", "^18.3.1", 12, 6),
        ("typescript", "dev", "~5.4.5", 15, 6),
        ("vite", "dev", "^5.2.0", 16, 6),
        ("vitest", "dev", "^1.6.0", 17, 6),
        ("aws-amplify", "peer", ">=6", 20, 6),
    ]


def test_package_json_that_yaml_cannot_read_is_read_by_json_with_lines() -> None:
    long_key = "x" * 1100
    text = '{"description": {"' + long_key + '": 1},\n "dependencies": {\n  "left-pad": "1.3.0"}}\n'
    assert declared("package.json", text) == [("left-pad", "main", "1.3.0", 3, 4)]


def test_go_mod_require_lines_blocks_and_indirect_ones() -> None:
    elements = declared("go.mod", fixture_text("deps/go/go.mod"))
    assert elements == [
        ("github.com/aws/aws-lambda-go", "main", "v1.47.0", 6, 2),
        ("github.com/aws/aws-sdk-go-v2/service/dynamodb", "main", "v1.32.6", 7, 2),
        ("github.com/google/uuid", "main", "v1.6.0", 8, 2),
        ("github.com/aws/aws-sdk-go-v2", "indirect", "v1.27.0", 12, 2),
        ("github.com/jmespath/go-jmespath", "indirect", "v0.4.0", 13, 2),
    ]


def test_ecosystem_manifest_and_language_attributes() -> None:
    analyser = DependencyAnalyser()
    source = SourceFile("console/package.json", fixture_text("deps/web/package.json").encode(), "head")
    first = analyser.extract(source, frozenset({"dependency"})).elements[0]
    assert (first.attributes["ecosystem"], first.attributes["manifest"], first.language) == (
        "npm",
        "package.json",
        "json",
    )
    assert first.key == "dependency:npm:@aws-amplify/ui-react"


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("pyproject.toml", "pyproject"),
        ("libs/x/pyproject.toml", "pyproject"),
        ("requirements.txt", "requirements"),
        ("requirements-dev.txt", "requirements"),
        ("dev-requirements.txt", "requirements"),
        ("requirements/prod.in", "requirements"),
        ("setup.cfg", "setup.cfg"),
        ("web/package.json", "package.json"),
        ("go.mod", "go.mod"),
        ("web/node_modules/react/package.json", None),
        ("vendor/github.com/x/y/go.mod", None),
        ("package-lock.json", None),
        ("go.sum", None),
        ("docs/requirements.md", None),
    ],
)
def test_manifests_are_known_by_name(path: str, kind: str | None) -> None:
    assert manifest_kind(path) == kind
    assert DependencyAnalyser().accepts(path) is (kind is not None)


@pytest.mark.parametrize(
    ("path", "group"),
    [
        ("requirements.txt", "main"),
        ("requirements-dev.txt", "dev"),
        ("requirements_test.in", "test"),
        ("dev-requirements.txt", "dev"),
        ("requirements/prod.txt", "prod"),
        ("requirements/requirements-docs.txt", "docs"),
    ],
)
def test_requirements_group_from_the_file_name(path: str, group: str) -> None:
    assert requirements_group(path) == group


@pytest.mark.parametrize(
    ("text", "name", "version"),
    [
        ("requests", "requests", None),
        ("Requests[socks] >= 2.31 ; python_version >= '3.8'", "requests", ">= 2.31"),
        ("zope.interface (>=6)", "zope-interface", ">=6"),
        ("pkg @ https://example.com/pkg-1.0.whl", "pkg", "@ https://example.com/pkg-1.0.whl"),
        ("./local/path", None, None),
        ("not a requirement", None, None),
    ],
)
def test_pep508_requirements(text: str, name: str | None, version: str | None) -> None:
    parsed = parse_requirement(text)
    assert (parsed.name if parsed else None, parsed.version if parsed else None) == (name, version)


@given(st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9._-]{0,20}[A-Za-z0-9])?", fullmatch=True))
def test_pep503_names_are_idempotent_lower_case_and_separator_free(name: str) -> None:
    normal = pypi_name(name)
    assert pypi_name(normal) == normal
    assert normal == normal.lower()
    assert "_" not in normal and "." not in normal and "--" not in normal
    assert pypi_name(name.upper().replace("-", "_")) == normal


def test_a_broken_pyproject_is_an_analysis_error() -> None:
    source = SourceFile("pyproject.toml", b"[project\ndependencies = []\n", "head")
    with pytest.raises(AnalysisError) as caught:
        DependencyAnalyser().extract(source, frozenset({"dependency"}))
    assert caught.value.message.startswith("not valid TOML: ")


def test_a_broken_package_json_is_an_analysis_error() -> None:
    source = SourceFile("package.json", b'{"dependencies": {"a": }\n', "head")
    with pytest.raises(AnalysisError) as caught:
        DependencyAnalyser().extract(source, frozenset({"dependency"}))
    assert caught.value.message.startswith("not valid JSON: ")
