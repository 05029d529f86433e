"""``scopeguard check-policy``: every error of every policy file, at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scopeguard.core.errors import Diagnostic
from scopeguard.usecases.context import explicit_policies, load_workspace, open_repository


@dataclass(frozen=True)
class PolicyCheck:
    files: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]


def run_check_policy(paths: Sequence[str], *, repo: str | None) -> PolicyCheck:
    """Check the named policy files, or every policy file of the working tree when none is named."""
    from scopeguard.policy.vocabulary import check_policy_texts

    repository = open_repository(repo, required=not paths)
    workspace = load_workspace(repository, None)
    texts = explicit_policies(workspace, paths) if paths else dict(workspace.policy_texts)
    return PolicyCheck(tuple(sorted(texts)), tuple(check_policy_texts(texts)))
