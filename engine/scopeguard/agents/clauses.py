"""A rule sentence cut into clauses, each with what the phrasebook needs to read it.

"Never edit `src/gen/` — it is generated; rerun `make gen` instead" holds one prohibition and two
remarks; "Keep files <500 lines, functions <50 lines" holds two limits in one clause. Clauses are cut
at semicolons and spaced dashes, outside code. Each clause knows whether it forbids (its own words,
a ❌ marker, or the lead-in it stands under: "Add a changeset file." under "Never do:" forbids),
whether it asks to use only what exists, whether it is hedged ("when possible") or has an exception
("unless justified") — the phrasebook enforces hedged rules as warnings, never as errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scopeguard.agents.lexicon import (
    CODE_SPAN,
    code_spans,
    is_directive,
    is_negative,
    leading_mark,
    plain,
    starts_imperative,
    without_symbols,
)
from scopeguard.agents.sentences import RuleSentence

_CUT = re.compile(r"\s*;\s+|\s+[—–]\s+|\s+--?\s+|\s*[；]\s*")
_EXISTING = re.compile(
    r"\b(?:only|solely|exclusively)\b[^.;]*\b(?:existing|current|available|established)\b"
    r"|\b(?:use|reuse|using|work\s+with|rely\s+on|stick\s+to|leverage)\s+(?:only\s+)?(?:the\s+)?"
    r"(?:existing|current|available)\b"
    r"|\bexisting\b[^.;]*\bonly\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:when|where|if|whenever)\s+(?:possible|practical|feasible|appropriate|applicable|sensible|reasonable|needed)\b"
    r"|\b(?:as\s+needed|if\s+needed|generally|usually|typically|ideally|try\s+to|strive\s+to|consider|"
    r"preferably|as\s+much\s+as\s+possible|when\s+in\s+doubt|unnecessarily|strictly\s+necessary)\b|~\s*\d",
    re.IGNORECASE,
)
#: a finite verb or subject: the bullet is a statement of its own, not a bare item of the list above it
_FINITE = re.compile(
    r"\b(?:is|are|was|were|be|been|can|could|will|would|shall|should|must|may|might|has|have|had|does|do|did|"
    r"you|we|they|it|i|this|that|these|those|there)\b|'(?:s|re|ll|ve|d)\b",
    re.IGNORECASE,
)
_GERUND = re.compile(r"^\W*(?:directly\s+|manually\s+)?[a-z]+ing\b", re.IGNORECASE)
_NOT_GERUND = re.compile(
    r"^\W*(?:failing|forgetting|missing|lacking|using\s+the\s+correct|being)\b", re.IGNORECASE
)
#: verbs whose object is said, asked or run, not written into the change
_PROCESS_VERBS = (
    r"recommend|suggest|tell|ask|say|mention|propose|advise|assume|coordinate|push|force-push|merge|checkout|"
    r"run|execute|open|comment|reply|respond|present|chain|cd|speculate|guess|promise|claim|apologi[sz]e|"
    r"rationali[sz]e|invoke|skip\s+(?:the\s+)?(?:steps?|skills?|workflow)|start|stop|wait|declare|report"
)
_PROCESS_LED = re.compile(
    rf"^\W*(?:(?:you\s+)?(?:must\s+)?(?:never|do\s+not|don'?t|not|avoid|no)\s+(?:\w+ly\s+)?)?(?:{_PROCESS_VERBS})\b",
    re.IGNORECASE,
)
_CHECK_THAT = re.compile(
    r"^\W*(?:verify|check|confirm|validate|test|ask|make\s+sure\s+you\s+(?:ask|check))\s+(?:that|whether|if)\b",
    re.IGNORECASE,
)
_EXCEPTION = re.compile(
    r"\b(?:unjustified|unwarranted|unless|except|excluding|other\s+than|outside\s+(?:of\s+)?(?!your\b|the\s+scope)|"
    r"without\s+(?:an?\s+|explicit\s+|prior\s+|clear\s+|team\s+lead\s+|user\s+|first\s+|the\s+)*"
    r"(?:approval|permission|instruction|instructions|confirmation|asking|reason|justification|comment|"
    r"consulting|checking|discussing|confirming|agreement|sign-off))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of a rule sentence, read for the phrasebook."""

    sentence: RuleSentence
    #: the clause as written (inline Markdown kept)
    text: str
    #: emphasis and list markers removed, code kept in backticks
    prose: str
    #: ``prose`` in lower case with every code span replaced by ``` `code` ```, for matching words
    words: str
    codes: tuple[str, ...]
    negative: bool
    existing: bool
    hedged: bool
    exception: bool
    #: the sentence says nothing of its own but a lead-in ("Never do:") gives it its force
    from_context: bool = False
    #: its verb is about how the agent works ("never push to main", "do not ask …"), not about the change
    process: bool = False

    @property
    def severity(self) -> str:
        return "warning" if self.hedged or self.exception else "error"


