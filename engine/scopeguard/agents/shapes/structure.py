"""Shapes about what new code must carry: a base type ("all model types embed `BaseModel`"), a decorator
("every endpoint is decorated with `@login_required`"), a construct that goes with another ("use `cn()`
for `className`"), pinned dependency versions, and imports that are used.

Bases and decorators are read by the Python and Go analysers only, so these rules are compiled for
classes and functions those analysers see, and a sentence about another language is not understood.
Each rule is about added elements and lines: code that exists keeps its shape.
"""

from __future__ import annotations

import re

from scopeguard.agents.clauses import Clause
from scopeguard.agents.lexicon import CODE_SPAN
from scopeguard.agents.readings import Draft, Env, Example, ExampleFile, Reading, Shape, has
from scopeguard.agents.scoping import file_globs, narrowed, place_paths, scope_of
from scopeguard.agents.shapes.constructs import CODE_GLOBS_TEXT, code_tokens
from scopeguard.agents.tokens import fold_globs, token_condition, token_literal
from scopeguard.policy.ast import And, Compare, Condition, Forbid, InList, Not, Or, Selector

#: languages whose classes and functions an analyser reads (bases, decorators)
_ANALYSED = ("**/*.py", "**/*.go")
_ANALYSED_EXTENSIONS = frozenset({"py", "pyi", "go"})

# --- a base every new type of a kind carries ---------------------------------------------------------

_BASE_VERB = (
    r"(?:embed|embeds|extend|extends|inherit\s+from|inherits\s+from|subclass|subclasses|derive\s+from)"
)
_BASE_NAME = r"`[^`]+`|[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+|[A-Z][A-Za-z0-9_]*"
_BASE_FIRST = re.compile(
    rf"\b{_BASE_VERB}\s+(?:the\s+)?(?P<base>{_BASE_NAME})\s+(?:in|into|for|on)\s+(?P<subject>[^.;:(]+)",
    re.IGNORECASE,
)
_SUBJECT_FIRST = re.compile(
    rf"^\W*(?P<subject>(?:all|every|each|any|new)\b[^.;:(]*?)\s+(?:must|should|shall|need\s+to|have\s+to|"
    rf"always)\s+(?:always\s+)?{_BASE_VERB}\s+(?:the\s+)?(?P<base>{_BASE_NAME})",
    re.IGNORECASE,
)
#: everyday subjects: the classes they name (folders, names) — a repository's concept says more
_MODEL_GLOBS = (
    "**/model/**",
    "**/models/**",
    "**/models.py",
    "**/model.py",
    "**/entities/**",
    "**/entity/**",
    "**/dto/**",
    "**/dtos/**",
    "**/schemas/**",
    "**/schemas.py",
)
_SUBJECTS: tuple[tuple[str, tuple[str, ...], Condition | None], ...] = (
    (
        r"\b(?:(?:data\s+)?models?|model\s+(?:types?|classes|structs?)|entit(?:y|ies)|dtos?|schemas?)\b",
        _MODEL_GLOBS,
        None,
    ),
    (
        r"\b(?:(?:custom\s+)?exceptions?|(?:custom\s+)?errors?|error\s+(?:types?|classes))\b",
        (),
        Compare("name", "~", "{*Error,*Exception}"),
    ),
)
#: Python classes that are not of the kind whatever folder they are in (an enum beside the models)
_NOT_OF_THE_KIND = "{*Enum,*IntEnum,*StrEnum,*Flag,*Protocol,*TypedDict,*NamedTuple}"


def _qualified(name: str) -> str:
    """A base or decorator name as a glob on qualified names: itself, or its last part after a dot."""
    bare = token_literal(name.strip("`@ ")) or ""
    bare = re.sub(r"\(.*$", "", bare)
    last = bare.rsplit(".", 1)[-1]
    options = [bare, f"*.{last}"] if "." in bare else [bare, f"*.{bare}"]
    return fold_globs(list(dict.fromkeys(options)))


def _subject(text: str, env: Env) -> tuple[Selector, Condition | None] | None:
    """The classes a subject names: a concept of the vocabulary, or an everyday word for models or errors."""
    if re.search(r"\b(?:that|which|who|whose|when|if)\b", text, re.IGNORECASE):
        return None  # "types that satisfy the Assetlike interface": only some of them
    for target in env.vocabulary.find(text):
        if target.selector.kind in env.vocabulary.policies.concepts and target.family == "types":
            return Selector(target.selector.kind), None
    for pattern, globs, condition in _SUBJECTS:
        if re.search(pattern, text, re.IGNORECASE):
            return Selector("class", globs), condition
    return None


