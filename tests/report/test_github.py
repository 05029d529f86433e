"""GitHub annotations: the toolkit's escaping, the per-step caps, and the step summary."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from scopeguard.report.formats import render, step_summary
from scopeguard.report.formats.github import PER_KIND, command, escape_data, escape_property
from tests.report.samples import CLEAN, HOSTILE, WORKED_EXAMPLE, many
from tests.support.golden import assert_golden

_COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def _unescape_data(text: str) -> str:
    """What the Actions runner does to a command's message (the inverse of ``escapeData``)."""
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    return (
        text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the runner reads it: split properties on ',' and '=' after escaping."""
    match = _COMMAND.match(line)
    assert match, line
    properties = {}
    for item in (match.group(2) or "").split(","):
        if item:
            key, _, value = item.partition("=")
            properties[key] = _unescape_property(value)
    return match.group(1), properties, _unescape_data(match.group(3))


def test_escaping_is_the_toolkits() -> None:
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


@given(st.text())
def test_escaped_data_round_trips_and_stays_on_one_line(text: str) -> None:
    escaped = escape_data(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert _unescape_data(escaped) == text


@given(st.text())
def test_escaped_properties_round_trip_and_cannot_split(text: str) -> None:
    escaped = escape_property(text)
    assert not set(escaped) & {"\n", "\r", ",", ":"}
    assert _unescape_property(escaped) == text


def test_worked_example_golden(update_golden: bool) -> None:
    assert_golden("report/worked-example.github.txt", render(WORKED_EXAMPLE, "github"), update_golden)


def test_hostile_golden(update_golden: bool) -> None:
    assert_golden("report/hostile.github.txt", render(HOSTILE, "github"), update_golden)


def test_annotation_properties_and_message() -> None:
    lines = render(WORKED_EXAMPLE, "github").splitlines()
    assert lines[1] == (
        "::error file=pkg/model/model/widget.go,line=12,endLine=30,title=no-new-tabularium-types::"
        "create no new tabularium type (Widget); extend or reuse an existing one%0A"
        "rule from agents/backend-feature-implementer.md:21: "
        '"NEVER create new tabularium types - only use existing ones"'
    )
    # columns only for a one-line region (GitHub ignores them otherwise)
    assert lines[2].startswith(
        "::error file=pkg/model/model/widget.go,line=33,endLine=33,col=2,endColumn=48,"
    )
    # a change-wide finding has no file
    assert "::error title=narrow-focus::added_lines is 1600; the limit is 1500" in lines


def test_errors_then_warnings_then_notices() -> None:
    kinds = [
        line.split(" ", 1)[0].split("::")[1] for line in render(WORKED_EXAMPLE, "github").splitlines()[:-1]
    ]
    assert kinds == ["error"] * 6 + ["warning"] + ["notice"] * 2


def test_hostile_messages_cannot_forge_commands_or_properties() -> None:
    lines = render(HOSTILE, "github").splitlines()
    assert len(lines) == 4  # two findings, one notice, the summary line: nothing forged
    kind, properties, message = _parse(lines[0])
    assert kind == "error"
    assert properties == {
        "file": 'docs/100% <done>, really: "yes".md',
        "line": "2",
        "endLine": "2",
        "col": "5",
        "endColumn": "17",
        "title": "no-secrets",
    }
    assert message.startswith(
        "line 'token=%41%0A' adds a secret\r\n::error file=x::forged, 100% & <b>bold</b> 🔑\\x1b[31m\n"
    )
    kind, properties, message = _parse(lines[2])
    assert (kind, properties["file"], message) == (
        "notice",
        "assets/logo, v2.png",
        "binary file, \\x00 not analysed: 100%",
    )


def test_annotations_are_capped_per_kind_with_one_line_saying_how_many_more() -> None:
    lines = render(many(13, 11, 4, notices=9), "github").splitlines()
    kinds = [line.split(" ", 1)[0].split("::")[1] for line in lines if line.startswith("::")]
    assert kinds.count("error") == PER_KIND
    assert kinds.count("warning") == PER_KIND
    assert kinds.count("notice") == PER_KIND  # 9 infos and notices, then the line saying how many more
    assert lines[-2] == (
        "::notice title=scopeguard%3A more than GitHub shows::"
        "8 more annotations (3 errors, 1 warning, 4 notices) not shown: "
        "GitHub shows 10 of each kind per step. "
        "The step summary lists every finding and notice."
    )
    assert (
        lines[-1] == "scopeguard: 28 findings (13 errors, 11 warnings, 4 infos) in 28 changed files; "
        "base 1a2b3c4 head 5d6e7f8"
    )


def test_exactly_at_the_cap_nothing_is_hidden() -> None:
    lines = render(many(10, 10, 6, notices=4), "github").splitlines()
    assert len(lines) == 31
    assert not any("more than GitHub shows" in line for line in lines)


def test_command_leaves_out_empty_properties() -> None:
    assert command("notice", [("file", None), ("title", "t")], "m") == "::notice title=t::m"
    assert command("notice", [], "m") == "::notice::m"


# --- step summary ------------------------------------------------------------------------------


def test_step_summary_golden(update_golden: bool) -> None:
    assert_golden("report/worked-example.summary.md", step_summary(WORKED_EXAMPLE), update_golden)


def test_hostile_step_summary_golden(update_golden: bool) -> None:
    assert_golden("report/hostile.summary.md", step_summary(HOSTILE), update_golden)


def test_step_summary_lists_every_finding_even_beyond_the_annotation_cap() -> None:
    report = many(25, 0, 0)
    rows = [line for line in step_summary(report).splitlines() if line.startswith("| ❌ error |")]
    assert len(rows) == 25
    assert rows[24] == "| ❌ error | `rule-error` | `src/error_25.py:25:1` | error number 25 | policy |"


def test_step_summary_quotes_the_agent_sentence() -> None:
    text = step_summary(WORKED_EXAMPLE)
    assert (
        "| ❌ error | `no-new-tabularium-types` | `pkg/model/model/widget.go:12:1` | "
        "create no new tabularium type "
        "(Widget); extend or reuse an existing one | `agents/backend-feature-implementer.md:21`: "
        "“NEVER create new tabularium types - only use existing ones” |"
    ) in text.splitlines()


def test_hostile_step_summary_cannot_add_markup_or_columns() -> None:
    text = step_summary(HOSTILE)
    assert "<b>" not in text and "<keys>" not in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 6  # five cells: no pipe from the data splits a row


def test_step_summary_of_a_clean_run() -> None:
    assert step_summary(CLEAN) == (
        "## scopeguard: no findings\n\nChecked 3 changed files; base `1a2b3c4`, head `WORKTREE`.\n"
    )


def test_step_summary_stays_within_its_budget() -> None:
    report = many(400, 0, 0)
    text = step_summary(report, budget=4000)
    assert len(text.encode()) <= 4000 + 200
    listed = sum(1 for line in text.splitlines() if line.startswith("| ❌ error |"))
    assert 0 < listed < 400
    assert f"{400 - listed} more findings not listed" in text
