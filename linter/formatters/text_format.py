"""``path:line:col: CODE message``, one finding per line, then a summary line.

With ``show_source`` each finding is followed by its source line and a caret under the
reported columns (CJK characters are two cells wide on a terminal, so the caret is placed by
display width, not by column count). ``color`` adds ANSI colours. ``statistics`` prints the
number of findings per rule and the active waivers instead of the findings.

Report text never reaches the terminal raw: control, bidi and other invisible characters in
paths, messages, waiver reasons and source lines are printed as escapes (``\\x1b``, ``\\u202e``;
see :mod:`reportlint.invisible`), and the caret stays under the reported characters.
"""
from __future__ import annotations

import unicodedata

from ..invisible import escape, escape_char

RESET = "\033[0m"
STYLE = {"path": "\033[1m", "error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m",
         "dim": "\033[2m", "caret": "\033[1;31m"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(report) -> str:
    counts = report.counts()
    total = len(report.diagnostics)
    nfiles = len({d.path for d in report.diagnostics})
    nwaived = len(report.waived)
    nfailed = len(report.options.get("errors") or ())  # rules that could not load or crashed
    if report.lang == "zh":
        extra = f"另有 {nwaived} 个问题已豁免。" if nwaived else ""
        if nfailed:
            extra += f"规则加载或运行失败 {nfailed} 次（见标准错误输出中的警告），部分检查未执行。"
        if not total:
            return f"{'已运行的检查全部通过' if nfailed else '全部检查通过'}（{report.files} 个文件）。{extra}"
        parts = [f"{counts[k]} 个{name}" for k, name in (("error", "错误"), ("warning", "警告"), ("info", "提示")) if counts[k]]
        return f"共发现 {total} 个问题（{'，'.join(parts)}），涉及 {report.files} 个文件中的 {nfiles} 个。{extra}"
    extra = f" {_plural(nwaived, 'finding')} waived." if nwaived else ""
    if nfailed:
        extra += f" {_plural(nfailed, 'rule failure')} (warnings on stderr): some checks did not run."
    if not total:
        return f"All checks {'that ran ' if nfailed else ''}passed ({_plural(report.files, 'file')}).{extra}"
    parts = [_plural(counts[k], k if k != "info" else "info") for k in ("error", "warning", "info") if counts[k]]
    parts = [p.replace("infos", "info") for p in parts]
    return f"Found {_plural(total, 'problem')} ({', '.join(parts)}) in {nfiles} of {_plural(report.files, 'file')}.{extra}"


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _cells(ch: str) -> int:
    """Terminal cells ``ch`` takes as printed (an escape is as wide as its text)."""
    shown = escape_char(ch)
    return len(shown) if shown != ch else _width(ch)


def caret_line(src: str, column: int, end_column: int, same_line: bool) -> str:
    """Spaces up to ``column`` (a tab stays a tab, a wide character takes two cells, an escaped
    character as many as its escape), then ``^`` under every cell of the span (to the end of the
    line when the span goes on). ``src`` is the line as in the file."""
    start = max(column - 1, 0)
    pad = "".join("\t" if ch == "\t" else " " * _cells(ch) for ch in src[:start])
    end = (end_column - 1) if same_line else len(src)
    span = src[start:max(end, start + 1)]
    width = sum(max(_cells(ch), 1) for ch in span) or 1
    return pad + "^" * width


SOURCE_WINDOW = 160  # characters of a source line shown around a finding


def source_window(src: str, column: int, end_column: int, same_line: bool) -> tuple[str, int, int, bool]:
    """A long source line cut to :data:`SOURCE_WINDOW` characters around the finding, with '…'
    where it was cut; the columns move with it."""
    if len(src) <= SOURCE_WINDOW:
        return src, column, end_column, same_line
    start = max(0, min(column - 1 - SOURCE_WINDOW // 4, len(src) - SOURCE_WINDOW))
    stop = start + SOURCE_WINDOW
    lead = "…" if start else ""
    shown = lead + src[start:stop] + ("…" if stop < len(src) else "")
    shift = len(lead) - start
    end = min(end_column, stop + 1) if same_line else stop + 1
    return shown, column + shift, end + shift, True


def render(report) -> str:
    color = report.options.get("color", False)
    show_source = report.options.get("show_source", False)

    def c(style: str, s: str) -> str:
        return f"{STYLE[style]}{s}{RESET}" if color else s

    lines: list[str] = []
    if report.options.get("statistics"):
        from . import statistics, waivers

        rows = statistics(report)
        wc = max((len(str(r["count"])) for r in rows), default=1)
        for r in rows:
            lines.append(f"{r['count']:>{wc}}  {c(r['severity'], r['code'])}  {escape(r['name'])}  [{r['severity']}]")
        ws = waivers(report)
        if ws:
            lines.append(("已生效的豁免" if report.lang == "zh" else "Active waivers") + f" ({len(ws)}):")
            for w in ws:
                found = ", ".join(f"{f['code']} {f['line']}:{f['column']}" for f in w["findings"])
                lines.append(f"  {c('path', escape(w['path']))}:{w['line']}: "
                             + escape(f"{', '.join(w['codes'])} until {w['until']} — {w['reason']} [{found}]"))
        lines.append(summary(report))
        return "\n".join(lines + _overview(report)) + "\n"
    for d in report.diagnostics:
        lines.append(f"{c('path', escape(d.path))}:{d.line}:{d.column}: {c(d.severity, d.code)} "
                     f"{escape(d.message.get(report.lang))}")
        if show_source:
            src = report.source_line(d.path, d.line)
            if src is not None:
                src, column, end_column, same_line = source_window(src, d.column, d.end_column,
                                                                   d.end_line == d.line)
                num = str(d.line)
                gutter = " " * len(num)
                lines.append(c("dim", f"{gutter} |"))
                lines.append(c("dim", f"{num} | ") + escape(src, keep="\t"))
                lines.append(c("dim", f"{gutter} | ") + c(d.severity, caret_line(src, column, end_column, same_line)))
    lines.append(summary(report))
    return "\n".join(lines + _overview(report)) + "\n"


def _overview(report) -> list[str]:
    """The repository overview after the summary (a blank line first), when the run has one."""
    if not report.overview:
        return []
    from .overview import render_text

    return [""] + render_text(report.overview, report.lang).rstrip("\n").split("\n")
