"""Size limits: "keep files under 500 lines, functions under 50", "PRs under 400 lines of diff", "touch at
most 10 files" — and the structured limits of a frontmatter ``constraints`` block."""

from __future__ import annotations

import re

from scopeguard.agents.clauses import Clause
from scopeguard.agents.files import to_glob
from scopeguard.agents.readings import Draft, Env, Example, ExampleFile, Reading, Shape, has
from scopeguard.agents.scoping import file_globs, narrowed, scope_of
from scopeguard.policy.ast import Compare, Forbid, InList, Limit, Not, Selector, Statement

_BOUND = (
    r"(?:<=?|≤|under|below|less\s+than|fewer\s+than|at\s+most|no\s+more\s+than|not\s+more\s+than|max(?:imum)?"
    r"(?:\s+of)?|up\s+to|within|exceeds?|over|more\s+than|>|~|cap(?:ped)?\s+at|limit(?:ed)?\s+to|上限)"
)
_LINES = re.compile(
    rf"(?P<bound>{_BOUND})?\s*~?\s*(?P<low>\d[\d,]*)(?:\s*[-–]\s*(?P<high>\d[\d,]*))?\s*(?:(?:lines?|loc)\b|行)",
    re.IGNORECASE,
)
_FILES = re.compile(rf"{_BOUND}\s*(?P<n>\d[\d,]*)\s+(?:changed\s+)?files\b", re.IGNORECASE)
#: a size in bytes after a bound ("files under 1 MB", "no file larger than 500KB")
_SIZE = re.compile(
    rf"(?:{_BOUND}|larger\s+than|bigger\s+than|greater\s+than)\s*(?P<n>\d[\d,.]*)\s*(?P<unit>[kmg]i?b)\b",
    re.IGNORECASE,
)
_SUBJECTS = (
    (r"functions?|methods?", "function_lines"),
    (r"関数|函数|메서드|함수", "function_lines"),
    (r"files?|components?|modules?|classes", "file_lines"),
    (r"ファイル|文件|파일", "file_lines"),
    (
        r"prs?|pull\s+requests?|diffs?|changes?|commits?|patch(?:es)?|changesets?|refactors?|implemented",
        "changed_lines",
    ),
)


def size_limit(clause: Clause, env: Env) -> Reading | None:
    statements: list[Statement] = []
    text = clause.prose
    per_file_globs = _per_file_globs(clause, env)
    for m in _LINES.finditer(text):
        if m.group("bound") is None and not re.search(r"[-–]", m.group(0)):
            continue
        limit = int((m.group("high") or m.group("low")).replace(",", ""))
        metric = _metric(text[: m.start()])
        if metric is None:
            continue
        per_file = metric in ("file_lines", "function_lines")
        statements.append(Limit(metric, limit, per_file_globs if per_file else ()))
    for m in _FILES.finditer(text):
        statements.append(Limit("files", int(m.group("n").replace(",", ""))))
    for m in _SIZE.finditer(text):
        if _metric(text[: m.start()]) == "file_lines":
            statements.append(Limit("file_bytes", _bytes(m.group("n"), m.group("unit")), per_file_globs))
    if not statements:
        return None
    statements = list(dict.fromkeys(statements))
    severity = (
        "warning"
        if clause.severity == "warning" or has(r"~|\bconsider\b|目安|\bwhen\s+practical\b", text)
        else "error"
    )
    draft = Draft("size-limit", tuple(statements), severity, "{metric} is {value}; the limit is {limit}")
    return Reading("size-limit", (draft,), shape="size-limit")


def _per_file_globs(clause: Clause, env: Env) -> tuple[str, ...]:
    """The files a limit on file or function length applies to: the folders, test files or languages
    the sentence, its lead-in or headings name, else the agent's globs (a Cursor rule for some paths)."""
    scope = scope_of(clause, env, agent_tests=False)
    agent = tuple(g for g in env.agent_globs if g not in ("*", "**", "**/*"))
    if scope.paths:
        return scope.paths
    if scope.tests is True:
        return env.vocabulary.test_globs
    if scope.agent_languages and agent:
        return agent
    return scope.languages or agent


def _metric(before: str) -> str | None:
    """The metric of the nearest subject before the number ("functions <50 lines" -> function_lines)."""
    best: tuple[int, str] | None = None
    for pattern, metric in _SUBJECTS:
        bounded = rf"\b(?:{pattern})\b" if pattern.isascii() else pattern
        for m in re.finditer(bounded, before, re.IGNORECASE):
            if best is None or m.end() > best[0]:
                best = (m.end(), metric)
    if best is None:
        return (
            "changed_lines"
            if re.search(r"\b(?:in|of)\s*$", before.strip() + " ") or not before.strip()
            else None
        )
    return best[1]


# --- line length ---------------------------------------------------------------------------------------

_CHARACTERS = re.compile(
    rf"(?P<bound>{_BOUND})?\s*~?\s*(?P<n>\d{{2,3}})\s*(?:characters?|chars?|columns?|cols?)\b"
    rf"(?:\s+(?P<after>max(?:imum)?|at\s+most|or\s+(?:less|fewer)))?",
    re.IGNORECASE,
)
_CHANGELOG_GLOBS = ("**/{CHANGELOG,CHANGES,HISTORY,RELEASE_NOTES}*", "**/*{changelog,Changelog}*")


