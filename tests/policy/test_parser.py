"""The policy language parses as DESIGN §4 writes it: every form, comments, CRLF, escapes, positions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scopeguard.core.errors import UserError
from scopeguard.core.model import Span
from scopeguard.policy.ast import (
    Acknowledge,
    Agent,
    And,
    Because,
    Compare,
    Concept,
    Forbid,
    InList,
    Item,
    Limit,
    Not,
    Or,
    PathClause,
    Require,
    Rule,
    Selector,
)
from scopeguard.policy.parser import parse_policy, parse_policy_collecting

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "policy"


def parse(text: str) -> tuple[Item, ...]:
    return parse_policy(text, "p.scope").items


def test_the_design_sketch_parses_to_the_expected_tree() -> None:
    policy = parse_policy((FIXTURES / "design_sketch.scope").read_text(encoding="utf-8"), "sketch.scope")
    assert policy.path == "sketch.scope"
    assert policy.items == (
        Concept(
            "tabularium_type",
            ("tabularium type", "tabularium types", "data types"),
            (
                Selector("class", ("**/pkg/model/model/*.go",)),
                Selector("call", (), Compare("name", "~", "*MustRegisterModel")),
                Selector("class", ("client/python/**/models.py",), Compare("base", "~", "*BaseModel")),
            ),
        ),
        Rule(
            "no-new-tabularium-types",
            (Forbid("added", Selector("tabularium_type")),),
            severity="error",
            message="create no new tabularium type ({name}); extend or reuse an existing one",
        ),
        Rule(
            "tests-with-new-code",
            (
                Require(
                    "changed",
                    Selector("file", ("tests/**", "**/*_test.go", "**/test_*.py")),
                    "added",
                    Selector("function", ("backend/**", "src/**")),
                ),
            ),
            severity="warning",
        ),
        Rule("narrow-focus", (Limit("files", 30), Limit("added_lines", 1500))),
        Agent(
            "backend-feature-implementer",
            enforce=("no-new-tabularium-types", "no-new-infrastructure", "tests-with-new-code"),
            protect=(PathClause(("template.yml", ".github/**")),),
            scope=(PathClause(("backend/**", "tests/**")),),
        ),
    )


def test_positions_are_one_based_and_point_at_each_node() -> None:
    text = (FIXTURES / "design_sketch.scope").read_text(encoding="utf-8")
    concept, rule, require_rule, _, agent = parse_policy(text, "sketch.scope").items
    assert isinstance(concept, Concept) and isinstance(rule, Rule) and isinstance(agent, Agent)
    assert isinstance(require_rule, Rule)
    assert concept.span == Span(2, 1, 6, 68)
    assert concept.selectors[1].span == Span(5, 5, 5, 43)
    assert concept.selectors[1].where is not None and concept.selectors[1].where.span == Span(5, 16, 5, 43)
    assert rule.span == Span(8, 1, 11, 86)
    assert rule.severity_span == Span(9, 14, 9, 19)
    assert rule.statements[0].span == Span(10, 5, 10, 33)
    assert rule.message_span == Span(11, 13, 11, 86)
    assert require_rule.statements[0].span == Span(15, 5, 15, 117)
    assert agent.enforce_spans == (Span(22, 13, 22, 36), Span(22, 38, 22, 59), Span(22, 61, 22, 80))
    assert agent.protect[0].span == Span(23, 5, 23, 41)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'concept c:\n    aka "a", "b"\n    aka "c"\n',
            Concept("c", ("a", "b", "c")),
            id="aka-lines-add-up",
        ),
        pytest.param(
            'concept c:\n    file\n    class in "a/**", "b/*.py"\n    function where public == true\n'
            '    import in "x" where module ~ "os*"\n',
            Concept(
                "c",
                (),
                (
                    Selector("file"),
                    Selector("class", ("a/**", "b/*.py")),
                    Selector("function", (), Compare("public", "==", True)),
                    Selector("import", ("x",), Compare("module", "~", "os*")),
                ),
            ),
            id="selector-forms",
        ),
        pytest.param(
            "rule r:\n    severity info\n    forbid removed file\n    forbid modified class\n"
            "    forbid renamed function\n    forbid changed route\n",
            Rule(
                "r",
                (
                    Forbid("removed", Selector("file")),
                    Forbid("modified", Selector("class")),
                    Forbid("renamed", Selector("function")),
                    Forbid("changed", Selector("route")),
                ),
                severity="info",
            ),
            id="every-change",
        ),
        pytest.param(
            'rule r:\n    limit file_lines in "backend/**", "cmd/**" <= 800\n    limit files <= 0\n',
            Rule("r", (Limit("file_lines", 800, ("backend/**", "cmd/**")), Limit("files", 0))),
            id="limits",
        ),
        pytest.param(
            'rule r:\n    forbid added file\n    because "NEVER add files" at "agents/a.md:3-4"\n',
            Rule(
                "r",
                (Forbid("added", Selector("file")),),
                because=Because("NEVER add files", "agents/a.md:3-4"),
            ),
            id="because-at",
        ),
        pytest.param(
            'rule r:\n    because "no place"\n',
            Rule("r", (), because=Because("no place")),
            id="because-without-at",
        ),
        pytest.param(
            'agent "Code Reviewer":\n    enforce a, b-c\n    enforce d\n'
            '    protect "web/" because "never touch web/" at "agents/r.md:9"\n'
            '    scope "src/**"\n    scope "docs/**"\n    acknowledge "be kind"\n',
            Agent(
                "Code Reviewer",
                ("a", "b-c", "d"),
                (PathClause(("web/",), Because("never touch web/", "agents/r.md:9")),),
                (PathClause(("src/**",)), PathClause(("docs/**",))),
                (Acknowledge("be kind"),),
            ),
            id="agent-forms",
        ),
        pytest.param('acknowledge "Write clear commits"\n', Acknowledge("Write clear commits"), id="top-ack"),
        pytest.param("agent idle:\n", Agent("idle"), id="empty-agent"),
        pytest.param("concept nothing:\n", Concept("nothing"), id="empty-concept"),
        pytest.param("rule noop:\n", Rule("noop", ()), id="empty-rule"),
        pytest.param("rule in-x--y-:\n", Rule("in-x--y-", ()), id="hyphens-in-ids"),
    ],
)
def test_each_form(text: str, expected: Item) -> None:
    assert parse(text) == (expected,)


def where(condition: str) -> object:
    (rule,) = parse(f"rule r:\n    forbid added call where {condition}\n")
    assert isinstance(rule, Rule) and isinstance(rule.statements[0], Forbid)
    return rule.statements[0].target.where


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name ~ "*Model"', Compare("name", "~", "*Model")),
        ("line == -3", Compare("line", "==", -3)),
        ("public != false", Compare("public", "!=", False)),
        ("old_name == null", Compare("old_name", "==", None)),
        ('qualname in ["print", 2, true, null]', InList("qualname", ("print", 2, True, None))),
        ("qualname in []", InList("qualname", ())),
        ("scope == 1", Compare("scope", "==", 1)),
        ("not a == 1 and b == 2", And((Not(Compare("a", "==", 1)), Compare("b", "==", 2)))),
        (
            "a == 1 or b == 2 and c == 3",
            Or((Compare("a", "==", 1), And((Compare("b", "==", 2), Compare("c", "==", 3))))),
        ),
        (
            "(a == 1 or b == 2) and not (c == 3 and d == 4)",
            And(
                (
                    Or((Compare("a", "==", 1), Compare("b", "==", 2))),
                    Not(And((Compare("c", "==", 3), Compare("d", "==", 4)))),
                )
            ),
        ),
        (
            "a == 1 and (b == 2 and c == 3)",
            And((Compare("a", "==", 1), And((Compare("b", "==", 2), Compare("c", "==", 3))))),
        ),
        ("not not a == 1", Not(Not(Compare("a", "==", 1)))),
    ],
)
def test_conditions_and_precedence(text: str, expected: object) -> None:
    assert where(text) == expected


def test_comments_blank_lines_and_hashes_inside_strings() -> None:
    text = (
        "# leading comment\n"
        "\n"
        "rule r:   # after a header\n"
        "    # a comment line inside the block\n"
        "\n"
        '    forbid added file in "a#b"   # "a#b" is a glob, this is a comment\n'
        "  # a comment indented differently does not count as indentation\n"
        '    message "# not a comment"\n'
        "# trailing comment"
    )
    assert parse(text) == (
        Rule("r", (Forbid("added", Selector("file", ("a#b",))),), message="# not a comment"),
    )


def test_crlf_bom_and_tab_indentation() -> None:
    text = "\ufeffrule r:\r\n\tforbid added file\r\n\r\n\tseverity warning\r\n"
    assert parse(text) == (Rule("r", (Forbid("added", Selector("file")),), severity="warning"),)


def test_string_literals_take_json_escapes() -> None:
    (ack,) = parse(r'acknowledge "say \"no\" \\ tab\tnew\nline \u00e9 \/ \ud83d\ude00"' + "\n")
    assert ack == Acknowledge('say "no" \\ tab\tnew\nline é / 😀')


def test_keywords_are_names_where_no_keyword_may_stand() -> None:
    text = "rule limit:\n    forbid added in where scope == 1\nagent scope:\n    enforce limit\n"
    assert parse(text) == (
        Rule("limit", (Forbid("added", Selector("in", (), Compare("scope", "==", 1))),)),
        Agent("scope", ("limit",)),
    )


def test_a_misspelt_keyword_is_one_word_not_a_keyword_and_a_rest() -> None:
    result = parse_policy_collecting("rule r:\n    forbiddance added file\n", "p.scope")
    assert [(d.line, d.column, d.message) for d in result.diagnostics] == [
        (2, 5, "unexpected name 'forbiddance'")
    ]


def test_parse_policy_raises_one_user_error_with_every_diagnostic() -> None:
    with pytest.raises(UserError) as caught:
        parse_policy("rule r:\n    forbid add file\n    limit files < 3\n", "p.scope")
    assert [(d.path, d.line, d.column) for d in caught.value.diagnostics] == [
        ("p.scope", 2, 12),
        ("p.scope", 3, 17),
    ]


def test_items_that_parse_are_kept_next_to_the_errors() -> None:
    result = parse_policy_collecting(
        "rule good:\n    forbid added file\nrule bad\nagent a:\n    enforce good\n", "p"
    )
    assert result.policy.items == (Rule("good", (Forbid("added", Selector("file")),)), Agent("a", ("good",)))
    assert [(d.line, d.message) for d in result.diagnostics] == [(3, "the line ends too early")]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder ownership is a POSIX notion")
def test_the_grammar_cache_lives_only_in_a_private_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scopeguard.policy.parser import _cache_file

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert _cache_file() == str(tmp_path / "cache" / "scopeguard" / "policy-grammar.lark-cache")
    assert (tmp_path / "cache" / "scopeguard").stat().st_mode & 0o777 == 0o700

    shared = tmp_path / "shared"
    (shared / "scopeguard").mkdir(parents=True)
    (shared / "scopeguard").chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    assert _cache_file() is None
