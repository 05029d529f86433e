"""Shapes about code elements: no new types / infrastructure / dependencies, no breaking change to the
public API, tests with new code, and tests that may not be deleted, skipped or weakened."""

from __future__ import annotations

import re

from scopeguard.agents.clauses import Clause
from scopeguard.agents.files import paths_in
from scopeguard.agents.lexicon import leading_mark, starts_imperative
from scopeguard.agents.readings import (
    CREATE,
    HANDLE,
    MODIFY,
    Draft,
    Env,
    Example,
    ExampleFile,
    Reading,
    Shape,
    has,
    quoted_list,
)
from scopeguard.agents.targets import Target
from scopeguard.policy.ast import And, ChangeSpec, Compare, Forbid, Selector

_FAMILY_CATEGORY = {
    "api": "api-compat",
    "types": "no-new-types",
    "infrastructure": "no-new-infrastructure",
    "dependencies": "no-new-dependencies",
    "files": "path-scope",
    "functions": "style",
    "other": "other-checkable",
}
_FAMILY_SLUG = {
    "types": "no-new-types",
    "infrastructure": "no-new-infrastructure",
    "dependencies": "no-new-dependencies",
    "files": "no-new-files",
    "functions": "no-new-functions",
    "other": "no-new",
}
_FAMILY_MESSAGE = {
    "types": "new {kind} {name}: use or extend an existing type instead",
    "infrastructure": "{change} {kind} {name}: this agent works with the existing infrastructure only",
    "dependencies": "new dependency {name}: this agent may not add dependencies",
    "files": "new file {path}",
    "functions": "new {kind} {name}",
    "other": "{change} {kind} {name}",
}
#: words that may stand before a generic noun without narrowing it ("any new types", "external libraries")
_GENERIC = frozenset(
    [
        "new",
        "any",
        "additional",
        "extra",
        "more",
        "own",
        "custom",
        "other",
        "separate",
        "duplicate",
        "external",
        "third-party",
        "direct",
        "your",
        "a",
        "an",
        "the",
        "or",
        "and",
        "of",
    ]
)
#: words that narrow nothing only before infrastructure ("cloud resources"; "cloud dependencies" are some)
_CLOUD = frozenset(["cloud", "aws"])
_STOP = re.compile(
    r"\s*(?:[(;:.!?—–]|\bthat\b|\bwhich\b|\bwho\b|\bunless\b|\bwithout\b|\bexcept\b|\bbeyond\b|\bfor\b|\bin\b|"
    r"\bto\b|\binto\b|\bunder\b|\binside\b|\bwithin\b|\bwhen\b|\bif\b|\bbecause\b|\bas\b|\binstead\b|\brather\b|\bonly\b|\bso\b|\bvia\b|\bfrom\b)"
)


def _object_phrases(words: str, start: int) -> list[str]:
    """The noun phrases after ``start``: "tabularium types or data structures" -> two phrases."""
    rest = words[start:]
    stop = _STOP.search(rest)
    head = rest[: stop.start()] if stop else rest
    parts = re.split(r"\s*(?:,|/|\bor\b|\band\b|&)\s*", head)
    cleaned = (re.sub(r"^[^\w`]+", "", p).strip(" `*\"'") for p in parts)
    return [p for p in cleaned if p]


def _resolve(phrase: str, env: Env) -> Target | None:
    """The target a noun phrase names, or ``None`` when a qualifier narrows a generic word."""
    found = [t for t in env.vocabulary.find(phrase) if t.end == len(phrase)]
    if not found:
        return None
    best = max(found, key=lambda t: t.end - t.start)
    before = phrase[: best.start].split()
    generic = _GENERIC | (_CLOUD if best.family == "infrastructure" else frozenset())
    if any(w.lower() not in generic for w in before):
        return None  # "cloud dependencies", "widget data types": a qualifier says only some are meant
    return best


def _is_aka(phrase: str, env: Env) -> bool:
    return phrase.lower() in env.vocabulary.policies.aka_index()


