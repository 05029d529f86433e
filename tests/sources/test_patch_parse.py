"""Reading unified diffs: names (quoted, with spaces), hunks, missing final newlines, bad input."""

from __future__ import annotations

import pytest

from scopeguard.core.errors import UserError
from scopeguard.sources.gitbinary import BinaryPatchError, apply_delta, decode_lines
from scopeguard.sources.names import decode_path, unquote
from scopeguard.sources.patchparse import git_header_names, parse_patch, split_lines


def parse_error(data: bytes) -> str:
    with pytest.raises(UserError) as caught:
        parse_patch(data, "fix.patch")
    return caught.value.render()


def test_unquote_reads_git_octal_and_c_escapes() -> None:
    assert unquote(b'"caf\\303\\251 \\"q\\" \\t\\\\.txt"') == (b'caf\xc3\xa9 "q" \t\\.txt', 28)
    assert decode_path(b"caf\xc3\xa9") == "café"
    assert decode_path(b"\xff.txt") == "\udcff.txt"
    assert unquote(b'"unterminated') is None
    assert unquote(b'"bad \\q escape"') is None


def test_names_of_a_diff_git_line() -> None:
    assert git_header_names(b"diff --git a/src/x.py b/src/x.py\n") == (b"a/src/x.py", b"b/src/x.py")
    assert git_header_names(b"diff --git a/with space b/with space\n") == (b"a/with space", b"b/with space")
    assert git_header_names(b'diff --git "a/t\\tb" "b/t\\tb"\n') == (b"a/t\tb", b"b/t\tb")
    assert git_header_names(b'diff --git a/plain "b/caf\\303\\251"\n') == (b"a/plain", b"b/caf\xc3\xa9")
    assert git_header_names(b"diff --git x y z w\n") is None


def test_split_lines_keeps_crlf_and_a_missing_final_newline() -> None:
    assert split_lines(b"a\r\nb\n\nc") == [b"a\r\n", b"b\n", b"\n", b"c"]
    assert split_lines(b"") == []


def test_hunks_with_no_newline_markers() -> None:
    patch = (
        b"--- a/x.txt\n"
        b"+++ b/x.txt\n"
        b"@@ -1,2 +1,2 @@\n"
        b" same\r\n"
        b"-old\n"
        b"\\ No newline at end of file\n"
        b"+new\n"
        b"\\ No newline at end of file\n"
    )
    (file,) = parse_patch(patch, "fix.patch")
    (hunk,) = file.hunks
    assert (file.old_name, file.new_name, file.git) == (b"a/x.txt", b"b/x.txt", False)
    assert (hunk.line, hunk.old_start, hunk.old_count, hunk.new_start, hunk.new_count) == (3, 1, 2, 1, 2)
    assert hunk.old == (b"same\r\n", b"old")
    assert hunk.new == (b"same\r\n", b"new")
    assert hunk.old_lines == (4, 5)


def test_context_line_without_final_newline_affects_both_sides() -> None:
    patch = b"--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n+b\n end\n\\ No newline at end of file\n"
    (hunk,) = parse_patch(patch, "p").__getitem__(0).hunks
    assert (hunk.old, hunk.new) == ((b"a\n", b"end"), (b"b\n", b"end"))


def test_git_extended_headers() -> None:
    patch = (
        b"From 1234 Mon Sep 17 00:00:00 2001\n"
        b"Subject: [PATCH] move\n"
        b"---\n"
        b"diff --git a/old name.py b/new name.py\n"
        b"old mode 100644\n"
        b"new mode 100755\n"
        b"similarity index 91%\n"
        b"rename from old name.py\n"
        b"rename to new name.py\n"
        b"index 1111111..2222222\n"
        b"--- a/old name.py\t\n"
        b"+++ b/new name.py\t\n"
        b"@@ -1 +1 @@\n"
        b"-x = 1\n"
        b"+x = 2\n"
        b"-- \n"
        b"2.39.5\n"
    )
    (file,) = parse_patch(patch, "p")
    assert (file.git, file.line, file.old_mode, file.new_mode, file.similarity) == (
        True,
        4,
        0o100644,
        0o100755,
        91,
    )
    assert (file.rename_from, file.rename_to) == (b"old name.py", b"new name.py")
    assert (file.old_name, file.new_name) == (b"a/old name.py", b"b/new name.py")
    assert (file.index_old, file.index_new, file.index_mode) == ("1111111", "2222222", None)
    assert [h.old for h in file.hunks] == [(b"x = 1\n",)]


