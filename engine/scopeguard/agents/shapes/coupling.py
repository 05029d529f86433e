"""Couplings between parts of a change: layer boundaries code may not cross (imports), and files that must
change together ("if you change `Cargo.toml`, refresh `MODULE.bazel.lock`")."""

from __future__ import annotations

import re

from scopeguard.agents.clauses import Clause
from scopeguard.agents.files import paths_in
from scopeguard.agents.readings import Draft, Env, Example, ExampleFile, Reading, Shape
from scopeguard.agents.tokens import is_command, line_condition, token_patterns
from scopeguard.policy.ast import Compare, Forbid, Require, Selector

# --- import boundaries --------------------------------------------------------------------------------

_BOUNDARY = re.compile(
    r"^(?P<subject>.*?)\b(?:must|should|may)\s+not\s+(?:import|reference|depend\s+on|use)\s+(?P<object>.+)$",
    re.IGNORECASE,
)


#: layers of an application that live in a folder of their name ("controllers must not import …")
_LAYERS = (
    "controllers|handlers|routes|routers|views|pages|components|models|services|repositories|domain|"
    "entities|adapters|presentation|application|resolvers|middleware|hooks|features|screens|widgets|ui|api"
)


_NOT_A_MODULE = frozenset(["the", "any", "from", "directly", "our", "its", "their", "other", "another"])
_GENERIC_OBJECTS = frozenset(["anything", "each", "one", "modules", "code", "files", "packages", "layers"])
_LAYER_TAIL = r"(?:\s+(?:code|layer|modules?|files?|classes|packages?))?\W*$"


def _layer_globs(subject: str) -> list[str]:
    """The folders of the layer a subject names ("Controllers", "the domain layer", "UI components")."""
    m = re.search(rf"\b({_LAYERS})\b{_LAYER_TAIL}", subject, re.IGNORECASE)
    if m is None:
        return []
    name = m.group(1).lower()
    return [f"**/{name}/**", f"**/{name.capitalize()}/**"]


def import_boundary(clause: Clause, env: Env) -> Reading | None:
    """A layer boundary ("code under `Domain/` must not reference infrastructure"): no import across it."""
    m = _BOUNDARY.match(clause.prose)
    if m is None:
        return None
    subject_paths = paths_in(m.group("subject"), re.findall(r"`+([^`]+)`+", m.group("subject")))
    subject_paths = subject_paths or _layer_globs(m.group("subject"))
    if not subject_paths:
        return None
    obj = re.findall(r"`+([^`]+)`+", m.group("object")) or [
        w for w in re.findall(r"[A-Za-z][\w.-]{2,}", m.group("object")) if w.lower() not in _NOT_A_MODULE
    ]
    if not obj or obj[0].lower() in _GENERIC_OBJECTS:
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


#: the same, effect first: "regenerate `openapi.json` when the API changes"
_CO_CHANGE_AFTER = re.compile(
    r"^(?P<effect>.*?\b(?:update|updates|refresh|regenerate|include|commit|bump|add)\b.*?)\s*,?\s*"
    r"\b(?:when|whenever|after|if)\s+(?:(?:you\s+)?(?:change|modify|update|edit|bump|touch)\w*\s+(?P<cause>.+?)"
    r"|(?P<subject>.+?)\s+(?:changes?|is\s+changed|are\s+changed|is\s+modified|are\s+modified))\W*$",
    re.IGNORECASE,
)
#: what changes when a sentence names no file: the API (routes), the dependencies
_CAUSES: tuple[tuple[str, Selector], ...] = (
    (
        r"\b(?:the\s+)?(?:http\s+|rest\s+|public\s+)?(?:api|apis|endpoints?|routes?)(?:\s+shapes?)?$",
        Selector("route"),
    ),
    (r"\b(?:the\s+)?dependenc(?:y|ies)$", Selector("dependency")),
)


def co_change(clause: Clause, env: Env) -> Reading | None:
    """Files that change together ("if you change `Cargo.toml`, refresh `MODULE.bazel.lock`")."""
    m = _CO_CHANGE.search(clause.prose)
    if m is None or not re.search(
        r"\b(?:update|refresh|regenerate|include|commit|bump|add)\b", m.group("effect"), re.I
    ):
        return _effect_first(clause)
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
    return _co_change(effects, when)


def _co_change(effects: tuple[str, ...], when: Selector) -> Reading:
    """A warning when ``when`` holds in a change and none of the ``effects`` files changed with it."""
    draft = Draft(
        "co-change",
        (Require("changed", Selector("file", effects), "changed", when),),
        "warning",
        "{path} changed without " + ", ".join(effects),
    )
    return Reading("other-checkable", (draft,), shape="co-change")


def _effect_first(clause: Clause) -> Reading | None:
    """ "Regenerate `openapi.json` when the API changes": the effect is a file, the cause a file, code in
    backticks, or the API or the dependencies."""
    m = _CO_CHANGE_AFTER.search(clause.prose)
    if m is None:
        return None
    effect_codes = [c for c in re.findall(r"`+([^`]+)`+", m.group("effect")) if not is_command(c)]
    effects = tuple(paths_in(m.group("effect"), effect_codes))
    cause = (m.group("cause") or m.group("subject") or "").strip()
    if not effects or not cause:
        return None
    causes = tuple(paths_in(cause, re.findall(r"`+([^`]+)`+", cause)))
    when: Selector | None = Selector("file", causes) if causes else None
    for pattern, selector in _CAUSES:
        if when is None and re.search(pattern, cause, re.IGNORECASE):
            when = selector
    if when is None:
        return None
    return _co_change(effects, when)


SHAPES = (
    Shape(
        "import-boundary",
        "code under some paths may not import or reference something",
        import_boundary,
        (
            Example(
                "Controllers must not import data_layer.",
                (
                    'forbid added line in "**/controllers/**", "**/Controllers/**" where text ~ '
                    '"*{import ,using ,require(,from ,use }*[Dd]ata_layer*"'
                ),
                changes=(
                    ExampleFile(
                        "app/controllers/users.py",
                        "from app.data_layer import db\nfrom app.services import users\n",
                        (1,),
                    ),
                    ExampleFile("app/services/users.py", "from app.data_layer import db\n"),
                ),
            ),
            Example("Users must not use the admin panel.", None),
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
                "Regenerate `openapi.json` when the API changes.",
                ('require changed file in "openapi.json" when changed route'),
                changes=(
                    ExampleFile(
                        "app/api.py",
                        'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/users")\n'
                        "def users():\n    return []\n",
                        (6,),
                    ),
                ),
            ),
            Example("Update `CHANGELOG.md` whenever you change public behaviour.", None),
            Example(
                "If you change `Cargo.toml`, run `just lock` to refresh `MODULE.bazel.lock` too.",
                'require changed file in "MODULE.bazel.lock" when changed file in "Cargo.toml"',
            ),
        ),
    ),
)
