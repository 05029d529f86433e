"""Semantic checks: names resolve across files, values mean something, each error says so exactly."""

from __future__ import annotations

from pathlib import Path

from scopeguard.core.errors import Diagnostic
from scopeguard.core.kinds import KINDS, attribute_names
from scopeguard.policy.check import PLACEHOLDERS, check_policies
from scopeguard.policy.parser import parse_policy
from scopeguard.policy.vocabulary import check_policy_texts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "policy"
KIND_LIST = ", ".join(KINDS)


def check(*texts: str) -> list[Diagnostic]:
    """Diagnostics of policy files ``a.scope``, ``b.scope``, ... checked with the built-ins."""
    return check_policy_texts({f"{chr(ord('a') + i)}.scope": t for i, t in enumerate(texts)})


def brief(diagnostics: list[Diagnostic]) -> list[tuple[str | None, int | None, int | None, str, str | None]]:
    return [(d.path, d.line, d.column, d.message, d.suggestion) for d in diagnostics]


def test_the_worked_example_and_the_built_ins_are_clean() -> None:
    text = (FIXTURES / "worked_example.scope").read_text(encoding="utf-8")
    assert check(text) == []


def test_unknown_kind_is_shown_with_the_line_a_caret_and_a_suggestion() -> None:
    (d,) = check('rule r:\n    forbid added clas in "src/**"\n')
    assert d.render() == (
        "a.scope:2:18: error: unknown element kind or concept 'clas'\n"
        '     2 |     forbid added clas in "src/**"\n'
        "       |                  ^^^^\n"
        f"  expected an element kind ({KIND_LIST}) or the name of a concept\n"
        "  did you mean 'class'?"
    )


def test_unknown_concept_suggests_a_concept_of_any_file() -> None:
    assert brief(check("rule r:\n    require changed test_files when added function\n")) == [
        ("a.scope", 2, 21, "unknown element kind or concept 'test_files'", "did you mean 'test_file'?")
    ]


def test_unknown_attribute_of_a_kind() -> None:
    (d,) = check('concept c:\n    class where bas ~ "*Model"\n')
    assert (d.line, d.column, d.width, d.message, d.suggestion) == (
        2,
        17,
        3,
        "unknown attribute 'bas' for class",
        "did you mean 'base'?",
    )
    assert d.expected == f"an attribute of class: {', '.join(attribute_names('class'))}"


def test_attribute_of_a_concept_is_valid_for_any_kind_it_expands_to() -> None:
    # signature belongs to functions only; public_api expands to classes and functions
    assert check('rule r:\n    forbid modified public_api where signature ~ "*ctx*"\n') == []
    (d,) = check('rule r:\n    forbid modified public_api where not qualnam == "x"\n')
    assert (d.line, d.column, d.message, d.suggestion) == (
        2,
        42,
        "unknown attribute 'qualnam' for public_api (class, function)",
        "did you mean 'qualname'?",
    )


def test_a_concept_extended_in_another_file_gains_its_kinds() -> None:
    extension = 'concept test_file:\n    aka "qa checks"\n    class in "qa/**"\n'
    use = 'rule r:\n    forbid added test_file where base ~ "*TestCase"\n'
    assert check(extension, use) == []
    (d,) = check(use)
    assert (d.path, d.line, d.column, d.message) == (
        "a.scope",
        2,
        34,
        "unknown attribute 'base' for test_file (file)",
    )


def test_unknown_metric_and_a_negative_limit() -> None:
    assert brief(check("rule r:\n    limit addedlines <= -1\n")) == [
        ("a.scope", 2, 11, "unknown metric 'addedlines'", "did you mean 'added_lines'?"),
        ("a.scope", 2, 25, "a limit of -1 can never be met", None),
    ]


def test_unknown_rule_in_enforce_points_at_the_name() -> None:
    text = (
        "rule no-new-types:\n    forbid added class\nagent a:\n    enforce no-new-types, no-new-type, other\n"
    )
    assert brief(check(text)) == [
        ("a.scope", 4, 27, "agent 'a' enforces unknown rule 'no-new-type'", "did you mean 'no-new-types'?"),
        ("a.scope", 4, 40, "agent 'a' enforces unknown rule 'other'", None),
    ]


def test_rules_of_other_files_can_be_enforced() -> None:
    assert check("rule r:\n    forbid added class\n", "agent a:\n    enforce r\n") == []


