"""The JSON Schemas of the public documents, generated from their pydantic models.

``python -m scopeguard.report.schemas`` rewrites ``scopeguard/schemas/*.json`` (shipped as package
data, so that other tools can validate what scopeguard writes); a test checks that the shipped files
equal what this module generates, so the models and the schemas cannot drift apart.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from scopeguard.report.documents import CompileOutput, DiffDocument, FactsDocument

DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: file name -> (model, title): ``scopeguard compile`` writes one document or a list of them
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "diff.schema.json": (DiffDocument, "scopeguard diff --format json"),
    "facts.schema.json": (FactsDocument, "scopeguard facts --format json"),
    "compile.schema.json": (CompileOutput, "scopeguard compile --format json"),
}

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    body = model.model_json_schema()
    body["title"] = title
    return {"$schema": DRAFT, **body}


def generate() -> dict[str, str]:
    """File name -> schema text, deterministic (indented, ``\\n``-terminated)."""
    return {
        name: json.dumps(schema(model, title), indent=2, ensure_ascii=False) + "\n"
        for name, (model, title) in SCHEMAS.items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    target = Path(argv[0]) if argv else SCHEMA_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, text in generate().items():
        (target / name).write_text(text, encoding="utf-8", newline="\n")
        sys.stdout.write(f"wrote {target / name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
