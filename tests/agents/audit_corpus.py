"""Print what every enforced sentence of the shared corpus compiled to, for a person to review.

The corpus scorer checks *that* a labelled sentence is enforced, not *what* it compiled to, so a rule
that checks the opposite of its sentence, the wrong files, or a word taken literally from the prose
passes unnoticed. This script compiles each corpus file as the scorer does (built-in vocabulary only)
and prints, per enforced sentence: its file and lines, the heading and lead-in it stands under, the
sentence, and each compiled rule with its severity and statements — the things a reviewer must read
to judge whether the rule checks what the sentence says.

Run by hand (pytest does not collect it):

    .venv/bin/python tests/agents/audit_corpus.py [--file ID] [--status enforced|all] [--labels]

``--labels`` adds the hand label that overlaps the sentence (category, checkable) when there is one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "engine"))

from scopeguard.agents.compiler import ENFORCED, CompiledAgent, compile_agent  # noqa: E402
from scopeguard.agents.reader import read_agent_file  # noqa: E402
from scopeguard.agents.sentences import RuleSentence, find_rule_sentences  # noqa: E402
from scopeguard.policy.printer import format_statement  # noqa: E402
from scopeguard.policy.resolve import PolicySet  # noqa: E402
from scopeguard.policy.vocabulary import load_policies  # noqa: E402


def _labels() -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    path = CORPUS / "labels.jsonl"
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        out.setdefault(str(label["id"]), []).append(label)
    return out


def _span(label: dict[str, object]) -> tuple[int, int]:
    first, _, last = str(label["line"]).partition("-")
    return int(first), int(last or first)


def _where(sentence: RuleSentence | None) -> str:
    """The heading chain and lead-in a sentence stands under, in one line."""
    if sentence is None:
        return ""
    parts = [" > ".join(sentence.headings)] if sentence.headings else []
    if sentence.context and (not sentence.headings or sentence.context != sentence.headings[-1]):
        parts.append(f"lead-in: {sentence.context[:100]}")
    return " | ".join(parts)


def audit(
    compiled: CompiledAgent,
    found: Sequence[RuleSentence],
    labels: Sequence[dict[str, object]],
    *,
    everything: bool,
    show_labels: bool,
) -> Iterator[str]:
    """Lines of the review for one compiled agent file."""
    by_line = {(s.line, s.end_line, s.text): s for s in found}
    rules = {r.id: r for r in compiled.rules}
    for s in compiled.sentences:
        if s.status != ENFORCED and not everything:
            continue
        span = f"{s.line}" if s.line == s.end_line else f"{s.line}-{s.end_line}"
        yield f"  L{span} [{s.status} {s.category}] {s.text[:220]}"
        where = _where(by_line.get((s.line, s.end_line, s.text)))
        if where:
            yield f"      under: {where[:200]}"
        if show_labels:
            for label in labels:
                low, high = _span(label)
                if s.line <= high and s.end_line >= low:
                    yield f"      label: {label['category']} checkable={label['checkable_on_diff']}"
        for rule_id in s.rules:
            rule = rules.get(rule_id)
            if rule is None:
                yield f"      = {rule_id} (shared with an earlier sentence)"
                continue
            yield f"      = {rule.severity}: " + "; ".join(format_statement(st) for st in rule.statements)
        if s.reason:
            yield f"      reason: {s.reason[:200]}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", action="append", help="corpus id(s) to audit (default: all)")
    parser.add_argument("--status", choices=("enforced", "all"), default="enforced")
    parser.add_argument("--labels", action="store_true", help="show the overlapping hand labels")
    args = parser.parse_args(argv)
    files_dir = CORPUS / "files"
    if not files_dir.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    policies: PolicySet = load_policies({}, builtin=True)
    labels = _labels()
    total = 0
    for path in sorted(p for p in files_dir.iterdir() if p.is_file()):
        file_id = path.name.split("__")[0]
        if args.file and file_id not in args.file:
            continue
        agent = read_agent_file(str(path), path.read_bytes())
        compiled = compile_agent(agent, policies)
        lines = list(
            audit(
                compiled,
                find_rule_sentences(agent),
                labels.get(file_id, []),
                everything=args.status == "all",
                show_labels=args.labels,
            )
        )
        total += sum(1 for s in compiled.sentences if s.status == ENFORCED)
        if lines:
            print(f"== {path.name}")
            print("\n".join(lines))
    print(f"-- {total} enforced sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