def required_base(clause: Clause, env: Env) -> Reading | None:
    """New types of a kind carry a base ("Embed `BaseModel` in all model types", "All models must extend
    `Base`"): ``forbid added class … where not base ~ "*Base"``, for Python and Go only."""
    if clause.negative or clause.process:
        return None
    m = _BASE_FIRST.search(clause.prose) or _SUBJECT_FIRST.search(clause.prose)
    if m is None:
        return None
    subject = _subject(CODE_SPAN.sub(" ", m.group("subject")), env)
    base = m.group("base").strip("`")
    if subject is None or not re.fullmatch(r"[A-Za-z_][\w.]*", base):
        return None
    scope = scope_of(clause, env, agent_tests=False)
    if scope.languages and not _analysed(scope.languages):
        return _no_analyser("a base type")
    selector, kind_condition = subject
    glob = _qualified(base)
    conditions: list[Condition] = [
        InList("type", ("struct", "class")),
        Compare("public", "==", True),
        Not(Compare("base", "~", glob)),
        Not(Compare("name", "~", fold_globs(list(dict.fromkeys([base, base.rsplit(".", 1)[-1]]))))),
        Not(Compare("base", "~", _NOT_OF_THE_KIND)),
    ]
    if kind_condition is not None:
        conditions.insert(0, kind_condition)
    globs = tuple(g for g in selector.globs if _analysed((g,)) or not re.search(r"\.\w+$", g))
    target = Selector(selector.kind, globs, And(tuple(conditions)))
    draft = Draft(
        "required-base",
        (Forbid("added", target),),
        "warning",
        f"new {{kind}} {{name}} does not embed or extend {base}",
    )
    note = "read for Python classes and Go structs"
    return Reading("style", (draft,), shape="required-base", note=note)


def _analysed(globs: tuple[str, ...]) -> bool:
    extensions = {e for g in globs for e in re.findall(r"[\w]+", g.rsplit(".", 1)[-1])}
    return bool(extensions & _ANALYSED_EXTENSIONS)


def _no_analyser(what: str) -> Reading:
    return Reading(
        "style",
        reason=(
            f"requires {what} in a language scopeguard does not analyse (it reads the classes and "
            "functions of Python and Go): not checked"
        ),
        shape="required-base",
    )


# --- a decorator every new function of a kind carries ---------------------------------------------------

_DECORATED = re.compile(
    r"^\W*(?P<subject>(?:all|every|each|any|new)\b[^.;:]*?)\s+(?:must|should|shall|need\s+to|have\s+to|always)\s+"
    r"(?:always\s+)?(?:be\s+decorated\s+with|use|have|carry|be\s+wrapped\s+(?:in|with))\s+(?:the\s+|an?\s+)?"
    r"`@?(?P<decorator>[A-Za-z_][\w.]*)(?:\([^`]*\))?`(?:\s+decorator)?",
    re.IGNORECASE,
)
_DECORATE_FIRST = re.compile(
    r"\b(?:decorate|wrap|mark)\s+(?P<subject>(?:all|every|each|any|new)\b[^.;:`]*?)\s+with\s+(?:the\s+|an?\s+)?"
    r"`@?(?P<decorator>[A-Za-z_][\w.]*)(?:\([^`]*\))?`",
    re.IGNORECASE,
)
#: decorators that make a Python function an HTTP handler (Flask, FastAPI, Starlette routers)
_ROUTE_DECORATORS = "{*.route,*.get,*.post,*.put,*.patch,*.delete,*.api_route,*.websocket}"


