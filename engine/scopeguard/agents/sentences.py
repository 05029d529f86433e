"""Finding the rule sentences of an agent file: what reads as a rule, where it stands, under what lead-in.

A sentence is a rule when it carries a directive (``lexicon.is_directive``: never, do not, must, only,
always, avoid, "no X", forbidden, ❌ / 🚫 markers, and their equivalents in other languages), or when
it is a bullet under a rule heading ("Constraints", "Never", "Out of scope", "What you do not do", …)
or under a lead-in that is itself a directive ("**NEVER CREATE OR MODIFY**:") — even without a
directive word of its own, because the heading says it. ``<example>`` dialogues, code, templates and
tables are not rules. The frontmatter holds rules too: a tool list without any editing tool (a
read-only agent), structured ``constraints`` keys, and directive sentences inside ``description``.

Each sentence keeps its first and last line in the file (a sentence may span lines, and a line may
hold several sentences) and the context it was written under: the compiler needs the lead-in to know
that "Add a changeset file." under "Never do:" is a prohibition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from scopeguard.agents.lexicon import (
    CODE_SPAN,
    is_directive,
    is_negative,
    leading_mark,
    plain,
    starts_instruction,
)
from scopeguard.agents.markdown import Block, TextLine, parse_blocks
from scopeguard.agents.reader import AgentFile, can_write

Origin = Literal["body", "description", "tools", "frontmatter"]
Polarity = Literal["negative", "positive", "existing"]

_RULE_HEADING = re.compile(
    r"\b(?:rules?|constraints?|restrictions?|boundar(?:y|ies)|guardrails?|non-negotiables?|never|always|"
    r"must|do\s+not|don'?ts?|forbidden|prohibited|not\s+allowed|out\s+of\s+scope|limits|limitations|"
    r"requirements?|checklist|review\s+criteria|conventions?|standards?|polic(?:y|ies)|guidelines?|"
    r"principles?|best\s+practices|avoids?|anti-?patterns?|pitfalls|red\s+flags|hygiene|safety|"
    r"security|what\s+you\s+(?:do\s+not|don'?t|never|must)|things\s+you|scope|ownership|critical|important|"
    r"traits|responsibilit(?:y|ies)|mission|do'?s|quality|gotchas|caveats|criteria|definition\s+of\s+done)\b"
    r"|禁止|ルール|規約|制約|原則|方針|セキュリティ|금지|규칙|원칙|보안|правила|запрет",
    re.IGNORECASE,
)
_NEGATIVE_CONTEXT = re.compile(
    r"\b(?:never|do\s+not|don'?t|must\s+not|should\s+not|avoid|avoids|forbidden|prohibited|not\s+allowed|"
    r"out\s+of\s+scope|don'?ts|anti-?patterns?|pitfalls|red\s+flags|mistakes|what\s+you\s+do\s+not|"
    r"things\s+you\s+should\s+not|restricted|what\s+to\s+flag|flag\s+these)\b|❌|🚫|⛔|禁止|금지",
    re.IGNORECASE,
)
_EXISTING_CONTEXT = re.compile(r"\bonly\b.*\bexisting\b|\bexisting\b.*\bonly\b", re.IGNORECASE)
_TEMPLATE_HEADING = re.compile(
    r"\b(?:examples?|templates?|samples?|usage|commands?|setup|install\w*|"
    r"(?:output|report|response|summary|answer)\s+(?:format|structure|template|skeleton))\b|^(?:output|format)$",
    re.IGNORECASE,
)
_CONDITIONAL = re.compile(r"^\W*(?:if|when|whenever)\b", re.IGNORECASE)
_SHELL_FENCE_INFO = frozenset({"bash", "sh", "shell", "zsh", "console", "shellsession"})
_PROSE_FENCE_INFO = frozenset({"", "text", "txt", "plain", "plaintext", "markdown", "md"})
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|cf|incl|approx|esp|resp|min|max|no|Mr|Dr|St)|\b[A-Za-z])\.$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[*_\"')\]]*\s+(?=[\"'`*(\[]*[A-Z0-9❌✅🚫⚠])|(?<=[。！？])")
_EXAMPLE_TAGS = re.compile(
    r"<(example|commentary)>.*?</\1>|<(example|commentary)>.*$", re.IGNORECASE | re.DOTALL
)
_FRONTMATTER_RULE_KEY = re.compile(
    r"^(?:allowed|forbidden|restricted|protected|denied|deny|allow|read_?only|never|must|max|min|only|"
    r"no|required|requires|confirmation)[_-]?\w*$|_(?:paths|files|globs|types)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class RuleSentence:
    """A sentence that reads as a rule, where it stands, and the lead-in or heading it stands under."""

    line: int
    end_line: int
    text: str
    origin: Origin = "body"
    #: the lead-in ("**NEVER CREATE OR MODIFY**:"), parent bullet or heading this sentence stands under
    context: str | None = None
    #: what the context says about its bullets: prohibitions, obligations, or "only existing ones"
    context_polarity: Polarity | None = None
    #: the headings above the sentence, outermost first
    headings: tuple[str, ...] = ()
    #: for frontmatter rules, the key path (``constraints.allowed_paths``)
    key: str | None = None
    #: the sentence before it in the same paragraph or bullet, for "these files" and the like
    previous: str | None = None


def find_rule_sentences(agent: AgentFile) -> tuple[RuleSentence, ...]:
    """Every sentence of ``agent`` that reads as a rule, in file order."""
    found: list[RuleSentence] = []
    found.extend(_frontmatter_sentences(agent))
    blocks = parse_blocks(agent.lines, agent.body_start_line, agent.body_end_line)
    found.extend(_body_sentences(blocks))
    found.sort(key=lambda s: (s.line, s.end_line))
    return tuple(_dedupe(found))


def _dedupe(items: Sequence[RuleSentence]) -> Iterator[RuleSentence]:
    seen: set[tuple[int, int, str]] = set()
    for s in items:
        key = (s.line, s.end_line, s.text)
        if key not in seen:
            seen.add(key)
            yield s


# --- frontmatter -----------------------------------------------------------------------------------


def _frontmatter_sentences(agent: AgentFile) -> Iterator[RuleSentence]:
    if not agent.has_frontmatter:
        return
    for span in agent.fields:
        if span.key in ("tools", "allowed-tools", "allowed_tools", "allowedTools"):
            if agent.tools and not any(can_write(t) and "(" not in t for t in agent.tools):
                text = " ".join(agent.line(n).strip() for n in range(span.line, span.end_line + 1))
                yield RuleSentence(span.line, span.end_line, text, "tools", key=span.key)
        elif span.key == "description":
            yield from _description_sentences(agent, span.line, span.end_line)
        elif span.key not in ("name", "model", "color", "globs", "applyTo"):
            yield from _structured_rules(agent, span.key, span.line, span.end_line)


def _description_sentences(agent: AgentFile, first: int, last: int) -> Iterator[RuleSentence]:
    lines: list[TextLine] = []
    for n in range(first, last + 1):
        raw = agent.line(n)
        if n == first:
            raw = raw.split(":", 1)[1] if ":" in raw else ""
            raw = raw.strip()
            if raw in ("|", ">", "|-", ">-", "|+", ">+"):
                continue
            raw = raw.strip("'\"")
        lines.append(TextLine(n, raw.strip()))
    joined: list[TextLine] = []
    for tl in lines:
        text = _EXAMPLE_TAGS.sub(" ", tl.text.replace("\\n", " "))
        joined.append(TextLine(tl.number, text))
    for sentence in _split_sentences(joined):
        if is_directive(sentence.text) and not re.match(
            r"^\s*(?:use|call|invoke)\b", plain(sentence.text), re.I
        ):
            yield RuleSentence(sentence.line, sentence.end_line, sentence.text, "description")


def _structured_rules(agent: AgentFile, top: str, first: int, last: int) -> Iterator[RuleSentence]:
    """Nested keys that state constraints (``allowed_paths``, ``forbidden_paths``, ``max_file_size``)."""
    n = first
    while n <= last:
        raw = agent.line(n)
        match = re.match(r"^(\s*)([\w-]+)\s*:(.*)$", raw)
        if match is None or not _FRONTMATTER_RULE_KEY.search(match.group(2)):
            n += 1
            continue
        indent = len(match.group(1))
        end = n
        m = n + 1
        while m <= last:
            nxt = agent.line(m)
            if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= indent and not nxt.lstrip().startswith("- "):
                break
            if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= indent and indent > 0:
                break
            if nxt.strip():
                end = m
            m += 1
        value = match.group(3).split("#", 1)[0].strip()
        if value not in ("", "[]", "{}", "null", "~") or end > n:
            text = " ".join(agent.line(k).strip() for k in range(n, end + 1))
            yield RuleSentence(
                n, end, text, "frontmatter", key=f"{top}.{match.group(2)}" if n != first else top
            )
        n = end + 1


# --- body ------------------------------------------------------------------------------------------


@dataclass
class _Context:
    #: (level, text); a bold lead-in ("**Review Checklist:**") counts as a heading half a level deeper
    headings: list[tuple[float, str]]
    lead_in: Block | None = None

    def heading_chain(self) -> tuple[str, ...]:
        return tuple(h for _, h in self.headings)

    @property
    def level(self) -> float:
        return self.headings[-1][0] if self.headings else 0


def _body_sentences(blocks: Sequence[Block]) -> Iterator[RuleSentence]:
    ctx = _Context([])
    parents: list[Block] = []
    previous: Block | None = None
    for block in blocks:
        if block.kind == "heading":
            while ctx.headings and ctx.headings[-1][0] >= block.level:
                ctx.headings.pop()
            heading = block.text
            if _heading_is_rule(heading):
                yield RuleSentence(block.line, block.end_line, heading, headings=ctx.heading_chain())
            ctx.headings.append((block.level, heading))
            ctx.lead_in = None
            parents = []
        elif block.kind == "item":
            if previous is None or previous.kind != "item":
                parents = []
                if previous is not None and previous.kind == "paragraph" and _is_lead_in(previous):
                    ctx.lead_in = previous
                elif previous is None or previous.kind != "paragraph" or not previous.level:
                    ctx.lead_in = None
            sibling = None
            while parents and parents[-1].level >= block.level:
                sibling = parents.pop()
            parent = parents[-1] if parents else None
            yield from _item_sentences(block, parent, ctx, sibling=sibling)
            parents.append(block)
        elif block.kind == "paragraph":
            if block.level > 0 and parents:
                yield from _item_sentences(block, parents[-1], ctx, continued=True)
                continue
            parents = []
            if _is_pseudo_heading(block):
                while ctx.headings and ctx.headings[-1][0] % 1:
                    ctx.headings.pop()
                ctx.headings.append((ctx.level + 0.5, plain(block.text).rstrip(":")))
            yield from _paragraph_sentences(block, ctx)
        elif block.kind == "fence":
            yield from _fence_sentences(block, previous, ctx)
        elif block.kind == "table":
            yield from _table_sentences(block, ctx)
        previous = block


def _heading_is_rule(text: str) -> bool:
    words = plain(text)
    if len(words.split()) < 3 or (words.rstrip().endswith(":") and not is_negative(words)):
        return False
    if re.match(r"^(?:\d+[.)]\s*)?(?:what|when|how|why|which|if)\b", words, re.IGNORECASE):
        return False
    return is_directive(words)


def _is_pseudo_heading(block: Block) -> bool:
    """A paragraph that is one bold phrase (``**Review Checklist:**``): a heading in all but syntax."""
    text = block.text.strip()
    return len(block.lines) == 1 and bool(
        re.fullmatch(r"(?:\*\*|__)[^*_]{2,80}(?:\*\*|__):?|(?:\*\*|__)[^*_]{2,80}:(?:\*\*|__)", text)
    )


def _is_lead_in(block: Block) -> bool:
    text = plain(block.text)
    return text.endswith(":") or (len(text.split()) <= 8 and bool(_NEGATIVE_CONTEXT.search(text)))


def _polarity(text: str | None) -> Polarity | None:
    if not text:
        return None
    prose = plain(text)
    if _EXISTING_CONTEXT.search(prose):
        return "existing"
    if _NEGATIVE_CONTEXT.search(text) or leading_mark(text) == "negative":
        return "negative"
    if is_directive(prose) or starts_instruction(prose) or _RULE_HEADING.search(prose):
        return "positive"
    return None


def _in_rule_section(ctx: _Context) -> bool:
    """Under a rule heading: the nearest one, or its parent unless that is the document's title."""
    if not ctx.headings:
        return False
    nearest = ctx.headings[-1]
    if _RULE_HEADING.search(nearest[1]):
        return True
    if len(ctx.headings) >= 2:
        parent = ctx.headings[-2]
        is_title = parent[0] == 1 and len(ctx.headings) == 2
        return not is_title and bool(_RULE_HEADING.search(parent[1]))
    return False