_SECOND_VERB = re.compile(
    r"\s*,?\s+(?:or|and|nor)\s+(?=(?:handle|create|add|introduce|modify|edit|touch|change|delete|remove|commit|write|"
    r"deploy|provision)\b)",
    re.IGNORECASE,
)


def clauses_of(sentence: RuleSentence) -> list[Clause]:
    """The clauses of ``sentence``, first to last."""
    parts = _cut(sentence.text)
    marked = leading_mark(sentence.text)
    context = sentence.context_polarity
    own_any = is_directive(sentence.text)
    out: list[Clause] = []
    for i, piece in enumerate(parts):
        inherits = piece.startswith(_INHERITS)
        part = piece.lstrip(_INHERITS)
        prose = plain(part)
        words = CODE_SPAN.sub("`code`", prose).lower()
        own_negative = (is_negative(part) or (i == 0 and marked == "negative")) and not _CHECK_THAT.match(
            prose
        )
        own_negative = own_negative or (inherits and bool(out) and out[-1].negative)
        from_context = False
        negative = own_negative
        if (
            not own_negative
            and context == "negative"
            and not (is_directive(part) and not _only_caution(part))
            and _bare(prose)
        ):
            negative = not own_any or i == 0
            from_context = negative
        existing = bool(_EXISTING.search(prose)) or (context == "existing" and not own_negative)
        out.append(
            Clause(
                sentence=sentence,
                text=part,
                prose=prose,
                words=words,
                codes=tuple(code_spans(part)),
                negative=negative,
                existing=existing,
                hedged=bool(_HEDGE.search(prose)),
                exception=bool(_EXCEPTION.search(CODE_SPAN.sub(" ", prose))),
                from_context=from_context,
                process=bool(_PROCESS_LED.match(without_symbols(prose)))
                and not re.match(r"^\W*(?:report|check)\s+(?:any\s+|for\s+)*`", without_symbols(prose), re.I),
            )
        )
    return out


def _bare(prose: str) -> bool:
    """A bullet that needs its lead-in to mean anything: an imperative, a gerund, or a bare noun phrase."""
    text = re.sub(r"^[^:—–]{1,40}(?::|\s[—–]\s)\s*", "", without_symbols(prose), count=1)
    text = CODE_SPAN.sub("x", text)
    if _NOT_GERUND.match(text) or text.lstrip().startswith(('"', "“", "'")):
        return False
    if re.match(r"^\W*(?:when|if|while|because|since|although|unless|whenever)\b", text, re.IGNORECASE):
        return False
    if re.search(r"\b(?:failing|forgetting|neglecting)\s+to\b", text, re.IGNORECASE):
        return False
    return starts_imperative(text) or bool(_GERUND.match(text)) or not _FINITE.search(text)


def _only_caution(text: str) -> bool:
    """Directive words that do not turn a bullet into an obligation of its own ("only", "strictly")."""
    prose = CODE_SPAN.sub(" ", plain(text)).lower()
    return not re.search(r"\b(?:always|must|should|required|mandatory|ensure|make\s+sure)\b", prose)


#: marks a piece cut before its second verb ("never coordinate X or handle Y"): it shares the negation
_INHERITS = "\u2063"


def _cut(text: str) -> list[str]:
    masked = CODE_SPAN.sub(lambda m: "x" * len(m.group(0)), text)
    masked = re.sub(r"\([^()]*\)", lambda m: "x" * len(m.group(0)), masked)
    pieces: list[str] = []
    start = 0
    for m in _CUT.finditer(masked):
        pieces.append(text[start : m.start()])
        start = m.end()
    pieces.append(text[start:])
    if is_negative(text):
        split: list[str] = []
        for piece in pieces:
            inner = CODE_SPAN.sub(lambda m: "x" * len(m.group(0)), piece)
            cut = _SECOND_VERB.search(inner)
            # "never add or modify X" is one verb phrase; "never coordinate agents or handle X" is two
            first_words = re.findall(r"\w+", piece[: cut.start()]) if cut is not None else []
            if cut is not None and len(first_words) >= 3 and is_negative(piece[: cut.start()]):
                split.extend([piece[: cut.start()], _INHERITS + piece[cut.end() :]])
            else:
                split.append(piece)
        pieces = split
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece.strip(_INHERITS):
            continue
        if out and len(re.findall(r"\w+", piece)) < 2:
            out[-1] = f"{out[-1]} — {piece}"
        else:
            out.append(piece)
    return out or [text.strip()]
