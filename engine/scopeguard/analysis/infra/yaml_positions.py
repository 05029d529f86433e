"""YAML and JSON documents loaded with 1-based positions on every mapping, list and string.

Infrastructure files are YAML (or JSON, which the YAML parser reads too) whose elements must point at a
line: a CloudFormation resource at its logical id, a route at its event. PyYAML's composed nodes carry
0-based marks; this loader keeps them, converted once, on the values it builds (``MarkedDict``,
``MarkedList``, ``MarkedStr``), the way cfn-lint's loader does. CloudFormation's short intrinsic tags
(``!Ref``, ``!GetAtt``, ``!Sub``, ``!If``, ...) load as the long form (``{"Ref": ...}``,
``{"Fn::GetAtt": [...]}``), so a template reads the same whichever form it uses; any other local tag
(``!include`` of other tools) loads the same way instead of failing.

The C parser (libyaml) is used when PyYAML was built with it. PyYAML is imported by this module only,
and this module only when an analyser needs it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column."""

    line: int
    column: int


_ORIGIN = Position(1, 1)


class MarkedDict(dict[Any, Any]):
    """A mapping that knows where it starts and ends and where each of its keys stands."""

    start: Position
    end: Position
    key_positions: dict[Any, Position]

    def __init__(self, start: Position = _ORIGIN, end: Position = _ORIGIN) -> None:
        super().__init__()
        self.start = start
        self.end = end
        self.key_positions = {}

    def key_position(self, key: Any) -> Position:
        return self.key_positions.get(key, self.start)


class MarkedList(list[Any]):
    """A sequence that knows where it starts and ends."""

    start: Position
    end: Position

    def __init__(self, start: Position = _ORIGIN, end: Position = _ORIGIN) -> None:
        super().__init__()
        self.start = start
        self.end = end


class MarkedStr(str):
    """A string scalar that knows where it stands."""

    start: Position
    end: Position

    def __new__(cls, value: str, start: Position = _ORIGIN, end: Position = _ORIGIN) -> MarkedStr:
        obj = super().__new__(cls, value)
        obj.start = start
        obj.end = end
        return obj


class DocumentError(Exception):
    """The text is not a single well-formed YAML or JSON document."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _last(value: Any, default: Position) -> Position:
    """Where a constructed value really ends (a block node's own end mark runs on to the next key;
    a flow node's, ``{...}`` or ``[...]`` as in JSON, is just after its closing bracket)."""
    end = getattr(value, "end", None)
    return end if isinstance(end, Position) else default


def _scalar_end(node: Any) -> Position:
    return _position(node.end_mark)


class _MarkedLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader whose mappings, sequences and strings carry positions."""


def _construct_mapping(loader: Any, node: Any) -> MarkedDict:
    loader.flatten_mapping(node)
    result = MarkedDict(_position(node.start_mark))
    end = result.start
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "found an unhashable mapping key", key_node.start_mark
            ) from None
        value = loader.construct_object(value_node, deep=True)
        result[key] = value
        result.key_positions[key] = _position(key_node.start_mark)
        end = max(end, _last(value, _scalar_end(value_node)), key=lambda p: (p.line, p.column))
    result.end = end if node.value and not node.flow_style else _position(node.end_mark)
    return result


def _construct_sequence(loader: Any, node: Any) -> MarkedList:
    result = MarkedList(_position(node.start_mark))
    end = result.start
    for child in node.value:
        value = loader.construct_object(child, deep=True)
        result.append(value)
        end = max(end, _last(value, _scalar_end(child)), key=lambda p: (p.line, p.column))
    result.end = end if node.value and not node.flow_style else _position(node.end_mark)
    return result


def _construct_string(loader: Any, node: Any) -> MarkedStr:
    return MarkedStr(loader.construct_scalar(node), _position(node.start_mark), _position(node.end_mark))


def _construct_tagged(loader: Any, suffix: str, node: Any) -> MarkedDict:
    """``!Ref X`` as ``{"Ref": "X"}``, ``!GetAtt A.B`` as ``{"Fn::GetAtt": ["A", "B"]}``, ``!Sub`` ..."""
    if isinstance(node, yaml.ScalarNode):
        value: Any = _construct_string(loader, node)
    elif isinstance(node, yaml.SequenceNode):
        value = _construct_sequence(loader, node)
    else:
        value = _construct_mapping(loader, node)
    name = suffix if suffix in ("Ref", "Condition") else f"Fn::{suffix}"
    if suffix == "GetAtt" and isinstance(value, MarkedStr):
        head, _, tail = value.partition(".")
        parts = MarkedList(value.start, value.end)
        parts.extend([MarkedStr(head, value.start, value.end), MarkedStr(tail, value.start, value.end)])
        value = parts
    result = MarkedDict(_position(node.start_mark), _last(value, _scalar_end(node)))
    result[name] = value
    result.key_positions[name] = result.start
    return result


_MarkedLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_MarkedLoader.add_constructor("tag:yaml.org,2002:omap", _construct_mapping)
_MarkedLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_MarkedLoader.add_constructor("tag:yaml.org,2002:str", _construct_string)
# CloudFormation reads an unquoted 2010-09-09 as a string, not a date
_MarkedLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_string)
_MarkedLoader.add_multi_constructor("!", _construct_tagged)


_OPENINGS = frozenset(
    {"while parsing a flow sequence", "while parsing a flow mapping", "while scanning a quoted scalar"}
)


def load(text: str, *, json_like: bool = False) -> Any:
    """The single document in ``text``, with positions. Raises ``DocumentError``.

    ``json_like``: the text is JSON, whose tabs YAML does not accept as indentation; they are read as
    spaces (a JSON string cannot hold a raw tab, so no value changes).
    """
    if json_like:
        text = text.replace("\t", " ")
    loader = _MarkedLoader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        # an unclosed bracket or quote is reported where it opened; other problems where they are
        opened = exc.context in _OPENINGS and exc.context_mark is not None
        mark = exc.context_mark if opened else (exc.problem_mark or exc.context_mark)
        line = None if mark is None else mark.line + 1
        raise DocumentError(_describe(exc), line) from None
    except yaml.YAMLError as exc:
        raise DocumentError(str(exc).splitlines()[0] if str(exc) else "not a YAML document") from None
    except RecursionError:
        raise DocumentError("nested too deeply") from None
    finally:
        loader.dispose()


def _describe(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "; ".join(parts) if parts else "not a YAML document"


def looks_like_json(text: str) -> bool:
    stripped = text.lstrip("\ufeff \t\r\n")
    return stripped.startswith(("{", "["))


def walk_strings(value: Any) -> Iterator[str]:
    """Every string inside a loaded value, keys excluded, depth first."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
