"""The GitHub Action: its metadata, and its shell steps run in order on a real shallow clone.

GitHub runs a composite action's steps; here each ``run`` step is run with bash the way the runner does
(``bash -e -o pipefail``, the step's ``env`` and ``working-directory``, ``$GITHUB_OUTPUT`` read back into
``steps.<id>.outputs``), with ``${{ inputs.* }}`` taken from the declared defaults. ``uses`` steps
(setup-python, the SARIF upload) and the install step are the runner's business and are skipped:
scopeguard is already installed next to this interpreter.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.integration.shop import AGENT, shop_repo
from tests.support.gitrepo import GitRepo

ROOT = Path(__file__).resolve().parents[2]
ACTION = ROOT / "action.yml"
WIDGET = "package model\n\n// Widget is a thing.\ntype Widget struct {\n\tName string\n}\n"


def action() -> dict[str, Any]:
    data = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# --- metadata --------------------------------------------------------------------------------------


def test_the_action_is_a_composite_whose_steps_use_only_declared_inputs() -> None:
    data = action()
    assert data["runs"]["using"] == "composite"
    text = ACTION.read_text(encoding="utf-8")
    assert set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", text)) == set(data["inputs"])
    step_ids = {s.get("id") for s in data["runs"]["steps"]}
    assert set(re.findall(r"steps\.([A-Za-z0-9_-]+)\.", text)) <= step_ids


def test_the_action_runs_steps_with_bash_and_its_scripts_exist() -> None:
    for step in action()["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash", step.get("name")
        for script in re.findall(r"\$GITHUB_ACTION_PATH/([\w./-]+)", step.get("run", "")):
            path = ROOT / script
            assert path.is_file(), script
            assert path.stat().st_mode & 0o111, f"{script} is not executable"


def test_the_action_uploads_sarif_and_fails_on_the_chosen_severity() -> None:
    steps = action()["runs"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"] == {
        "sarif_file": "${{ inputs.working-directory }}/${{ inputs.sarif-file }}",
        "category": "scopeguard",
    }
    assert upload["continue-on-error"] is True
    runs = [s["run"] for s in steps if "run" in s]
    assert any("--format sarif" in r and "--fail-on never" in r for r in runs)
    assert any('--format github --fail-on "$FAIL_ON"' in r for r in runs)


# --- the steps, run -----------------------------------------------------------------------------------


@dataclass
class Run:
    outputs: dict[str, dict[str, str]]
    codes: list[tuple[str, int]]
    stdout: str
    stderr: str


def run_action(workspace: Path, inputs: dict[str, str], tmp_path: Path) -> Run:
    """The action's ``run`` steps in order, stopping at the first that fails, as the runner does."""
    data = action()
    values = {name: str(spec.get("default", "")) for name, spec in data["inputs"].items()}
    values.update(inputs)
    outputs: dict[str, dict[str, str]] = {}
    codes: list[tuple[str, int]] = []
    out, err = [], []
    summary = tmp_path / "step-summary.md"

    def expand(text: str) -> str:
        def value(match: re.Match[str]) -> str:
            expression = match.group(1).strip()
            if expression.startswith("inputs."):
                return values[expression.removeprefix("inputs.")]
            step, _, key = expression.removeprefix("steps.").partition(".outputs.")
            return outputs.get(step, {}).get(key, "")

        return re.sub(r"\$\{\{(.*?)\}\}", value, text)

    for number, step in enumerate(data["runs"]["steps"]):
        if "run" not in step or step.get("name") == "Install scopeguard":
            continue
        output_file = tmp_path / f"output-{number}"
        output_file.write_text("")
        env = {
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            "GITHUB_ACTION_PATH": str(ROOT),
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_STEP_SUMMARY": str(summary),
            **{k: expand(str(v)) for k, v in step.get("env", {}).items()},
        }
        cwd = workspace / expand(step.get("working-directory", "."))
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", expand(step["run"])],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
        )
        out.append(result.stdout)
        err.append(result.stderr)
        codes.append((step.get("name", step.get("id", "")), result.returncode))
        if "id" in step:
            lines = output_file.read_text().splitlines()
            outputs[step["id"]] = dict(line.split("=", 1) for line in lines if "=" in line)
        if result.returncode != 0:
            break
    return Run(outputs, codes, "".join(out), "".join(err))


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[GitRepo, Path]:
    """A branch with one commit on the shop, and a depth-1 clone of it: what actions/checkout leaves."""
    upstream = shop_repo(tmp_path / "upstream")
    upstream.git("checkout", "-q", "-b", "feature")
    upstream.commit({"pkg/model/model/widget.go": WIDGET}, "Add widgets", replace=False)
    upstream.commit(
        {"backend/pkg/handler/assets/list.go": "package assets\n"}, "Trim the handler", replace=False
    )
    clone = tmp_path / "checkout"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--branch", "feature", upstream.path.as_uri(), str(clone)],
        env=upstream.env,
        check=True,
        capture_output=True,
    )
    return upstream, clone


def test_the_steps_check_a_pull_request_from_a_shallow_clone(
    pull_request: tuple[GitRepo, Path], tmp_path: Path
) -> None:
    upstream, clone = pull_request
    result = run_action(clone, {"base": "main", "agent": AGENT}, tmp_path)
    assert [name for name, _ in result.codes] == [
        "Find the pull request's range",
        "scopeguard (SARIF)",
        "scopeguard",
    ]
    assert [code for _, code in result.codes] == [0, 0, 1]  # findings fail the job
    base = upstream.git("rev-parse", "main")
    head = upstream.git("rev-parse", "feature")
    assert result.outputs["range"] == {"base": base, "head": head, "range": f"{base}..{head}"}
    sarif = json.loads((clone / "scopeguard.sarif").read_text())
    (run,) = sarif["runs"]
    results = [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in run["results"]
    ]
    assert results == [("no-new-model-types", "pkg/model/model/widget.go")]
    assert "::error file=pkg/model/model/widget.go,line=4," in result.stdout
    assert (tmp_path / "step-summary.md").read_text().strip() != ""


def test_a_pull_request_that_keeps_the_rules_passes(
    pull_request: tuple[GitRepo, Path], tmp_path: Path
) -> None:
    upstream, _ = pull_request
    upstream.git("checkout", "-q", "-b", "clean", "main")
    upstream.commit({"backend/pkg/handler/assets/list.go": "package assets\n"}, "Trim", replace=False)
    clean = tmp_path / "clean"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--branch", "clean", upstream.path.as_uri(), str(clean)],
        env=upstream.env,
        check=True,
        capture_output=True,
    )
    result = run_action(clean, {"base": "main", "agent": AGENT}, tmp_path)
    assert [code for _, code in result.codes] == [0, 0, 0]
    assert json.loads((clean / "scopeguard.sarif").read_text())["runs"][0]["results"] == []


def test_too_shallow_a_clone_fails_with_the_setting_to_use(
    pull_request: tuple[GitRepo, Path], tmp_path: Path
) -> None:
    _, clone = pull_request
    result = run_action(clone, {"base": "main", "max-fetch-depth": "0"}, tmp_path)
    assert result.codes == [("Find the pull request's range", 2)]
    assert "set 'fetch-depth: 0' on actions/checkout" in result.stderr
