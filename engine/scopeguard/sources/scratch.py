"""Throw-away git repositories made from file trees (for ``scopeguard demo``).

Git runs with a fixed identity and dates and without the user's or the system's configuration, so
the demo shows the same commit ids on every machine and never depends on local git settings.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from scopeguard.core.errors import UserError

_DATE = "2026-01-01T12:00:00+00:00"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="scopeguard demo",
        GIT_AUTHOR_EMAIL="demo@scopeguard.invalid",
        GIT_AUTHOR_DATE=_DATE,
        GIT_COMMITTER_NAME="scopeguard demo",
        GIT_COMMITTER_EMAIL="demo@scopeguard.invalid",
        GIT_COMMITTER_DATE=_DATE,
    )
    return env


class ScratchRepository:
    """A new repository in a temporary folder; ``commit(files, message)`` writes files and commits."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or Path(tempfile.mkdtemp(prefix="scopeguard-demo-"))
        self._env = _env(self.root)
        self._git("init", "-q", "-b", "main")

    def _git(self, *args: str) -> str:
        try:
            result = subprocess.run(
                ["git", *args], cwd=self.root, env=self._env, capture_output=True, text=True, check=False
            )
        except FileNotFoundError:
            raise UserError("git is not installed or not on PATH; scopeguard needs git") from None
        if result.returncode != 0:
            raise UserError(f"git {args[0]} failed in {self.root}: {result.stderr.strip()}")
        return result.stdout.strip()

    def commit(self, files: Mapping[str, bytes], message: str) -> str:
        for rel, data in files.items():
            target = self.root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        self._git("add", "-A")
        self._git("commit", "-q", "-m", message)
        return self._git("rev-parse", "HEAD")
