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
from scopeguard.agents.scoping import file_globs, narrowed, scope_of
from scopeguard.agents.tokens import (
    FOCUS_MARKERS,
    SKIP_MARKERS,
    is_command,
    is_comment_directive,
    line_condition,
    names_marker,
    token_condition,
    token_globs,
    token_patterns,
)
from scopeguard.policy.ast import And, ChangeSpec, Compare, Condition, Forbid, Or, Selector

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
    """The code spans that name constructs: not commands, paths, placeholders or branch names."""
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
    covered = -1
    for start in starts:
        if start < covered:
            continue  # "do not use `a` …, and do not use `b`": the second negation is inside the first span
        end = _BOUNDARY_WORDS.search(masked, start + 3)
        covered = end.start() if end else len(prose)
        spans.append(prose[start:covered])
    return " ".join(spans)


def _outside_examples(prose: str, exception: bool = False) -> str:
    """Prose without parentheses that show the right way ("(check closures for `[weak self]`)"), or,
    when the rule has an exception, the cases it excepts ("outside request payloads (`*Params`)").
    Parentheses inside code (``#[ts(optional = nullable)]``) are code, not remarks."""
    spans: list[str] = []

    def hide(m: re.Match[str]) -> str:
        spans.append(m.group(0))
        return f"\x00{len(spans) - 1}\x00"

    masked = CODE_SPAN.sub(hide, prose)
    if exception:
        masked = re.sub(r"\([^()]*\)", " ", masked)
    masked = re.sub(
        r"\((?=[^()]*\b(?:check|use|prefer|see|via|instead|with|e\.g\.|like|such\s+as|but)\b)[^()]*\)",
        " ",
        masked,
        flags=re.IGNORECASE,
    )
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], masked)


#: code named as the place of a construct, not the construct ("no template literals in `className`")
_PLACE = re.compile(r"\b(?:in|inside|within)\s+(?:the\s+|a\s+|an\s+|any\s+)?(`+)[^`]+\1", re.IGNORECASE)

#: a bullet under "What to flag" that names a construct only in some uses ("`info!` on hot paths",
#: "`tokio::spawn` whose logs lack a span"): the construct itself is not banned
_QUALIFIED = (
    r"`code`\s*(?:\w+\s+){0,2}?(?:whose|that|which|where|when|on|in|with|without|for|used|vs\.?|versus|"
    r"instead|outside|inside|per)\b"
)


def _test_marker(code: str) -> bool:
    return names_marker(code, SKIP_MARKERS) or names_marker(code, FOCUS_MARKERS)


def _without_places(span: str) -> str:
    """The span without code named only as the place of a construct named in words ("no template
    literals in `className`"); after a construct in code ("`a` inside `b`") the place stays, to pair."""
    out, last = [], 0
    for m in _PLACE.finditer(span):
        if not CODE_SPAN.search(span[: m.start()]):
            out.append(span[last : m.start()] + " ")
            last = m.end()
    return "".join(out) + span[last:]


def _negative_outside_remarks(clause: Clause) -> bool:
    """Whether the clause forbids in its own words, not only inside a parenthetical remark."""
    return is_negative(re.sub(r"\([^()]*\)", " ", clause.text)) or leading_mark(clause.text) == "negative"


