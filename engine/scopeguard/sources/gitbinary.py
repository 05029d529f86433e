"""Git's binary patches (``git diff --binary``): base85 lines, zlib, and the copy/insert delta format.

A binary hunk is either the whole new content (``literal``) or a delta against the old content
(``delta``); both are zlib-compressed and written as base85 lines whose first character gives the
line's byte count. Git uses the same base85 alphabet as :func:`base64.b85decode`.
"""

from __future__ import annotations

import base64
import zlib


class BinaryPatchError(ValueError):
    """A binary hunk that cannot be decoded or does not fit the content it is applied to."""


def line_length(marker: int) -> int | None:
    """The byte count a base85 line announces with its first character (``A``=1 .. ``z``=52)."""
    if 0x41 <= marker <= 0x5A:
        return marker - 0x41 + 1
    if 0x61 <= marker <= 0x7A:
        return marker - 0x61 + 27
    return None


def decode_lines(lines: list[bytes], size: int) -> bytes:
    """The inflated bytes of a binary hunk's base85 lines; ``size`` is the announced inflated size."""
    packed = bytearray()
    run: list[bytes] = []  # whole lines (no padding), decoded together: one call instead of one per line
    first = 1
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip(b"\r\n")
        count = line_length(line[0]) if line else None
        if count is None or (len(line) - 1) % 5 != 0 or (len(line) - 1) // 5 * 4 < count:
            raise BinaryPatchError(f"line {number} of the binary hunk is not base85 data")
        if count % 4 == 0 and len(line) - 1 == count // 4 * 5:
            run.append(line[1:])
            continue
        packed += _b85(run, first) + _b85([line[1:]], number)[:count]
        run, first = [], number + 1
    packed += _b85(run, first)
    try:
        data = zlib.decompress(bytes(packed))
    except zlib.error as exc:
        raise BinaryPatchError("the binary hunk does not inflate (corrupt or truncated)") from exc
    if len(data) != size:
        raise BinaryPatchError(f"the binary hunk inflates to {len(data)} bytes, not the announced {size}")
    return data


def _b85(lines: list[bytes], first: int) -> bytes:
    """Base85 lines decoded in one call; on bad data, the number of the first line that is bad."""
    try:
        return base64.b85decode(b"".join(lines))
    except ValueError:
        for number, line in enumerate(lines, first):
            try:
                base64.b85decode(line)
            except ValueError as exc:
                raise BinaryPatchError(f"line {number} of the binary hunk is not base85 data") from exc
        raise BinaryPatchError(f"line {first} of the binary hunk is not base85 data") from None


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data):
            raise BinaryPatchError("the binary delta ends inside its header")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def apply_delta(source: bytes, delta: bytes) -> bytes:
    """``source`` transformed by a git delta (a header of both sizes, then copy and insert codes)."""
    try:
        return _apply_delta(source, delta)
    except IndexError as exc:
        raise BinaryPatchError("the binary delta ends inside a copy instruction") from exc


def _apply_delta(source: bytes, delta: bytes) -> bytes:
    expected_source, pos = _varint(delta, 0)
    target_size, pos = _varint(delta, pos)
    if expected_source != len(source):
        raise BinaryPatchError(
            f"the binary delta was made for {expected_source} bytes of old content, not {len(source)}"
        )
    out = bytearray()
    end = len(delta)
    while pos < end:
        op = delta[pos]
        pos += 1
        if op & 0x80:
            offset = size = 0
            for i in range(4):
                if op & (1 << i):
                    offset |= delta[pos] << (8 * i)
                    pos += 1
            for i in range(3):
                if op & (0x10 << i):
                    size |= delta[pos] << (8 * i)
                    pos += 1
            size = size or 0x10000
            if offset + size > len(source):
                raise BinaryPatchError("the binary delta copies beyond the end of the old content")
            out += source[offset : offset + size]
        elif op:
            if pos + op > end:
                raise BinaryPatchError("the binary delta ends inside inserted data")
            out += delta[pos : pos + op]
            pos += op
        else:
            raise BinaryPatchError("the binary delta has a reserved opcode 0")
    if len(out) != target_size:
        raise BinaryPatchError(f"the binary delta produced {len(out)} bytes, not the announced {target_size}")
    return bytes(out)
