"""Property tests: the analyser and the delta agree with an independent reading by the standard library.

Hypothesis writes a module (classes with bases and methods, functions with parameters, comments and
blank lines in between) and an edit of it (definitions removed, added, renamed, re-bodied, re-signed).
The oracle reads both blobs with ``ast`` alone: the names defined on each side, and for a name on
both sides whether its definition differs. The facts engine must report exactly those names as added
(or renamed to), removed (or renamed from) and modified.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, replace

from hypothesis import given, settings
from hypothesis import strategies as st

from scopeguard.analysis.engine import Facts, Need
from scopeguard.analysis.python import PythonAnalyser
from scopeguard.core.model import Blob, ChangeSet, FileChange

_NAMES = [f"{stem}{i}" for stem in ("alpha", "beta", "gamma", "delta", "omega") for i in range(4)]
_BASES = ["", "object", "BaseModel", "Model", "abc.ABC"]
_EXPRESSIONS = [
    "1",
    "x + 1",
    "json.dumps(x)",
    "[i for i in range(3)]",
    "None",
    "'text'",
    "Model(x=1)",
    "x * 2",
]
_PARAMETERS = ["x", "x, y=1", "x, *, flag=False", "*args, **kwargs", "x: int", "x, /, y"]


@dataclass(frozen=True)
class Function:
    name: str
    parameters: str
    body: tuple[str, ...]
    comment: bool = False

    def render(self, indent: str, method: bool) -> str:
        params = ("self, " + self.parameters if self.parameters else "self") if method else self.parameters
        lines = [f"{indent}def {self.name}({params}):"]
        if self.comment:
            lines.append(f"{indent}    # a comment")
        lines += [f"{indent}    {statement}" for statement in self.body]
        return "\n".join(lines)


@dataclass(frozen=True)
class Class:
    name: str
    base: str
    methods: tuple[Function, ...]

    def render(self) -> str:
        header = f"class {self.name}({self.base}):" if self.base else f"class {self.name}:"
        if not self.methods:
            return header + "\n    pass"
        return header + "\n" + "\n\n".join(m.render("    ", True) for m in self.methods)


Item = Function | Class
PRELUDE = (
    "import abc\nimport json\n\nfrom pydantic import BaseModel\nfrom pydantic import BaseModel as Model\n"
)


def render(items: tuple[Item, ...], spacing: tuple[int, ...]) -> bytes:
    parts = [PRELUDE]
    for i, item in enumerate(items):
        gap = "\n" * (2 + spacing[i % len(spacing)] if spacing else 2)
        parts.append(gap + (item.render() if isinstance(item, Class) else item.render("", False)) + "\n")
    return "".join(parts).encode("utf-8")


def _bodies() -> st.SearchStrategy[tuple[str, ...]]:
    statements = st.sampled_from(_EXPRESSIONS).map(lambda e: f"y = {e}")
    return st.tuples(st.lists(statements, max_size=2), st.sampled_from(_EXPRESSIONS)).map(
        lambda t: (*t[0], f"return {t[1]}")
    )


def _functions(names: list[str]) -> st.SearchStrategy[Function]:
    return st.builds(Function, st.sampled_from(names), st.sampled_from(_PARAMETERS), _bodies(), st.booleans())


@st.composite
def _items(draw: st.DrawFn, count: int | None = None) -> tuple[Item, ...]:
    names = draw(st.lists(st.sampled_from(_NAMES), unique=True, min_size=count or 0, max_size=count or 6))
    out: list[Item] = []
    for name in names:
        if draw(st.booleans()):
            methods = draw(
                st.lists(
                    _functions(["run", "load", "save", "__init__", "_helper"]),
                    max_size=3,
                    unique_by=lambda f: f.name,
                )
            )
            out.append(Class(name.title(), draw(st.sampled_from(_BASES)), tuple(methods)))
        else:
            out.append(draw(_functions([name])))
    return tuple(out)


@st.composite
def _edited(draw: st.DrawFn, items: tuple[Item, ...]) -> tuple[Item, ...]:
    out = list(items)
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["remove", "add", "body", "signature", "rename", "method"]))
        taken = {i.name for i in out}
        if op == "add" or not out:
            new = [i for i in draw(_items(1)) if i.name not in taken]
            out[draw(st.integers(0, len(out))) : 0] = new
            continue
        index = draw(st.integers(0, len(out) - 1))
        item = out[index]
        if op == "remove":
            del out[index]
        elif op == "rename":
            fresh = [n for n in _NAMES if n not in taken and n.title() not in taken]
            name = draw(st.sampled_from(fresh))
            out[index] = replace(item, name=name.title() if isinstance(item, Class) else name)
        elif isinstance(item, Function):
            if op == "signature":
                out[index] = replace(item, parameters=draw(st.sampled_from(_PARAMETERS)))
            else:
                out[index] = replace(item, body=draw(_bodies()))
        elif op == "method" or not item.methods:
            out[index] = replace(
                item, methods=item.methods[:-1] if item.methods else (draw(_functions(["run"])),)
            )
        else:
            m = draw(st.integers(0, len(item.methods) - 1))
            methods = list(item.methods)
            methods[m] = replace(methods[m], body=draw(_bodies()))
            out[index] = replace(item, methods=tuple(methods))
    return tuple(out)


# --- the independent reading -------------------------------------------------------------------


def definitions(data: bytes) -> dict[str, str]:
    """Every class and function by dotted nesting, with a dump of its definition (no positions)."""
    out: dict[str, str] = {}

    def walk(body: list[ast.stmt], prefix: str) -> Iterator[None]:
        for node in body:
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                name = prefix + node.name
                out[name] = ast.dump(node)
                yield from walk(node.body, name + ".")

    for _ in walk(ast.parse(data).body, ""):
        pass
    return out


def facts_of(old: bytes, new: bytes, *, old_path: str = "pkg/mod.py", new_path: str = "pkg/mod.py") -> Facts:
    status = "renamed" if old_path != new_path else "modified"
    change = FileChange(
        status,
        new_path,
        Blob(old_path, data=old),
        Blob(new_path, data=new),
        old_path=old_path if status == "renamed" else None,
    )
    facts = Facts(ChangeSet("base", "head", (change,)), [PythonAnalyser()], jobs=1)
    facts.prepare([Need("class"), Need("function")])
    return facts


@settings(max_examples=150, deadline=None)
@given(_items(), st.data(), st.lists(st.integers(0, 2), min_size=1, max_size=3))
def test_changes_agree_with_an_ast_reading(
    items: tuple[Item, ...], data: st.DataObject, spacing: list[int]
) -> None:
    edited = data.draw(_edited(items))
    old, new = render(items, tuple(spacing)), render(edited, tuple(reversed(spacing)))
    before, after = definitions(old), definitions(new)
    facts = facts_of(old, new)
    changes = [c for kind in ("class", "function") for c in facts.changes(kind)]
    appeared = {
        c.element.name for c in changes if c.change == "added" or (c.change == "renamed" and c.old_name)
    }
    vanished = {c.element.name for c in changes if c.change == "removed"}
    vanished |= {c.old_name for c in changes if c.change == "renamed" and c.old_name}
    assert appeared == after.keys() - before.keys()
    assert vanished == before.keys() - after.keys()
    modified = {c.element.name for c in changes if c.change == "modified"}
    assert modified == {name for name in before.keys() & after.keys() if before[name] != after[name]}
    assert facts.notices == ()


@settings(max_examples=50, deadline=None)
@given(_items())
def test_a_renamed_file_renames_every_definition_and_adds_nothing(items: tuple[Item, ...]) -> None:
    data = render(items, (1,))
    facts = facts_of(data, data, old_path="pkg/old.py", new_path="pkg/new.py")
    changes = [c for kind in ("class", "function") for c in facts.changes(kind)]
    assert {c.change for c in changes} <= {"renamed"}
    assert sorted(c.element.name for c in changes) == sorted(definitions(data))
    assert {c.old_path for c in changes} <= {"pkg/old.py"}
