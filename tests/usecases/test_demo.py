"""``scopeguard demo``: what a newcomer sees first, built from the trees shipped in the package."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import run, run_script

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "engine" / "scopeguard" / "demo_repo"


def test_the_demo_ships_the_projects_own_agent_and_vocabulary() -> None:
    for rel in ("agents/backend-feature-implementer.md", "policies/worked-example.scope"):
        assert (DEMO / "base" / rel).read_bytes() == (ROOT / rel).read_bytes(), rel


def test_the_demo_shows_a_clean_change_and_a_violating_one() -> None:
    result = run(["demo"])
    assert result.code == 0, result.stderr
    out = result.stdout
    keeps, breaks = out.split("2. A change that breaks them", 1)
    assert "No findings in 2 changed files; agent backend-feature-implementer" in keeps
    expected = [
        "pkg/model/model/widget.go",
        "6:1  error    backend-feature-implementer-L21-no-new-types",
        'rule from agents/backend-feature-implementer.md:21: "NEVER create new tabularium types - only use '
        'existing ones"',
        "new call registry.Registry.MustRegisterModel: use or extend an existing type instead",
        "added resource CreateWidgetFunction: this agent works with the existing infrastructure only",
        "added route POST /widgets: this agent works with the existing infrastructure only",
        "added resource WidgetsTable: this agent works with the existing infrastructure only",
        'rule from agents/backend-feature-implementer.md:22: "NEVER add new cloud infrastructure components '
        '(Lambda functions, API Gateway routes, databases, etc.)"',
        "template.yml may not be changed by this agent",
    ]
    for line in expected:
        assert line in breaks, line


def test_the_console_script_runs_the_demo() -> None:
    result = run_script(["demo"])
    assert result.code == 0, result.stderr
    assert "2. A change that breaks them" in result.stdout
