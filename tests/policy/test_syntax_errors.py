"""Bad policy text: every mistake named by file:line:col, shown with a caret, explained in words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scopeguard.policy.parser import parse_policy_collecting


def rendered(text: str) -> str:
    return "\n".join(d.render() for d in parse_policy_collecting(text, "p.scope").diagnostics)


CASES = {
    "misspelt-statement": (
        "rule r:\n    forbidd added file\n",
        """\
p.scope:2:5: error: unexpected name 'forbidd'
     2 |     forbidd added file
       |     ^^^^^^^
  expected a rule statement: severity, forbid, require, limit, message or because
  did you mean 'forbid'?""",
    ),
    "misspelt-change": (
        "rule r:\n    forbid addded file\n",
        """\
p.scope:2:12: error: unexpected name 'addded'
     2 |     forbid addded file
       |            ^^^^^^
  expected a change: added, removed, modified, renamed or changed
  did you mean 'added'?""",
    ),
    "misspelt-header": (
        "rules r:\n    forbid added file\n",
        """\
p.scope:1:1: error: unexpected name 'rules'
     1 | rules r:
       | ^^^^^
  expected a top-level line: 'concept NAME:', 'rule ID:', 'agent NAME:' or 'acknowledge "sentence"'
  did you mean 'rule'?""",
    ),
    "misspelt-aka": (
        'concept c:\n    ak "widgets"\n',
        """\
p.scope:2:8: error: unexpected string "widgets"
     2 |     ak "widgets"
       |        ^^^^^^^^^
  expected 'in', 'where' or the end of the line
  did you mean 'aka'?""",
    ),
    "single-equals": (
        'rule r:\n    forbid added class where name = "Widget"\n',
        """\
p.scope:2:35: error: unexpected character '='
     2 |     forbid added class where name = "Widget"
       |                                   ^
  expected an operator: '~', '==', '!=', 'matches' or 'in [...]'
  did you mean '=='?""",
    ),
    "misspelt-matches": (
        'rule r:\n    forbid added file where name matchs "^[a-z_]+$"\n',
        """\
p.scope:2:34: error: unexpected name 'matchs'
     2 |     forbid added file where name matchs "^[a-z_]+$"
       |                                  ^^^^^^
  expected an operator: '~', '==', '!=', 'matches' or 'in [...]'
  did you mean 'matches'?""",
    ),
    "unquoted-glob": (
        "agent a:\n    protect web/, docs/\n",
        """\
