"""Shapes about what code may contain: banned constructs named in backticks, well-known ones named in
words (TODOs, debug logs, hardcoded paths or colours), secrets, import boundaries, package managers,
and files that must change together."""

from __future__ import annotations

import re
from collections.abc import Sequence

from scopeguard.agents.clauses import Clause
from scopeguard.agents.lexicon import CODE_SPAN
from scopeguard.agents.readings import Draft, Env, Example, Reading, Shape, has
from scopeguard.agents.targets import (
    CODE_GLOBS,
    is_bare_file,
    is_command,
    is_path_like,
    language_globs,
    line_condition,
    paths_in,
    token_globs,
    token_patterns,
)
from scopeguard.policy.ast import And, ChangeSpec, Compare, Forbid, InList, Not, Require, Selector, Statement

_USE_VERBS = (
    r"\b(?:use|uses|using|add|adds|write|writes|call|calls|leave|leaves|commit|commits|import|imports|introduce|"
    r"include|put|reference|log|hardcode|hard-code|create|depend\s+on|rely\s+on|rely|return|emit|keep|ship|mutate|"
    r"report|flag|check\s+for|look\s+for|check|catch)\b"
)
_NOT_CODE_VERBS = (
    r"\b(?:run|runs|execute|executes|invoke|install|type|ask|read|open|mention|say|print\s+out)\s+`code`"
)
_REVIEW_START = (
    r"^\W*(?:[\w/ -]{1,40}:\s*)?(?:report|flag|check\s+for|look\s+for|watch\s+for|catch|grep\s+for)\s+"
    r"(?:any\s+|all\s+|for\s+)?`code`"
    r"|\bcheck\s+(?:for\s+)?(?:any\s+)?`code`"
)
_REVIEW_VERBS = r"\b(?:report|flag|check\s+for|look\s+for|check|catch)\s+(?:any\s+|for\s+)?`code`"
_PREFER = re.compile(
    r"\bprefer\b.*?\b(?:over|to)\b|\binstead\s+of\b|\brather\s+than\b|`\s*,?\s+not\s+`|\bnot\s+`",
    re.IGNORECASE,
)
_TEST_WORDS = r"\b(?:tests?|specs?|mocks?|assert\w*|fixtures?|jest|vitest|pytest)\b"
_OTHER_CHECKABLE_WORDS = (
    r"\b(?:debug|logs?|logging|todos?|unsafe|sql|quer(?:y|ies)|eval|secrets?|tokens?|related\s+to|network|"
    r"panic|unwrap|delete|security|xss|injection|env|environment|iam|permissions?|public|exposed?|encrypt\w*)\b"
)


def _code_tokens(clause: Clause, tokens: Sequence[str]) -> list[str]:
    out = []
    for t in tokens:
        t = t.strip()
        if len(t) < 2 or len(t) > 80 or re.fullmatch(r"[\d.%]+", t) or is_command(t) or t.startswith("-"):
            continue
        if is_path_like(t) and (not t.startswith((".", "@", "#")) or is_bare_file(t)):
            continue
        if re.fullmatch(r"<[^>]+>|\{[^}]+\}|\.\.\.|…|main|master|develop|trunk|HEAD|origin", t):
            continue
        out.append(t)
    return out


_PREFER = re.compile(
    r"\bprefer\b.*?\b(?:over|to)\s+(?=`)|\binstead\s+of\s+(?=`)|\brather\s+than\s+(?=`)|(?<=`),?\s+not\s+(?=`)",
    re.IGNORECASE,
)
_TOKEN_LIST = re.compile(r"(?:`+[^`]+`+(?:\s*(?:,|/|\bor\b|\band\b)\s*)?)+")


def _banned_after_preference(clause: Clause) -> list[str]:
    """In "prefer `A` over `B`" / "use `A` instead of `B`" / "`A`, not `B`": the ``B`` side, right after."""
    m = _PREFER.search(clause.prose)
    if m is None:
        return []
    run = _TOKEN_LIST.match(clause.prose, m.end())
    if run is None:
        return []
    tokens = re.findall(r"`+([^`]+)`+", run.group(0))
    return [t for t in tokens if " " not in t.strip() or "(" in t]


_BOUNDARY_WORDS = re.compile(
    r",\s*(?:so|because|but|which|while|and\s+then|use|prefer)\b|\b(?:instead|prefer|rather)\b|[.;]\s",
    re.IGNORECASE,
)


