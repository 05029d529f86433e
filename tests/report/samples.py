"""Realistic reports to render: the worked example, removed code, limits, notices, hostile text.

Built directly as ``Report`` values (what the evaluator returns), so the formats are tested without
running a check; the command-line tests cover the wiring.
"""

from __future__ import annotations

from scopeguard.core.model import Finding, Location, Notice, Provenance, Report, RuleInfo, Severity, Span

BASE = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"
HEAD = "5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80"
AGENT = "backend-feature-implementer"
AGENT_FILE = "agents/backend-feature-implementer.md"

TYPES_SENTENCE = Provenance(AGENT_FILE, 21, "NEVER create new tabularium types - only use existing ones")
INFRA_SENTENCE = Provenance(
    AGENT_FILE,
    22,
    "NEVER add new cloud infrastructure components (Lambda functions, API Gateway routes, databases, etc.)",
)
COMPAT_SENTENCE = Provenance(AGENT_FILE, 30, "Ensure backward compatibility with existing features", 31)
TESTS_SENTENCE = Provenance(AGENT_FILE, 26, "Write comprehensive unit tests for new functionality")

RULES = (
    RuleInfo("narrow-focus", Severity.ERROR, "limit files <= 30; limit added_lines <= 1500"),
    RuleInfo(
        "no-breaking-api-changes",
        Severity.ERROR,
        "do not remove or break public functions ({name})",
        COMPAT_SENTENCE,
    ),
    RuleInfo(
        "no-new-infrastructure",
        Severity.ERROR,
        "add no new cloud infrastructure ({type} {name}); reuse what exists",
        INFRA_SENTENCE,
    ),
    RuleInfo(
        "no-new-tabularium-types",
        Severity.ERROR,
        "create no new tabularium type ({name}); extend or reuse an existing one",
        TYPES_SENTENCE,
    ),
    RuleInfo(
        "tests-with-new-code",
        Severity.WARNING,
        'require changed file in "tests/**", "**/*_test.go" when added function in "backend/**"',
        TESTS_SENTENCE,
    ),
)


def _at(
    path: str, line: int, column: int = 1, end_line: int | None = None, end_column: int | None = None
) -> Location:
    return Location(path, Span(line, column, end_line, end_column))


WIDGET = Finding(
    "no-new-tabularium-types",
    Severity.ERROR,
    "create no new tabularium type (Widget); extend or reuse an existing one",
    _at("pkg/model/model/widget.go", 12, 1, 30, 2),
    change="added",
    element_kind="class",
    element_name="Widget",
    element_type="struct",
    source=TYPES_SENTENCE,
    fingerprint="0f1e2d3c4b5a69788796a5b4c3d2e1f0",
)
REGISTER = Finding(
    "no-new-tabularium-types",
    Severity.ERROR,
    "create no new tabularium type (registry.Registry.MustRegisterModel); extend or reuse an existing one",
    _at("pkg/model/model/widget.go", 33, 2, 33, 48),
    change="added",
    element_kind="call",
    element_name="registry.Registry.MustRegisterModel",
    source=TYPES_SENTENCE,
    fingerprint="a1b2c3d4e5f60718293a4b5c6d7e8f90",
)
LAMBDA = Finding(
    "no-new-infrastructure",
    Severity.ERROR,
    "add no new cloud infrastructure (AWS::Serverless::Function WidgetFunction); reuse what exists",
    _at("template.yml", 48, 3, 61, 30),
    change="added",
    element_kind="resource",
    element_name="WidgetFunction",
    element_type="AWS::Serverless::Function",
    source=INFRA_SENTENCE,
    fingerprint="b2c3d4e5f60718293a4b5c6d7e8f90a1",
)
REMOVED_API = Finding(
    "no-breaking-api-changes",
    Severity.ERROR,
    "do not remove or break public functions (ListWidgets)",
    _at("backend/api/handlers.go", 40),
    change="removed",
    element_kind="function",
    element_name="ListWidgets",
    base_location=_at("backend/api/handlers.go", 52, 1, 67, 2),
    source=COMPAT_SENTENCE,
    fingerprint="c3d4e5f60718293a4b5c6d7e8f90a1b2",
)
MISSING_TESTS = Finding(
    "tests-with-new-code",
    Severity.WARNING,
    'no changed file in "tests/**", "**/*_test.go" although function CreateWidget was added',
    _at("backend/api/handlers.go", 12, 1, 25, 2),
    change="added",
    element_kind="function",
    element_name="CreateWidget",
    source=TESTS_SENTENCE,
    fingerprint="d4e5f60718293a4b5c6d7e8f90a1b2c3",
)
TOO_BIG = Finding(
    "narrow-focus",
    Severity.ERROR,
    "added_lines is 1600; the limit is 1500",
    None,
    fingerprint="e5f60718293a4b5c6d7e8f90a1b2c3d4",
)
OUT_OF_SCOPE = Finding(
    "out-of-scope",
    Severity.ERROR,
    "web/app.ts is outside the agent's scope (backend/**, tests/**)",
    _at("web/app.ts", 1),
    change="modified",
    element_kind="file",
    element_name="web/app.ts",
    fingerprint="f60718293a4b5c6d7e8f90a1b2c3d4e5",
)
UNPARSABLE = Notice("could not analyse: invalid syntax (expected ':')", "backend/broken.py", 3)

