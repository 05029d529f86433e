"""Every kind of file change, read four ways: commit range, working tree, index, applied patch.

Each case commits a base tree, then reads a head tree against it as ``BASE..HEAD``, as the working
tree (``scopeguard diff``), as the index (``--staged``) and as ``git diff --binary BASE HEAD``
applied in memory (``BASE --patch FILE``). The four readings must agree exactly on status, names,
modes, object ids and bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scopeguard.core.model import MODE_EXECUTABLE, MODE_FILE, MODE_SYMLINK
from tests.sources.helpers import MODES, Entry, Exe, Link, View, blob_id, read_change, views
from tests.support.gitrepo import GitRepo, fixture

PY = "def f():\n    return 1\n"


def side(repo: GitRepo, path: str, data: bytes, mode: int = MODE_FILE) -> tuple[str, str, str, bytes]:
    return (path, oct(mode), blob_id(repo, data), data)


@pytest.mark.parametrize("mode", MODES)
def test_added_modified_removed(git_repo: GitRepo, tmp_path: Path, mode: str) -> None:
    base = {"keep.txt": "same\n", "app.py": PY, "old.txt": "bye\n"}
    head = {"keep.txt": "same\n", "app.py": PY + "\n\ndef g():\n    return 2\n", "new.txt": "hi\n"}
    changeset = read_change(git_repo, base, head, mode, tmp_path)
    r = git_repo
    assert views(changeset) == [
        (
            "modified",
            "app.py",
            None,
            None,
            None,
            side(r, "app.py", PY.encode()),
            side(r, "app.py", head["app.py"].encode()),
        ),
        ("added", "new.txt", None, None, None, None, side(r, "new.txt", b"hi\n")),
        ("removed", "old.txt", None, None, None, side(r, "old.txt", b"bye\n"), None),
    ]


@pytest.mark.parametrize("mode", MODES)
def test_file_moved_and_edited_is_renamed_with_similarity(
    git_repo: GitRepo, tmp_path: Path, mode: str
) -> None:
    root = fixture("sources/rename-edit")
    changeset = read_change(git_repo, root / "0-base", root / "1-head", mode, tmp_path)
    before = (root / "0-base/src/shop/orders.py").read_bytes()
    after = (root / "1-head/src/shop/orders/model.py").read_bytes()
    init = (root / "1-head/src/shop/orders/__init__.py").read_bytes()
    r = git_repo
    assert views(changeset) == [
        (
            "added",
            "src/shop/orders/__init__.py",
            None,
            None,
            None,
            None,
            side(r, "src/shop/orders/__init__.py", init),
        ),
        (
            "renamed",
            "src/shop/orders/model.py",
            "src/shop/orders.py",
            None,
            94,
            side(r, "src/shop/orders.py", before),
            side(r, "src/shop/orders/model.py", after),
        ),
    ]


@pytest.mark.parametrize("mode", MODES)
def test_copy_is_added_with_copied_from(git_repo: GitRepo, tmp_path: Path, mode: str) -> None:
    body = "".join(f"line {i}\n" for i in range(40))
    base = {"tool.py": body}
    head = {"tool.py": body.replace("line 39", "line thirty-nine"), "tool_copy.py": body}
    changeset = read_change(git_repo, base, head, mode, tmp_path)
    r = git_repo
    assert views(changeset) == [
        (
            "modified",
            "tool.py",
            None,
            None,
            None,
            side(r, "tool.py", body.encode()),
            side(r, "tool.py", head["tool.py"].encode()),
        ),
        ("added", "tool_copy.py", "tool.py", "tool.py", 100, None, side(r, "tool_copy.py", body.encode())),
    ]


@pytest.mark.parametrize("mode", MODES)
def test_binary_content_passes_through(git_repo: GitRepo, tmp_path: Path, mode: str) -> None:
    old = bytes(range(256)) * 64
    new = old[:1000] + b"\x00changed\xff" + old[1010:]
    base = {"logo.png": old, "gone.bin": b"\x00\x01\x02"}
    head = {"logo.png": new, "small.bin": b"\x89PNG\r\n\x1a\n\x00\x00"}
    changeset = read_change(git_repo, base, head, mode, tmp_path)
    r = git_repo
    assert views(changeset) == [
        ("removed", "gone.bin", None, None, None, side(r, "gone.bin", b"\x00\x01\x02"), None),
        ("modified", "logo.png", None, None, None, side(r, "logo.png", old), side(r, "logo.png", new)),
        ("added", "small.bin", None, None, None, None, side(r, "small.bin", b"\x89PNG\r\n\x1a\n\x00\x00")),
    ]


@pytest.mark.parametrize("mode", MODES)
def test_symlinks_carry_their_target(git_repo: GitRepo, tmp_path: Path, mode: str) -> None:
    base: dict[str, Entry] = {"docs/guide.md": "# Guide\n", "current": Link("docs/guide.md")}
    head: dict[str, Entry] = {
        "docs/guide.md": "# Guide\n",
        "current": Link("docs/other.md"),
        "latest": Link("../outside"),
    }
    changeset = read_change(git_repo, base, head, mode, tmp_path)
    r = git_repo
    assert views(changeset) == [
        (
            "modified",
            "current",
            None,
            None,
            None,
            side(r, "current", b"docs/guide.md", MODE_SYMLINK),
            side(r, "current", b"docs/other.md", MODE_SYMLINK),
        ),
        ("added", "latest", None, None, None, None, side(r, "latest", b"../outside", MODE_SYMLINK)),
    ]


@pytest.mark.parametrize("mode", MODES)
def test_mode_only_change_keeps_the_object_id(git_repo: GitRepo, tmp_path: Path, mode: str) -> None:
    script = b"#!/bin/sh\necho hi\n"
    changeset = read_change(git_repo, {"run.sh": script}, {"run.sh": Exe(script)}, mode, tmp_path)
    (change,) = changeset.files
    assert views(changeset) == [
        (
            "modified",
            "run.sh",
            None,
            None,
            None,
            side(git_repo, "run.sh", script),
            side(git_repo, "run.sh", script, MODE_EXECUTABLE),
        )
    ]
    assert change.mode_only


@pytest.mark.parametrize("mode", MODES)
def test_file_replaced_by_symlink(git_repo: GitRepo, tmp_path: Path, mode: str) -> None:
    changeset = read_change(
        git_repo, {"config.yml": "a: 1\n"}, {"config.yml": Link("conf/prod.yml")}, mode, tmp_path
    )
    assert views(changeset) == [
        (
            "modified",
            "config.yml",
            None,
            None,
            None,
            side(git_repo, "config.yml", b"a: 1\n"),
            side(git_repo, "config.yml", b"conf/prod.yml", MODE_SYMLINK),
        )
    ]


@pytest.mark.parametrize("mode", MODES)
def test_crlf_lines_are_kept(git_repo: GitRepo, tmp_path: Path, mode: str) -> None:
    old = b"first\r\nsecond\r\nthird\r\n"
    new = b"first\r\nsecond, edited\r\nthird\r\nfourth"
    changeset = read_change(git_repo, {"win.txt": old}, {"win.txt": new}, mode, tmp_path)
    assert views(changeset) == [
        (
            "modified",
            "win.txt",
            None,
            None,
            None,
            side(git_repo, "win.txt", old),
            side(git_repo, "win.txt", new),
        )
    ]


@pytest.mark.parametrize("mode", MODES)
def test_content_that_is_not_utf8(git_repo: GitRepo, tmp_path: Path, mode: str) -> None:
    old = "naïve = 'café'\n".encode("latin-1")
    new = "naïve = 'crème brûlée'\n".encode("latin-1") + b"\xff\xfe\n"
    changeset = read_change(git_repo, {"legacy.py": old}, {"legacy.py": new}, mode, tmp_path)
    assert views(changeset) == [
        (
            "modified",
            "legacy.py",
            None,
            None,
            None,
            side(git_repo, "legacy.py", old),
            side(git_repo, "legacy.py", new),
        )
    ]


NAMES = [
    "with space.txt",
    'quote"d.txt',
    "tab\there.txt",
    "new\nline.txt",
    "café/Überblick.md",
    "back\\slash.txt",
    "\udcff-not-utf8.txt",
]


@pytest.mark.parametrize("mode", MODES)
def test_unusual_file_names(git_repo: GitRepo, tmp_path: Path, mode: str) -> None:
    base = {name: f"{i}\n" for i, name in enumerate(NAMES)}
    head = {name: f"{i} edited\n" for i, name in enumerate(NAMES)}
    head['renamed to ünïcode "and" spaces.txt'] = "r\n" * 20
    base["plain.txt"] = "r\n" * 20
    changeset = read_change(git_repo, base, head, mode, tmp_path)
    r = git_repo
    expected: list[View] = [
        (
            "modified",
            name,
            None,
            None,
            None,
            side(r, name, f"{i}\n".encode()),
            side(r, name, f"{i} edited\n".encode()),
        )
        for i, name in enumerate(NAMES)
    ]
    expected.append(
        (
            "renamed",
            'renamed to ünïcode "and" spaces.txt',
            "plain.txt",
            None,
            100,
            side(r, "plain.txt", b"r\n" * 20),
            side(r, 'renamed to ünïcode "and" spaces.txt', b"r\n" * 20),
        )
    )
    assert views(changeset) == sorted(expected, key=lambda v: v[1])
