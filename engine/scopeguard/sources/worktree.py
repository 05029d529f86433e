"""The working tree as git would commit it, staged privately: a copy of the index, a scratch object store.

Comparing a commit with the working tree needs untracked files and renames among them (an agent
that moves a file leaves a deleted path and an untracked one). ``git add -A`` finds both, with
ignore rules, clean filters and line-ending conversion exactly as git applies them, but it writes.
So it runs with ``GIT_INDEX_FILE`` pointing at a copy of the index and ``GIT_OBJECT_DIRECTORY`` at
an empty directory in the system's temporary folder, with the repository's own objects as an
alternate: the repository's ``.git`` and working tree are only read. The copy keeps the index's stat
data, so only files that changed are hashed, and the index file's own mtime, which git's check for
"racily clean" entries (edited in the same instant the index was written) depends on.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from pathlib import Path

from scopeguard.core.errors import Diagnostic, UserError
from scopeguard.sources.gitcmd import GitRunner

_ADD = ("-c", "core.splitIndex=false", "add", "--all", "--ignore-errors")


class WorktreeSnapshot:
    """A private index holding the whole working tree, and the environment that makes git use it.

    The temporary directory is removed when the snapshot is garbage-collected (or at exit), so a
    change set that still reads blobs through ``env`` keeps the snapshot alive by referencing it.
    """

    def __init__(self, runner: GitRunner, index_file: Path, objects_dir: Path) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="scopeguard-"))
        self._cleanup = weakref.finalize(self, shutil.rmtree, str(self.dir), True)
        (self.dir / "objects").mkdir()
        if index_file.is_file():
            # copy2 keeps the index's mtime, which git compares with each entry's to find the
            # "racily clean" files it must re-read; a fresh mtime would hide same-size edits
            shutil.copy2(index_file, self.dir / "index")
        alternates = [str(objects_dir)]
        if os.environ.get("GIT_ALTERNATE_OBJECT_DIRECTORIES"):
            alternates.append(os.environ["GIT_ALTERNATE_OBJECT_DIRECTORIES"])
        self.env = {
            "GIT_INDEX_FILE": str(self.dir / "index"),
            "GIT_OBJECT_DIRECTORY": str(self.dir / "objects"),
            "GIT_ALTERNATE_OBJECT_DIRECTORIES": os.pathsep.join(alternates),
        }
        result = runner.run(*_ADD, env=self.env)
        if not result.ok:
            self.close()
            raise UserError(
                diagnostics=[
                    Diagnostic(
                        f"cannot read the working tree: {result.message}",
                        suggestion="make the files readable, or check a committed range (BASE..HEAD) instead",
                    )
                ]
            )

    def close(self) -> None:
        self._cleanup()
