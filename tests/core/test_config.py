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
        "scopeguard.toml: error: unknown configuration key 'fail_on'\n  did you mean 'fail-on'?"
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
        "scopeguard.toml: error: 'fail-on' is 'sometimes'\n  expected one of error, warning, info, never"
    )
