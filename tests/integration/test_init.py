"""``scopeguard init`` on real repositories: what it writes, what it keeps, and that twice is once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scopeguard.core.config import Config, parse_config
from scopeguard.hooks import starter
from scopeguard.hooks.claude_settings import scopeguard_hooks
from tests.integration import payloads
from tests.integration.shop import AGENT, shop_repo
from tests.support.cli import run
from tests.support.gitrepo import GitRepo

WRITTEN = [
    "scopeguard.toml",
    "policies/vocabulary.scope",
    ".claude/settings.json",
    ".pre-commit-config.yaml",
    ".github/workflows/scopeguard.yml",
]


def files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def test_init_in_an_empty_repository_writes_everything(git_repo: GitRepo) -> None:
    result = run(["--repo", str(git_repo.path), "init"])
    assert result.code == 0, result.stderr
    assert result.stdout == (
        f"scopeguard init in {git_repo.path.resolve()}\n"
        "  wrote  scopeguard.toml — the configuration, with the documented defaults\n"
        "  wrote  policies/vocabulary.scope — a starter vocabulary (an example concept, commented out)\n"
        "  wrote  .claude/settings.json — Claude Code hooks for PreToolUse, Stop, SubagentStop\n"
        "  wrote  .pre-commit-config.yaml — runs `scopeguard diff --staged` on each commit\n"
        "  wrote  .github/workflows/scopeguard.yml — checks pull requests and uploads SARIF\n"
        "Next:\n"
        "  - review and commit these files: "
        "checks read policies and agent files from the committed revision\n"
        "  - run `pre-commit install` to check each commit in this clone\n"
        "  - run `scopeguard compile` to see which sentences of your agent files are enforced\n"
    )
    written = files(git_repo.path)
    assert sorted(written) == sorted(WRITTEN)
    assert written["scopeguard.toml"] == starter.CONFIG
    assert written["policies/vocabulary.scope"] == starter.VOCABULARY
    assert written[".pre-commit-config.yaml"] == starter.PRE_COMMIT_CONFIG
    assert written[".github/workflows/scopeguard.yml"] == starter.WORKFLOW
    assert json.loads(written[".claude/settings.json"]) == {"hooks": scopeguard_hooks()}


def test_init_twice_changes_nothing_the_second_time(git_repo: GitRepo) -> None:
    assert run(["--repo", str(git_repo.path), "init"]).code == 0
    before = files(git_repo.path)
    again = run(["--repo", str(git_repo.path), "init"])
    assert again.code == 0
    assert files(git_repo.path) == before
    assert again.stdout.splitlines()[1:6] == [
        "  kept   scopeguard.toml — the configuration is kept (it exists)",
        "  kept   policies/vocabulary.scope — it exists",
        "  kept   .claude/settings.json — it already runs the scopeguard hook",
        "  kept   .pre-commit-config.yaml — it already runs scopeguard",
        "  kept   .github/workflows/scopeguard.yml — it exists",
    ]


def test_init_merges_into_existing_settings_and_keeps_existing_files(git_repo: GitRepo) -> None:
    settings = {
        "permissions": {"deny": ["Read(./.env)"]},
        "hooks": {
            "PostToolUse": [{"matcher": "Edit", "hooks": [{"type": "command", "command": "gofmt -w"}]}],
        },
    }
    pre_commit = "repos:\n  - repo: local\n    hooks:\n      - id: gofmt\n        name: gofmt\n"
    git_repo.commit(
        {
            ".claude/settings.json": json.dumps(settings, indent=4),
            ".pre-commit-config.yaml": pre_commit,
            "pyproject.toml": '[project]\nname = "shop"\n\n[tool.scopeguard]\npolicies = ["rules/*.scope"]\n',
        }
    )
    result = run(["init"], cwd=git_repo.path)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == (
        "  kept   pyproject.toml — the configuration is kept ([tool.scopeguard] in pyproject.toml)"
    )
    assert lines[2:4] == [
        "  wrote  policies/vocabulary.scope — a starter vocabulary (an example concept, commented out)",
        "      the configured policies (rules/*.scope) do not include it; move it or add its folder",
    ]
    assert lines[4] == (
        "  wrote  .claude/settings.json — added the scopeguard hook for PreToolUse, Stop, SubagentStop; "
        "the rest is kept"
    )
    assert lines[5] == "  kept   .pre-commit-config.yaml — it exists; add this entry under its `repos:`"
    assert "\n".join(lines[6:16]) + "\n" == starter.PRE_COMMIT_HOOK
    merged_text = (git_repo.path / ".claude/settings.json").read_text()
    assert merged_text.startswith('{\n    "permissions": {\n        "deny": [')
    merged = json.loads(merged_text)
    assert merged["permissions"] == settings["permissions"]
    assert merged["hooks"]["PostToolUse"] == settings["hooks"]["PostToolUse"]
    assert merged["hooks"]["PreToolUse"] == scopeguard_hooks()["PreToolUse"]
    assert (git_repo.path / ".pre-commit-config.yaml").read_text() == pre_commit
    assert not (git_repo.path / "scopeguard.toml").exists()


def test_invalid_settings_are_an_error_and_left_untouched(git_repo: GitRepo) -> None:
    broken = '{\n  "hooks": {\n    "Stop": []\n  },\n}\n'
    git_repo.write({".claude/settings.json": broken})
    result = run(["--repo", str(git_repo.path), "init"])
    assert result.code == 2
    assert result.stderr == (
        "scopeguard: .claude/settings.json:5:1: error: "
        "invalid JSON: Expecting property name enclosed in double quotes\n"
        "     5 | }\n"
        "       | ^\n"
        "  fix the file (it was left unchanged) and run `scopeguard init` again\n"
    )
    assert (git_repo.path / ".claude/settings.json").read_text() == broken


def test_init_outside_a_repository_says_so(tmp_path: Path) -> None:
    result = run(["--repo", str(tmp_path), "init"])
    assert result.code == 2
    assert "not a git repository" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_and_the_authoring_commands_in_a_bare_repository_say_it_has_no_working_tree(
    tmp_path: Path,
) -> None:
    bare = tmp_path / "shop.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    before = sorted(p.name for p in bare.iterdir())
    result = run(["init", "--repo", str(bare)])
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "scopeguard: error: a bare repository has no working tree to set up\n"
        "  run scopeguard init in a clone of it\n"
    )
    assert sorted(p.name for p in bare.iterdir()) == before
    for command in (["compile"], ["check-policy"], ["explain", "no-new-files"]):
        assert run([*command, "--repo", str(bare)]).stderr == (
            "scopeguard: error: a bare repository has no working tree to read agent files and policies from\n"
            "  run this in a clone, or check a range: scopeguard diff BASE..HEAD\n"
        )


def test_the_written_configuration_reads_as_the_defaults(git_repo: GitRepo) -> None:
    run(["--repo", str(git_repo.path), "init"])
    text = (git_repo.path / "scopeguard.toml").read_text()
    assert parse_config(text, None) == Config()


def test_the_starter_vocabulary_passes_check_policy_as_written_and_uncommented(git_repo: GitRepo) -> None:
    run(["--repo", str(git_repo.path), "init"])
    vocabulary = git_repo.path / "policies/vocabulary.scope"
    as_written = run(["--repo", str(git_repo.path), "check-policy", "policies/vocabulary.scope"])
    assert (as_written.code, as_written.stdout) == (0, "1 policy file(s) OK: policies/vocabulary.scope\n")
    example = [
        line[2:]
        for line in starter.VOCABULARY.splitlines()
        if line.startswith(("# concept", "# rule", "#    "))
    ]
    assert example[0] == "concept data_model:"
    vocabulary.write_text("\n".join(example) + "\n", encoding="utf-8")
    uncommented = run(["--repo", str(git_repo.path), "check-policy", "policies/vocabulary.scope"])
    assert (uncommented.code, uncommented.stderr) == (0, "")


def test_init_leaves_a_repository_ready_for_the_hook_and_pre_commit(tmp_path: Path) -> None:
    """After ``scopeguard init`` and a commit, the hook command it wrote and pre-commit hold the rules."""
    scripts = Path(sys.executable).parent
    repo = shop_repo(tmp_path / "shop")
    assert run(["--repo", str(repo.path), "init"]).code == 0
    repo.commit(message="scopeguard init", replace=False)
    env = {
        **repo.env,
        "PATH": f"{scripts}:/usr/bin:/bin",
        "CLAUDE_PROJECT_DIR": str(repo.path),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
    }
    widget = "package model\n\ntype Widget struct {\n\tName string\n}\n"
    settings = json.loads((repo.path / ".claude/settings.json").read_text())
    (group,) = settings["hooks"]["PreToolUse"]
    payload = payloads.write(
        str(repo.path), str(repo.path / "pkg/model/model/widget.go"), widget, agent_type=AGENT
    )
    hook = subprocess.run(
        ["sh", "-c", group["hooks"][0]["command"]],
        input=payload,
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
    )
    reason = json.loads(hook.stdout)["hookSpecificOutput"]["permissionDecisionReason"]
    assert "1. [no-new-model-types] at pkg/model/model/widget.go:3: added class Widget is forbidden" in reason

    subprocess.run(
        [str(scripts / "pre-commit"), "install"], cwd=repo.path, env=env, check=True, capture_output=True
    )
    (repo.path / "pkg/model/model/widget.go").write_text(widget)
    repo.git("add", "-A")
    commit = subprocess.run(
        ["git", "commit", "-m", "widgets"], cwd=repo.path, env=env, capture_output=True, text=True
    )
    assert commit.returncode != 0
    assert "no-new-model-types" in commit.stdout + commit.stderr
