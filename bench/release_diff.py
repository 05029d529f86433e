"""Release-sized benchmark: ``scopeguard diff`` over Django 4.2 -> 5.0 against the floor of parsing it once.

The two sdists of Django from PyPI are committed as two revisions of a throw-away repository (about
1,200 changed files, 540 of them Python). Three things are timed, each several times (medians):

- the floor: a fresh interpreter lists the change (``git diff-tree -M``), reads the changed Python
  blobs with one ``git cat-file --batch`` and parses both sides once with the standard library's
  ``ast`` -- the least any tool that reads the code has to do;
- ``scopeguard diff BASE..HEAD --policy bench.scope --format json``, whose rules need classes,
  functions and imports (see ``POLICY``);
- a hook-sized check: ``scopeguard hook claude-code`` deciding on one proposed edit of a Python file
  under a policy with Python rules, interpreter start included.

Usage: ``.venv/bin/python bench/release_diff.py [--runs 5]``. Everything is written under
``bench/.work/`` (ignored by git). This is a script, not a test: timings depend on the machine and
on what else runs on it, which the table reports (CPUs, load average).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / ".work"
BIN = Path(sys.executable).parent
VERSIONS = ("4.2", "5.0")

POLICY = """\
rule no-new-models:
    forbid added class where base ~ "*Model"

rule tests-with-new-code:
    severity warning
    require changed file in "tests/**" when added function in "django/**"

rule no-new-http-clients:
    forbid added import where module ~ "requests*" or module ~ "httpx*"

rule api-compat:
    severity warning
    forbid modified function where breaking == true
    forbid removed class where public == true
"""

ANALYSIS = r"""
import json, sys, time
from scopeguard.analysis.engine import Facts, Need
from scopeguard.analysis.registry import analysers
from scopeguard.sources.repository import Repository
repo, base, head, jobs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
changeset = Repository.open(repo).changes(f"{base}..{head}")
facts = Facts(changeset, analysers(), jobs=jobs or None)
facts.contents.prefetch(b for f in facts.files for b in (f.old, f.new))
start, cpu = time.perf_counter(), time.process_time()
facts.prepare([Need("class"), Need("function"), Need("import")])
print(json.dumps({"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu}))
"""

FLOOR = r"""
import ast, json, subprocess, sys, time
repo, base, head = sys.argv[1:4]
t0 = time.perf_counter()
raw = subprocess.run(["git", "diff-tree", "-r", "-z", "--raw", "-M", "--no-abbrev", base, head],
                     cwd=repo, capture_output=True, check=True).stdout.split(b"\0")
oids, i = [], 0
while i < len(raw) - 1:
    meta = raw[i].split()
    paths = raw[i + 1 : i + 3] if meta[4][:1] in (b"R", b"C") else raw[i + 1 : i + 2]
    i += 1 + len(paths)
    for oid, path in ((meta[2], paths[0]), (meta[3], paths[-1])):
        if path.endswith(b".py") and oid.strip(b"0"):
            oids.append(oid)
t1 = time.perf_counter()
out = subprocess.run(["git", "cat-file", "--batch"], cwd=repo, input=b"".join(o + b"\n" for o in oids),
                     capture_output=True, check=True).stdout
blobs, at = [], 0
for _ in oids:
    end = out.index(b"\n", at)
    size = int(out[at:end].split()[2])
    blobs.append(out[end + 1 : end + 1 + size])
    at = end + 1 + size + 1
t2 = time.perf_counter()
for data in blobs:
    try:
        ast.parse(data)
    except SyntaxError:
        pass
t3 = time.perf_counter()
print(json.dumps({"blobs": len(blobs), "list": t1 - t0, "read": t2 - t1, "parse": t3 - t2}))
"""


def git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="bench",
        GIT_AUTHOR_EMAIL="bench@example.com",
        GIT_COMMITTER_NAME="bench",
        GIT_COMMITTER_EMAIL="bench@example.com",
        GIT_AUTHOR_DATE="2026-01-01T00:00:00+00:00",
        GIT_COMMITTER_DATE="2026-01-01T00:00:00+00:00",
    )
    return env


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, env=git_env(WORK), capture_output=True, check=True)
    return result.stdout.decode().strip()


def download() -> dict[str, Path]:
    """The two sdists, fetched with pip (once) into ``bench/.work/dl``."""
    dl = WORK / "dl"
    dl.mkdir(parents=True, exist_ok=True)
    found: dict[str, Path] = {}
    for version in VERSIONS:
        existing = sorted(dl.glob(f"[Dd]jango-{version}.tar.gz"))
        if not existing:
            subprocess.run(
                [
                    str(BIN / "pip"),
                    "download",
                    "--no-deps",
                    "--no-binary",
                    ":all:",
                    f"Django=={version}",
                    "-d",
                    str(dl),
                    "-q",
                ],
                check=True,
            )
            existing = sorted(dl.glob(f"[Dd]jango-{version}.tar.gz"))
        found[version] = existing[0]
    return found


def build_repository(sdists: dict[str, Path]) -> tuple[Path, str, str]:
    """A repository whose two commits are the two releases' trees; rebuilt only when missing."""
    repo = WORK / "repo"
    marker = WORK / "repo.json"
    if repo.is_dir() and marker.exists():
        shas = json.loads(marker.read_text())
        return repo, shas["base"], shas["head"]
    shutil.rmtree(repo, ignore_errors=True)
    src = WORK / "src"
    shutil.rmtree(src, ignore_errors=True)
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    shas = []
    for version in VERSIONS:
        with tarfile.open(sdists[version]) as archive:
            archive.extractall(src / version, filter="data")
        (top,) = (src / version).iterdir()
        for child in repo.iterdir():
            if child.name != ".git":
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        shutil.copytree(top, repo, dirs_exist_ok=True)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"Django {version}")
        shas.append(git(repo, "rev-parse", "HEAD"))
    marker.write_text(json.dumps({"base": shas[0], "head": shas[1]}))
    return repo, shas[0], shas[1]


def timed(command: list[str], cwd: Path, stdin: bytes | None = None) -> tuple[float, float, bytes]:
    """Wall and CPU seconds (the process and its children) of one run, and its standard output."""
    before = os.times()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True)
    wall = time.perf_counter() - start
    after = os.times()
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr.decode()}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, result.stdout