WORKED_EXAMPLE = Report(
    base=BASE,
    head=HEAD,
    agent=AGENT,
    files_changed=14,
    findings=(MISSING_TESTS, REMOVED_API, WIDGET, REGISTER, LAMBDA, OUT_OF_SCOPE, TOO_BIG),
    notices=(UNPARSABLE, Notice("commit messages name two agents; using --agent")),
    rules=RULES,
)

CLEAN = Report(base=BASE, head="WORKTREE", agent=None, files_changed=3, findings=(), rules=RULES)

# Text from repositories and agent files, written to break each format: percent signs, CR LF,
# commas and colons (workflow-command properties), quotes, markup, an escape sequence, emoji.
HOSTILE_PATH = 'docs/100% <done>, really: "yes".md'
HOSTILE_SENTENCE = Provenance(
    ".claude/agents/evil: agent.md", 7, 'NEVER touch "secrets" & <keys>, 50% of the time\r\n::error::forged'
)
HOSTILE = Report(
    base=None,
    head="INDEX",
    agent="evil, agent: 😈",
    files_changed=2,
    findings=(
        Finding(
            "no-secrets",
            Severity.ERROR,
            "line 'token=%41%0A' adds a secret\r\n::error file=x::forged, 100% & <b>bold</b> 🔑\x1b[31m",
            _at(HOSTILE_PATH, 2, 5, 2, 17),
            change="added",
            element_kind="line",
            element_name="token=%41%0A",
            source=HOSTILE_SENTENCE,
            fingerprint="0718293a4b5c6d7e8f90a1b2c3d4e5f6",
        ),
        Finding(
            "size]limit",
            Severity.INFO,
            "| pipes | and `ticks` ]] > quote\nsecond line",
            None,
            fingerprint="18293a4b5c6d7e8f90a1b2c3d4e5f607",
        ),
    ),
    notices=(Notice("binary file, \x00 not analysed: 100%", "assets/logo, v2.png"),),
    rules=(
        RuleInfo("no-secrets", Severity.ERROR, "add no secrets\nsecond line # heading?", HOSTILE_SENTENCE),
    ),
)


def many(errors: int, warnings: int, infos: int, notices: int = 0) -> Report:
    """A report with many findings of each severity, to test capping."""
    findings = []
    for severity, n in ((Severity.ERROR, errors), (Severity.WARNING, warnings), (Severity.INFO, infos)):
        for i in range(n):
            findings.append(
                Finding(
                    f"rule-{severity.value}",
                    severity,
                    f"{severity.value} number {i + 1}",
                    _at(f"src/{severity.value}_{i + 1:02d}.py", i + 1),
                    change="added",
                    element_kind="line",
                    element_name=f"x{i}",
                    fingerprint=f"{severity.value}{i:04d}",
                )
            )
    findings.sort(key=lambda f: (f.location.path if f.location else "", f.rule))
    return Report(
        BASE,
        HEAD,
        None,
        len(findings),
        tuple(findings),
        tuple(Notice(f"notice {i + 1}", f"bin/blob{i + 1}.dat") for i in range(notices)),
    )
