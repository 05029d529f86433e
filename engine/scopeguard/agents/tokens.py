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
        return (fold_globs(special[0]),)
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


def line_condition(patterns: Sequence[str]) -> Condition:
    """``text ~ p1 or text ~ p2 …``: a line containing any of the patterns."""
    unique = list(dict.fromkeys(patterns))
    if len(unique) > 2 and not any(c in p for p in unique for c in ",{}"):
        return Compare("text", "~", fold_globs(unique))
    items = tuple(Compare("text", "~", p) for p in unique)
    return items[0] if len(items) == 1 else Or(items)
