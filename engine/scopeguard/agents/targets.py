"""What a rule sentence talks about, as policy selectors: concepts, element kinds, paths and code.

Three sources, in this order: the vocabulary's ``aka`` phrases (built-in and the repository's own, so
"tabularium types" means what the repository says it means), a small table of everyday words for
element kinds and built-in concepts ("data structures", "Lambda functions", "dependencies"), and the
sentence's own paths and code in backticks. A phrase the vocabulary does not know is reported, never
guessed: the compiler turns it into "no concept is known as '…'".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from scopeguard.core.kinds import KINDS
from scopeguard.policy.ast import Compare, Condition, InList, Or, Selector
from scopeguard.policy.resolve import PolicySet

Family = Literal[
    "types", "infrastructure", "dependencies", "files", "functions", "tests", "api", "secrets", "other"
]


@dataclass(frozen=True, slots=True)
class Target:
    """A phrase of the sentence and the selector it stands for."""

    phrase: str
    selector: Selector
    family: Family
    start: int = 0
    end: int = 0


#: Everyday words for what rules talk about: (phrases, concept to prefer, selector when it is absent, family).
_EVERYDAY: tuple[tuple[tuple[str, ...], str | None, Selector, Family], ...] = (
    (
        (
            "lambda functions",
            "lambda function",
            "lambdas",
            "lambda",
            "serverless functions",
            "cloud functions",
        ),
        "lambda_function",
        Selector(
            "resource",
            where=InList(
                "type", ("AWS::Serverless::Function", "AWS::Lambda::Function", "aws_lambda_function")
            ),
        ),
        "infrastructure",
    ),
    (
        (
            "api gateway routes",
            "api gateway endpoints",
            "api routes",
            "api endpoints",
            "http endpoints",
            "endpoints",
            "routes",
        ),
        "api_route",
        Selector("route"),
        "infrastructure",
    ),
    (
        ("databases", "database", "database tables", "dynamodb tables", "db tables"),
        "database",
        Selector("resource", where=Compare("type", "~", "*{Table,DB,Database,DBInstance,DBCluster}*")),
        "infrastructure",
    ),
    (
        ("queues", "message queues", "sqs queues", "topics", "sns topics"),
        "queue",
        Selector("resource", where=Compare("type", "~", "*{Queue,Topic}*")),
        "infrastructure",
    ),
    (
        ("buckets", "s3 buckets", "storage buckets"),
        "storage",
        Selector("resource", where=Compare("type", "~", "*{Bucket,bucket}*")),
        "infrastructure",
    ),
    (
        (
            "cloud infrastructure components",
            "cloud infrastructure",
            "infrastructure components",
            "infrastructure",
            "cloud resources",
            "aws resources",
            "infrastructure resources",
            "cloud services",
            "deployment configurations",
            "deployment configuration",
            "infrastructure setup",
            "infrastructure configuration",
            "iac resources",
        ),
        "infrastructure",
        Selector("resource"),
        "infrastructure",
    ),
    (
        (
            "dependencies",
            "dependency",
            "packages",
            "libraries",
            "third-party libraries",
            "external libraries",
            "third-party packages",
            "npm packages",
            "pip packages",
            "crates",
            "external dependencies",
            "cloud dependencies",
            "third-party dependencies",
        ),
        "dependency",
        Selector("dependency"),
        "dependencies",
    ),
    (
        (
            "data structures",
            "data structure",
            "data types",
            "data type",
            "data models",
            "data model",
            "types",
            "type",
            "classes",
            "class",
            "structs",
            "struct",
            "models",
            "model",
            "dtos",
            "entities",
        ),
        None,
        Selector("class"),
        "types",
    ),
    (
        ("files", "file", "new files", "source files"),
        None,
        Selector("file"),
        "files",
    ),
    (
        ("helper functions", "helper methods", "helpers", "functions", "methods"),
        None,
        Selector("function"),
        "functions",
    ),
)

_CONCEPT_FAMILIES: tuple[tuple[str, Family], ...] = (
    ("test", "tests"),
    ("secret", "secrets"),
    ("credential", "secrets"),
    ("public_api", "api"),
    ("dependenc", "dependencies"),
    ("infra", "infrastructure"),
    ("lambda", "infrastructure"),
    ("route", "infrastructure"),
    ("database", "infrastructure"),
    ("queue", "infrastructure"),
    ("storage", "infrastructure"),
    ("bucket", "infrastructure"),
    ("resource", "infrastructure"),
    ("type", "types"),
    ("model", "types"),
    ("class", "types"),
    ("struct", "types"),
    ("schema", "types"),
)

#: Test files when the vocabulary has no ``test_file`` concept with path selectors.
DEFAULT_TEST_GLOBS: tuple[str, ...] = (
    "**/tests/**",
    "**/test/**",
    "**/__tests__/**",
    "**/test_*.py",
    "**/*_test.py",
    "**/conftest.py",
    "**/*_test.go",
    "**/*.test.*",
    "**/*.spec.*",
    "**/*Test.java",
    "**/*Tests.cs",
    "**/*_spec.rb",
)
#: Test support that a tests-only agent may change too.
TEST_SUPPORT_GLOBS: tuple[str, ...] = ("**/testdata/**", "**/fixtures/**", "**/__snapshots__/**", "**/*.snap")


def concept_family(name: str) -> Family:
    lowered = name.lower()
    for fragment, family in _CONCEPT_FAMILIES:
        if fragment in lowered:
            return family
    return "other"


class Vocabulary:
    """The phrases a policy set gives names to, and the everyday words the phrasebook adds."""

    def __init__(self, policies: PolicySet) -> None:
        self.policies = policies
        self._aka = policies.aka_index()
        phrases: dict[str, Target] = {}
        for phrase, name in self._aka.items():
            phrases[phrase] = Target(phrase, Selector(name), concept_family(name))
        for words, concept, fallback, family in _EVERYDAY:
            selector = fallback if concept is None or concept not in policies.concepts else Selector(concept)
            for word in words:
                phrases.setdefault(word, Target(word, selector, family))
        self._phrases = phrases
        self._pattern = _phrase_pattern(tuple(sorted(phrases, key=lambda p: (-len(p), p))))

    def has(self, concept: str) -> bool:
        return concept in self.policies.concepts

    def find(self, text: str) -> list[Target]:
        """Every known phrase of ``text``, longest first where they overlap, in order of appearance."""
        out: list[Target] = []
        for m in self._pattern.finditer(text):
            target = self._lookup(m.group(1))
            if target is not None:
                out.append(Target(m.group(1), target.selector, target.family, m.start(1), m.end(1)))
        return out

    def _lookup(self, phrase: str) -> Target | None:
        lowered = re.sub(r"\s+", " ", phrase.lower())
        for candidate in (lowered, lowered.rstrip("s"), lowered + "s", re.sub(r"ies$", "y", lowered)):
            if candidate in self._phrases:
                return self._phrases[candidate]
        return None

    @property
    def test_globs(self) -> tuple[str, ...]:
        """Path globs of test files: the ``test_file`` concept's file selectors, else the defaults."""
        concept = self.policies.concepts.get("test_file")
        globs: list[str] = []
        if concept is not None:
            for s in concept.selectors:
                if s.kind == "file" and s.where is None:
                    globs.extend(s.globs)
        return tuple(dict.fromkeys(globs)) or DEFAULT_TEST_GLOBS

    @property
    def test_glob(self) -> str:
        """The test globs folded into one (``{a,b}``), for selectors that need a path filter."""
        return fold_globs(self.test_globs)

    def tests_selector(self) -> Selector:
        if self.has("test_file"):
            return Selector("test_file")
        return Selector("file", self.test_globs)

    def public_api(self) -> Selector:
        if self.has("public_api"):
            return Selector("public_api")
        return Selector("function", where=Compare("public", "==", True))

    def secret(self) -> Selector | None:
        for name in ("secret", "secrets", "credential", "credentials"):
            if self.has(name):
                return Selector(name)
        return None


