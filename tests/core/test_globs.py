from __future__ import annotations

import pytest

from scopeguard.core.globs import name_matches, path_matches


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
