"""The phrasebook: every sentence shape scopeguard compiles, in one place, and what it says of the rest.

``PHRASEBOOK`` lists the shapes in the order their categories take precedence. Each shape reads every
clause; the drafts of all that match are kept, except where a more specific shape already covers the
clause (``_SUPERSEDED_BY``: a skip marker in backticks is the keep-tests shape's, not a banned
construct). A clause no shape enforces is *not understood*, with the most helpful reason available:
the shape's own ("no concept is known as 'tabularium types'…"), or one said by ``explain_unread`` —
how the agent works (process), a tool that must pass, a judgement call, or nothing concrete to check.

Conservative by design: a sentence about how the agent works is never enforced, and when in doubt a
sentence is reported as not understood rather than turned into a rule that blocks ordinary work.
"""

from __future__ import annotations

import re

from scopeguard.agents.clauses import Clause
from scopeguard.agents.readings import Env, Reading, Shape, has
from scopeguard.agents.shapes import (
    constructs,
    conventions,
    coupling,
    dependencies,
    elements,
    limits,
    named,
    paths,
    secrets,
    structure,
    tests,
)
from scopeguard.policy.ast import Forbid

_ALL: dict[str, Shape] = {
    s.name: s
    for module in (
        paths,
        elements,
        tests,
        secrets,
        constructs,
        named,
        conventions,
        dependencies,
        coupling,
        limits,
        structure,
    )
    for s in module.SHAPES
}

#: every shape, most specific first: a sentence's category is that of the first shape that enforces it
PHRASEBOOK: tuple[Shape, ...] = tuple(
    _ALL[name]
    for name in (
        "read-only-tools",
        "frontmatter",
        "read-only",
        "tests-only",
        "secrets",
        "keep-tests",
        "tests-required",
        "api-compat",
        "no-new",
        "size-limit",
        "line-length",
        "co-change",
        "import-boundary",
        "package-manager",
        "pinned-versions",
        "allowed-dependencies",
        "banned-packages",
        "protect-paths",
        "protect-symbols",
        "scope",
        "placement",
        "no-kind-of-file",
        "file-naming",
        "case-convention",
        "banned-phrases",
        "ci-runners",
        "unused-imports",
        "required-base",
        "required-decorator",
        "required-with",
        "named-code",
        "macro-form",
        "banned-code",
    )
)

#: words a clause must hold for a shape to be worth reading it (a cheap test before any pattern is
#: compiled: most clauses of an agent file match few shapes, and the hook compiles agents on the fly)
_CUES: dict[str, tuple[str, ...]] = {
    "read-only": (
        "read-only",
        "read only",
        "edit",
        "modif",
        "chang",
        "touch",
        "writ",
        "implement",
        "build",
        "delet",
    ),
    "tests-only": ("test", "spec", "source", "production", "implementation"),
    "secrets": ("secret", "credential", "key", "token", "password", "sensitive", ".env"),
    "keep-tests": ("test", "spec", "`code`"),
    "tests-required": ("test", "coverage"),
    "api-compat": (
        "api",
        "compat",
        "breaking",
        "interface",
        "contract",
        "signature",
        "shape",
        "export",
        "public",
    ),
    "size-limit": tuple("0123456789"),
    "line-length": ("char", "column", "col"),
    "co-change": ("if ", "when", "after"),
    "import-boundary": ("not",),
    "package-manager": ("npm", "yarn", "pnpm", "bun", "poetry", "pipenv"),
    "allowed-dependencies": ("only", "allowed"),
    "banned-packages": ("librar", "package", "dependenc", "crate", "gem", "module", "sdk"),
    "scope": ("only", "stay", "remain", "within", "inside"),
    "named-code": (
        "todo",
        "fixme",
        "debug",
        "print",
        "console",
        "unwrap",
        "absolute",
        "hex",
        "rgb",
        "colo",
        "e-mail",
        "email",
        "comment",
        "environment",
        "inline",
        "lint",
        "type",
        "warning",
        "suppress",
        "bypass",
        "clippy",
        "build",
        "compiled",
        "binaries",
        "catch",
        "except",
        "swallow",
        "silent",
        "sql",
        "emoji",
        "structured",
        "interpolat",
        "letter",
        "format",
        "public",
        "expos",
        "0.0.0.0",
        "port",
        "ingress",
        "inbound",
        "encrypt",
        "privilege",
        "wildcard",
        "weaken",
        "lower",
        "threshold",
        "gate",
        "classname",
        "template",
        "parameter",
        "component",
        "network",
        "external",
        "closure",
    ),
    "banned-code": ("`code`",),
    "macro-form": ("`code`",),
    "file-naming": ("`code`",),
    "case-convention": ("case",),
    "placement": ("test", "migration"),
    "no-kind-of-file": ("no ", "only"),
    "banned-phrases": ('"', "“"),
    "ci-runners": ("job",),
    "unused-imports": ("unused",),
    "pinned-versions": ("pin",),
    "required-base": ("embed", "extend", "inherit", "subclass", "derive"),
    "required-decorator": ("decorat", "@"),
    "required-with": ("`code`",),
}

