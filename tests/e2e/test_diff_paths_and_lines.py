"""``scopeguard diff`` end to end on a real repository: path, line and limit rules, agents, tamper.

The repository is built from ``fixtures/scenarios/frontend``: a base with a policy, a change that keeps
it, one that breaks every rule (its commit names the agent in an ``Agent:`` trailer), and one that
loosens the policy itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.support.cli import run
from tests.support.gitrepo import GitRepo, scenario_repo
from tests.support.golden import assert_golden, mask


@pytest.fixture
def frontend(tmp_path: Path) -> tuple[GitRepo, list[str]]:
    return scenario_repo(tmp_path, "scenarios/frontend")


def findings(stdout: str) -> list[tuple[str, str | None, int | None, str | None]]:
    doc = json.loads(stdout)
    return [
        (f["rule"], f["path"], f["line"], f["source"]["text"] if f["source"] else None)
        for f in doc["findings"]
    ]


def test_a_change_that_keeps_the_policy_is_clean(
    frontend: tuple[GitRepo, list[str]], update_golden: bool
) -> None:
    repo, (base, keeps, _, _) = frontend
    result = run(["diff", f"{base}..{keeps}", "--repo", str(repo.path)])
    assert result.code == 0, result.stderr
    assert_golden("e2e/frontend-keeps.txt", mask(result.stdout, repo.path), update_golden)


def test_every_violation_is_reported_exactly(
    frontend: tuple[GitRepo, list[str]], update_golden: bool
) -> None:
    repo, (_, keeps, breaks, _) = frontend
    result = run(["diff", f"{keeps}..{breaks}", "--repo", str(repo.path), "--format", "json"])
    assert result.code == 1, result.stderr
    sentence = "Never commit `console.log` calls."
    assert findings(result.stdout) == [
        ("out-of-scope", "src/format.ts", 1, None),
        ("tests-with-src", "src/format.ts", 1, None),
        ("no-generated-edits", "web/api.gen.ts", 1, None),
        ("no-console-log", "web/api.gen.ts", 3, sentence),
        ("no-console-log", "web/app.ts", 5, sentence),
        ("protected-path", "web/legacy/old.ts", 1, None),
    ]
    doc = json.loads(result.stdout)
    assert doc["agent"] == "frontend"
    assert doc["summary"] == {"files_changed": 4, "findings": 6, "errors": 5, "warnings": 1, "infos": 0}
    assert doc["findings"][3]["source"] == {"path": "agents/frontend.md", "line": 9, "text": sentence}
    assert doc["findings"][4]["column"] == 3  # the first non-blank character of the added line
    assert_golden("e2e/frontend-breaks.json", mask(result.stdout, repo.path), update_golden)
    text = run(["diff", f"{keeps}..{breaks}", "--repo", str(repo.path)])
    assert text.code == 1
    assert_golden("e2e/frontend-breaks.txt", mask(text.stdout, repo.path), update_golden)


def test_output_is_byte_for_byte_deterministic(frontend: tuple[GitRepo, list[str]]) -> None:
    repo, (_, keeps, breaks, _) = frontend
    args = ["diff", f"{keeps}..{breaks}", "--repo", str(repo.path), "--format", "json"]
    runs = {run(args).stdout for _ in range(3)}
    assert len(runs) == 1


def test_fingerprints_do_not_depend_on_line_numbers(frontend: tuple[GitRepo, list[str]]) -> None:
    repo, (_, keeps, breaks, _) = frontend
    before = json.loads(
        run(["diff", f"{keeps}..{breaks}", "--repo", str(repo.path), "--format", "json"]).stdout
    )
    app = (repo.path / "web/app.ts").read_text()
    shifted = repo.commit(
        {"web/app.ts": "// a comment that moves every line down\n" + app}, "shift", replace=False
    )
    after = json.loads(
        run(["diff", f"{keeps}..{shifted}", "--repo", str(repo.path), "--format", "json"]).stdout
    )
    old = {(f["rule"], f["path"]): (f["fingerprint"], f["line"]) for f in before["findings"]}
    new = {(f["rule"], f["path"]): (f["fingerprint"], f["line"]) for f in after["findings"]}
    key = ("no-console-log", "web/app.ts")
    assert new[key][1] == old[key][1] + 1
    assert new[key][0] == old[key][0]


def test_policies_come_from_the_base_and_their_change_is_reported(
    frontend: tuple[GitRepo, list[str]],
) -> None:
    repo, (_, _, breaks, tamper) = frontend
    # the change empties the policy; it is still checked against the base's rules, and reported
    console = repo.commit({"web/app.ts": "console.log(1)\n"}, "and a console.log", replace=False)
    result = run(["diff", f"{breaks}..{console}", "--repo", str(repo.path), "--format", "json"])
    assert result.code == 1
    assert findings(result.stdout) == [
        ("policy-tamper", "policies/frontend.scope", 1, None),
        ("no-console-log", "web/app.ts", 1, "Never commit `console.log` calls."),
    ]
    # reading the policies at the head instead applies the loosened policy: only the tamper finding stays
    loose = run(
        ["diff", f"{breaks}..{console}", "--repo", str(repo.path), "--policy-ref", tamper, "--format", "json"]
    )
    assert findings(loose.stdout) == [("policy-tamper", "policies/frontend.scope", 1, None)]


def test_fail_on_sets_the_threshold(frontend: tuple[GitRepo, list[str]]) -> None:
    repo, (_, keeps, _, _) = frontend
    repo.git("checkout", "-q", "-b", "side", keeps)
    warn = repo.commit({"src/new.ts": "export const x = 1;\n"}, "a source file without a test", replace=False)
    args = ["diff", f"{keeps}..{warn}", "--repo", str(repo.path), "--format", "json"]
    default = run(args)
    assert findings(default.stdout) == [("tests-with-src", "src/new.ts", 1, None)]
    assert default.code == 0
    assert run([*args, "--fail-on", "warning"]).code == 1
    assert run([*args, "--fail-on", "info"]).code == 1
    assert run([*args, "--fail-on", "never"]).code == 0


def test_limits_are_change_wide_findings(frontend: tuple[GitRepo, list[str]]) -> None:
    repo, (_, keeps, _, _) = frontend
    repo.git("checkout", "-q", "-b", "side", keeps)
    many = {f"web/page{i}.ts": "export const page = 1;\n" * 3 for i in range(6)}
    big = repo.commit(many, "six pages", replace=False)
    result = run(["diff", f"{keeps}..{big}", "--repo", str(repo.path), "--format", "json"])
    doc = json.loads(result.stdout)
    limits = [(f["rule"], f["message"], f["path"]) for f in doc["findings"]]
    assert limits == [
        ("small-change", "added_lines is 18; the limit is 12", None),
        ("small-change", "files is 6; the limit is 5", None),
    ]
    assert result.code == 0  # warnings only


def test_working_tree_staged_and_patch_inputs(frontend: tuple[GitRepo, list[str]]) -> None:
    repo, (_, keeps, _, _) = frontend
    repo.git("checkout", "-q", keeps)
    (repo.path / "web/app.ts").write_text("console.log('wip')\n")
    worktree = run(["diff", "--repo", str(repo.path), "--format", "json"])
    assert findings(worktree.stdout) == [
        ("no-console-log", "web/app.ts", 1, "Never commit `console.log` calls.")
    ]
    assert json.loads(worktree.stdout)["head"] == "WORKTREE"
    assert run(["diff", "--staged", "--repo", str(repo.path), "--format", "json"]).code == 0
    repo.git("add", "web/app.ts")
    staged = run(["diff", "--staged", "--repo", str(repo.path), "--format", "json"])
    assert json.loads(staged.stdout)["head"] == "INDEX"
    assert findings(staged.stdout) == [
        ("no-console-log", "web/app.ts", 1, "Never commit `console.log` calls.")
    ]
    patch = repo.git("diff", "--cached") + "\n"
    repo.git("reset", "-q", "--hard")
    piped = run(["diff", "--patch", "-", "--repo", str(repo.path), "--format", "json"], stdin=patch)
    assert findings(piped.stdout) == [
        ("no-console-log", "web/app.ts", 1, "Never commit `console.log` calls.")
    ]
