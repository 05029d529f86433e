"""Line changes: the property that added and removed lines turn the base into the head."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scopeguard.analysis.lines import diff_lines, line_map

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
