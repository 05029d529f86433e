"""``scopeguard hook claude-code`` end to end: Claude Code's payloads against a real repository.

The repository is the worked example's base tree with the tests' policy (``fixtures/integration/shop``);
each test sends what Claude Code sends and checks the exact answer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scopeguard.hooks.claude_settings import PRE_TOOL_USE_COMMAND, STOP_COMMAND
from tests.integration import payloads
from tests.integration.shop import AGENT, answer, blocked, denial, hook, shop_repo
from tests.support.cli import run_script
from tests.support.gitrepo import GitRepo

WIDGET = "package model\n\n// Widget is a thing.\ntype Widget struct {\n\tName string\n}\n"
RETHINK = "If a rule looks wrong, tell the user instead of working around it."
CLOSE_ONE = f"Change the edit so that this rule holds. {RETHINK}"
MODEL_SENTENCE = (
    '   It enforces "NEVER create new model types - reuse the ones in pkg/model/model" '
    "(agents/shop-implementer.md:12)."
)
REUSE = "   Instead: reuse or extend an existing type instead of adding one."


@pytest.fixture
def shop(tmp_path: Path) -> GitRepo:
    return shop_repo(tmp_path / "shop")


def at(repo: GitRepo, rel: str) -> str:
    return str(repo.path / rel)


# --- PreToolUse ------------------------------------------------------------------------------------


def test_an_edit_that_keeps_the_rules_is_allowed_silently(shop: GitRepo) -> None:
    payload = payloads.edit(
        str(shop.path),
        at(shop, "backend/pkg/handler/assets/list.go"),
        "var out []model.Asset",
        "out := []model.Asset{}",
        agent_type=AGENT,
    )
    result = hook(payload)
    assert (result.code, result.stdout, result.stderr) == (0, "", "")


def test_a_write_that_adds_a_model_type_is_denied(shop: GitRepo) -> None:
    result = hook(
        payloads.write(str(shop.path), at(shop, "pkg/model/model/widget.go"), WIDGET, agent_type=AGENT)
    )
    assert denial(result) == "\n".join(
        [
            "scopeguard denied this Write of pkg/model/model/widget.go: "
            "the edit breaks the rules of the agent 'shop-implementer': 1 finding.",
            "",
            "1. [no-new-model-types] at pkg/model/model/widget.go:4: added class Widget is forbidden",
            MODEL_SENTENCE,
            REUSE,
            "",
            CLOSE_ONE,
        ]
    )
    assert not (shop.path / "pkg/model/model/widget.go").exists()


def test_an_edit_that_adds_a_type_to_an_existing_file_is_denied(shop: GitRepo) -> None:
    payload = payloads.edit(
        str(shop.path),
        at(shop, "pkg/model/model/asset.go"),
        "func init() {",
        "// Tag labels an asset.\ntype Tag struct {\n\tLabel string\n}\n\nfunc init() {",
        agent_type=AGENT,
    )
    reason = denial(hook(payload))
    assert reason.splitlines()[2:5] == [
        "1. [no-new-model-types] at pkg/model/model/asset.go:13: added class Tag is forbidden",
        MODEL_SENTENCE,
        REUSE,
    ]


def test_a_multi_edit_of_a_protected_file_is_denied(shop: GitRepo) -> None:
    edits = [
        {"old_string": "Timeout: 30", "new_string": "Timeout: 60"},
        {"old_string": "StageName: prod", "new_string": "StageName: live"},
    ]
    payload = payloads.pre_tool_use(
        str(shop.path), "MultiEdit", {"file_path": at(shop, "template.yml"), "edits": edits}, AGENT
    )
    assert denial(hook(payload)) == "\n".join(
        [
            "scopeguard denied this MultiEdit of template.yml: the edit breaks the rules of the agent "
            "'shop-implementer': 2 findings.",
            "",
            "1. [out-of-scope] at template.yml:1: template.yml is outside the scope of shop-implementer "
            "(backend/**, pkg/**, notebooks/**)",
            "   Instead: change only files inside this agent's scope and leave this one unchanged.",
            "",
            "2. [protected-path] at template.yml:1: "
            "shop-implementer may not change template.yml (protected: template.yml)",
            '   It enforces "Files you must never touch: template.yml" (agents/shop-implementer.md:15).',
            "   Instead: leave this file unchanged; it is protected for this agent.",
            "",
            f"Change the edit so that these rules hold. {RETHINK}",
        ]
    )


def test_a_notebook_edit_is_checked_on_the_notebook_it_would_leave(shop: GitRepo) -> None:
    tool_input = {
        "notebook_path": at(shop, "notebooks/analysis.ipynb"),
        "cell_id": "load",
        "cell_type": "code",
        "new_source": "import json\nbreakpoint()\nassets = json.load(open('assets.json'))",
        "edit_mode": "replace",
    }
    reason = denial(hook(payloads.pre_tool_use(str(shop.path), "NotebookEdit", tool_input, AGENT)))
    # the rule has its own message, which says what to do: no generic advice is added
    assert reason.splitlines()[2:4] == [
        "1. [no-breakpoints-in-notebooks] at notebooks/analysis.ipynb:17: "
        "leave no breakpoint() in a notebook; remove it before saving the cell",
        "",
    ]
    harmless = dict(tool_input, new_source="# Counts\nlen(assets)", cell_id="intro", edit_mode="insert")
    assert hook(payloads.pre_tool_use(str(shop.path), "NotebookEdit", harmless, AGENT)).stdout == ""


def test_rules_that_judge_the_whole_change_wait_for_the_stop(shop: GitRepo) -> None:
    # a new handler before its test: `require` waits; a warning (fmt.Println) does not deny
    handler = (
        'package assets\n\nimport "fmt"\n\n// Get prints one asset.\nfunc Get(name string) {\n'
        "\tfmt.Println(name)\n}\n"
    )
    result = hook(
        payloads.write(
            str(shop.path), at(shop, "backend/pkg/handler/assets/get.go"), handler, agent_type=AGENT
        )
    )
    assert (result.code, result.stdout) == (0, "")


def test_without_an_agent_every_rule_of_every_policy_applies(shop: GitRepo) -> None:
    # no agent: no protected paths or scope, but the rules themselves
    assert hook(payloads.write(str(shop.path), at(shop, "template.yml"), "Resources: {}\n")).stdout == ""
    reason = denial(hook(payloads.write(str(shop.path), at(shop, "pkg/model/model/widget.go"), WIDGET)))
    assert reason.splitlines()[0] == (
        "scopeguard denied this Write of pkg/model/model/widget.go: "
        "the edit breaks the repository's policies: 1 finding."
    )


def test_a_subagent_the_repository_does_not_define_gets_the_default_agent(shop: GitRepo) -> None:
    notes = payloads.write(
        str(shop.path), at(shop, "docs/notes.md"), "# Notes\n", agent_type="general-purpose"
    )
    assert hook(notes).stdout == ""
    shop.commit({"scopeguard.toml": f'default-agent = "{AGENT}"\n'}, replace=False)
    reason = denial(hook(notes))
    assert reason.splitlines()[2] == (
        "1. [out-of-scope] at docs/notes.md:1: docs/notes.md is outside the scope of shop-implementer "
        "(backend/**, pkg/**, notebooks/**)"
    )


def test_a_default_agent_that_names_no_agent_is_denied_with_the_agents_there_are(shop: GitRepo) -> None:
    shop.commit({"scopeguard.toml": 'default-agent = "shop-implementor"\n'}, replace=False)
    notes = payloads.write(str(shop.path), at(shop, "docs/notes.md"), "# Notes\n")
    assert denial(hook(notes)) == (
        "scopeguard could not check this: no agent named 'shop-implementor' (from 'default-agent' in "
        "scopeguard.toml) in the policies or agent files; did you mean 'shop-implementer'?"
    )


def test_the_repository_comes_from_repo_or_from_the_payloads_cwd(shop: GitRepo, tmp_path: Path) -> None:
    payload = payloads.write(str(tmp_path), at(shop, "pkg/model/model/widget.go"), WIDGET, agent_type=AGENT)
    assert "no-new-model-types" in denial(hook(payload, repo=shop))


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("Write a file please", "the hook input is not JSON: Expecting value: line 1 column 1 (char 0)"),
        ("", "the hook input is empty (expected a JSON object on stdin)"),
        (
            '{"hook_event_name": "PreToolUse", "tool_name": "Write", "tool_input": {"file_path": 3}}',
            "'file_path' in tool_input of Write is a number, expected a string",
        ),
        (
            '{"hook_event_name": "PreToolUse", "tool_name": "Edit", '
            '"tool_input": {"file_path": "/a", "new_string": ""}}',
            "'old_string' is missing from tool_input of Edit",
        ),
    ],
)
def test_malformed_input_is_denied_with_the_problem(payload: str, reason: str) -> None:
    assert denial(hook(payload)) == f"scopeguard could not read the hook input: {reason}"


def test_a_relative_path_without_cwd_is_denied(shop: GitRepo) -> None:
    payload = json.dumps(
        {
            "hook_event_name": "PreToolUse",
            "tool_name": "Write",
            "tool_input": {"file_path": "pkg/model/model/widget.go", "content": WIDGET},
        }
    )
    assert denial(hook(payload, repo=shop)) == (
        "scopeguard could not check this: the file path 'pkg/model/model/widget.go' is relative and the hook "
        "input has no 'cwd' to resolve it"
    )


def test_a_relative_path_is_resolved_against_cwd(shop: GitRepo) -> None:
    payload = payloads.write(str(shop.path / "pkg/model"), "model/widget.go", WIDGET, agent_type=AGENT)
    assert "at pkg/model/model/widget.go:4" in denial(hook(payload))


def test_a_cwd_outside_any_repository_is_denied(tmp_path: Path) -> None:
    outside = tmp_path / "scratch"
    outside.mkdir()
    reason = denial(hook(payloads.write(str(outside), str(outside / "a.py"), "x = 1\n")))
    assert reason.startswith(f"scopeguard could not check this: {outside}: error: not a git repository")


def test_a_broken_policy_denies_with_its_diagnostic(shop: GitRepo) -> None:
    shop.commit({"policies/broken.scope": "rule oops:\n    forbidd added class\n"}, replace=False)
    reason = denial(
        hook(payloads.write(str(shop.path), at(shop, "backend/x.go"), "package x\n", agent_type=AGENT))
    )
    assert reason.startswith("scopeguard could not check this: policies/broken.scope:2:5: error:")


def test_an_internal_error_fails_closed(shop: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("scopeguard.usecases.hook.check_changeset", broken)
    reason = denial(hook(payloads.write(str(shop.path), at(shop, "backend/x.go"), "package x\n")))
    assert reason == (
        "scopeguard failed with an internal error (RuntimeError: boom), so the change could not be checked. "
        "Tell the user; it is a bug in scopeguard."
    )
    stop = blocked(hook(payloads.stop(str(shop.path))))
    assert stop.startswith("scopeguard failed with an internal error (RuntimeError: boom)")


def test_what_the_hook_does_not_judge_is_let_through(shop: GitRepo, tmp_path: Path) -> None:
    root = str(shop.path)
    quiet = [
        payloads.pre_tool_use(root, "Bash", {"command": "rm -rf backend"}),
        payloads.pre_tool_use(root, "Read", {"file_path": at(shop, "go.mod")}),
        payloads.write(root, str(tmp_path / "elsewhere.go"), WIDGET, agent_type=AGENT),
        # the tool itself refuses these and writes nothing
        payloads.edit(root, at(shop, "go.mod"), "no such text", "x", agent_type=AGENT),
        payloads.edit(root, at(shop, "pkg/model/model/missing.go"), "type", "x", agent_type=AGENT),
        json.dumps({"hook_event_name": "PostToolUse", "tool_name": "Write", "tool_input": {}}),
    ]
    for payload in quiet:
        result = hook(payload)
        assert (result.code, result.stdout, result.stderr) == (0, "", ""), payload


def test_a_write_inside_dot_git_is_denied(shop: GitRepo) -> None:
    assert denial(hook(payloads.write(str(shop.path), at(shop, ".git/hooks/pre-commit"), "exit 0\n"))) == (
        "scopeguard denied this Write: .git/hooks/pre-commit is inside .git/, which holds the hooks and "
        "history that the checks rely on. Leave .git/ alone; change files of the working tree instead."
    )


# --- Stop and SubagentStop -------------------------------------------------------------------------


def violate_through_the_shell(shop: GitRepo) -> None:
    """What an agent's shell commands leave: a handler without a test and a new model type."""
    (shop.path / "backend/pkg/handler/assets/get.go").write_text(
        "package assets\n\n// Get returns one asset.\nfunc Get(name string) string {\n\treturn name\n}\n"
    )
    (shop.path / "pkg/model/model/owner.go").write_text(
        "package model\n\ntype Owner struct {\n\tName string\n}\n"
    )


