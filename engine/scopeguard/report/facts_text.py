"""``scopeguard facts --format text``: the elements of a change as a listing grouped by file.

For reading, not parsing (the JSON document is for tools): each file with its status, then one line
per element change (change, kind, name, lines) and its attributes, then notices and a count.
"""

from __future__ import annotations

import json
from typing import Any

from scopeguard.core.model import Notice
from scopeguard.report.documents import ElementEntry, FactsDocument, FileEntry
from scopeguard.report.formats.common import notice_where, one_line, plural, short_revision


def render_facts_text(doc: FactsDocument) -> str:
    files = {f.path: f for f in doc.files}
    elements: dict[str, list[ElementEntry]] = {}
    for e in doc.elements:
        elements.setdefault(e.path, []).append(e)
    lines: list[str] = []
    for path in sorted(set(files) | set(elements)):
        lines.append(_file_heading(path, files.get(path)))
        group = elements.get(path, [])
        change_width = max((len(e.change) for e in group), default=0)
        kind_width = max((len(e.kind) for e in group), default=0)
        for e in group:
            lines.append(f"  {e.change.ljust(change_width)}  {e.kind.ljust(kind_width)}  {_element_head(e)}")
            lines.extend(f"      {name}: {_value(value)}" for name, value in e.attributes.items())
        lines.append("")
    if doc.notices:
        lines.append(plural(len(doc.notices), "notice") + ":")
        for n in doc.notices:
            at = notice_where(Notice(n.message, n.path, n.line))
            lines.append(f"  {one_line(at) + ': ' if at else ''}{one_line(n.message)}")
        lines.append("")
    lines.append(
        f"{plural(len(doc.files), 'changed file')}, {plural(len(doc.elements), 'element change')}; "
        f"base {one_line(short_revision(doc.base))} head {one_line(short_revision(doc.head))}"
    )
    return "\n".join(lines) + "\n"


def _file_heading(path: str, entry: FileEntry | None) -> str:
    if entry is None:
        return one_line(path)
    moved = f" from {one_line(entry.old_path)}" if entry.old_path else ""
    return f"{one_line(path)}  ({entry.status}{moved})"


def _element_head(e: ElementEntry) -> str:
    lines = f"line {e.line}" if e.end_line == e.line else f"lines {e.line}-{e.end_line}"
    out = f"{one_line(e.name)}  {lines}"
    if e.language:
        out += f"  [{one_line(e.language)}]"
    if e.old_name:
        out += f"  (was {one_line(e.old_name)})"
    if e.old_path:
        out += f"  (moved from {one_line(e.old_path)})"
    return out


def _value(value: Any) -> str:
    return one_line(json.dumps(value, ensure_ascii=False))