def _negated_span(prose: str) -> str:
    """The parts of a clause its negations govern: each up to "instead", "use …", ", so …" or a stop."""
    masked = CODE_SPAN.sub(lambda m: "x" * len(m.group(0)), prose)
    starts = [m.start() for m in re.finditer(r"\b(?:never|not|don'?t|avoid|no)\b", masked, re.IGNORECASE)]
    if not starts or re.match(r"^\W*[A-Za-z]", masked) is None:
        starts = [0, *starts]
    spans = []
    for start in starts:
        end = _BOUNDARY_WORDS.search(masked, start + 3)
        spans.append(prose[start : end.start() if end else len(prose)])
    return " ".join(spans)


def _outside_examples(prose: str) -> str:
    """Prose without parentheses that show the right way ("(check closures for `[weak self]`)")."""
    return re.sub(
        r"\((?=[^()]*\b(?:check|use|prefer|see|via|instead|with|e\.g\.|like|such\s+as|but)\b)[^()]*\)",
        " ",
        prose,
        flags=re.IGNORECASE,
    )


def banned_tokens(clause: Clause, env: Env) -> Reading | None:
    """ "No `any`", "never use `console.log`", "prefer `a` over `b`": added lines holding the construct."""
    words = clause.words
    if clause.process:
        return None
    if clause.negative:
        if has(_NOT_CODE_VERBS, words) and not has(_USE_VERBS, words.split("`code`")[0]):
            return None
        if (
            clause.from_context
            or has(_USE_VERBS, words)
            or has(r"^\W*(?:no|never|avoid)\b", words)
            or has(r"\b(?:no|avoid)\s+(?:\w+\s+){0,2}`code`", words)
        ):
            scope = _negated_span(_outside_examples(clause.prose))
            tokens = _code_tokens(clause, re.findall(r"`+([^`]+)`+", scope))
            if clause.from_context and any(is_path_like(c) for c in clause.codes):
                return None
        else:
            return None
    elif has(_REVIEW_START, words):
        run = _TOKEN_LIST.search(clause.prose)
        tokens = _code_tokens(clause, re.findall(r"`+([^`]+)`+", run.group(0))) if run else []
    else:
        tokens = _code_tokens(clause, _banned_after_preference(clause))
    if not tokens:
        return None
    patterns = [p for t in tokens for p in token_patterns(t)]
    if not patterns:
        return None
    globs = _globs_for(tokens, clause, env)
    change: ChangeSpec = (
        "changed" if has(r"\b(?:modify|change|touch)\b[^.;]*\bcode\s+related\s+to\b", words) else "added"
    )
    severity = (
        "warning"
        if clause.severity == "warning" or has(_REVIEW_VERBS, words) or not clause.negative
        else "error"
    )
    category = _category(clause, tokens)
    draft = Draft(
        "ban-" + _slug(tokens[0]),
        (Forbid(change, Selector("line", globs, line_condition(patterns))),),
        severity,
        "'{name}' uses a construct this agent may not use",
    )
    return Reading(category, (draft,), shape="banned-code")


def _globs_for(tokens: Sequence[str], clause: Clause, env: Env) -> tuple[str, ...]:
    from_tokens = tuple(dict.fromkeys(g for t in tokens for g in token_globs(t)))
    tests = has(_TEST_WORDS, clause.words) and not has(r"\bnon-test\b", clause.words)
    if env.agent_globs:
        return env.agent_globs
    if tests and from_tokens and all("test" not in g for g in from_tokens):
        return (env.vocabulary.test_glob,)
    if from_tokens:
        return from_tokens
    if tests:
        return (env.vocabulary.test_glob,)
    texts = [clause.prose, clause.sentence.context or "", *clause.sentence.headings[-2:]]
    return language_globs(texts) or env.agent_globs or CODE_GLOBS


def _category(clause: Clause, tokens: Sequence[str]) -> str:
    if has(_TEST_WORDS, clause.words.replace("non-test", "")) or any(
        re.search(r"skip|only|xit|xdescribe|mock|assert", t) for t in tokens
    ):
        return "tests-required"
    if has(_OTHER_CHECKABLE_WORDS, clause.words) or any(
        re.search(r"console\.|print|debug|unwrap|unsafe|eval|query|exec|Raw|dangerously", t) for t in tokens
    ):
        return "other-checkable"
    return "style"