def hook_repository() -> tuple[Path, bytes]:
    """The worked example's Python tree with its policy, and a proposed edit that adds a model."""
    repo = WORK / "hook"
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(ROOT / "fixtures" / "python" / "worked" / "base", repo)
    (repo / "policies").mkdir()
    shutil.copy(ROOT / "fixtures" / "python" / "policies" / "python.scope", repo / "policies")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    models = repo / "client" / "python" / "tabularium" / "models.py"
    payload = {
        "session_id": "bench",
        "transcript_path": str(WORK / "transcript.jsonl"),
        "cwd": str(repo),
        "hook_event_name": "PreToolUse",
        "tool_name": "Edit",
        "tool_use_id": "bench",
        "tool_input": {
            "file_path": str(models),
            "old_string": "class Risk(_Base):",
            "new_string": "class Widget(_Base):\n    key: str\n\n\nclass Risk(_Base):",
        },
    }
    return repo, json.dumps(payload).encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each measurement (default 5)")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    repo, base, head = build_repository(download())
    policy = WORK / "bench.scope"
    policy.write_text(POLICY)
    scopeguard = str(BIN / "scopeguard")

    # interleaved, so that whatever else the machine runs weighs on every measurement alike
    floors, phases, diffs, cpus = [], [], [], []
    analysis: dict[str, list[float]] = {"1": [], "0": []}
    document = b""
    for _ in range(args.runs):
        wall, _, out = timed([sys.executable, "-c", FLOOR, str(repo), base, head], repo)
        floors.append(wall)
        phases.append(json.loads(out))
        wall, cpu, document = timed(
            [scopeguard, "diff", f"{base}..{head}", "--policy", str(policy), "--format", "json"], repo
        )
        diffs.append(wall)
        cpus.append(cpu)
        for jobs in analysis:
            out = timed([sys.executable, "-c", ANALYSIS, str(repo), base, head, jobs], repo)[2]
            analysis[jobs].append(json.loads(out)["wall"])
    summary = json.loads(document)["summary"]
    hook_repo, payload = hook_repository()
    hooks = [
        timed([scopeguard, "hook", "claude-code"], hook_repo, payload)[0] for _ in range(max(args.runs, 11))
    ]

    files = git(repo, "diff-tree", "-r", "--name-only", "-M", base, head).splitlines()
    floor = statistics.median(floors)
    diff = statistics.median(diffs)
    phase = {k: statistics.median(p[k] for p in phases) for k in ("list", "read", "parse")}
    rows = [
        ("machine", f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the end"),
        (
            "change",
            f"{len(files)} files, {sum(f.endswith('.py') for f in files)} Python files, "
            f"{phases[0]['blobs']} Python blobs",
        ),
        (
            "floor: list + read + ast.parse",
            f"{floor:.2f} s (list {phase['list']:.2f}, read {phase['read']:.2f}, parse {phase['parse']:.2f})",
        ),
        (
            "scopeguard diff",
            f"{diff:.2f} s wall, {statistics.median(cpus):.2f} s CPU ({summary['findings']} findings)",
        ),
        ("ratio to the floor", f"{diff / floor:.2f}x (target: at most 1.5x)"),
        (
            "analysis alone, one process",
            f"{statistics.median(analysis['1']):.2f} s (Facts.prepare, blobs already read)",
        ),
        ("analysis alone, forked workers", f"{statistics.median(analysis['0']):.2f} s"),
        ("hook, one Python edit", f"{statistics.median(hooks):.3f} s median of {len(hooks)} (target: 0.3 s)"),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    print(f"runs: floor {', '.join(f'{t:.2f}' for t in floors)}; diff {', '.join(f'{t:.2f}' for t in diffs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
