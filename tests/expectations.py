"""Markdown fixtures with their expected findings written in the same file (markdownlint style).

A fixture is a Markdown report followed by one trailing comment block::

    <!-- expect select=SUM,TBL
    57:46 SUM001 表三 （七）总计
    80:3 TBL004
    -->

The first line may carry options: ``select=…``, ``ignore=…`` (rule selectors, comma-separated),
``path=…`` (lint as if the file lived there, relative to the fixture), ``today=YYYY-MM-DD`` (the
date waivers expire against; default: ``REPORTLINT_TODAY`` or the real date), ``RULE.KEY=VALUE`` (a
rule option; VALUE is JSON, else a string, e.g. ``LNK008.require-https=true``). Each further line is
``line:col CODE`` and, optionally, text that must appear in the finding's English or Chinese
message. A fixture without a block, or with an empty one, must produce no finding at all.
The block is removed before linting; being last, it shifts no line.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

BLOCK = re.compile(r"<!--\s*expect\b([^\n]*)\n(.*?)-->\s*\Z", re.S)
LINE = re.compile(r"^\s*(\d+):(\d+)\s+([A-Z]{2,5}\d{3})(?:\s+(.*?))?\s*$")


@dataclass
class Expectation:
    line: int
    column: int
    code: str
    text: str = ""


@dataclass
class Fixture:
    path: Path
    source: str  # what is linted
    expected: list[Expectation] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)


def read_fixture(path: Path) -> Fixture:
    raw = path.read_text(encoding="utf-8")
    m = BLOCK.search(raw)
    if not m:
        return Fixture(path, raw)
    options = dict(opt.split("=", 1) for opt in m.group(1).split() if "=" in opt)
    expected = []
    for ln in m.group(2).splitlines():
        if not ln.strip() or ln.strip().startswith("#"):
            continue
        mm = LINE.match(ln)
        if not mm:
            raise ValueError(f"{path}: bad expectation line {ln!r} (want 'line:col CODE [text]')")
        expected.append(Expectation(int(mm.group(1)), int(mm.group(2)), mm.group(3), mm.group(4) or ""))
    return Fixture(path, raw[: m.start()], expected, options)


def lint_fixture(fx: Fixture):
    """Lint a fixture in-process; returns the diagnostics."""
    from reportlint.engine import Linter
    from reportlint.settings import Settings

    def split(key):
        return [x for x in fx.options.get(key, "").split(",") if x]

    settings = Settings(select=split("select") or None, ignore=split("ignore"))
    for key, raw in fx.options.items():
        if "." in key:  # a rule option: RULE.KEY=VALUE
            import json

            rule, _, opt = key.partition(".")
            try:
                value = json.loads(raw)
            except ValueError:
                value = raw
            settings.options.setdefault(rule, {})[opt] = value
    today = datetime.date.fromisoformat(fx.options["today"]) if "today" in fx.options else None
    linter = Linter(settings, today=today)
    path = (fx.path.parent / fx.options["path"]) if "path" in fx.options else fx.path
    result = linter.lint_text(fx.source, str(path))
    diags = result.diagnostics + linter.run_repository_rules([result])
    assert not linter.errors and not result.errors, linter.errors + result.errors
    return sorted(diags, key=lambda d: (d.line, d.column, d.code))


def check_fixture(path: Path) -> None:
    fx = read_fixture(path)
    diags = lint_fixture(fx)
    got = sorted((d.line, d.column, d.code) for d in diags)
    want = sorted((e.line, e.column, e.code) for e in fx.expected)
    shown = "\n".join(f"  {d.line}:{d.column} {d.code} {d.message.en}" for d in diags) or "  (none)"
    assert got == want, f"{path}: findings differ from the expectations.\nGot:\n{shown}"
    for e in fx.expected:
        if not e.text:
            continue
        at = [d for d in diags if (d.line, d.column, d.code) == (e.line, e.column, e.code)]
        assert any(e.text in d.message.en or e.text in d.message.zh for d in at), (
            f"{path}: {e.line}:{e.column} {e.code}: no message contains {e.text!r}.\nGot:\n{shown}")