def _slug(token: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", token).strip("-").lower()
    return slug[:24].strip("-") or "construct"


# --- constructs named in words ------------------------------------------------------------------------

_JS = ("**/*.{js,jsx,ts,tsx,mjs,cjs,vue,svelte}",)
_NAMED: tuple[tuple[str, str, str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]], ...] = (
    (r"\btodos?\b|\bfixmes?\b", "no-todo", "other-checkable", ((CODE_GLOBS, ("*TODO*", "*FIXME*")),)),
    (
        r"\bdebug(?:ging)?\s+(?:logs?|logging|statements?|prints?|code|output)\b|\bprint\s+statements\b"
        r"|\bconsole\.log\b|\bdebug\s+code\b",
        "no-debug-logs",
        "other-checkable",
        (
            (_JS, ("*console.log(*", "*console.debug(*", "*debugger;*")),
            (("**/*.py",), ("{print(*,*[!A-Za-z0-9_.]print(*}", "*breakpoint()*", "*pdb.set_trace()*")),
            (("**/*.rs",), ("*dbg!(*", "*println!(*")),
            (("**/*.go",), ("*fmt.Println(*", "*fmt.Printf(*")),
            (("**/*.{java,kt}",), ("*System.out.println(*", "*printStackTrace()*")),
        ),
    ),
    (
        r"\bunwrap\b|\.unwrap\(\)",
        "no-unwrap",
        "other-checkable",
        ((("**/*.rs",), ("*.unwrap()*", "*.expect(*")),),
    ),
    (
        r"\b(?:hard[- ]?cod\w*|local)\s+absolute\s+paths?\b|\babsolute\s+paths?\b",
        "no-absolute-paths",
        "other-checkable",
        (((*CODE_GLOBS, "**/*.{yml,yaml,json,toml}"), ("*/Users/*", "*/home/*", "*C:\\*", "*C:/*")),),
    ),
    (
        r"\bhard[- ]?cod\w*\s+(?:hex|rgb|colou?rs?)\b|\bhex/rgb\b|\bhex\s+colou?rs?\b",
        "no-hardcoded-colors",
        "style",
        ((_JS, ("*#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]*", "*rgb(*", "*rgba(*")),),
    ),
    (
        r"\bhard[- ]?cod\w*\s+e-?mails?\b",
        "no-hardcoded-emails",
        "other-checkable",
        ((CODE_GLOBS, ("*[A-Za-z0-9]@[A-Za-z0-9]*.[a-z][a-z]*",)),),
    ),
    (
        r"\b(?:add|adds|adding|write|writing|leave|leaving)\s+(?:any\s+|new\s+)?(?:code\s+)?comments?\b"
        r"|^\W*no\s+(?:code\s+)?comments\b",
        "no-comments",
        "style",
        (
            (
                ("**/*.{go,rs,ts,tsx,js,jsx,mjs,cjs,java,kt,cs,swift,c,h,cc,cpp,hpp,scala,dart,php}",),
                ("*// *", "*/[*]*"),
            ),
            (("**/*.{py,rb,sh}",), ("# *", "* # *")),
        ),
    ),
    (
        r"\bmutat\w*\s+(?:the\s+)?(?:process\s+)?environment\b|\b(?:set|change|modify)\w*\s+environment\s+variables\b",
        "no-env-mutation",
        "tests-required",
        (
            (("**/*.rs",), ("*env::set_var(*", "*env::remove_var(*")),
            (("**/*.py",), ("*os.environ[[]*=*", "*os.putenv(*", "*monkeypatch.setenv(*")),
            (("**/*.go",), ("*os.Setenv(*",)),
            (_JS, ("*process.env.*=*",)),
        ),
    ),
    (
        r"\b(?:disable|disables|disabling|suppress\w*|silenc\w*|bypass\w*)\s+(?:the\s+|any\s+)?"
        r"(?:lint\w*|eslint|clippy|type[- ]?check\w*|type\s+errors|compiler\s+warnings|warnings)\b"
        r"|\bsuppression\s+comments\b|\blint\s+suppressions?\b",
        "no-lint-suppressions",
        "style",
        (
            (_JS, ("*eslint-disable*", "*@ts-ignore*", "*@ts-nocheck*")),
            (("**/*.py",), ("*# noqa*", "*type: ignore*", "*pylint: disable*")),
            (("**/*.rs",), ("*#[[]allow(*",)),
            (("**/*.go",), ("*//nolint*",)),
            (("**/*.{java,kt}",), ("*@SuppressWarnings*",)),
        ),
    ),
    (
        r"\binline\s+styles?\b",
        "no-inline-styles",
        "style",
        (((*_JS, "**/*.html"), ("*style={*", '*style="*')),),
    ),
)