#: shapes that read frontmatter, where a clause has no verb to tell process from content
_ANY_CLAUSE = frozenset({"read-only-tools", "frontmatter"})

#: a shape's drafts are dropped when one of these shapes enforced the same clause
_SUPERSEDED_BY: dict[str, frozenset[str]] = {
    "protect-paths": frozenset(
        {
            "read-only",
            "read-only-tools",
            "tests-only",
            "secrets",
            "co-change",
            "package-manager",
            "frontmatter",
            "import-boundary",
            "keep-tests",
        }
    ),
    "scope": frozenset({"read-only", "tests-only", "frontmatter"}),
    "protect-symbols": frozenset({"protect-paths", "read-only", "tests-only"}),
    "no-new": frozenset(
        {"read-only", "read-only-tools", "frontmatter", "protect-paths", "allowed-dependencies"}
    ),
    "banned-code": frozenset(
        {
            "package-manager",
            "co-change",
            "import-boundary",
            "named-code",
            "secrets",
            "allowed-dependencies",
            "banned-packages",
            "protect-paths",
            "protect-symbols",
        }
    ),
    "named-code": frozenset({"secrets"}),
    "banned-packages": frozenset({"import-boundary"}),
    "read-only": frozenset({"read-only-tools"}),
    "size-limit": frozenset({"frontmatter"}),
}


#: when "no new X" puts X somewhere ("no new dependencies to `pyproject.toml`"), the path is where X may
#: not be added, not a file that may not be added: that reading wins over protect-paths
_PLACED_SUPERSEDED_BY: dict[str, frozenset[str]] = {
    **_SUPERSEDED_BY,
    "protect-paths": _SUPERSEDED_BY["protect-paths"] | {"no-new"},
    "no-new": _SUPERSEDED_BY["no-new"] - {"protect-paths"},
}


def _places_elements(reading: Reading) -> bool:
    """A no-new reading whose rules forbid code elements (not files) on the paths the sentence names."""
    statements = [s for d in reading.drafts for s in d.statements]
    return (
        reading.shape == "no-new"
        and bool(statements)
        and all(isinstance(s, Forbid) and s.target.globs and s.target.kind != "file" for s in statements)
    )


def read_clause(clause: Clause, env: Env) -> list[Reading]:
    """Every enforced reading of ``clause``; else the first not-understood one; else ``explain_unread``."""
    enforced: list[Reading] = []
    declined: list[Reading] = []
    text = f"{clause.words} {clause.prose.lower()}"
    for shape in PHRASEBOOK:
        if clause.process and shape.name not in _ANY_CLAUSE:
            continue
        cues = _CUES.get(shape.name)
        if (
            cues
            and clause.sentence.origin not in ("tools", "frontmatter")
            and not any(c in text for c in cues)
        ):
            continue
        reading = shape.read(clause, env)
        if reading is None:
            continue
        if reading.drafts:
            enforced.append(reading)
        else:
            declined.append(reading)
    if enforced:
        names = {r.shape for r in enforced}
        table = _PLACED_SUPERSEDED_BY if any(_places_elements(r) for r in enforced) else _SUPERSEDED_BY
        kept = [r for r in enforced if not (table.get(r.shape, frozenset()) & (names - {r.shape}))]
        return kept or enforced
    if declined:
        return [declined[0]]
    return [explain_unread(clause)]


# --- what is said of a sentence no shape enforces ------------------------------------------------------

