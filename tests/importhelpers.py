"""Running `reportlint import` and comparing findings, for the import tests."""
from __future__ import annotations

import json
from pathlib import Path

from clihelp import ROOT, run_cli

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "import"


def findings(path: Path) -> list[tuple[str, str]]:
    """(code, message) of every finding of the real CLI on ``path``, sorted (positions differ
    between an imported report and the same report written by hand; nothing else may)."""
    proc = run_cli("check", "--isolated", "--no-cache", "--format", "json", str(path))
    assert proc.returncode in (0, 1), proc.stderr
    return sorted((f["code"], f["message"]) for f in json.loads(proc.stdout))


def import_(src: Path, out: Path, *args: str) -> tuple[str, str]:
    """Import ``src`` to ``out`` with the real CLI: the Markdown and what was said on stderr."""
    proc = run_cli("import", str(src), "-o", str(out), *args)
    assert proc.returncode == 0, proc.stderr
    return out.read_text(encoding="utf-8"), proc.stderr
