"""What a command knows about the repository it runs in: configuration, policies, agent files.

Policies, agent files and configuration are read from one revision — the policy revision, by default
the base of the change — so that a change cannot loosen the rules it is checked against. Authoring
commands (``compile``, ``check-policy``) read the working tree instead, because that is what the user
is editing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from scopeguard.core.config import CONFIG_FILE, PYPROJECT, Config, parse_config
from scopeguard.core.errors import Diagnostic, UserError
from scopeguard.core.globs import any_path_matches
from scopeguard.policy.resolve import PolicySet
from scopeguard.sources.repository import Repository, read_file

WORKTREE = None  # a ``ref`` of None reads the working tree


@dataclass(frozen=True)
class Workspace:
    repository: Repository | None
    #: the revision policies were read from (``None``: the working tree, or no repository)
    ref: str | None
    config: Config
    policy_texts: Mapping[str, str] = field(default_factory=dict)
    agent_files: Mapping[str, bytes] = field(default_factory=dict)

    def read(self, path: str) -> bytes | None:
        """A file of the workspace at its revision (or in the working tree)."""
        if self.repository is None:
            return None
        if self.ref is None:
            return self.repository.read_worktree(path)
        return self.repository.read(self.ref, path)

    @property
    def tamper_globs(self) -> tuple[str, ...]:
        """Paths whose change ``policy-tamper`` reports: policies, agent files, scopeguard.toml."""
        return (*self.config.policies, *self.config.agents, "/" + CONFIG_FILE)


def decode_text(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(diagnostics=[Diagnostic(f"not UTF-8 text (byte {exc.start})", path)]) from None


def open_repository(repo: str | None, *, required: bool = True) -> Repository | None:
    try:
        return Repository.open(repo)
    except UserError:
        if required:
            raise
        return None


@contextlib.contextmanager
def _read_at(ref: str | None) -> Iterator[None]:
    """A mistake in a file read at a revision says so: the working tree may already hold it fixed."""
    try:
        yield
    except UserError as exc:
        if ref is None:
            raise
        raise UserError(
            f"{exc.render()}\n  (read at revision {ref[:12]}, where this check takes its rules from: a "
            "change cannot loosen its own rules; fix it in a commit of its own, or give --policy-ref REV)"
        ) from None


def load_workspace(repository: Repository | None, ref: str | None) -> Workspace:
    """Configuration, policy texts and agent files of ``repository`` at ``ref`` (None: working tree)."""
    with _read_at(ref):
        return _load_workspace(repository, ref)


def _load_workspace(repository: Repository | None, ref: str | None) -> Workspace:
    if repository is None:
        return Workspace(None, None, Config())
    if ref is not None:
        found = repository.read_many(ref, [CONFIG_FILE, PYPROJECT])
        scopeguard_toml, pyproject = found[CONFIG_FILE], found[PYPROJECT]
    else:
        scopeguard_toml = repository.read_worktree(CONFIG_FILE)
        pyproject = repository.read_worktree(PYPROJECT)
    config = parse_config(
        None if scopeguard_toml is None else decode_text(CONFIG_FILE, scopeguard_toml),
        None if pyproject is None else decode_text(PYPROJECT, pyproject),
    )
    paths = repository.list_paths(ref) if ref is not None else repository.list_worktree_paths()
    kept = [p for p in paths if not any_path_matches(p, config.exclude)]
    policies = [p for p in kept if any_path_matches(p, config.policies)]
    agents = [p for p in kept if p not in policies and any_path_matches(p, config.agents)]
    if ref is not None:
        contents = repository.read_many(ref, [*policies, *agents])
    else:
        contents = {p: repository.read_worktree(p) for p in [*policies, *agents]}
    policy_texts = {p: decode_text(p, data) for p in policies if (data := contents.get(p)) is not None}
    agent_files = {p: data for p in agents if (data := contents.get(p)) is not None}
    return Workspace(repository, ref, config, policy_texts, agent_files)


def explicit_policies(workspace: Workspace, paths: Sequence[str]) -> dict[str, str]:
    """Policies named on the command line.

    A path tracked at the policy revision is read from that revision (so a change cannot loosen it);
    any other path (a central policy outside the repository) is read from the filesystem, relative to
    the repository root.
    """
    texts: dict[str, str] = {}
    repository = workspace.repository
    for given in paths:
        rel = _repo_relative(repository, given)
        data = workspace.read(rel) if rel is not None else None
        if data is None:
            base = repository.root if repository is not None else None
            target = given if base is None or PurePosixPath(given).is_absolute() else str(base / given)
            data = read_file(target)
            texts[rel or given] = decode_text(given, data)
        else:
            texts[rel or given] = decode_text(given, data)
    return texts


def _repo_relative(repository: Repository | None, given: str) -> str | None:
    if repository is None:
        return None
    path = PurePosixPath(given)
    if path.is_absolute():
        try:
            return str(path.relative_to(PurePosixPath(str(repository.root))))
        except ValueError:
            return None
    parts = [p for p in path.parts if p != "."]
    return None if ".." in parts else "/".join(parts)


def policy_set(workspace: Workspace, explicit: Sequence[str] = ()) -> PolicySet:
    """The built-in vocabulary plus the workspace's policies (or only the ones named explicitly)."""
    from scopeguard.policy.vocabulary import load_policies

    texts = explicit_policies(workspace, explicit) if explicit else workspace.policy_texts
    with _read_at(workspace.ref):
        return load_policies(texts, builtin=True)
