"""Shapes about what code may contain: constructs named in backticks ("No `any`", "prefer `a` over
`b`", review criteria that flag `unsafe`) and well-known ones named in words (TODOs, debug logs,
hardcoded paths or colours, comments, lint suppressions), as line rules on the files they belong to."""

from __future__ import annotations

import re
from collections.abc import Sequence

from scopeguard.agents.clauses import Clause
from scopeguard.agents.files import CODE_GLOBS, is_bare_file, is_path_like, language_globs, paths_in
from scopeguard.agents.lexicon import CODE_SPAN
from scopeguard.agents.readings import Draft, Env, Example, Reading, Shape, has
from scopeguard.agents.tokens import is_command, line_condition, token_globs, token_patterns
from scopeguard.policy.ast import And, ChangeSpec, Compare, Forbid, Selector, Statement

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
_TEST_WORDS = r"\b(?:tests?|specs?|mocks?|assert\w*|fixtures?|jest|vitest|pytest)\b"
_OTHER_CHECKABLE_WORDS = (
    r"\b(?:debug|logs?|logging|todos?|unsafe|sql|quer(?:y|ies)|eval|secrets?|tokens?|related\s+to|network|"
    r"panic|unwrap|delete|security|xss|injection|env|environment|iam|permissions?|public|exposed?|encrypt\w*)\b"
)


def code_tokens(clause: Clause, tokens: Sequence[str]) -> list[str]:
    out = []
    for t in tokens:
        t = t.strip()
        if len(t) < 2 or len(t) > 80 or re.fullmatch(r"[\d.%]+", t) or is_command(t) or t.startswith("-"):
            continue
        if is_path_like(t) and (not t.startswith((".", "@", "#")) or is_bare_file(t) or "." in t[1:]):
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
    preferred = re.findall(r"`+([^`]+)`+", clause.prose[: m.start()])
    # "`OrderPlacedV1`, not `OrderPlaced`" names a pattern by example; a substring cannot ban it
    return [
        t for t in tokens if (" " not in t.strip() or "(" in t) and not any(t.strip() in p for p in preferred)
    ]


_BOUNDARY_WORDS = re.compile(
    r",\s*(?:so|because|but|which|while|and\s+then|use|prefer)\b|\b(?:instead|prefer|rather)\b|[.;]\s",
    re.IGNORECASE,
)


def negated_span(prose: str) -> str:
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


def _outside_examples(prose: str, exception: bool = False) -> str:
    """Prose without parentheses that show the right way ("(check closures for `[weak self]`)"), or,
    when the rule has an exception, the cases it excepts ("outside request payloads (`*Params`)")."""
    if exception:
        prose = re.sub(r"\([^()]*\)", " ", prose)
    return re.sub(
        r"\((?=[^()]*\b(?:check|use|prefer|see|via|instead|with|e\.g\.|like|such\s+as|but)\b)[^()]*\)",
        " ",
        prose,
        flags=re.IGNORECASE,
    )


def banned_tokens(clause: Clause, env: Env) -> Reading | None:
    """Added lines holding a construct the sentence bans ("No `any`", "prefer `a` over `b`")."""
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
            scope = negated_span(_outside_examples(clause.prose, clause.exception))
            tokens = code_tokens(clause, re.findall(r"`+([^`]+)`+", scope))
            if clause.from_context and any(is_path_like(c) for c in clause.codes):
                return None
        else:
            return None
    elif has(_REVIEW_START, words):
        run = _TOKEN_LIST.search(clause.prose)
        tokens = code_tokens(clause, re.findall(r"`+([^`]+)`+", run.group(0))) if run else []
    else:
        tokens = code_tokens(clause, _banned_after_preference(clause))
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


SHAPES = (
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
)
