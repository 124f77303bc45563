"""Running `reportlint import` and comparing findings, for the import tests."""
from __future__ import annotations

import json
import re
from pathlib import Path

from clihelp import ROOT, run_cli

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "import"
PUBLISHED_MISSING = ("FM003", "published: not stated")


def findings(path: Path) -> list[tuple[str, str]]:
    """(code, message) of every finding of the real CLI on ``path``, sorted (positions differ
    between an imported report and the same report written by hand; nothing else may). A report
    that does not state its publication date has no ``published``: a hand-converted one leaves the
    key out, an imported one leaves it empty for the user to fill; both are one FM003, shown here
    as the same finding."""
    proc = run_cli("check", "--isolated", "--no-cache", "--format", "json", str(path))
    assert proc.returncode in (0, 1), proc.stderr
    out = []
    for f in json.loads(proc.stdout):
        if f["code"] == "FM003" and ("'published' is empty" in f["message"]
                                     or "missing the key 'published'" in f["message"]):
            out.append(PUBLISHED_MISSING)
        else:
            out.append((f["code"], f["message"]))
    return sorted(out)


def other_notes(stderr: str) -> list[str]:
    """What the import said on stderr, apart from asking for the publication date."""
    return [line for line in stderr.splitlines() if "fill in `published`" not in line]


def published_of(report: Path) -> list[str]:
    """``--published DATE`` when the hand-converted report states the date, else nothing."""
    m = re.search(r"^published:\s*([0-9-]+)\s*$", report.read_text(encoding="utf-8").split("\n---\n", 1)[0], re.M)
    return ["--published", m.group(1)] if m else []


def import_(src: Path, out: Path, *args: str) -> tuple[str, str]:
    """Import ``src`` to ``out`` with the real CLI: the Markdown and what was said on stderr."""
    proc = run_cli("import", str(src), "-o", str(out), *args)
    assert proc.returncode == 0, proc.stderr
    return out.read_text(encoding="utf-8"), proc.stderr
