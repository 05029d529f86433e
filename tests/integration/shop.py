"""The hook tests' repository: the worked example's base tree (scopeguard's demo repository) with the
tests' policy and a notebook from ``fixtures/integration/shop``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import scopeguard
from tests.support.cli import Result, run
from tests.support.gitrepo import GitRepo, fixture

DEMO_BASE = Path(scopeguard.__file__).parent / "demo_repo" / "base"
AGENT = "shop-implementer"


def shop_repo(path: Path) -> GitRepo:
    repo = GitRepo(path)
    repo.write(DEMO_BASE)
    repo.write(fixture("integration/shop"))
    repo.commit(message="The assets service")
    return repo


def hook(payload: str, *, repo: GitRepo | None = None) -> Result:
    """``scopeguard hook claude-code``; the repository comes from the payload's ``cwd`` unless given."""
    args = ["--repo", str(repo.path)] if repo is not None else []
    return run([*args, "hook", "claude-code"], stdin=payload)


def answer(result: Result) -> dict[str, Any]:
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def denial(result: Result) -> str:
    """The reason of a PreToolUse denial (and that the answer is exactly a denial)."""
    data = answer(result)
    output = data["hookSpecificOutput"]
    assert data == {"hookSpecificOutput": output}
    assert output["hookEventName"] == "PreToolUse"
    assert output["permissionDecision"] == "deny"
    reason = output["permissionDecisionReason"]
    assert isinstance(reason, str)
    return reason


def blocked(result: Result) -> str:
    data = answer(result)
    assert set(data) == {"decision", "reason"}
    assert data["decision"] == "block"
    reason = data["reason"]
    assert isinstance(reason, str)
    return reason