def _in_template_section(ctx: _Context) -> bool:
    return bool(ctx.headings) and bool(_TEMPLATE_HEADING.search(ctx.headings[-1][1]))


def _item_sentences(
    block: Block,
    parent: Block | None,
    ctx: _Context,
    *,
    continued: bool = False,
    sibling: Block | None = None,
) -> Iterator[RuleSentence]:
    context_block = parent if parent is not None else ctx.lead_in
    context = context_block.text if context_block is not None else None
    polarity = _polarity(context) if parent is None or _is_lead_in(parent) else None
    if polarity is None and parent is not None and ctx.lead_in is not None:
        context, polarity = ctx.lead_in.text, _polarity(ctx.lead_in.text)
    if polarity is None:
        # the nearest heading, or the one above it ("What to flag" > "Critical")
        for _, heading in reversed(ctx.headings[-2:]):
            if _NEGATIVE_CONTEXT.search(heading):
                context, polarity = heading, "negative"
                break
    if context is None and ctx.headings:
        context = ctx.headings[-1][1]
    sentences = list(_split_sentences(block.lines))
    if not sentences:
        return
    first = plain(sentences[0].text)
    ruled = polarity is not None or leading_mark(block.lines[0].text) is not None
    ruled = ruled or (_in_rule_section(ctx) and not _in_template_section(ctx))
    ruled = ruled or (starts_instruction(first) and not _in_template_section(ctx))
    chosen = [s for s in sentences if is_directive(s.text) or (ruled and starts_instruction(s.text))]
    if ruled and len(sentences) > 1 and _BOLD_LEAD.match(block.lines[0].text.strip()):
        # "**Each module owns its schema.** Migrations go under `Db/`.": the bold lead names the rule,
        # the sentences after it state it
        chosen = list(sentences)
    if ruled and not continued and not block.text.rstrip().endswith(":") and sentences[0] not in chosen:
        chosen.insert(0, sentences[0])
    for s in chosen:
        index = sentences.index(s) if s in sentences else 0
        previous = sentences[index - 1].text if index > 0 else (sibling.text if sibling is not None else None)
        # the lead-in governs the bullet itself, not the remarks that follow it
        yield RuleSentence(
            s.line,
            s.end_line,
            s.text,
            context=context,
            context_polarity=polarity if s is sentences[0] else None,
            headings=ctx.heading_chain(),
            previous=previous,
        )


