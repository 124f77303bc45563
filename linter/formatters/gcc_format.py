"""``path:line:col: severity: CODE message``, the compiler convention (severity ``error``,
``warning`` or ``info``). Vim's ``errorformat``, Emacs compilation mode, flymake/flycheck
patterns and VS Code problem matchers read it as it is. No summary line, no colour. Control,
bidi and other invisible characters are escaped (an editor's problem list must show exactly one
line per finding, and never a reordered one)."""
from __future__ import annotations

from ..invisible import escape


def line(d, lang: str) -> str:
    return escape(f"{d.path}:{d.line}:{d.column}: {d.severity}: {d.code} {d.message.get(lang)}")


def render(report) -> str:
    return "".join(line(d, report.lang) + "\n" for d in report.diagnostics)
