"""``path:line:col: severity: CODE message``, the compiler convention (severity ``error``,
``warning`` or ``info``). Vim's ``errorformat``, Emacs compilation mode, flymake/flycheck
patterns and VS Code problem matchers read it as it is. No summary line, no colour."""
from __future__ import annotations


def line(d, lang: str) -> str:
    msg = d.message.get(lang).replace("\n", " ")
    return f"{d.path}:{d.line}:{d.column}: {d.severity}: {d.code} {msg}"


def render(report) -> str:
    return "".join(line(d, report.lang) + "\n" for d in report.diagnostics)
