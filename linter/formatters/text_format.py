"""``path:line:col: CODE message``, one finding per line, then a summary line."""
from __future__ import annotations


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(report) -> str:
    counts = report.counts()
    total = len(report.diagnostics)
    nfiles = len({d.path for d in report.diagnostics})
    if report.lang == "zh":
        if not total:
            return f"全部检查通过（{report.files} 个文件）。"
        parts = [f"{counts[k]} 个{name}" for k, name in (("error", "错误"), ("warning", "警告"), ("info", "提示")) if counts[k]]
        return f"共发现 {total} 个问题（{'，'.join(parts)}），涉及 {report.files} 个文件中的 {nfiles} 个。"
    if not total:
        return f"All checks passed ({_plural(report.files, 'file')})."
    parts = [_plural(counts[k], k if k != "info" else "info") for k in ("error", "warning", "info") if counts[k]]
    parts = [p.replace("infos", "info") for p in parts]
    return f"Found {_plural(total, 'problem')} ({', '.join(parts)}) in {nfiles} of {_plural(report.files, 'file')}."


def render(report) -> str:
    lines = [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message.get(report.lang)}" for d in report.diagnostics]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
