"""Running the real command line, in process (fast) or as the installed console script."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str


def run(
    args: list[str], cwd: Path | None = None, stdin: str | None = None, env: dict[str, str] | None = None
) -> Result:
    """``scopeguard ARGS`` through ``scopeguard.cli.main`` in this process."""
    from scopeguard.cli import main

    out, err = io.StringIO(), io.StringIO()
    old_cwd = os.getcwd()
    old_stdin = sys.stdin
    old_env = dict(os.environ)
    try:
        if cwd is not None:
            os.chdir(cwd)
        if env is not None:
            os.environ.update(env)
        sys.stdin = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    finally:
        os.chdir(old_cwd)
        sys.stdin = old_stdin
        os.environ.clear()
        os.environ.update(old_env)
    return Result(code, out.getvalue(), err.getvalue())


def run_script(
    args: list[str], cwd: Path | None = None, stdin: str | None = None, env: dict[str, str] | None = None
) -> Result:
    """``scopeguard ARGS`` as a separate process: the console script users run."""
    exe = Path(sys.executable).with_name("scopeguard")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "scopeguard"]
    full_env = dict(os.environ, **(env or {}))
    r = subprocess.run(command + args, cwd=cwd, input=stdin, capture_output=True, text=True, env=full_env)
    return Result(r.returncode, r.stdout, r.stderr)
