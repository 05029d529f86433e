"""Where a rule applies: the files its sentence, its lead-in, its headings and its agent narrow it to.

"Never use `Date.now` in tests", a bullet under "## Testing", or one under "In the `web/` folder:" is
a rule about test files or about one folder, not about every file; "Grep for `.unwrap()` in non-test
code" is a rule about every file *but* the tests; a rule under "### Python" is about Python files.
A rule compiled without that scope would fire on ordinary work elsewhere, so every shape that writes
a line or file rule reads its ``Scope`` here, once, the same way:

- **paths**: folders and files the sentence or its lead-in names as the place it applies ("in
  `src/components/`", "In the codex-rs folder:"), never a file named as a reference ("follow
  `AGENTS.md`", "from `src/lib/access.ts`", "tests for `create_deck/`"); and those it names as where it
  does not ("except in `scripts/`");
- **languages**: the languages the sentence names, else its lead-in, else its nearest heading that
  names one, else the agent's own (its name and description: a "rust-reviewer");
- **tests**: test files only (the sentence, its lead-in or its nearest heading is about tests, or the
  agent writes tests), or everything but them ("non-test code", "production code").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from scopeguard.agents.clauses import Clause
from scopeguard.agents.files import CODE_GLOBS, is_path_like, language_globs, to_glob
from scopeguard.agents.lexicon import CODE_SPAN, plain
from scopeguard.agents.readings import Env
from scopeguard.agents.tokens import fold_globs
from scopeguard.policy.ast import And, Compare, Condition, Not, Selector


@dataclass(frozen=True, slots=True)
class Scope:
    """The files a rule applies to, as its sentence and the text around it say."""

    #: folders or files named as where the rule applies
    paths: tuple[str, ...] = ()
    #: file globs of the languages named
    languages: tuple[str, ...] = ()
    #: ``True``: test files only; ``False``: every file but the tests; ``None``: both
    tests: bool | None = None
    #: the languages are the agent's own, not the sentence's (an agent's ``globs`` say more)
    agent_languages: bool = False
    #: folders or files named as where the rule does not apply ("except in `scripts/`")
    excluded: tuple[str, ...] = ()


#: a path named as a reference or as what is covered, not as where the rule applies
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:e\.g\.,?|i\.e\.,?|for\s+example,?|such\s+as|"
    r"follow|follows|following|see|per|read|reading|consult|check|from|via|like|as\s+in|"
    r"according\s+to|(?:described|documented|defined|explained|listed|specified|mentioned|shown)\s+in|"
    r"tests?\s+(?:for|of|covering)|specs?\s+for|coverage\s+(?:for|of)|rules?\s+(?:from|in))"
    r"(?:\s+(?:the|a|an|our|its|their))?\s*)$",
    re.IGNORECASE,
)
#: a place word before a path, possibly with other paths between ("in `a/` or `b/`")
_PLACE_BEFORE = re.compile(
    r"\b(?:in|inside|within|under|below|beneath|across|throughout|to|into|of|for\s+files\s+in|files\s+in)"
    r"(?:\s+(?:the|any|all|every))?(?:\s*`x`\s*(?:,|/|\bor\b|\band\b))*\s*$",
    re.IGNORECASE,
)
#: documentation named in a code rule is where the convention is written, not where it applies
_DOCUMENT = re.compile(r"\.(?:md|mdx|mdc|rst|txt|adoc)$", re.IGNORECASE)
#: a folder named in a lead-in as the place ("In the codex-rs folder where the rust code lives:")
_FOLDER_WORDS = re.compile(
    r"\b(?:in|under|within|inside|for)\s+(?:the\s+)?`?(?P<dir>[\w@.-]+(?:/[\w@.*-]+)*/?)`?\s+"
    r"(?:folder|directory|dir|package|crate|module|workspace|project)\b",
    re.IGNORECASE,
)
_LEAD_IN_PLACE = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:in|under|within|inside|for\s+files\s+in)\s+`(?P<dir>[^`]+)`", re.IGNORECASE
)
_NOT_TESTS = re.compile(
    r"\bnon-?test\b|\bproduction\s+(?:code|paths?|files?|sources?)\b|\boutside\s+(?:of\s+)?tests?\b"
    r"|\b(?:except|other\s+than|but\s+not)\s+(?:in\s+)?tests?\b|\bnot\s+in\s+tests?\b",
    re.IGNORECASE,
)
#: a heading about tests ("Testing", "Test rules"); "specs" in a heading are as often specifications
_TEST_HEADING = re.compile(r"\b(?:tests?|testing|unit\s+tests?|test\s+\w+)\b", re.IGNORECASE)
#: "tests" as the object of the rule, not its place ("write tests", "never delete tests")
_TESTS_AS_OBJECT = re.compile(
    r"\b(?:write|add|create|delete|remove|skip|run|update|fix|keep|weaken)\s+(?:\w+\s+){0,2}?tests?\b",
    re.IGNORECASE,
)
_IN_TESTS = re.compile(
    r"\b(?:in|inside|within|for|from|of)\s+(?:a\s+|the\s+|any\s+|your\s+|our\s+)?(?:\w+\s+)?"
    r"(?:tests?|specs?|test\s+(?:code|files?|suites?|cases?|helpers|utilities))\b"
    r"|^\W*(?:in\s+)?(?:\w+\s+)?tests?\s*[:,]",
    re.IGNORECASE,
)
_TRIVIAL_GLOBS = frozenset({"*", "**", "**/*", "*.*", "**/*.*", "./**"})
#: an exception word before a path, possibly with other paths between ("except in `a/` or `b/`")
_EXCEPT_BEFORE = re.compile(
    r"\b(?:except|excluding|outside|other\s+than|but\s+not|apart\s+from|save\s+for)"
    r"(?:\s+(?:of|for))?(?:\s+(?:in|under|within|inside|for))?(?:\s+(?:the|any))?"
    r"(?:\s*`x`\s*(?:,|/|\bor\b|\band\b))*\s*$",
    re.IGNORECASE,
)


def excluded_paths(prose: str, codes: Sequence[str]) -> list[str]:
    """Paths the text names as where something does not apply ("never use `x` except in `scripts/`")."""
    out: list[str] = []
    for m in CODE_SPAN.finditer(prose):
        token = m.group(2).strip()
        if (
            token in codes
            and is_path_like(token)
            and _EXCEPT_BEFORE.search(CODE_SPAN.sub("`x`", prose[: m.start()]))
        ):
            out.append(to_glob(token))
    return list(dict.fromkeys(out))


def place_paths(prose: str, codes: Sequence[str]) -> list[str]:
    """Paths the text names as where something applies (not as references, documents, or test subjects)."""
    out: list[str] = []
    for m in CODE_SPAN.finditer(prose):
        token = m.group(2).strip()
        if token not in codes or not is_path_like(token):
            continue
        before = prose[: m.start()]
        if _DOCUMENT.search(token) or _REFERENCE_BEFORE.search(before):
            continue
        if before.strip(" *_([") and not _PLACE_BEFORE.search(CODE_SPAN.sub("`x`", before)):
            continue  # "(`unused-imports/no-unused-imports`)": a gloss, not where the rule applies
        out.append(to_glob(token))
    if out:
        return list(dict.fromkeys(out))
    folder = _FOLDER_WORDS.search(CODE_SPAN.sub(lambda m: m.group(0).strip("`"), prose))
    if folder is not None and re.search(r"[/_.-]|^[a-z]", folder.group("dir")):
        return [to_glob(folder.group("dir").rstrip("/") + "/")]
    return []


def scope_of(clause: Clause, env: Env, *, agent_tests: bool = True) -> Scope:
    """The scope of the rule ``clause`` states: its own words first, then its lead-in and headings;
    ``agent_tests`` lets an agent that writes tests narrow the rule to test files."""
    sentence = clause.sentence
    context = plain(sentence.context or "")
    headings = tuple(reversed(sentence.headings))
    excluded = excluded_paths(clause.prose, clause.codes)
    paths = [p for p in place_paths(clause.prose, clause.codes) if p not in excluded]
    if not paths and context:
        lead = _LEAD_IN_PLACE.search(context)
        if lead is not None and is_path_like(lead.group("dir")) and not _DOCUMENT.search(lead.group("dir")):
            paths = [to_glob(lead.group("dir"))]
        else:
            paths = [p for p in place_paths(context, re.findall(r"`+([^`]+)`+", context)) if "/" in p]
    languages: tuple[str, ...] = ()
    for text in (clause.prose, plain(sentence.text), context, *headings):
        languages = language_globs([CODE_SPAN.sub(" ", text)])
        if languages:
            break
    return Scope(
        tuple(paths),
        languages or env.languages,
        _tests(clause, context, headings, env if agent_tests else replace(env, tests_agent=False)),
        agent_languages=not languages and bool(env.languages),
        excluded=tuple(excluded),
    )


def _tests(clause: Clause, context: str, headings: Sequence[str], env: Env) -> bool | None:
    words = CODE_SPAN.sub(" ", clause.prose)
    if _NOT_TESTS.search(words) or _NOT_TESTS.search(context):
        return False
    if _IN_TESTS.search(words) and not _TESTS_AS_OBJECT.search(words):
        return True
    if _TEST_HEADING.search(context) and not _TESTS_AS_OBJECT.search(context):
        return True
    if headings and _TEST_HEADING.search(headings[0]) and not _TESTS_AS_OBJECT.search(headings[0]):
        return True
    return True if env.tests_agent else None


def file_globs(
    scope: Scope, own: Sequence[str] = (), *, default: Sequence[str] = CODE_GLOBS
) -> tuple[str, ...]:
    """The file globs of a line rule: the construct's own, else the scope's languages, else ``default``."""
    return tuple(own) or scope.languages or tuple(default)


def narrowed(
    kind: str, globs: Sequence[str], condition: Condition | None, scope: Scope, env: Env
) -> Selector:
    """``KIND in GLOBS where …``: the condition, within the scope's paths, tests and the agent's globs."""
    parts: list[Condition] = []
    selector_globs = tuple(globs)
    if scope.paths:
        if selector_globs:
            parts.append(Compare("path", "~", fold_globs(scope.paths)))
        else:
            selector_globs = scope.paths
    agent = tuple(g for g in env.agent_globs if g not in _TRIVIAL_GLOBS)
    if agent and set(agent) != set(selector_globs):
        if selector_globs:
            parts.append(Compare("path", "~", fold_globs(agent)))
        else:
            selector_globs = agent
    if scope.excluded:
        parts.append(Not(Compare("path", "~", fold_globs(scope.excluded))))
    if scope.tests is True:
        parts.append(Compare("path", "~", env.vocabulary.test_glob))
    elif scope.tests is False:
        parts.append(Not(Compare("path", "~", env.vocabulary.test_glob)))
    if isinstance(condition, And):
        parts.extend(condition.items)
    elif condition is not None:
        parts.append(condition)
    where: Condition | None
    if not parts:
        where = None
    elif len(parts) == 1:
        where = parts[0]
    else:
        where = And(tuple(parts))
    return Selector(kind, selector_globs, where)
