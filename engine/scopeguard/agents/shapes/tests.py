"""Tests: tests come with new code, and tests are not deleted or skipped to make a change pass."""

from __future__ import annotations

from scopeguard.agents.clauses import Clause
from scopeguard.agents.lexicon import CODE_SPAN
from scopeguard.agents.readings import (
    Draft,
    Env,
    Example,
    ExampleFile,
    Reading,
    Shape,
    has,
)
from scopeguard.agents.shapes.constructs import negated_span
from scopeguard.agents.tokens import FOCUS_MARKERS, SKIP_MARKERS, names_marker
from scopeguard.policy.ast import And, Compare, Condition, Forbid, InList, Not, Require, Selector

_TESTS_FOR_NEW = (
    r"\b(?:write|add|create|include|provide|ship|need|needs|require|requires|must\s+have)\b[^.;]{0,50}?"
    r"\b(?:tests?|test\s+coverage|coverage)\b[^.;]{0,40}?\b(?:for|of|covering|with)\b[^.;]{0,20}?"
    r"\b(?:all|every|each|any|new|changed|modified)\b"
    r"|^\W*(?:comprehensive\s+|unit\s+|integration\s+|regression\s+|corresponding\s+)*tests?\s+(?:for|covering)\s+"
    r"(?:all|every|each|any|the\s+new|new|changed|modified)\b"
    r"|\b(?:is|are)\s+there\s+(?:a\s+|any\s+)?tests?\s+for\b"
    r"|\b(?:add|write|update)\s+(?:or\s+update\s+)?tests\s+(?:when|whenever|for\s+every|before)\b"
    r"|\btests?\s+(?:provide|gives?)\s+(?:comprehensive\s+)?coverage\s+of\s+new\b"
    r"|\bwrite\s+(?:\w+\s+)?tests\s+before\s+(?:making|any)\b"
    r"|^\W*(?:unit|integration)\s+tests?\s+for\s+(?:the\s+)?(?:\w+\s+){0,2}(?:logic|code|features?|functionality|"
    r"functions|components|services|handlers|endpoints)\b"
)


def tests_required(clause: Clause, env: Env) -> Reading | None:
    if clause.negative or not has(_TESTS_FOR_NEW, clause.words):
        return None
    if has(r"\b(?:plan|spec(?:ified)?|listed|orchestrator|ticket)\b", clause.words):
        return None
    tests = env.vocabulary.tests_selector()
    if has(r"\b(?:endpoints?|routes?|api)\b", clause.words):
        when = Selector("route")
    else:
        when = Selector("function", where=units_under_test())
    draft = Draft(
        "tests-required",
        (Require("changed", tests, "added", when),),
        "warning",
        "{change} {kind} {name} comes without a change to any test",
    )
    return Reading("tests-required", (draft,), shape="tests-required")


#: functions that are not units under test: entry points, hooks the runtime calls, and tests themselves
_NOT_UNITS = ("init", "main")
_TEST_OR_HOOK = r"(?:^|\.)(?:__\w+__|(?:test_|Test|Benchmark|Example|Fuzz)\w*)$"


def units_under_test() -> Condition:
    """New functions that want a test: not ``init`` / ``main``, not dunder hooks, not test functions.

    Functions in test files need no condition: a change that adds one changes a test file, which is
    what the rule requires.
    """
    return And((Not(InList("name", _NOT_UNITS)), Not(Compare("name", "matches", _TEST_OR_HOOK))))


#: a skipped test in the test frameworks of the common languages (``xit(`` but not ``exit(``)
_SKIP = (
    r"@pytest\.mark\.skip|\bpytest\.skip\(|@unittest\.skip"
    r"|\b(?:it|describe|test|context|suite)\.skip\(|(?<![\w.])x(?:it|describe|test)\("
    r"|\bt\.Skip(?:Now|f)?\(|@Disabled\b|@Ignore\b|#\[ignore\]"
)
#: a focused test, which stops the others of its file: ``it.only(``, Jasmine's ``fit('…'``, ``fdescribe(``
_FOCUS = (
    r"\b(?:it|describe|test|context|suite)\.only\(|(?<![\w.])fdescribe\("
    r"|(?<![\w.])fit\(\s*[\x22\x27\x60]"
)
_DELETE_TESTS = (
    r"\b(?:delete|deletes|deleting|remove|removes|removing|drop|comment\s+out)\b[^.;]{0,40}\b(?:tests?|test\s+cases?|specs?)\b"
    r"|\b(?:tests?|test\s+cases?)\b[^.;]{0,15}\b(?:deleted|removed)\b"
)
_SKIP_TESTS = (
    r"\b(?:skip|skips|skipping|disable|disables|disabling|xfail)\b[^.;]{0,20}\b(?:tests?|specs?)\b|`code`"
)