_PROCESS_START = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:ask|asks|tell|report|reports|explain|confirm|run|runs|execute|invoke|push|merge|"
    r"open|message|notify|coordinate|delegate|hand|read|reads|analy[sz]e|review|search|plan|respond|reply|output|"
    r"summari[sz]e|return|flag|mark|communicate|document|verify|validate|check|investigate|research|stop|wait|"
    r"escalate|spawn|dispatch|load|install|present|describe|list|note|record|identify|understand|locate|study|"
    r"map|focus|prioriti[sz]e|surface|submit|comment|post|respect|give|say|propose|suggest|recommend|use\s+the\s+\w+"
    r"\s+tool|think|consider|start|begin|finish|end|exit|deliver|select|pick|choose|decide|determine|track|"
    r"update\s+the\s+(?:state|task|todo|status|plan))\b",
    re.IGNORECASE,
)
_CONDITION = re.compile(r"^\W*(?:if|when|whenever|before|after|once)\b[^,]{1,100},\s*", re.IGNORECASE)
_PROCESS_WORDS = (
    r"\b(?:pr|prs|pull\s+requests?|branch(?:es)?|commit\s+messages?|the\s+user|team\s+lead|subagents?|agents?|"
    r"skills?|tools?|prompt|session|tasks?|approval|ask|asks|report|reports|respond|response|output|chat|"
    r"workflow|handoff|hand\s+back|worktree|issue|ticket|reviewers?|git\s+\w+|confirm\w*)\b"
)
_GATE = (
    r"\b(?:lint(?:ing|er|s)?|clippy|eslint|prettier|rustfmt|gofmt|ruff|black|mypy|tsc|type[- ]?check\w*|"
    r"compiles?|"
    r"build\s+(?:passes|succeeds)|must\s+pass|passes|pass\s+(?:all|the)|passing|green|format\w*|fmt|warnings?)\b"
)
_JUDGEMENT = (
    r"\b(?:appropriate\w*|proper(?:ly)?|clean|clear(?:ly)?|good|meaningful|reasonabl[ey]|sensible|robust|"
    r"consistent\w*|readab\w+|maintainab\w+|simple|minimal|focused|idiomatic|best\s+practices?|quality|"
    r"thorough\w*|comprehensive|seamless\w*|established|existing\s+patterns|patterns|conventions?|when\s+possible|"
    r"where\s+possible|if\s+needed|descriptive|small|concise|necessary|relevant|correct\w*|secure\w*|safe\w*)\b"
)
_BUCKETS: tuple[tuple[str, str], ...] = (
    (r"\b(?:secrets?|credentials?|api[- ]?keys?|passwords?|tokens?|\.env|pii|sensitive)\b", "no-secrets"),
    (r"\b(?:tests?|testing|cover\w*|assert\w*|mocks?|tdd|specs?|fixtures?)\b", "tests-required"),
    (
        r"\b(?:backwards?[- ]compat\w*|breaking|public\s+api|behaviou?r|semantic|wire\s+formats?|"
        r"contracts?)\b",
        "api-compat",
    ),
    (
        r"\b(?:small|minimal|focused|scope\s+creep|one\s+(?:thing|change|refactor\w*)|smallest|big\s+bang|"
        r"while\s+i'?m\s+here|unrelated|incremental)\b",
        "size-limit",
    ),
    (r"\b(?:dependenc\w+|packages?|librar\w+|licen[cs]es?|crates?|gpl)\b", "no-new-dependencies"),
    (
        r"\b(?:infrastructure|cloud|lambda|deploy\w*|terraform|cloudformation|aws|databases?|queues?|buckets?)\b",
        "no-new-infrastructure",
    ),
    (r"\bnew\s+(?:\w+\s+)?(?:types?|models?|schemas?|structs?|classes)\b", "no-new-types"),
    (r"\b(?:files?|directories|folders?|paths?)\b", "path-scope"),
    (
        r"\b(?:nam(?:e|ing)|format\w*|style|patterns?|conventions?|comments?|readab\w+|idioms?|prefer|consistent\w*|"
        r"lint\w*|imports?|types?)\b",
        "style",
    ),
)


def explain_unread(clause: Clause) -> Reading:
    """The category and reason for a clause that no shape enforces."""
    words = clause.words
    if has(r"\b(?:must|should|always)\b[^.;]*\bpass\b|\bbefore\s+(?:every\s+)?commit", words) or (
        has(_GATE, words) and has(r"\b(?:run|must|pass|passes|fix|zero|free\s+of|clean|mandatory)\b", words)
    ):
        category = (
            "style" if has(r"\bformat\w*|fmt|prettier|rustfmt|gofmt|black\b", words) else "other-checkable"
        )
        return Reading(
            category,
            reason=(
                "asks for a tool to pass (lint, format, type-check, build or tests); scopeguard checks "
                "the change itself, not tool runs: run the tool in CI"
            ),
            shape="unread",
        )
    if clause.process:
        return Reading(
            "process",
            reason="describes how the agent works, which a diff does not show: not checkable on a change",
            shape="unread",
        )
    about_content = has(r"\b(?:never|do\s+not|don'?t|no)\s+(?:\w+\s+){0,2}(?:files?|code|secrets?)\b", words)
    main = _CONDITION.sub("", clause.prose, count=1)
    if (_PROCESS_START.search(main) or has(_PROCESS_WORDS, words)) and not about_content:
        return Reading(
            "process",
            reason="describes how the agent works, which a diff does not show: not checkable on a change",
            shape="unread",
        )
    category = "other-uncheckable"
    for pattern, bucket in _BUCKETS:
        if has(pattern, words):
            category = bucket
            break
    judgement = re.search(_JUDGEMENT, words, re.IGNORECASE)
    if judgement is not None:
        reason = (
            f"asks for a judgement ('{judgement.group(0)}') that a diff cannot settle; acknowledge it in the "
            "repository's policy if it is meant for reviewers"
        )
    elif clause.codes:
        named = ", ".join(f"`{c}`" for c in clause.codes[:3])
        reason = (
            f"names {named} but in no form scopeguard can check (such as never/only/no new/tests for new); "
            "rephrase it, or `acknowledge` the sentence in the policy"
        )
    else:
        reason = (
            "names nothing a change could be checked for: no path, no code in backticks, no known concept "
            '(add `aka "…"` to a concept, or `acknowledge` the sentence in the policy)'
        )
    return Reading(category, reason=reason, shape="unread")
