"""The text report: layout, provenance lines, removed code, change-wide findings, hostile text."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from scopeguard.core.model import Report
from scopeguard.report.formats import render
from tests.report.samples import BASE, CLEAN, HOSTILE, WORKED_EXAMPLE, many
from tests.support.golden import assert_golden


def test_worked_example_golden(update_golden: bool) -> None:
    assert_golden("report/worked-example.txt", render(WORKED_EXAMPLE, "text"), update_golden)


def test_hostile_golden(update_golden: bool) -> None:
    assert_golden("report/hostile.txt", render(HOSTILE, "text"), update_golden)


def test_findings_are_grouped_by_file_with_their_agent_sentence() -> None:
    lines = render(WORKED_EXAMPLE, "text").splitlines()
    start = lines.index("pkg/model/model/widget.go")
    assert lines[start + 1] == (
        "  12:1  error    no-new-tabularium-types  "
        "create no new tabularium type (Widget); extend or reuse an existing one"
    )
    assert lines[start + 2] == (
        "        rule from agents/backend-feature-implementer.md:21: "
        '"NEVER create new tabularium types - only use existing ones"'
    )


def test_removed_code_names_the_base_side_place() -> None:
    lines = render(WORKED_EXAMPLE, "text").splitlines()
    i = lines.index(
        "  40:1  error    no-breaking-api-changes  do not remove or break public functions (ListWidgets)"
    )
    assert lines[i + 1].endswith(
        'backend-feature-implementer.md:30-31: "Ensure backward compatibility with existing features"'
    )
    assert lines[i + 2] == "        removed code at backend/api/handlers.go:52:1 (base side)"


def test_change_wide_findings_come_after_the_files_then_notices_then_the_summary() -> None:
    lines = render(WORKED_EXAMPLE, "text").splitlines()
    assert lines[-8:] == [
        "(change-wide)",
        "  error    narrow-focus  added_lines is 1600; the limit is 1500",
        "",
        "2 notices (not fatal; the run went on):",
        "  backend/broken.py:3: could not analyse: invalid syntax (expected ':')",
        "  commit messages name two agents; using --agent",
        "",
        "7 findings (6 errors, 1 warning, 0 infos) in 14 changed files; 2 notices; "
        "agent backend-feature-implementer; base 1a2b3c4 head 5d6e7f8",
    ]


def test_a_clean_run_is_one_line() -> None:
    assert render(CLEAN, "text") == "No findings in 3 changed files; base 1a2b3c4 head WORKTREE\n"


def test_singular_words() -> None:
    one = many(1, 0, 0)
    report = Report(one.base, one.head, None, 1, one.findings)
    assert render(report, "text").splitlines()[-1] == (
        "1 finding (1 error, 0 warnings, 0 infos) in 1 changed file; base 1a2b3c4 head 5d6e7f8"
    )


def test_hostile_text_cannot_drive_the_terminal() -> None:
    text = render(HOSTILE, "text")
    assert "\x1b" not in text and "\r" not in text and "\x00" not in text
    assert "🔑\\x1b[31m" in text
    # a line break inside a message continues under the message column, not as a new finding
    assert "\n                          ::error file=x::forged, 100% & <b>bold</b>" in text


def test_colour_only_when_asked() -> None:
    plain = render(WORKED_EXAMPLE, "text")
    coloured = render(WORKED_EXAMPLE, "text", color=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;31merror\x1b[0m" in coloured
    assert "\x1b[33mwarning\x1b[0m" in coloured
    assert "\x1b[1mpkg/model/model/widget.go\x1b[0m" in coloured


def test_same_report_same_bytes() -> None:
    assert render(WORKED_EXAMPLE, "text") == render(WORKED_EXAMPLE, "text")
    assert BASE[:7] in render(WORKED_EXAMPLE, "text")


def test_text_format_does_not_import_pydantic() -> None:
    """The hook's path renders text; pydantic costs import time it must not pay."""
    code = textwrap.dedent(
        """
        import sys
        from scopeguard.core.model import Finding, Location, Report, Severity, Span
        from scopeguard.report.formats import render
        f = Finding("r", Severity.ERROR, "m", Location("a.py", Span(1)))
        render(Report("a" * 40, "WORKTREE", None, 1, (f,)), "text")
        heavy = {"pydantic", "yaml", "libcst", "tree_sitter"}
        print(sorted(m for m in sys.modules if m.split(".")[0] in heavy))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