STOP_FINDINGS = [
    "1. [tests-with-new-handlers] at backend/pkg/handler/assets/get.go:4: added function Get needs a changed "
    "test_file in the same change",
    '   It enforces "Write unit tests for every new handler" (agents/shop-implementer.md:13).',
    "   Instead: make the change the rule asks for as part of this work (tests: write them with the code).",
    "",
    "2. [no-new-model-types] at pkg/model/model/owner.go:3: added class Owner is forbidden",
    MODEL_SENTENCE,
    REUSE,
]


def test_stop_blocks_a_working_tree_that_breaks_the_rules(shop: GitRepo) -> None:
    violate_through_the_shell(shop)
    assert blocked(hook(payloads.stop(str(shop.path)))) == "\n".join(
        [
            "scopeguard: the change in the working tree breaks the repository's policies: 2 findings.",
            "",
            *STOP_FINDINGS,
            "",
            "Fix this before you finish: the whole working tree is checked, files written by shell commands "
            "included. If a rule looks wrong, tell the user instead of working around it.",
        ]
    )


def test_subagent_stop_holds_the_subagents_rules(shop: GitRepo) -> None:
    violate_through_the_shell(shop)
    (shop.path / "README.md").write_text("# assets\n\nNow with owners.\n")
    reason = blocked(hook(payloads.stop(str(shop.path), subagent=AGENT)))
    lines = reason.splitlines()
    assert (
        lines[0]
        == "scopeguard: the change in the working tree breaks the rules of the agent 'shop-implementer': "
        "3 findings."
    )
    assert lines[2:4] == [
        "1. [out-of-scope] at README.md:1: README.md is outside the scope of shop-implementer "
        "(backend/**, pkg/**, notebooks/**)",
        "   Instead: change only files inside this agent's scope and leave this one unchanged.",
    ]
    assert lines[5:12] == [line.replace("2. [", "3. [").replace("1. [", "2. [") for line in STOP_FINDINGS]


