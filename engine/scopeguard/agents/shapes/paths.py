"""Shapes about which files an agent may change: read-only agents, tests-only agents, protected paths
("never touch `web/`", generated files, existing migrations) and allow-lists ("only modify `src/`")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from scopeguard.agents.clauses import Clause
from scopeguard.agents.files import is_path_like, paths_in
from scopeguard.agents.lexicon import code_spans, plain
from scopeguard.agents.readings import (
    CREATE,
    DELETE,
    MODIFY,
    Draft,
    Env,
    Example,
    ExampleFile,
    Reading,
    Shape,
    has,
)
from scopeguard.agents.targets import TEST_SUPPORT_GLOBS
from scopeguard.agents.tokens import is_command
from scopeguard.policy.ast import And, ChangeSpec, Compare, Condition, Forbid, InList, Not, Selector

#: Files named by what they are rather than where they are.
NAMED_FILES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        r"\b(?:auto-?)?generated\s+(?:files?|code|sources?|clients?|directories|folders?)\b|\bgenerated\b",
        (
            "**/*.gen.*",
            "**/*_gen.*",
            "**/*.generated.*",
            "**/generated/**",
            "**/__generated__/**",
            "**/*.pb.go",
            "**/*_pb2.py",
        ),
    ),
    (r"\bmigrations?\b", ("**/migrations/**", "**/Migrations/**", "**/migration/**", "**/db/migrate/**")),
    (
        r"\block\s*files?\b|\blockfiles?\b",
        (
            "**/package-lock.json",
            "**/yarn.lock",
            "**/pnpm-lock.yaml",
            "**/poetry.lock",
            "**/uv.lock",
            "**/Cargo.lock",
            "**/go.sum",
            "**/Gemfile.lock",
            "**/composer.lock",
        ),
    ),
    (
        r"\b(?:ci|workflow)\s+(?:files?|config(?:uration)?s?|pipelines?)\b",
        (".github/workflows/**", ".gitlab-ci.yml"),
    ),
    (r"\bvendor(?:ed)?\s+(?:code|files|dependencies|directory)\b", ("vendor/**", "**/vendor/**")),
    (r"\b(?:markdown|md)\s+files?\b", ("**/*.md",)),
    (r"\bchangesets?(?:\s+files?)?\b", (".changeset/**",)),
    (r"\bmakefiles?\b", ("**/Makefile", "**/*.mk")),
    (r"\bos-generated\s+files\b", ("**/.DS_Store", "**/Thumbs.db")),
    (
        r"\bbuild\s+(?:artifacts|output)\b|\bcompiled\s+(?:output|files|binaries)\b|\bbinaries\b|\bnode_modules\b",
        ("dist/**", "build/**", "out/**", "node_modules/**", "**/__pycache__/**", "**/*.pyc", "target/**"),
    ),
    (
        r"\bpackage-management\b|\bdependency\s+manifests?\b|\bmanifests?\b",
        (
            "**/package.json",
            "**/pyproject.toml",
            "**/requirements*.txt",
            "**/go.mod",
            "**/Cargo.toml",
            "**/*.csproj",
            "**/Directory.Packages.props",
            "**/Gemfile",
            "**/composer.json",
        ),
    ),
)
_SOURCE_CODE = r"(?:the\s+)?(?:source|production|implementation|non-test)(?:\s+(?:code|files?))?"
_EXISTING_ONLY = (
    r"\b(?:existing|previously[- ]committed|already[- ]committed|committed|old|applied|past|prior)\b"
)
_MANUAL = r"\b(?:manually|by\s+hand|directly|hand-edit|hand-patch)\b"


def _any_file() -> Selector:
    return Selector("file")


def _not_in(globs: tuple[str, ...]) -> Condition:
    return Not(Compare("path", "~", globs[0] if len(globs) == 1 else "{" + ",".join(globs) + "}"))


# --- read-only -------------------------------------------------------------------------------------

_READ_ONLY = (
    r"\bread[- ]only\s+(?:agent|auditor|reviewer|mode|sandbox|scan|analysis|role|access|analy[sz]er|"
    r"investigator)\b|^\W*read[- ]only\W*$|\byou\s+are\s+(?:a\s+)?read[- ]only\b"
    r"|\bstay\s+(?:inside|within)\s+the\s+read[- ]only\b"
)
_NO_EDITS = (
    rf"\b{MODIFY}\s+(?:anything|any\s+(?:files?|code)|(?:the\s+)?codebase|files)"
    r"(?=\s*(?:$|[.,;:!)]|yourself|directly|at\s+all|—|-\s))"
    r"|\bmake\s+(?:any\s+)?(?:direct\s+)?(?:file\s+|code\s+)?(?:changes|edits|modifications)\b"
    r"|\b(?:implement|write|build)\s+(?:any\s+)?(?:code|solutions|features|anything)\s+yourself\b"
    r"|\bdo\s+not\s+delete\b\W*$|\byou\s+do\s+not\s+(?:edit|write|modify|delete)\b\W*$"
)


def read_only(clause: Clause, env: Env) -> Reading | None:
    if clause.sentence.origin == "tools":
        return None  # the tool list is read by its own shape
    if paths_in(clause.prose, clause.codes) or clause.exception or clause.process:
        return None
    if has(_READ_ONLY, clause.words) or (clause.negative and has(_NO_EDITS, clause.words)):
        return _read_only_reading("read-only")
    return None


def _read_only_reading(slug: str) -> Reading:
    draft = Draft(
        slug,
        (Forbid("changed", _any_file()),),
        "error",
        "{path}: this agent is read-only and may not change files",
    )
    return Reading("path-scope", (draft,), shape="read-only")


def tools_reading(clause: Clause, env: Env) -> Reading | None:
    """A tool list without an editing tool. ``Bash(cmd:*)`` patterns can still change files."""
    if clause.sentence.origin != "tools":
        return None
    if "bash(" in clause.words:
        return Reading(
            "path-scope",
            reason=(
                "the tool list allows only some shell commands, which may still write files; scopeguard "
                "cannot tell their changes apart: list the paths they may change in the agent's `scope`"
            ),
            shape="read-only",
        )
    return _read_only_reading("read-only-tools")


# --- tests only ------------------------------------------------------------------------------------

_TESTS_ONLY = (
    r"\b(?:tests?|specs?)\s+only\b|\bonly\s+(?:write\s+|touch\s+|change\s+|edit\s+)?(?:the\s+)?tests\b"
    r"|\bwrites?\s+tests\s*,\s*not\s+(?:the\s+)?(?:code|implementation)"
)
_NO_SOURCE = (
    rf"\b(?:{MODIFY}|write|writes|implement|own|owns)\W+{_SOURCE_CODE}\b"
    r"|\b(?:write|implement)\s+the\s+implementation\b|\bfix\s+the\s+source\b"
)


def tests_only(clause: Clause, env: Env) -> Reading | None:
    if not (has(_TESTS_ONLY, clause.words) or (clause.negative and has(_NO_SOURCE, clause.words))):
        return None
    if paths_in(clause.prose, clause.codes) and not has(_TESTS_ONLY, clause.words):
        return None
    globs = (*env.vocabulary.test_globs, *TEST_SUPPORT_GLOBS)
    draft = Draft(
        "tests-only",
        (Forbid("changed", Selector("file", where=_not_in(globs))),),
        "error",
        "{path} is not a test file: this agent changes tests only",
    )
    return Reading("path-scope", (draft,), shape="tests-only")


# --- protected paths -----------------------------------------------------------------------------------

_PROTECT_VERB = (
    rf"\b(?:{MODIFY}|{DELETE}|create|creates|add|adds|write|writes|commit|commits|check\s+in|push)\b"
)


_NAMED_WORDS = (
    r"(?:generated|migrations?|lock\s*files?|lockfiles?|ci|workflow|vendor\w*|markdown|md|changesets?|makefiles?|"
    r"os-generated|package-management|dependency|manifests?|\.env|build|compiled|binaries|node_modules)"
)
_IMMUTABLE = (
    r"\b(?:are|is|remain|remains|stay|stays|be|must\s+be|should\s+be)\b[^.;?!]{0,60}?\b"
    r"(?:unmodified|unchanged|untouched|immutable|read-only|frozen|off-limits)\b"
)
_NO_NOUN = rf"^\W*no\s+(?:`code`|{_NAMED_WORDS})"


def protect_paths(clause: Clause, env: Env) -> Reading | None:
    immutable = has(_IMMUTABLE, clause.words)
    if not (clause.negative or immutable):
        return None
    if not (
        has(_PROTECT_VERB, clause.words) or clause.from_context or immutable or has(_NO_NOUN, clause.words)
    ):
        return None
    if clause.process or (env.read_only and clause.from_context):
        return None
    if has(r"\b(?:run|execute|invoke|use)\s+`code`", clause.words) and not has(_PROTECT_VERB, clause.words):
        return None
    codes = tuple(c for c in clause.codes if not is_command(c))
    covered = _covered_by_tests(clause.prose)
    if covered and not [c for c in codes if c not in covered and is_path_like(c)]:
        # "Write tests for `create_deck/`": the folder is what the tests cover, not where they go
        return Reading(
            "tests-required",
            reason=(
                f"names `{covered[0]}` as what tests are about, not as files to change or leave alone; "
                "scopeguard cannot tell which test files cover it"
            ),
            shape="protect-paths",
        )
    globs = paths_in(clause.prose, codes)
    named = [] if globs else _named_files(clause.words)
    if not globs and has(rf"{_PROTECT_VERB}\W*$|\b(?:these|those|such)\s+files\b", clause.words):
        # "Anything under `gen/` — generated, do not touch." / "NEVER edit these files directly."
        sentence = clause.sentence
        source = sentence.text if has(rf"{_PROTECT_VERB}\W*$", clause.words) else (sentence.previous or "")
        globs = paths_in(plain(source), [c for c in code_spans(source) if not is_command(c)])
        if globs:
            return _protect(clause, globs, [])
    if not globs and not named:
        return None
    if not (clause.from_context or immutable or has(_NO_NOUN, clause.words)) and not has(
        rf"{_PROTECT_VERB}\W+(?:\S+\W+){{0,6}}?(?:`code`|\S*[/.]\S*|{_NAMED_WORDS})", clause.words
    ):
        return None
    outside = _OUTSIDE.search(clause.prose)
    if outside is not None:
        head, tail = clause.prose[: outside.start()], clause.prose[outside.end() :]
        allowed = paths_in(tail, [c for c in code_spans(tail) if not is_command(c)])
        before = paths_in(head, [c for c in code_spans(head) if not is_command(c)])
        if allowed and before and not outside.group(0).lower().startswith("outside"):
            # "never touch `web/` except `web/public/`": the exception narrows what is protected
            return _protect(clause, before, [], unless=allowed)
        if allowed:
            return _outside(clause, allowed, before, f"{head} {tail}")
    return _protect(clause, globs, named)


#: "never touch anything outside `src/`" / "except those in `src/`" / "other than `src/`": the paths after
#: it are the only ones that may change
_OUTSIDE = re.compile(
    r"\boutside\s+(?:of\s+)?"
    r"|\bexcept\s+(?:for\s+)?(?:(?:those|the\s+ones|files|anything|what(?:'s|\s+is))\s+)?"
    r"(?:(?:in|under|inside|within)\s+)?"
    r"|\bother\s+than\s+|\b(?:anything|everything|nothing|all)\s+but\s+",
    re.IGNORECASE,
)


def _outside(clause: Clause, allowed: list[str], protected: list[str], rest: str) -> Reading:
    """What may not change outside the paths named: an allow-list, as "only touch these paths" says it.

    "Outside" here is the rule, not an exception to it: the rule is a warning only when it is hedged
    or ``rest`` (the sentence without the words that name the allowed paths) excepts something else
    ("unless asked", "without approval").
    """
    creates = has(r"\b(?:create|creates|add|adds|new)\b", clause.words) and not has(
        rf"\b{MODIFY}\b", clause.words
    )
    excepted = has(r"\b(?:unless|except|excluding|other\s+than|without)\b", rest)
    severity = "warning" if clause.hedged or excepted or has(_MANUAL, clause.words) else "error"
    where = _not_in(tuple(allowed))
    drafts = [
        Draft(
            "scope",
            (Forbid("added" if creates else "changed", Selector("file", where=where)),),
            severity,
            "{path} is outside the paths this agent may change",
        )
    ]
    if protected:  # "never edit `config/` or anything outside `src/`"
        drafts.extend(_protect(clause, protected, []).drafts)
    return Reading("path-scope", tuple(drafts), shape="protect-paths")


_TESTS_FOR = re.compile(
    r"\b(?:tests?|specs?|test\s+(?:cases|coverage|suites?))\s+(?:for|of|covering|against)\s+(?:the\s+)?`([^`]+)`",
    re.IGNORECASE,
)


def _covered_by_tests(prose: str) -> list[str]:
    """Paths named as what tests are written for ("tests for `create_deck/`")."""
    return [m.group(1) for m in _TESTS_FOR.finditer(prose) if is_path_like(m.group(1))]


def _protect(clause: Clause, globs: list[str], named: list[str], unless: Sequence[str] = ()) -> Reading:
    all_globs = tuple(dict.fromkeys([*globs, *named]))
    change, where = _change_for(clause.words, bool(named) and not globs)
    if unless:
        where = _not_in(tuple(unless)) if where is None else And((where, _not_in(tuple(unless))))
    if has(_NO_NOUN, clause.words) and not has(rf"\b{MODIFY}\b", clause.words):
        change, where = "added", None
    severity = "warning" if clause.severity == "warning" or has(_MANUAL, clause.words) else "error"
    message = "{path} may not be changed by this agent"
    if change == "added":
        message = "{path} may not be added by this agent"
    elif where is not None:
        message = "{path} already exists and may not be changed by this agent"
    draft = Draft("protect", (Forbid(change, Selector("file", all_globs, where)),), severity, message)
    return Reading("path-scope", (draft,), shape="protect-paths")


def _named_files(words: str) -> list[str]:
    out: list[str] = []
    for pattern, globs in NAMED_FILES:
        if re.search(pattern, words, re.IGNORECASE):
            out.extend(globs)
            break
    return out


def _change_for(words: str, named: bool) -> tuple[ChangeSpec, Condition | None]:
    """``(change, condition)``: what the verb forbids (add, delete, or any change; existing files only)."""
    if has(_EXISTING_ONLY, words):
        return "changed", Compare("change", "!=", "added")
    if has(rf"\b{DELETE}\b", words) and not has(rf"\b{MODIFY}\b", words):
        moves = has(r"\b(?:rename|renames|renaming|move|moves|moving)\b", words)
        deletes = has(r"\b(?:delete|deletes|deleting|remove|removes|removing|drop|drops)\b", words)
        if moves and deletes:
            return "changed", InList("change", ("removed", "renamed"))
        return ("renamed" if moves else "removed"), None
    if has(rf"\b(?:{CREATE}|new|extra)\b", words) and not has(rf"\b{MODIFY}\b", words):
        return "added", None
    return "changed", None


# --- protected symbols ------------------------------------------------------------------------------

_IDENTIFIER = re.compile(r"[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*|[a-z]+(?:_[a-z0-9]+)+")
_SYMBOL_VERB = rf"\b(?:{MODIFY}|{DELETE}|touch|touches)\b"


def protect_symbols(clause: Clause, env: Env) -> Reading | None:
    """Classes and functions named as not to be touched ("never modify `BaseRepository`") stay as they are."""
    if not clause.negative or clause.process:
        return None
    if not (has(_SYMBOL_VERB, clause.words) or has(_SYMBOL_VERB, (clause.sentence.context or "").lower())):
        return None
    if has(r"\bcode\s+related\s+to\b|\b(?:use|call|import|add)\b", clause.words):
        return None
    names = [c for c in clause.codes if _IDENTIFIER.fullmatch(c) and not is_command(c)]
    if not names:
        return None
    where = InList("name", tuple(names))
    statements = (
        Forbid("changed", Selector("class", where=where)),
        Forbid("changed", Selector("function", where=where)),
    )
    draft = Draft(
        "protect-symbols", statements, clause.severity, "{change} {kind} {name}: this agent may not change it"
    )
    return Reading("path-scope", (draft,), shape="protect-symbols")


# --- allow-lists -----------------------------------------------------------------------------------------

_ONLY_PATHS = (
    r"\bonly\s+(?:ever\s+)?(?:modify|edit|change|touch|write(?:\s+to)?|create|commit|work\s+(?:in|on|within|under))\b"
    r"|\b(?:modify|edit|change|touch|write\s+to|work\s+in)\s+only\b"
    r"|\b(?:stay|remain)\s+(?:inside|within|in|under)\b"
    r"|\bchanges?\s+(?:must|should|may)\s+(?:only\s+)?(?:stay\s+|be\s+)?(?:in|under|within|inside)\b"
    r"|\bfiles?\s+only\s+(?:within|in|under|inside)\b"
    r"|\b(?:work|make\s+(?:your\s+)?changes|changes?)\s+only\s+(?:in|within|under|inside|to)\b"
    r"|\b(?:restrict|limit|confine)\s+(?:all\s+|your\s+|any\s+)?(?:changes|edits|work)\s+to\b"
    r"|\b(?:scope|changes|edits|work)\s+(?:is|are)\s+(?:limited|restricted|confined)\s+to\b"
)


def scope_only(clause: Clause, env: Env) -> Reading | None:
    if clause.negative or not has(_ONLY_PATHS, clause.words) or env.read_only:
        return None
    globs = tuple(paths_in(clause.prose, tuple(c for c in clause.codes if not is_command(c))))
    if not globs:
        if has(r"\b(?:assigned|owned|your|ownership|specified|given)\b", clause.words):
            return Reading(
                "path-scope",
                reason=(
                    "says which files the agent may change without naming them: write the paths in backticks "
                    "(`src/feature/**`) or add them as `scope` to the agent's block"
                ),
                shape="scope",
            )
        return None
    change: ChangeSpec = "added" if has(r"\b(?:create|new)\b[^.;]*\bfiles?\b", clause.words) else "changed"
    draft = Draft(
        "scope",
        (Forbid(change, Selector("file", where=_not_in(globs))),),
        clause.severity,
        "{path} is outside the paths this agent may change",
    )
    return Reading("path-scope", (draft,), shape="scope")


SHAPES = (
    Shape(
        "read-only",
        "a read-only agent (own words or a tool list without editing tools) may change no file",
        read_only,
        (
            Example("Read-only: you produce a list and never edit anything.", "forbid changed file"),
            Example("Never make direct file changes", "forbid changed file"),
            Example("You are a read-only auditor for the payments service.", "forbid changed file"),
            Example("Never modify files outside `src/`", None),
            Example("Read the whole file before editing it.", None),
        ),
    ),
    Shape("read-only-tools", "a tool list with no editing tool makes the agent read-only", tools_reading, ()),
    Shape(
        "tests-only",
        "an agent that writes tests only may change test files and test support only",
        tests_only,
        (
            Example(
                "You write tests. Only tests.",
                'forbid changed file where not path ~ "{tests/**,**/test_*.py,**/testdata/**,**/fixtures/**,'
                '**/__snapshots__/**,**/*.snap}"',
            ),
            Example(
                "Do not fix the source.",
                'forbid changed file where not path ~ "{tests/**,**/test_*.py,**/testdata/**,**/fixtures/**,'
                '**/__snapshots__/**,**/*.snap}"',
            ),
            Example("Write tests for the source files you change.", None),
        ),
    ),
    Shape(
        "protect-paths",
        "paths, generated files or existing migrations that may not be changed, added or deleted",
        protect_paths,
        (
            Example(
                "Files you must never touch: `web/`, `*.gen.ts`",
                'forbid changed file in "web/**", "*.gen.ts"',
            ),
            Example(
                "Never edit existing migration files.",
                'forbid changed file in "**/migrations/**", "**/Migrations/**", "**/migration/**", '
                '"**/db/migrate/**" where change != "added"',
            ),
            Example("Add a changeset file.", 'forbid added file in ".changeset/**"', context="Never do:"),
            # a renamed or moved file is renamed, not removed
            Example(
                "Never rename files in `public/`.",
                'forbid renamed file in "public/**"',
                changes=(ExampleFile("public/logo-v2.svg", "<svg/>\n", (1,), before_path="public/logo.svg"),),
            ),
            Example(
                "Do not delete or move anything under `migrations/`.",
                'forbid changed file in "migrations/**" where change in ["removed", "renamed"]',
            ),
            Example(
                "Never commit OS-generated files (`.DS_Store`, `Thumbs.db`).",
                'forbid added file in ".DS_Store", "Thumbs.db"',
            ),
            Example(
                "Never commit build artifacts.",
                'forbid added file in "dist/**", "build/**", "out/**", "node_modules/**", '
                '"**/__pycache__/**", "**/*.pyc", "target/**"',
            ),
            # the paths after "outside" are the only ones that may change, not ones that may not
            Example(
                "Never modify files outside `src/`.",
                'forbid changed file where not path ~ "src/**"',
                changes=(
                    ExampleFile("src/app.py", "x = 1\n"),
                    ExampleFile("docs/notes.md", "# Notes\n", (1,)),
                ),
            ),
            Example(
                "Do not touch anything outside `packages/api/` or `packages/shared/`.",
                'forbid changed file where not path ~ "{packages/api/**,packages/shared/**}"',
            ),
            Example("Never create files outside `tests/`.", 'forbid added file where not path ~ "tests/**"'),
            Example(
                "Do not modify any files except those in `src/`.",
                'forbid changed file where not path ~ "src/**"',
            ),
            Example(
                "Never touch files other than `README.md` and `docs/`.",
                'forbid changed file where not path ~ "{README.md,docs/**}"',
            ),
            Example(
                "Never touch `web/` except `web/public/`.",
                'forbid changed file in "web/**" where not path ~ "web/public/**"',
                changes=(
                    ExampleFile("web/public/logo.svg", "<svg/>\n"),
                    ExampleFile("web/app.ts", "export const app = 1;\n", (1,)),
                ),
            ),
            Example("Run `make proto` after editing `proto/raft.proto`.", None),
            # "write tests for X" names what tests cover; under "never" it bans no files of X
            Example("Write Go tests for `billing/`.", None, context="What you never do:"),
        ),
    ),
    Shape(
        "protect-symbols",
        "classes and functions named in backticks that may not be changed",
        protect_symbols,
        (
            Example(
                "Never modify `BaseRepository` or `audit_log`.",
                'forbid changed class where name in ["BaseRepository", "audit_log"]\n'
                'forbid changed function where name in ["BaseRepository", "audit_log"]',
            ),
            Example("Never call `eval` from handlers.", None),
        ),
    ),
    Shape(
        "scope",
        "only these paths may change (an allow-list)",
        scope_only,
        (
            Example(
                "Only modify files under `packages/app/src/`.",
                'forbid changed file where not path ~ "packages/app/src/**"',
            ),
            Example(
                "Stay within `services/billing/` and `tests/billing/`.",
                'forbid changed file where not path ~ "{services/billing/**,tests/billing/**}"',
            ),
            Example(
                "Work only within `services/billing/`.",
                'forbid changed file where not path ~ "services/billing/**"',
            ),
            Example(
                "Restrict all changes to `pkg/core/`.", 'forbid changed file where not path ~ "pkg/core/**"'
            ),
            Example("Your scope is limited to `api/`.", 'forbid changed file where not path ~ "api/**"'),
            Example("Only modify files assigned to you", None),
        ),
    ),
)
