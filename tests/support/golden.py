"""Golden files: expected command output kept under ``fixtures/golden``.

Volatile parts (the version, temporary paths) are masked before comparing. Run pytest with
``--update-golden`` to rewrite the files from the current output, then review the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

from scopeguard import __version__

GOLDEN = Path(__file__).resolve().parents[2] / "fixtures" / "golden"


def mask(text: str, *paths: Path) -> str:
    for p in paths:
        text = text.replace(str(p), "<TMP>")
    return re.sub(re.escape(__version__) + r"(?![\d.])", "<VERSION>", text)


def assert_golden(name: str, actual: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.exists(), f"no golden file {path}; run pytest --update-golden to create it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path} (pytest --update-golden rewrites it)"