def banned_tokens(clause: Clause, env: Env) -> Reading | None:
    """Added lines holding a construct the sentence bans ("No `any`", "prefer `a` over `b`")."""
    words = clause.words
    if clause.process:
        return None
    review = False
    if clause.negative:
        if has(_NOT_CODE_VERBS, words) and not has(_USE_VERBS, words.split("`code`")[0]):
            return None
        if not clause.from_context and not _negative_outside_remarks(clause):
            return None  # "Add `NOT NULL` with defaults (avoids breaking rows)": the remark negates
        if not (
            clause.from_context
            or has(_USE_VERBS, words)
            or has(r"^\W*(?:no|never|avoid)\b", words)
            or has(r"\b(?:no|avoid)\s+(?:\w+\s+){0,2}`code`", words)
        ):
            return None
        if clause.from_context and (any(is_path_like(c) for c in clause.codes) or has(_QUALIFIED, words)):
            return None
        span = _without_places(negated_span(_outside_examples(clause.prose, clause.exception)))
    elif has(_REVIEW_START, words):
        run = _TOKEN_LIST.search(clause.prose)
        span = clause.prose[run.start() :] if run else ""
        span = span[: m.start()] if (m := re.search(r"[.;]\s", span)) else span
        review = True
    else:
        span = " ".join(f"`{t}`" for t in _banned_after_preference(clause))
    # skipped and focused tests are the keep-tests shape's, which knows every framework's markers
    span = CODE_SPAN.sub(lambda m: " " if _test_marker(m.group(2)) else m.group(0), span)
    constructs, restricted = _constructs_in(span, clause, first_only=review)
    if not constructs:
        if restricted:
            return Reading(
                _category(clause, [restricted[0]]),
                reason=(
                    f"bans `{restricted[0]}` only in some uses ('{restricted[1]}'), which a line of code "
                    "does not show: scopeguard would report every use of it"
                ),
                shape="banned-code",
            )
        return None
    scope = scope_of(clause, env)
    tokens = [t for group in constructs for t in group[0]]
    change: ChangeSpec = (
        "changed" if has(r"\b(?:modify|change|touch)\b[^.;]*\bcode\s+related\s+to\b", words) else "added"
    )
    paired = any(len(group[0]) > 1 and isinstance(group[1], And) for group in constructs)
    excepted = re.search(r"`\s*\)?\s*without\b", span) is not None
    severity = (
        "warning"
        if clause.severity == "warning"
        or has(_REVIEW_VERBS, words)
        or not clause.negative
        or paired
        or excepted
        else "error"
    )
    by_files: dict[tuple[str, ...], list[Condition]] = {}
    for own, found in _by_language(constructs):
        by_files.setdefault(file_globs(scope, own), []).append(found)
    statements = tuple(
        Forbid(change, narrowed("line", globs, _or_in_code(found), scope, env))
        for globs, found in by_files.items()
    )
    draft = Draft(
        "ban-" + _slug(tokens[0]),
        statements,
        severity,
        "'{name}' uses a construct this agent may not use",
    )
    return Reading(_category(clause, tokens), (draft,), shape="banned-code")


#: a word after a construct that narrows which uses of it are meant ("`X` on user input", "`X` for v2
#: payloads", "`X` to model collections"); "in"/"for" are a scope when a language, tests or code follow
_RESTRICTING = re.compile(
    r"^[\s),]*(?P<word>on|onto|with|without|whose|where|when|whenever|per|vs\.?|versus|outside|to|for|in|"
    r"inside|within|used\s+(?:for|to|on|in|as))\b\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_SCOPE_PHRASE = re.compile(
    r"^(?:(?:the|any|all|new|our|your|committed|shipped|production|prod|non-test|test|library|app|"
    r"application|source|frontend|backend|server|client)\s+)*(?:code|files?|codebase|sources?|modules?|"
    r"tests?|specs?|production|prod|projects?|repo|repository|components?|packages?|crates?)\b",
    re.IGNORECASE,
)


#: purposes that every use of a banned construct has: they explain the ban, they do not narrow it
_WHAT_IT_DOES = (
    r"(?:silence|suppress|bypass|skip|hide|ignore|disable|mute|force|work\s+around|get\s+around|cheat|fake|"
    r"make\s+(?:\w+\s+){0,2}(?:pass|green|compile|work)|go\s+green|pass)\b"
)


