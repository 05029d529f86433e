"""Every test here runs git (ours and scopeguard's) without the user's or the system's configuration."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.gitrepo import hermetic_env


@pytest.fixture(autouse=True)
def hermetic_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env = hermetic_env(tmp_path)
    for name in list(os.environ):
        if name.startswith("GIT_") and name not in env:
            monkeypatch.delenv(name)
    for name, value in env.items():
        if name.startswith("GIT_") or name == "HOME":
            monkeypatch.setenv(name, value)