def tests_kept(clause: Clause, env: Env) -> Reading | None:
    """Tests kept ("Never delete or skip tests"): no removed test files or functions, no skip markers."""
    if not clause.negative:
        return None
    words = CODE_SPAN.sub("`code`", negated_span(clause.prose)).lower()
    test_globs = (env.vocabulary.test_glob,)
    drafts: list[Draft] = []
    if has(_DELETE_TESTS, words):
        removed = (
            Forbid("removed", env.vocabulary.tests_selector()),
            Forbid("removed", Selector("function", test_globs)),
        )
        drafts.append(
            Draft("keep-tests", removed, clause.severity, "{change} {kind} {name}: tests may not be deleted")
        )
    skip_codes = [c for c in clause.codes if names_marker(c, SKIP_MARKERS)]
    if has(r"\b(?:skip|skips|skipping|disable|xfail)\b[^.;]{0,35}\b(?:tests?|specs?)\b", words) or skip_codes:
        skip = (Forbid("added", Selector("line", test_globs, Compare("text", "matches", _SKIP))),)
        drafts.append(Draft("no-skipped-tests", skip, clause.severity, "'{name}' skips a test"))
    focus_codes = [c for c in clause.codes if names_marker(c, FOCUS_MARKERS)]
    if has(r"\b(?:focused|exclusive)\s+(?:tests?|specs?)\b", words) or focus_codes:
        focus = (Forbid("added", Selector("line", test_globs, Compare("text", "matches", _FOCUS))),)
        drafts.append(Draft("no-focused-tests", focus, clause.severity, "'{name}' runs only some tests"))
    if not drafts:
        return None
    return Reading("tests-required", tuple(drafts), shape="keep-tests")


SHAPES = (
    Shape(
        "tests-required",
        "tests come with new code",
        tests_required,
        (
            Example(
                "Write comprehensive unit tests for all new functionality",
                'require changed test_file when added function where not name in ["init", "main"] and '
                "not name "
                r'matches "(?:^|\\.)(?:__\\w+__|(?:test_|Test|Benchmark|Example|Fuzz)\\w*)$"',
                changes=(
                    ExampleFile("cmd/tool/main.go", "package main\n\nfunc init() {}\n\nfunc main() {}\n"),
                    ExampleFile(
                        "pkg/scan/scan.go", "package scan\n\nfunc Scan() int {\n\treturn 1\n}\n", (3,)
                    ),
                ),
            ),
            Example(
                "Write unit tests for all new functions.",
                'require changed test_file when added function where not name in ["init", "main"] and '
                "not name "
                r'matches "(?:^|\\.)(?:__\\w+__|(?:test_|Test|Benchmark|Example|Fuzz)\\w*)$"',
                changes=(
                    ExampleFile("pkg/scan/scan.go", "package scan\n\nfunc Scan() int {\n\treturn 1\n}\n"),
                    ExampleFile(
                        "pkg/scan/scan_test.go",
                        'package scan\n\nimport "testing"\n\n'
                        "func TestScan(t *testing.T) {\n\tif Scan() != 1 {\n\t\tt.Fatal()\n\t}\n}\n",
                    ),
                ),
            ),
            Example(
                "Integration tests for new API endpoints",
                "require changed test_file when added route",
                context="After implementing the feature, write tests:",
            ),
            Example("Never delete tests", None),
        ),
    ),
    Shape(
        "keep-tests",
        "tests are not deleted, skipped or weakened",
        tests_kept,
        (
            Example(
                "Do not remove tests if you can't fix them",
                'forbid removed test_file\nforbid removed function in "{tests/**,**/test_*.py}"',
            ),
            Example(
                "Never commit `.only` or `.skip` in tests.",
                (
                    'forbid added line in "{tests/**,**/test_*.py}" where text matches '
                    r'"@pytest\\.mark\\.skip|\\bpytest\\.skip\\(|@unittest\\.skip|\\b(?:it|describe|test|c'
                    r"ontext|suite)\\.skip\\(|(?<![\\w.])x(?:it|describe|test)\\(|\\bt\\.Skip(?:Now|f)?\\("
                    '|@Disabled\\\\b|@Ignore\\\\b|#\\\\[ignore\\\\]"\n'
                    'forbid added line in "{tests/**,**/test_*.py}" where text matches '
                    r'"\\b(?:it|describe|test|context|suite)\\.only\\(|(?<![\\w.])fdescribe\\(|(?<![\\w.])'
                    r'fit\\(\\s*[\\x22\\x27\\x60]"'
                ),
                changes=(
                    ExampleFile(
                        "src/cart.test.ts",
                        'it.only("adds an item", () => {});\nxit("removes an item", () => {});\n'
                        'it("exits", () => {\n  process.exit(0);\n});\n',
                        (1, 2),
                    ),
                ),
            ),
            Example("Write a test for each bug you fix", None),
        ),
    ),
)