_REMOVE = r"\b(?:strip|remove|delete|clean\s+up|get\s+rid\s+of)\b"


def _extensions(globs: Sequence[str]) -> set[str]:
    """The file extensions globs name (``**/*.{ts,tsx}`` -> ``{"ts", "tsx"}``)."""
    out: set[str] = set()
    for glob in globs:
        m = re.search(r"\.(?:\{([\w,]+)\}|(\w+))$", glob)
        if m is not None:
            out.update((m.group(1) or m.group(2)).split(","))
    return out


def named_constructs(clause: Clause, env: Env) -> Reading | None:
    if not (clause.negative or has(_REMOVE, clause.words)):
        return None
    for pattern, slug, category, parts in _NAMED:
        if not has(pattern, clause.words):
            continue
        if slug == "no-comments" and clause.exception:
            return Reading(
                category,
                reason="comments are allowed in some cases it leaves to judgement",
                shape="named-code",
            )
        statements: list[Statement] = []
        scoped = paths_in(clause.prose, clause.codes)
        tests_only = slug == "no-env-mutation" or (
            has(r"\bin\s+tests?\b", clause.words) and slug != "no-todo"
        )
        languages = language_globs([clause.prose, clause.sentence.context or ""]) or env.agent_globs
        wanted = _extensions(languages)
        if wanted and len(parts) > 1 and any(_extensions(g) & wanted for g, _ in parts):
            parts = tuple(p for p in parts if _extensions(p[0]) & wanted)
        for globs, patterns in parts:
            where = line_condition(patterns)
            if globs == CODE_GLOBS and languages:
                globs = languages
            if scoped:
                statements.append(Forbid("added", Selector("line", tuple(scoped), where)))
                break
            if has(r"\bworkflow\s+files?\b", clause.words):
                statements.append(Forbid("added", Selector("line", (".github/workflows/**",), where)))
                break
            if tests_only:
                in_tests = And((Compare("path", "~", env.vocabulary.test_glob), where))
                statements.append(Forbid("added", Selector("line", globs, in_tests)))
                continue
            statements.append(Forbid("added", Selector("line", globs, where)))
        note = None
        if has(r"\bcommented[- ]out\s+code\b", clause.words):
            note = "commented-out code is not enforced: scopeguard cannot tell it from prose comments"
        draft = Draft(
            slug, tuple(statements), clause.severity, "'{name}' adds what this agent may not leave in code"
        )
        return Reading(category, (draft,), shape="named-code", note=note)
    return None


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
    rf"\b(?:log|logs|logged|logging)\b[^.;]{{0,40}}\b{_SECRET}"
    rf"|\b{_SECRET}\b[^.;]{{0,40}}\b(?:appear\s+in|in)\s+logs\b"
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


# --- import boundaries --------------------------------------------------------------------------------

_BOUNDARY = re.compile(
    r"^(?P<subject>.*?)\b(?:must|should|may)\s+not\s+(?:import|reference|depend\s+on|use)\s+(?P<object>.+)$",
    re.IGNORECASE,
)


def import_boundary(clause: Clause, env: Env) -> Reading | None:
    """ "Code under `Domain/` must not reference infrastructure": no import of it from those paths."""
    m = _BOUNDARY.match(clause.prose)
    if m is None:
        return None
    subject_paths = paths_in(m.group("subject"), re.findall(r"`+([^`]+)`+", m.group("subject")))
    if not subject_paths:
        return None
    obj = re.findall(r"`+([^`]+)`+", m.group("object")) or re.findall(
        r"[A-Za-z][\w.-]{2,}", m.group("object")
    )
    if not obj:
        return None
    name = obj[0].strip().rstrip("/.,;:")
    first = name[0]
    body = f"[{first.upper()}{first.lower()}]{re.escape(name[1:])}" if first.isalpha() else name
    pattern = "*{import ,using ,require(,from ,use }*" + body.replace("\\", "") + "*"
    draft = Draft(
        "import-boundary",
        (Forbid("added", Selector("line", tuple(subject_paths), Compare("text", "~", pattern))),),
        clause.severity,
        "'{name}' crosses a layer boundary this agent must keep",
    )
    return Reading("other-checkable", (draft,), shape="import-boundary")


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
    """ "`pnpm install` (never `npm`/`yarn`)": the other tools' lock files may not appear."""
    m = re.search(r"\b(?:never|not|don'?t\s+use|avoid)\b\s*(?P<tools>[`\w/, ]+)", clause.prose, re.IGNORECASE)
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
    """ "Do not use the `moment` library": that package may not be added as a dependency."""
    if not clause.negative or clause.from_context or not has(_PACKAGE_WORDS, clause.words):
        return None
    names = [c for c in _code_tokens(clause, re.findall(r"`+([^`]+)`+", _negated_span(clause.prose)))]
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
    """ "Code may only import from: `serde`, `sqlx`": no other dependency may be added."""
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


