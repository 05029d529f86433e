"""How fast ``scopeguard diff`` checks a change that regenerates a large lock file.

A lock file (``package-lock.json``, ``poetry.lock``) is rewritten whole by a package manager: tens of
thousands of lines, a few thousand of them changed and spread over the file. Every added and removed
line is a ``line`` element, so the lines of both versions must be aligned; ``difflib`` alone took 33 s
over the file built here, patience anchors (``analysis/lines.py``) bring it under a second.

    .venv/bin/python bench/lockfile.py [--runs 5] [--packages 6000]

It builds ``bench/.work/lockfile`` (a front end with an agent file whose rules ban constructs in
TypeScript lines, and a ``package-lock.json`` of ten lines per package), rewrites every package's
version and integrity in the working tree, times the installed console script, prints the median, and
exits 1 when it is over the budget.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / ".work"
SCRIPT = Path(sys.executable).with_name("scopeguard")
BUDGET = 1.0
AGENT = "---\nname: web\n---\n- No `console.log` in committed code.\n- No `any`.\n"
_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}


def _lock(packages: int, version: str, integrity: str) -> str:
    entries = {
        f"node_modules/pkg-{i}": {
            "version": f"1.{i}.{version}",
            "resolved": f"https://registry.example/pkg-{i}/-/pkg-{i}-1.{i}.{version}.tgz",
            "integrity": f"sha512-{integrity * 40}{i}",
            "dependencies": {f"dep-{i}-{j}": "^1.0.0" for j in range(3)},
        }
        for i in range(packages)
    }
    return json.dumps({"name": "web", "lockfileVersion": 3, "packages": entries}, indent=2) + "\n"


def build(packages: int) -> Path:
    repo = WORK / "lockfile"
    if repo.exists():
        shutil.rmtree(repo)
    (repo / ".claude" / "agents").mkdir(parents=True)
    (repo / "src").mkdir()
    (repo / ".claude" / "agents" / "web.md").write_text(AGENT, encoding="utf-8")
    (repo / "src" / "app.ts").write_text("export const app = 1;\n", encoding="utf-8")
    (repo / "package-lock.json").write_text(_lock(packages, "0", "a"), encoding="utf-8")
    env = {**os.environ, **_ENV}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "bench"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    (repo / "package-lock.json").write_text(_lock(packages, "1", "b"), encoding="utf-8")
    return repo


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--packages", type=int, default=6000)
    args = parser.parse_args()
    repo = build(args.packages)
    command = [str(SCRIPT), "diff", "--agent", "web", "--format", "json"]
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=repo, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            print(done.stderr, file=sys.stderr)
            return 2
    median = statistics.median(times)
    lines = sum(1 for _ in (repo / "package-lock.json").open(encoding="utf-8"))
    summary = f"regenerated lock file of {lines} lines: median {median:.2f} s over {args.runs} runs"
    print(f"{summary} (budget {BUDGET} s)")
    return 0 if median <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
