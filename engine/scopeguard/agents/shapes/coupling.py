"""Couplings between parts of a change: layer boundaries code may not cross (imports), and files that must
change together ("if you change `Cargo.toml`, refresh `MODULE.bazel.lock`")."""

from __future__ import annotations

import re

from scopeguard.agents.clauses import Clause
from scopeguard.agents.files import paths_in
from scopeguard.agents.readings import Draft, Env, Example, Reading, Shape
from scopeguard.agents.tokens import is_command, line_condition, token_patterns
from scopeguard.policy.ast import Compare, Forbid, Require, Selector

# --- import boundaries --------------------------------------------------------------------------------

_BOUNDARY = re.compile(
    r"^(?P<subject>.*?)\b(?:must|should|may)\s+not\s+(?:import|reference|depend\s+on|use)\s+(?P<object>.+)$",
    re.IGNORECASE,
)


def import_boundary(clause: Clause, env: Env) -> Reading | None:
    """A layer boundary ("code under `Domain/` must not reference infrastructure"): no import across it."""
    m = _BOUNDARY.match(clause.prose)
    if m is None:
        return None
    subject_paths = paths_in(m.group("subject"), re.findall(r"`+([^`]+)`+", m.group("subject")))
    if not subject_paths:
        return None
    obj = re.findall(r"`+([^`]+)`+", m.group("object")) or re.findall(
        r"[A-Za-z][\w.-]{2,}", m.group("object")
    )
    if not obj:
        return None
    name = obj[0].strip().rstrip("/.,;:")
    first = name[0]
    body = f"[{first.upper()}{first.lower()}]{re.escape(name[1:])}" if first.isalpha() else name
    pattern = "*{import ,using ,require(,from ,use }*" + body.replace("\\", "") + "*"
    draft = Draft(
        "import-boundary",
        (Forbid("added", Selector("line", tuple(subject_paths), Compare("text", "~", pattern))),),
        clause.severity,
        "'{name}' crosses a layer boundary this agent must keep",
    )
    return Reading("other-checkable", (draft,), shape="import-boundary")


# --- files that change together -----------------------------------------------------------------------

_CO_CHANGE = re.compile(
    r"\b(?:if|when|whenever|after)\s+(?:you\s+)?(?:change|changes|changing|modify|modifies|update|updates|edit|bump|touch)"
    r"(?P<cause>.*?)(?:,|\bthen\b|\s[—–]\s)(?P<effect>.*)$",
    re.IGNORECASE,
)


def co_change(clause: Clause, env: Env) -> Reading | None:
    """Files that change together ("if you change `Cargo.toml`, refresh `MODULE.bazel.lock`")."""
    m = _CO_CHANGE.search(clause.prose)
    if m is None or not re.search(
        r"\b(?:update|refresh|regenerate|include|commit|bump|add)\b", m.group("effect"), re.I
    ):
        return None
    cause_codes = re.findall(r"`+([^`]+)`+", m.group("cause"))
    effect_codes = [c for c in re.findall(r"`+([^`]+)`+", m.group("effect")) if not is_command(c)]
    effects = tuple(paths_in(m.group("effect"), effect_codes))
    if not effects:
        return None
    causes = tuple(paths_in(m.group("cause"), cause_codes))
    if causes:
        when = Selector("file", causes)
    else:
        names = [c for c in cause_codes if re.fullmatch(r"[A-Za-z_][\w:.]*", c)]
        if not names:
            return None
        when = Selector("line", where=line_condition([p for n in names for p in token_patterns(n)]))
    draft = Draft(
        "co-change",
        (Require("changed", Selector("file", effects), "changed", when),),
        "warning",
        "{path} changed without " + ", ".join(effects),
    )
    return Reading("other-checkable", (draft,), shape="co-change")


SHAPES = (
    Shape(
        "import-boundary",
        "code under some paths may not import or reference something",
        import_boundary,
        (
            Example(
                "Domain code (under `Domain/`) must not reference infrastructure.",
                'forbid added line in "Domain/**" where text ~ "*{import ,using ,require(,from ,use }*'
                '[Ii]nfrastructure*"',
            ),
        ),
    ),
    Shape(
        "co-change",
        "files that must change together",
        co_change,
        (
            Example(
                "If you change `Cargo.toml`, run `just lock` to refresh `MODULE.bazel.lock` too.",
                'require changed file in "MODULE.bazel.lock" when changed file in "Cargo.toml"',
            ),
        ),
    ),
)