def required_decorator(clause: Clause, env: Env) -> Reading | None:
    """New functions of a kind carry a decorator ("Every endpoint must be decorated with
    `@login_required`"): HTTP handlers, tests, or functions under the paths the sentence names."""
    if clause.negative or clause.process:
        return None
    m = _DECORATED.search(clause.prose) or _DECORATE_FIRST.search(clause.prose)
    if m is None or ("@" not in m.group(0) and "decorat" not in m.group(0).lower()):
        return None
    subject = m.group("subject")
    if re.search(r"\b(?:that|which|who|whose|when|if)\b", subject, re.IGNORECASE):
        return None
    scope = scope_of(clause, env, agent_tests=False)
    if scope.languages and "**/*.py" not in scope.languages:
        return _no_analyser("a decorator")
    kind: Condition
    globs: tuple[str, ...] = ("**/*.py",)
    if re.search(
        r"\b(?:endpoints?|routes?|views?|(?:route|request|http|api)\s+handlers?|handlers?)\b", subject, re.I
    ):
        kind = Compare("decorator", "~", _ROUTE_DECORATORS)
    elif re.search(r"\btests?\b|\btest\s+functions\b", subject, re.IGNORECASE):
        kind = Compare("name", "~", "test_*")
        globs = env.vocabulary.test_globs
    else:
        paths = place_paths(subject, re.findall(r"`+([^`]+)`+", subject)) or list(scope.paths)
        if not paths or not re.search(r"\bfunctions?\b|\bmethods?\b", subject, re.IGNORECASE):
            return None
        kind = Compare("path", "~", fold_globs(paths))
    decorator = _qualified(m.group("decorator"))
    where = And((kind, Compare("method", "==", False), Not(Compare("decorator", "~", decorator))))
    draft = Draft(
        "required-decorator",
        (Forbid("added", Selector("function", globs, where)),),
        "warning",
        "new {kind} {name} is not decorated with @" + m.group("decorator"),
    )
    return Reading("style", (draft,), shape="required-decorator", note="read for Python functions")


# --- a construct that goes with another ----------------------------------------------------------------

_USE_WITH = re.compile(
    r"\b(?:use|uses|using|wrap\s+\w+\s+(?:in|with)|call|pass)\s+(?:the\s+|a\s+)?(?P<required>`[^`]+`)"
    r"(?:\s+(?:helper|function|macro|hook|method|wrapper|utility))?\s+(?:for|with|in|on|around|when\s+(?:using|"
    r"calling|writing|building|composing))\s+(?:all\s+|every\s+|any\s+|the\s+|each\s+)?"
    r"(?P<with>`[^`]+`(?:\s*(?:/|,|or|and)\s*`[^`]+`)*|(?-i:[A-Z]{2,}(?:\s+[A-Z]{2,})*(?:\s*/\s*[A-Z]{2,})*)\b)"
    r"(?P<after>[^.;]*)",
    re.IGNORECASE,
)
#: SQL keywords written in capitals ("CREATE TABLE/INDEX"): statements of SQL files
_SQL_KEYWORDS = re.compile(
    r"^(?:CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|SELECT|ADD|TABLE|INDEX|VIEW|COLUMN)\b"
)


def required_with(clause: Clause, env: Env) -> Reading | None:
    """ "Use `A` for `B`" where both are code: an added line that holds ``B`` holds ``A`` too."""
    if clause.negative or clause.process:
        return None
    m = _USE_WITH.search(clause.prose)
    if m is None or re.match(r"\s*(?:when|if|unless|where|that|which)\b", m.group("after"), re.IGNORECASE):
        return None
    required = code_tokens(clause, re.findall(r"`+([^`]+)`+", m.group("required")))
    scope = scope_of(clause, env)
    keywords = _sql_keywords(m.group("with"))
    if keywords is not None:
        if len(required) != 1:
            return None
        triggers = [m.group("with")]
        present: list[Condition] = [Compare("text", "matches", keywords)]
        needed: list[Condition] = [
            Compare("text", "matches", "(?i)" + r"\s+".join(map(re.escape, required[0].split())))
        ]
        globs = file_globs(scope, default=("**/*.sql",))
    else:
        triggers = code_tokens(clause, re.findall(r"`+([^`]+)`+", m.group("with")))
        needed = [c for c in (token_condition(t) for t in required) if c is not None]
        present = [c for c in (token_condition(t) for t in triggers) if c is not None]
        globs = file_globs(scope)
    if len(needed) != 1 or not present:
        return None
    trigger = present[0] if len(present) == 1 else Or(tuple(present))
    condition = And((trigger, Not(needed[0]), Compare("comment", "==", False)))
    draft = Draft(
        "required-with",
        (Forbid("added", narrowed("line", globs, condition, scope, env)),),
        "warning",
        f"'{{name}}' uses {triggers[0]} without {required[0]}",
    )
    note = f"read as: a line that uses {', '.join(triggers)} uses {required[0]} on the same line"
    return Reading("style", (draft,), shape="required-with", note=note)


