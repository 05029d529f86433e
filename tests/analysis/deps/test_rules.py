"""``forbid added dependency`` with the built-in vocabulary, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.analysis.infra.changes import fixture_text
from tests.support.cli import run
from tests.support.gitrepo import GitRepo

POLICY = """\
rule no-new-dependencies:
    severity error
    forbid added dependency
    message "add no dependency ({name}); use what {path} already declares"

rule no-new-runtime-dependencies:
    severity warning
    forbid modified runtime_dependency where previous_group != "main"
"""


def test_new_and_promoted_dependencies_are_reported_and_a_version_bump_is_not(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    pyproject = fixture_text("deps/python/pyproject.toml")
    base = repo.commit({"pyproject.toml": pyproject, "policies/deps.scope": POLICY}, "base")
    head_text = (
        pyproject.replace('"pydantic>=2.6,<3"', '"pydantic>=2.7,<3"')
        .replace('    "httpx>=0.27",\n', '    "httpx>=0.27",\n    "tenacity>=8.2",\n    "rich",\n')
        .replace('cli = ["click>=8.1", "rich"]', 'cli = ["click>=8.1"]')
    )
    head = repo.commit({"pyproject.toml": head_text}, "change", replace=False)
    result = run(["diff", f"{base}..{head}", "--repo", str(repo.path), "--format", "json"])
    assert result.code == 1, result.stderr
    findings = [
        (f["rule"], f["change"], f["element"]["name"], f["line"], f["message"])
        for f in json.loads(result.stdout)["findings"]
    ]
    assert findings == [
        (
            "no-new-dependencies",
            "added",
            "tenacity",
            11,
            "add no dependency (tenacity); use what pyproject.toml already declares",
        ),
        ("no-new-runtime-dependencies", "modified", "rich", 12, "modified dependency rich is forbidden"),
    ]
