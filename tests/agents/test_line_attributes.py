"""The file and line attributes compiled rules rely on: a file's name parts (naming conventions) and whether
a line is a comment as a whole (constructs in code, phrases in comments), as ``scopeguard facts`` reports
them for a real change. Rules on ``basename`` are checked on real diffs in ``test_enforcement``."""

from __future__ import annotations

import json

import pytest

from scopeguard.analysis.lines import comment_markers, is_comment, name_parts
from tests.support.cli import run
from tests.support.gitrepo import GitRepo


@pytest.mark.parametrize(
    ("path", "line", "comment"),
    [
        ("app/users.py", "    # return cache[key]", True),
        ("app/users.py", "    return cache[key]  # cached", False),
        ("src/api.ts", "  // TODO: retry", True),
        ("src/api.ts", "   * @param url the address", True),
        ("src/api.ts", "  *ptr = 1;", False),
        ("src/api.ts", "  const url = `http://${host}`; // comment after code", False),
        ("cmd/main.go", "/* block */", True),
        ("db/001_init.sql", "-- add the users table", True),
        ("db/001_init.sql", "CREATE TABLE users (id INTEGER); -- trailing", False),
        ("docs/guide.md", "<!-- generated -->", True),
        ("infra/main.tf", "# managed by terraform", True),
        ("infra/main.tf", "// also a comment", True),
        ("Makefile", "# build everything", True),
        ("Dockerfile", "RUN make # build", False),
        ("data/rows.csv", "# not a comment format", False),
    ],
)
def test_a_whole_line_comment_is_told_apart_from_code(path: str, line: str, comment: bool) -> None:
    assert is_comment(line, comment_markers(path)) is comment


def test_name_parts_of_a_path() -> None:
    assert name_parts("src/components/Button.test.tsx") == {
        "basename": "Button.test.tsx",
        "stem": "Button.test",
        "directory": "src/components",
    }
    assert name_parts("Makefile") == {"basename": "Makefile", "stem": "Makefile", "directory": ""}


def test_facts_say_which_added_lines_are_comments(git_repo: GitRepo) -> None:
    git_repo.commit({"README.md": "# x\n"}, "base")
    git_repo.commit({"app/store.py": "# a store\nSTORE = {}  # by key\n"}, "change", replace=False)
    result = run(["facts", "HEAD~1..HEAD", "--format", "json"], cwd=git_repo.path)
    assert result.code == 0, result.stderr
    lines = [e for e in json.loads(result.stdout)["elements"] if e["kind"] == "line"]
    assert [(e["path"], e["line"], e["attributes"]["comment"]) for e in lines] == [
        ("app/store.py", 1, True),
        ("app/store.py", 2, False),
    ]
