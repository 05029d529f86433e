"""The vocabulary items of constructs named in words: what a construct is called, and what an added line
holding it looks like in each language — a glob where one says it, a regular expression
(``text matches``) where a glob cannot.

A line holds one statement of code, so a construct that spans lines (a ``try`` whose ``except`` body
is ``pass`` on the next line) is caught only in its one-line form; an entry's ``note`` says which
forms it catches, and is shown with the compiled rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scopeguard.agents.tokens import line_condition
from scopeguard.policy.ast import And, ChangeSpec, Compare, Condition


@dataclass(frozen=True, slots=True)
class Part:
    """Where a construct is looked for (file globs) and what a line holding it matches; ``removed``
    for a construct whose removal breaks the rule (a coverage threshold)."""

    globs: tuple[str, ...]
    condition: Condition
    change: ChangeSpec = "added"


@dataclass(frozen=True, slots=True)
class Construct:
    slug: str
    category: str
    #: words naming the construct in a sentence that forbids it
    words: str
    parts: tuple[Part, ...]
    #: words of a sentence that requires the opposite, so that the construct breaks it
    required: str | None = None
    #: said along with the rule: what the construct's lines do not catch
    note: str | None = None
    #: paths named in the sentence narrow where the construct is looked for
    scoped: bool = True
    #: files a language named in the sentence does not narrow the construct to ("SQL" built in code)
    not_in: tuple[str, ...] = ()
    #: what the sentence, the one before it or its lead-in must be about ("template literals" are banned
    #: only where class names are composed)
    topic: str | None = None
    #: tests use it as a matter of course (``unwrap``, example e-mails, fixture paths): spared unless the
    #: sentence is about tests
    spare_tests: bool = False


def glob(globs: Sequence[str], *patterns: str) -> Part:
    return Part(tuple(globs), line_condition(patterns))


def regex(globs: Sequence[str], pattern: str) -> Part:
    return Part(tuple(globs), Compare("text", "matches", pattern))


def code(part: Part) -> Part:
    """The part, on lines that are not comments as a whole (a construct named in prose is not used)."""
    return Part(part.globs, And((part.condition, Compare("comment", "==", False))), part.change)


def removed(part: Part) -> Part:
    return Part(part.globs, part.condition, "removed")


JS = ("**/*.{js,jsx,ts,tsx,mjs,cjs,vue,svelte}",)
PY = ("**/*.py",)
GO = ("**/*.go",)
RS = ("**/*.rs",)
JVM = ("**/*.{java,kt,scala,cs,swift,dart,php}",)
C_LIKE = ("**/*.{go,rs,ts,tsx,js,jsx,mjs,cjs,java,kt,cs,swift,c,h,cc,cpp,hpp,scala,dart,php}",)
#: infrastructure as code (Terraform, CloudFormation/SAM, serverless.yml, Kubernetes) and CDK code
IAC = ("**/*.{tf,tfvars,hcl,yml,yaml,json,template}", "**/*.{ts,js,py,java,cs,go}")
#: where test, coverage and CI gates are configured
GATE_FILES = (
    "**/{pyproject.toml,setup.cfg,tox.ini,.coveragerc,pytest.ini,codecov.yml,.codecov.yml,package.json}",
    "**/{jest,vitest,karma,playwright}.config.*",
    "**/.nycrc*",
    ".github/workflows/**",
    "**/.gitlab-ci.yml",
    "**/{Makefile,justfile,Justfile}",
)
EMOJI = r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55]"
LOG_CALL = (
    r"(?:\b(?:log|logger|logging|console|slog|zap|tracing)\.\w+\(|\b(?:trace|debug|info|warn|error)!\("
    r"|\bprint(?:ln)?!?\()"
)