def _sql_keywords(text: str) -> str | None:
    """A regex for SQL statements written as capital keywords ("CREATE TABLE/INDEX"), else ``None``."""
    if "`" in text or not _SQL_KEYWORDS.match(text):
        return None
    head, _, tail = text.rpartition(" ")
    options = [o.strip() for o in tail.split("/")]
    words = r"\s+".join(head.split())
    alternatives = "|".join(map(re.escape, options))
    return rf"(?i)\b{words}\s+(?:{alternatives})\b" if words else rf"(?i)\b(?:{alternatives})\b"


# --- pinned dependency versions ------------------------------------------------------------------------

_PIN = re.compile(
    r"\bpin(?:ned|s)?\b[^.;]{0,40}\b(?:versions?|dependenc(?:y|ies)|packages?|librar(?:y|ies)|crates?)\b"
    r"|\b(?:versions?|dependenc(?:y|ies)|packages?)\b[^.;]{0,30}\b(?:must|should)\s+be\s+pinned\b"
    r"|\bno\s+(?:unpinned|floating|wildcard)\s+(?:versions?|dependenc(?:y|ies))\b",
    re.IGNORECASE,
)
_UNPINNED = Or((Compare("version", "==", None), InList("version", ("*", "latest", "", "x"))))


def pinned_versions(clause: Clause, env: Env) -> Reading | None:
    """ "Pin dependency versions": no dependency added without a version (or with ``*`` / ``latest``)."""
    if clause.process or not _PIN.search(clause.prose) or has(r"\bunpin\w*\b", clause.words):
        return None
    draft = Draft(
        "pinned-versions",
        (Forbid("added", Selector("dependency", where=_UNPINNED)),),
        clause.severity,
        "dependency {name} is added without a pinned version",
    )
    note = "a dependency without a version, or with '*' or 'latest', is reported"
    return Reading("no-new-dependencies", (draft,), shape="pinned-versions", note=note)


# --- unused imports ------------------------------------------------------------------------------------

_UNUSED_IMPORTS = re.compile(
    r"\bunused\s+(?:\w+\s*(?:/|,|or|and)\s*)?imports?\b|\bimports?\s+(?:that\s+are\s+)?(?:\w+\s+)?unused\b"
    r"|\bno-unused-imports\b|\bunused-imports?\b",
    re.IGNORECASE,
)


def unused_imports(clause: Clause, env: Env) -> Reading | None:
    """ "No unused imports": an added Python import whose name the module never uses."""
    if clause.process or not _UNUSED_IMPORTS.search(clause.prose):
        return None
    forbids = clause.negative or has(r"\b(?:no|remove|clean|without|zero|free\s+of)\b", clause.words)
    if not forbids:
        return None
    scope = scope_of(clause, env, agent_tests=False)
    if scope.languages and "**/*.py" not in scope.languages:
        return Reading(
            "style",
            reason="unused imports are read in Python files only; the sentence is about another language",
            shape="unused-imports",
        )
    where = Compare("unused", "==", True)
    target = narrowed("import", ("**/*.py",), where, scope, env)
    draft = Draft(
        "unused-imports",
        (Forbid("added", target),),
        "warning",
        "{name} is imported but never used (scopeguard checks imports in Python files)",
    )
    return Reading("style", (draft,), shape="unused-imports", note="checked in Python files only")