p.scope:2:13: error: unexpected name 'web'
     2 |     protect web/, docs/
       |             ^^^
  expected a string in double quotes
  strings are written in double quotes: "web/\"""",
    ),
    "single-quotes": (
        "rule r:\n    forbid added file in 'web/**'\n",
        """\
p.scope:2:26: error: unexpected character "'"
     2 |     forbid added file in 'web/**'
       |                          ^
  expected a string in double quotes
  strings are written in double quotes: "web/**\"""",
    ),
    "invalid-escape": (
        'rule r:\n    message "C:\\users"\n',
        """\
p.scope:2:16: error: invalid escape '\\u' in a string
     2 |     message "C:\\users"
       |                ^^
  expected a JSON escape after a backslash: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX
  write '\\\\' for a backslash""",
    ),
    "unterminated-string": (
        'rule r:\n    message "no end\n',
        """\
p.scope:2:13: error: unterminated string
     2 |     message "no end
       |             ^
  expected a closing '"' on the same line""",
    ),
    "line-ends-early": (
        "rule r:\n    forbid added\n",
        """\
p.scope:2:17: error: the line ends too early
     2 |     forbid added
       |                 ^
  expected an element kind or concept (file, line, class, function, import, call, decorator, route, \
resource, dependency, secret, or a concept's name)""",
    ),
    "missing-colon": (
        "rule r\n",
        """\
p.scope:1:7: error: the line ends too early
     1 | rule r
       |       ^
  expected ':'""",
    ),
    "statement-on-header-line": (
        "rule r: forbid added file\n",
        """\
p.scope:1:9: error: unexpected 'forbid'
     1 | rule r: forbid added file
       |         ^^^^^^
  expected the end of the line: the block's lines go below it, indented""",
    ),
    "statement-of-another-block": (
        "agent a:\n    forbid added file\n",
        """\
p.scope:2:5: error: unexpected 'forbid'
     2 |     forbid added file
       |     ^^^^^^
  expected an agent statement: enforce, protect, scope or acknowledge
  'forbid' belongs in a rule block, not in an agent block""",
    ),
    "statement-not-indented": (
        "rule r:\nforbid added file\n",
        """\
p.scope:2:1: error: unexpected 'forbid'
     2 | forbid added file
       | ^^^^^^
  expected a top-level line: 'concept NAME:', 'rule ID:', 'agent NAME:' or 'acknowledge "sentence"'
  'forbid' is a line of a rule block: indent it under 'rule ID:'""",
    ),
    "indented-outside-a-block": (
        "    forbid added file\n",
        """\
p.scope:1:5: error: unexpected indentation: this line is not inside a concept, rule or agent block
     1 |     forbid added file
       |     ^
  expected a top-level line at column 1: concept, rule, agent or acknowledge""",
    ),
    "indented-under-acknowledge": (
        'acknowledge "x"\n    forbid added file\n',
        """\
p.scope:2:5: error: unexpected indentation: 'acknowledge' at the top level takes no indented lines
     2 |     forbid added file
       |     ^
  expected a top-level line at column 1""",
    ),
    "inconsistent-indentation": (
        "rule r:\n    forbid added file\n  severity error\n",
        """\
p.scope:3:1: error: inconsistent indentation: 2 spaces where line 2 of this block has 4 spaces
     3 |   severity error
       | ^^
  indent every line of a block the same way""",
    ),
    "less-than": (
        "rule r:\n    limit files < 30\n",
        """\
p.scope:2:17: error: unexpected character '<'
     2 |     limit files < 30
       |                 ^
  expected 'in' or '<='
  did you mean '<='?""",
    ),
    "not-a-whole-number": (
        "rule r:\n    limit files <= 1.5\n",
        """\
p.scope:2:21: error: unexpected character '.'
     2 |     limit files <= 1.5
       |                     ^
  expected the end of the line""",
    ),
    "unclosed-parenthesis": (
        'rule r:\n    forbid added call where (name == "a"\n',
        """\
p.scope:2:41: error: the line ends too early
     2 |     forbid added call where (name == "a"
       |                                         ^
  expected ')'""",
    ),
    "list-without-comma": (
        'rule r:\n    forbid added call where name in ["a" "b"]\n',
        """\
p.scope:2:42: error: unexpected string "b"
     2 |     forbid added call where name in ["a" "b"]
       |                                          ^^^
  expected ',' or ']'""",
    ),
    "missing-severity": (
        "rule r:\n    severity\n",
        """\
p.scope:2:13: error: the line ends too early
     2 |     severity
       |             ^
  expected a severity: error, warning or info""",
    ),
    "second-severity": (
        "rule r:\n    severity error\n    severity warning\n",
        """\
p.scope:3:5: error: a second 'severity' in rule 'r' (the first is on line 2)
     3 |     severity warning
       |     ^^^^^^^^
  keep one 'severity' line""",
    ),
    "enforce-takes-ids": (
        'agent a:\n    enforce "rule-a"\n',
        """\
p.scope:2:13: error: unexpected string "rule-a"
     2 |     enforce "rule-a"
       |             ^^^^^^^^
  expected a rule id (letters, digits, '_' and '-')""",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_mistake_is_explained(case: str) -> None:
    text, expected = CASES[case]
    assert rendered(text) == expected


def test_three_mistakes_give_three_diagnostics_in_line_order() -> None:
    text = (
        "concept widget:\n"
        '    aka "widgets"\n'
        "    class where name = 1\n"
        "\n"
        "rule r:\n"
        "    severity error\n"
        "    forbidd added widget\n"
        "    severity info\n"
        "    forbid added widget\n"
        "agent a:\n"
        "    enforce r\n"
        "    protect web/\n"
    )
    diagnostics = parse_policy_collecting(text, "p.scope").diagnostics
    assert [(d.line, d.column, d.message, d.suggestion) for d in diagnostics] == [
        (3, 22, "unexpected character '='", "did you mean '=='?"),
        (7, 5, "unexpected name 'forbidd'", "did you mean 'forbid'?"),
        (8, 5, "a second 'severity' in rule 'r' (the first is on line 6)", "keep one 'severity' line"),
        (12, 13, "unexpected name 'web'", 'strings are written in double quotes: "web/"'),
    ]


def test_lines_of_a_block_with_a_broken_header_are_still_checked() -> None:
    diagnostics = parse_policy_collecting("rule my rule:\n    forbid addded file\n", "p.scope").diagnostics
    assert [(d.line, d.column, d.message) for d in diagnostics] == [
        (1, 9, "unexpected 'rule'"),
        (2, 12, "unexpected name 'addded'"),
    ]


#: grammar terminal names (NAME, STRING, _COMMA, __ANON_0, $END) must never reach a user
_TERMINAL = re.compile(
    r"\b(?:NAME|STRING|INT|CHANGE|COMPARE_OP|TRUE|FALSE|NULL|COMMENT|WHITESPACE)\b|\b_[A-Z]+\b|\$END|__ANON"
)
_lines = st.lists(
    st.one_of(
        st.text(max_size=30),
        st.sampled_from(
            [
                "rule r:",
                "concept c:",
                "agent a:",
                "    forbid added file",
                '    forbid added class where name ~ "x" and (',
                "    limit files <=",
                "    enforce a,",
                '    aka "x",',
                "\tprotect",
                '    message "\\',
                "  # comment",
            ]
        ),
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(_lines)
def test_any_text_gives_diagnostics_not_exceptions_or_terminal_names(lines: list[str]) -> None:
    result = parse_policy_collecting("\n".join(lines), "p.scope")
    for d in result.diagnostics:
        assert d.path == "p.scope" and d.line is not None and d.column is not None and d.column >= 1
        assert d.source_line is not None
        words = f"{d.message}\n{d.expected or ''}\n{d.suggestion or ''}"
        quoted = re.sub(r"'[^']*'|\"[^\"]*\"", "", words)
        assert _TERMINAL.search(quoted) is None, words