# --- files that change together -----------------------------------------------------------------------

_CO_CHANGE = re.compile(
    r"\b(?:if|when|whenever|after)\s+(?:you\s+)?(?:change|changes|changing|modify|modifies|update|updates|edit|bump|touch)"
    r"(?P<cause>.*?)(?:,|\bthen\b|\s[—–]\s)(?P<effect>.*)$",
    re.IGNORECASE,
)


def co_change(clause: Clause, env: Env) -> Reading | None:
    """ "If you change `Cargo.toml`, … refresh `MODULE.bazel.lock`": the second file must change too."""
    m = _CO_CHANGE.search(clause.prose)
    if m is None or not re.search(
        r"\b(?:update|refresh|regenerate|include|commit|bump|add)\b", m.group("effect"), re.I
    ):
        return None
    cause_codes = re.findall(r"`+([^`]+)`+", m.group("cause"))
    effect_codes = [c for c in re.findall(r"`+([^`]+)`+", m.group("effect")) if not is_command(c)]
    effects = tuple(paths_in(m.group("effect"), effect_codes))
    if not effects:
        return None
    causes = tuple(paths_in(m.group("cause"), cause_codes))
    if causes:
        when = Selector("file", causes)
    else:
        names = [c for c in cause_codes if re.fullmatch(r"[A-Za-z_][\w:.]*", c)]
        if not names:
            return None
        when = Selector("line", where=line_condition([p for n in names for p in token_patterns(n)]))
    draft = Draft(
        "co-change",
        (Require("changed", Selector("file", effects), "changed", when),),
        "warning",
        "{path} changed without " + ", ".join(effects),
    )
    return Reading("other-checkable", (draft,), shape="co-change")


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
    Shape(
        "banned-code",
        "constructs named in backticks may not be added (on the files they belong to)",
        banned_tokens,
        (
            Example(
                "No `any` and no `@ts-ignore` without a one-line reason.",
                'forbid added line in "**/*.{ts,tsx,mts,cts}" where text ~ '
                '"{*: any[!A-Za-z0-9_]*,*: any,*<any>*,*as any[!A-Za-z0-9_]*,*as any,*any[[]]*}" '
                'or text ~ "*@ts-ignore*"',
            ),
            Example(
                "In Rust tests, prefer `wait_for_event` over `wait_for_event_with_timeout`.",
                'forbid added line in "{tests/**,**/test_*.py}" where text ~ "*wait_for_event_with_timeout*"',
            ),
            Example("Never run `git push --force`", None),
        ),
    ),
    Shape(
        "named-code",
        "well-known constructs named in words: TODOs, debug logs, unwrap, absolute paths, hardcoded colours",
        named_constructs,
        (
            Example(
                "No TODOs anywhere in new or modified Go code",
                'forbid added line in "**/*.go" where text ~ "*TODO*" or text ~ "*FIXME*"',
            ),
            Example(
                "Never disable linting in Python code.",
                'forbid added line in "**/*.py" where text ~ "{*# noqa*,*type: ignore*,*pylint: disable*}"',
            ),
            Example("Keep TODO lists in the tracker", None),
        ),
    ),
    Shape(
        "import-boundary",
        "code under some paths may not import or reference something",
        import_boundary,
        (
            Example(
                "Domain code (under `Domain/`) must not reference infrastructure.",
                'forbid added line in "Domain/**" where text ~ "*{import ,using ,require(,from ,use }*'
                '[Ii]nfrastructure*"',
            ),
        ),
    ),
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
    Shape(
        "co-change",
        "files that must change together",
        co_change,
        (
            Example(
                "If you change `Cargo.toml`, run `just lock` to refresh `MODULE.bazel.lock` too.",
                'require changed file in "MODULE.bazel.lock" when changed file in "Cargo.toml"',
            ),
        ),
    ),
)