#: a bullet that opens with a whole bold sentence ("**One change per migration.** …")
_BOLD_LEAD = re.compile(r"^(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)[^*_]{3,120}[.!:](?:\*\*|__)\s+\S")


def _paragraph_sentences(block: Block, ctx: _Context) -> Iterator[RuleSentence]:
    context = ctx.headings[-1][1] if ctx.headings else None
    rule_section = _in_rule_section(ctx) and not _in_template_section(ctx)
    # a one-line paragraph that is an instruction ("Follow the steps of the plan in order.")
    single = len(block.lines) == 1 and len(block.text.split()) <= 30 and not _in_template_section(ctx)
    before: str | None = None
    for s in _split_sentences(block.lines):
        text = plain(s.text)
        previous, before = before, s.text
        if text.endswith(":") and (_is_pseudo_heading(block) or _is_bold_lead_in(s.text)):
            continue
        instruction = (rule_section or single or _CONDITIONAL.match(text)) and starts_instruction(text)
        if is_directive(s.text) or instruction:
            yield RuleSentence(
                s.line, s.end_line, s.text, context=context, headings=ctx.heading_chain(), previous=previous
            )


def _is_bold_lead_in(text: str) -> bool:
    return bool(re.fullmatch(r"[^\w]*(?:\*\*|__).+(?:\*\*|__)\s*:?\s*(?:\*\*)?", text.strip()))


