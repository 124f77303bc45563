"""One self-contained HTML page for the people who approve a report.

Inline CSS, no script, no external resource of any kind (a Content-Security-Policy forbids them
too), so the page can be mailed, kept as a CI artifact and read offline. Top: the verdict and the
counts (files, errors, warnings, per kind of check, per file). Then per file with findings: the
findings in source order (the code links to the rule's section at the end of the page, whose
anchor is the one ``docs/rules.md`` uses, e.g. ``#sum001-total-mismatch``; a prose finding quotes
its sentence with the figure highlighted), then every table of the report with the cells that
findings point at marked, the likely culprit of broken totals marked apart, and each broken
relation's computation next to the table. Every label is on the page in both languages; the
chosen ``--lang`` shows first and two buttons switch (CSS only).

Report text is always escaped: nothing from a report is ever interpreted as HTML.

The page is a sequence of sections (:data:`SECTIONS`); a new one (e.g. the organisation × year
overview of a repository) is a function ``(report) -> str`` added there, fed with plain data.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from ..diagnostics import SEVERITY_RANK
from .html_style import CSS, FAMILIES, WORDS
from .html_tables import both, computation, culprit_line, culprit_of, esc, pick, place, render_table, word

WANTS_VIEWS = True
SEVERITY_ORDER = ("error", "warning", "info")
LIST_ALL_FILES = 50  # a longer run lists only the files with findings at the top


def render(report) -> str:
    lang = "zh" if report.lang == "zh" else "en"
    counts = report.counts()
    title = pick("page_title", lang, counts.get("error", 0), counts.get("warning", 0), report.files)
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:; form-action 'none'; base-uri 'none'\">\n"
        f'<meta name="generator" content="reportlint {esc(report.options.get("version", ""))}">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<input type="radio" name="lang" id="lang-zh" class="lang-switch"{" checked" if lang == "zh" else ""}>\n'
        f'<input type="radio" name="lang" id="lang-en" class="lang-switch"{" checked" if lang == "en" else ""}>\n'
        '<div class="page">\n')
    body = [section(report) for section in SECTIONS]
    foot = (f'<footer>{word("generated", report.options.get("version", ""))}</footer>\n'
            "</div>\n</body>\n</html>\n")
    return head + "\n".join(b for b in body if b) + "\n" + foot


# --------------------------------------------------------------------------- summary


def _summary(report) -> str:
    counts = report.counts()
    errors, warnings = counts.get("error", 0), counts.get("warning", 0)
    failing_files = len({d.path for d in report.diagnostics if d.severity == "error"})
    files_with = len({d.path for d in report.diagnostics})
    failed = report.options.get("errors") or []
    if errors:
        verdict = ("fail", word("fail_1" if failing_files == 1 else "fail", failing_files, errors))
    elif warnings:
        verdict = ("warn", word("warn", warnings))
    else:
        verdict = ("ok", word("ok_partial" if failed else "ok"))
    out = ['<section class="summary" id="summary">',
           f'<nav class="langs"><label for="lang-zh">中文</label><label for="lang-en">English</label></nav>',
           f"<h1>{word('title')}</h1>",
           f'<p class="verdict {verdict[0]}">{verdict[1]}</p>']
    if failed:
        out.append(f'<div class="alert">{word("not_run")}<ul>'
                   + "".join(f"<li>{esc(e)}</li>" for e in failed) + "</ul></div>")
    tiles = [("files", report.files, ""), ("files_with", files_with, "")]
    tiles += [(k + "s", counts.get(k, 0), f"c-{k}") for k in SEVERITY_ORDER]
    if report.waived:
        tiles.append(("waived", len(report.waived), ""))
    out.append('<ul class="counts">' + "".join(
        f'<li class="{cls}"><b>{n}</b>{word(key)}</li>' for key, n, cls in tiles) + "</ul>")
    if report.diagnostics:
        out.append(_legend())
        out.append(_by_family(report))
    out.append(_by_file(report))
    out.append("</section>")
    return "\n".join(out)


def _legend() -> str:
    items = [("sev-error", "legend_error"), ("sev-warning", "legend_warning"), ("sev-info", "legend_info"),
             ("culprit", "legend_culprit"), ("term", "legend_term")]
    return (f'<h3>{word("legend")}</h3><ul class="legend">'
            + "".join(f'<li><span class="sw {cls}"></span>{word(key)}</li>' for cls, key in items)
            + f'<li><span class="badge sev-error">1</span> {word("legend_badge")}</li></ul>')


def count_of(n: int, severity: str) -> str:
    """``3 个错误`` / ``3 errors``."""
    zh, en = WORDS[severity]
    return both(esc(f"{n} 个{zh}"), esc(f"{n} {en}" + ("" if n == 1 else "s")))


def family_of(code: str) -> str:
    return code.rstrip("0123456789") or code


def _by_family(report) -> str:
    rows: dict[str, dict[str, int]] = {}
    for d in report.diagnostics:
        row = rows.setdefault(family_of(d.code), {k: 0 for k in SEVERITY_ORDER})
        row[d.severity] = row.get(d.severity, 0) + 1
    order = list(FAMILIES)
    lines = []
    for fam in sorted(rows, key=lambda f: (order.index(f) if f in order else len(order), f)):
        zh, en = FAMILIES.get(fam, (fam, fam))
        cells = "".join(_count_cell(rows[fam][k], k) for k in SEVERITY_ORDER)
        lines.append(f'<tr><td><span class="code">{esc(fam)}</span> {both(esc(zh), esc(en))}</td>{cells}</tr>')
    return (f'<h3>{word("by_family")}</h3><div class="scroll"><table class="list"><thead><tr>'
            f'<th>{word("family")}</th>' + "".join(f"<th>{word(k + 's')}</th>" for k in SEVERITY_ORDER)
            + "</tr></thead><tbody>" + "".join(lines) + "</tbody></table></div>")


def _count_cell(n: int, severity: str) -> str:
    cls = f"n some-{severity}" if n else "n"
    return f'<td class="{cls}">{n}</td>'


def _paths(report) -> list[str]:
    paths = list(report.options.get("paths") or [])
    for d in report.diagnostics:
        if d.path not in paths:
            paths.append(d.path)
    return sorted(dict.fromkeys(paths))


def _by_file(report) -> str:
    per: dict[str, dict[str, int]] = {}
    for d in report.diagnostics:
        row = per.setdefault(d.path, {k: 0 for k in SEVERITY_ORDER})
        row[d.severity] = row.get(d.severity, 0) + 1
    paths = _paths(report)
    many = len(paths) > LIST_ALL_FILES  # then only the files with findings, and how many are clean
    lines = []
    for i, path in enumerate(paths, 1):
        row = per.get(path)
        if row is None and many:
            continue
        view = report.views.get(path) or {}
        title = view.get("title") or ""
        mark = "" if row else "✓ "
        name = (f'{mark}<a href="#file-{i}">{esc(title)}</a><div class="path">{esc(path)}</div>' if title
                else f'{mark}<a class="path" href="#file-{i}">{esc(path)}</a>')
        cells = "".join(_count_cell(row[k] if row else 0, k) for k in SEVERITY_ORDER)
        lines.append(f"<tr><td>{name}</td>{cells}</tr>")
    clean = len(paths) - len(per)
    if many and clean:
        lines.append(f'<tr><td colspan="4">✓ <a href="#clean">{word("n_clean", clean)}</a></td></tr>')
    return (f'<h3>{word("by_file")}</h3><div class="scroll"><table class="list"><thead><tr>'
            f'<th>{word("report")}</th>'
            + "".join(f"<th>{word(k + 's')}</th>" for k in SEVERITY_ORDER)
            + "</tr></thead><tbody>" + "".join(lines) + "</tbody></table></div>")


# --------------------------------------------------------------------------- files


def _files(report) -> str:
    lang = report.lang
    by_path: dict[str, list] = {}
    for d in report.diagnostics:
        by_path.setdefault(d.path, []).append(d)
    waived: dict[str, list] = {}
    for d in report.waived:
        waived.setdefault(d.path, []).append(d)
    out = []
    clean = []
    for i, path in enumerate(_paths(report), 1):
        if path in by_path:
            out.append(_file(report, i, path, by_path[path], waived.get(path, []), lang))
        else:
            clean.append((i, path))
    if clean:
        out.append(_clean_files(report, clean, waived, lang))
    return "\n".join(out)


def _file(report, fi: int, path: str, diagnostics: list, waived: list, lang: str) -> str:
    view = report.views.get(path)
    diagnostics = sorted(diagnostics, key=lambda d: (d.line, d.column, -SEVERITY_RANK.get(d.severity, 0), d.code))
    placed = place(diagnostics, view)
    counts = {k: sum(1 for d in diagnostics if d.severity == k) for k in SEVERITY_ORDER}
    title = (view or {}).get("title") or ""
    out = [f'<section class="file" id="file-{fi}" data-path="{esc(path)}">']
    out.append(f"<h2>{esc(title or path)}</h2>")
    if title:
        out.append(f'<div class="path">{esc(path)}</div>')
    out.append('<p class="meta">' + " · ".join(count_of(counts[k], k) for k in SEVERITY_ORDER if counts[k]) + "</p>")
    out.append(f'<h3>{word("findings")}</h3><ol class="findings">')
    out.extend(_finding(fi, p, lang) for p in placed)
    out.append("</ol>")
    if waived:
        out.append(_waived(waived))
    if view is not None:
        tables = view.get("tables") or []
        out.append(f'<h3>{word("tables")}</h3>')
        if not tables:
            out.append(f'<p class="meta">{word("no_tables")}</p>')
        out.extend(render_table(fi, ti, t, placed, lang) for ti, t in enumerate(tables))
    out.append("</section>")
    return "\n".join(out)


def _finding(fi: int, p, lang: str) -> str:
    d = p.d
    anchor = rule_anchor(d.code, d.name)
    sev = esc(d.severity)
    head = (f'<span class="badge sev-{sev}">{p.n}</span> '
            f'<span class="sev sev-{sev}">{word(d.severity)}</span> '
            f'<a class="code" href="#{anchor}" title="{esc(d.name)}">{esc(d.code)}</a> '
            f'<span class="where">{word("line", d.line)}</span>')
    if p.kind in ("cell", "row", "table"):
        target = (f"c{fi}-{p.table}-{p.row}-{p.col}" if p.kind == "cell" else f"t{fi}-{p.table}")
        head += f' <a class="where" href="#{target}">→ {word("in_table")}</a>'
    msg = both(esc(d.message.zh), esc(d.message.en))
    data = d.data or {}
    calc_zh, calc_en = computation(data, "zh"), computation(data, "en")
    body = ""
    if calc_zh is not None:  # a broken relation: the computation first, the full message below it
        body = f'<p class="calc-line">{both(calc_zh, calc_en)}</p>'
    c = culprit_of(d) if d.code != "SUM005" else None
    if c:
        body += f'<p class="culprit-line">{both(culprit_line(c, "zh"), culprit_line(c, "en"))}</p>'
    body += f'<p class="msg{" secondary" if calc_zh is not None else ""}">{msg}</p>'
    if p.kind == "quote" and p.quote:
        body += _quote(p.quote, d.severity)
    return (f'<li id="f{fi}-{p.n}" class="sev-{sev}" data-code="{esc(d.code)}" data-line="{d.line}" '
            f'data-column="{d.column}" data-severity="{sev}"><div class="head">{head}</div>{body}</li>')


def _quote(q: dict, severity: str) -> str:
    text = q.get("text", "")
    a, b = (q.get("mark") or [0, 0])[:2]
    a, b = max(0, min(a, len(text))), max(0, min(b, len(text)))
    marked = f'<mark class="sev-{esc(severity)}">{esc(text[a:b])}</mark>' if b > a else ""
    return f'<blockquote class="quote">{esc(text[:a])}{marked}{esc(text[b:])}</blockquote>'


def _waived(waived: list) -> str:
    items = []
    for d in waived:
        w = d.waiver or {}
        items.append(f'<li><span class="code">{esc(d.code)}</span> <span class="where">{word("line", d.line)}</span> '
                     f'{both(esc(d.message.zh), esc(d.message.en))} — {word("until")} {esc(w.get("until") or "")}; '
                     f'{word("reason")}: {esc(w.get("reason") or "")}</li>')
    return f'<details><summary>{word("waived_findings")} ({len(waived)})</summary><ul>{"".join(items)}</ul></details>'


def _clean_files(report, clean: list[tuple[int, str]], waived: dict, lang: str) -> str:
    out = [f'<section class="clean" id="clean"><h2>{word("clean_files")}</h2><ul>']
    for fi, path in clean:
        view = report.views.get(path) or {}
        title = view.get("title") or ""
        item = f'<span class="path">{esc(path)}</span>' + (f" — {esc(title)}" if title else "")
        tables = view.get("tables") or []
        if tables:
            inner = "\n".join(render_table(fi, ti, t, [], lang) for ti, t in enumerate(tables))
            item += f'<details><summary>{word("show_tables")} ({len(tables)})</summary>{inner}</details>'
        if waived.get(path):
            item += _waived(waived[path])
        out.append(f'<li id="file-{fi}" data-path="{esc(path)}">✓ {item}</li>')
    out.append("</ul></section>")
    return "\n".join(out)


# --------------------------------------------------------------------------- rules


def rule_anchor(code: str, name: str) -> str:
    """The anchor of a rule's section: the GitHub slug of its heading in docs/rules.md
    (``## SUM001 total-mismatch`` -> ``sum001-total-mismatch``), also used on the page."""
    return f"{code.lower()}-{name}"


def _rules(report) -> str:
    used = {}
    for d in list(report.diagnostics) + list(report.waived):
        used.setdefault(d.code, d.name)
    if not used:
        return ""
    out = [f'<section class="rules" id="rules"><h2>{word("rules")}</h2>']
    for code in sorted(used):
        meta = report.rules.get(code) or {}
        name = meta.get("name") or used[code]
        summary = meta.get("summary") or {}
        doc = meta.get("doc") or ""
        paras = "".join(f"<p>{_doc_text(p)}</p>" for p in doc.split("\n\n") if p.strip())
        out.append(f'<article class="rule" id="{esc(rule_anchor(code, name))}">'
                   f'<h3><span class="code">{esc(code)}</span> {esc(name)}</h3>'
                   f'<p><b>{both(esc(summary.get("zh", "")), esc(summary.get("en", "")))}</b> '
                   f'({word("default_severity")}{word("colon")}{word(meta.get("severity", "warning"))})</p>'
                   f'<div class="doc" lang="en">{paras}</div></article>')
    out.append("</section>")
    return "\n".join(out)


def _doc_text(paragraph: str) -> str:
    """A paragraph of a rule's docstring: escaped, ``code`` shown as code."""
    text = esc(" ".join(paragraph.split()))
    return re.sub(r"``(.+?)``", r"<code>\1</code>", text)


def _overview(report) -> str:
    """The organisation × year overview (``reportlint status``), when the run has one."""
    if not report.overview:
        return ""
    from .overview import render_html

    return render_html(report.overview)


# The page, top to bottom; the organisation × year overview right after the summary, rendered from
# plain data the CLI puts in the Report.
SECTIONS: tuple[Callable[[Any], str], ...] = (_summary, _overview, _files, _rules)
