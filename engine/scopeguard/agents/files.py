"""Paths and file types as agent files write them: backticked paths and globs, path-like words of the
prose, and the files a language or a construct belongs to.

A folder written as ``web/`` or ``src/data`` covers everything below it; ``<Module>`` and ``{name}``
placeholders become ``*``. Which words are paths is decided here once, for every shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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
    t = re.sub(r"(?:^|(?<=/))(?:\.\.\.|…)(?=/|$)", "**", t)
    t = t.removeprefix("./")
    if t.startswith(".") and "." in t[1:] and "/" not in t and not _BARE_FILE.match(t):
        return "*" + t  # `.pb.go` files
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
    return list(dict.fromkeys(to_glob(w) for w in words if _real_path(w)))


def _real_path(word: str) -> bool:
    """A path written in prose, not "new/modified" or "hex/rgb": a file name with a known extension, a
    folder written with a trailing slash, or a path from the root."""
    if not is_path_like(word) or re.fullmatch(r"[\d./]+", word):
        return False
    last = word.rstrip("/").rsplit("/", 1)[-1]
    return (
        word.endswith("/")
        or word.startswith(("./", "/"))
        or bool(_EXTENSION.search(last))
        or is_bare_file(last)
    )


# --- languages and file types ------------------------------------------------------------------------

_LANGUAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        r"\btypescript\b|\bts\b|\btsx\b|\breact\b|\bangular\b|\bnext\.?js\b|\bjest\b|\bvitest\b|\btailwind\b|"
        r"\beslint\b|\btsc\b",
        ("**/*.{ts,tsx,mts,cts}",),
    ),
    (
        r"\bjavascript\b|\bjs\b|\bjsx\b|\bnode\.?js\b|\bnode\s+(?:code|scripts?|apps?|services?|server)\b|"
        r"\breact\b|\bvue\b|\bsvelte\b|\btailwind\b|\beslint\b",
        ("**/*.{js,jsx,mjs,cjs,vue,svelte}",),
    ),
    (
        r"\bpython\b|\bpytest\b|\bdjango\b|\bflask\b|\bfastapi\b|\bpydantic\b|\bruff\b|\bmypy\b|\bflake8\b|"
        r"\bpylint\b",
        ("**/*.py",),
    ),
    (
        r"(?-i:\bGo\b)(?!\s+(?:to|back|ahead|through|over|on|for|with|into|beyond|further|deeper)\b)|golang"
        r"|\bgo\s+(?:code|files?|modules?|packages?|tests?|services?)\b|\bgofmt\b|\bgolangci",
        ("**/*.go",),
    ),
    (r"\brust\b|\bcargo\b|clippy|\bcrates?\b|\brustfmt\b", ("**/*.rs",)),
    (r"\bjava\b|\bspring\b|junit", ("**/*.java",)),
    (r"\bkotlin\b", ("**/*.kt",)),
    (r"c#|\.net\b|dotnet|csharp|ef\s+core", ("**/*.cs",)),
    (r"\bswift(?:ui)?\b|\bios\b", ("**/*.swift",)),
    (r"\bphp\b|\blaravel\b", ("**/*.php",)),
    (r"\bruby\b|\brails\b", ("**/*.rb",)),
    (r"\bsql\s+(?:files?|migrations?|scripts?|schemas?)\b|\bin\s+(?:raw\s+)?sql\b|\.sql\b", ("**/*.sql",)),
    (r"\bcss\b(?!\s+(?:in|via)\b)|\bscss\b", ("**/*.{css,scss}",)),
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