def _fence_sentences(block: Block, previous: Block | None, ctx: _Context) -> Iterator[RuleSentence]:
    """Lines of an untyped fence that lists rules (✅ / ❌ lines under a directive lead line), and shell
    lines whose comment states a rule (``cargo fmt   # format — run after every edit``)."""
    if block.marker.lower() in _SHELL_FENCE_INFO:
        for t in block.lines:
            comment = re.search(r"\s#\s+(.*)$", t.text)
            if comment and (
                is_directive(comment.group(1)) or re.search(r"\b(?:run|pass)\b", comment.group(1))
            ):
                yield RuleSentence(t.number, t.number, t.text.strip(), headings=ctx.heading_chain())
        return
    if block.marker.lower() not in _PROSE_FENCE_INFO:
        return
    texts = [t for t in block.lines if t.text.strip()]
    if not texts or any(re.search(r"\[[^\]]+\]|[{};=]|^\s*[#$>]", t.text) for t in texts):
        return
    marked = [t for t in texts if leading_mark(t.text) is not None]
    if len(marked) < max(1, len(texts) // 2):
        return
    lead = texts[0] if leading_mark(texts[0].text) is None else None
    context = lead.text.strip() if lead is not None else (previous.text if previous is not None else None)
    polarity = _polarity(context)
    for t in marked:
        yield RuleSentence(
            t.number,
            t.number,
            t.text.strip(),
            context=context,
            context_polarity=polarity,
            headings=ctx.heading_chain(),
        )


def _table_sentences(block: Block, ctx: _Context) -> Iterator[RuleSentence]:
    cells = [c.strip() for c in block.text.strip().strip("|").split("|")]
    for cell in cells:
        if cell and is_negative(cell) and len(cell.split()) >= 3:
            yield RuleSentence(block.line, block.line, cell, headings=ctx.heading_chain())


# --- splitting prose into sentences --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sentence:
    line: int
    end_line: int
    text: str


def _split_sentences(lines: Sequence[TextLine]) -> Iterator[_Sentence]:
    """Sentences of consecutive text lines, each with the first and last line it occupies."""
    text = ""
    owner: list[int] = []
    for tl in lines:
        piece = tl.text.strip()
        if not piece:
            continue
        if text:
            text += " "
            owner.append(tl.number)
        text += piece
        owner.extend([tl.number] * len(piece))
    if not text:
        return
    masked = CODE_SPAN.sub(lambda m: "x" * len(m.group(0)), text)
    start = 0
    for m in _SENTENCE_END.finditer(masked):
        head = masked[start : m.start()].rstrip()
        if _ABBREVIATIONS.search(head.rstrip("*_\"')]")):
            continue
        yield from _emit(text, owner, start, m.start())
        start = m.end()
    yield from _emit(text, owner, start, len(text))


def _emit(text: str, owner: Sequence[int], start: int, end: int) -> Iterator[_Sentence]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped or not re.search(r"\w", stripped):
        return
    lead = start + (len(chunk) - len(chunk.lstrip()))
    tail = start + len(chunk.rstrip()) - 1
    yield _Sentence(owner[lead], owner[max(lead, tail)], stripped)
