"""Throw-away git repositories built from ``fixtures/`` trees, with a hermetic git environment.

Every test repository is made by running real ``git`` on real files; nothing is mocked. The
environment pins author, committer and dates and ignores the user's and the system's git
configuration, so commit ids are the same on every machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

_DATE = "2026-01-01T00:00:00+00:00"


def hermetic_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="Test Author",
        GIT_AUTHOR_EMAIL="author@example.com",
        GIT_AUTHOR_DATE=_DATE,
        GIT_COMMITTER_NAME="Test Committer",
        GIT_COMMITTER_EMAIL="committer@example.com",
        GIT_COMMITTER_DATE=_DATE,
        GIT_TERMINAL_PROMPT="0",
    )
    return env


Tree = Path | Mapping[str, "str | bytes | None"]


class GitRepo:
    """A repository under ``path``; ``commit(tree)`` replaces the working tree and commits it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.env = hermetic_env(path.parent)
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "core.autocrlf", "false")

    def git(self, *args: str, input: bytes | None = None) -> str:
        result = subprocess.run(
            ["git", *args], cwd=self.path, env=self.env, input=input, capture_output=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)} failed: {result.stderr.decode(errors='replace')}")
        return result.stdout.decode("utf-8", errors="replace").strip()

    def clear(self) -> None:
        for child in self.path.iterdir():
            if child.name == ".git":
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()

    def write(self, tree: Tree) -> None:
        """Write a fixture folder, or a mapping of path -> text/bytes (``None`` deletes the path)."""
        if isinstance(tree, Path):
            shutil.copytree(tree, self.path, dirs_exist_ok=True, symlinks=True)
            return
        for rel, content in tree.items():
            target = self.path / rel
            if content is None:
                if target.is_dir():
                    shutil.rmtree(target)
                elif target.exists() or target.is_symlink():
                    target.unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_bytes(content.encode("utf-8"))

    def commit(self, tree: Tree | None = None, message: str = "change", *, replace: bool = True) -> str:
        """Make the working tree ``tree`` (replacing it unless ``replace`` is false) and commit it."""
        if tree is not None:
            if replace:
                self.clear()
            self.write(tree)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.is_dir():
        raise FileNotFoundError(path)
    return path


def scenario_repo(tmp_path: Path, name: str) -> tuple[GitRepo, list[str]]:
    """A repository whose commits are the fixture ``name``'s numbered steps (``0-base``, ``1-...``).

    The first step is a whole tree; each later step is laid over the previous one, and the paths
    listed in its ``_deleted`` file (one per line) are removed. Each step's ``_message`` file, when
    present, is the commit message.
    """
    root = fixture(name)
    repo = GitRepo(tmp_path / "repo")
    shas = []
    for i, step in enumerate(sorted(p for p in root.iterdir() if p.is_dir())):
        if i == 0:
            repo.clear()
        staging = tmp_path / f"step-{i}"
        shutil.copytree(step, staging, symlinks=True)
        deleted = staging / "_deleted"
        message = staging / "_message"
        removals = deleted.read_text(encoding="utf-8").split("\n") if deleted.exists() else []
        text = message.read_text(encoding="utf-8") if message.exists() else step.name
        for control in (deleted, message):
            if control.exists():
                control.unlink()
        repo.write(staging)
        repo.write({p.strip(): None for p in removals if p.strip()})
        shas.append(repo.commit(message=text))
    return repo, shas
