"""``scopeguard demo``: what a newcomer sees first.

It builds a throw-away repository from the trees shipped in ``scopeguard/demo_repo`` (a Go backend on
AWS SAM with an agent file and the team's vocabulary), commits a change that keeps the agent's rules
and one that breaks them, and shows both reports.
"""

from __future__ import annotations

import shutil
from importlib import resources
from importlib.abc import Traversable

from scopeguard.report.formats import render
from scopeguard.sources.scratch import ScratchRepository
from scopeguard.usecases.check import DiffRequest, run_diff

AGENT = "backend-feature-implementer"
_STEPS = (
    ("base", "Assets service: list assets"),
    ("keeps", "Add a handler that gets one asset\n\nAgent: " + AGENT),
    ("breaks", "Add widgets: a new type, a Lambda function, a table\n\nAgent: " + AGENT),
)


def _files(root: Traversable, prefix: str = "") -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        rel = f"{prefix}{entry.name}"
        if entry.is_dir():
            out.update(_files(entry, rel + "/"))
        else:
            out[rel] = entry.read_bytes()
    return out


def run_demo(*, keep: bool = False) -> str:
    data = resources.files("scopeguard") / "demo_repo"
    repo = ScratchRepository()
    try:
        shas = [repo.commit(_files(data / step), message) for step, message in _STEPS]
        keeps = run_diff(DiffRequest(repo=str(repo.root), range=f"{shas[0]}..{shas[1]}")).report
        breaks = run_diff(DiffRequest(repo=str(repo.root), range=f"{shas[1]}..{shas[2]}")).report
    finally:
        if not keep:
            shutil.rmtree(repo.root, ignore_errors=True)
    rule = "-" * 78
    out = [
        "scopeguard demo: a Go backend on AWS SAM, and an agent file whose rules say",
        '  "NEVER create new tabularium types" and "NEVER add new cloud infrastructure components".',
        f"Two commits by the agent '{AGENT}' (named in their 'Agent:' trailer) are checked against it.",
        "",
        rule,
        "1. A change that keeps the rules: a new handler and its test, using existing types.",
        f"   $ scopeguard diff {shas[0][:7]}..{shas[1][:7]}",
        rule,
        render(keeps, "text").rstrip(),
        "",
        rule,
        "2. A change that breaks them: a new tabularium type, a new Lambda function, API route and table.",
        f"   $ scopeguard diff {shas[1][:7]}..{shas[2][:7]}",
        rule,
        render(breaks, "text").rstrip(),
        "",
        rule,
        "Each finding names the file and line that broke a rule and the agent-file sentence it enforces.",
        "Next: `scopeguard compile agents/*.md` shows which sentences of your agent files are enforced;",
        "`scopeguard init` sets up a repository (configuration, hook, pre-commit, CI workflow).",
    ]
    if keep:
        out.append(f"The demo repository is kept at {repo.root}")
    return "\n".join(out) + "\n"
