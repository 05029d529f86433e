"""What an analyser is: something that reads one side of one file and names the elements in it.

An analyser never touches git or the filesystem: it gets bytes and a path and returns elements. It
declares which element kinds it can produce and which paths it may apply to (a cheap test, so that
a file no active rule needs is never read); content checks (is this YAML a CloudFormation template?)
happen in ``extract``, which returns no elements for a file that is not of its kind.

Matching base and head elements into changes is done once, for every analyser, by ``delta``; an
analyser only says how two versions of a matched element differ (``compare``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from scopeguard.core.model import AttrValue, Element, Notice, Side
from scopeguard.core.text import DecodedText, decode


class AnalysisError(Exception):
    """The file cannot be analysed (syntax error, unknown encoding, ...): becomes a notice."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(slots=True)
class SourceFile:
    """One side of one file, as an analyser sees it."""

    path: str
    data: bytes
    side: Side
    _decoded: DecodedText | None = field(default=None, repr=False)
    _decoded_done: bool = field(default=False, repr=False)

    @property
    def decoded(self) -> DecodedText | None:
        """The decoded text, or ``None`` for binary content."""
        if not self._decoded_done:
            self._decoded = decode(self.data)
            self._decoded_done = True
        return self._decoded

    @property
    def text(self) -> str:
        decoded = self.decoded
        if decoded is None:
            raise AnalysisError("binary content")
        return decoded.text


@dataclass(frozen=True, slots=True)
class FileFacts:
    elements: tuple[Element, ...] = ()
    notices: tuple[Notice, ...] = ()


EMPTY_FACTS = FileFacts()


class Analyser(Protocol):
    #: a stable name, part of cache keys and notices ("python", "go", "cloudformation", ...)
    name: str
    #: the element kinds it can produce
    kinds: frozenset[str]

    @property
    def version(self) -> str:
        """Bumped when the analyser's output changes, so that cached facts are not reused."""
        ...

    def accepts(self, path: str) -> bool:
        """Whether a file at this path may hold elements of this analyser (no content read)."""
        ...

    def extract(self, source: SourceFile, kinds: frozenset[str]) -> FileFacts:
        """Elements of the requested kinds in one side of one file. Raises ``AnalysisError``."""
        ...

    def compare(self, before: Element, after: Element) -> Mapping[str, AttrValue]:
        """What differs between two versions of the same element whose digests differ."""
        ...
