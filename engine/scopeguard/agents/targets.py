"""What a rule sentence talks about, as policy selectors: concepts and element kinds.

Three sources, in this order: the vocabulary's ``aka`` phrases (built-in and the repository's own, so
"tabularium types" means what the repository says it means), a small table of everyday words for
element kinds and built-in concepts ("data structures", "Lambda functions", "dependencies"), and the
sentence's own paths and code in backticks. A phrase the vocabulary does not know is reported, never
guessed: the compiler turns it into "no concept is known as '…'".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from scopeguard.agents.tokens import fold_globs
from scopeguard.policy.ast import Compare, InList, Selector
from scopeguard.policy.resolve import PolicySet

Family = Literal[
    "types", "infrastructure", "dependencies", "files", "functions", "tests", "api", "secrets", "other"
]


@dataclass(frozen=True, slots=True)
class Target:
    """A phrase of the sentence and the selector it stands for."""

    phrase: str
    selector: Selector
    family: Family
    start: int = 0
    end: int = 0


#: Everyday words for what rules talk about: (phrases, concept to prefer, selector when it is absent, family).
_EVERYDAY: tuple[tuple[tuple[str, ...], str | None, Selector, Family], ...] = (
    (
        (
            "lambda functions",
            "lambda function",
            "lambdas",
            "lambda",
            "serverless functions",
            "cloud functions",
        ),
        "lambda_function",
        Selector(
            "resource",
            where=InList(
                "type", ("AWS::Serverless::Function", "AWS::Lambda::Function", "aws_lambda_function")
            ),
        ),
        "infrastructure",
    ),
    (
        (
            "api gateway routes",
            "api gateway endpoints",
            "api routes",
            "api endpoints",
            "http endpoints",
            "endpoints",
            "routes",
        ),
        "api_route",
        Selector("route"),
        "infrastructure",
    ),
    (
        ("databases", "database", "database tables", "dynamodb tables", "db tables"),
        "database",
        Selector("resource", where=Compare("type", "~", "*{Table,DB,Database,DBInstance,DBCluster}*")),
        "infrastructure",
    ),
    (
        ("queues", "message queues", "sqs queues", "topics", "sns topics"),
        "queue",
        Selector("resource", where=Compare("type", "~", "*{Queue,Topic}*")),
        "infrastructure",
    ),
    (
        ("buckets", "s3 buckets", "storage buckets"),
        "storage",
        Selector("resource", where=Compare("type", "~", "*{Bucket,bucket}*")),
        "infrastructure",
    ),
    (
        (
            "cloud infrastructure components",
            "cloud infrastructure",
            "infrastructure components",
            "infrastructure",
            "cloud resources",
            "aws resources",
            "infrastructure resources",
            "cloud services",
            "deployment configurations",
            "deployment configuration",
            "infrastructure setup",
            "infrastructure configuration",
            "iac resources",
        ),
        "infrastructure",
        Selector("resource"),
        "infrastructure",
    ),
    (
        (
            "dependencies",
            "dependency",
            "packages",
            "libraries",
            "third-party libraries",
            "external libraries",
            "third-party packages",
            "npm packages",
            "pip packages",
            "crates",
            "external dependencies",
            "third-party dependencies",
        ),
        "dependency",
        Selector("dependency"),
        "dependencies",
    ),
    (
        (
            "data structures",
            "data structure",
            "data types",
            "data type",
            "data models",
            "data model",
            "types",
            "type",
            "classes",
            "class",
            "structs",
            "struct",
            "models",
            "model",
            "dtos",
            "entities",
        ),
        None,
        Selector("class"),
        "types",
    ),
    (
        ("files", "file", "new files", "source files"),
        None,
        Selector("file"),
        "files",
    ),
    (
        ("helper functions", "helper methods", "helpers", "functions", "methods"),
        None,
        Selector("function"),
        "functions",
    ),
)

_CONCEPT_FAMILIES: tuple[tuple[str, Family], ...] = (
    ("test", "tests"),
    ("secret", "secrets"),
    ("credential", "secrets"),
    ("public_api", "api"),
    ("dependenc", "dependencies"),
    ("infra", "infrastructure"),
    ("lambda", "infrastructure"),
    ("route", "infrastructure"),
    ("database", "infrastructure"),
    ("queue", "infrastructure"),
    ("storage", "infrastructure"),
    ("bucket", "infrastructure"),
    ("resource", "infrastructure"),
    ("type", "types"),
    ("model", "types"),
    ("class", "types"),
    ("struct", "types"),
    ("schema", "types"),
)

#: Test files when the vocabulary has no ``test_file`` concept with path selectors.
DEFAULT_TEST_GLOBS: tuple[str, ...] = (
    "**/tests/**",
    "**/test/**",
    "**/__tests__/**",
    "**/test_*.py",
    "**/*_test.py",
    "**/conftest.py",
    "**/*_test.go",
    "**/*.test.*",
    "**/*.spec.*",
    "**/*Test.java",
    "**/*Tests.cs",
    "**/*_spec.rb",
)
#: Test support that a tests-only agent may change too.
TEST_SUPPORT_GLOBS: tuple[str, ...] = ("**/testdata/**", "**/fixtures/**", "**/__snapshots__/**", "**/*.snap")


def concept_family(name: str) -> Family:
    lowered = name.lower()
    for fragment, family in _CONCEPT_FAMILIES:
        if fragment in lowered:
            return family
    return "other"


class Vocabulary:
    """The phrases a policy set gives names to, and the everyday words the phrasebook adds."""

    def __init__(self, policies: PolicySet) -> None:
        self.policies = policies
        self._aka = policies.aka_index()
        phrases: dict[str, Target] = {}
        for phrase, name in self._aka.items():
            phrases[phrase] = Target(phrase, Selector(name), concept_family(name))
        for words, concept, fallback, family in _EVERYDAY:
            selector = fallback if concept is None or concept not in policies.concepts else Selector(concept)
            for word in words:
                phrases.setdefault(word, Target(word, selector, family))
        self._phrases = phrases
        self._pattern = _phrase_pattern(tuple(sorted(phrases, key=lambda p: (-len(p), p))))

    def has(self, concept: str) -> bool:
        return concept in self.policies.concepts

    def find(self, text: str) -> list[Target]:
        """Every known phrase of ``text``, longest first where they overlap, in order of appearance."""
        out: list[Target] = []
        for m in self._pattern.finditer(text):
            target = self._lookup(m.group(1))
            if target is not None:
                out.append(Target(m.group(1), target.selector, target.family, m.start(1), m.end(1)))
        return out

    def _lookup(self, phrase: str) -> Target | None:
        lowered = re.sub(r"\s+", " ", phrase.lower())
        for candidate in (lowered, lowered.rstrip("s"), lowered + "s", re.sub(r"ies$", "y", lowered)):
            if candidate in self._phrases:
                return self._phrases[candidate]
        return None

    @property
    def test_globs(self) -> tuple[str, ...]:
        """Path globs of test files: the ``test_file`` concept's file selectors, else the defaults."""
        concept = self.policies.concepts.get("test_file")
        globs: list[str] = []
        if concept is not None:
            for s in concept.selectors:
                if s.kind == "file" and s.where is None:
                    globs.extend(s.globs)
        return tuple(dict.fromkeys(globs)) or DEFAULT_TEST_GLOBS

    @property
    def test_glob(self) -> str:
        """The test globs folded into one (``{a,b}``), for selectors that need a path filter."""
        return fold_globs(self.test_globs)

    def tests_selector(self) -> Selector:
        if self.has("test_file"):
            return Selector("test_file")
        return Selector("file", self.test_globs)

    def public_api(self) -> Selector:
        if self.has("public_api"):
            return Selector("public_api")
        return Selector("function", where=Compare("public", "==", True))

    def secret(self) -> Selector | None:
        for name in ("secret", "secrets", "credential", "credentials"):
            if self.has(name):
                return Selector(name)
        return None


@lru_cache(maxsize=8)
def _phrase_pattern(ordered: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every phrase, longest first (compiled once per vocabulary, not per agent file)."""
    return re.compile(
        r"(?<![\w-])(" + "|".join(_inflected(p) for p in ordered) + r")(?![\w-])", re.IGNORECASE
    )


def _inflected(phrase: str) -> str:
    """A phrase as a pattern that also matches its plural or singular and any spacing."""
    words = [re.escape(w) for w in phrase.split()]
    body = r"\s+".join(words)
    if phrase.endswith("y"):
        return body[:-1] + r"(?:y|ies)"
    if phrase.endswith("s"):
        return body + "?"
    return body + r"(?:e?s)?"
