"""The words that make a sentence a rule, and the text clean-up every later step shares.

Kept apart from the sentence finder and the phrasebook so that both read the same definition of a
directive (``never``, ``do not``, ``must``, ``only``, ``always``, ``avoid``, ``no X``, forbidden — in any
case, with emphasis, in the languages the agent files of the corpus use) and the same plain text.
"""

from __future__ import annotations

import re

#: inline code: a run of backticks, the code, the same run
CODE_SPAN = re.compile(r"(`+)(.+?)\1")

_EMPHASIS = re.compile(
    r"(\*\*|__|~~|(?<![\w*])\*(?!\s)|(?<!\s)\*(?![\w*])|(?<![\w_])_(?=\w)|(?<=\w)_(?![\w_]))"
)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKERS = re.compile(r"^(?:[\s>]*(?:[-*+•]|\d{1,3}[.)])\s+)?(?:\[[ xX]\]\s+)?")
_LEADING_SYMBOLS = re.compile(r"^[\s✅❌🚫⛔✔✖☑⚠👉→➡️🔴🟢🟡❗❕‼️⭐🔒🔑📝💡🛑]+")

#: English directives (word-bounded, case-insensitive), and the ones of other languages in the corpus
_NEGATIVE_EN = (
    r"never|do\s+not|don'?t|dont|must\s+not|mustn'?t|shall\s+not|should\s+not|shouldn'?t|cannot|can'?t|"
    r"may\s+not|not\s+allowed|not\s+permitted|forbidden|prohibited|disallowed|banned|avoid|avoids|"
    r"under\s+no\s+circumstances|no\s+longer\s+allowed|refrain\s+from|stop\s+using"
)
_POSITIVE_EN = (
    r"must|shall|should|always|only|required|requires?|mandatory|non-negotiable|strictly|ensure|make\s+sure|"
    r"need\s+to|needs\s+to|read-only|read\s+only"
)
_OTHER_LANGUAGES = (
    r"НЕ|НИКОГДА|нельзя|запрещено|запрещается|обязательно|всегда|только|"
    r"禁止|不得|不要|不能|必须|必須|严禁|嚴禁|勿|只能|仅|必ず|しない|しないこと|ないこと|厳禁|必須|のみ|常に|"
    r"금지|엄수|반드시|하지\s*마|하지\s*않|말\s*것|만\s*사용|필수|절대"
)
NEGATIVE = re.compile(rf"(?<![\w-])(?:{_NEGATIVE_EN})(?![\w-])", re.IGNORECASE)
POSITIVE = re.compile(rf"(?<![\w-])(?:{_POSITIVE_EN})(?![\w-])", re.IGNORECASE)
FOREIGN = re.compile(_OTHER_LANGUAGES)
#: "No X" as a directive: at the start of a clause, followed by a word (not "no one", "no longer", ...)
NO_X = re.compile(
    r"(?:^|[.;:!?—–(,]\s*|\b(?:and|or|leave|leaves|leaving|introduce|introduces|add|adds|with)\s+)"
    r"no\s+(?!one\b|longer\b|matter\b|more\b|need\b|doubt\b|problem\b|way\b)"
    r"[\w`'\"“(@.#/*-]",
    re.IGNORECASE,
)
#: a description in the third person that forbids ("Does not touch source code.", "Never edits anything.")
START_NEGATIVE = re.compile(
    r"^\W*(?:does\s+not|doesn'?t|will\s+not|won'?t|is\s+not\s+allowed)\b", re.IGNORECASE
)
#: a negation in the middle of a sentence ("…, not Y", "NOT to implement")
NOT_CAPS = re.compile(r"(?<![\w-])NOT(?![\w-])")
#: the false friend: TypeScript's ``never`` type is not a directive
_NEVER_TYPE = re.compile(r"\bnever\s+type\b|`never`", re.IGNORECASE)

MARK_NEGATIVE = ("❌", "🚫", "⛔", "✖", "🛑")
MARK_POSITIVE = ("✅", "✔", "☑")


def strip_code(text: str) -> str:
    """The text with inline code as a placeholder (so that words inside code are not read as directives)."""
    return CODE_SPAN.sub("`code`", text)


def code_spans(text: str) -> list[str]:
    return [m.group(2).strip() for m in CODE_SPAN.finditer(text) if m.group(2).strip()]


