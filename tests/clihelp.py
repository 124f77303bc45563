"""Helpers for tests that run the real command line."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEAN = (ROOT / "examples" / "2024-huaian-2021-edition.md").read_text(encoding="utf-8")
OFFICIAL_5 = "## 五、存在的主要问题及改进情况"
VARIANT_5 = "## 五、政府信息公开工作存在的主要问题及改进情况"
# the clean 2021 example with one warning: SEC006 on the heading of section 五 (line 83, column 4)
VARIANT = CLEAN.replace(OFFICIAL_5, VARIANT_5)
VARIANT_LINE = CLEAN.split("\n").index(OFFICIAL_5) + 1
assert VARIANT != CLEAN


def as_organization(text: str, name: str) -> str:
    """The clean report (or a variant) as the report of organisation ``name``: copies of one report
    in a test repository would otherwise be one organisation's duplicates (REP001)."""
    out = text.replace("organization: 淮安市人民政府", f"organization: {name}")
    assert out != text
    return out


def run_cli(*args: str, cwd: Path | str | None = None, env: dict | None = None, input: str | bytes | None = None,
            timeout: int = 120) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("GITHUB_ACTIONS", "NO_COLOR", "REPORTLINT_TODAY", "FORCE_COLOR")}
    full_env.setdefault("LANG", "C.UTF-8")
    full_env["LC_ALL"] = "C.UTF-8"
    full_env.update(env or {})
    data = input.encode("utf-8") if isinstance(input, str) else input
    proc = subprocess.run([sys.executable, "-m", "reportlint", *args], cwd=cwd, env=full_env, input=data,
                          capture_output=True, timeout=timeout)
    proc.stdout = proc.stdout.decode("utf-8")
    proc.stderr = proc.stderr.decode("utf-8")
    return proc


def make_repo(root: Path, files: dict[str, str]) -> Path:
    """A folder with ``.git`` (the repository root for configuration discovery) and files."""
    (root / ".git").mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def snippet(name: str) -> str:
    """The code block that follows ``<!-- snippet: NAME -->`` in README.md."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- snippet: " + re.escape(name) + r" -->\n```[a-z]*\n(.*?)\n```", readme, re.S)
    assert m, f"README.md has no snippet {name!r}"
    return m.group(1) + "\n"