def _restriction(after: str, clause: Clause) -> tuple[str, str] | None:
    """``(word, rest)`` when the text right after a construct narrows which of its uses are banned."""
    m = _RESTRICTING.match(re.sub(r"^\s*\([^()]*\)", " ", after))
    if m is None:
        return None
    word, rest = m.group("word").lower(), m.group("rest")
    plain_rest = CODE_SPAN.sub("x", rest).strip()
    if word in ("in", "inside", "within", "for") and (
        _SCOPE_PHRASE.match(plain_rest) or language_globs([" ".join(plain_rest.split()[:3])])
    ):
        return None
    if word == "to" and (
        not re.match(r"[a-z]+\b", plain_rest)
        or re.match(r"(?:be|the|a|an|any)\b", plain_rest)
        or re.match(_WHAT_IT_DOES, plain_rest, re.IGNORECASE)
    ):
        # "to" before a verb is a purpose ("to model collections"), unless the purpose is what the construct
        # always does (a lint suppression "to silence a check")
        return None
    if word == "without" or (word == "outside" and clause.exception):
        return None  # "without a reason", "outside request payloads": an exception, enforced as a warning
    return word, rest


def _constructs_in(
    span: str, clause: Clause, *, first_only: bool = False
) -> tuple[list[tuple[list[str], Condition]], tuple[str, str] | None]:
    """The banned constructs of a span, each with the condition a line holding it meets: a run of
    constructs narrowed by a place in code ("`A` on a cron or `B`": both on one line), or dropped when
    narrowed to uses a line does not show ("`X` on user input"). Also the first dropped one, if any."""
    out: list[tuple[list[str], Condition]] = []
    dropped: tuple[str, str] | None = None
    runs = list(_TOKEN_LIST.finditer(span))
    i = 0
    while i < len(runs):
        run = runs[i]
        nxt = runs[i + 1] if i + 1 < len(runs) else None
        tokens = code_tokens(clause, re.findall(r"`+([^`]+)`+", run.group(0)))
        after = span[run.end() : nxt.start() if nxt is not None else len(span)]
        restriction = _restriction(after, clause) if tokens else None
        i += 1
        if restriction is None:
            condition = _any_of(tokens)
            if condition is not None:
                out.append((tokens, condition))
        else:
            near = len(re.findall(r"\w+", after)) <= 6 and not re.search(r"[.;,:]", after)
            places = code_tokens(clause, re.findall(r"`+([^`]+)`+", nxt.group(0))) if nxt and near else []
            first, second = _any_of(tokens), _any_of(places)
            if restriction[0] in ("on", "onto", "in", "inside", "within", "into") and first and second:
                out.append(([*tokens, *places], And((first, second))))
                i += 1
            elif dropped is None:
                rest = CODE_SPAN.sub(lambda m: m.group(2), restriction[1])
                dropped = (tokens[0], f"{restriction[0]} {rest}"[:60].strip())
        if first_only:
            break
    return out, dropped


def _by_language(
    constructs: Sequence[tuple[list[str], Condition]],
) -> list[tuple[tuple[str, ...], Condition]]:
    """The constructs' conditions grouped by the files their code belongs to (``# noqa`` in Python,
    ``// @ts-ignore`` in TypeScript), each group a condition of its own; ``()`` for code of any file."""
    groups: dict[tuple[str, ...], list[Condition]] = {}
    for tokens, condition in constructs:
        if isinstance(condition, And):
            key = tuple(dict.fromkeys(g for t in tokens for g in token_globs(t)))
            groups.setdefault(key, []).append(_in_code(condition, tokens))
            continue
        by_globs: dict[tuple[str, ...], list[str]] = {}
        for token in tokens:
            by_globs.setdefault(token_globs(token), []).append(token)
        for key, group in by_globs.items():
            found = _any_of(group)
            if found is not None:
                groups.setdefault(key, []).append(_in_code(found, group))
    out = []
    for key, conditions in groups.items():
        unique = list(dict.fromkeys(conditions))
        out.append((key, unique[0] if len(unique) == 1 else _or_in_code(unique)))
    return out


_NOT_A_COMMENT = Compare("comment", "==", False)


