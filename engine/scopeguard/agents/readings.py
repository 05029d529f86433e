"""What the phrasebook makes of a clause: rule drafts, or a reason it cannot be enforced.

A *shape* is one way rules are written ("never create new X", "only touch these paths", "tests for
new code"). It reads a clause and returns a ``Reading``: drafts of rules with their category, or a
category and a reason when it recognises the form but cannot compile it (an unknown concept), or
nothing when the clause is not of its form. Every shape carries its own passing and failing examples,
as Fixit's rules do; the tests are generated from them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from scopeguard.agents.clauses import Clause
from scopeguard.agents.targets import Vocabulary
from scopeguard.policy.ast import Statement


@dataclass(frozen=True, slots=True)
class Draft:
    """A rule before it has an id and provenance: what it says, how severe, and its message."""

    slug: str
    statements: tuple[Statement, ...]
    severity: str = "error"
    message: str | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """A shape's reading of a clause: drafts (enforced), or a category and a reason (not understood)."""

    category: str
    drafts: tuple[Draft, ...] = ()
    reason: str | None = None
    shape: str = ""
    #: parts of an enforced clause that were left out, said in the output rather than dropped
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Env:
    """What a shape may consult besides the clause: the vocabulary and the agent file's own scope."""

    vocabulary: Vocabulary
    #: Cursor ``globs`` / Copilot ``applyTo`` of the agent file: where its rules apply
    agent_globs: tuple[str, ...] = ()
    #: the agent has no editing tool: its "out of scope" lists are about what it reviews, not what it edits
    read_only: bool = False
    #: file globs of the languages the agent's name and description name (a "rust-reviewer")
    languages: tuple[str, ...] = ()
    #: the agent writes tests (its name says so): the code it is told to avoid is test code
    tests_agent: bool = False


@dataclass(frozen=True, slots=True)
class ExampleFile:
    """A file a change writes, for checking a compiled rule on a real diff: its text before (``None``:
    the change adds it) and after, and the lines of the new text the rule must report (none: the
    change is ordinary work the rule must let through)."""

    path: str
    after: str
    reported: tuple[int, ...] = ()
    before: str | None = None
    #: where the file was before the change, when the change moves it (its text: ``before``, else ``after``)
    before_path: str | None = None


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence (with the lead-in it stands under) and the statements it must compile to.

    ``expected`` is the policy text of the statements, one per line; ``None`` means the shape must not
    enforce the sentence. ``changes`` is a change the compiled rule is checked on (a real repository
    and ``scopeguard diff``): it must report the lines each file marks and nothing else.
    """

    sentence: str
    expected: str | None
    context: str | None = None
    changes: tuple[ExampleFile, ...] = ()


@dataclass(frozen=True, slots=True)
class Shape:
    name: str
    summary: str
    read: Callable[[Clause, Env], Reading | None]
    examples: tuple[Example, ...] = field(default=())


# --- words shared by the shapes ---------------------------------------------------------------------

CREATE = (
    r"(?:create|creates|creating|add|adds|adding|introduce|introduces|introducing|define|defines|declare|"
    r"write|writes|build|builds|make|makes|provision|provisions|deploy|deploys|set\s+up|spin\s+up|stand\s+up|"
    r"register|registers|scaffold|implement|implements|generate|generates|invent|invents|commit|commits)"
)
MODIFY = (
    r"(?:modify|modifies|modifying|edit|edits|editing|change|changes|changing|alter|alters|update|updates|"
    r"touch|touches|touching|rewrite|rewrites|refactor|refactors|hand-edit|hand-patch|patch|patches|fix|fixes|"
    r"reformat|tweak|overwrite|overwrites)"
)
DELETE = r"(?:delete|deletes|deleting|remove|removes|removing|drop|drops|rename|renames|move|moves)"
HANDLE = r"(?:handle|handles|manage|manages|configure|configures|own|owns|work\s+on|deal\s+with)"


def has(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


def quoted_list(items: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"'{i}'" for i in items)
