"""Shallow clones of test repositories, made the way CI makes them (``git clone --depth N``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.gitrepo import GitRepo


def shallow_clone(source: GitRepo, dest: Path, *, depth: int = 1, all_branches: bool = False) -> Path:
    """A ``--depth`` clone of ``source`` over ``file://`` (a plain path would ignore ``--depth``)."""
    args = ["git", "clone", "-q", f"--depth={depth}"]
    if all_branches:
        args.append("--no-single-branch")
    args += [source.path.resolve().as_uri(), str(dest)]
    result = subprocess.run(args, env=source.env, capture_output=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"git clone failed: {result.stderr.decode(errors='replace')}")
    assert (dest / ".git" / "shallow").is_file()
    return dest
