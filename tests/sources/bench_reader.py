"""How long the change reader takes on a release-sized diff (run by hand; not collected by pytest).

The Django 4.2 and 5.0 source distributions are committed as two revisions of one repository
(about 1,200 changed files); the script times reading the ``ChangeSet`` and every blob of both
sides, as a commit range, as the working tree (5.0 checked out over 4.2, untracked files included),
and as ``git diff --binary`` applied in memory. Nothing is committed to the project.

    .venv/bin/python -m tests.sources.bench_reader [--work /tmp/scopeguard-bench] [--runs 7]

Measured on the development container (2 CPUs shared with other jobs, load average about 3; Python
3.11, git 2.39), median of 9 runs, 1,231 files and 42 MB of blobs:

    range (loose objects, as just committed)    0.44 s
    range (packed objects, as in a clone)       0.34 s
    patch (git diff --binary, 20 MB)            0.45 s
    working tree (every file rewritten)         0.7 s (up to 1.0 s under load)

About half of a range is ``git diff-tree -M -C`` (copy detection alone is 0.13 s), the other half
``git cat-file --batch`` inflating 42 MB.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

from scopeguard.core.model import ChangeSet
from scopeguard.sources.repository import Repository
from tests.sources.helpers import commit, put
from tests.support.gitrepo import GitRepo

VERSIONS = ("4.2", "5.0")


def sdist(work: Path, version: str) -> Path:
    """The Django sdist of ``version``, downloaded with pip into ``work`` unless already there."""
    found = sorted(work.glob(f"[Dd]jango-{version}.tar.gz"))
    if not found:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-deps",
                "--no-binary",
                ":all:",
                f"django=={version}",
                "-d",
                str(work),
            ],
            check=True,
        )
        found = sorted(work.glob(f"[Dd]jango-{version}.tar.gz"))
    return found[0]


def unpack(archive: Path, into: Path) -> Path:
    if not into.exists():
        with tarfile.open(archive) as tar:
            tar.extractall(into, filter="data")
    (top,) = into.iterdir()
    return top


def build(work: Path) -> tuple[GitRepo, str, str, Path]:
    trees = [unpack(sdist(work, v), work / f"tree-{v}") for v in VERSIONS]
    repo_path = work / "repo"
    if repo_path.exists():
        repo = GitRepo.__new__(GitRepo)
        repo.path, repo.env = repo_path, GitRepo(work / "scratch").env
        base, head = repo.git("rev-parse", "HEAD~1"), repo.git("rev-parse", "HEAD")
    else:
        repo = GitRepo(repo_path)
        base = commit(repo, trees[0], "django 4.2")
        head = commit(repo, trees[1], "django 5.0")
    patch = work / "release.patch"
    if not patch.exists():
        patch.write_bytes(
            subprocess.run(
                ["git", "diff", "--binary", "-M", "-C", base, head],
                cwd=repo.path,
                env=repo.env,
                capture_output=True,
                check=True,
            ).stdout
        )
    return repo, base, head, trees[1]


def read_everything(changeset: ChangeSet) -> int:
    oids = [
        b.oid
        for f in changeset.files
        for b in (f.old, f.new)
        if b is not None and b.oid and b.data is None and not b.is_submodule
    ]
    assert changeset.reader is not None
    data = changeset.reader.read_blobs(oids)
    return sum(len(v) for v in data.values())


def timed(label: str, runs: int, make: Callable[[], ChangeSet]) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        changeset = make()
        size = read_everything(changeset)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    files = len(changeset.files)
    print(f"{label:<14} {files:>5} files {size / 1e6:6.1f} MB  median {median:.3f} s  (min {min(times):.3f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/scopeguard-bench"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    repo, base, head, new_tree = build(args.work)
    repository = Repository.open(repo.path)
    timed("range", args.runs, lambda: repository.changes(f"{base}..{head}"))
    packed_path = args.work / "packed"
    if not packed_path.exists():
        clone = ["git", "clone", "-q", "--no-local", str(repo.path), str(packed_path)]
        subprocess.run(clone, env=repo.env, check=True)
    packed = Repository.open(packed_path)
    timed("range, packed", args.runs, lambda: packed.changes(f"{base}..{head}"))
    timed("patch", args.runs, lambda: repository.changes(base, patch=str(args.work / "release.patch")))
    repo.git("checkout", "-q", base)
    put(repo, new_tree)
    try:
        timed("working tree", args.runs, lambda: repository.changes())
    finally:
        repo.git("checkout", "-q", "-f", head)
        repo.git("clean", "-q", "-fd")


if __name__ == "__main__":
    main()
