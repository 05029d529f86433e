"""How fast ``scopeguard hook claude-code`` answers, as Claude Code runs it: a new process per call.

The budget: an allowed single-file edit answers in a median of 0.3 s, interpreter start included.
This script builds two repositories under ``bench/.work`` — the worked example's base tree with the
hook tests' policy, and the same tree grown to a few thousand files — then times N runs of the
installed console script for each payload with ``time.perf_counter`` and prints median and p90.

    .venv/bin/python bench/hook.py [--runs 30] [--files 3000] [--importtime]

``--importtime`` also runs one allowed edit under ``python -X importtime`` and lists the imports that
cost the most, which is where start-up time goes.
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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / ".work"
DEMO_BASE = ROOT / "engine" / "scopeguard" / "demo_repo" / "base"
SHOP = ROOT / "fixtures" / "integration" / "shop"
SCRIPT = Path(sys.executable).with_name("scopeguard")
AGENT = "shop-implementer"
BUDGET = 0.3
WARMUP = 2

_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, **_ENV}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def build(name: str, extra_files: int) -> Path:
    """The worked example's tree (plus ``extra_files`` generated Go and Python files), committed."""
    repo = WORK / name
    if repo.exists():
        shutil.rmtree(repo)
    shutil.copytree(DEMO_BASE, repo)
    shutil.copytree(SHOP, repo, dirs_exist_ok=True)
    for i in range(extra_files):
        package = f"svc{i // 20:03d}"
        if i % 2:
            target = repo / "backend" / "pkg" / package / f"handler{i}.go"
            text = (
                f"package {package}\n\n// Handle{i} answers one request.\n"
                f"func Handle{i}(x int) int {{\n\treturn x + {i}\n}}\n"
            )
        else:
            target = repo / "tools" / package / f"job_{i}.py"
            text = f'"""Job {i}."""\n\n\ndef run_{i}(x: int) -> int:\n    return x + {i}\n'
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "bench")
    return repo


def payloads(repo: Path) -> dict[str, str]:
    root = str(repo)
    session = {
        "session_id": "bench",
        "transcript_path": "/tmp/bench.jsonl",
        "cwd": root,
        "permission_mode": "default",
    }

    def tool(name: str, tool_input: dict[str, object]) -> str:
        return json.dumps(
            {
                **session,
                "hook_event_name": "PreToolUse",
                "tool_name": name,
                "tool_input": tool_input,
                "tool_use_id": "toolu_bench",
                "agent_id": "a1",
                "agent_type": AGENT,
            }
        )

    return {
        "allowed Edit": tool(
            "Edit",
            {
                "file_path": f"{root}/backend/pkg/handler/assets/list.go",
                "old_string": "// List returns",
                "new_string": "// List gives",
                "replace_all": False,
            },
        ),
        "denied Write": tool(
            "Write",
            {
                "file_path": f"{root}/pkg/model/model/widget.go",
                "content": "package model\n\ntype Widget struct {\n\tName string\n}\n",
            },
        ),
        "Stop (clean tree)": json.dumps({**session, "hook_event_name": "Stop", "stop_hook_active": False}),
    }


def time_runs(
    payload: str,
    runs: int,
    check: Callable[[subprocess.CompletedProcess[str]], None],
    command: tuple[str, ...] = (str(SCRIPT), "hook", "claude-code"),
) -> list[float]:
    """Seconds per run; the first ``WARMUP`` runs (byte-code and disk caches filling) are not counted."""
    times = []
    for _ in range(runs + WARMUP):
        start = time.perf_counter()
        result = subprocess.run(command, input=payload, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        check(result)
    return times[WARMUP:]


def _expect(allowed: bool) -> Callable[[subprocess.CompletedProcess[str]], None]:
    def check(result: subprocess.CompletedProcess[str]) -> None:
        if result.returncode != 0 or (result.stdout == "") != allowed:
            raise SystemExit(f"unexpected answer (exit {result.returncode}): {result.stdout}{result.stderr}")

    return check


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def importtime(repo: Path, payload: str, top: int = 15) -> str:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "scopeguard", "hook", "claude-code"],
        input=payload,
        capture_output=True,
        text=True,
        cwd=repo,
    )
    rows = []
    for line in result.stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if len(fields) != 3 or not fields[0].strip().isdigit():
            continue
        rows.append((int(fields[1]), int(fields[0]), fields[2].strip()))
    rows.sort(reverse=True)
    lines = [f"{'cumulative':>11} {'self':>8}  module (top {top} by cumulative import time, microseconds)"]
    lines += [f"{c:>11} {o:>8}  {n}" for c, o, n in rows[:top]]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--files", type=int, default=3000, help="generated files in the larger repository")
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()
    if not SCRIPT.exists():
        raise SystemExit(f"no console script at {SCRIPT}; install scopeguard into this environment")
    WORK.mkdir(parents=True, exist_ok=True)
    repos = {
        "worked example": build("worked-example", 0),
        f"{args.files} more files": build("large", args.files),
    }
    print(
        f"scopeguard hook claude-code, {args.runs} runs each after {WARMUP} warm-up runs, a process per run"
    )
    print(f"(budget for an allowed edit: a median of {BUDGET} s)")
    print(f"{'repository':<22} {'payload':<20} {'median':>8} {'p90':>8}")
    floors = {
        "python -c pass": (sys.executable, "-c", "pass"),
        "scopeguard --version": (str(SCRIPT), "--version"),
    }
    for name, command in floors.items():
        times = time_runs("", args.runs, lambda result: None, command)
        print(f"{'(start-up floor)':<22} {name:<20} {statistics.median(times):>7.3f}s {p90(times):>7.3f}s")
    over = False
    for label, repo in repos.items():
        for name, payload in payloads(repo).items():
            times = time_runs(payload, args.runs, _expect(allowed=name != "denied Write"))
            median = statistics.median(times)
            over |= name == "allowed Edit" and median > BUDGET
            print(f"{label:<22} {name:<20} {median:>7.3f}s {p90(times):>7.3f}s")
    if args.importtime:
        print()
        print(importtime(repos["worked example"], payloads(repos["worked example"])["allowed Edit"]))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
