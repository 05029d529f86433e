"""``forbid added secret`` with the built-in vocabulary, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.analysis.infra.changes import fixture_text
from tests.support.cli import run
from tests.support.gitrepo import GitRepo

POLICY = """\
rule no-secrets:
    severity error
    forbid added secret
    message "remove the {name} from {path}; read it from the environment or a secret store"
"""


def test_a_committed_credential_is_reported_redacted_and_an_old_one_is_not(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    clean = fixture_text("secrets/clean_settings.py")
    old_env = "DB_PASSWORD=Old-Pa55word-2019\n"
    base = repo.commit(
        {"importer/settings.py": clean, "legacy.env": old_env, "policies/s.scope": POLICY}, "base"
    )
    leaky = clean + 'GITHUB_TOKEN = "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R"\n'
    head = repo.commit(
        {"importer/settings.py": leaky, "legacy.env": "DB_HOST=db\n" + old_env},
        "change",
        replace=False,
    )
    result = run(["diff", f"{base}..{head}", "--repo", str(repo.path), "--format", "json"])
    assert result.code == 1, result.stderr
    assert "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R" not in result.stdout
    findings = [
        (f["rule"], f["change"], f["element"]["name"], f["path"], f["line"], f["column"], f["message"])
        for f in json.loads(result.stdout)["findings"]
    ]
    assert findings == [
        (
            "no-secrets",
            "added",
            "GitHub token ghp_…",
            "importer/settings.py",
            23,
            17,
            "remove the GitHub token ghp_… from importer/settings.py; "
            "read it from the environment or a secret store",
        )
    ]