def _or_in_code(conditions: list[Condition]) -> Condition:
    """Either condition; ``comment == false`` said once when every one of them says it."""
    if len(conditions) == 1:
        return conditions[0]
    if not all(isinstance(c, And) and c.items[-1] == _NOT_A_COMMENT for c in conditions):
        return Or(tuple(conditions))
    inner = [c.items[0] if len(c.items) == 2 else And(c.items[:-1]) for c in conditions if isinstance(c, And)]
    return And((Or(tuple(inner)), _NOT_A_COMMENT))


def _in_code(condition: Condition, tokens: Sequence[str]) -> Condition:
    """Lines holding code constructs, on lines that are not a comment as a whole (a comment that names
    ``console.log`` uses none); a comment directive (``# noqa``, ``@ts-ignore``, ``TODO``) lives in one."""
    if any(is_comment_directive(t) for t in tokens):
        return condition
    items = condition.items if isinstance(condition, And) else (condition,)
    return And((*items, _NOT_A_COMMENT))


def _any_of(tokens: Sequence[str]) -> Condition | None:
    conditions = list(dict.fromkeys(c for c in (token_condition(t) for t in tokens) if c is not None))
    patterns = list(dict.fromkeys(p for t in tokens for p in token_patterns(t)))
    regexes = [c for c in conditions if isinstance(c, Compare) and c.op == "matches"]
    if not conditions:
        return None
    if not regexes:
        return line_condition(patterns)
    items = ([line_condition(patterns)] if patterns else []) + regexes
    return items[0] if len(items) == 1 else Or(tuple(items))


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


