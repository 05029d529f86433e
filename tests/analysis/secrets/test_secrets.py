"""Credentials found in files: exact detections, no false alarms on look-alikes, never the secret shown."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.analysis.infra.changes import changes_between, fixture_text

from scopeguard.analysis.base import SourceFile
from scopeguard.analysis.secrets import DETECTORS, SecretsAnalyser, plausible_secret
from scopeguard.core.model import Element

LEAKY = "secrets/leaky_settings.py"
CLEAN = "secrets/clean_settings.py"
SECRETS_IN_LEAKY = (
    "AKIAZ3MSJV4WWTYDXSHN",
    "Zx8kq2LmP0vR7tY5wB3nC6dF9gH1jK4sQ2eA7uIo",
    "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R",
    "aBcDeFgHiJkLmNoPqRsTuVwX",
    "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
    "Vq7!mZ2#rT9xLw",
    "MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
)


def scan(path: str, text: str) -> tuple[Element, ...]:
    return (
        SecretsAnalyser()
        .extract(SourceFile(path, text.encode("utf-8"), "head"), frozenset({"secret"}))
        .elements
    )


def rows(elements: tuple[Element, ...]) -> list[tuple[object, str, int, int]]:
    return sorted((e.attributes["detector"], e.name, e.span.line, e.span.column) for e in elements)


def test_every_credential_in_a_leaky_settings_file_is_found_where_it_stands() -> None:
    assert rows(scan("importer/settings.py", fixture_text(LEAKY))) == [
        ("aws-access-key-id", "AWS access key id AKIA…", 6, 22),
        ("aws-secret-access-key", "AWS secret access key …", 7, 26),
        ("github-token", "GitHub token ghp_…", 8, 17),
        ("private-key", "private key -----BEGIN RSA PRIVATE KEY----- …", 13, 18),
        ("secret-assignment", "secret assigned to DB_PASSWORD=***", 11, 16),
        ("slack-webhook", "Slack webhook URL https://hooks.slack.com/services/…", 9, 18),
        ("stripe-secret-key", "Stripe secret key sk_live_…", 10, 15),
    ]


def test_look_alikes_placeholders_references_and_documentation_examples_are_not_secrets() -> None:
    assert scan("importer/settings.py", fixture_text(CLEAN)) == ()


def test_a_dotenv_file_reads_unquoted_values_and_skips_references_and_names() -> None:
    assert rows(scan("deploy/service.env", fixture_text("secrets/service.env"))) == [
        ("secret-assignment", "secret assigned to DB_PASSWORD=***", 2, 13),
    ]


def test_unquoted_values_in_code_are_variables_not_secrets() -> None:
    assert scan("app/db.py", "DB_PASSWORD = s3cR3t_Pa55word_2024\n") == ()


def test_a_password_in_a_cloudformation_template_is_found() -> None:
    text = "      MasterUsername: admin\n      MasterUserPassword: Xk29!pLq7Rz\n"
    assert rows(scan("template.yml", text)) == [
        ("secret-assignment", "secret assigned to MasterUserPassword=***", 2, 27)
    ]


def test_the_secret_itself_is_in_no_name_attribute_key_or_digest() -> None:
    elements = scan("importer/settings.py", fixture_text(LEAKY))
    shown = " ".join(f"{e.name} {e.key} {e.digest} {sorted(e.attributes.items())}" for e in elements)
    for secret in SECRETS_IN_LEAKY:
        assert secret not in shown


def test_binary_files_have_no_secrets_and_no_error() -> None:
    data = b"\x00\x01AKIAZ3MSJV4WWTYDXSHN"
    assert (
        SecretsAnalyser().extract(SourceFile("bin/tool", data, "head"), frozenset({"secret"})).elements == ()
    )


@pytest.mark.parametrize(
    ("value", "plausible"),
    [
        ("Vq7!mZ2#rT9xLw", True),
        ("hunter2hunter2", False),
        ("changeme123!A", False),
        ("settings.DB_PASSWORD", False),
        ("db_password_name", False),
        ("aaaaaaaaaaaa", False),
        ("${DB_PASSWORD}", False),
        ("K8sNw3RqZpX2LmV9", True),
    ],
)
def test_plausible_secret(value: str, plausible: bool) -> None:
    assert plausible_secret(value) is plausible


def test_every_detector_has_keywords_in_lower_case() -> None:
    for detector in DETECTORS:
        assert detector.keywords and all(k == k.lower() for k in detector.keywords), detector.name


def test_only_a_secret_the_change_adds_is_added(tmp_path: Path) -> None:
    base = fixture_text(LEAKY)
    head = base.replace(
        'STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"\n',
        'STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"\n'
        'NPM_TOKEN = "npm_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5"\n',
    )
    outcome = changes_between(
        tmp_path, {"importer/settings.py": base}, {"importer/settings.py": head}, ("secret",)
    )
    assert outcome.rows() == {("added", "secret", "npm access token npm_…", None, "importer/settings.py", 11)}


def test_moving_an_existing_secret_within_its_file_is_not_a_new_secret(tmp_path: Path) -> None:
    base = fixture_text(LEAKY)
    head = base.replace('AWS_REGION = "eu-west-1"\n', "").replace(
        "import os\n", 'import os\n\nAWS_REGION = "eu-west-1"\n'
    )
    outcome = changes_between(tmp_path, {"settings.py": base}, {"settings.py": head}, ("secret",))
    assert outcome.rows() == set()


def test_copying_a_secret_into_another_file_adds_it_there(tmp_path: Path) -> None:
    base = {"settings.py": fixture_text(LEAKY)}
    head = {"scripts/deploy.sh": 'export GITHUB_TOKEN="ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R"\n'}
    outcome = changes_between(tmp_path, base, head, ("secret",), replace=False)
    assert outcome.rows() == {("added", "secret", "GitHub token ghp_…", None, "scripts/deploy.sh", 1)}


_token_body = st.text(alphabet=string.ascii_letters + string.digits, min_size=36, max_size=36)


@settings(max_examples=60, deadline=None)
@given(_token_body, st.sampled_from(["ghp_", "gho_", "ghs_"]), st.integers(0, 5))
def test_any_github_token_is_found_once_and_never_shown(body: str, prefix: str, indent: int) -> None:
    token = prefix + body
    text = f"def f():\n{' ' * indent}client = Github('{token}')\n"
    elements = scan("app/gh.py", text)
    assert [(e.attributes["detector"], e.span.line, e.span.column) for e in elements] == [
        ("github-token", 2, indent + 18)
    ]
    assert token not in f"{elements[0].name}{elements[0].key}{elements[0].attributes}"
