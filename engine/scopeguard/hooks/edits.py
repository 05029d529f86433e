"""The file an agent's edit tool is about to write: Write, Edit, MultiEdit and NotebookEdit, redone.

The Claude Code hook runs before the tool, so it rebuilds the file the tool would leave and checks that
instead of a diff that does not exist yet. These functions repeat the tools' own rules closely enough
that the result is what lands on disk:

- ``Edit``/``MultiEdit`` work on text whose CRLF line endings read as LF, and write the file back with
  its own line endings and encoding; an ``old_string`` that is not in the file is looked up again with
  curly quotes read as straight ones, as the tool does.
- Where the tool itself would refuse (the string is missing or not unique, the file is absent, the
  notebook has no such cell), :class:`ToolWouldFail` says why: nothing is written, so nothing needs
  checking, and the tool reports the problem to the agent in its own words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

from scopeguard.core.text import decode

CellType = Literal["code", "markdown"]
EditMode = Literal["replace", "insert", "delete"]

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
#: the id given to a cell the hook inserts; the tool makes a random one, which no rule can look at
PROPOSED_CELL_ID = "scopeguard-proposed-cell"


class ToolWouldFail(Exception):
    """The edit tool would refuse this input and write nothing."""


@dataclass(frozen=True, slots=True)
class WriteFile:
    """``Write``: the whole new content of the file."""

    content: str


@dataclass(frozen=True, slots=True)
class Replacement:
    old: str
    new: str
    replace_all: bool = False


@dataclass(frozen=True, slots=True)
class EditFile:
    """``Edit`` (one replacement) or ``MultiEdit`` (several, applied in order, all or none)."""

    replacements: tuple[Replacement, ...]


@dataclass(frozen=True, slots=True)
class NotebookCellEdit:
    """``NotebookEdit``: replace, insert (after ``cell_id``, or first) or delete one cell."""

    new_source: str
    cell_id: str | None = None
    cell_type: CellType | None = None
    edit_mode: EditMode = "replace"


ToolEdit = WriteFile | EditFile | NotebookCellEdit


def proposed_content(edit: ToolEdit, current: bytes | None) -> bytes:
    """The bytes the tool would leave in the file whose bytes are ``current`` (``None``: absent)."""
    if isinstance(edit, WriteFile):
        return _encode(edit.content, "utf-8")
    if isinstance(edit, EditFile):
        return _edit_text(edit, current)
    return _edit_notebook(edit, current)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _encode(text: str, encoding: str) -> bytes:
    """``text`` as the tool writes it: in the file's encoding, or UTF-8 when that encoding cannot hold
    it (a '€' into a Latin-1 file); lone surrogates, which a JavaScript string may hold, as U+FFFD."""
    text = _LONE_SURROGATE.sub("\ufffd", text)
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8")


# --- Edit / MultiEdit ----------------------------------------------------------------------------


def _edit_text(edit: EditFile, current: bytes | None) -> bytes:
    first = edit.replacements[0] if edit.replacements else None
    if current is None:
        # the tools create a file only from an empty ``old_string``
        if first is None or first.old != "":
            raise ToolWouldFail("the file does not exist")
        text, encoding, crlf = "", "utf-8", False
    else:
        decoded = decode(current)
        if decoded is None:
            raise ToolWouldFail("the file is binary")
        text, encoding = decoded.text, decoded.encoding
        crlf = "\r\n" in text
        if crlf:
            text = text.replace("\r\n", "\n")
    for number, replacement in enumerate(edit.replacements, 1):
        text = _replace(text, replacement, number, creating=current is None and number == 1)
    if crlf:
        text = text.replace("\n", "\r\n")
    return _encode(text, encoding)


def _replace(text: str, r: Replacement, number: int, *, creating: bool) -> str:
    which = f"edit {number}: " if number > 1 else ""
    if r.old == r.new:
        raise ToolWouldFail(f"{which}old_string and new_string are the same")
    if r.old == "":
        if creating or text == "":
            return r.new
        raise ToolWouldFail(f"{which}an empty old_string only creates a file, and this one has content")
    old = _actual_string(text, r.old)
    if old is None:
        raise ToolWouldFail(f"{which}old_string is not in the file")
    if r.replace_all:
        return text.replace(old, r.new)
    if text.count(old) > 1:
        raise ToolWouldFail(f"{which}old_string occurs {text.count(old)} times and replace_all is not set")
    return text.replace(old, r.new, 1)


def _actual_string(text: str, old: str) -> str | None:
    """``old`` as it is written in ``text``: exactly, or with straight quotes standing for curly ones."""
    if old in text:
        return old
    # the translation maps one character to one character, so positions in both texts agree
    at = text.translate(_QUOTES).find(old.translate(_QUOTES))
    return None if at < 0 else text[at : at + len(old)]


# --- NotebookEdit --------------------------------------------------------------------------------


def _edit_notebook(edit: NotebookCellEdit, current: bytes | None) -> bytes:
    if current is None:
        raise ToolWouldFail("the notebook does not exist")
    try:
        notebook = json.loads(current.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise ToolWouldFail("the notebook is not valid JSON") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise ToolWouldFail("the notebook has no list of cells")
    index = _cell_index(cells, edit.cell_id)
    if edit.edit_mode == "insert":
        if edit.cell_type is None:
            raise ToolWouldFail("a cell type is required to insert a cell")
        cells.insert(0 if index is None else index + 1, _new_cell(edit.new_source, edit.cell_type))
    elif index is None:
        raise ToolWouldFail(f"a cell id is required to {edit.edit_mode} a cell")
    elif edit.edit_mode == "delete":
        del cells[index]
    else:
        _replace_cell(cells[index], edit)
    return _encode(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", "utf-8")


def _cell_index(cells: list[Any], cell_id: str | None) -> int | None:
    """The index of the cell named ``cell_id`` (its ``id``, or ``cell-N`` for the N-th, 0-based)."""
    if cell_id is None or cell_id == "":
        return None
    for i, cell in enumerate(cells):
        if isinstance(cell, dict) and cell.get("id") == cell_id:
            return i
    prefix, _, number = cell_id.partition("-")
    if prefix == "cell" and number.isdigit() and int(number) < len(cells):
        return int(number)
    raise ToolWouldFail(f"the notebook has no cell '{cell_id}'")


def _new_cell(source: str, cell_type: CellType) -> dict[str, Any]:
    cell: dict[str, Any] = {"cell_type": cell_type, "id": PROPOSED_CELL_ID, "metadata": {}, "source": source}
    if cell_type == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _replace_cell(cell: Any, edit: NotebookCellEdit) -> None:
    if not isinstance(cell, dict):
        raise ToolWouldFail("the cell is not a JSON object")
    cell["source"] = edit.new_source
    if edit.cell_type is not None:
        cell["cell_type"] = edit.cell_type
    if cell.get("cell_type") == "code":
        cell["execution_count"] = None
        cell["outputs"] = []
    else:
        cell.pop("execution_count", None)
        cell.pop("outputs", None)
