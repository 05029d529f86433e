"""The public JSON documents, defined once as pydantic models (DESIGN §6).

``scopeguard diff --format json``, ``scopeguard facts --format json`` and ``scopeguard compile
--format json`` write these models and nothing else, and their JSON Schemas (shipped under
``scopeguard/schemas``) are generated from them, so what tools validate against is what scopeguard
writes. Field order is the contract's order; keys whose order the contract leaves open (element
attributes) are sorted. Output is deterministic: no timestamps, ``\\n`` line ends, UTF-8 text.

This module imports pydantic and is imported only by the commands that write JSON, never on the
hook's path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import (
    BaseModel,
    ConfigDict,
    RootModel,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
    model_serializer,
)
from typing_extensions import TypeAliasType

from scopeguard import __version__
from scopeguard.core.errors import UserError
from scopeguard.core.model import (
    AttrValue,
    ElementChange,
    FileChange,
    Finding,
    Notice,
    Report,
    SentenceCategory,
    Severity,
)
from scopeguard.report.formats.common import json_text

SCHEMA_VERSION: Literal[1] = 1

SeverityName = Literal["error", "warning", "info"]
ChangeName = Literal["added", "removed", "modified", "renamed"]
SentenceStatus = Literal["enforced", "acknowledged", "not-understood"]
#: an element attribute as JSON: scalars and (nested) lists
AttributeValue = TypeAliasType(
    "AttributeValue",
    "str | int | float | bool | list[AttributeValue] | None",
)
Attributes: TypeAlias = dict[str, AttributeValue]


class _Document(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- scopeguard diff --------------------------------------------------------------------------


class Tool(_Document):
    name: str
    version: str


class Summary(_Document):
    files_changed: int
    findings: int
    errors: int
    warnings: int
    infos: int


class ElementRef(_Document):
    """What the finding is about; all null for a change-wide finding."""

    kind: str | None
    name: str | None
    type: str | None


class SourceRef(_Document):
    """The agent-file sentence the rule was compiled from."""

    path: str
    line: int
    text: str


class FindingEntry(_Document):
    """One finding. ``path`` .. ``end_column`` are the head-side place (null for a change-wide
    finding); ``base_path`` and ``base_line`` name the base-side place of removed code."""

    rule: str
    severity: SeverityName
    message: str
    change: ChangeName | None
    element: ElementRef
    path: str | None
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None
    source: SourceRef | None
    fingerprint: str
    base_path: str | None
    base_line: int | None


class NoticeEntry(_Document):
    """Something the run could not do fully (a file it could not analyse); not fatal."""

    path: str | None
    message: str
    line: int | None


class DiffDocument(_Document):
    """``scopeguard diff --format json``."""

    schema_version: Literal[1]
    tool: Tool
    base: str | None
    head: str
    agent: str | None
    summary: Summary
    findings: list[FindingEntry]
    notices: list[NoticeEntry]


# --- scopeguard facts -------------------------------------------------------------------------


class FileEntry(_Document):
    status: ChangeName
    path: str
    old_path: str | None


class ElementEntry(_Document):
    """An element change as rules see it. ``old_name`` is present only when the name changed;
    a removed element gives its base-side path and lines."""

    change: ChangeName
    kind: str
    language: str | None
    name: str
    path: str
    old_path: str | None
    old_name: Annotated[str | None, WithJsonSchema({"title": "Old Name", "type": "string"})] = None
    line: int
    end_line: int
    attributes: Attributes

    @model_serializer(mode="wrap")
    def _omit_absent_old_name(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("old_name") is None:
            data.pop("old_name", None)
        return data


class FactsDocument(_Document):
    """``scopeguard facts --format json``."""

    schema_version: Literal[1]
    base: str | None
    head: str
    files: list[FileEntry]
    elements: list[ElementEntry]
    notices: list[NoticeEntry]


# --- scopeguard compile -----------------------------------------------------------------------


class AgentEntry(_Document):
    name: str
    path: str
    tools: list[str]
    model: str | None


class SentenceEntry(_Document):
    """A sentence of an agent file that reads as a rule, and what became of it."""

    line: int
    end_line: int
    text: str
    status: SentenceStatus
    category: SentenceCategory
    rules: list[str]
    reason: str | None


class CompileDocument(_Document):
    """``scopeguard compile --format json`` for one agent file."""

    schema_version: Literal[1]
    agent: AgentEntry
    sentences: list[SentenceEntry]
    policy: str


class CompileOutput(RootModel[CompileDocument | list[CompileDocument]]):
    """What ``scopeguard compile --format json`` writes: one document, or a list for several files."""


# --- building and writing ---------------------------------------------------------------------


def diff_document(report: Report) -> DiffDocument:
    return DiffDocument(
        schema_version=SCHEMA_VERSION,
        tool=Tool(name="scopeguard", version=__version__),
        base=report.base,
        head=report.head,
        agent=report.agent,
        summary=Summary(
            files_changed=report.files_changed,
            findings=len(report.findings),
            errors=report.count(Severity.ERROR),
            warnings=report.count(Severity.WARNING),
            infos=report.count(Severity.INFO),
        ),
        findings=[_finding(f) for f in report.findings],
        notices=notice_entries(report.notices),
    )


def _finding(f: Finding) -> FindingEntry:
    loc, base = f.location, f.base_location
    return FindingEntry(
        rule=f.rule,
        severity=f.severity.value,
        message=f.message,
        change=f.change,
        element=ElementRef(kind=f.element_kind, name=f.element_name, type=f.element_type),
        path=loc.path if loc else None,
        line=loc.span.line if loc else None,
        column=loc.span.column if loc else None,
        end_line=loc.span.end_line if loc else None,
        end_column=loc.span.end_column if loc else None,
        source=SourceRef(path=f.source.path, line=f.source.line, text=f.source.text) if f.source else None,
        fingerprint=f.fingerprint,
        base_path=base.path if base else None,
        base_line=base.span.line if base else None,
    )


def notice_entries(notices: Iterable[Notice]) -> list[NoticeEntry]:
    return [NoticeEntry(path=n.path, message=n.message, line=n.line) for n in notices]


def facts_document(
    base: str | None,
    head: str,
    files: Sequence[FileChange],
    elements: Sequence[ElementChange],
    notices: Iterable[Notice],
) -> FactsDocument:
    """What the engine sees in a change: files by path, elements by path, line, kind and name."""
    return FactsDocument(
        schema_version=SCHEMA_VERSION,
        base=base,
        head=head,
        files=[
            FileEntry(status=f.status, path=f.path, old_path=f.old_path)
            for f in sorted(files, key=lambda f: (f.path, f.old_path or ""))
        ],
        elements=sorted((_element(c) for c in elements), key=_element_order),
        notices=notice_entries(notices),
    )


def _element(c: ElementChange) -> ElementEntry:
    e = c.element
    return ElementEntry(
        change=c.change,
        kind=e.kind,
        language=e.language,
        name=e.name,
        path=e.path,
        old_path=c.old_path,
        old_name=c.old_name,
        line=e.span.line,
        end_line=e.span.last_line,
        attributes=merged_attributes(e.attributes, c.details),
    )


def _element_order(e: ElementEntry) -> tuple[str, int, str, str, str]:
    return (e.path, e.line, e.kind, e.name, e.change)


def merged_attributes(*sources: Mapping[str, AttrValue]) -> dict[str, Any]:
    """Attributes then change details (a detail wins a clash), tuples as lists, keys sorted."""
    merged: dict[str, AttrValue] = {}
    for source in sources:
        merged.update(source)
    return {k: _json_value(merged[k]) for k in sorted(merged)}


def _json_value(value: AttrValue) -> Any:
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    return value


def to_json(document: BaseModel | Sequence[BaseModel]) -> str:
    """A document (or a list of them) as deterministic JSON text: indented, UTF-8, ending in ``\\n``."""
    if isinstance(document, BaseModel):
        data: Any = document.model_dump(mode="json")
    else:
        data = [d.model_dump(mode="json") for d in document]
    return json_text(data)


def render_facts(doc: FactsDocument, format: str) -> str:
    """``scopeguard facts`` output: the JSON document, or a readable listing grouped by file."""
    if format == "json":
        return to_json(doc)
    if format == "text":
        from scopeguard.report.facts_text import render_facts_text

        return render_facts_text(doc)
    raise UserError(f"unknown facts format '{format}'; expected 'json' or 'text'")
