"""Secrets: no hardcoded or committed credentials, no `.env` files, no secrets in log statements."""

from __future__ import annotations

import re

from scopeguard.agents.clauses import Clause
from scopeguard.agents.files import CODE_GLOBS
from scopeguard.agents.readings import Draft, Env, Example, Reading, Shape, has
from scopeguard.agents.tokens import line_condition
from scopeguard.policy.ast import And, Compare, Forbid, Not, Selector, Statement

# --- secrets -------------------------------------------------------------------------------------------

_SECRET = (
    r"(?:secrets?|credentials?|api[- ]?keys?|access\s+keys?|private\s+keys?|passwords?|tokens?|sensitive)"
)
_HARDCODE = (
    rf"\bhard[- ]?cod\w*\b[^.;]{{0,40}}\b{_SECRET}|\b{_SECRET}\b[^.;]{{0,30}}\bhard[- ]?coded\b"
    rf"|\b(?:commit|commits|check\s+in|push|publish|publishes|store|embed|leave)\w*\b[^.;]{{0,30}}\b{_SECRET}"
    rf"|\benvironment\s+variables\b[^.;]{{0,30}}\b(?:for|used\s+for|to\s+(?:manage|store|hold|keep))\b"
    rf"[^.;]{{0,20}}\b{_SECRET}"
    r"|`code`\s*\)?\s*used\s+for\s+sensitive"
)
_LOGGED = (
    rf"\b(?:log|logs|logged|logging|tracing)\b[^.;]{{0,40}}\b{_SECRET}"
    rf"|\b{_SECRET}\b[^.;]{{0,40}}\b(?:appear\s+in|in)\s+(?:an?\s+|the\s+)?(?:logs|log\s+\w+|tracing)\b"
)
#: "use environment variables for sensitive configuration": the secret itself stays out of the code
_ENV_VARS = (
    r"\b(?:use|using|via)\s+environment\s+variables\s+(?:for|to\s+(?:manage|store|hold|keep))\b"
    r"|`code`\s*\)?\s*used\s+for\s+sensitive"
)
_ENV_FILE = r"(?:^|[\s`(])\.env\b"


def secrets(clause: Clause, env: Env) -> Reading | None:
    words = clause.words
    prose = clause.prose.lower()
    statements: list[Statement] = []
    slug = "no-secrets"
    if (
        re.search(_ENV_FILE, prose)
        and (clause.negative or has(r"\bnever\b", prose))
        and has(
            r"\b(?:commit|add|check\s+in|push|include|publish)\w*\b",
            prose + " " + (clause.sentence.context or "").lower(),
        )
    ):
        statements.append(
            Forbid(
                "added",
                Selector(
                    "file", (".env", ".env.*"), Not(Compare("path", "~", "**/*.{example,sample,template}"))
                ),
            )
        )
    if (clause.negative and has(_HARDCODE, words)) or (has(_ENV_VARS, words) and has(_SECRET, words)):
        statements.extend(_secret_statements(env))
    elif clause.negative and has(_LOGGED, words):
        slug = "no-secrets-in-logs"
        logger = ("*log*(*", "*print*(*", "*console.*(*", "*tracing::*", "*{info,warn,error,debug}!(*")
        secret_names = (
            "*[Tt]oken*",
            "*[Ss]ecret*",
            "*[Pp]assword*",
            "*api_key*",
            "*apiKey*",
            "*API_KEY*",
            "*[Cc]ookie*",
        )
        statements.append(
            Forbid(
                "added",
                Selector("line", CODE_GLOBS, And((line_condition(logger), line_condition(secret_names)))),
            )
        )
    if not statements:
        return None
    severity = "warning" if slug == "no-secrets-in-logs" else clause.severity
    draft = Draft(slug, tuple(statements), severity, "{path}: a secret or credential may not be committed")
    return Reading("no-secrets", (draft,), shape="secrets")


def _secret_statements(env: Env) -> list[Statement]:
    concept = env.vocabulary.secret()
    if concept is not None:
        return [Forbid("added", concept)]
    patterns = ("*AKIA[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]*", "*-----BEGIN*PRIVATE KEY-----*")
    return [Forbid("added", Selector("line", where=line_condition(patterns)))]


SHAPES = (
    Shape(
        "secrets",
        "no secrets, credentials or .env files in the change",
        secrets,
        (
            Example("Never hardcode secrets, tokens, API keys, or credentials", "forbid added secret"),
            Example(
                "NEVER commit .env files",
                'forbid added file in ".env", ".env.*" where not path ~ "**/*.{example,sample,template}"',
            ),
            Example("Use the organization secrets manager for all secrets.", None),
        ),
    ),
)
