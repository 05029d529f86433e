from __future__ import annotations

import fnmatch
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scopeguard.core.globs import glob_error, name_matches, path_matches


@pytest.mark.parametrize(
    ("glob", "path", "expected"),
    [
        ("src/**", "src/a.py", True),
        ("src/**", "src/pkg/deep/a.py", True),
        ("src/**", "lib/src/a.py", False),
        ("**/pkg/model/model/*.go", "pkg/model/model/asset.go", True),
        ("**/pkg/model/model/*.go", "svc/pkg/model/model/asset.go", True),
        ("**/pkg/model/model/*.go", "pkg/model/model/sub/asset.go", False),
        ("*.gen.ts", "web/api/client.gen.ts", True),
        ("*.gen.ts", "client.gen.ts", True),
        ("template.yml", "template.yml", True),
        ("template.yml", "stacks/template.yml", True),
        ("/template.yml", "stacks/template.yml", False),
        ("/template.yml", "template.yml", True),
        ("./template.yml", "template.yml", True),
        ("web/", "web/app.ts", True),
        ("web/", "web", False),
        ("web/", "webapp/x.ts", False),
        ("tests/**", "tests", False),
        ("**/test_*.py", "test_a.py", True),
        ("**/test_*.py", "pkg/tests/test_a.py", True),
        ("src/*.py", "src/a/b.py", False),
        ("src/{a,b}.py", "src/b.py", True),
        ("src/{a,b}.py", "src/c.py", False),
        ("src/[ab].py", "src/a.py", True),
        ("src/[!ab].py", "src/a.py", False),
        ("src/?.py", "src/a.py", True),
        ("src/?.py", "src/ab.py", False),
        ("a b/*.txt", "a b/c d.txt", True),
        ("**", "anything/at/all", True),
    ],
)
def test_path_globs(glob: str, path: str, expected: bool) -> None:
    assert path_matches(path, glob) is expected


@pytest.mark.parametrize(
    ("glob", "name", "expected"),
    [
        ("*BaseModel", "pydantic.BaseModel", True),
        ("*BaseModel", "BaseModel", True),
        ("*BaseModel", "pydantic.BaseModelX", False),
        ("*MustRegisterModel", "registry.Registry.MustRegisterModel", True),
        ("registry.*", "registry.Registry.MustRegisterModel", True),
        ("console.log", "console.log", True),
        ("console.log", "consoleXlog", False),
        ("GET /users/*", "GET /users/{id}", True),
    ],
)
def test_name_globs(glob: str, name: str, expected: bool) -> None:
    assert name_matches(name, glob) is expected


# --- character classes: as fnmatch reads them, never an invalid or warned-about regular expression ----


@pytest.mark.parametrize(
    ("glob", "name", "expected"),
    [
        ("*any[[]]*", "const a: any[] = []", True),  # '[[]' is a class holding '['
        ("*any[[]]*", "const a: any = 1", False),
        ("[]]", "]", True),  # a ']' first in a class is literal
        ("[!]]", "a", True),
        ("[!]]", "]", False),
        ("[\\]", "\\", True),  # a backslash in a class is literal
        ("[a&&b]", "&", True),  # no set operations
        ("[^a]", "^", True),  # '^' is literal; '!' negates
        ("[^a]", "b", False),
        ("[z-a]", "m", False),  # a range that runs backwards holds nothing, as in fnmatch
        ("x[z-ab]", "xb", True),
        ("[", "[", True),  # an unclosed '[' is literal
        ("[]", "[]", True),
    ],
)
def test_character_classes_read_as_fnmatch_does(glob: str, name: str, expected: bool) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Possible nested set" is a FutureWarning users would see
        assert name_matches(name, glob) is expected


@settings(max_examples=300, deadline=None)
@given(
    glob=st.text(alphabet="ab*?[]!^-\\&~|z/.", max_size=10),
    name=st.text(alphabet="ab[]!^-\\&~|z/.", max_size=8),
)
def test_name_globs_agree_with_fnmatch(glob: str, name: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert name_matches(name, glob) is fnmatch.fnmatchcase(name, glob)


def test_a_negated_class_in_a_path_glob_stays_within_a_folder() -> None:
    assert path_matches("src/a.py", "src[!x]a.py") is False
    assert path_matches("srcya.py", "src[!x]a.py") is True


@pytest.mark.parametrize(
    ("glob", "error"),
    [
        ("src/[z-a].py", "the character range 'z-a' runs backwards, so it matches nothing"),
        ("{a,[9-0]}", "the character range '9-0' runs backwards, so it matches nothing"),
        ("src/[a-z].py", None),
        ("[]]", None),
        ("[", None),
    ],
)
def test_glob_errors(glob: str, error: str | None) -> None:
    assert glob_error(glob) == error
