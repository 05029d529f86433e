"""The format registry: every format the command line offers, and a clear error for a wrong name."""

from __future__ import annotations

import pytest

from scopeguard.core.errors import UserError
from scopeguard.report.formats import FORMATS, render
from tests.report.samples import HOSTILE, WORKED_EXAMPLE


def test_the_registry_holds_the_formats_of_the_command_line() -> None:
    assert list(FORMATS) == ["text", "json", "sarif", "github", "junit"]


@pytest.mark.parametrize("name", list(FORMATS))
@pytest.mark.parametrize("report", [WORKED_EXAMPLE, HOSTILE], ids=["worked", "hostile"])
def test_every_format_is_deterministic_and_ends_with_a_newline(name: str, report: object) -> None:
    first = render(report, name)  # type: ignore[arg-type]
    assert first == render(report, name)  # type: ignore[arg-type]
    assert first.endswith("\n") and not first.endswith("\n\n")
    assert "/tmp/" not in first and "\r\n" not in first


def test_an_unknown_format_is_a_user_error_with_a_suggestion() -> None:
    with pytest.raises(UserError) as caught:
        render(WORKED_EXAMPLE, "sarf")
    assert caught.value.message == "unknown output format 'sarf'; did you mean 'sarif'?"


def test_an_unknown_option_is_refused() -> None:
    with pytest.raises(TypeError):
        render(WORKED_EXAMPLE, "text", colour=True)
