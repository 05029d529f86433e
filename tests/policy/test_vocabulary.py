"""The built-in vocabulary: policy files in the package, loaded with a repository's own, meaning it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from scopeguard.core.errors import UserError
from scopeguard.core.globs import any_path_matches
from scopeguard.policy.ast import And, Compare, Not, Selector
from scopeguard.policy.resolve import Matcher, PolicySet
from scopeguard.policy.vocabulary import builtin_policy_texts, check_policy_texts, load_policies


def selects(policies: PolicySet, concept: str, path: str) -> bool:
    return any(
        all(any_path_matches(path, globs) for globs in m.path_filters)
        for m in policies.expand(Selector(concept))
        if m.kind == "file"
    )


def test_builtin_texts_are_every_scope_file_of_the_package_folder() -> None:
    folder = resources.files("scopeguard.policy").joinpath("vocabulary")
    names = sorted(e.name for e in folder.iterdir() if e.name.endswith(".scope"))
    texts = builtin_policy_texts()
    assert list(texts) == [f"<builtin>/{n}" for n in names]
    assert "<builtin>/core.scope" in texts
    assert texts["<builtin>/core.scope"] == folder.joinpath("core.scope").read_text(encoding="utf-8")


def test_the_built_ins_are_clean_and_parsed_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCOPEGUARD_NO_CACHE", "1")  # the disk cache would hand back equal copies
    assert check_policy_texts({}) == []
    assert load_policies({}).files[0] is load_policies({"x.scope": ""}).files[0]


def test_a_checked_policy_set_is_reused_from_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("SCOPEGUARD_NO_CACHE", raising=False)
    texts = {"p.scope": "rule r:\n    forbid added file\n"}
    first = load_policies(texts)
    entries = list((tmp_path / "scopeguard" / "policies").iterdir())
    assert len(entries) == 1
    second = load_policies(texts)
    assert second == first and second is not first
    assert second.source_key == entries[0].name
    # a different text is a different entry, never the cached one
    assert "s" in load_policies({"p.scope": "rule s:\n    forbid added file\n"}).rules


def test_a_policy_set_checked_by_other_checker_code_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A development install changes the checker without changing the version: an entry stored as
    "checked clean" by the old checker must not hide the errors the new one finds."""
    from scopeguard.core import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("SCOPEGUARD_NO_CACHE", raising=False)
    texts = {"p.scope": "rule r:\n    forbid added file\n"}
    load_policies(texts)
    real = cache.source_fingerprint
    seen: list[tuple[str, ...]] = []

    def changed(*packages: str) -> bytes:
        seen.append(packages)
        return real(*packages) + b"another checker"

    monkeypatch.setattr(cache, "source_fingerprint", changed)
    load_policies(texts)
    assert seen == [("policy", "core")]
    assert len(list((tmp_path / "scopeguard" / "policies").iterdir())) == 2


@pytest.mark.parametrize(
    "path",
    [
        "tests/test_api.py",
        "backend/tests/helpers.py",
        "test/fixtures/a.json",
        "pkg/model/widget_test.go",
        "service/test_widget.py",
        "service/widget_test.py",
        "conftest.py",
        "web/src/App.test.tsx",
        "web/src/api.spec.ts",
        "web/src/__tests__/render.js",
        "lib/util.test.mjs",
        "app/src/test/java/com/x/WidgetTest.java",
        "app/src/main/java/com/x/WidgetTest.java",
        "spec/models/user_spec.rb",
    ],
)
def test_test_file_selects_the_test_files_of_common_languages(path: str) -> None:
    assert selects(load_policies({}), "test_file", path)


@pytest.mark.parametrize(
    "path",
    [
        "src/app.py",
        "backend/handler.go",
        "testing.md",
        "web/src/App.tsx",
        "contest.py",
        "src/main/java/Widget.java",
    ],
)
def test_test_file_leaves_other_files_alone(path: str) -> None:
    assert not selects(load_policies({}), "test_file", path)


def test_public_api_is_public_functions_and_classes_outside_test_files() -> None:
    policies = load_policies({})
    test_globs = [g for m in policies.expand(Selector("test_file")) for f in m.path_filters for g in f]
    not_a_test = Not(Compare("path", "~", "{" + ",".join(test_globs) + "}"))
    assert policies.expand(Selector("public_api")) == (
        Matcher("function", (), And((Compare("public", "==", True), not_a_test))),
        Matcher("class", (), And((Compare("public", "==", True), not_a_test))),
    )


@pytest.mark.parametrize(
    ("phrase", "concept"),
    [
        ("tests", "test_file"),
        ("unit tests", "test_file"),
        ("test suite", "test_file"),
        ("test files", "test_file"),
        ("public apis", "public_api"),
        ("public interfaces", "public_api"),
        ("exported functions", "public_api"),
        ("backward compatibility", "public_api"),
    ],
)
def test_agent_file_phrases_name_the_concepts(phrase: str, concept: str) -> None:
    assert load_policies({}).aka_index()[phrase] == concept


def test_a_repository_extends_a_built_in_concept() -> None:
    policies = load_policies({"p.scope": 'concept test_file:\n    aka "qa checks"\n    file in "qa/**"\n'})
    assert policies.aka_index()["qa checks"] == "test_file"
    assert policies.aka_index()["unit tests"] == "test_file"
    assert selects(policies, "test_file", "qa/smoke.sh")
    assert selects(policies, "test_file", "tests/test_x.py")


def test_load_policies_raises_one_error_with_every_diagnostic_of_every_file() -> None:
    with pytest.raises(UserError) as caught:
        load_policies(
            {
                "a.scope": "rule r:\n    forbid added clas\n",
                "b.scope": "agent x:\n    enforce r, s\n    protect web/\n",
            }
        )
    assert [(d.path, d.line, d.column, d.message) for d in caught.value.diagnostics] == [
        ("a.scope", 2, 18, "unknown element kind or concept 'clas'"),
        ("b.scope", 2, 16, "agent 'x' enforces unknown rule 's'"),
        ("b.scope", 3, 13, "unexpected name 'web'"),
    ]
    assert str(caught.value).startswith("a.scope:2:18: error: unknown element kind or concept 'clas'\n")


def test_without_the_built_ins_their_concepts_are_unknown() -> None:
    text = "rule r:\n    require changed test_file when added function\n"
    assert sorted(load_policies({"p.scope": text}).rules) == ["r"]
    with pytest.raises(UserError) as caught:
        load_policies({"p.scope": text}, builtin=False)
    assert [d.message for d in caught.value.diagnostics] == ["unknown element kind or concept 'test_file'"]


def test_loaded_policies_keep_files_in_order_built_ins_first() -> None:
    policies = load_policies(
        {"z.scope": "rule z:\n    forbid added file\n", "a.scope": "rule a:\n    limit files <= 3\n"}
    )
    paths = [f.path for f in policies.files]
    assert paths == [*builtin_policy_texts(), "z.scope", "a.scope"]
    assert policies.rules["z"].path == "z.scope"
