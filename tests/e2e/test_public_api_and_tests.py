"""The public API that "Ensure backward compatibility" protects is what callers use: renaming or deleting
a test (``TestGet``, ``test_get``), which only its runner calls, breaks no one."""

from __future__ import annotations

import json

from tests.support.cli import run
from tests.support.gitrepo import GitRepo

AGENT = "---\nname: dev\n---\n## Rules\n- Ensure backward compatibility with existing features.\n"
GET = "package assets\n\nfunc Get(name string) string {\n\treturn name\n}\n"
GET_TEST = (
    'package assets\n\nimport "testing"\n\n'
    'func TestGet(t *testing.T) {\n\tif Get("a") != "a" {\n\t\tt.Fatal("a")\n\t}\n}\n'
)
PY_TEST = "def test_load():\n    assert True\n"


def findings(repo: GitRepo) -> list[tuple[str, str, str, int]]:
    result = run(["diff", "--agent", "dev", "--format", "json"], cwd=repo.path)
    assert result.code in (0, 1), result.stderr
    return [(f["rule"], f["message"], f["path"], f["line"]) for f in json.loads(result.stdout)["findings"]]


def test_renaming_or_deleting_tests_breaks_no_callers(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            ".claude/agents/dev.md": AGENT,
            "assets/get.go": GET,
            "assets/get_test.go": GET_TEST,
            "tests/test_loader.py": PY_TEST,
        },
        "base",
    )
    git_repo.write(
        {"assets/get_test.go": None, "tests/test_loader.py": PY_TEST.replace("test_load", "test_loads")}
    )
    assert findings(git_repo) == []


def test_renaming_a_public_function_still_breaks_its_callers(git_repo: GitRepo) -> None:
    git_repo.commit({".claude/agents/dev.md": AGENT, "assets/get.go": GET}, "base")
    git_repo.write({"assets/get.go": GET.replace("func Get(", "func GetAsset(")})
    assert findings(git_repo) == [
        (
            "dev-L5-api-compat",
            "renamed function GetAsset breaks callers of the public API",
            "assets/get.go",
            3,
        )
    ]
