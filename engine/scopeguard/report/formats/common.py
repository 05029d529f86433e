"""What several output formats share: counting, naming positions, and making hostile text safe.

Messages carry text from the repository (element names, line text) and from agent files, so every
format treats them as untrusted: control characters would rewrite a terminal, break a workflow
command or make XML invalid. Each format escapes for its own medium; this module holds the parts
they have in common, so that two formats never describe the same finding differently.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scopeguard.core.model import Finding, Location, Notice, Provenance, Report, Severity

SEVERITY_ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)

_HEX_REVISION = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
_SHORT = 7
# C0 and C1 controls except tab, line feed and carriage return (which each format lays out or escapes
# itself), DEL, the bidirectional overrides that can make a line read differently from what it holds,
# and lone surrogates (a path that is not UTF-8, decoded with surrogateescape), which UTF-8 cannot encode.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def short_revision(revision: str | None) -> str:
    """A commit id shortened as git shows it; ``INDEX``, ``WORKTREE`` and other names unchanged."""
    if revision is None:
        return "none"
    return revision[:_SHORT] if _HEX_REVISION.fullmatch(revision) else revision


def harmless(text: str) -> str:
    """``text`` with control characters other than tab, CR and LF written out (``\\x1b``)."""
    return _UNSAFE.sub(lambda m: _escape_char(m.group()), text)


def visible(text: str) -> str:
    """``text`` with every control character written out, so that it cannot act on a terminal.

    Line feeds and tabs are kept; a carriage return before a line feed is dropped as a line ending.
    """
    return harmless(text.replace("\r\n", "\n")).replace("\r", "\\x0d")


def json_text(data: object) -> str:
    """Deterministic JSON: indented, UTF-8 characters as themselves, ending in ``\\n``.

    A lone surrogate (from a path that is not UTF-8) is written as a ``\\uXXXX`` escape, which JSON
    allows and UTF-8 output could not hold.
    """
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def one_line(text: str) -> str:
    """``text`` on one line: control characters and line breaks written out (``\\n``)."""
    return visible(text).replace("\n", "\\n").replace("\t", " ")


def _escape_char(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True, slots=True)
class Counts:
    findings: int
    errors: int
    warnings: int
    infos: int

    @staticmethod
    def of(report: Report) -> Counts:
        return Counts(
            len(report.findings),
            report.count(Severity.ERROR),
            report.count(Severity.WARNING),
            report.count(Severity.INFO),
        )

    def breakdown(self) -> str:
        parts = (plural(self.errors, "error"), plural(self.warnings, "warning"), plural(self.infos, "info"))
        return ", ".join(parts)


def position(location: Location) -> str:
    """``line:column`` of a location's start."""
    return f"{location.span.line}:{location.span.column}"


def where(location: Location) -> str:
    """``path:line:column``, as compilers and editors print a place."""
    return f"{location.path}:{position(location)}"


def notice_where(notice: Notice) -> str | None:
    if notice.path is None:
        return None
    return notice.path if notice.line is None else f"{notice.path}:{notice.line}"


def source_where(source: Provenance) -> str:
    """``path:line`` of an agent-file sentence, ``path:first-last`` when it spans lines."""
    if source.end_line is not None and source.end_line != source.line:
        return f"{source.path}:{source.line}-{source.end_line}"
    return f"{source.path}:{source.line}"


def source_sentence(source: Provenance) -> str:
    """The line a report prints under a finding to say which agent-file sentence it enforces."""
    return f'rule from {one_line(source_where(source))}: "{one_line(source.text)}"'


def removed_at(finding: Finding) -> str | None:
    """Where removed code was, for a finding whose evidence is gone from the head side."""
    if finding.base_location is None:
        return None
    return f"removed code at {one_line(where(finding.base_location))} (base side)"


@dataclass(frozen=True, slots=True)
class RuleSummary:
    """A rule as every format describes it: the report's own ``RuleInfo`` or, for a rule that only
    appears in findings, what its first finding says."""

    id: str
    severity: Severity
    description: str
    source: Provenance | None


def rules_of(report: Report) -> list[RuleSummary]:
    """Every rule of a report, sorted by id: the rules it applied and any other rule it names."""
    out = {r.id: RuleSummary(r.id, r.severity, r.description, r.source) for r in report.rules}
    for f in report.findings:
        if f.rule not in out:
            out[f.rule] = RuleSummary(f.rule, f.severity, f.rule, f.source)
    return [out[k] for k in sorted(out)]


def by_severity(findings: Iterable[Finding]) -> dict[Severity, list[Finding]]:
    out: dict[Severity, list[Finding]] = {s: [] for s in SEVERITY_ORDER}
    for f in findings:
        out[f.severity].append(f)
    return out


def grouped_by_path(findings: Sequence[Finding]) -> list[tuple[str | None, list[Finding]]]:
    """Findings grouped by head-side path in report order; change-wide findings (no path) last."""
    groups: dict[str | None, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.location.path if f.location else None, []).append(f)
    located: list[tuple[str | None, list[Finding]]] = [(p, fs) for p, fs in groups.items() if p is not None]
    located.sort(key=lambda item: item[0] or "")
    if None in groups:
        located.append((None, groups[None]))
    return located
