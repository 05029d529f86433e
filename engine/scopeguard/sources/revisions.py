"""Revision ranges as the command line takes them, and what to say when a revision is missing.

A missing revision is most often not a typo but a shallow clone: CI checks out one commit, and the
base of the pull request is simply not there. The message says which of the two it is and, for a
shallow clone, exactly what to fetch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from scopeguard.core.errors import Diagnostic, UserError, did_you_mean

FETCH_HINT = (
    "fetch the missing history: `git fetch --deepen=<n>` (n more commits) or `git fetch --unshallow`; "
    "in GitHub Actions, set `fetch-depth: 0` on actions/checkout"
)


_NAME = re.compile(r"[\w./-]+")
_HEX = re.compile(r"[0-9a-fA-F]{7,64}")


@dataclass(frozen=True, slots=True)
class RangeSpec:
    """What a RANGE argument asks for.

    ``head`` is ``None`` for the working tree. ``merge_base`` means the base is the merge-base of
    ``base`` and ``head`` (``A...B``). ``implicit`` marks the default ``HEAD`` of an absent RANGE,
    which may not exist yet in a repository without commits.
    """

    base: str
    head: str | None = None
    merge_base: bool = False
    implicit: bool = False
    text: str | None = None


def parse_range(text: str | None) -> RangeSpec:
    """``A..B``, ``A...B`` (either side defaults to HEAD), ``A`` alone, or ``None``."""
    if text is None:
        return RangeSpec("HEAD", implicit=True)
    if not text.strip():
        raise UserError(diagnostics=[Diagnostic("empty RANGE", expected="BASE..HEAD, BASE...HEAD or BASE")])
    not_a_range = UserError(
        diagnostics=[
            Diagnostic(f"'{text}' is not a revision range", expected="BASE..HEAD, BASE...HEAD or BASE")
        ]
    )
    if text.startswith("-"):
        raise not_a_range
    for separator, merge_base in (("...", True), ("..", False)):
        if separator in text:
            left, right = text.split(separator, 1)
            if ".." in right or right.startswith("."):  # a second separator: no name holds '..'
                raise not_a_range
            return RangeSpec(left or "HEAD", right or "HEAD", merge_base, text=text)
    return RangeSpec(text, text=text)


#: a revision counted back from a name: ``main~3``, ``HEAD^2``, ``v1.0^^``
_ANCESTRY = re.compile(r"(?P<name>[^~^]+)(?:[~^][0-9]*)+")
GIVE_A_COMMIT = "give a commit: a branch, a tag of a commit, a commit id or HEAD~N"


def not_a_commit(rev: str, kind: str) -> UserError:
    """``rev`` is there but names a tree, a blob or a tag of one, which has no change to check."""
    return UserError(
        diagnostics=[Diagnostic(f"revision '{rev}' is a {kind}, not a commit", suggestion=GIVE_A_COMMIT)]
    )


def missing_revision(
    rev: str, *, shallow: bool, names: Iterable[str], unborn: bool = False, start_exists: bool = False
) -> UserError:
    """``unknown revision 'x'``, with the fetch hint in a shallow clone, or a "did you mean".

    ``start_exists``: ``rev`` counts back from a commit that is there (``main~3``), so the history is
    shorter than the count; when that commit is missing too, it is the one to fetch.
    """
    message = f"unknown revision '{rev}': not a commit in this repository"
    ancestry = _ANCESTRY.fullmatch(rev)
    name = ancestry.group("name") if ancestry is not None else rev
    known = set(names)
    close = (
        did_you_mean(name, known)
        if _NAME.fullmatch(name) and not _HEX.fullmatch(name) and name not in known
        else None
    )
    if shallow:
        message += " (a shallow clone: the commit may be in the history that was not fetched)"
        suggestion = FETCH_HINT + (f"; or {close}" if close else "")
    elif unborn and rev == "HEAD":
        suggestion = "the repository has no commits yet: run without a RANGE to check the working tree"
    elif ancestry is not None and start_exists:
        suggestion = "the history is shorter than that: count the commits with `git log --oneline`"
    elif close:
        suggestion = close
    elif _NAME.fullmatch(name):
        remote, _, branch = name.partition("/") if name.startswith("origin/") else ("", "", name)
        suggestion = f"check the name, or fetch it first: git fetch origin {branch if remote else name}"
    else:
        suggestion = GIVE_A_COMMIT
    return UserError(diagnostics=[Diagnostic(message, suggestion=suggestion)])


def missing_merge_base(left: str, right: str, *, shallow: bool) -> UserError:
    if shallow:
        return UserError(
            diagnostics=[
                Diagnostic(
                    f"no merge-base of '{left}' and '{right}' in this shallow clone: "
                    "the history that joins them was not fetched",
                    suggestion=FETCH_HINT,
                )
            ]
        )
    return UserError(
        diagnostics=[
            Diagnostic(
                f"'{left}' and '{right}' have no common ancestor, so '{left}...{right}' has no base",
                suggestion=f"compare the two commits directly: {left}..{right}",
            )
        ]
    )
