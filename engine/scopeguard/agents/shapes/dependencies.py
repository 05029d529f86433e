"""Dependencies: lock files of package managers the repository does not use, packages named as banned,
and allow-lists of the only packages that may be added."""

from __future__ import annotations

import re

from scopeguard.agents.clauses import Clause
from scopeguard.agents.readings import Draft, Env, Example, Reading, Shape, has
from scopeguard.agents.shapes.constructs import code_tokens, negated_span
from scopeguard.policy.ast import Forbid, InList, Not, Selector

# --- package managers ---------------------------------------------------------------------------------

_LOCKFILES = {
    "npm": "package-lock.json",
    "yarn": "yarn.lock",
    "pnpm": "pnpm-lock.yaml",
    "bun": "bun.lockb",
    "poetry": "poetry.lock",
    "pipenv": "Pipfile.lock",
}


def package_manager(clause: Clause, env: Env) -> Reading | None:
    """The lock files of package managers the sentence rules out ("`pnpm install` (never `npm`)")."""
    names = "|".join(_LOCKFILES)
    m = re.search(
        rf"\b(?:never|not|don'?t\s+use|avoid|no)\s+(?:use\s+)?(?P<tools>`?(?:{names})`?(?:\s*(?:/|,|or)\s*`?(?:{names})`?)*)",
        clause.prose,
        re.IGNORECASE,
    )
    if m is None or not clause.negative:
        return None
    tools = [t for t in re.findall(r"[a-z]+", m.group("tools").lower()) if t in _LOCKFILES]
    if not tools:
        return None
    globs = tuple(f"**/{_LOCKFILES[t]}" for t in tools)
    draft = Draft(
        "package-manager",
        (Forbid("added", Selector("file", globs)),),
        clause.severity,
        "{path} belongs to a package manager this repository does not use",
    )
    return Reading("other-checkable", (draft,), shape="package-manager")


# --- banned packages ------------------------------------------------------------------------------------

_PACKAGE_WORDS = r"\b(?:librar(?:y|ies)|packages?|dependenc(?:y|ies)|crates?|gems?|modules?|sdks?)\b"


def banned_packages(clause: Clause, env: Env) -> Reading | None:
    """Packages the sentence bans ("Do not use the `moment` library") may not be added as dependencies."""
    if not clause.negative or clause.from_context or not has(_PACKAGE_WORDS, clause.words):
        return None
    names = [c for c in code_tokens(clause, re.findall(r"`+([^`]+)`+", negated_span(clause.prose)))]
    names = [n for n in names if re.fullmatch(r"@?[a-z0-9][\w.-]*(?:/[\w.-]+)?", n)]
    if not names:
        return None
    draft = Draft(
        "banned-packages",
        (Forbid("added", Selector("dependency", where=InList("name", tuple(names)))),),
        clause.severity,
        "{name} is a dependency this agent may not add",
    )
    return Reading("no-new-dependencies", (draft,), shape="banned-packages")


# --- dependency allow-lists ----------------------------------------------------------------------------

_ALLOW_LIST = re.compile(
    r"\b(?:may|can|should|must)\s+only\s+(?:import|use|depend\s+on)(?:\s+from)?\b|\bonly\s+(?:these|the\s+following)"
    r"\s+(?:crates|packages|libraries|dependencies)\b|\ballowed\s+(?:crates|packages|libraries|dependencies)\s*:",
    re.IGNORECASE,
)


def dependency_allow_list(clause: Clause, env: Env) -> Reading | None:
    """Only the listed packages may be added ("Code may only import from: `serde`, `sqlx`")."""
    m = _ALLOW_LIST.search(clause.prose)
    if m is None:
        return None
    names = [c for c in re.findall(r"`+([^`]+)`+", clause.prose[m.end() :]) if re.fullmatch(r"[@\w./-]+", c)]
    if len(names) < 2:
        return None
    draft = Draft(
        "allowed-dependencies",
        (Forbid("added", Selector("dependency", where=Not(InList("name", tuple(names))))),),
        clause.severity,
        "new dependency {name} is not on the list this agent may use",
    )
    return Reading("no-new-dependencies", (draft,), shape="allowed-dependencies")


SHAPES = (
    Shape(
        "package-manager",
        "lock files of package managers the repository does not use",
        package_manager,
        (
            Example(
                "Install: `pnpm install` (never `npm`/`yarn`).",
                'forbid added file in "**/package-lock.json", "**/yarn.lock"',
            ),
        ),
    ),
    Shape(
        "banned-packages",
        "packages named as banned may not be added as dependencies",
        banned_packages,
        (
            Example(
                "Do not use the `moment` or `lodash` packages.",
                'forbid added dependency where name in ["moment", "lodash"]',
            ),
            Example("Do not use `moment()` in new code.", None),
        ),
    ),
    Shape(
        "allowed-dependencies",
        "only the listed packages may be added as dependencies",
        dependency_allow_list,
        (
            Example(
                "Generated code may only import from: `serde`, `sqlx`, `uuid`.",
                'forbid added dependency where not name in ["serde", "sqlx", "uuid"]',
            ),
            Example("Only import what you use.", None),
        ),
    ),
)
