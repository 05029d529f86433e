"""Rebuilding the file an edit tool would leave: Write, Edit, MultiEdit and NotebookEdit."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scopeguard.hooks.edits import (
    PROPOSED_CELL_ID,
    EditFile,
    NotebookCellEdit,
    Replacement,
    ToolWouldFail,
    WriteFile,
    proposed_content,
)


def edit(old: str, new: str, replace_all: bool = False) -> EditFile:
    return EditFile((Replacement(old, new, replace_all),))


def test_write_is_the_content_as_utf8() -> None:
    assert (
        proposed_content(WriteFile("package model\n// café\n"), b"old\n")
        == "package model\n// café\n".encode()
    )


def test_write_creates_a_file() -> None:
    assert proposed_content(WriteFile("x = 1\n"), None) == b"x = 1\n"


def test_edit_replaces_the_one_occurrence() -> None:
    assert proposed_content(edit("b = 2", "b = 3"), b"a = 1\nb = 2\n") == b"a = 1\nb = 3\n"


def test_edit_replace_all_replaces_every_occurrence() -> None:
    assert proposed_content(edit("x", "y", replace_all=True), b"x x\nx\n") == b"y y\ny\n"


def test_edit_of_a_string_that_is_not_unique_would_fail() -> None:
    with pytest.raises(ToolWouldFail, match="occurs 2 times and replace_all is not set"):
        proposed_content(edit("x", "y"), b"x\nx\n")


def test_edit_of_a_missing_string_would_fail() -> None:
    with pytest.raises(ToolWouldFail, match="old_string is not in the file"):
        proposed_content(edit("nowhere", "y"), b"x\n")


def test_edit_that_changes_nothing_would_fail() -> None:
    with pytest.raises(ToolWouldFail, match="are the same"):
        proposed_content(edit("x", "x"), b"x\n")


def test_edit_of_a_missing_file_would_fail_unless_it_creates_it() -> None:
    with pytest.raises(ToolWouldFail, match="does not exist"):
        proposed_content(edit("x", "y"), None)
    assert proposed_content(edit("", "new file\n"), None) == b"new file\n"


def test_empty_old_string_on_a_file_with_content_would_fail() -> None:
    with pytest.raises(ToolWouldFail, match="only creates a file"):
        proposed_content(edit("", "y"), b"content\n")


def test_edit_keeps_crlf_line_endings() -> None:
    before = b"def f():\r\n    return 1\r\n"
    assert proposed_content(edit("    return 1\n", "    return 2\n    # done\n"), before) == (
        b"def f():\r\n    return 2\r\n    # done\r\n"
    )


def test_edit_finds_curly_quotes_written_as_straight_ones() -> None:
    before = "msg = “hello” + ‘x’\n".encode()
    assert proposed_content(edit('msg = "hello"', 'msg = "bye"'), before) == 'msg = "bye" + ‘x’\n'.encode()


def test_edit_keeps_a_byte_order_mark_and_the_encoding() -> None:
    assert proposed_content(edit("a", "b"), b"\xef\xbb\xbfa\n") == b"\xef\xbb\xbfb\n"
    assert proposed_content(edit("a", "é"), "a\n".encode("utf-16")) == "é\n".encode("utf-16")


def test_text_the_files_encoding_cannot_hold_is_written_as_utf8() -> None:
    """A Latin-1 file (read as such when it is not UTF-8) given a '€', and lone surrogates, which a
    JavaScript string may hold and Node writes as U+FFFD: the file the tool leaves, not an internal error."""
    assert proposed_content(edit("x = 1", 'x = "€"'), 'name = "café"\nx = 1\n'.encode("latin-1")) == (
        'name = "café"\nx = "€"\n'.encode()
    )
    assert proposed_content(edit("x = 1", "x = 2"), 'name = "café"\nx = 1\n'.encode("latin-1")) == (
        'name = "café"\nx = 2\n'.encode("latin-1")
    )
    assert proposed_content(WriteFile('s = "\ud800"\n'), None) == 's = "\ufffd"\n'.encode()
    assert proposed_content(edit("a", "\udc00"), b"a\n") == "\ufffd\n".encode()
    cell = notebook({"cell_type": "code", "id": "c1", "metadata": {}, "source": "a", "outputs": []})
    proposed = proposed_content(NotebookCellEdit("\ud83d", cell_id="c1"), cell)
    assert json.loads(proposed)["cells"][0]["source"] == "\ufffd"


def test_edit_of_a_binary_file_would_fail() -> None:
    with pytest.raises(ToolWouldFail, match="binary"):
        proposed_content(edit("a", "b"), b"a\x00b")


def test_multi_edit_applies_edits_in_order_all_or_none() -> None:
    edits = EditFile((Replacement("a = 1", "a = 10"), Replacement("a = 10\nb", "a = 10\nc")))
    assert proposed_content(edits, b"a = 1\nb = 2\n") == b"a = 10\nc = 2\n"
    failing = EditFile((Replacement("a = 1", "a = 10"), Replacement("zzz", "y")))
    with pytest.raises(ToolWouldFail, match="edit 2: old_string is not in the file"):
        proposed_content(failing, b"a = 1\n")


def test_multi_edit_may_create_a_file_with_its_first_edit() -> None:
    edits = EditFile((Replacement("", "a = 1\n"), Replacement("a = 1", "a = 2")))
    assert proposed_content(edits, None) == b"a = 2\n"


@given(
    st.text(alphabet="ab\n xy", max_size=40),
    st.text(alphabet="cd\n", min_size=1, max_size=8),
    st.text(alphabet="ab\n xy", max_size=40),
    st.text(alphabet="xyz\n", max_size=8),
)
def test_edit_agrees_with_a_plain_replacement(prefix: str, old: str, suffix: str, new: str) -> None:
    text = prefix + old + suffix
    first = text.find(old)
    if text.find(old, first + 1) != -1 or old == new:  # unique, overlaps included
        return
    assert proposed_content(edit(old, new), text.encode()) == (prefix + new + suffix).encode()


@given(
    st.lists(st.text(alphabet="ab ", max_size=6), min_size=1, max_size=6), st.text(alphabet="xy", max_size=5)
)
def test_crlf_files_are_edited_as_lf_and_written_back_as_crlf(lines: list[str], new: str) -> None:
    marker = "MARK"
    lf = "\n".join([*lines, marker, ""])
    crlf = lf.replace("\n", "\r\n")
    replacement = edit(marker + "\n", new + "\nend\n")
    expected = proposed_content(replacement, lf.encode()).decode().replace("\n", "\r\n").encode()
    assert proposed_content(replacement, crlf.encode()) == expected


# --- notebooks ---------------------------------------------------------------------------------------


def notebook(*cells: dict[str, object]) -> bytes:
    data = {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return (json.dumps(data, indent=1) + "\n").encode()


CODE = {
    "cell_type": "code",
    "id": "c1",
    "metadata": {},
    "execution_count": 3,
    "outputs": [{"x": 1}],
    "source": "x = 1",
}
TEXT = {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": "# Title"}


def cells_of(data: bytes) -> list[dict[str, object]]:
    cells = json.loads(data)["cells"]
    assert isinstance(cells, list)
    return cells


def test_notebook_replace_sets_the_source_and_clears_outputs() -> None:
    out = cells_of(proposed_content(NotebookCellEdit("import os", "c1"), notebook(TEXT, CODE)))
    assert out[1] == {
        "cell_type": "code",
        "id": "c1",
        "metadata": {},
        "execution_count": None,
        "outputs": [],
        "source": "import os",
    }
    assert out[0] == TEXT


def test_notebook_insert_goes_after_the_cell_or_first() -> None:
    after = cells_of(
        proposed_content(NotebookCellEdit("y = 2", "m1", "code", "insert"), notebook(TEXT, CODE))
    )
    assert [c["id"] for c in after] == ["m1", PROPOSED_CELL_ID, "c1"]
    assert after[1]["source"] == "y = 2"
    assert after[1]["outputs"] == []
    first = cells_of(proposed_content(NotebookCellEdit("note", None, "markdown", "insert"), notebook(CODE)))
    assert [c["id"] for c in first] == [PROPOSED_CELL_ID, "c1"]
    assert "outputs" not in first[0]


def test_notebook_delete_and_cell_numbers() -> None:
    out = cells_of(proposed_content(NotebookCellEdit("", "cell-0", None, "delete"), notebook(TEXT, CODE)))
    assert [c["id"] for c in out] == ["c1"]


def test_notebook_edits_the_tool_would_refuse() -> None:
    with pytest.raises(ToolWouldFail, match="no cell 'nope'"):
        proposed_content(NotebookCellEdit("x", "nope"), notebook(CODE))
    with pytest.raises(ToolWouldFail, match="cell type is required"):
        proposed_content(NotebookCellEdit("x", "c1", None, "insert"), notebook(CODE))
    with pytest.raises(ToolWouldFail, match="cell id is required"):
        proposed_content(NotebookCellEdit("x"), notebook(CODE))
    with pytest.raises(ToolWouldFail, match="not valid JSON"):
        proposed_content(NotebookCellEdit("x", "c1"), b"{not json")
    with pytest.raises(ToolWouldFail, match="does not exist"):
        proposed_content(NotebookCellEdit("x", "c1"), None)


def test_an_unchanged_notebook_written_as_jupyter_does_keeps_its_other_lines() -> None:
    before = notebook(TEXT, CODE)
    after = proposed_content(NotebookCellEdit("# Title", "m1", "markdown"), before)
    assert after == before