#: the policy text of ``CODE_GLOBS``, for the examples
CODE_GLOBS_TEXT = '"' + CODE_GLOBS[0] + '"'

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
                'and comment == false or text ~ "*@ts-ignore*"',
            ),
            Example(
                "In Rust tests, prefer `wait_for_event` over `wait_for_event_with_timeout`.",
                'forbid added line in "**/*.rs" where path ~ "{tests/**,**/test_*.py}" and '
                'text ~ "*wait_for_event_with_timeout*" and comment == false',
            ),
            # a comment that names the construct uses none of it
            Example(
                "No `console.log` in committed code.",
                'forbid added line in "**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts,vue,svelte}" where '
                'text ~ "*console.log*" and comment == false',
                changes=(
                    ExampleFile(
                        "src/api.ts",
                        "// never leave console.log here: use the logger\nexport function load() {\n"
                        '  console.log("loading");\n  /* console.log(response) */\n}\n',
                        (3,),
                    ),
                ),
            ),
            Example("Never run `git push --force`", None),
            # a rule under a heading about tests is about test files (and the construct's own language)
            Example(
                "Never call `Math.random` or `Date.now` directly.",
                'forbid added line in "**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts,vue,svelte}" where path ~ '
                '"{tests/**,**/test_*.py}" and (text ~ "*Math.random*" or text ~ "*Date.now*") '
                "and comment == false",
                context="### Test rules",
                changes=(
                    ExampleFile(
                        "tests/clock.test.ts", "const started = Date.now();\nconst label = 'now';\n", (1,)
                    ),
                    ExampleFile("src/clock.ts", "export const now = () => Date.now();\n"),
                ),
            ),
            # code written as an example ends at its placeholder: `X` is not looked for literally
            Example(
                "Do not write `style={{ margin: spacing.X }}`; use utility classes.",
                'forbid added line in "**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts,vue,svelte}" where text matches '
                r'"(?<![\\w$])style=\\{\\{\\s*margin:\\s*spacing\\." and comment == false',
                changes=(
                    ExampleFile(
                        "src/Card.tsx",
                        "export const Card = () => <div style={{ margin: spacing.large }} />;\n"
                        'export const Plain = () => <div className="m-4" />;\n',
                        (1,),
                    ),
                ),
            ),
            Example(
                "Never write `map_err(|_| ...)`; keep the cause.",
                f'forbid added line in {CODE_GLOBS_TEXT} where text ~ "*map_err(|_|*" and comment == false',
                changes=(
                    ExampleFile(
                        "src/io.rs",
                        "fn read() -> Result<(), Error> {\n    load().map_err(|_| Error::Io)?;\n"
                        "    load().map_err(|e| Error::Io(e))?;\n    Ok(())\n}\n",
                        (2,),
                    ),
                ),
            ),
            # a literal argument is part of the construct; only `f()` names every call of `f`
            Example(
                'Avoid `env!("CARGO_MANIFEST_DIR")` in tests.',
                'forbid added line in "**/*.rs" where path ~ "{tests/**,**/test_*.py}" and '
                'text ~ "*env!(\\"CARGO_MANIFEST_DIR\\")*" and comment == false',
                changes=(
                    ExampleFile(
                        "tests/paths.rs",
                        'fn dirs() {\n    let root = env!("CARGO_MANIFEST_DIR");\n'
                        '    let version = env!("CARGO_PKG_VERSION");\n}\n',
                        (2,),
                    ),
                ),
            ),
            # a folder named as an exception is where the rule does not apply
            Example(
                "Never use `console.log` except in `scripts/`.",
                'forbid added line in "**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts,vue,svelte}" where not path ~ '
                '"scripts/**" and text ~ "*console.log*" and comment == false',
                changes=(
                    ExampleFile("scripts/seed.ts", 'console.log("seeded");\n'),
                    ExampleFile("src/app.ts", 'console.log("started");\n', (1,)),
                ),
            ),
            # a folder named in the lead-in is where the rule applies
            Example(
                "Do not call `unwrap()`.",
                'forbid added line in "**/*.rs" where path ~ "server/**" and text ~ "*unwrap(*" '
                "and comment == false",
                context="In the `server/` folder:",
                changes=(
                    ExampleFile(
                        "server/src/main.rs", "fn main() {\n    let port = arg().unwrap();\n}\n", (2,)
                    ),
                    ExampleFile("cli/src/main.rs", "fn main() {\n    let port = arg().unwrap();\n}\n"),
                ),
            ),
            Example(
                "Never add or modify code related to `LEGACY_MODE`.",
                'forbid changed line in "**/*.go" where path ~ "engine/**" and text ~ "*LEGACY_MODE*" '
                "and comment == false",
                context="In the engine folder where the Go code lives:",
            ),
            # a construct in a place named in code: both on one line
            Example(
                "Never call `syncAll` inside `setTimeout`.",
                f'forbid added line in {CODE_GLOBS_TEXT} where text ~ "*syncAll*" and text ~ "*setTimeout*" '
                "and comment == false",
                changes=(
                    ExampleFile(
                        "src/jobs.ts",
                        "setTimeout(syncAll, 1000);\nbutton.onclick = () => syncAll();\n"
                        "setTimeout(render, 10);\n",
                        (1,),
                    ),
                ),
            ),
            # each construct on the files of its language; a purpose every use has does not narrow the ban
            Example(
                "Do not add `# noqa` or `// @ts-ignore` to silence a check.",
                'forbid added line in "**/*.py" where text ~ "*# noqa*"\n'
                'forbid added line in "**/*.{ts,tsx,mts,cts}" where text ~ "*// @ts-ignore*"',
                changes=(
                    ExampleFile("app/io.py", "import os  # noqa\nimport sys\n", (1,)),
                    ExampleFile("src/io.ts", "// @ts-ignore\nconst size: number = load();\n", (1,)),
                ),
            ),
            Example("Do not use `#[serde(default)]` to model optional collections.", None),
            # a statement written to show a pattern, and a construct banned only in some of its uses
            Example("Write `if (ok)`, not `if (!ok)`.", None),
            Example("Flag `.unwrap()` on request input.", None),
            Example("Grep for `query(` (raw) vs `query_as!(` (macro).", None),
        ),
    ),
)