def test_message_placeholders() -> None:
    diagnostics = check('rule r:\n    forbid added class\n    message "{nme} in {path}: {}"\n')
    assert brief(diagnostics) == [
        ("a.scope", 3, 14, "unknown placeholder '{nme}' in the message", "did you mean '{name}'?"),
        ("a.scope", 3, 31, "unknown placeholder '{}' in the message", None),
    ]
    assert diagnostics[0].expected == "one of " + ", ".join("{" + p + "}" for p in PLACEHOLDERS)
    assert brief(check('rule r:\n    forbid added class\n    message "a { b"\n')) == [
        (
            "a.scope",
            3,
            13,
            "the message has a '{' or '}' without its partner",
            "write '{{' or '}}' for a brace that is not a placeholder",
        )
    ]
    every = " ".join("{" + p + "}" for p in PLACEHOLDERS)
    assert check(f'rule r:\n    forbid added class\n    message "{every} {{{{literal}}}}"\n') == []


def test_invalid_severity() -> None:
    (d,) = check("rule r:\n    severity warn\n    forbid added class\n")
    assert (d.line, d.column, d.width, d.message, d.expected, d.suggestion) == (
        2,
        14,
        4,
        "invalid severity 'warn'",
        "error, warning or info",
        "did you mean 'warning'?",
    )


def test_duplicate_rule_id_across_files_names_both_places() -> None:
    first = "rule keep-api:\n    forbid removed public_api\n"
    second = "\nrule keep-api:\n    forbid renamed public_api\n"
    assert brief(check(first, second)) == [
        (
            "b.scope",
            2,
            6,
            "duplicate rule id 'keep-api': it is also defined at a.scope:1:6",
            "give each rule an id of its own",
        )
    ]


def test_duplicate_agent_or_concept_within_one_file_but_not_across_files() -> None:
    text = 'agent a:\n    scope "x"\nagent a:\n    scope "y"\nconcept c:\n    file\nconcept c:\n    class\n'
    assert brief(check(text)) == [
        (
            "a.scope",
            3,
            7,
            "agent 'a' is defined twice in this file (first on line 1)",
            "put all of the agent's lines in one block",
        ),
        (
            "a.scope",
            7,
            9,
            "concept 'c' is defined twice in this file (first on line 5)",
            "put all of the concept's lines in one block",
        ),
    ]
    assert (
        check(
            'agent a:\n    scope "x"\nconcept c:\n    file\n',
            'agent a:\n    scope "y"\nconcept c:\n    class\n',
        )
        == []
    )


def test_concept_cycle_is_reported_once_at_the_last_loaded_reference() -> None:
    first = "concept widget:\n    class\n    gadget\n"
    second = 'concept gadget:\n    widget where name ~ "G*"\n'
    assert brief(check(first, second)) == [
        ("b.scope", 2, 5, "concept 'gadget' is defined in terms of itself: gadget -> widget -> gadget", None)
    ]
    assert brief(check("concept loop:\n    loop\n")) == [
        ("a.scope", 2, 5, "concept 'loop' is defined in terms of itself: loop -> loop", None)
    ]


def test_a_concept_may_extend_the_element_kind_of_its_name() -> None:
    assert check('concept class:\n    class in "src/**"\n', "rule r:\n    forbid added class\n") == []


def test_glob_match_needs_a_string() -> None:
    (d,) = check("rule r:\n    forbid added function where lines ~ 40\n")
    assert (d.line, d.column, d.width, d.message, d.expected, d.suggestion) == (
        2,
        33,
        10,
        "'~' matches a glob, so it needs a string, not 40",
        'a glob in double quotes, such as "*Model"',
        "use '==' to compare with 40",
    )


def test_a_regular_expression_that_does_not_compile_points_at_where_it_fails() -> None:
    unclosed, repeat, escaped = check(
        "rule r:\n"
        '    forbid added line where text matches "catch \\\\((e"\n'
        '    forbid added file where basename matches "^+x"\n'
        '    forbid added line where text matches "\\u00e9[a-"\n'
    )
    assert (unclosed.line, unclosed.column, unclosed.message, unclosed.suggestion) == (
        2,
        52,
        "invalid regular expression: missing ), unterminated subpattern",
        None,
    )
    assert unclosed.source_line is not None and unclosed.source_line[51] == "("
    assert (repeat.line, repeat.column, repeat.message) == (
        3,
        48,
        "invalid regular expression: nothing to repeat",
    )
    assert repeat.suggestion == (
        'for a literal \'*\', \'+\' or \'?\', escape it: write "\\\\*" in a policy string'
    )
    # a JSON escape is one character of the pattern, six of the line: the caret is at the '['
    assert (escaped.line, escaped.column, escaped.message) == (
        4,
        49,
        "invalid regular expression: unterminated character set",
    )
    assert escaped.expected == "a Python regular expression (the syntax of the re module)"


