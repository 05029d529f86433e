"""pre-commit running scopeguard on real commits.

pre-commit's ``language: python`` installs a hook's repository with pip from the package index, which a
hermetic test cannot count on; so the commit tests use the entry ``scopeguard init`` writes — the
manifest's hook (``.pre-commit-hooks.yaml``) as ``repo: local`` with ``language: system``, run by the
real pre-commit from a real ``git commit`` — and ``test_starter`` holds that entry equal to the
manifest's and validates the manifest with pre-commit's own schema.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scopeguard.hooks import starter
from tests.integration.shop import shop_repo
from tests.support.gitrepo import GitRepo

BIN = Path(sys.executable).parent
WIDGET = "package model\n\n// Widget is a thing.\ntype Widget struct {\n\tName string\n}\n"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    if not (BIN / "pre-commit").exists():
        pytest.skip("pre-commit is not installed next to this interpreter")
    repo = shop_repo(tmp_path / "shop")
    repo.commit(
        {".pre-commit-config.yaml": starter.PRE_COMMIT_CONFIG}, "Check commits with scopeguard", replace=False
    )
    repo.env.update(PATH=f"{BIN}:/usr/bin:/bin", PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"))
    subprocess.run(
        [str(BIN / "pre-commit"), "install"], cwd=repo.path, env=repo.env, check=True, capture_output=True
    )
    return repo


def commit(repo: GitRepo, files: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    repo.write(files)
    repo.git("add", "-A")
    return subprocess.run(
        ["git", "commit", "-m", message], cwd=repo.path, env=repo.env, capture_output=True, text=True
    )


def test_a_commit_that_breaks_a_rule_is_stopped(repo: GitRepo) -> None:
    head = repo.git("rev-parse", "HEAD")
    result = commit(repo, {"pkg/model/model/widget.go": WIDGET}, "Add widgets")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "scopeguard" in output
    assert "Failed" in output
    assert "pkg/model/model/widget.go\n" in output
    assert re.search(r"\b4:1\s+error\s+no-new-model-types\s+added class Widget is forbidden\n", output), (
        output
    )
    assert repo.git("rev-parse", "HEAD") == head


def test_a_commit_that_keeps_the_rules_goes_through(repo: GitRepo) -> None:
    head = repo.git("rev-parse", "HEAD")
    change = {"backend/pkg/handler/assets/list.go": "package assets\n\n// List is gone for now.\n"}
    result = commit(repo, change, "Simplify the handler")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "scopeguard" in result.stdout + result.stderr
    assert "Passed" in result.stdout + result.stderr
    assert repo.git("rev-parse", "HEAD^") == head


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("SCOPEGUARD_NETWORK_TESTS"),
    reason="installs scopeguard with pip from the package index; set SCOPEGUARD_NETWORK_TESTS=1 to run",
)
def test_the_published_hook_installs_and_runs(repo: GitRepo) -> None:
    """The manifest as users use it: ``repo:`` scopeguard's repository at a commit, ``language: python``."""
    project = Path(__file__).resolve().parents[2]
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=project, capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("the project is not a git checkout")
    config = (
        f"repos:\n  - repo: {project}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: scopeguard\n"
    )
    repo.commit({".pre-commit-config.yaml": config}, "Use the published hook", replace=False)
    result = commit(repo, {"pkg/model/model/widget.go": WIDGET}, "Add widgets")
    assert result.returncode != 0
    assert re.search(
        r"\b4:1\s+error\s+no-new-model-types\s+added class Widget", result.stdout + result.stderr
    )