_TRIGGER_NEW = re.compile(rf"\b(?:{CREATE})\s+(?:any\s+|a\s+|an\s+)?(?:new\s+)?|\bnew\s+", re.IGNORECASE)
_TRIGGER_EXISTING = re.compile(
    r"\b(?:existing|current|available|established)\s+|\b(?:only|solely)\s+(?:use|work\s+with)\s+",
    re.IGNORECASE,
)
_TRIGGER_HANDLE = re.compile(rf"\b(?:{HANDLE}|{MODIFY})\s+(?:the\s+|any\s+|existing\s+)*", re.IGNORECASE)
_TRIGGER_DELETE = re.compile(
    r"\b(?:delete|deletes|remove|removes|drop|drops)\s+(?:or\s+\w+\s+)?(?:the\s+|any\s+|existing\s+)*",
    re.IGNORECASE,
)


def no_new_targets(clause: Clause, env: Env) -> Reading | None:
    """No new X ("Never create new X", "❌ New X", "only use existing X"): ``forbid added X``."""
    if not (clause.negative or clause.existing) or clause.process:
        return None
    words = clause.words
    triggers: list[tuple[int, ChangeSpec]] = []
    if clause.existing:
        triggers += [(m.end(), "added") for m in _TRIGGER_EXISTING.finditer(words)]
        if clause.sentence.context_polarity == "existing" and not triggers:
            triggers.append((0, "added"))
    if clause.negative:
        triggers += [(m.end(), "added") for m in _TRIGGER_NEW.finditer(words)]
        triggers += [(m.end(), "changed") for m in _TRIGGER_HANDLE.finditer(words)]
        triggers += [(m.end(), "removed") for m in _TRIGGER_DELETE.finditer(words)]
        bare = clause.from_context or leading_mark(clause.text) == "negative"
        if (
            bare
            and not re.search(rf"\b(?:{CREATE}|{MODIFY}|{HANDLE}|use|call|new)\b", words)
            and not (
                starts_imperative(re.sub(r"^\W*(?:no|never|don'?t|do\s+not)\b", "", clause.prose, flags=re.I))
            )
        ):
            # a bare noun phrase under "NEVER CREATE OR MODIFY:" takes its verbs from the lead-in
            context = (clause.sentence.context or "").lower()
            triggers.append((0, "changed" if re.search(rf"\b{MODIFY}\b", context) else "added"))
    known: dict[str, tuple[Target, ChangeSpec]] = {}
    unknown: list[str] = []
    for start, change in sorted(triggers):
        for phrase in _object_phrases(words, start):
            target = _resolve(phrase, env)
            if target is None:
                if _looks_like_target(phrase):
                    unknown.append(phrase)
                continue
            if target.family in ("tests", "secrets") or (target.family == "api" and change != "added"):
                continue
            if target.family == "functions" and not clause.negative:
                continue
            if change in ("changed", "removed") and target.family not in ("infrastructure", "types"):
                continue
            key = target.selector.kind + repr(target.selector.where)
            if key not in known or (known[key][1] != "changed" and change != known[key][1]):
                # "create or delete X": a second verb widens the rule to any change
                known[key] = (target, change if key not in known else "changed")
    if has(r"\b(?:that|which)\s+(?:are|is)\b", words) and known:
        return Reading(
            _FAMILY_CATEGORY[next(iter(known.values()))[0].family],
            reason="only some of them are meant (a 'that …' clause narrows it); scopeguard cannot tell which",
            shape="no-new",
        )
    unknown = [u for u in dict.fromkeys(unknown) if not any(u in t.phrase for t, _ in known.values())]
    if not known:
        if unknown and (clause.negative or clause.existing):
            return Reading(
                _guess_category(unknown[0]),
                reason=_unknown_reason(unknown),
                shape="no-new",
            )
        return None
    drafts: list[Draft] = []
    notes = [_unknown_reason(unknown)] if unknown else []
    by_family: dict[str, list[tuple[Target, ChangeSpec]]] = {}
    for target, change in known.values():
        by_family.setdefault(target.family, []).append((target, change))
    place = target_place(clause)
    for family, group in by_family.items():
        if family == "api":
            drafts.append(_no_new_api(clause, [t for t, _ in group]))
            continue
        statements = tuple(Forbid(change, _placed(t.selector, place)) for t, change in group)
        # an everyday word ("types", "data structures") means every class: enforced, but only as a warning
        generic = [
            t for t, _ in group if t.selector.kind in ("class", "function") and not _is_aka(t.phrase, env)
        ]
        severity = "warning" if generic else clause.severity
        drafts.append(Draft(_FAMILY_SLUG[family], statements, severity, _FAMILY_MESSAGE[family]))
        if generic:
            notes.append(
                f"'{generic[0].phrase}' is read as any new {generic[0].selector.kind} (a warning): define a "
                "concept with that `aka` to say which ones"
            )
    first = next(iter(by_family))
    return Reading(_FAMILY_CATEGORY[first], tuple(drafts), shape="no-new", note="; ".join(notes) or None)


