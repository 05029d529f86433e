"""The Action's range script on real shallow clones: it deepens until the merge-base is there, or says
exactly which setting to use."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.gitrepo import GitRepo

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "pr-range.sh"


@pytest.fixture
def upstream(tmp_path: Path) -> tuple[GitRepo, str]:
    """main: 5 commits; feature: branches from the 3rd and adds 6; main then gains 2 more."""
    repo = GitRepo(tmp_path / "upstream")
    for i in range(1, 4):
        repo.commit({f"main{i}.txt": f"{i}\n"}, f"main {i}", replace=False)
    fork_point = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "-b", "feature")
    for i in range(1, 7):
        repo.commit({f"feature{i}.txt": f"{i}\n"}, f"feature {i}", replace=False)
    repo.git("checkout", "-q", "main")
    for i in range(4, 6):
        repo.commit({f"main{i}.txt": f"{i}\n"}, f"main {i}", replace=False)
    return repo, fork_point


@dataclass(frozen=True)
class Clone:
    path: Path
    env: dict[str, str]

    def git(self, *args: str) -> str:
        result = subprocess.run(
            ["git", *args], cwd=self.path, env=self.env, capture_output=True, text=True, check=True
        )
        return result.stdout.strip()


def clone(upstream: GitRepo, tmp_path: Path, *, depth: int | None = 1) -> Clone:
    target = tmp_path / "clone"
    shallow = ["--depth", str(depth)] if depth else []
    subprocess.run(
        ["git", "clone", "-q", *shallow, "--branch", "feature", upstream.path.as_uri(), str(target)],
        env=upstream.env,
        check=True,
        capture_output=True,
    )
    return Clone(target, upstream.env)


def run(clone: Clone, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), *args],
        cwd=clone.path,
        env={**clone.env, **(env or {})},
        capture_output=True,
        text=True,
    )


def test_a_depth_one_clone_is_deepened_until_the_merge_base_is_there(
    upstream: tuple[GitRepo, str], tmp_path: Path
) -> None:
    repo, fork_point = upstream
    shallow = clone(repo, tmp_path)
    assert shallow.git("rev-parse", "--is-shallow-repository") == "true"
    output = tmp_path / "github_output"
    result = run(shallow, "main", env={"SCOPEGUARD_DEEPEN_STEP": "2", "GITHUB_OUTPUT": str(output)})
    assert result.returncode == 0, result.stderr
    head = shallow.git("rev-parse", "HEAD")
    assert result.stdout == f"{fork_point}..{head}\n"
    assert output.read_text() == f"base={fork_point}\nhead={head}\nrange={fork_point}..{head}\n"
    assert "deepening by 2 commits" in result.stderr
    assert "deepening by 4 commits" in result.stderr


def test_a_full_clone_needs_no_fetch(upstream: tuple[GitRepo, str], tmp_path: Path) -> None:
    repo, fork_point = upstream
    result = run(clone(repo, tmp_path, depth=None), "main")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{fork_point}..")
    assert result.stderr == ""


def test_too_little_history_says_to_set_fetch_depth_zero(
    upstream: tuple[GitRepo, str], tmp_path: Path
) -> None:
    repo, _ = upstream
    shallow = clone(repo, tmp_path)
    result = run(shallow, "main", env={"SCOPEGUARD_DEEPEN_STEP": "1", "SCOPEGUARD_MAX_FETCH_DEPTH": "2"})
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "scopeguard: no merge-base of 'main' and 'HEAD' within 2 commits of this shallow clone; "
        "set 'fetch-depth: 0' on actions/checkout (with: fetch-depth: 0), or raise max-fetch-depth"
    )


def test_a_base_given_as_a_commit(upstream: tuple[GitRepo, str], tmp_path: Path) -> None:
    repo, fork_point = upstream
    shallow = clone(repo, tmp_path)
    repo.git("config", "uploadpack.allowAnySHA1InWant", "true")
    result = run(shallow, fork_point, env={"SCOPEGUARD_DEEPEN_STEP": "3"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{fork_point}..")


def test_an_unknown_base_branch_or_none(upstream: tuple[GitRepo, str], tmp_path: Path) -> None:
    repo, _ = upstream
    shallow = clone(repo, tmp_path)
    missing = run(shallow, "release")
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1] == "scopeguard: cannot fetch 'release' from the remote 'origin'"
    empty = run(shallow, "")
    assert empty.returncode == 2
    assert empty.stderr.startswith("scopeguard: no base to check from: pass the base branch")


def test_the_pull_request_merge_commit_that_actions_checkout_fetches(
    upstream: tuple[GitRepo, str], tmp_path: Path
) -> None:
    # actions/checkout on a pull request: init, fetch refs/pull/N/merge at depth 1, check it out detached
    repo, _ = upstream
    main_tip = repo.git("rev-parse", "main")
    repo.git("checkout", "-q", "--detach", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge feature into main", "feature")
    repo.git("update-ref", "refs/pull/1/merge", "HEAD")
    repo.git("checkout", "-q", "main")
    target = tmp_path / "checkout"
    target.mkdir()
    work = Clone(target, repo.env)
    work.git("init", "-q")
    work.git("remote", "add", "origin", repo.path.as_uri())
    work.git(
        "fetch", "-q", "--no-tags", "--depth=1", "origin", "+refs/pull/1/merge:refs/remotes/pull/1/merge"
    )
    work.git("checkout", "-q", "--detach", "refs/remotes/pull/1/merge")
    result = run(work, "main")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{main_tip}..{work.git('rev-parse', 'HEAD')}\n"
