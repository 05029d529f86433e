"""Code named in backticks, as line patterns: which file types a construct belongs to, which spans are
shell commands rather than code, and name globs that find a construct in a line's text (word-bounded
for short identifiers; ``]``, ``{`` and ``}``, which a glob cannot escape, are left out).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scopeguard.agents.files import CODE_GLOBS
from scopeguard.policy.ast import Compare, Condition, Or


def fold_globs(globs: Sequence[str]) -> str:
    """Globs folded into one with braces (``{a,b}``), which glob matching reads as either."""
    return globs[0] if len(globs) == 1 else "{" + ",".join(globs) + "}"


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
        r"dangerouslySetInnerHTML|^Date\.now|^Math\.random|^document\.|^window\.|^(?:style|className|on[A-Z]\w*)=\{",
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


#: constructs that live in comments: lint and type-checker suppressions, coverage pragmas, TODO markers
_COMMENT_DIRECTIVE = re.compile(
    r"^(?:#|//|/\*|--|<!--|@ts-|@type\b|eslint|prettier-ignore|istanbul\b|c8\b|noqa|nolint|pylint:|type:\s*ignore|"
    r"pyright:|mypy:|rubocop:|nosec|nosonar|todo|fixme|xxx|hack|pragma\b)",
    re.IGNORECASE,
)


def is_comment_directive(token: str) -> bool:
    """Whether a banned construct is written in comments (``# noqa``, ``@ts-ignore``, ``TODO``), so that
    a comment line is where it is used rather than a remark about it."""
    return bool(_COMMENT_DIRECTIVE.match(token.strip()))


def token_globs(token: str) -> tuple[str, ...]:
    """The files a banned construct belongs to, from the construct itself (``()`` when it does not say)."""
    t = token.strip()
    special = _SPECIAL_TOKENS.get(t.lower())
    if special is not None:
        return special[1]
    t = re.sub(r"^(?://|/\*)\s*", "", t)  # "// @ts-ignore": the marker inside a comment
    for pattern, globs in _TOKEN_LANGUAGES:
        if re.search(pattern, t):
            return globs
    return ()


#: a placeholder in code written as an example (``theme.X``, ``map_err(|_| ...)``, ``<name>``)
_PLACEHOLDER = re.compile(
    r"\.\.\.|…|(?<![\w$])<(?:name|value|path|id|type|module|package|crate|file|version|[a-z]+[ _-][\w -]+)>"
    r"|(?<=\.)[XYZ](?![\w(-])|(?<![\w.$-])[XYZ](?![\w(.-])"
)
#: a statement written as an example of a pattern (``if (!ready)``): its words are not a construct
_STATEMENT = re.compile(r"^(?:if|else|for|while|switch|return|match|when|case|do|try)\b\s*[(\s{]")


def token_literal(token: str) -> str | None:
    """The text of ``token`` a line must hold to use it: ``f()`` names every call of ``f``; an example
    ends at its first placeholder (``style={{ color: theme.X }}`` -> ``style={{ color: theme.``); a
    statement written as an example (``if (!ready)``) holds no literal at all."""
    t = token.strip()
    if not t or _STATEMENT.match(t):
        return None
    if t.endswith("()"):
        t = t[:-1]
    # one bare argument names any argument (``print(x)``); a literal one is part of the construct
    t = re.sub(r"\((?:[a-z_][a-z0-9_]*)\)$", "(", t)
    placeholder = _PLACEHOLDER.search(t)
    if placeholder is not None:
        t = t[: placeholder.start()].rstrip()
    if len(re.sub(r"\W", "", t)) < 2:
        return None
    return t


def token_patterns(token: str) -> tuple[str, ...]:
    """Name globs that find ``token`` in a line's text (``*console.log*``; word-bounded for identifiers);
    ``()`` when a glob cannot say it (see ``token_condition``)."""
    t = token.strip()
    special = _SPECIAL_TOKENS.get(t.lower())
    if special is not None:
        return (fold_globs(special[0]),)
    literal = token_literal(t)
    if literal is None or any(c in literal for c in "]{}"):
        return ()
    escaped = re.sub(r"([*?\[])", r"[\1]", literal)
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", literal) and len(literal) < 6:
        # a short word: bounded on both sides, or it would match inside longer names
        w = "[!A-Za-z0-9_]"
        return (f"{{{literal},{literal}{w}*,*{w}{literal},*{w}{literal}{w}*}}",)
    return (f"*{escaped}*",)


def token_condition(token: str) -> Condition | None:
    """A line holding ``token``: a glob where one can say it, else a regular expression of its literal
    text (spaces may vary); ``None`` when the token holds no literal to look for."""
    patterns = token_patterns(token)
    if patterns:
        return line_condition(patterns)
    literal = token_literal(token)
    if literal is None:
        return None
    pieces = [re.escape(p) for p in re.split(r"\s+", literal)]
    regex = r"\s*".join(pieces)
    if re.match(r"\w", literal):
        regex = r"(?<![\w$])" + regex
    return Compare("text", "matches", regex)


def line_condition(patterns: Sequence[str]) -> Condition:
    """``text ~ p1 or text ~ p2 …``: a line containing any of the patterns."""
    unique = list(dict.fromkeys(patterns))
    if len(unique) > 2 and not any(c in p for p in unique for c in ",{}"):
        return Compare("text", "~", fold_globs(unique))
    items = tuple(Compare("text", "~", p) for p in unique)
    return items[0] if len(items) == 1 else Or(items)


#: skipped tests in the common frameworks, as agent files name them (the keep-tests shape's)
SKIP_MARKERS = (
    "@pytest.mark.skip",
    "pytest.skip(",
    "@unittest.skip",
    "it.skip(",
    "describe.skip(",
    "test.skip(",
    "xit(",
    "xdescribe(",
    "t.Skip(",
    "@Disabled",
    "@Ignore",
)
#: focused tests, which stop the others of their file from running
FOCUS_MARKERS = ("it.only(", "describe.only(", "test.only(", "fit(", "fdescribe(")


def names_marker(code: str, markers: tuple[str, ...]) -> bool:
    """Whether a code span names one of the markers (```.only```, ```xit```, ```@pytest.mark.skip```)."""
    core = code.strip().strip(".").rstrip("(")
    return bool(core) and any(m.rstrip("(").endswith(core) for m in markers)
