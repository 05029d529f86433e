"""``scopeguard check-policy``: every error of a file at once, each pointing at its place."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import run
from tests.support.gitrepo import GitRepo
from tests.support.golden import assert_golden

ROOT = Path(__file__).resolve().parents[2]


def test_every_mistake_is_reported_with_a_caret_and_a_suggestion(update_golden: bool) -> None:
    result = run(["check-policy", "fixtures/policy/bad/misspelt.scope"], cwd=ROOT)
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr.endswith("5 error(s) in 1 file(s)\n")
    assert_golden("e2e/check-policy-misspelt.txt", result.stderr, update_golden)


def test_the_projects_own_policies_are_clean() -> None:
    result = run(["check-policy"], cwd=ROOT)
    assert result.code == 0, result.stderr
    assert result.stdout == "1 policy file(s) OK: policies/worked-example.scope\n"


def test_without_arguments_it_checks_the_configured_policies_of_the_working_tree(git_repo: GitRepo) -> None:
    git_repo.commit({"policies/a.scope": "rule a:\n    forbid added file\n"}, "policy")
    (git_repo.path / "policies" / "b.scope").write_text("rule b:\n    forbid addded file\n")
    result = run(["check-policy", "--repo", str(git_repo.path)])
    assert result.code == 2
    assert result.stderr.startswith("policies/b.scope:2:12: error: ")
    assert "did you mean 'added'?" in result.stderr
