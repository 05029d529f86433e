"""The worked example where agents work: its violations denied by the hook with the agent's sentence,
held at the stop, and stopped by pre-commit.

The repository is scopeguard's demo base tree (a Go backend on AWS SAM) with the project's
``agents/backend-feature-implementer.md`` and ``policies/worked-example.scope`` copied in; the agent's
proposed files are the demo's "breaks" tree (a new tabularium type, a Lambda function, a route, a table).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import scopeguard
from scopeguard.hooks import starter
from tests.integration import payloads
from tests.integration.shop import blocked, denial, hook
from tests.support.gitrepo import GitRepo

ROOT = Path(__file__).resolve().parents[2]
AGENT_FILE = ROOT / "agents" / "backend-feature-implementer.md"
POLICY = ROOT / "policies" / "worked-example.scope"
DEMO = Path(scopeguard.__file__).parent / "demo_repo"
AGENT = "backend-feature-implementer"
NO_NEW_TYPES = "NEVER create new tabularium types - only use existing ones"
NO_NEW_INFRA = (
    "NEVER add new cloud infrastructure components (Lambda functions, API Gateway routes, databases, etc.)"
)


def line_of(sentence: str) -> int:
    """The agent file's line that holds ``sentence`` (the file is the agents colleague's to edit)."""
    for number, line in enumerate(AGENT_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if sentence in line:
            return number
    raise AssertionError(f"{sentence!r} is not in {AGENT_FILE}")


@pytest.fixture
def example(tmp_path: Path) -> GitRepo:
    if not (AGENT_FILE.is_file() and POLICY.is_file()):
        pytest.skip("the worked example's agent file and policy are not in this checkout")
    repo = GitRepo(tmp_path / "assets")
    repo.write(DEMO / "base")
    (repo.path / "agents").mkdir(exist_ok=True)
    (repo.path / "policies").mkdir(exist_ok=True)
    shutil.copy(AGENT_FILE, repo.path / "agents" / AGENT_FILE.name)
    shutil.copy(POLICY, repo.path / "policies" / POLICY.name)
    repo.commit(message="The assets service")
    return repo


def breaks(rel: str) -> str:
    return (DEMO / "breaks" / rel).read_text(encoding="utf-8")


def test_a_new_tabularium_type_is_denied_with_the_agents_sentence(example: GitRepo) -> None:
    path = "pkg/model/model/widget.go"
    payload = payloads.write(str(example.path), str(example.path / path), breaks(path), agent_type=AGENT)
    lines = denial(hook(payload)).splitlines()
    rule = f"backend-feature-implementer-L{line_of(NO_NEW_TYPES)}-no-new-types"
    assert lines[0].startswith(
        f"scopeguard denied this Write of {path}: the edit breaks the rules of the agent '{AGENT}'"
    )
    assert re.fullmatch(
        rf"1\. \[{rule}\] at {path}:\d+: new class Widget: use or extend an existing type instead", lines[2]
    )
    assert (
        lines[3]
        == f'   It enforces "{NO_NEW_TYPES}" (agents/backend-feature-implementer.md:{line_of(NO_NEW_TYPES)}).'
    )


def test_new_infrastructure_is_denied_for_the_default_agent(example: GitRepo) -> None:
    example.commit(
        {"scopeguard.toml": f'default-agent = "{AGENT}"\n'}, "Hold the hook to the agent", replace=False
    )
    payload = payloads.write(str(example.path), str(example.path / "template.yml"), breaks("template.yml"))
    reason = denial(hook(payload))
    infra = (
        f'   It enforces "{NO_NEW_INFRA}" (agents/backend-feature-implementer.md:{line_of(NO_NEW_INFRA)}).'
    )
    assert re.search(r"\] at template\.yml:\d+: added resource CreateWidgetFunction: ", reason)
    assert re.search(r"\] at template\.yml:\d+: added resource WidgetsTable: ", reason)
    assert infra in reason.splitlines()


def test_the_stop_holds_what_the_shell_wrote(example: GitRepo) -> None:
    example.write(DEMO / "breaks")
    reason = blocked(hook(payloads.stop(str(example.path), subagent=AGENT)))
    assert reason.startswith(
        f"scopeguard: the change in the working tree breaks the rules of the agent '{AGENT}'"
    )
    assert f'"{NO_NEW_TYPES}"' in reason
    assert f'"{NO_NEW_INFRA}"' in reason


@pytest.mark.skipif(
    not (Path(sys.executable).parent / "pre-commit").exists(), reason="pre-commit is not installed"
)
def test_pre_commit_stops_the_breaking_commit(example: GitRepo, tmp_path: Path) -> None:
    config = starter.PRE_COMMIT_CONFIG.replace(
        "        stages: [pre-commit]\n", f"        stages: [pre-commit]\n        args: [--agent, {AGENT}]\n"
    )
    example.commit({".pre-commit-config.yaml": config}, "Check commits", replace=False)
    scripts = Path(sys.executable).parent
    env = {**example.env, "PATH": f"{scripts}:/usr/bin:/bin", "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    subprocess.run(
        [str(scripts / "pre-commit"), "install"], cwd=example.path, env=env, check=True, capture_output=True
    )
    example.write(DEMO / "breaks")
    example.git("add", "-A")
    result = subprocess.run(
        ["git", "commit", "-m", "Widgets"], cwd=example.path, env=env, capture_output=True, text=True
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "pkg/model/model/widget.go" in output
    assert f"backend-feature-implementer-L{line_of(NO_NEW_TYPES)}-no-new-types" in output
    assert f"backend-feature-implementer-L{line_of(NO_NEW_INFRA)}-no-new-infrastructure" in output
    assert json.dumps(NO_NEW_TYPES) in output or NO_NEW_TYPES in output