def test_a_second_stop_is_let_through_and_the_user_told(shop: GitRepo) -> None:
    violate_through_the_shell(shop)
    data = answer(hook(payloads.stop(str(shop.path), active=True, subagent=AGENT)))
    assert list(data) == ["systemMessage"]
    assert data["systemMessage"].splitlines()[-1] == (
        "The agent was asked once to fix this and stopped anyway; review it with `scopeguard diff`."
    )


def test_stop_is_quiet_when_the_working_tree_keeps_the_rules(shop: GitRepo) -> None:
    (shop.path / "backend/pkg/handler/assets/list.go").write_text("package assets\n")
    result = hook(payloads.stop(str(shop.path), subagent=AGENT))
    assert (result.code, result.stdout) == (0, "")


# --- the installed command, as Claude Code runs it ---------------------------------------------------


def test_the_console_script_answers_a_write(shop: GitRepo) -> None:
    payload = payloads.write(str(shop.path), at(shop, "pkg/model/model/widget.go"), WIDGET, agent_type=AGENT)
    result = run_script(["hook", "claude-code"], cwd=shop.path, stdin=payload)
    assert "1. [no-new-model-types] at pkg/model/model/widget.go:4" in denial(result)
    allowed = payloads.edit(
        str(shop.path),
        at(shop, "backend/pkg/handler/assets/list.go"),
        "// List returns",
        "// List gives",
        agent_type=AGENT,
    )
    assert run_script(["hook", "claude-code"], cwd=shop.path, stdin=allowed).stdout == ""


