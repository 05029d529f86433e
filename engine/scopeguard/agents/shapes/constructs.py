"""Shapes about what code may contain: constructs named in backticks ("No `any`", "prefer `a` over
`b`", review criteria that flag `unsafe`), as line rules on the files they belong to. Constructs named
in words (TODOs, debug logs, empty catch blocks) are ``named``'s."""

from __future__ import annotations

import re
from collections.abc import Sequence

from scopeguard.agents.clauses import Clause
from scopeguard.agents.files import CODE_GLOBS, is_bare_file, is_path_like, language_globs
from scopeguard.agents.lexicon import CODE_SPAN, is_negative, leading_mark
from scopeguard.agents.readings import Draft, Env, Example, ExampleFile, Reading, Shape, has
from scopeguard.agents.tokens import is_command, line_condition, token_globs, token_patterns
from scopeguard.policy.ast import And, ChangeSpec, Compare, Forbid, Selector

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


#: "Name it `AddEmailToUser`, not `Update1`": examples of a naming convention, not constructs to ban
_NAMING = r"\b(?:name|names|named|naming|pascalcase|camelcase|snake_case|kebab-case)\b"


def _banned_after_preference(clause: Clause) -> list[str]:
    """In "prefer `A` over `B`" / "use `A` instead of `B`" / "`A`, not `B`": the ``B`` side, right after."""
    m = _PREFER.search(clause.prose)
    if m is None or has(_NAMING, clause.words):
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


#: code named as the place of a construct, not the construct ("no template literals in `className`")
_PLACE = re.compile(r"\b(?:in|inside|within)\s+(?:the\s+|a\s+|an\s+|any\s+)?(`+)[^`]+\1", re.IGNORECASE)

#: a bullet under "What to flag" that names a construct only in some uses ("`info!` on hot paths",
#: "`tokio::spawn` whose logs lack a span"): the construct itself is not banned
_QUALIFIED = (
    r"`code`\s*(?:\w+\s+){0,2}?(?:whose|that|which|where|when|on|in|with|without|for|used|vs\.?|versus|"
    r"instead|outside|inside|per)\b"
)


def _negative_outside_remarks(clause: Clause) -> bool:
    """Whether the clause forbids in its own words, not only inside a parenthetical remark."""
    return is_negative(re.sub(r"\([^()]*\)", " ", clause.text)) or leading_mark(clause.text) == "negative"


def banned_tokens(clause: Clause, env: Env) -> Reading | None:
    """Added lines holding a construct the sentence bans ("No `any`", "prefer `a` over `b`")."""
    words = clause.words
    if clause.process:
        return None
    if clause.negative:
        if has(_NOT_CODE_VERBS, words) and not has(_USE_VERBS, words.split("`code`")[0]):
            return None
        if not clause.from_context and not _negative_outside_remarks(clause):
            return None  # "Add `NOT NULL` with defaults (avoids breaking rows)": the remark negates
        if (
            clause.from_context
            or has(_USE_VERBS, words)
            or has(r"^\W*(?:no|never|avoid)\b", words)
            or has(r"\b(?:no|avoid)\s+(?:\w+\s+){0,2}`code`", words)
        ):
            scope = negated_span(_outside_examples(clause.prose, clause.exception))
            scope = _PLACE.sub(" ", scope)
            tokens = code_tokens(clause, re.findall(r"`+([^`]+)`+", scope))
            if clause.from_context and (
                any(is_path_like(c) for c in clause.codes) or has(_QUALIFIED, clause.words)
            ):
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


# --- a macro required instead of the function of the same name -------------------------------------

_MUST_USE = re.compile(r"\b(?:must|should|always)\s+(?:only\s+)?use\b|\buse\s+only\b", re.IGNORECASE)


def macro_form(clause: Clause, env: Env) -> Reading | None:
    """ "Queries must use the `sqlx::query!` macro": the function of the same name (checked at run time
    rather than at compile time) may not be called."""
    if clause.negative or not _MUST_USE.search(clause.prose):
        return None
    macros = [c.strip()[:-1] for c in clause.codes if re.fullmatch(r"[A-Za-z_][\w:]*!", c.strip())]
    if not macros:
        return None
    names = "|".join(re.escape(m) for m in dict.fromkeys(macros))
    where = And((Compare("text", "matches", rf"(?<![\w:])(?:{names})\s*\("), Compare("comment", "==", False)))
    draft = Draft(
        "macro-form",
        (Forbid("added", Selector("line", ("**/*.rs",), where)),),
        "warning",
        "'{name}' calls the function where the macro is required",
    )
    return Reading("other-checkable", (draft,), shape="macro-form")


SHAPES = (
    Shape(
        "macro-form",
        "a Rust macro that is required: the function of the same name may not be called",
        macro_form,
        (
            Example(
                "All queries must use the `sqlx::query_as!` or `sqlx::query!` macros.",
                (
                    'forbid added line in "**/*.rs" where text matches '
                    r'"(?<![\\w:])(?:sqlx::query_as|sqlx::query)\\s*\\(" and comment == false'
                ),
                changes=(
                    ExampleFile(
                        "src/db.rs",
                        'let a = sqlx::query("SELECT 1").fetch_one(&pool).await?;\n'
                        'let b = sqlx::query!("SELECT 1").fetch_one(&pool).await?;\n',
                        (1,),
                    ),
                ),
            ),
            Example("Never use the `println!` macro.", None),
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
)
