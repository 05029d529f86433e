"""Shapes about how new files are named and where they go: file-name templates
("`YYYYMMDDHHMMSS_description.sql`"), case conventions ("modules use `snake_case`", "Components:
`PascalCase.tsx`", "column names in `snake_case`"), placement ("migrations go under
`Persistence/Migrations/`") and kinds of file a change may not add ("no down/rollback files").

They compile to ``forbid added file where ... not basename matches "<regex>"`` and, for SQL columns
and struct tags, to line rules with ``text matches``. A naming convention is a heuristic about new
files only (existing files keep their names), so these rules are warnings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scopeguard.agents.clauses import Clause
from scopeguard.agents.files import is_path_like, to_glob
from scopeguard.agents.readings import Draft, Env, Example, ExampleFile, Reading, Shape, has
from scopeguard.agents.scoping import file_globs, narrowed, place_paths, scope_of
from scopeguard.agents.shapes.paths import NAMED_FILES
from scopeguard.agents.tokens import fold_globs
from scopeguard.policy.ast import And, Compare, Condition, Forbid, Not, Selector, Statement

#: case conventions, as written, and a regular expression for one name in that case
CASES: tuple[tuple[str, str], ...] = (
    (r"pascal\s*case|upper\s*camel\s*case", r"[A-Z][A-Za-z0-9]*"),
    (r"camel\s*case|lower\s*camel\s*case", r"[a-z][a-zA-Z0-9]*"),
    (r"screaming[_ ]snake[_ ]case|upper[_ ]snake[_ ]case|upper_case|constant[_ ]case", r"[A-Z][A-Z0-9_]*"),
    (r"snake[_ ]case", r"_*[a-z][a-z0-9]*(?:_[a-z0-9]+)*_*"),
    (r"kebab[- ]case", r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"),
)


def case_regex(text: str) -> str | None:
    """The name regex of the first case convention ``text`` names."""
    for words, pattern in CASES:
        if re.search(rf"(?<![A-Za-z]){words}(?![A-Za-z])", text, re.IGNORECASE):
            return pattern
    return None


# --- file-name templates ---------------------------------------------------------------------------

_DATE_RUN = re.compile(r"(?:YYYY|YY|MM|DD|HH|hh|mm|SS|ss)+")
_PLACEHOLDER = re.compile(r"<[^<>/]+>|\{[^{}/]+\}")
_PLACEHOLDER_WORDS = re.compile(
    r"(?<![A-Za-z])(?:description|desc|name|slug|title|summary|feature|short-description)(?![A-Za-z])"
)
_NUMBER_WORDS = re.compile(r"version|number|\bn\b|\bid\b|timestamp|date|seq", re.IGNORECASE)


_CASE_TOKEN = re.compile(
    r"(?P<use>use)?(?P<case>PascalCase|CamelCase|camelCase|snake_case|kebab-case|SCREAMING_SNAKE_CASE|UPPER_CASE)"
)


def template_regex(token: str) -> str | None:
    """``^…$`` for the file names a template such as ``YYYYMMDDHHMMSS_description.sql``,
    ``V{version}__{description}.sql`` or ``PascalCase.tsx`` allows; ``None`` when it is no template
    (it needs a placeholder: ``<…>``, ``{…}``, a date such as ``YYYYMMDD``, or a case name)."""
    name = token.strip().rsplit("/", 1)[-1]
    if not re.fullmatch(r"[\w{}<>.-]+\.[A-Za-z0-9]+", name) or name.startswith("."):
        return None
    out: list[str] = []
    explicit = False
    i = 0
    while i < len(name):
        rest = name[i:]
        placeholder = _PLACEHOLDER.match(rest)
        date = _DATE_RUN.match(rest)
        case = _CASE_TOKEN.match(rest)
        word = _PLACEHOLDER_WORDS.match(rest)
        if placeholder is not None:
            inner = placeholder.group(0)[1:-1]
            if _DATE_RUN.fullmatch(inner):
                out.append(rf"\d{{{len(inner)}}}")
            else:
                out.append(r"\d+(?:[._]\d+)*" if _NUMBER_WORDS.search(inner) else r"[^/]+?")
            i += len(placeholder.group(0))
            explicit = True
        elif date is not None and len(date.group(0)) >= 4:
            out.append(rf"\d{{{len(date.group(0))}}}")
            i += len(date.group(0))
            explicit = True
        elif case is not None:
            spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", case.group("case"))
            out.append("use[A-Z][A-Za-z0-9]*" if case.group("use") else case_regex(spaced) or r"[^/]+?")
            i += len(case.group(0))
            explicit = True
        elif word is not None:
            out.append(r"[^/]+?")
            i += len(word.group(0))
        else:
            out.append(re.escape(name[i]))
            i += 1
    return f"^{''.join(out)}$" if explicit else None


def _kind_globs(texts: Sequence[str]) -> tuple[str, ...]:
    """The globs of the kind of file the texts name ("migrations" -> migration folders)."""
    for text in texts:
        for pattern, globs in NAMED_FILES:
            if pattern.startswith(r"\bmigrations?") and re.search(pattern, text, re.IGNORECASE):
                return globs
    return ()


def _extension_of(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1]


_NAMING_WORDS = (
    r"\b(?:format|formats|name|names|named|naming|file\s*names?|filenames?|pattern|convention|conventions|"
    r"template)\b"
)
_LABEL_TEMPLATE = re.compile(r"(?:^|[,;]\s*|\s)(?:\*\*)?([A-Z][\w /-]{1,30}?)(?:\*\*)?:\s*`([^`]+)`")


def file_templates(clause: Clause, env: Env) -> Reading | None:
    """File names follow a template: "`YYYYMMDDHHMMSS_description.sql`", "Components: `PascalCase.tsx`"."""
    if clause.negative or clause.process:
        return None
    labelled = {m.group(2): m.group(1) for m in _LABEL_TEMPLATE.finditer(clause.prose)}
    if not labelled and not has(_NAMING_WORDS, clause.words):
        return None
    statements: list[Statement] = []
    texts = [clause.prose, clause.sentence.context or "", *clause.sentence.headings[-2:]]
    templates = {c: r for c in clause.codes if (r := template_regex(c)) is not None}
    # "Component files in `src/components/` are named `PascalCase.tsx`": the folder is where it applies
    examples = [
        c for c in clause.codes if any(re.fullmatch(r, c.rsplit("/", 1)[-1]) for r in templates.values())
    ]
    places = tuple(
        place_paths(clause.prose, [c for c in clause.codes if c not in templates and c not in examples])
    )
    for token in clause.codes:
        regex = templates.get(token)
        if regex is None:
            continue
        name = token.strip().rsplit("/", 1)[-1]
        where: list[Condition] = [Compare("extension", "==", _extension_of(name))]
        globs: tuple[str, ...] = ()
        if "/" in token.strip().rstrip("/"):
            globs = (to_glob(token.strip().rsplit("/", 1)[0] + "/"),)
        label = labelled.get(token)
        if (
            not globs
            and label is not None
            and not has(r"\b(?:format|name|naming|pattern|file)", label.lower())
        ):
            folder = re.sub(r"\s+", "-", label.strip().lower())
            globs = (f"**/{folder}/**",)
        if not globs:
            globs = places or _kind_globs(texts)
        where.append(Not(Compare("basename", "matches", regex)))
        statements.append(Forbid("added", Selector("file", globs, And(tuple(where)))))
    if not statements:
        return None
    draft = Draft(
        "file-names",
        tuple(dict.fromkeys(statements)),
        "warning",
        "new file {path} does not follow the naming convention",
    )
    return Reading("style", (draft,), shape="file-naming")


# --- case conventions ----------------------------------------------------------------------------------

_FILE_SUBJECT = r"\b(?:files?|file\s+names?|filenames?|modules?)\b"
_COLUMN_SUBJECT = r"\b(?:columns?|column\s+names?)\b"
_TAG_SUBJECT = r"`code`\s+(?:struct\s+)?(?:field\s+names?|fields?|tags?|keys?)\b"
_COLUMN_TYPES = (
    r"(?:text|varchar|char|integer|int|bigint|smallint|real|float|double|numeric|decimal|boolean|bool|uuid|"
    r"timestamp|timestamptz|date|datetime|time|json|jsonb|blob|bytea|serial|bigserial)"
)


def case_conventions(clause: Clause, env: Env) -> Reading | None:
    """Names in a case: files and modules, SQL columns, struct tags ("Column names in `snake_case`")."""
    if clause.negative or clause.process:
        return None
    words = clause.words
    text = f"{clause.prose} {' '.join(clause.codes)}"
    case = case_regex(text) or (
        r"[a-z][a-z0-9_]*" if has(r"\blower\s*case\b", words) and has(_TAG_SUBJECT, words) else None
    )
    if case is None or any(template_regex(c) for c in clause.codes):
        return None
    statements: list[Statement] = []
    if has(_COLUMN_SUBJECT, words):
        column = rf"^\s*[\x22`]?(?!{case}[\x22`]?\s)[A-Za-z_][\w]*[\x22`]?\s+(?i:{_COLUMN_TYPES})\b"
        added = rf"(?i:add\s+column\s+(?:if\s+not\s+exists\s+)?)[\x22`]?(?!{case}[\x22`]?\s)[A-Za-z_]\w*"
        statements.append(
            Forbid("added", Selector("line", ("**/*.sql",), Compare("text", "matches", f"{column}|{added}")))
        )
    elif has(_TAG_SUBJECT, words):
        tags = [c for c in clause.codes if re.fullmatch(r"[a-z][\w-]*", c)]
        if not tags:
            return None
        tag = tags[0]
        statements.append(
            Forbid(
                "added",
                Selector(
                    "line", ("**/*.go",), Compare("text", "matches", rf"\b{tag}:\x22(?!-)(?!{case}[,\x22])")
                ),
            )
        )
    elif has(_FILE_SUBJECT, words):
        scope = scope_of(clause, env)
        condition = Not(Compare("basename", "matches", rf"^{case}(?:\.|$)"))
        statements.append(Forbid("added", narrowed("file", file_globs(scope), condition, scope, env)))
    else:
        return None
    draft = Draft("naming", tuple(statements), "warning", "'{name}' does not follow the naming convention")
    return Reading("style", (draft,), shape="case-convention")


# --- where files go --------------------------------------------------------------------------------

_PLACEMENT = re.compile(
    r"\b(?P<what>tests|test\s+files|unit\s+tests|spec\s+files|migrations|migration\s+files)\b"
    r"[^.;`]{0,40}?\b(?:go|goes|live|lives|belong|belongs|are\s+(?:placed|stored|kept|located|written)|"
    r"must\s+be\s+(?:placed|stored|kept|located|written)|should\s+be\s+(?:placed|stored|kept|located))\s+"
    r"(?:in|into|under|inside|within)\b[^`.;]{0,40}`(?P<dir>[^`]+)`",
    re.IGNORECASE,
)


#: the same as a label: "Test location: `src/test/java/.../domain/`"
_PLACEMENT_LABEL = re.compile(
    r"^\W*(?P<what>tests?|test\s+files|unit\s+tests|migrations?|migration\s+files)\s+"
    r"(?:location|directory|folder|dir|path)\W*:\s*`(?P<dir>[^`]+)`",
    re.IGNORECASE,
)


def placement(clause: Clause, env: Env) -> Reading | None:
    """Files of a kind go under one folder ("Migrations go under `Db/Migrations/`")."""
    if clause.negative or clause.process:
        return None
    m = _PLACEMENT.search(clause.prose) or _PLACEMENT_LABEL.search(clause.prose)
    if m is None or not is_path_like(m.group("dir").replace("...", "x")):
        return None
    folder = to_glob(m.group("dir").rstrip("/") + "/")
    if not re.search(r"\b(?:project\s+)?root\b", clause.words) and not folder.startswith("**/"):
        folder = "**/" + folder
    kind: Condition
    if re.match(r"migration", m.group("what"), re.IGNORECASE):
        # a file in a folder of migrations ("Migrations/", "db/migrate/"), not a guide that names them
        kind = Compare("path", "matches", r"(?i)(?:^|/)migrat(?:e|ions?)/")
    else:
        names = [g for g in env.vocabulary.test_globs if not g.endswith("/**")]
        if not names:
            return None
        kind = Compare("path", "~", fold_globs(names))
    statement = Forbid("added", Selector("file", where=And((kind, Not(Compare("path", "~", folder))))))
    draft = Draft("placement", (statement,), "warning", "new file {path} is not where files of its kind go")
    return Reading("path-scope", (draft,), shape="placement")


# --- kinds of file that may not be added ---------------------------------------------------------------

_NO_KIND = re.compile(
    r"\bno\s+(?P<words>[a-z]+(?:\s*/\s*[a-z]+)*)\s+(?:files|migrations|scripts)\b"
    r"|\b(?:forward|up)[- ]only\s+migrations\b",
    re.IGNORECASE,
)
_NOT_A_KIND = frozenset(
    [
        *("new", "test", "tests", "source", "generated", "large", "binary", "extra", "other", "such", "more"),
        *("unnecessary", "unrelated", "config", "markdown", "md", "lock", "env", "code", "log", "temporary"),
        *("random", "additional", "duplicate", "empty", "separate"),
    ]
)


def no_kind_of_file(clause: Clause, env: Env) -> Reading | None:
    """A kind of file named by a word of its name may not be added ("no down/rollback files")."""
    if clause.process:
        return None
    words: list[str] = []
    for m in _NO_KIND.finditer(clause.prose):
        words.extend(w.strip().lower() for w in (m.group("words") or "down").split("/"))
    words = list(dict.fromkeys(words))
    if not words or any(w in _NOT_A_KIND for w in words):
        return None
    pattern = rf"(?i)(?:^|[._-])(?:{'|'.join(re.escape(w) for w in words)})(?:[._-]|$)"
    globs = _kind_globs([clause.prose, clause.sentence.context or ""])
    statement = Forbid("added", Selector("file", globs, Compare("basename", "matches", pattern)))
    draft = Draft(
        "no-kind-of-file", (statement,), "warning", "{path} is a kind of file this agent may not add"
    )
    return Reading("path-scope", (draft,), shape="no-kind-of-file")


# --- phrases that comments and changelog entries may not use ---------------------------------------------

#: a verb that bans the quoted phrases right after it ("avoid "now does X", …")
_BAN_PHRASES = re.compile(
    r"\b(?:avoid|never\s+(?:use|write|say)|do\s+not\s+(?:use|write|say)|don'?t\s+(?:use|write|say)|"
    r"no\s+(?:phrases?|words?)\s+(?:like|such\s+as))\s*:?\s*[\"“]",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“]([^\"“”]{2,40})[\"”]")
_PLACEHOLDER_TAIL = re.compile(r"(?:\s+(?:[A-Z]|X|Y|Z)|\s*(?:…|\.\.\.))+$")
_CHANGELOG = (
    "**/{CHANGELOG,CHANGES,HISTORY,RELEASE_NOTES,RELEASES}*",
    "**/*{changelog,Changelog}*",
    "**/.changeset/**",
)


def banned_phrases(clause: Clause, env: Env) -> Reading | None:
    """Phrases in quotes that comments or changelog entries may not use ("avoid "now does X", "was Y"")."""
    if not clause.negative or clause.process:
        return None
    texts = " ".join([clause.prose, clause.sentence.context or "", *clause.sentence.headings[-1:]]).lower()
    in_comments = bool(re.search(r"\bcomments?\b", texts))
    in_changelog = bool(re.search(r"\b(?:changelog|release\s+notes|changesets?)\b", texts))
    if in_comments == in_changelog:
        return None
    banned = _BAN_PHRASES.search(clause.prose)
    if banned is None or re.search(r"[\"”]\s+(?:when|if|unless)\b", clause.prose[banned.start() :]):
        return None  # phrases given as examples of a kind, or banned only in some cases
    phrases: list[str] = []
    for m in _QUOTED.finditer(clause.prose, banned.end() - 1):
        phrase = m.group(1).strip()
        bare = _PLACEHOLDER_TAIL.sub("", phrase).strip(" .,")
        if bare and (bare == phrase or len(bare.split()) >= 2):
            phrases.append(bare)
    if not phrases:
        return None
    words = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in dict.fromkeys(phrases))
    pattern = rf"(?i)(?<![\w-])(?:{words})(?![\w-])"
    if in_comments:
        where: Condition = And((Compare("comment", "==", True), Compare("text", "matches", pattern)))
        statement = Forbid("added", Selector("line", where=where))
    else:
        statement = Forbid("added", Selector("line", _CHANGELOG, Compare("text", "matches", pattern)))
    draft = Draft(
        "banned-phrases", (statement,), "warning", "'{name}' uses a phrase this agent may not write"
    )
    return Reading("style", (draft,), shape="banned-phrases")


# --- CI runners ------------------------------------------------------------------------------------------

_RUNNER = re.compile(r"^(?P<os>macos|ubuntu|windows)-(?P<version>[\w.]+)$")


def ci_runners(clause: Clause, env: Env) -> Reading | None:
    """Jobs run on the runner the sentence names ("macOS build jobs must use `macos-latest` runners"): a
    workflow may not pick another runner of the same system."""
    if (
        clause.negative
        or not has(r"\bjobs?\b", clause.words)
        or not has(r"\b(?:use|uses|run\s+on)\b", clause.words)
    ):
        return None
    runners = [m for m in (_RUNNER.match(c.strip()) for c in clause.codes) if m is not None]
    if not runners:
        return None
    statements = tuple(
        Forbid(
            "added",
            Selector(
                "line",
                (".github/workflows/**",),
                Compare(
                    "text",
                    "matches",
                    rf"\bruns-on:.*\b{r.group('os')}-(?!{re.escape(r.group('version'))}\b)[\w.]+",
                ),
            ),
        )
        for r in runners
    )
    draft = Draft(
        "ci-runners", statements, "warning", "'{name}' picks a runner the agent file does not allow"
    )
    return Reading("other-checkable", (draft,), shape="ci-runners")


SHAPES = (
    Shape(
        "file-naming",
        "new files follow a file-name template (`YYYYMMDD_name.sql`, Components: `PascalCase.tsx`)",
        file_templates,
        (
            Example(
                "**Timestamp format**: `YYYYMMDDHHMMSS_description.sql`",
                'forbid added file where extension == ".sql" and not basename matches '
                r'"^\\d{14}_[^/]+?\\.sql$"',
                changes=(
                    ExampleFile(
                        "migrations/20260101120000_add_users.sql", "CREATE TABLE users (id INTEGER);\n"
                    ),
                    ExampleFile("migrations/add_orders.sql", "CREATE TABLE orders (id INTEGER);\n", (1,)),
                ),
            ),
            Example(
                "Components: `PascalCase.tsx`, Hooks: `useCamelCase.ts`",
                'forbid added file in "**/components/**" where extension == ".tsx" and not basename matches '
                r'"^[A-Z][A-Za-z0-9]*\\.tsx$"'
                '\nforbid added file in "**/hooks/**" where extension == ".ts" and not basename matches '
                r'"^use[A-Z][A-Za-z0-9]*\\.ts$"',
                changes=(
                    ExampleFile("src/components/Button.tsx", "export const Button = () => null;\n"),
                    ExampleFile("src/components/button-list.tsx", "export const List = () => null;\n", (1,)),
                    ExampleFile("src/hooks/useToggle.ts", "export function useToggle() {}\n"),
                    ExampleFile("src/hooks/toggle.ts", "export function toggle() {}\n", (1,)),
                    ExampleFile("src/pages/index.tsx", "export default function Page() {}\n"),
                ),
            ),
            Example("Read `YYYYMMDD_notes.md` before starting.", None),
            # the folder the sentence names is where the convention applies
            Example(
                "Page files in `app/pages/` must be named in `kebab-case.tsx`.",
                'forbid added file in "app/pages/**" where extension == ".tsx" and not basename matches '
                r'"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\\.tsx$"',
                changes=(
                    ExampleFile("app/pages/user-list.tsx", "export default function Page() {}\n"),
                    ExampleFile("app/pages/UserList.tsx", "export default function Page() {}\n", (1,)),
                    ExampleFile("src/components/UserList.tsx", "export const UserList = () => null;\n"),
                ),
            ),
        ),
    ),
    Shape(
        "case-convention",
        "names in a case convention: Python or TypeScript files and modules, SQL columns, Go struct tags",
        case_conventions,
        (
            Example(
                "Python modules use `snake_case`.",
                'forbid added file in "**/*.py" where not basename matches '
                r'"^_*[a-z][a-z0-9]*(?:_[a-z0-9]+)*_*(?:\\.|$)"',
                changes=(
                    ExampleFile("app/user_store.py", "STORE = {}\n"),
                    ExampleFile("app/__init__.py", ""),
                    ExampleFile("app/UserStore.py", "STORE = {}\n", (1,)),
                ),
            ),
            Example(
                "Column names in `snake_case`.",
                (
                    'forbid added line in "**/*.sql" where text matches '
                    r'"^\\s*[\\x22`]?(?!_*[a-z][a-z0-9]*(?:_[a-z0-9]+)*_*[\\x22`]?\\s)[A-Za-z_][\\w]*[\\x2'
                    r"2`]?\\s+(?i:(?:text|varchar|char|integer|int|bigint|smallint|real|float|double|numer"
                    "ic|decimal|boolean|bool|uuid|timestamp|timestamptz|date|datetime|time|json|jsonb|blo"
                    r"b|bytea|serial|bigserial))\\b|(?i:add\\s+column\\s+(?:if\\s+not\\s+exists\\s+)?)[\\x"
                    r'22`]?(?!_*[a-z][a-z0-9]*(?:_[a-z0-9]+)*_*[\\x22`]?\\s)[A-Za-z_]\\w*"'
                ),
                changes=(
                    ExampleFile(
                        "db/001_users.sql",
                        "CREATE TABLE users (\n    id INTEGER PRIMARY KEY,\n    createdAt TEXT NOT NULL,\n"
                        "    display_name TEXT\n);\nALTER TABLE users ADD COLUMN lastLogin TEXT;\n"
                        "ALTER TABLE users ADD COLUMN last_seen TEXT;\n",
                        (3, 6),
                    ),
                ),
            ),
            Example(
                "Always use lowercase for `neo4j` field names.",
                (
                    'forbid added line in "**/*.go" where text matches '
                    r'"\\bneo4j:\\x22(?!-)(?![a-z][a-z0-9_]*[,\\x22])"'
                ),
                changes=(
                    ExampleFile(
                        "pkg/model/asset.go",
                        'package model\n\ntype Asset struct {\n\tName string `neo4j:"name" json:"name"`\n'
                        '\tKey  string `neo4j:"Key"`\n}\n',
                        (5,),
                    ),
                ),
            ),
            Example("Explain what snake_case means to the user.", None),
        ),
    ),
    Shape(
        "placement",
        "files of a kind (tests, migrations) go under one folder",
        placement,
        (
            Example(
                "Migrations go into the module's project under `Persistence/Migrations/`.",
                'forbid added file where path matches "(?i)(?:^|/)migrat(?:e|ions?)/" and not path ~ '
                '"**/Persistence/Migrations/**"',
                changes=(
                    ExampleFile("src/Orders/Persistence/Migrations/20260101_Init.cs", "class Init {}\n"),
                    ExampleFile("src/Orders/Migrations/20260102_AddTotal.cs", "class AddTotal {}\n", (1,)),
                    ExampleFile("src/Orders/Order.cs", "class Order {}\n"),
                ),
            ),
            Example(
                "Test location: `src/test/java/.../domain/{domain}/`",
                (
                    'forbid added file where path ~ "**/test_*.py" and not path ~ '
                    '"**/src/test/java/**/domain/*/**"'
                ),
                changes=(
                    ExampleFile("src/test/java/app/domain/order/OrderTest.java", "class OrderTest {}\n"),
                    ExampleFile(
                        "src/test/java/app/OrderServiceTest.java", "class OrderServiceTest {}\n", (1,)
                    ),
                    ExampleFile("src/main/java/app/domain/order/Order.java", "class Order {}\n"),
                ),
            ),
            Example("Tests are fast.", None),
        ),
    ),
    Shape(
        "ci-runners",
        "CI jobs run on the runner the sentence names",
        ci_runners,
        (
            Example(
                "macOS build jobs must use `macos-latest` runners.",
                (
                    'forbid added line in ".github/workflows/**" where text matches '
                    r'"\\bruns-on:.*\\bmacos-(?!latest\\b)[\\w.]+"'
                ),
                changes=(
                    ExampleFile(
                        ".github/workflows/build.yml",
                        "jobs:\n  mac:\n    runs-on: macos-13\n  mac-latest:\n    runs-on: macos-latest\n"
                        "  linux:\n    runs-on: ubuntu-22.04\n",
                        (3,),
                    ),
                ),
            ),
            Example("Read the CI jobs before changing them.", None),
        ),
    ),
    Shape(
        "banned-phrases",
        "phrases in quotes that comments or changelog entries may not use",
        banned_phrases,
        (
            Example(
                'Comments say what the code does: avoid "now does X", "no longer needed" and "previously".',
                "forbid added line where comment == true and text matches "
                r'"(?i)(?<![\\w-])(?:now\\s+does|no\\s+longer\\s+needed|previously)(?![\\w-])"',
                changes=(
                    ExampleFile(
                        "src/cache.ts",
                        "// Keeps the last 100 entries.\nconst size = 100;\n"
                        '// no longer needed after the rewrite\nconst label = "no longer needed";\n',
                        (3,),
                    ),
                ),
            ),
            Example('Never write "TODO" in the pull request title.', None),
        ),
    ),
    Shape(
        "no-kind-of-file",
        "a kind of file named by a word of its name may not be added",
        no_kind_of_file,
        (
            Example(
                "Forward-only migrations (no down/rollback files).",
                'forbid added file in "**/migrations/**", "**/Migrations/**", "**/migration/**", '
                '"**/db/migrate/**" where basename matches "(?i)(?:^|[._-])(?:down|rollback)(?:[._-]|$)"',
                changes=(
                    ExampleFile(
                        "migrations/003_add_total.up.sql", "ALTER TABLE t ADD COLUMN total INTEGER;\n"
                    ),
                    ExampleFile(
                        "migrations/003_add_total.down.sql", "ALTER TABLE t DROP COLUMN total;\n", (1,)
                    ),
                    ExampleFile("scripts/teardown.sql", "DROP TABLE t;\n"),
                ),
            ),
            Example("No new files.", None),
        ),
    ),
)
