"""The vocabulary every layer shares: spans, file changes, elements, findings, reports.

All positions are 1-based lines and columns. Each reader converts its own convention (libcst and YAML
marks are 0-based columns) once, where it builds these values. The values are frozen so that a fact
computed once can be shared by every rule that asks for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal, Protocol, get_args

#: What a rule sentence of an agent file is about (DESIGN §6); ``process`` sentences are never checkable.
SentenceCategory = Literal[
    "path-scope",
    "no-new-types",
    "no-new-infrastructure",
    "no-new-dependencies",
    "tests-required",
    "api-compat",
    "no-secrets",
    "size-limit",
    "style",
    "other-checkable",
    "process",
    "other-uncheckable",
]
CATEGORIES: tuple[SentenceCategory, ...] = get_args(SentenceCategory)

ChangeKind = Literal["added", "removed", "modified", "renamed"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("added", "removed", "modified", "renamed")
FileStatus = Literal["added", "removed", "modified", "renamed"]
Side = Literal["base", "head"]

MODE_FILE = 0o100644
MODE_EXECUTABLE = 0o100755
MODE_SYMLINK = 0o120000
MODE_SUBMODULE = 0o160000


class Severity(str, Enum):
    """Finding severities, ordered: ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a file: 1-based, end inclusive of its last line, end column exclusive."""

    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    @property
    def last_line(self) -> int:
        return self.end_line if self.end_line is not None else self.line


@dataclass(frozen=True, slots=True)
class Blob:
    """One side of a changed file: its path, git mode, and where its bytes are.

    Content in the object database is named by ``oid`` and read in one batch later; content that
    exists only in memory (working tree, an applied patch, a proposed edit) travels in ``data``.
    """

    path: str
    mode: int = MODE_FILE
    oid: str | None = None
    data: bytes | None = None

    @property
    def is_symlink(self) -> bool:
        return self.mode == MODE_SYMLINK

    @property
    def is_submodule(self) -> bool:
        return self.mode == MODE_SUBMODULE


@dataclass(frozen=True, slots=True)
class FileChange:
    """A file that differs between base and head.

    ``path`` is the head-side path (the base-side path for a removed file); ``old_path`` is set for
    renames and copies. A copy has status ``added`` and ``copied_from`` set: its contents are new
    to the tree, unlike a rename's.
    """

    status: FileStatus
    path: str
    old: Blob | None
    new: Blob | None
    old_path: str | None = None
    similarity: int | None = None
    copied_from: str | None = None

    @property
    def base_path(self) -> str | None:
        return None if self.old is None else self.old.path

    @property
    def paths(self) -> tuple[str, ...]:
        """Every path this change touches, base side first when it differs."""
        if self.old is not None and self.new is not None and self.old.path != self.new.path:
            return (self.old.path, self.new.path)
        return (self.path,)

    @property
    def mode_only(self) -> bool:
        return (
            self.old is not None
            and self.new is not None
            and self.old.oid is not None
            and self.old.oid == self.new.oid
            and self.old.mode != self.new.mode
        )


class BlobReader(Protocol):
    """Reads object-database blobs by id, many at once (implemented by the sources layer)."""

    def read_blobs(self, oids: Sequence[str]) -> Mapping[str, bytes]: ...


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Everything a check looks at: which files changed between two trees, and how to read them.

    ``head`` is a commit id, ``"INDEX"`` or ``"WORKTREE"``; ``messages`` are the commit messages of
    the range (empty when the head is not a commit), where ``Agent:`` trailers are looked up.
    """

    base: str | None
    head: str
    files: tuple[FileChange, ...]
    reader: BlobReader | None = None
    messages: tuple[str, ...] = ()


AttrValue = str | int | float | bool | None | tuple["AttrValue", ...]


@dataclass(frozen=True, slots=True)
class Element:
    """A fact found in one side of one file: a class, a function, a resource, a line, ...

    ``key`` identifies the element within its file so that base and head can be matched (by default
    its kind and name); ``digest`` summarises its content so that an unchanged element is recognised
    when its file or its name changed. ``attributes`` are what rule conditions select on.
    """

    kind: str
    name: str
    path: str
    span: Span
    language: str | None = None
    attributes: Mapping[str, AttrValue] = field(default_factory=dict)
    key: str | None = None
    digest: str | None = None

    @property
    def identity(self) -> str:
        return self.key if self.key is not None else f"{self.kind}:{self.name}"


@dataclass(frozen=True, slots=True)
class ElementChange:
    """How an element differs between base and head.

    ``element`` is the head-side element, or the base-side one when it was removed; ``before`` is the
    base-side element of a modified or renamed one. ``details`` say what changed (for instance
    ``signature_changed``, ``removed_parameters``) and are selectable like attributes.
    """

    change: ChangeKind
    element: Element
    before: Element | None = None
    details: Mapping[str, AttrValue] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.element.kind

    @property
    def old_path(self) -> str | None:
        if self.before is not None and self.before.path != self.element.path:
            return self.before.path
        return None

    @property
    def old_name(self) -> str | None:
        if self.before is not None and self.before.name != self.element.name:
            return self.before.name
        return None


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the run could not do fully, which is said and not fatal (a file it could not read)."""

    message: str
    path: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    span: Span


@dataclass(frozen=True, slots=True)
class Provenance:
    """The agent-file sentence a rule was compiled from."""

    path: str
    line: int
    text: str
    end_line: int | None = None


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What a report says about a rule it applied (for SARIF driver rules, explain, summaries)."""

    id: str
    severity: Severity
    description: str
    source: Provenance | None = None
    #: the policy or agent file that defines the rule (``None`` for built-in rules)
    defined_in: str | None = None
    #: the rule's own message template, which says what to do instead (``None``: it has none)
    message: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One violation: the rule, where it happened, what changed, and the sentence it enforces.

    ``location`` is head-side (the nearest head-side place for removed code, or ``None`` for a
    change-wide limit); ``base_location`` names the base-side evidence of removed code.
    ``fingerprint`` does not depend on line numbers so that it survives unrelated edits.
    """

    rule: str
    severity: Severity
    message: str
    location: Location | None
    change: ChangeKind | None = None
    element_kind: str | None = None
    element_name: str | None = None
    element_type: str | None = None
    base_location: Location | None = None
    source: Provenance | None = None
    fingerprint: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    base: str | None
    head: str
    agent: str | None
    files_changed: int
    findings: tuple[Finding, ...]
    notices: tuple[Notice, ...] = ()
    rules: tuple[RuleInfo, ...] = ()

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)