def line_length(clause: Clause, env: Env) -> Reading | None:
    """Lines of at most N characters ("Keep lines under 100 characters", "One line, ~120 characters max")."""
    m = _CHARACTERS.search(clause.prose)
    if m is None or (m.group("bound") is None and m.group("after") is None):
        return None
    if not has(r"\blines?\b|\bline\s+length\b|\bwidth\b|\bentr(?:y|ies)\b", clause.words):
        return None
    texts = [clause.prose, clause.sentence.context or "", *clause.sentence.headings[-2:]]
    limit = int(m.group("n"))
    long_line = Compare("text", "matches", f"^.{{{limit + 1},}}")
    if any(re.search(r"\bchangelog\b|\brelease\s+notes\b", t, re.IGNORECASE) for t in texts):
        selector = Selector("line", _CHANGELOG_GLOBS, long_line)
    else:
        scope = scope_of(clause, env)
        selector = narrowed("line", file_globs(scope), long_line, scope, env)
    statement = Forbid("added", selector)
    draft = Draft("line-length", (statement,), "warning", "a line of more than " + str(limit) + " characters")
    return Reading("style", (draft,), shape="line-length")


# --- a frontmatter "constraints" block ------------------------------------------------------------------


def structured_constraints(clause: Clause, env: Env) -> Reading | None:
    """``allowed_paths`` / ``forbidden_paths`` / ``allowed_file_types`` / ``max_file_operations`` keys."""
    sentence = clause.sentence
    if sentence.origin != "frontmatter" or sentence.key is None:
        return None
    key = sentence.key.rsplit(".", 1)[-1].lower()
    values = re.findall(r"-\s+[\"']?([^\"'#\s]+)[\"']?", sentence.text)
    number = re.search(r":\s*(\d+)", sentence.text)
    if key in ("allowed_paths", "allowed_files", "paths", "scope") and values:
        globs = tuple(to_glob(v) for v in values)
        glob = globs[0] if len(globs) == 1 else "{" + ",".join(globs) + "}"
        draft = Draft(
            "allowed-paths",
            (Forbid("changed", Selector("file", where=Not(Compare("path", "~", glob)))),),
            "error",
            "{path} is outside the paths this agent may change",
        )
        return Reading("path-scope", (draft,), shape="frontmatter")
    if (
        key in ("forbidden_paths", "protected_paths", "denied_paths", "deny_paths", "restricted_paths")
        and values
    ):
        draft = Draft(
            "forbidden-paths",
            (Forbid("changed", Selector("file", tuple(to_glob(v) for v in values))),),
            "error",
            "{path} may not be changed by this agent",
        )
        return Reading("path-scope", (draft,), shape="frontmatter")
    if key in ("allowed_file_types", "allowed_extensions", "file_types") and values:
        extensions = tuple(v if v.startswith(".") else "." + v for v in values)
        draft = Draft(
            "allowed-file-types",
            (Forbid("changed", Selector("file", where=Not(InList("extension", extensions)))),),
            "error",
            "{path} is not of a file type this agent may change",
        )
        return Reading("path-scope", (draft,), shape="frontmatter")
    if key in ("max_file_operations", "max_files", "max_files_changed") and number:
        draft = Draft(
            "max-files",
            (Limit("files", int(number.group(1))),),
            "error",
            "{metric} is {value}; the limit is {limit}",
        )
        return Reading("size-limit", (draft,), shape="frontmatter")
    if key in ("max_lines", "max_changed_lines", "max_diff_lines") and number:
        draft = Draft(
            "max-lines",
            (Limit("changed_lines", int(number.group(1))),),
            "error",
            "{metric} is {value}; the limit is {limit}",
        )
        return Reading("size-limit", (draft,), shape="frontmatter")
    size = re.search(r":\s*[\"']?(\d[\d_,.]*)\s*([kmg]i?b|bytes?)?\b", sentence.text, re.IGNORECASE)
    if key in ("max_file_size", "max_file_bytes", "max_size") and size:
        draft = Draft(
            "max-file-size",
            (Limit("file_bytes", _bytes(size.group(1), size.group(2))),),
            "error",
            "{metric} is {value}; the limit is {limit}",
        )
        return Reading("size-limit", (draft,), shape="frontmatter")
    return None


_UNITS = {"b": 1, "byte": 1, "bytes": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2}
_UNITS |= {"gb": 1000**3, "gib": 1024**3}


def _bytes(number: str, unit: str | None) -> int:
    """A size as written ("10485760", "5 MB", "512KiB") in bytes; MB is read as a million bytes."""
    value = float(number.replace(",", "").replace("_", ""))
    return int(value * _UNITS.get((unit or "b").lower(), 1))


SHAPES = (
    Shape(
        "size-limit",
        "size limits on files, functions and the whole change",
        size_limit,
        (
            Example(
                "Keep files <500 lines, functions <50 lines",
                "limit file_lines <= 500\nlimit function_lines <= 50",
            ),
            Example(
                "Keep PRs focused and reasonably sized (under 400 lines of diff when practical).",
                "limit changed_lines <= 400",
            ),
            Example("Keep every file under 1 MB.", "limit file_bytes <= 1000000"),
            Example("Read the 300 lines of the module first.", None),
            # a limit under a heading for one language is a limit on that language's files
            Example(
                "Keep functions under 40 lines.",
                'limit function_lines in "**/*.py" <= 40',
                context="### Python",
            ),
        ),
    ),
    Shape(
        "line-length",
        "lines of at most N characters",
        line_length,
        (
            Example(
                "Keep Python lines under 100 characters.",
                'forbid added line in "**/*.py" where text matches "^.{101,}"',
                changes=(
                    ExampleFile(
                        "app/report.py",
                        "TITLE = 'Report'\nBODY = '" + "x" * 100 + "'\n",
                        (2,),
                    ),
                ),
            ),
            Example("Read 100 characters of the log at a time.", None),
        ),
    ),
    Shape("frontmatter", "structured constraints in the frontmatter", structured_constraints, ()),
)
