"""The registry is the single source of truth: every built-in rule is one module named after its
code and name (a newcomer goes from a finding's code to its file in one step), registered as an
entry point, documented, and listed in the generated reference docs/rules.md."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from reportlint.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent


def test_every_builtin_rule_is_one_module_named_after_its_code_and_name():
    reg = load_registry()
    builtin = [r for r in reg.sorted() if r.origin.startswith("reportlint.rules.")]
    assert len(builtin) >= 50
    files = {p.stem for p in (ROOT / "rules").glob("*.py") if p.stem != "__init__" and not p.stem.startswith("_")}
    names = set()
    for r in builtin:
        stem = f"{r.code.lower()}_{r.name.replace('-', '_')}"
        names.add(stem)
        assert stem in files, f"{r.code} ({r.name}) should live in rules/{stem}.py"
        assert r.origin.startswith(f"reportlint.rules.{stem} "), r.origin
        assert r.doc and r.summary.en and r.summary.zh != r.summary.en, f"{r.code}: docstring and both summaries"
    assert files == names, f"modules that are not registered rules: {sorted(files - names)}"


def test_every_rule_module_is_an_entry_point():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = text.split('[project.entry-points."reportlint.rules"]', 1)[1].split("\n[", 1)[0]
    eps = dict(re.findall(r'^(\w+) = "([\w.]+)"', block, re.M))
    for p in (ROOT / "rules").glob("*.py"):
        if p.stem == "__init__" or p.stem.startswith("_"):
            continue
        code = p.stem.split("_", 1)[0].upper()
        assert eps.get(code) == f"reportlint.rules.{p.stem}", f"{p.name} is not registered as {code}"


def test_rules_reference_is_up_to_date():
    proc = subprocess.run([sys.executable, "-m", "reportlint", "rules", "--format", "markdown"],
                          capture_output=True, check=True)
    current = (ROOT / "docs" / "rules.md").read_bytes()
    assert proc.stdout.decode("utf-8").replace("\r\n", "\n") == current.decode("utf-8"), (
        "docs/rules.md is out of date: run `reportlint rules --format markdown > docs/rules.md`")


def test_selectors_name_codes_prefixes_names_and_all():
    reg = load_registry()
    code, rule = next((c, r) for c, r in sorted(reg.rules.items()) if c.startswith("SEC"))
    family = rule.family
    assert reg.match("ALL") == reg.match(" all ") == set(reg.rules)
    assert reg.match(code) == reg.match(code.lower()) == reg.match(rule.name) == reg.match(rule.name.upper()) == {code}
    assert reg.match(family) == {c for c in reg.rules if c.startswith(family)} and len(reg.match(family)) > 1
    assert reg.match(code[:-1]) == {c for c in reg.rules if c.startswith(code[:-1])}
    assert reg.match(code + "0") == reg.match("nothing-like-it") == reg.match("") == set()
    selected = reg.match(family)
    selected.add("X")  # each answer is the caller's own set
    assert "X" not in reg.match(family)
