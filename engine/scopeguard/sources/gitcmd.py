"""Running git: every call goes through here, with the environment that keeps reads read-only.

``GIT_OPTIONAL_LOCKS=0`` stops ``git diff``/``status`` from refreshing ``.git/index`` behind the
user's back; ``GIT_TERMINAL_PROMPT=0`` keeps a lazily fetched object (partial clones) from waiting
for a password. Plumbing commands are used throughout because their output does not depend on the
user's ``diff.*`` or ``color.*`` configuration. Processes are started through GitPython's ``Git``
(its environment, executable and error types) and fed with ``communicate`` so that large inputs
and outputs cannot deadlock.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scopeguard.core.errors import Diagnostic, UserError

if TYPE_CHECKING:
    import git

READ_ONLY_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}


@dataclass(frozen=True, slots=True)
class GitResult:
    code: int
    out: bytes
    err: bytes

    @property
    def ok(self) -> bool:
        return self.code == 0

    @property
    def message(self) -> str:
        """git's own explanation: its ``fatal:``/``error:`` lines, or the last line it printed."""
        lines = [line.strip() for line in self.err.decode("utf-8", "replace").splitlines() if line.strip()]
        serious = [line for line in lines if line.startswith(("fatal:", "error:"))]
        return "; ".join(serious or lines[-1:]) or f"exit status {self.code}"


class GitRunner:
    """Runs git commands in one repository's working directory and returns their bytes."""

    def __init__(self, repo: git.Repo) -> None:
        self._git = repo.git
        self._git.update_environment(**READ_ONLY_ENV)

    def run(self, *args: str, input: bytes | None = None, env: Mapping[str, str] | None = None) -> GitResult:
        from git.exc import GitCommandNotFound

        command = [self._git.GIT_PYTHON_GIT_EXECUTABLE or "git", *args]
        try:
            process = self._git.execute(
                command,
                as_process=True,
                istream=subprocess.PIPE if input is not None else None,
                env=dict(env) if env else None,
            )
        except GitCommandNotFound:
            raise UserError(
                diagnostics=[Diagnostic("git is not installed or not on PATH", suggestion="install git")]
            ) from None
        proc = process.proc
        assert proc is not None
        out, err = proc.communicate(input)
        return GitResult(proc.returncode, out or b"", err or b"")

    def check(self, *args: str, input: bytes | None = None, env: Mapping[str, str] | None = None) -> bytes:
        """The output of a command that must succeed; a failure is a ``UserError`` with git's reason."""
        result = self.run(*args, input=input, env=env)
        if not result.ok:
            raise UserError(diagnostics=[Diagnostic(f"git {_verb(args)} failed: {result.message}")])
        return result.out


def _verb(args: tuple[str, ...]) -> str:
    words = iter(args)
    for word in words:
        if word == "-c":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return args[0] if args else ""
