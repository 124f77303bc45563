"""A figure does not carry over from the same organisation's report for the previous year.

The profile's ``cross_year`` relations use ``prev.`` cells: the same organisation's report for
the year before, found among the files checked in the same run (same ``organization`` in the
front matter, ``year`` one less). For 政府信息公开工作年度报告: this year's 二、上年结转 equals last
year's 四、结转下年度继续办理 (every column); 2021 表二's 现行有效件数 equals last year's plus 本年制发
minus 本年废止; 2019 表二's 上一年项目数量 equals last year's 上一年项目数量 + 本年增/减. Mergers and
re-counts break these legitimately, so they are warnings. Nothing is reported when last year's
report is not part of the run, or when a term is blank or missing in either report.
"""
from decimal import Decimal

from reportlint.api import (Cellref, LogicalTable, Span, compact, describe, evaluate, finding, load_profile,
                            relation_data, table_model)

CODE = "SUM004"
NAME = "cross-year-mismatch"
SUMMARY = "A figure does not carry over from last year's report"
SUMMARY_ZH = "数据与上一年度报告不衔接"
SEVERITY = "warning"
SCOPE = "repository"


def _cross_year(profile):
    """The edition's cross-year relations and the current-year cells they read (once per edition),
    each as (table, (row, column), its key in the collected data)."""
    hit = _CROSS.get(id(profile))
    if hit is None or hit[0] is not profile:
        rels = [r for r in profile.relations if r.cross_year]
        cells = sorted({(r.table, r.row, r.col) for rel in rels for r in rel.refs})
        keys = [(t, (r, c), f"{t}.{r}.{c}") for t, r, c in cells]
        if len(_CROSS) >= 64:  # a server reloading an edited profile keeps only the recent ones
            _CROSS.clear()
        hit = _CROSS[id(profile)] = (profile, rels, keys)
    return hit[1], hit[2]


_CROSS: dict = {}


def collect(doc, profile, options):
    fm = doc.front_matter
    data = fm.data if fm is not None and fm.error is None and fm.data else {}
    org, year = data.get("organization"), data.get("year")
    if not isinstance(org, str) or not org.strip() or not isinstance(year, int) or isinstance(year, bool):
        return None
    relations, keys = _cross_year(profile)
    if not relations:
        return None
    tables = table_model(doc, profile).tables
    cells = {}
    for tid, rc, name in keys:  # only what a cross-year relation reads, this year or the next
        lt = tables.get(tid)
        hit = lt.cells.get(rc) if lt is not None else None
        if hit is None:
            continue
        value = hit.parsed  # its value and reason
        cells[name] = [None if value.value is None else str(value.value), value.reason, *hit.cell.span]
    # plain data (the result cache keeps it): the relations and the cells' labels come from the
    # profile file and edition when the reports are compared
    return {"org": compact(org), "year": year, "profile": profile.profile_id, "cells": cells,
            "edition": [str(profile.profile.path), profile.id]}


def _edition(data):
    path, edition = data["edition"]
    return load_profile(path).editions[edition]


def _lookup(cur, prev):
    editions = {False: _edition(cur), True: _edition(prev)}

    def lookup(ref):
        src = prev if ref.prev else cur
        entry = src["cells"].get(f"{ref.table}.{ref.row}.{ref.col}")
        if entry is None:
            return None
        value, reason, *span = entry  # the span's four numbers follow
        spec = editions[ref.prev].tables[ref.table]
        lt = LogicalTable(spec, spec.section)  # labels depend on the profile only
        return Cellref(None if value is None else Decimal(value), lt.label(ref.row, ref.col),
                       spec.row(ref.row).label or "", lt.column_label(ref.col), Span(*span), reason,
                       (ref.prev, ref.table, ref.row, ref.col))
    return lookup


def check_repository(items, options):
    index = {}
    for path, data in items:
        index.setdefault((data["profile"], data["org"], data["year"]), []).append((path, data))
    for path, data in items:
        previous = index.get((data["profile"], data["org"], data["year"] - 1), [])
        if len(previous) != 1:
            continue  # no report for last year in this run, or several: nothing to compare with
        prev_path, prev = previous[0]
        lookup = _lookup(data, prev)
        for rel in _cross_year(_edition(data))[0]:
            ev = evaluate(rel, lookup)
            if not ev.broken or ev.target is None or ev.target.cell is None or ev.target.ref.prev:
                continue
            msg = describe(ev)
            yield path, finding(ev.target.cell.span, f"{msg.en} (last year's report: {prev_path})",
                                f"{msg.zh}（上一年度报告：{prev_path}）", severity=rel.severity,
                                data={**relation_data(ev), "previous": prev_path})
