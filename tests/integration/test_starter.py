"""The files ``scopeguard init`` writes, and the pre-commit manifest they go with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from scopeguard import __version__
from scopeguard.core.config import Config, parse_config
from scopeguard.hooks import starter

ROOT = Path(__file__).resolve().parents[2]


def test_the_configuration_spells_out_the_defaults() -> None:
    assert parse_config(starter.CONFIG, None) == Config()
    assert parse_config(starter.CONFIG, None).source == "scopeguard.toml"


def test_uncommenting_default_agent_sets_it() -> None:
    text = starter.CONFIG.replace('# default-agent = "', 'default-agent = "')
    assert parse_config(text, None).default_agent == "backend-feature-implementer"


def test_the_vocabulary_is_all_comments() -> None:
    assert all(line.startswith("#") or not line.strip() for line in starter.VOCABULARY.splitlines())


def _manifest() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["scopeguard"]
    return dict(hooks[0])


def test_the_pre_commit_manifest_passes_pre_commits_own_schema() -> None:
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "scopeguard"
    assert hook["entry"] == "scopeguard diff --staged"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["always_run"] is True
    assert hook["stages"] == ["pre-commit"]


def test_the_local_pre_commit_entry_is_the_manifests_hook(tmp_path: Path) -> None:
    from pre_commit.clientlib import load_config

    config_file = tmp_path / ".pre-commit-config.yaml"
    (repo,) = yaml.safe_load(starter.PRE_COMMIT_CONFIG)["repos"]
    assert repo["repo"] == "local"
    (local,) = repo["hooks"]
    manifest = _manifest()
    for key in ("id", "name", "entry", "pass_filenames", "always_run", "require_serial", "stages"):
        assert local[key] == manifest[key], key
    assert local["language"] == "system"
    config_file.write_text(starter.PRE_COMMIT_CONFIG, encoding="utf-8")
    load_config(str(config_file))


def test_the_workflow_checks_pull_requests_from_the_merge_base_and_uploads_sarif() -> None:
    workflow = yaml.safe_load(starter.WORKFLOW)
    assert workflow[True] == {"pull_request": None}  # YAML 1.1 reads the key `on` as true
    assert workflow["permissions"] == {"contents": "read", "security-events": "write"}
    steps = workflow["jobs"]["scopeguard"]["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    runs = [s["run"] for s in steps if "run" in s]
    assert runs == [
        f'python -m pip install "scopeguard=={__version__}"',
        'scopeguard diff "origin/$BASE...HEAD" --format sarif --output scopeguard.sarif --fail-on never',
        'scopeguard diff "origin/$BASE...HEAD" --format github',
    ]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"] == {"sarif_file": "scopeguard.sarif", "category": "scopeguard"}
    assert workflow["jobs"]["scopeguard"]["env"] == {"BASE": "${{ github.base_ref }}"}