def test_a_regular_expression_needs_a_string_and_is_checked_for_any_attribute() -> None:
    (d,) = check("rule r:\n    forbid added file where lines matches 40\n")
    assert (d.line, d.column, d.message, d.suggestion) == (
        2,
        29,
        "'matches' searches with a regular expression, so it needs a string, not 40",
        "use '==' to compare with 40",
    )
    text = 'rule r:\n    forbid added file where stem matches "^[a-z0-9_]+$" and not basename ~ "*.md"\n'
    assert check(text) == []


def test_because_at_names_a_file_and_a_line_or_a_range() -> None:
    good = (
        'rule r:\n    forbid added class\n    because "NEVER" at "agents/a.md:3-4"\n'
        'agent a:\n    protect "x" because "never x" at "C:/agents/b.md:12"\n'
    )
    assert check(good) == []
    bad = (
        'rule r:\n    forbid added class\n    because "NEVER" at "agents/a.md"\n'
        'rule s:\n    forbid added class\n    because "NEVER" at "agents/a.md:5-3"\n'
        'agent a:\n    scope "x" because "only x" at "agents/b.md:0"\n'
    )
    assert [(d.line, d.column, d.width, d.message) for d in check(bad)] == [
        (3, 24, 13, "'because ... at' names no place in a file: \"agents/a.md\""),
        (6, 24, 17, "'because ... at' names no place in a file: \"agents/a.md:5-3\""),
        (8, 35, 15, "'because ... at' names no place in a file: \"agents/b.md:0\""),
    ]


def test_a_concept_without_selectors_matches_nothing() -> None:
    text = 'concept wishes:\n    aka "wishes"\nrule r:\n    forbid added wishes\n'
    assert brief(check(text)) == [
        ("a.scope", 4, 18, "concept 'wishes' has no selector, so this matches nothing", None)
    ]


def test_check_policies_works_on_syntax_trees_and_shows_lines_it_has() -> None:
    text = "rule r:\n    forbid added clas\n"
    files = [parse_policy(text, "x.scope")]
    with_source = check_policies(files, {"x.scope": text})
    without_source = check_policies(files, {})
    assert [d.source_line for d in with_source] == ["    forbid added clas"]
    assert [(d.line, d.column, d.source_line) for d in without_source] == [(2, 18, None)]


def test_syntax_and_semantic_errors_of_several_files_come_together_in_file_order() -> None:
    diagnostics = check(
        "rule r:\n    forbid added clas\n    forbidd added file\n", "agent a:\n    enforce q\n"
    )
    assert [(d.path, d.line, d.message) for d in diagnostics] == [
        ("a.scope", 2, "unknown element kind or concept 'clas'"),
        ("a.scope", 3, "unexpected name 'forbidd'"),
        ("b.scope", 2, "agent 'a' enforces unknown rule 'q'"),
    ]


def test_a_glob_whose_range_runs_backwards_is_reported_wherever_globs_stand() -> None:
    text = (
        "rule r:\n"
        '    forbid added file in "src/[z-a].py"\n'
        '    forbid added line where text ~ "*[9-0]*"\n'
        '    limit file_lines in "[b-a]/**" <= 10\n'
        "agent a:\n"
        "    enforce r\n"
        '    protect "web/[Z-A]*"\n'
        '    scope "src/**", "lib/[y-x]/**"\n'
    )
    found = check(text)
    assert [(d.line, d.column, d.message) for d in found] == [
        (
            line,
            column,
            f"invalid glob \"{glob}\": the character range '{span}' runs backwards, so it matches nothing",
        )
        for line, column, glob, span in (
            (2, 26, "src/[z-a].py", "z-a"),
            (3, 36, "*[9-0]*", "9-0"),
            (4, 25, "[b-a]/**", "b-a"),
            (7, 13, "web/[Z-A]*", "Z-A"),
            (8, 21, "lib/[y-x]/**", "y-x"),
        )
    ]
    assert found[0].render().splitlines()[1:] == [
        '     2 |     forbid added file in "src/[z-a].py"',
        "       |                          ^^^^^^^^^^^^^^",
        '  expected a glob whose character ranges go from low to high, such as "[a-z]"',
    ]
