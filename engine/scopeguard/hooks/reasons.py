"""The reasons the hook gives, written for the agent that has to act on them.

One short block per finding — the rule and ``file:line``, the message, the agent-file sentence the rule
enforces, and what to do instead — and no more than a handful of blocks: the agent needs the first
problems to fix, and ``scopeguard diff`` lists the rest.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from scopeguard.core.model import Finding, RuleInfo

#: how many findings a reason shows; the rest are counted
MAX_SHOWN = 5
_MAX_SENTENCE = 300


def findings_reason(
    headline: str,
    findings: Sequence[Finding],
    rules: Sequence[RuleInfo],
    *,
    closing: str,
    with_message: Collection[str] = (),
) -> str:
    """One short block per finding: rule and place, message, the sentence it enforces, what to do instead.

    ``with_message``: the ids of rules that have their own ``message``, which then says what to do.
    """
    described = {r.id: r.description for r in rules}
    blocks = [headline]
    for number, finding in enumerate(findings[:MAX_SHOWN], 1):
        has_message = finding.rule in with_message
        blocks.append(_finding_block(number, finding, described.get(finding.rule), has_message))
    hidden = len(findings) - MAX_SHOWN
    if hidden > 0:
        blocks.append(
            f"... and {hidden} more finding{'s' if hidden > 1 else ''} (`scopeguard diff` lists them all)."
        )
    blocks.append(closing)
    return "\n\n".join(blocks)


def _finding_block(number: int, finding: Finding, description: str | None, has_message: bool) -> str:
    where = ""
    if finding.location is not None:
        where = f" at {finding.location.path}:{finding.location.span.line}"
    lines = [f"{number}. [{finding.rule}]{where}: {finding.message}"]
    if finding.source is not None:
        sentence = _clip(" ".join(finding.source.text.split()))
        lines.append(f'   It enforces "{sentence}" ({finding.source.path}:{finding.source.line}).')
    instead = advice(finding, description, has_message=has_message)
    if instead:
        lines.append(f"   Instead: {instead}")
    return "\n".join(lines)


def advice(finding: Finding, description: str | None, *, has_message: bool = False) -> str | None:
    """What to do instead; ``None`` when the rule's own message says it (a team's words come first).

    ``description`` is the rule's statements as written (``forbid ...; require ...``): the first
    one tells a size limit and a requirement from a ban.
    """
    builtin = _BUILTIN_ADVICE.get(finding.rule)
    if builtin is not None:
        return builtin
    if has_message:
        return None
    statement = (description or "").split(" ", 1)[0]
    if statement == "limit":
        return "make the change smaller, or split the work and leave the rest for a later change."
    if statement == "require":
        return "make the change the rule asks for as part of this work (tests: write them with the code)."
    kind = finding.element_kind or "element"
    if finding.change == "added":
        return _ADDED_ADVICE.get(kind, f"reach the goal without adding this {kind}.")
    if finding.change == "removed":
        return f"keep this {kind}; do not remove it."
    if finding.change == "modified":
        return f"leave this {kind} as it is."
    if finding.change == "renamed":
        return f"keep this {kind}'s name and place."
    return "change the edit so that this rule holds."


_BUILTIN_ADVICE = {
    "protected-path": "leave this file unchanged; it is protected for this agent.",
    "out-of-scope": "change only files inside this agent's scope and leave this one unchanged.",
    "policy-tamper": "leave policies, agent files and scopeguard's configuration unchanged; "
    "changing the rules is for a human to do.",
}

_ADDED_ADVICE = {
    "class": "reuse or extend an existing type instead of adding one.",
    "resource": "use the existing infrastructure; adding infrastructure is for a human to do.",
    "route": "serve this through an existing route, or leave the new endpoint for a human to add.",
    "dependency": "use what the project already depends on.",
    "file": "put the change in an existing file.",
    "line": "write this line without what the rule forbids.",
}


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_SENTENCE else text[: _MAX_SENTENCE - 1] + "…"
