"""Compiled rules checked on real diffs: each shape example that carries a change is compiled from an agent
file in a real repository, and ``scopeguard diff --agent`` must report exactly the lines the example
marks — a violation is caught, and ordinary work next to it is let through."""

from __future__ import annotations

import json

import pytest

from scopeguard.agents.phrasebook import PHRASEBOOK
from scopeguard.agents.readings import Example
from tests.support.cli import run
from tests.support.gitrepo import GitRepo

CASES = [
    pytest.param(example, id=f"{shape.name}: {example.sentence[:50]}")
    for shape in PHRASEBOOK
    for example in shape.examples
    if example.changes
]


def agent_file(example: Example) -> str:
    lead = f"{example.context}\n" if example.context else ""
    return (
        "---\nname: example\ndescription: An agent that writes code.\ntools: Read, Write, Edit\n---\n\n"
        f"## Rules\n\n{lead}- {example.sentence}\n"
    )


def findings(repo: GitRepo) -> set[tuple[str, int]]:
    result = run(["diff", "HEAD~1..HEAD", "--agent", "example", "--format", "json"], cwd=repo.path)
    assert result.code in (0, 1), result.stderr
    return {(f["path"], f["line"]) for f in json.loads(result.stdout)["findings"]}


@pytest.mark.parametrize("example", CASES)
def test_a_compiled_rule_reports_the_violations_of_its_example_and_nothing_else(
    git_repo: GitRepo, example: Example
) -> None:
    base = {
        c.before_path or c.path: c.after if c.before is None else c.before
        for c in example.changes
        if c.before is not None or c.before_path is not None
    }
    git_repo.commit({".claude/agents/example.md": agent_file(example), **base}, "base")
    moved: dict[str, str | None] = {c.before_path: None for c in example.changes if c.before_path}
    git_repo.commit({**moved, **{c.path: c.after for c in example.changes}}, "change", replace=False)
    expected = {(c.path, line) for c in example.changes for line in c.reported}
    assert findings(git_repo) == expected


def test_every_new_kind_of_shape_is_checked_on_a_diff() -> None:
    checked = {shape.name for shape in PHRASEBOOK if any(e.changes for e in shape.examples)}
    assert checked >= {
        "named-code",
        "file-naming",
        "case-convention",
        "placement",
        "no-kind-of-file",
        "tests-required",
        "banned-code",
        "required-base",
        "required-decorator",
        "required-with",
        "pinned-versions",
        "unused-imports",
    }
