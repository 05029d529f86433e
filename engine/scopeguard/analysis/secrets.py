"""Credentials written into files: the ``secret`` element kind.

A found secret blocks someone's work, so this reader aims at precision over recall. It knows a curated
set of credential formats that are recognisable by their shape alone (AWS access key ids, PEM private
keys with a body, GitHub / GitLab / Slack / Stripe / Google / OpenAI / Anthropic / npm / PyPI /
SendGrid tokens, Slack webhooks) plus one generic rule, deliberately narrow: a literal assigned to a
name that says it is a password, secret, token or key, which passes tests against placeholders,
references, identifiers and low-variety strings. Documentation examples (``AKIAIOSFODNN7EXAMPLE``)
are not secrets.

detect-secrets was considered: its shape-based plugins match the ones here, but its default set adds
entropy and keyword plugins that flag ordinary hashes, URLs and calls, and importing it costs about
0.1 s (plus ``requests``), a third of a hook check's budget.

The secret itself never leaves this module: an element's ``name`` and ``redacted`` attribute show a
format's public prefix (``ghp_…``) or the assigned name, and its ``key`` and ``digest`` are a hash of
the secret, so the same secret on both sides of a change is unchanged and only one the change adds
is ``added``. Every side of a file is scanned, and ``delta`` keeps what is new.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from scopeguard.analysis.base import EMPTY_FACTS, FileFacts, SourceFile
from scopeguard.core.model import AttrValue, Element, Span
from scopeguard.core.text import split_lines

KINDS = frozenset({"secret"})


@dataclass(frozen=True, slots=True)
class Detector:
    """A credential format: what to look for, and how much of a match may be shown."""

    name: str
    label: str
    #: cheap substrings (lower case) without which the pattern cannot match
    keywords: tuple[str, ...]
    pattern: re.Pattern[str]
    #: characters of the match that are a public prefix of the format and safe to show
    shown: int
    valid: Callable[[str], bool] = lambda value: True


def _no_example(value: str) -> bool:
    return "EXAMPLE" not in value.upper()


def _mixed(value: str) -> bool:
    return _no_example(value) and any(c.isupper() for c in value) and any(c.isdigit() for c in value)


DETECTORS: tuple[Detector, ...] = (
    Detector(
        "aws-access-key-id",
        "AWS access key id",
        ("akia", "asia", "abia", "acca", "a3t"),
        re.compile(r"(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})(?![A-Z0-9])"),
        4,
        _no_example,
    ),
    Detector(
        "aws-secret-access-key",
        "AWS secret access key",
        ("secret",),
        re.compile(
            r"(?i:aws)?[_.-]?(?i:secret)[_.-]?(?i:access)?[_.-]?(?i:key)[\"']?\s*(?::=|=>|[:=])\s*[\"']?"
            r"([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
        ),
        0,
        _mixed,
    ),
    Detector(
        "github-token",
        "GitHub token",
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        re.compile(
            r"(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])"
        ),
        4,
    ),
    Detector(
        "gitlab-token",
        "GitLab token",
        ("glpat-",),
        re.compile(r"(?<![A-Za-z0-9_-])(glpat-[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])"),
        6,
    ),
    Detector(
        "slack-token",
        "Slack token",
        ("xox",),
        re.compile(r"(?<![A-Za-z0-9-])(xox[abposr]-[0-9]{6,}-[0-9A-Za-z-]{10,})(?![A-Za-z0-9-])"),
        5,
    ),
    Detector(
        "slack-webhook",
        "Slack webhook URL",
        ("hooks.slack.com",),
        re.compile(r"(https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,})"),
        33,
    ),
    Detector(
        "stripe-secret-key",
        "Stripe secret key",
        ("_live_",),
        re.compile(r"(?<![A-Za-z0-9_])((?:sk|rk)_live_[0-9A-Za-z]{20,99})(?![A-Za-z0-9_])"),
        8,
    ),
    Detector(
        "google-api-key",
        "Google API key",
        ("aiza",),
        re.compile(r"(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])"),
        4,
        _no_example,
    ),
    Detector(
        "openai-api-key",
        "OpenAI API key",
        ("t3blbkfj",),
        re.compile(
            r"(?<![A-Za-z0-9_-])(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,})"
        ),
        3,
    ),
    Detector(
        "anthropic-api-key",
        "Anthropic API key",
        ("sk-ant-",),
        re.compile(
            r"(?<![A-Za-z0-9_-])(sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])"
        ),
        7,
    ),
    Detector(
        "npm-token",
        "npm access token",
        ("npm_",),
        re.compile(r"(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])"),
        4,
    ),
    Detector(
        "pypi-token",
        "PyPI API token",
        ("pypi-age",),
        re.compile(r"(?<![A-Za-z0-9_-])(pypi-AgE[A-Za-z0-9_-]{50,})"),
        5,
    ),
    Detector(
        "sendgrid-api-key",
        "SendGrid API key",
        ("sg.",),
        re.compile(r"(?<![A-Za-z0-9_-])(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])"),
        3,
    ),
)

_PRIVATE_KEY = re.compile(
    r"-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----"
)
_PEM_BODY_CHARS = re.compile(r"[A-Za-z0-9+/=]")
_PEM_SEARCH = 20_000
_PEM_MIN_BODY = 64

# --- the generic rule: a literal assigned to a name that says it is secret ---------------------

_SECRET_WORDS = (
    r"(?:password|passwd|passphrase|pwd|secret|api[_-]?key|apikey|access[_-]?key|auth[_-]?token|"
    r"access[_-]?token|bearer[_-]?token|private[_-]?key|client[_-]?secret|credentials?)"
)
_GENERIC_KEYWORDS = ("pass", "pwd", "secret", "key", "token", "credential")
_QUOTED = re.compile(
    r"(?i)(?<![A-Za-z0-9_])([A-Za-z0-9_.-]*" + _SECRET_WORDS + r"[A-Za-z0-9_.-]*)[\"']?\s*(?::=|=>|[:=])\s*"
    r"[bru]?([\"'])([^\"'\r\n\\]{8,200})\2"
)
_UNQUOTED = re.compile(
    r"(?i)^\s*(?:export\s+|-\s+)?([A-Za-z0-9_.-]*" + _SECRET_WORDS + r"[A-Za-z0-9_.-]*)\s*[:=]\s*"
    r"([^\s\"'#]{8,200})\s*$"
)
#: config files where an unquoted value is a literal (in code it would be a variable)
_CONFIG_SUFFIXES = (".env", ".yml", ".yaml", ".ini", ".cfg", ".conf", ".properties", ".toml")
_NOT_A_SECRET_NAME = re.compile(
    r"(?i)(?:name|names|id|ids|arn|field|label|path|file|filename|prompt|hint|policy|length|len|regex|pattern|"
    r"type|url|uri|ref|env|var|header|param|placeholder|message|msg|key_id|keyid|version|format|hash|salt|"
    r"required|enabled|min|max|count|size|rotation|ttl|expiry|expires|location|provider|manager|store|source)$"
)
_PLACEHOLDER_WORDS = (
    "example",
    "changeme",
    "change_me",
    "change-me",
    "password",
    "passwd",
    "secret",
    "dummy",
    "sample",
    "placeholder",
    "your",
    "xxxx",
    "****",
    "....",
    "redacted",
    "todo",
    "fixme",
    "test",
    "fake",
    "none",
    "null",
    "undefined",
    "replace",
    "insert",
    "token",
    "default",
    "mock",
)
_REFERENCE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\(\)|\[[^\]]*\])+$")
_SINGLE_CASE_WORD = re.compile(r"^(?:[a-z][a-z0-9_.-]*|[A-Z][A-Z0-9_.-]*)$")


def _entropy(value: str) -> float:
    counts: dict[str, int] = {}
    for c in value:
        counts[c] = counts.get(c, 0) + 1
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def plausible_secret(value: str) -> bool:
    """Whether a literal assigned to a secret-sounding name looks like a real credential."""
    lowered = value.lower()
    if any(mark in value for mark in ("${", "{{", "$(", "%(", "%s", "<", ">", "://", " ")):
        return False
    if value.startswith(("$", "/", "arn:", "@", "#", "!", "~")) or lowered.startswith(
        ("env:", "vault:", "ssm:")
    ):
        return False
    if any(word in lowered for word in _PLACEHOLDER_WORDS):
        return False
    if _REFERENCE.match(value) or _SINGLE_CASE_WORD.match(value):
        return False
    if len(set(value)) < 6 or _entropy(value) < 3.0:
        return False
    classes = sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
            any(not c.isalnum() for c in value),
        )
    )
    return classes >= 3 or (len(value) >= 16 and classes >= 2 and _entropy(value) >= 3.5)


# --- elements ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    detector: str
    label: str
    redacted: str
    secret: str
    line: int
    column: int
    end_column: int


def secret_element(found: Found, path: str) -> Element:
    hashed = hashlib.sha256(found.secret.encode("utf-8")).hexdigest()
    return Element(
        "secret",
        f"{found.label} {found.redacted}",
        path,
        Span(found.line, found.column, found.line, found.end_column),
        attributes={"detector": found.detector, "redacted": found.redacted},
        key=f"secret:{hashed[:32]}",
        digest=hashed[:32],
    )


class _Positions:
    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.starts.extend(i + 1 for i, c in enumerate(text) if c == "\n")

    def at(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def scan(text: str, path: str) -> Iterator[Found]:
    """Every credential in a text, in order of appearance within each detector."""
    lowered = text.lower()
    positions: _Positions | None = None
    for detector in DETECTORS:
        if not any(k in lowered for k in detector.keywords):
            continue
        for match in detector.pattern.finditer(text):
            value = match.group(1)
            if not detector.valid(value):
                continue
            positions = positions or _Positions(text)
            line, column = positions.at(match.start(1))
            shown = value[: detector.shown] + "…" if detector.shown else "…"
            yield Found(detector.name, detector.label, shown, value, line, column, column + len(value))
    if "private key" in lowered:
        positions = positions or _Positions(text)
        yield from _private_keys(text, positions)
    if any(k in lowered for k in _GENERIC_KEYWORDS):
        yield from _assignments(text, path)


def _private_keys(text: str, positions: _Positions) -> Iterator[Found]:
    for match in _PRIVATE_KEY.finditer(text):
        kind = match.group(1)
        end = text.find(f"-----END {kind}-----", match.end(), match.end() + _PEM_SEARCH)
        if end < 0:
            continue
        body = "".join(_PEM_BODY_CHARS.findall(text[match.end() : end].replace("\\n", "\n")))
        if len(body) < _PEM_MIN_BODY:
            continue
        line, column = positions.at(match.start())
        header = match.group(0)
        yield Found("private-key", "private key", header + " …", body, line, column, column + len(header))


def _assignments(text: str, path: str) -> Iterator[Found]:
    config = posixpath.basename(path).startswith(".env") or path.endswith(_CONFIG_SUFFIXES)
    for number, line in enumerate(split_lines(text), start=1):
        lowered = line.lower()
        if not any(k in lowered for k in _GENERIC_KEYWORDS):
            continue
        for name, value, start in _assigned(line, config):
            if _NOT_A_SECRET_NAME.search(name) or not plausible_secret(value):
                continue
            redacted = f"{name}=***"
            yield Found(
                "secret-assignment",
                "secret assigned to",
                redacted,
                value,
                number,
                start + 1,
                start + 1 + len(value),
            )


def _assigned(line: str, config: bool) -> Iterator[tuple[str, str, int]]:
    for match in _QUOTED.finditer(line):
        yield match.group(1), match.group(3), match.start(3)
    if config:
        bare = _UNQUOTED.match(line)
        if bare is not None:
            yield bare.group(1), bare.group(2), bare.start(2)


class SecretsAnalyser:
    """Credentials in any text file."""

    name = "secrets"
    version = "1"
    kinds = KINDS

    def accepts(self, path: str) -> bool:
        return True

    def extract(self, source: SourceFile, kinds: frozenset[str]) -> FileFacts:
        if "secret" not in kinds or source.decoded is None:
            return EMPTY_FACTS
        seen: set[tuple[int, int]] = set()
        elements: list[Element] = []
        for found in scan(source.text, source.path):
            spot = (found.line, found.column)
            if spot in seen:
                continue  # one credential, one element, even when two detectors know its format
            seen.add(spot)
            elements.append(secret_element(found, source.path))
        return FileFacts(tuple(elements)) if elements else EMPTY_FACTS

    def compare(self, before: Element, after: Element) -> Mapping[str, AttrValue]:
        return {}