@lru_cache(maxsize=8)
def _phrase_pattern(ordered: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every phrase, longest first (compiled once per vocabulary, not per agent file)."""
    return re.compile(
        r"(?<![\w-])(" + "|".join(_inflected(p) for p in ordered) + r")(?![\w-])", re.IGNORECASE
    )


def fold_globs(globs: Sequence[str]) -> str:
    """Globs folded into one with braces (``{a,b}``), which glob matching reads as either."""
    return globs[0] if len(globs) == 1 else "{" + ",".join(globs) + "}"


def _inflected(phrase: str) -> str:
    """A phrase as a pattern that also matches its plural or singular and any spacing."""
    words = [re.escape(w) for w in phrase.split()]
    body = r"\s+".join(words)
    if phrase.endswith("y"):
        return body[:-1] + r"(?:y|ies)"
    if phrase.endswith("s"):
        return body + "?"
    return body + r"(?:e?s)?"


# --- paths ---------------------------------------------------------------------------------------------

_EXTENSION = re.compile(
    r"\.(?:py|pyi|go|rs|ts|tsx|js|jsx|mjs|cjs|java|kt|cs|rb|php|swift|c|h|cc|cpp|hpp|m|mm|vue|svelte|json|"
    r"ya?ml|toml|ini|cfg|conf|lock|sum|mod|md|mdx|rst|txt|sql|proto|graphql|gql|tf|tfvars|hcl|sh|bash|ps1|"
    r"env|xml|html|css|scss|less|csproj|sln|gradle|properties|snap|gen\.\w+|pb\.go|d\.ts)$",
    re.IGNORECASE,
)
_BARE_FILE = re.compile(
    r"^(?:Makefile|Dockerfile|Gemfile|Procfile|Jenkinsfile|Rakefile|Podfile|Brewfile|LICENSE|CODEOWNERS|"
    r"\.env(?:\.\w+)?|\.gitignore|\.dockerignore|\.gitattributes|\.npmrc|\.DS_Store|Thumbs\.db|nul)$"
)
_PLAIN_PATH = re.compile(
    r"(?<![\w`/.-])((?:\.{0,2}/)?(?:[\w@.-]+/)+(?:[\w@.*-]+(?:\.\w+)?)?|[\w@-]+(?:\.[\w-]+)*\.(?:json|ya?ml|toml|"
    r"lock|md|go|py|ts|tsx|js|rs|sql|proto|mod|sum|cfg|ini|gradle|xml|tf))(?![\w`/])"
)


def is_bare_file(token: str) -> bool:
    """A well-known file named without a folder (``Makefile``, ``.env``, ``.DS_Store``)."""
    return bool(_BARE_FILE.match(token.strip().rsplit("/", 1)[-1]))


def is_path_like(token: str) -> bool:
    """Whether backticked ``token`` names a file, folder or glob (not code or a command)."""
    t = token.strip()
    if not t or " " in t or "(" in t or "=" in t or t.startswith(("-", "$", "@", "#", "<", "!")):
        return False
    if t.startswith(("http://", "https://")) or "::" in t:
        return False
    if _BARE_FILE.match(t.rsplit("/", 1)[-1]):
        return True
    if "/" in t:
        return bool(re.fullmatch(r"[\w@.*{},~\[\]<>-]+(?:/[\w@.*{},\[\]<>-]*)*/?", t.lstrip("./")))
    if "*" in t:
        return bool(re.fullmatch(r"[\w.*{},-]+", t)) and "." in t
    return bool(_EXTENSION.search(t)) and bool(re.fullmatch(r"[\w.-]+", t))


def to_glob(token: str) -> str:
    """A path as written in an agent file, as a policy glob (folders cover everything below them)."""
    t = token.strip().strip("'\"")
    t = re.sub(r"<[^<>/]+>|\{[A-Za-z_][\w]*\}", "*", t)
    t = t.removeprefix("./")
    if t.endswith("/"):
        return t + "**"
    if "/" in t and "*" not in t and not _EXTENSION.search(t) and not _BARE_FILE.match(t.rsplit("/", 1)[-1]):
        return t.rstrip("/") + "/**"
    return t


def paths_in(text: str, codes: Sequence[str]) -> list[str]:
    """The paths a sentence names: its path-like code spans, else path-like words of the prose."""
    found = [to_glob(c) for c in codes if is_path_like(c)]
    if found:
        return list(dict.fromkeys(found))
    prose = re.sub(r"`[^`]*`", " ", text)
    prose = re.sub(r"https?://\S+", " ", prose)
    words = [m.group(1) for m in _PLAIN_PATH.finditer(prose)]
    return list(
        dict.fromkeys(to_glob(w) for w in words if is_path_like(w) and not re.fullmatch(r"[\d./]+", w))
    )


# --- languages and file types ------------------------------------------------------------------------

_LANGUAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"typescript|\bts\b|\btsx\b|react|angular|next\.?js|jest|vitest", ("**/*.{ts,tsx,mts,cts}",)),
    (r"javascript|\bjs\b|\bjsx\b|node(?:\.js)?\b|react|vue|svelte", ("**/*.{js,jsx,mjs,cjs,vue,svelte}",)),
    (r"python|pytest|django|flask|fastapi|pydantic", ("**/*.py",)),
    (r"\bgo\b|golang", ("**/*.go",)),
    (r"\brust\b|cargo|clippy|crate", ("**/*.rs",)),
    (r"\bjava\b|spring|junit", ("**/*.java",)),
    (r"kotlin", ("**/*.kt",)),
    (r"c#|\.net|dotnet|csharp|ef core", ("**/*.cs",)),
    (r"swift|swiftui|ios\b", ("**/*.swift",)),
    (r"\bphp\b|laravel", ("**/*.php",)),
    (r"\bruby\b|rails", ("**/*.rb",)),
    (r"\bsql\b|migration", ("**/*.sql",)),
    (r"\bcss\b|tailwind|scss", ("**/*.{css,scss}",)),
)

#: Source files of every common language: where a banned construct applies when nothing narrows it.
CODE_GLOBS: tuple[str, ...] = (
    "**/*.{py,go,rs,ts,tsx,js,jsx,mjs,cjs,java,kt,cs,rb,php,swift,c,h,cc,cpp,hpp,vue,svelte,scala,dart}",
)


def language_globs(texts: Iterable[str]) -> tuple[str, ...]:
    """File globs of the languages the texts mention (``()`` when they mention none)."""
    found: list[str] = []
    for text in texts:
        for pattern, globs in _LANGUAGES:
            if re.search(pattern, text, re.IGNORECASE):
                found.extend(globs)
    return tuple(dict.fromkeys(found))


# --- code tokens as line patterns --------------------------------------------------------------------

#: Constructs whose text is too short or too common to find by substring, with the patterns that find them.
_SPECIAL_TOKENS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "any": (
        ("*: any[!A-Za-z0-9_]*", "*: any", "*<any>*", "*as any[!A-Za-z0-9_]*", "*as any", "*any[[]]*"),
        ("**/*.{ts,tsx,mts,cts}",),
    ),
    "unknown": (
        ("*: unknown[!A-Za-z0-9_]*", "*: unknown", "*<unknown>*", "*as unknown*"),
        ("**/*.{ts,tsx,mts,cts}",),
    ),
    "print": (("print(*", "*[!A-Za-z0-9_.]print(*"), ("**/*.py",)),
    "unsafe": (("unsafe *", "*[!A-Za-z0-9_]unsafe {*", "*[!A-Za-z0-9_]unsafe fn*"), ("**/*.rs",)),
    "todo": (("*TODO*",), CODE_GLOBS),
    "fixme": (("*FIXME*",), CODE_GLOBS),
}
_TOKEN_LANGUAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"^@ts-|^as\s+any$|^<any>$", ("**/*.{ts,tsx,mts,cts}",)),
    (
        r"^console\.|^@ts-|^eslint|^it\.|^describe\.|^test\.|^xit$|^xdescribe$|^jest\.|^vi\.|^\.only$|^\.skip$|"
        r"dangerouslySetInnerHTML|^Date\.now|^Math\.random|^document\.|^window\.",
        ("**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts,vue,svelte}",),
    ),
    (r"^#\s*(?:noqa|type:|pylint)|^@pytest|^pytest\.|^print\(|^breakpoint|^pdb|^import pdb", ("**/*.py",)),
    (
        r"^\.unwrap|^\.expect|^unwrap|^expect\(|!\(|^#\[|::|^dbg!|^println!|^panic!|^todo!|^unimplemented!",
        ("**/*.rs",),
    ),
    (r"^fmt\.|^log\.Print|^t\.Skip", ("**/*.go",)),
    (r"^System\.out|^@SQL|^@Valid|^@Transactional", ("**/*.java", "**/*.kt")),
)
_COMMAND = re.compile(
    r"^(?:git|npm|npx|pnpm|yarn|bun|cargo|just|make|go|python3?|pip3?|uv|poetry|docker|kubectl|helm|gh|"
    r"dotnet|terraform|aws|sam|cdk|mvn|gradle|bundle|rails|composer|brew|apt|curl|wget|cd|ls|rm|cp|mv|"
    r"chmod|sudo|ssh|node|deno|tsc|eslint|prettier|ruff|black|mypy|pytest|jest|vitest|mise|nx|turbo)\s"
)


_TOOLS = frozenset(
    [
        "git",
        "npm",
        "npx",
        "pnpm",
        "yarn",
        "bun",
        "cargo",
        "just",
        "make",
        "go",
        "python",
        "python3",
        "pip",
        "pip3",
        "uv",
        "poetry",
        "docker",
        "kubectl",
        "helm",
        "gh",
        "dotnet",
        "terraform",
        "aws",
        "sam",
        "cdk",
        "mvn",
        "gradle",
        "bundle",
        "rails",
        "composer",
        "brew",
        "cd",
        "ls",
        "rm",
        "cp",
        "mv",
        "node",
        "deno",
        "tsc",
        "tsx",
        "ts-node",
        "eslint",
        "prettier",
        "ruff",
        "black",
        "mypy",
        "pytest",
        "jest",
        "vitest",
        "mise",
        "nx",
        "turbo",
        "sudo",
        "ssh",
        "curl",
        "wget",
    ]
)


_KEYWORDS = frozenset(
    [
        "import",
        "from",
        "as",
        "if",
        "for",
        "while",
        "return",
        "const",
        "let",
        "var",
        "def",
        "class",
        "new",
        "await",
        "async",
        "not",
        "and",
        "or",
        "in",
        "is",
        "type",
        "use",
        "pub",
        "fn",
        "mut",
        "impl",
        "static",
        "final",
        "public",
        "private",
        "protected",
        "select",
        "insert",
        "update",
        "delete",
        "create",
        "drop",
        "alter",
    ]
)


def is_command(token: str) -> bool:
    """Whether a code span is a shell command or tool (``git push --force``, ``ts-node``) rather than code."""
    t = token.strip()
    if t in _TOOLS or (bool(_COMMAND.match(t + " ")) and " " in t):
        return True
    words = t.split()
    return (
        len(words) >= 2
        and words[0] not in _KEYWORDS
        and bool(re.fullmatch(r"[a-z][\w.-]*", words[0]))
        and bool(re.fullmatch(r"[a-z][\w-]*", words[1]))
    )


def token_globs(token: str) -> tuple[str, ...]:
    """The files a banned construct belongs to, from the construct itself (``()`` when it does not say)."""
    t = token.strip()
    special = _SPECIAL_TOKENS.get(t.lower())
    if special is not None:
        return special[1]
    for pattern, globs in _TOKEN_LANGUAGES:
        if re.search(pattern, t):
            return globs
    return ()


def token_patterns(token: str) -> tuple[str, ...]:
    """Name globs that find ``token`` in a line's text (``*console.log*``; word-bounded for identifiers)."""
    t = token.strip()
    special = _SPECIAL_TOKENS.get(t.lower())
    if special is not None:
        return (_one_glob(special[0]),)
    t = re.sub(r"\((?:\.\.\.|…|[^()]*)\)$", "(", t) if not t.endswith("()") else t
    t = t.replace("…", "")
    if not t:
        return ()
    # the longest part free of characters a glob cannot escape
    pieces = [p for p in re.split(r"[\]{}]", t) if p.strip()]
    if not pieces:
        return ()
    core = max(pieces, key=len) if any(c in t for c in "]{}") else t
    if len(core.strip()) < 2:
        return ()
    escaped = re.sub(r"([*?\[])", r"[\1]", core)
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", core) and len(core) < 6:
        # a short word: bounded on both sides, or it would match inside longer names
        w = "[!A-Za-z0-9_]"
        return (f"{{{core},{core}{w}*,*{w}{core},*{w}{core}{w}*}}",)
    return (f"*{escaped}*",)


def _one_glob(patterns: Sequence[str]) -> str:
    """Alternatives folded into one glob (``{a,b}``), which the glob syntax reads as either."""
    return patterns[0] if len(patterns) == 1 else "{" + ",".join(patterns) + "}"


def line_condition(patterns: Sequence[str]) -> Condition:
    """``text ~ p1 or text ~ p2 …``: a line containing any of the patterns."""
    unique = list(dict.fromkeys(patterns))
    if len(unique) > 2 and not any(c in p for p in unique for c in ",{}"):
        return Compare("text", "~", fold_globs(unique))
    items = tuple(Compare("text", "~", p) for p in unique)
    return items[0] if len(items) == 1 else Or(items)


def known_kind(word: str) -> bool:
    return word in KINDS
