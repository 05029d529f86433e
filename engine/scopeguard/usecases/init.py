"""``scopeguard init``: one command leaves a repository ready for the hook, pre-commit and CI.

It writes the configuration, a starter vocabulary, the Claude Code hooks, the pre-commit entry and the
pull-request workflow, each only where it is absent (Claude Code's settings are merged into, keeping
everything there), and says what it wrote and what it left alone. Running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scopeguard.core.config import CONFIG_FILE, PYPROJECT, Config, parse_config
from scopeguard.core.errors import Diagnostic, UserError
from scopeguard.core.globs import any_path_matches
from scopeguard.hooks import starter
from scopeguard.hooks.claude_settings import SETTINGS_PATH, merge_settings
from scopeguard.sources.repository import Repository
from scopeguard.sources.scaffold import create_file, read_existing, replace_file
from scopeguard.usecases.context import decode_text


@dataclass(frozen=True, slots=True)
class _Outcome:
    path: str
    wrote: bool
    note: str
    #: text to show under the line (what to add by hand)
    detail: str = ""


def run_init(repo: str | None) -> str:
    """Scaffold the repository around ``repo`` (default: the current directory); what was done, as text."""
    repository = Repository.open(repo)
    if repository.bare:
        raise UserError(
            diagnostics=[
                Diagnostic(
                    "a bare repository has no working tree to set up",
                    suggestion="run scopeguard init in a clone of it",
                )
            ]
        )
    root = repository.root
    config, outcome = _configuration(root)
    outcomes = [
        outcome,
        _vocabulary(root, config),
        _claude_settings(root),
        _pre_commit(root),
        _new_file(root, starter.WORKFLOW_PATH, starter.WORKFLOW, "checks pull requests and uploads SARIF"),
    ]
    return _render(root, outcomes)


def _configuration(root: Path) -> tuple[Config, _Outcome]:
    own = read_existing(root, CONFIG_FILE)
    pyproject = read_existing(root, PYPROJECT)
    config = parse_config(
        None if own is None else decode_text(CONFIG_FILE, own),
        None if pyproject is None else decode_text(PYPROJECT, pyproject),
    )
    if config.source is not None:
        where = "[tool.scopeguard] in pyproject.toml" if config.source == PYPROJECT else "it exists"
        return config, _Outcome(config.source, False, f"the configuration is kept ({where})")
    return config, _new_file(
        root, CONFIG_FILE, starter.CONFIG, "the configuration, with the documented defaults"
    )


def _vocabulary(root: Path, config: Config) -> _Outcome:
    outcome = _new_file(
        root,
        starter.VOCABULARY_PATH,
        starter.VOCABULARY,
        "a starter vocabulary (an example concept, commented out)",
    )
    if not any_path_matches(starter.VOCABULARY_PATH, config.policies):
        globs = ", ".join(config.policies)
        hint = f"      the configured policies ({globs}) do not include it; move it or add its folder"
        return _Outcome(outcome.path, outcome.wrote, outcome.note, hint)
    return outcome


def _claude_settings(root: Path) -> _Outcome:
    existing = read_existing(root, SETTINGS_PATH)
    text = None if existing is None else decode_text(SETTINGS_PATH, existing)
    merged = merge_settings(text, SETTINGS_PATH)
    if merged.text is None:
        return _Outcome(SETTINGS_PATH, False, "it already runs the scopeguard hook")
    events = ", ".join(merged.added)
    if existing is None:
        create_file(root, SETTINGS_PATH, merged.text)
        return _Outcome(SETTINGS_PATH, True, f"Claude Code hooks for {events}")
    replace_file(root, SETTINGS_PATH, merged.text)
    return _Outcome(SETTINGS_PATH, True, f"added the scopeguard hook for {events}; the rest is kept")


def _pre_commit(root: Path) -> _Outcome:
    existing = read_existing(root, starter.PRE_COMMIT_PATH)
    if existing is None:
        return _new_file(
            root,
            starter.PRE_COMMIT_PATH,
            starter.PRE_COMMIT_CONFIG,
            "runs `scopeguard diff --staged` on each commit",
        )
    if b"scopeguard" in existing:
        return _Outcome(starter.PRE_COMMIT_PATH, False, "it already runs scopeguard")
    return _Outcome(
        starter.PRE_COMMIT_PATH,
        False,
        "it exists; add this entry under its `repos:`",
        starter.PRE_COMMIT_HOOK,
    )


def _new_file(root: Path, path: str, text: str, note: str) -> _Outcome:
    if create_file(root, path, text):
        return _Outcome(path, True, note)
    return _Outcome(path, False, "it exists")


def _render(root: Path, outcomes: list[_Outcome]) -> str:
    out = [f"scopeguard init in {root}"]
    for o in outcomes:
        out.append(f"  {'wrote' if o.wrote else 'kept '}  {o.path} — {o.note}")
        out.extend(o.detail.rstrip("\n").splitlines())
    out += [
        "Next:",
        "  - review and commit these files: checks read policies and agent files from the committed revision",
        "  - run `pre-commit install` to check each commit in this clone",
        "  - run `scopeguard compile` to see which sentences of your agent files are enforced",
    ]
    return "\n".join(out) + "\n"
