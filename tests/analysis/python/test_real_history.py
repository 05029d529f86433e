"""A real project's history: ItsDangerous 2.0.1 -> 2.1.0 (two PyPI sdists committed as two revisions).

The release removes the JSON Web Signature serializers and a deprecated shim and chains re-raised
exceptions. The facts must say exactly that, agree with a standard-library ``ast`` reading of every
changed file, and be the same whether files are analysed in one process or several.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.facts import summary
from tests.support.gitrepo import FIXTURES, GitRepo

from scopeguard.analysis.engine import Facts, Need
from scopeguard.analysis.registry import analysers
from scopeguard.sources.repository import Repository

RELEASES = FIXTURES / "real" / "itsdangerous"
JWS = "src/itsdangerous/jws.py"
JSON = "src/itsdangerous/_json.py"


def _facts(tmp_path: Path, jobs: int) -> tuple[Facts, Repository, str]:
    repo = GitRepo(tmp_path / "repo")
    old = repo.commit(RELEASES / "0-2.0.1", "2.0.1")
    new = repo.commit(RELEASES / "1-2.1.0", "2.1.0")  # the whole tree replaced, as a release replaces it
    repository = Repository.open(repo.path)
    facts = Facts(
        repository.changes(f"{old}..{new}"), [a for a in analysers() if a.name == "python"], jobs=jobs
    )
    facts.prepare([Need("class"), Need("function"), Need("import")])
    return facts, repository, f"{old}..{new}"


def test_the_release_removes_the_jws_serializers_and_the_json_shim(tmp_path: Path) -> None:
    facts, _, _ = _facts(tmp_path, jobs=1)
    changed = [row for row in summary(facts, "class", "function") if not row[3].startswith("tests/")]
    assert changed == [
        ("modified", "class", "Serializer", "src/itsdangerous/serializer.py", 25, None, None),
        ("modified", "class", "URLSafeSerializerMixin", "src/itsdangerous/url_safe.py", 12, None, None),
        (
            "modified",
            "function",
            "Serializer.load_payload",
            "src/itsdangerous/serializer.py",
            137,
            None,
            None,
        ),
        (
            "modified",
            "function",
            "URLSafeSerializerMixin.load_payload",
            "src/itsdangerous/url_safe.py",
            20,
            None,
            None,
        ),
        ("modified", "function", "base64_decode", "src/itsdangerous/encoding.py", 28, None, None),
        ("removed", "class", "DeprecatedJSON", JSON, 20, None, None),
        ("removed", "class", "JSONWebSignatureSerializer", JWS, 23, None, None),
        ("removed", "class", "TimedJSONWebSignatureSerializer", JWS, 186, None, None),
        ("removed", "function", "DeprecatedJSON.__getattribute__", JSON, 21, None, None),
        ("removed", "function", "JSONWebSignatureSerializer.__init__", JWS, 44, None, None),
        ("removed", "function", "JSONWebSignatureSerializer.dump_payload", JWS, 118, None, None),
        ("removed", "function", "JSONWebSignatureSerializer.dumps", JWS, 155, None, None),
        ("removed", "function", "JSONWebSignatureSerializer.load_payload", JWS, 76, None, None),
        ("removed", "function", "JSONWebSignatureSerializer.loads", JWS, 164, None, None),
        ("removed", "function", "JSONWebSignatureSerializer.loads_unsafe", JWS, 181, None, None),
        ("removed", "function", "JSONWebSignatureSerializer.make_algorithm", JWS, 127, None, None),
        ("removed", "function", "JSONWebSignatureSerializer.make_header", JWS, 150, None, None),
        ("removed", "function", "JSONWebSignatureSerializer.make_signer", JWS, 133, None, None),
        ("removed", "function", "TimedJSONWebSignatureSerializer.__init__", JWS, 200, None, None),
        ("removed", "function", "TimedJSONWebSignatureSerializer.get_issue_date", JWS, 244, None, None),
        ("removed", "function", "TimedJSONWebSignatureSerializer.loads", JWS, 216, None, None),
        ("removed", "function", "TimedJSONWebSignatureSerializer.make_header", JWS, 208, None, None),
        ("removed", "function", "TimedJSONWebSignatureSerializer.now", JWS, 258, None, None),
    ]
    breaking = sorted(
        c.element.name for k in ("class", "function") for c in facts.changes(k) if c.details.get("breaking")
    )
    assert breaking == sorted(
        row[2] for row in changed if row[3] == JWS
    )  # the private _json module breaks no one
    load_payload = next(c for c in facts.changes("function") if c.element.name == "Serializer.load_payload")
    assert (load_payload.details["body_changed"], load_payload.details["signature_changed"]) == (True, False)
    removed_imports = sorted(
        c.element.name for c in facts.changes("import") if c.element.path == "src/itsdangerous/__init__.py"
    )
    assert removed_imports == [
        "itsdangerous._json.json",
        "itsdangerous.jws.JSONWebSignatureSerializer",
        "itsdangerous.jws.TimedJSONWebSignatureSerializer",
    ]
    assert facts.notices == ()


def _definitions(data: bytes | None) -> dict[str, str]:
    """Classes and functions by dotted nesting (blocks add no level), with a position-free dump."""
    out: dict[str, str] = {}
    defs = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, defs):
                out[prefix + node.name] = ast.dump(node)
                walk(node.body, prefix + node.name + ".")
                continue
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    walk([child], prefix)
                elif isinstance(child, (ast.ExceptHandler, ast.match_case)):
                    walk(child.body, prefix)

    if data is not None:
        walk(ast.parse(data).body, "")
    return out


def test_every_changed_file_agrees_with_an_ast_reading(tmp_path: Path) -> None:
    facts, _, _ = _facts(tmp_path, jobs=1)
    for change in facts.files:
        if not change.path.endswith(".py"):
            continue
        before = _definitions(facts.contents.get(change.old))
        after = _definitions(facts.contents.get(change.new))
        ours = [
            c
            for k in ("class", "function")
            for c in facts.changes(k)
            if change.path in (c.element.path, c.old_path)
        ]
        assert {c.element.name for c in ours if c.change == "removed"} == before.keys() - after.keys()
        assert {c.element.name for c in ours if c.change == "added"} == after.keys() - before.keys()
        assert {c.element.name for c in ours if c.change == "modified"} == {
            n for n in before.keys() & after.keys() if before[n] != after[n]
        }


def test_forked_workers_agree_on_a_real_release(tmp_path: Path) -> None:
    one, _, _ = _facts(tmp_path / "one", jobs=1)
    two, _, _ = _facts(tmp_path / "two", jobs=2)
    assert summary(two, "class", "function", "import") == summary(one, "class", "function", "import")