def test_new_and_deleted_files_without_hunks() -> None:
    patch = (
        b"diff --git a/empty.txt b/empty.txt\n"
        b"new file mode 100644\n"
        b"index 0000000..e69de29\n"
        b"diff --git a/gone.bin b/gone.bin\n"
        b"deleted file mode 100755\n"
        b"index 3333333..0000000\n"
        b"Binary files a/gone.bin and /dev/null differ\n"
    )
    empty, gone = parse_patch(patch, "p")
    assert (empty.creates, empty.old_name, empty.new_name, empty.new_mode, empty.hunks) == (
        True,
        None,
        b"b/empty.txt",
        0o100644,
        (),
    )
    assert (gone.deletes, gone.old_name, gone.new_name, gone.old_mode, gone.binary_without_data) == (
        True,
        b"a/gone.bin",
        None,
        0o100755,
        True,
    )


def test_plain_diff_names_with_timestamps() -> None:
    patch = (
        b"diff -ruN old/a.txt new/a.txt\n"
        b"--- old/a.txt\t1970-01-01 00:00:00.000000000 +0000\n"
        b"+++ new/a.txt\t2024-05-01 10:00:00.000000000 +0200\n"
        b"@@ -0,0 +1 @@\n"
        b"+hello\n"
    )
    (file,) = parse_patch(patch, "p")
    assert (file.old_name, file.new_name, file.old_epoch, file.new_epoch) == (
        b"old/a.txt",
        b"new/a.txt",
        True,
        False,
    )
    assert (file.hunks[0].old_count, file.hunks[0].new) == (0, (b"hello\n",))


def test_empty_input_is_not_a_patch() -> None:
    assert parse_error(b"  \n") == (
        "fix.patch: error: the patch is empty\n"
        "  give the output of `git diff` (or `git diff --binary` for binary files) or of `diff -u`"
    )


def test_text_without_hunks_is_not_a_patch() -> None:
    assert parse_error(b"Just some notes.\nNothing to apply.\n") == (
        "fix.patch: error: not a patch: no unified diff hunks found\n"
        "  give the output of `git diff` (or `git diff --binary` for binary files) or of `diff -u`"
    )


def test_context_diff_is_named() -> None:
    context = b"*** a.txt\t2024\n--- a.txt\t2024\n***************\n*** 1 ****\n! a\n--- 1 ----\n! b\n"
    assert parse_error(context) == (
        "fix.patch: error: not a patch: no unified diff hunks found\n"
        "  context diffs (`diff -c`) are not supported; "
        "give the output of `git diff` (or `git diff --binary` for binary files) or of `diff -u`"
    )


def test_truncated_hunk() -> None:
    patch = b"--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n"
    assert parse_error(patch) == (
        "fix.patch:5:1: error: the patch ends inside the hunk at line 3: "
        "1 expected and 2 new lines are missing\n"
        "     5 | -b\n"
        "       | ^"
    )


def test_unexpected_line_inside_a_hunk() -> None:
    patch = b"--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n*b\n+c\n"
    assert parse_error(patch) == (
        "fix.patch:5:1: error: unexpected line in the hunk at line 3 "
        "(1 expected and 1 new lines were still to come)\n"
        "     5 | *b\n"
        "       | ^\n"
        "  expected a line starting with ' ', '-', '+' or '\\'"
    )


def test_malformed_hunk_header() -> None:
    patch = b"diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,x +1 @@\n"
    assert parse_error(patch) == (
        "fix.patch:4:1: error: malformed hunk header\n"
        "     4 | @@ -1,x +1 @@\n"
        "       | ^\n"
        "  expected '@@ -LINE,COUNT +LINE,COUNT @@'"
    )


def test_git_delta_format() -> None:
    source = b"0123456789abcdef"
    # header: source size 16, target size 9; copy 4 bytes from offset 2; insert "xyz"; copy 2 from 14
    delta = bytes([16, 9, 0x80 | 0x01 | 0x10, 2, 4, 3]) + b"xyz" + bytes([0x80 | 0x01 | 0x10, 14, 2])
    assert apply_delta(source, delta) == b"2345xyzef"
    with pytest.raises(BinaryPatchError, match="made for 16 bytes of old content, not 3"):
        apply_delta(b"abc", delta)


def test_base85_lines() -> None:
    import base64
    import zlib

    data = bytes((i * 7919) % 251 for i in range(3000)) + b"binary\x00payload"
    packed = zlib.compress(data)
    lines = []
    for start in range(0, len(packed), 52):
        chunk = packed[start : start + 52]
        marker = chr(ord("A") + len(chunk) - 1) if len(chunk) <= 26 else chr(ord("a") + len(chunk) - 27)
        padded = chunk + b"\0" * (-len(chunk) % 4)
        lines.append(marker.encode() + base64.b85encode(padded) + b"\n")
    assert decode_lines(lines, len(data)) == data
    assert len(lines) > 3 and len(lines[-1]) < len(lines[0])
    with pytest.raises(BinaryPatchError, match="inflates to 3014 bytes, not the announced 3016"):
        decode_lines(lines, 3016)
    with pytest.raises(BinaryPatchError, match="line 2 of the binary hunk is not base85 data"):
        decode_lines([lines[0], b"z" + b"\x7f" * 65 + b"\n", *lines[2:]], len(data))
