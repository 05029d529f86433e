"""Line changes: the property that added and removed lines turn the base into the head."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scopeguard.analysis.lines import align, diff_lines, line_map

lines = st.lists(st.sampled_from(["a", "b", "c", "", "def f():", "    pass", "}"]), max_size=40)


def apply(
    old: list[str], added: tuple[tuple[int, str], ...], removed: tuple[tuple[int, str], ...]
) -> list[str]:
    removed_numbers = {n for n, _ in removed}
    kept = [t for i, t in enumerate(old, 1) if i not in removed_numbers]
    out = list(kept)
    for number, text in sorted(added):
        out.insert(number - 1, text)
    return out


@given(lines, lines)
def test_added_and_removed_lines_rebuild_the_head(old: list[str], new: list[str]) -> None:
    diff = diff_lines(old, new)
    assert apply(old, diff.added, diff.removed) == new
    for number, text in diff.removed:
        assert old[number - 1] == text
    for number, text in diff.added:
        assert new[number - 1] == text


@given(lines, lines)
def test_line_map_points_into_the_head(old: list[str], new: list[str]) -> None:
    mapping = line_map(old, new)
    assert len(mapping) == len(old) + 1
    assert all(1 <= n <= max(1, len(new)) for n in mapping)


def test_only_the_changed_lines_are_reported() -> None:
    diff = diff_lines(["a", "b", "c", "d"], ["a", "B", "c", "d", "e"])
    assert diff.removed == ((2, "b"),)
    assert diff.added == ((2, "B"), (5, "e"))


def replay(old: list[str], new: list[str], opcodes: list[tuple[str, int, int, int, int]]) -> list[str]:
    """The head rebuilt from the opcodes, checking that they cover both sides in order."""
    out: list[str] = []
    i = j = 0
    for tag, i1, i2, j1, j2 in opcodes:
        assert (i1, j1) == (i, j), opcodes
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
        out.extend(new[j1:j2])
        i, j = i2, j2
    assert (i, j) == (len(old), len(new))
    return out


many = st.lists(st.sampled_from(["a", "b", "c", "}", "  },", *(f"u{n}" for n in range(30))]), max_size=80)


@given(many, many, st.integers(min_value=0, max_value=12), st.integers(min_value=0, max_value=30))
def test_every_alignment_turns_the_base_into_the_head(
    old: list[str], new: list[str], exact: int, heuristic: int
) -> None:
    """Small limits make every path run: exact, cut at unique lines, heuristic, and replaced whole."""
    assert replay(old, new, align(old, new, exact=exact, heuristic=heuristic)) == new


def test_a_regenerated_lock_file_is_aligned_line_for_line() -> None:
    """A lock file whose every fifth line changed: each changed line, and only those, is reported.
    (difflib alone took half a minute over a file like this.)"""
    old = [
        f'    "version": "1.{i}.0",' if i % 5 == 0 else ("  }," if i % 5 == 4 else f'  "pkg-{i}": {{')
        for i in range(30000)
    ]
    new = [line.replace('.0",', '.0-1",') for line in old]
    diff = diff_lines(old, new)
    assert diff.removed == tuple((i + 1, old[i]) for i in range(0, 30000, 5))
    assert diff.added == tuple((i + 1, new[i]) for i in range(0, 30000, 5))
