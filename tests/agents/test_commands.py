"""``scopeguard compile``, ``explain`` and ``diff --agent`` on real repositories built from fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scopeguard.report.documents import CompileDocument
from tests.support.cli import run
from tests.support.gitrepo import GitRepo, fixture
from tests.support.golden import GOLDEN, assert_golden, mask

ROOT = Path(__file__).resolve().parents[2]
IMPLEMENTER = "agents/backend-feature-implementer.md"


def _project_files() -> dict[str, str]:
    files = {
        f"agents/{p.name}": p.read_text(encoding="utf-8") for p in sorted((ROOT / "agents").glob("*.md"))
    }
    files["policies/worked-example.scope"] = (ROOT / "policies/worked-example.scope").read_text(
        encoding="utf-8"
    )
    return files


@pytest.fixture
def backend(git_repo: GitRepo) -> GitRepo:
    """The worked example's backend with the project's agent files and vocabulary, committed."""
    git_repo.write(fixture("agents/backend/base"))
    git_repo.commit(_project_files(), "base", replace=False)
    return git_repo


def test_compile_json_is_the_documented_document(backend: GitRepo) -> None:
    result = run(["compile", IMPLEMENTER, "--format", "json"], cwd=backend.path)
    assert result.code == 0, result.stderr
    document = CompileDocument.model_validate_json(result.stdout)
    assert document.agent.name == "backend-feature-implementer"
    assert document.agent.path == IMPLEMENTER
    assert document.agent.tools == ["Read", "Write", "Edit", "Grep", "Glob", "Bash"]
    assert document.agent.model == "sonnet"
    first = document.sentences[0]
    assert (first.line, first.end_line, first.status, first.category, first.rules, first.reason) == (
        21,
        21,
        "enforced",
        "no-new-types",
        ["backend-feature-implementer-L21-no-new-types"],
        None,
    )
    assert first.text == "NEVER create new tabularium types - only use existing ones"
    assert document.policy == (GOLDEN / "agents/backend-feature-implementer.scope").read_text(
        encoding="utf-8"
    )
    assert list(json.loads(result.stdout)) == ["schema_version", "agent", "sentences", "policy"]


def test_compile_text_output(backend: GitRepo, update_golden: bool) -> None:
    result = run(["compile", IMPLEMENTER], cwd=backend.path)
    assert result.code == 0, result.stderr
    assert_golden("agents/compile-backend-feature-implementer.txt", result.stdout, update_golden)


def test_compile_every_configured_agent_file_as_a_list(backend: GitRepo) -> None:
    result = run(["compile", "--format", "json"], cwd=backend.path)
    assert result.code == 0, result.stderr
    paths = [d["agent"]["path"] for d in json.loads(result.stdout)]
    assert paths == sorted(f for f in _project_files() if f.startswith("agents/"))


def test_strict_fails_while_a_sentence_is_not_understood(backend: GitRepo) -> None:
    assert run(["compile", IMPLEMENTER, "--strict"], cwd=backend.path).code == 1
    backend.write(
        {"agents/tidy.md": "---\nname: tidy\n---\n\n- Never edit `vendor/`.\n- No `print(` calls.\n"}
    )
    result = run(["compile", "agents/tidy.md", "--strict", "--format", "json"], cwd=backend.path)
    assert result.code == 0, result.stdout
    statuses = [s["status"] for s in json.loads(result.stdout)["sentences"]]
    assert statuses == ["enforced", "enforced"]


def test_compile_outside_a_repository_uses_the_built_in_vocabulary(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    agent = ROOT / IMPLEMENTER
    result = run(["compile", str(agent), "--format", "json"], cwd=outside)
    assert result.code == 0, result.stderr
    sentences = {s["line"]: s for s in json.loads(result.stdout)["sentences"]}
    assert sentences[21]["status"] == "not-understood"
    assert sentences[21]["reason"] == (
        "no concept is known as 'tabularium types': add `aka \"tabularium types\"` to a concept in the "
        "repository's policy"
    )
    assert sentences[22]["rules"] == ["backend-feature-implementer-L22-no-new-infrastructure"]


def test_compile_errors_name_the_file(backend: GitRepo) -> None:
    missing = run(["compile", "agents/nope.md"], cwd=backend.path)
    assert missing.code == 2
    assert "agents/nope.md" in missing.stderr and "no such file" in missing.stderr
    backend.write({"agents/blob.md": b"\x00\x01\x02"})
    binary = run(["compile", "agents/blob.md"], cwd=backend.path)
    assert binary.code == 2
    assert "agents/blob.md: error: not a text file (binary content)" in binary.stderr


def _findings(stdout: str) -> list[tuple[str, str, int, int | None, str | None]]:
    document = json.loads(stdout)
    return [
        (
            f["rule"],
            f["path"],
            f["line"],
            f["source"]["line"] if f["source"] else None,
            f["source"]["text"] if f["source"] else None,
        )
        for f in document["findings"]
    ]


NO_NEW_TYPES = "NEVER create new tabularium types - only use existing ones"
NO_NEW_INFRA = (
    "NEVER add new cloud infrastructure components (Lambda functions, API Gateway routes, databases, etc.)"
)


def _expected_breaks() -> list[tuple[str, str, int, int | None, str | None]]:
    types = "backend-feature-implementer-L21-no-new-types"
    infra = "backend-feature-implementer-L22-no-new-infrastructure"
    protect = "backend-feature-implementer-L23-protect"
    tests = "backend-feature-implementer-L24-tests-required"
    return [
        (tests, "backend/pkg/handler/findings/list.go", 6, 24, "Write unit tests for all new functions."),
        (types, "pkg/model/model/finding.go", 6, 21, NO_NEW_TYPES),
        (types, "pkg/model/model/finding.go", 12, 21, NO_NEW_TYPES),
        (protect, "template.yml", 1, 23, "Do not modify `template.yml` or anything under `.github/`."),
        (infra, "template.yml", 19, 22, NO_NEW_INFRA),
        (infra, "template.yml", 26, 22, NO_NEW_INFRA),
    ]


def test_diff_with_agent_finds_a_new_type_and_a_new_lambda_function(backend: GitRepo) -> None:
    backend.commit(fixture("agents/backend/breaks"), "Add findings", replace=False)
    result = run(
        ["diff", "HEAD~1..HEAD", "--agent", "backend-feature-implementer", "--format", "json"],
        cwd=backend.path,
    )
    assert result.code == 1, result.stderr
    assert _findings(result.stdout) == _expected_breaks()


def test_the_agent_trailer_selects_the_agent(backend: GitRepo) -> None:
    backend.commit(
        fixture("agents/backend/breaks"), "Add findings\n\nAgent: backend-feature-implementer", replace=False
    )
    result = run(["diff", "HEAD~1..HEAD", "--format", "json"], cwd=backend.path)
    assert json.loads(result.stdout)["agent"] == "backend-feature-implementer"
    assert _findings(result.stdout) == _expected_breaks()


def test_a_change_that_keeps_the_rules_passes(backend: GitRepo) -> None:
    backend.commit(fixture("agents/backend/keeps"), "Count done scans", replace=False)
    result = run(
        ["diff", "HEAD~1..HEAD", "--agent", "backend-feature-implementer", "--format", "json"],
        cwd=backend.path,
    )
    assert result.code == 0, result.stdout
    assert _findings(result.stdout) == []


def test_explain_a_compiled_rule(backend: GitRepo, update_golden: bool) -> None:
    result = run(["explain", "backend-feature-implementer-L21-no-new-types"], cwd=backend.path)
    assert result.code == 0, result.stderr
    assert_golden("agents/explain-no-new-types.txt", mask(result.stdout, backend.path), update_golden)


def test_explain_an_unknown_rule_suggests_the_closest(backend: GitRepo) -> None:
    result = run(["explain", "backend-feature-implementer-L21-no-new-type"], cwd=backend.path)
    assert result.code == 2
    assert "did you mean 'backend-feature-implementer-L21-no-new-types'?" in result.stderr


def test_explain_a_rule_of_a_policy_file(backend: GitRepo) -> None:
    backend.write(
        {
            "policies/limits.scope": (
                "rule narrow-focus:\n    severity warning\n    limit files <= 30\n"
                '    because "Keep changes small" at "agents/x.md:3"\n'
            )
        }
    )
    result = run(["explain", "narrow-focus"], cwd=backend.path)
    assert result.code == 0, result.stderr
    assert result.stdout == (
        "rule narrow-focus (warning)\n"
        "  defined in policies/limits.scope\n"
        "  from the sentence at agents/x.md:3:\n"
        '    "Keep changes small"\n'
        "\n"
        "  rule narrow-focus:\n"
        "      severity warning\n"
        "      limit files <= 30\n"
        '      because "Keep changes small" at "agents/x.md:3"\n'
        "\n"
        "  it stops, for example:\n"
        "    - a change whose files is 31 (the limit is 30)\n"
    )


def test_an_agent_block_acknowledges_its_own_sentences(backend: GitRepo) -> None:
    backend.write(
        {
            "policies/acks.scope": (
                "agent backend-feature-implementer:\n"
                '    acknowledge "Implement the feature with the existing types."\n'
            )
        }
    )
    result = run(["compile", IMPLEMENTER, "--format", "json"], cwd=backend.path)
    assert result.code == 0, result.stderr
    statuses = {s["line"]: s["status"] for s in json.loads(result.stdout)["sentences"]}
    assert statuses[32] == "acknowledged"
    assert statuses[27] == "acknowledged"
    assert statuses[31] == "not-understood"