SHAPES = (
    Shape(
        "required-base",
        "new types of a kind embed or extend a base (Python classes, Go structs)",
        required_base,
        (
            Example(
                "Embed `registry.BaseModel` in all model types.",
                'forbid added class in "**/model/**", "**/models/**", "**/models.py", "**/model.py", '
                '"**/entities/**", "**/entity/**", "**/dto/**", "**/dtos/**", "**/schemas/**", '
                '"**/schemas.py" where type in ["struct", "class"] and public == true and not base ~ '
                '"{registry.BaseModel,*.BaseModel}" and not name ~ "{registry.BaseModel,BaseModel}" and '
                'not base ~ "{*Enum,*IntEnum,*StrEnum,*Flag,*Protocol,*TypedDict,*NamedTuple}"',
                changes=(
                    ExampleFile(
                        "pkg/model/asset.go",
                        "package model\n\ntype Asset struct {\n\tregistry.BaseModel\n\tName string\n}\n\n"
                        "type Risk struct {\n\tName string\n}\n\ntype status int\n",
                        (8,),
                    ),
                    ExampleFile("pkg/scan/job.go", "package scan\n\ntype Job struct {\n\tID string\n}\n"),
                ),
            ),
            Example(
                "All custom exceptions must inherit from `AppError`.",
                'forbid added class where name ~ "{*Error,*Exception}" and type in ["struct", "class"] and '
                'public == true and not base ~ "{AppError,*.AppError}" and not name ~ "AppError" '
                'and not base ~ "{*Enum,*IntEnum,*StrEnum,*Flag,*Protocol,*TypedDict,*NamedTuple}"',
                changes=(
                    ExampleFile(
                        "app/errors.py",
                        "class AppError(Exception):\n    pass\n\n\n"
                        "class NotFoundError(AppError):\n    pass\n\n\n"
                        "class TimeoutError(Exception):\n    pass\n",
                        (9,),
                    ),
                ),
            ),
            Example("Embed `BaseAsset` in types that satisfy the Assetlike interface.", None),
            Example("All React components extend `BaseComponent`.", None),
        ),
    ),
    Shape(
        "required-decorator",
        "new Python functions of a kind carry a decorator (HTTP handlers, tests, functions under a path)",
        required_decorator,
        (
            Example(
                "Every endpoint must be decorated with `@login_required`.",
                'forbid added function in "**/*.py" where decorator ~ '
                '"{*.route,*.get,*.post,*.put,*.patch,*.delete,*.api_route,*.websocket}" and method == false '
                'and not decorator ~ "{login_required,*.login_required}"',
                changes=(
                    ExampleFile(
                        "app/views.py",
                        "from flask import Flask\nfrom app.auth import login_required\n\n"
                        "app = Flask(__name__)\n\n\n"
                        '@app.route("/me")\n@login_required\ndef me():\n    return {}\n\n\n'
                        '@app.route("/admin")\ndef admin():\n    return {}\n\n\n'
                        "def helper():\n    return 1\n",
                        (14,),
                    ),
                ),
            ),
            Example("Every endpoint that reads user data must use `@login_required`.", None),
        ),
    ),
    Shape(
        "required-with",
        "a construct used with another on the same line ('use `cn()` for `className`')",
        required_with,
        (
            Example(
                "Use `cn()` for `className` composition.",
                f'forbid added line in {CODE_GLOBS_TEXT} where text ~ "*className*" and not text ~ "*cn(*" '
                "and comment == false",
                changes=(
                    ExampleFile(
                        "src/Button.tsx",
                        "export const A = () => <a className={cn('btn', on && 'on')} />;\n"
                        "export const B = () => <a className={'btn ' + (on ? 'on' : '')} />;\n"
                        "export const C = () => <a href='/' />;\n",
                        (2,),
                    ),
                ),
            ),
            Example(
                "Use `IF NOT EXISTS` for CREATE TABLE/INDEX.",
                r'forbid added line in "**/*.sql" where text matches "(?i)\\bCREATE\\s+(?:TABLE|INDEX)\\b" '
                r'and not text matches "(?i)IF\\s+NOT\\s+EXISTS" and comment == false',
                changes=(
                    ExampleFile(
                        "migrations/001_init.sql",
                        "CREATE TABLE IF NOT EXISTS users (id INTEGER);\n"
                        "create index users_id on users (id);\n"
                        "-- CREATE TABLE notes (id INTEGER);\n",
                        (2,),
                    ),
                ),
            ),
            Example("Use `Option<...>` for optional fields when the field can be absent.", None),
        ),
    ),
    Shape(
        "pinned-versions",
        "dependencies are added with a pinned version",
        pinned_versions,
        (
            Example(
                "Pin dependency versions.",
                'forbid added dependency where version == null or version in ["*", "latest", "", "x"]',
                changes=(
                    ExampleFile(
                        "requirements.txt",
                        "requests==2.32.3\nhttpx\nrich>=13\n",
                        (2,),
                        before="requests==2.32.3\n",
                    ),
                ),
            ),
            Example("Unpin versions only when a security fix requires it.", None),
        ),
    ),
    Shape(
        "unused-imports",
        "no unused imports (Python files)",
        unused_imports,
        (
            Example(
                "No unused imports.",
                'forbid added import in "**/*.py" where unused == true',
                changes=(
                    ExampleFile(
                        "app/report.py",
                        "import json\nimport os\nfrom typing import Any\n\n\ndef dump(data: Any) -> str:\n"
                        "    return json.dumps(data)\n",
                        (2,),
                    ),
                    ExampleFile("app/__init__.py", "from app.report import dump\n"),
                ),
            ),
            Example("No unused imports in TypeScript files.", None),
            Example("Import what you use.", None),
        ),
    ),
)
