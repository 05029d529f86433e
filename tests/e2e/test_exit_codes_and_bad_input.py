"""Exit codes (DESIGN §3) and every bad input: one clear message on stderr, exit 2, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.support.cli import Result, run, run_script
from tests.support.gitrepo import GitRepo, scenario_repo


@pytest.fixture
def frontend(tmp_path: Path) -> tuple[GitRepo, list[str]]:
    return scenario_repo(tmp_path, "scenarios/frontend")


def assert_user_error(result: Result, *expected_lines: str) -> None:
    assert result.code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    for line in expected_lines:
        assert line in result.stderr, result.stderr


def test_exit_code_table(frontend: tuple[GitRepo, list[str]], tmp_path: Path) -> None:
    repo, (base, keeps, breaks, _) = frontend
    r = str(repo.path)
    assert run(["diff", f"{base}..{keeps}", "--repo", r]).code == 0
    assert run(["diff", f"{keeps}..{breaks}", "--repo", r]).code == 1
    assert run(["diff", "nope..HEAD", "--repo", r]).code == 2
    assert run(["--version"]).code == 0


def test_internal_error_exits_3_without_traceback(
    frontend: tuple[GitRepo, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, (base, keeps, _, _) = frontend

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr("scopeguard.usecases.check.evaluate", broken)
    result = run(["diff", f"{base}..{keeps}", "--repo", str(repo.path)])
    assert result.code == 3
    assert result.stderr == (
        "scopeguard: internal error: RuntimeError: boom\n"
        "This is a bug in scopeguard; run again with SCOPEGUARD_DEBUG=1 for the traceback and report it.\n"
    )


def test_not_a_repository(tmp_path: Path) -> None:
    assert_user_error(run(["diff", "--repo", str(tmp_path)]), "not a git repository")


def test_unknown_revision(frontend: tuple[GitRepo, list[str]]) -> None:
    repo, _ = frontend
    assert_user_error(run(["diff", "v9.9..HEAD", "--repo", str(repo.path)]), "unknown revision 'v9.9'")


def test_staged_with_a_range_is_refused(frontend: tuple[GitRepo, list[str]]) -> None:
    repo, (base, keeps, _, _) = frontend
    assert_user_error(run(["diff", f"{base}..{keeps}", "--staged", "--repo", str(repo.path)]), "--staged")


def test_unknown_format_and_option(frontend: tuple[GitRepo, list[str]]) -> None:
    repo, _ = frontend
    assert_user_error(run(["diff", "--format", "xml", "--repo", str(repo.path)]), "invalid choice: 'xml'")
    assert_user_error(run(["diff", "--agnet", "x", "--repo", str(repo.path)]), "unrecognized arguments")
    assert_user_error(run([]), "")


def test_a_usage_error_is_said_once_by_the_command_it_is_about(frontend: tuple[GitRepo, list[str]]) -> None:
    repo = str(frontend[0].path)
    result = run(["diff", "--agnet", "x", "--repo", repo])
    assert_user_error(result)
    assert result.stderr.startswith(
        "scopeguard diff: unrecognized arguments: --agnet; did you mean '--agent'?\nusage: scopeguard diff ["
    )
    assert run(["facts", "HEAD", "extra", "--repo", repo]).stderr.startswith(
        "scopeguard facts: unrecognized arguments: extra\nusage: scopeguard facts ["
    )
    assert run(["diff", "--format", "xml", "--repo", repo]).stderr.startswith(
        "scopeguard diff: argument --format: invalid choice: 'xml'"
    )
    assert run(["--bogus"]).stderr.startswith(
        "scopeguard: unrecognized arguments: --bogus\nusage: scopeguard ["
    )


def test_repo_is_taken_after_every_command(tmp_path: Path) -> None:
    """DESIGN §3: ``--repo DIR`` works with every command, given before or after it (the demo builds its
    own repository and needs none)."""
    assert run(["demo", "--repo", str(tmp_path)]).code == 0


def test_not_a_patch_and_a_patch_that_does_not_apply(
    frontend: tuple[GitRepo, list[str]], tmp_path: Path
) -> None:
    repo, _ = frontend
    prose = tmp_path / "notes.txt"
    prose.write_text("just some notes\n")
    assert_user_error(run(["diff", "--patch", str(prose), "--repo", str(repo.path)]), "no unified diff")
    stale = tmp_path / "stale.diff"
    stale.write_text(
        "--- a/web/app.ts\n+++ b/web/app.ts\n@@ -1,2 +1,2 @@\n-this line is not there\n+x\n context\n"
    )
    assert_user_error(run(["diff", "--patch", str(stale), "--repo", str(repo.path)]), "web/app.ts")
    assert_user_error(
        run(["diff", "--patch", str(tmp_path / "missing.diff"), "--repo", str(repo.path)]), "missing.diff"
    )


def test_a_broken_policy_names_file_line_and_column(frontend: tuple[GitRepo, list[str]]) -> None:
    repo, (_, keeps, _, _) = frontend
    repo.git("checkout", "-q", "-b", "side", keeps)
    bad = repo.commit(
        {"policies/extra.scope": "rule oops:\n    forbidd added file\n"}, "bad policy", replace=False
    )
    change = repo.commit({"web/app.ts": "x\n"}, "a change", replace=False)
    result = run(["diff", f"{bad}..{change}", "--repo", str(repo.path)])
    assert_user_error(result, "policies/extra.scope:2:5", "forbidd", "did you mean 'forbid'?")
    # the working tree may hold the file fixed already: the message says where it was read
    assert result.stderr.startswith(
        "scopeguard: policies/extra.scope:2:5: error: unexpected name 'forbidd'\n"
    )
    assert result.stderr.endswith(
        f"  (read at revision {bad[:12]}, where this check takes its rules from: a change cannot loosen its "
        "own rules; fix it in a commit of its own, or give --policy-ref REV)\n"
    )


def test_a_glob_that_cannot_match_is_a_policy_error_not_an_internal_one(
    frontend: tuple[GitRepo, list[str]], tmp_path: Path
) -> None:
    repo, (base, keeps, _, _) = frontend
    policy = tmp_path / "ranges.scope"
    policy.write_text('rule r:\n    forbid added line where text ~ "[z-a]"\n')
    expected = [
        f"{policy}:2:36: error: invalid glob \"[z-a]\": the character range 'z-a' runs backwards, "
        "so it matches nothing"
    ]
    assert_user_error(run(["check-policy", str(policy)]), *expected)
    assert_user_error(
        run(["diff", f"{base}..{keeps}", "--policy", str(policy), "--repo", str(repo.path)]), *expected
    )


def test_a_character_class_of_a_compiled_rule_warns_about_nothing(git_repo: GitRepo) -> None:
    """ "No `any`" compiles to a glob with '[[]' (a class holding '['), which once made Python print a
    FutureWarning about nested sets on every run that applied it."""
    agent = "---\nname: web\n---\n- No `any`.\n"
    git_repo.commit({".claude/agents/web.md": agent, "src/a.ts": "export const a = 1;\n"}, "base")
    git_repo.write({"src/a.ts": "export const a: any[] = [];\n"})
    result = run_script(["diff", "--agent", "web"], cwd=git_repo.path, env={"PYTHONWARNINGS": "default"})
    assert result.code == 1, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(
        "src/a.ts\n  1:1  error  web-L4-ban-any  'export const a: any[] = [];' uses a construct "
        "this agent may not use\n"
    )


def test_unknown_agent_suggests_a_known_one(frontend: tuple[GitRepo, list[str]]) -> None:
    repo, (base, keeps, _, _) = frontend
    result = run(["diff", f"{base}..{keeps}", "--agent", "frontent", "--repo", str(repo.path)])
    assert_user_error(result, "no agent named 'frontent'", "did you mean 'frontend'?")


def test_an_agent_known_only_from_its_agent_file_is_suggested(git_repo: GitRepo) -> None:
    agent = "---\nname: api-dev\n---\n- Only modify files under `app/`.\n"
    git_repo.commit({".claude/agents/api-dev.md": agent, "app/a.py": "a = 1\n"}, "base")
    git_repo.write({"app/a.py": "a = 2\n"})
    result = run(["diff", "--agent", "api_dev"], cwd=git_repo.path)
    assert_user_error(result)
    assert result.stderr == (
        "scopeguard: no agent named 'api_dev' in the policies or agent files; did you mean 'api-dev'?\n"
    )
    assert run(["diff", "--agent", "nobody"], cwd=git_repo.path).stderr == (
        "scopeguard: no agent named 'nobody' in the policies or agent files; known agents: api-dev\n"
    )
    git_repo.commit({"app/a.py": "a = 3\n"}, "change\n\nAgent: general-purpose", replace=False)
    assert run(["diff", "HEAD~1..HEAD"], cwd=git_repo.path).stderr == (
        "scopeguard: no agent named 'general-purpose' (from the 'Agent:' trailer of the commits under check) "
        "in the policies or agent files; known agents: api-dev\n"
    )


def test_two_agent_files_with_one_name_are_an_error_not_a_silent_choice(git_repo: GitRepo) -> None:
    """A copied agent file whose name was not changed: its rules were silently left out."""
    git_repo.commit(
        {
            ".claude/agents/api-dev.md": "---\nname: api-dev\n---\n- Never touch `web/`.\n",
            ".claude/agents/api-dev-copy.md": "---\nname: api-dev\n---\n- Never touch `api/`.\n",
            "api/a.py": "a = 1\n",
        },
        "base",
    )
    git_repo.write({"api/a.py": "a = 2\n"})
    result = run(["diff", "--agent", "api-dev"], cwd=git_repo.path)
    assert_user_error(result)
    assert result.stderr == (
        "scopeguard: .claude/agents/api-dev.md: error: 2 agent files define the agent 'api-dev': "
        ".claude/agents/api-dev-copy.md, .claude/agents/api-dev.md\n"
        "  give each agent file a name of its own (its frontmatter 'name')\n"
    )


def test_bad_configuration(frontend: tuple[GitRepo, list[str]]) -> None:
    repo, (_, keeps, _, _) = frontend
    repo.git("checkout", "-q", "-b", "side", keeps)
    bad = repo.commit({"scopeguard.toml": 'fail_on = "error"\n'}, "config", replace=False)
    change = repo.commit({"web/app.ts": "x\n"}, "a change", replace=False)
    result = run(["diff", f"{bad}..{change}", "--repo", str(repo.path)])
    assert_user_error(
        result, "scopeguard.toml:1:1: error: unknown configuration key 'fail_on'", "did you mean 'fail-on'?"
    )
    assert result.stderr.startswith("scopeguard: scopeguard.toml:1:1: error: ")


def test_missing_explicit_policy(frontend: tuple[GitRepo, list[str]], tmp_path: Path) -> None:
    repo, (base, keeps, _, _) = frontend
    result = run(
        ["diff", f"{base}..{keeps}", "--policy", str(tmp_path / "nowhere.scope"), "--repo", str(repo.path)]
    )
    assert_user_error(result, "nowhere.scope")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_standard_output_that_cannot_be_written_is_said_so(frontend: tuple[GitRepo, list[str]]) -> None:
    repo, (base, keeps, breaks, _) = frontend
    exe = Path(sys.executable).with_name("scopeguard")
    start = [str(exe)] if exe.exists() else [sys.executable, "-m", "scopeguard"]
    for command in (["diff", f"{keeps}..{breaks}"], ["facts", f"{base}..{keeps}"]):
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [*start, *command, "--repo", str(repo.path)], stdout=full, stderr=subprocess.PIPE, text=True
            )
        assert (done.returncode, done.stderr) == (
            2,
            "scopeguard: cannot write to standard output: No space left on device\n",
        )


def test_an_empty_output_name_is_refused(frontend: tuple[GitRepo, list[str]]) -> None:
    repo, (base, keeps, _, _) = frontend
    result = run(["diff", f"{base}..{keeps}", "--output", "", "--repo", str(repo.path)])
    assert_user_error(
        result, "scopeguard: --output needs a file name (leave it out to write to standard output)"
    )


def test_the_console_script_reports_user_errors_the_same_way(tmp_path: Path) -> None:
    result = run_script(["diff", "--repo", str(tmp_path)])
    assert_user_error(result, "not a git repository")