_PLACE = re.compile(r"\b(?:to|in|into|under|inside|within)\s+(?:the\s+)?(?=`|\S+[/.]\S)", re.IGNORECASE)
_PLACE_END = re.compile(r"[;:!?(]|\.(?:\s|$)|\s[—–-]\s|\b(?:unless|without|except|because|instead|if|when)\b")


def target_place(clause: Clause) -> tuple[str, ...]:
    """Where the sentence puts what it forbids: "new dependencies to `pyproject.toml`", "new classes in
    `client/`" -- the paths right after ``to``/``in``/``under``; ``()`` when it names none."""
    found = _PLACE.search(clause.prose)
    if found is None:
        return ()
    tail = clause.prose[found.end() :]
    end = _PLACE_END.search(tail)
    tail = tail[: end.start()] if end else tail
    return tuple(paths_in(tail, tuple(re.findall(r"`([^`]+)`", tail))))


def _placed(selector: Selector, place: tuple[str, ...]) -> Selector:
    """``selector`` on the files of ``place`` (a selector that names its own files keeps them)."""
    if not place or selector.globs:
        return selector
    return Selector(selector.kind, place, selector.where)


def _no_new_api(clause: Clause, targets: list[Target]) -> Draft:
    """No new public API, where the sentence says ("to `api/v1/`", "to v1"), else anywhere; a warning,
    since what is public is read from names (a leading underscore, Go's capital letter)."""
    globs = paths_in(clause.prose, clause.codes)
    version = re.search(r"\b(?:to|in|into)\s+(?:the\s+)?(v\d+)\b", clause.prose, re.IGNORECASE)
    if not globs and version is not None:
        name = version.group(1).lower()
        globs = [f"**/{name}/**", f"**/{name}.*"]
    statements = tuple(
        dict.fromkeys(
            Forbid("added", Selector(t.selector.kind, tuple(globs), t.selector.where)) for t in targets
        )
    )
    message = "new public {kind} {name}: this agent may not add public API"
    return Draft("no-new-api", statements, "warning", message)


def _looks_like_target(phrase: str) -> bool:
    words = phrase.split()
    return 1 <= len(words) <= 4 and bool(
        re.search(
            r"(?:types?|models?|structures?|classes|components?|resources?|services?|schemas?|entities)$",
            phrase,
        )
    )


def _unknown_reason(phrases: list[str]) -> str:
    first = phrases[0]
    names = quoted_list(phrases)
    return f'no concept is known as {names}: add `aka "{first}"` to a concept in the repository\'s policy'


def _guess_category(phrase: str) -> str:
    if re.search(r"infra|resource|service|lambda|function|route|endpoint|database|queue|bucket", phrase):
        return "no-new-infrastructure"
    if re.search(r"dependenc|package|librar", phrase):
        return "no-new-dependencies"
    return "no-new-types"


# --- the public API ----------------------------------------------------------------------------------

_API_NOUN = (
    r"(?:apis?|interfaces?|signatures?|contracts?|wire\s+formats?|exports?|exported\s+\w+|public\s+\w+)"
)
_API = (
    r"\bbreaking\s+changes?\b|\bbackwards?[- ]compatib\w*"
    r"|\b(?:interface|api)\s+contracts?\s+(?:are|is)\s+immutable\b"
    r"|\bpublic\s+api\s+(?:has\s+)?changed?\b|\bchanged?\s+shape\b"
    rf"|\b(?:change|changes|modify|alter|break|breaks|remove|rename)\s+(?:the\s+|any\s+)?(?:existing\s+|public\s+|"
    rf"exported\s+|agreed[- ]upon\s+|published\s+)*{_API_NOUN}"
    rf"|\bchanges\s+to\s+(?:the\s+)?(?:public|exported|existing)\S*\s+{_API_NOUN}"
)