def _shell(command: str, payload: str, *, path: str, project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": path, "CLAUDE_PROJECT_DIR": str(project)}
    return subprocess.run(
        ["sh", "-c", command], input=payload, capture_output=True, text=True, env=env, cwd="/"
    )


def test_the_settings_commands_run_the_hook_in_the_project(shop: GitRepo) -> None:
    scripts = str(Path(sys.executable).parent)
    payload = payloads.write(str(shop.path), at(shop, "pkg/model/model/widget.go"), WIDGET, agent_type=AGENT)
    result = _shell(PRE_TOOL_USE_COMMAND, payload, path=f"{scripts}:/usr/bin:/bin", project=shop.path)
    assert result.returncode == 0
    assert "no-new-model-types" in json.loads(result.stdout)["hookSpecificOutput"]["permissionDecisionReason"]
    violate_through_the_shell(shop)
    stop = _shell(
        STOP_COMMAND, payloads.stop(str(shop.path)), path=f"{scripts}:/usr/bin:/bin", project=shop.path
    )
    assert json.loads(stop.stdout)["decision"] == "block"


def test_the_edit_hook_blocks_when_scopeguard_cannot_start(shop: GitRepo) -> None:
    payload = payloads.write(str(shop.path), at(shop, "backend/x.go"), "package x\n")
    result = _shell(PRE_TOOL_USE_COMMAND, payload, path="/usr/bin:/bin", project=shop.path)
    assert result.returncode == 2  # Claude Code: exit 2 blocks the tool and shows stderr to the agent
    assert result.stderr.splitlines()[-1] == (
        "scopeguard could not run, so this edit is blocked: install scopeguard (pip install scopeguard) "
        "where Claude Code runs, or remove its hook from .claude/settings.json"
    )


# --- an agent defined by its agent file -------------------------------------------------------------

WRITER = "shop-writer"  # fixtures/integration/shop/.claude/agents/shop-writer.md


def test_a_subagents_own_file_is_compiled_and_its_sentence_quoted(shop: GitRepo) -> None:
    payload = payloads.write(str(shop.path), at(shop, "pkg/model/model/widget.go"), WIDGET, agent_type=WRITER)
    assert denial(hook(payload)) == "\n".join(
        [
            "scopeguard denied this Write of pkg/model/model/widget.go: "
            "the edit breaks the rules of the agent 'shop-writer': 1 finding.",
            "",
            "1. [shop-writer-L12-no-new-types] at pkg/model/model/widget.go:4: "
            "new class Widget: use or extend an existing type instead",
            '   It enforces "NEVER create new model types - use the ones in pkg/model/model" '
            "(.claude/agents/shop-writer.md:12).",
            "",
            CLOSE_ONE,
        ]
    )


def test_a_subagent_named_unlike_a_policy_name_keeps_its_rules(shop: GitRepo) -> None:
    """An agent file named "Shop Writer" compiles to the agent Shop-Writer; the hook input names it as
    the frontmatter does, and its rules hold instead of the default agent's (none here)."""
    writer = (shop.path / ".claude" / "agents" / "shop-writer.md").read_text()
    shop.commit(
        {".claude/agents/shop-writer.md": writer.replace("name: shop-writer", "name: Shop Writer")},
        replace=False,
    )
    payload = payloads.edit(
        str(shop.path), at(shop, "go.mod"), "go 1.22", "go 1.23", agent_type="Shop Writer"
    )
    assert denial(hook(payload)).splitlines()[2] == (
        "1. [Shop-Writer-L13-protect] at go.mod:1: go.mod may not be changed by this agent"
    )


def test_a_file_the_agent_file_protects_is_denied(shop: GitRepo) -> None:
    payload = payloads.edit(str(shop.path), at(shop, "go.mod"), "go 1.22", "go 1.23", agent_type=WRITER)
    assert denial(hook(payload)).splitlines()[2:4] == [
        "1. [shop-writer-L13-protect] at go.mod:1: go.mod may not be changed by this agent",
        '   It enforces "Files you must never touch: `template.yml`, `go.mod`" '
        "(.claude/agents/shop-writer.md:13).",
    ]


def test_subagent_stop_with_the_agent_files_rules(shop: GitRepo) -> None:
    # the agent file's test rule is a warning: a handler without a test does not hold the stop ...
    handler = (
        "package assets\n\n// Get returns one asset.\nfunc Get(name string) string {\n\treturn name\n}\n"
    )
    (shop.path / "backend/pkg/handler/assets/get.go").write_text(handler)
    assert hook(payloads.stop(str(shop.path), subagent=WRITER)).stdout == ""
    # ... and a model type written by a shell command does
    (shop.path / "pkg/model/model/owner.go").write_text(
        "package model\n\ntype Owner struct {\n\tName string\n}\n"
    )
    reason = blocked(hook(payloads.stop(str(shop.path), subagent=WRITER)))
    assert reason.splitlines()[:4] == [
        "scopeguard: the change in the working tree breaks the rules of the agent 'shop-writer': 1 finding.",
        "",
        "1. [shop-writer-L12-no-new-types] at pkg/model/model/owner.go:3: "
        "new class Owner: use or extend an existing type instead",
        '   It enforces "NEVER create new model types - use the ones in pkg/model/model" '
        "(.claude/agents/shop-writer.md:12).",
    ]


def test_a_repository_reached_through_a_symbolic_link(shop: GitRepo, tmp_path: Path) -> None:
    link = tmp_path / "link-to-shop"
    link.symlink_to(shop.path, target_is_directory=True)
    payload = payloads.write(str(link), str(link / "pkg/model/model/widget.go"), WIDGET, agent_type=AGENT)
    assert (
        denial(hook(payload))
        .splitlines()[2]
        .startswith("1. [no-new-model-types] at pkg/model/model/widget.go:4:")
    )


def test_a_repository_without_commits_has_no_rules_yet(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "new")
    repo.write({"b.py": "class B:\n    pass\n"})
    write = payloads.write(str(repo.path), str(repo.path / "a.py"), "class A:\n    pass\n")
    assert hook(write).stdout == ""
    assert hook(payloads.stop(str(repo.path))).stdout == ""
    # a policy is still a change to the rules, which a human reviews
    repo.write({"policies/p.scope": "rule no-classes:\n    forbid added class\n"})
    assert "1. [policy-tamper] at policies/p.scope:1:" in blocked(hook(payloads.stop(str(repo.path))))


def test_answers_survive_an_ascii_locale(shop: GitRepo) -> None:
    content = "package model\n\n// Widget — a thing, for the café.\ntype Widget struct {\n\tName string\n}\n"
    payload = payloads.write(str(shop.path), at(shop, "pkg/model/model/widget.go"), content, agent_type=AGENT)
    env = {"PYTHONIOENCODING": "ascii", "LC_ALL": "C", "PYTHONUTF8": "0"}
    result = run_script(["hook", "claude-code"], cwd=shop.path, stdin=payload, env=env)
    assert result.stdout.isascii()
    assert denial(result).splitlines()[2] == (
        "1. [no-new-model-types] at pkg/model/model/widget.go:4: added class Widget is forbidden"
    )
