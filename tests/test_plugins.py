"""Third-party rules arrive through the same entry-point group as the built-in ones."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from test_cli import CLEAN, err, out, run

PLUGIN_RULE = '''
"""Every report must say 阳光政府 somewhere (a test plugin)."""
from reportlint.api import finding

CODE = "XYZ001"
NAME = "sunshine"
SUMMARY = "The report never says 阳光政府"
SUMMARY_ZH = "报告未提及阳光政府"
SEVERITY = "warning"
OPTIONS = {"type": "object", "properties": {"word": {"type": "string", "default": "阳光政府"}},
           "additionalProperties": False}


def check(doc, profile, options):
    if options["word"] not in doc.text:
        yield finding(doc.h1s[0], f"never says {options['word']}", f"未提及{options['word']}")
'''


def build_plugin(tmp_path: Path, name: str, entry_points: dict[str, str], modules: dict[str, str]) -> Path:
    src = tmp_path / f"{name}-src"
    pkg = src / name
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    for mod, code in modules.items():
        (pkg / f"{mod}.py").write_text(textwrap.dedent(code), encoding="utf-8")
    eps = "\n".join(f'{k} = "{v}"' for k, v in entry_points.items())
    (src / "pyproject.toml").write_text(textwrap.dedent(f"""
        [build-system]
        requires = ["setuptools"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "{name}"
        version = "0.1"

        [tool.setuptools]
        packages = ["{name}"]

        [project.entry-points."reportlint.rules"]
        """) + eps + "\n", encoding="utf-8")
    target = tmp_path / "site"
    # a real build and install, as a user would do it (pip builds the package in isolation)
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(src)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return target


def test_third_party_rule_runs_through_the_entry_point(tmp_path):
    site = build_plugin(tmp_path, "rl_sunshine", {"XYZ001": "rl_sunshine.xyz001_sunshine"},
                        {"xyz001_sunshine": PLUGIN_RULE})
    env = {"PYTHONPATH": str(site)}
    rules = out(run("rules", env=env))
    assert any(ln.split()[:3] == ["XYZ001", "sunshine", "warning"] for ln in rules.splitlines())
    proc = run("check", "--format", "json", CLEAN, env=env)
    assert proc.returncode == 0, err(proc)
    data = json.loads(out(proc))
    assert [(d["code"], d["line"], d["severity"]) for d in data] == [("XYZ001", 11, "warning")]
    assert data[0]["message"] == "never says 阳光政府"
    # selected like any built-in rule
    assert json.loads(out(run("check", "--format", "json", "--ignore", "XYZ", CLEAN, env=env))) == []


def test_broken_plugins_are_reported_and_the_run_goes_on(tmp_path):
    site = build_plugin(tmp_path, "rl_broken", {
        "BAD001": "rl_broken.missing_module",
        "BAD002": "rl_broken.bad_meta",
        "BAD003": "rl_broken.crashes",
    }, {
        "bad_meta": 'CODE = "bad-code"\nNAME = "x"\nSEVERITY = "error"\nSUMMARY = "x"\ndef check(d, p, o):\n    return []\n',
        "crashes": 'CODE = "BAD003"\nNAME = "crashes"\nSEVERITY = "error"\nSUMMARY = "x"\n'
                   'def check(d, p, o):\n    raise ZeroDivisionError("boom")\n',
    })
    env = {"PYTHONPATH": str(site)}
    proc = run("check", "--lang", "en", CLEAN, env=env)
    assert proc.returncode == 0
    # the summary does not claim more than what ran: two plugins did not load, one crashed
    assert out(proc) == ("All checks that ran passed (1 file). 3 rule failures (warnings on stderr): "
                         "some checks did not run.\n"), out(proc)
    zh = run("check", "--lang", "zh", CLEAN, env=env)
    assert out(zh).startswith("已运行的检查全部通过（1 个文件）。规则加载或运行失败 3 次"), out(zh)
    sarif = json.loads(out(run("check", "--format", "sarif", CLEAN, env=env)))
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert len(invocation["toolExecutionNotifications"]) == 3
    gh = out(run("check", "--format", "github", CLEAN, env=env)).splitlines()
    assert [ln.split("::")[1] for ln in gh[:-1]] == ["warning title=reportlint rule failure"] * 3, gh
    assert "BAD003" in gh[2] and "ZeroDivisionError: boom" in gh[2], gh
    e = err(proc)
    assert "BAD001" in e and "could not be loaded" in e and "ModuleNotFoundError" in e
    assert "BAD002" in e and "CODE 'bad-code'" in e
    assert "BAD003" in e and "ZeroDivisionError: boom" in e
    assert "Traceback" not in e