def plain(text: str) -> str:
    """Markdown emphasis, links and list markers removed; code kept with its backticks."""
    parts: list[str] = []
    last = 0
    for m in CODE_SPAN.finditer(text):
        parts.append(_plain_prose(text[last : m.start()]))
        parts.append(m.group(0))
        last = m.end()
    parts.append(_plain_prose(text[last:]))
    out = "".join(parts)
    out = _MARKERS.sub("", out, count=1)
    return re.sub(r"\s+", " ", out).strip()


def _plain_prose(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    return _EMPHASIS.sub("", text)


def without_symbols(text: str) -> str:
    """Leading ✅ / ❌ style markers removed."""
    return _LEADING_SYMBOLS.sub("", text).strip()


def leading_mark(text: str) -> str | None:
    """``"negative"`` for a ❌ / 🚫 marker at the start, ``"positive"`` for ✅, else ``None``."""
    head = _MARKERS.sub("", text.strip(), count=1).lstrip("*_ ")
    if head.startswith(MARK_NEGATIVE):
        return "negative"
    if head.startswith(MARK_POSITIVE):
        return "positive"
    return None


_SUBORDINATE = re.compile(
    r"\b(?:that|which|who|if|when|whenever|because|since|so)\s+(?:\S+\s+){0,3}$", re.IGNORECASE
)


def _governing(pattern: re.Pattern[str], prose: str) -> bool:
    """A directive that governs the sentence, not one inside a relative or subordinate clause."""
    return any(not _SUBORDINATE.search(prose[: m.start()]) for m in pattern.finditer(prose))


def is_negative(text: str) -> bool:
    prose = _NEVER_TYPE.sub(" ", strip_code(plain(text)))
    if NEGATIVE.search(prose) and not _governing(NEGATIVE, prose):
        prose = NEGATIVE.sub(" ", prose)
    return bool(
        NEGATIVE.search(prose)
        or NO_X.search(prose.strip())
        or NOT_CAPS.search(prose)
        or START_NEGATIVE.search(prose)
    )


def is_directive(text: str) -> bool:
    """Whether the sentence carries a directive word (in any case or emphasis) or a ❌ / ✅ marker."""
    prose = _NEVER_TYPE.sub(" ", strip_code(plain(text)))
    return bool(
        NEGATIVE.search(prose)
        or POSITIVE.search(prose)
        or NO_X.search(prose.strip())
        or NOT_CAPS.search(prose)
        or START_NEGATIVE.search(prose)
        or FOREIGN.search(prose)
        or leading_mark(text) is not None
    )


_IMPERATIVE_VERBS = frozenset(
    """
    add apply ask avoid build call check choose collapse commit configure confirm consider cover
    create declare define delegate delete describe design disable document embed enable encrypt
    ensure escape execute explain export expose extend favor favour fill flag focus follow format
    give hand handle identify implement import include inject inline install integrate invoke keep
    label leave limit lint locate log maintain make mark message mock move name note notify open
    pick pin place prefer preserve prioritise prioritize provide push put read record reference
    register remove replace report reserve resolve respect return reuse review run sanitise
    sanitize scope select separate set sort spawn split start stay stop store strip stub submit
    surface tag test treat trust update use utilise utilize validate verify wrap write
    """.split()  # noqa: SIM905
)
_LABEL_PREFIX = re.compile(r"^(?:[^:—–]{1,40}(?::|\s[—–]-?\s))\s*")


_CONDITION = re.compile(
    r"^\W*(?:if|when|whenever|before|after|once|for|while|in|on|during)\b[^,.;:]{1,100},\s*(?:then\s+|also\s+|always\s+)?",
    re.IGNORECASE,
)


def starts_instruction(text: str) -> bool:
    """An imperative, possibly after a condition ("If you change `X`, run …", "Before merging, run …")."""
    prose = CODE_SPAN.sub("x", without_symbols(plain(text)))
    prose = re.sub(r"\([^()]*\)", "x", prose)
    if starts_imperative(prose):
        return True
    condition = _CONDITION.match(prose)
    return condition is not None and starts_imperative(prose[condition.end() :])


def starts_imperative(text: str) -> bool:
    """Whether the sentence opens with an imperative verb ("Use …", "**Mock only** …", "Label: Keep …")."""
    prose = without_symbols(plain(text))
    for candidate in (prose, _LABEL_PREFIX.sub("", prose, count=1)):
        words = re.findall(r"[A-Za-z']+", candidate[:40])
        if words and words[0].lower() in _IMPERATIVE_VERBS:
            return True
    return False