def api_compat(clause: Clause, env: Env) -> Reading | None:
    words = clause.words
    if not has(_API, words):
        return None
    changes = has(
        r"\bbreaking\s+changes?\b|\b(?:change|modify|alter|break|remove|rename|changes\s+to)\b", words
    )
    forbids = clause.negative or has(r"\b(?:no|never|without|ensure\s+no)\b", words)
    if changes and not forbids and not has(r"\bbackwards?[- ]compatib|\bimmutable\b", words):
        return None
    if has(r"\b(?:behaviou?r|semantics?)\b", words) and not has(r"\bapi|interface|signature|export", words):
        return None
    selector = env.vocabulary.public_api()
    globs = env.vocabulary.test_globs if has(r"\btest\s+(?:utilities|helpers|utils)\b", words) else ()
    breaking = Compare("breaking", "==", True)
    where = breaking if selector.where is None else And((selector.where, breaking))
    statements = (Forbid("changed", Selector(selector.kind, globs, where)),)
    draft = Draft(
        "api-compat",
        statements,
        clause.severity,
        "{change} {kind} {name} breaks callers of the public API",
    )
    return Reading("api-compat", (draft,), shape="api-compat")


SHAPES = (
    Shape(
        "no-new",
        "no new types, infrastructure, dependencies or files (the vocabulary's phrases name them)",
        no_new_targets,
        (
            Example(
                "NEVER create new tabularium types - only use existing ones", "forbid added tabularium_type"
            ),
            Example(
                "NEVER add new cloud infrastructure components (Lambda functions, API Gateway routes, etc.)",
                "forbid added infrastructure",
            ),
            Example(
                "New dependencies or external service integrations",
                "forbid added dependency",
                context="**NEVER CREATE OR MODIFY**:",
            ),
            Example("Use existing tabularium types for data operations", "forbid added tabularium_type"),
            Example("Do not create new files.", "forbid added file"),
            Example("Never delete or rename Lambda functions.", "forbid removed lambda_function"),
            Example(
                "Never add new public APIs to v1.",
                'forbid added public_api in "**/v1/**", "**/v1.*"',
                changes=(
                    ExampleFile(
                        "app/v1/users.py",
                        "def list_users():\n    return []\n\n\ndef _cache():\n    return {}\n",
                        (1,),
                    ),
                    ExampleFile("app/v2/users.py", "def list_users():\n    return []\n"),
                ),
            ),
            # the place of what is forbidden, not a file that may not be added
            Example(
                "NEVER add new dependencies to `pyproject.toml`.",
                'forbid added dependency in "pyproject.toml"',
                changes=(
                    ExampleFile(
                        "pyproject.toml",
                        '[project]\nname = "app"\ndependencies = ["fastapi>=0.110", "httpx>=0.27"]\n',
                        (3,),
                        before='[project]\nname = "app"\ndependencies = ["fastapi>=0.110"]\n',
                    ),
                    ExampleFile("tools/requirements.txt", "ruff==0.5.0\n"),
                ),
            ),
            Example(
                "Do not add new Lambda functions under `stacks/prod/`.",
                'forbid added lambda_function in "stacks/prod/**"',
            ),
            Example("Do not create new widget schemas", None),
            # a qualifier says only some dependencies are meant
            Example("Do not add cloud dependencies.", None),
            Example("Create new models that implement the registry.Model interface", None),
        ),
    ),
    Shape(
        "api-compat",
        "no breaking change to the public API",
        api_compat,
        (
            Example(
                "Do not change public APIs or wire formats unnecessarily.",
                "forbid changed public_api where breaking == true",
            ),
            Example(
                "Ensure backward compatibility with existing features",
                "forbid changed public_api where breaking == true",
            ),
            Example("Preserve observable behavior exactly.", None),
        ),
    ),
)
