from __future__ import annotations

import pytest

from scopeguard.core.config import Config, parse_config
from scopeguard.core.errors import UserError


def test_defaults_without_configuration() -> None:
    assert parse_config(None, None) == Config()
    assert parse_config(None, "[project]\nname = 'x'\n") == Config()


def test_tool_table_in_pyproject() -> None:
    config = parse_config(
        None, '[tool.scopeguard]\nagents = "x/*.md"\nfail-on = "warning"\nexclude = ["vendor/**"]\n'
    )
    assert config.agents == ("x/*.md",)
    assert config.fail_on == "warning"
    assert config.exclude == ("vendor/**",)
    assert config.policies == Config().policies
    assert config.source == "pyproject.toml"


def test_scopeguard_toml_wins_over_pyproject() -> None:
    config = parse_config('default-agent = "implementer"\n', '[tool.scopeguard]\nfail-on = "info"\n')
    assert config.default_agent == "implementer"
    assert config.fail_on == "error"


def test_unknown_key_suggests_the_known_one() -> None:
    with pytest.raises(UserError) as err:
        parse_config('fail_on = "error"\n', None)
    assert err.value.render() == (
        "scopeguard.toml:1:1: error: unknown configuration key 'fail_on'\n"
        '     1 | fail_on = "error"\n'
        "       | ^^^^^^^\n"
        "  did you mean 'fail-on'?"
    )


def test_invalid_toml_names_line_and_column() -> None:
    with pytest.raises(UserError) as err:
        parse_config('agents = ["a"\nfail-on = 1\n', None)
    assert err.value.render() == (
        "scopeguard.toml:2:1: error: invalid TOML: Unclosed array\n     2 | fail-on = 1\n       | ^"
    )


def test_bad_fail_on_value() -> None:
    with pytest.raises(UserError) as err:
        parse_config('fail-on = "sometimes"\n', None)
    assert err.value.render() == (
        "scopeguard.toml:1:11: error: 'fail-on' is 'sometimes'\n"
        '     1 | fail-on = "sometimes"\n'
        "       |           ^^^^^^^^^^^\n"
        "  expected one of error, warning, info, never"
    )


def test_a_bad_value_in_pyproject_is_found_in_the_tool_table() -> None:
    pyproject = (
        '[project]\nname = "x"\nexclude = "not ours"\n\n[[tool.other]]\nexclude = 1\n\n'
        '[ tool . "scopeguard" ]  # ours\nagents = [".claude/agents/*.md"]\n  exclude = [1, 2]\n'
    )
    with pytest.raises(UserError) as err:
        parse_config(None, pyproject)
    assert err.value.render() == (
        "pyproject.toml:10:13: error: 'exclude' must be a string or a list of strings\n"
        "    10 |   exclude = [1, 2]\n"
        "       |             ^^^^^^"
    )


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('max-file-size = "big"\n', (1, 17), "'max-file-size' must be a positive number of bytes"),
        ('agents = ["a.md"]\ndefault-agent = 3\n', (2, 17), "'default-agent' must be a string"),
        ("fail-on = 'warn'\n", (1, 11), "'fail-on' is 'warn'"),
        (
            'policies = ["p/*.scope"]\nagents = ["[z-a].md"]\n',
            (2, 10),
            "'agents' has an invalid glob '[z-a].md': the character range 'z-a' runs backwards, so it "
            "matches nothing",
        ),
        (
            "[tool.scopeguard]\nexclude = '[9-0]'\n",
            (2, 11),
            "'exclude' has an invalid glob '[9-0]': "
            "the character range '9-0' runs backwards, so it matches nothing",
        ),
    ],
)
def test_every_bad_value_names_its_line_and_column(text: str, where: tuple[int, int], message: str) -> None:
    with pytest.raises(UserError) as err:
        parse_config(text, None)
    (d,) = err.value.diagnostics
    assert ((d.path, d.line, d.column), d.message) == (("scopeguard.toml", *where), message)
