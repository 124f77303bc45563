"""How :func:`reportlint.tablemodel.table_model` finds the profile's tables in a report, in
every shape real reports take: each logical table of the edition (``t2_1`` … ``t4``) is found
inside its section **by its labels, not by its position**, and every data cell it can is mapped
to ``(row key, column key)``. It copes with:

- one GFM pipe table per section in the official layout, or several small tables, each under a
  heading or paragraph naming its 项 (``第二十条第（一）项``), or caption rows inside one table;
- header rows spread over two or three rows (merged cells left empty, as PDF extraction and
  pandoc write them), flattened headers (``行政复议：结果维持``), a group named only in the
  heading above a table (``### 行政诉讼（未经复议直接起诉）``);
- one to three label columns with merged cells empty or repeated, the whole path in one cell
  (``（三）不予公开：1.属于国家秘密``), or only the leaf label under a group row;
- HTML tables (rowspan/colspan already expanded by :mod:`reportlint.tables`);
- label variants (:mod:`reportlint.labelindex`): NFKC, whitespace, ``1、`` for ``1.``, missing
  numbering, the profile's ``variants`` (silent) and ``deviations`` (matched, reported), and
  typos (fuzzy, reported);
- placeholder headers (``数据1`` …): columns are then read by position and that is reported;
- labels of the profile's other edition (``本年新制作数量`` in a 2021 report, a single-row
  ``（六）其他处理``): recorded as :attr:`LogicalTable.foreign` so that one finding explains them.

What is learnt from labels alone (row kinds, column layouts, label matches) is kept once per
process in bounded memos: the same labels recur in every report.
"""
from __future__ import annotations

import re
import weakref
from functools import lru_cache
from typing import TYPE_CHECKING

from .cellvalue import looks_numeric, parse_value
from .diagnostics import Span
from .labelindex import (DEVIATION, EXACT, FUZZY, NORMALISED, POSITION, RANK, VARIANT, LabelIndex, caption_key,
                         split_path)
from .profileindex import columns_by_key, derived, rows_by_key
from .records import Record
from .tablemodel import (CellHit, ColumnHit, ExtraColumn, ExtraRow, ForeignLabel, ForeignTable, LogicalTable,
                         MissingTable, Part, PositionalHeader, RowHit, TableModel, UnrecognisedTable,
                         distinct_cells, new_memo, row_span)
from .tables import Cell, Row, Table
from .text import label_key, similarity

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .labelindex import _Item
    from .profile import Edition, TableSpec

_DELIMITER = re.compile(r"^:?-{3,}:?$")


def _header_signature(rows: list[Row], pipe: bool = False) -> tuple:
    """What column mapping reads of header rows: per row, each slot's (text, index of the first
    slot of its cell) — a merged cell fills several slots with the same cell (never in a
    ``pipe`` table)."""
    if pipe:
        return tuple(tuple(zip([c.text for c in row.cells], range(len(row.cells)))) for row in rows)
    out = []
    for row in rows:
        first: dict[int, int] = {}
        out.append(tuple((c.text, first.setdefault(id(c), j)) for j, c in enumerate(row.cells)))
    return tuple(out)


def _column_matches(lt: LogicalTable, written: str, key: str) -> bool:
    """Whether ``written`` is (a way of writing) the label of column ``key``."""
    return any(it.key == key and RANK[how] <= RANK[VARIANT] for it, how, _ in LabelIndex.of(lt.spec.columns).match(written))


class _SpecIndex:
    def __init__(self, spec: "TableSpec") -> None:
        self.spec = spec
        self.rows = LabelIndex.of(spec.rows)
        self.cols = LabelIndex.of(spec.columns)
        self.unlabeled_rows = [r for r in spec.rows if r.label is None and r.data]
        self.caption = caption_key(spec.caption) if spec.caption else ""
        self.corner = label_key(spec.corner_note) if spec.corner_note else ""
        self.data_columns = spec.data_columns  # (a property that builds a list)
        self.data_cols = {c.key for c in self.data_columns}
        self.label_cols = {c.key for c in spec.columns if c.kind == "row_label"}
        self.row_specs = rows_by_key(spec)


_FOREIGN_OK = (EXACT, NORMALISED, VARIANT)


def _is_corner(text: str, idx: _SpecIndex) -> bool:
    if not idx.corner:
        return False
    return _corner_like(label_key(text), idx.corner)


@lru_cache(maxsize=4096)
def _corner_like(k: str, corner: str) -> bool:
    """Whether a header text (label key ``k``) is the table's corner note ``corner``."""
    if len(k) >= 6 and (k in corner or corner in k):
        return True
    if len(k) < 10:
        return False
    return similarity(k, corner, 0.6, autojunk=False) >= 0.6


class _Segment(Record, eq=False):
    """Rows that belong to one table of a section (a caption starts a new segment)."""

    spec_id: str | None
    foreign_edition: str | None
    caption_span: Span | None
    parts: list[Part]

    def __init__(
            self, spec_id: str | None, foreign_edition: str | None = None, caption_span: Span | None = None,
            parts: list[Part] | None = None) -> None:
        self.spec_id = spec_id
        self.foreign_edition = foreign_edition
        self.caption_span = caption_span
        self.parts = [] if parts is None else parts


def _edition_indexes(edition: "Edition") -> tuple[dict[str, _SpecIndex], dict[str, list[tuple[str, _SpecIndex]]],
                                                 list[tuple[str, _SpecIndex]]]:
    """The label indexes of an edition's tables and of its other editions' tables (built once
    per process: they depend on the profile only)."""
    def spec_index(spec: "TableSpec") -> _SpecIndex:
        return derived(spec, "spec-index", _SpecIndex)

    index = {tid: spec_index(t) for tid, t in edition.tables.items()}
    others: dict[str, list[tuple[str, _SpecIndex]]] = {}
    other_only: list[tuple[str, _SpecIndex]] = []
    for ed in edition.other_editions():
        for tid, t in ed.tables.items():
            others.setdefault(tid, []).append((ed.id, spec_index(t)))
            if tid not in edition.tables:
                other_only.append((ed.id, spec_index(t)))
    return index, others, other_only


class _Recogniser:
    def __init__(self, doc: "Document", edition: "Edition") -> None:
        self.doc = doc
        self.edition = edition
        # table id -> index; table id -> other editions' specs; tables only other editions have
        self.index, self.others, self.other_only = derived(edition, "recogniser", _edition_indexes)

    # ---- entry point

    def run(self) -> TableModel:
        from .structure import section_map

        model = TableModel(self.edition)
        sm = section_map(self.doc, self.edition)
        for section in self.edition.sections:
            own = [tid for tid in section.tables if tid in self.edition.tables]
            foreign_here = [(e, i) for e, i in self.other_only if i.spec.section == section.id]
            if not own and not foreign_here:
                continue
            lines = sm.lines_of(section.id)
            if lines is None:
                continue  # the section itself is missing: SEC002 reports it, nothing else
            lo, hi = lines
            blocks = [b for b in self.doc.blocks if lo <= b.span.line <= hi]
            found: dict[str, LogicalTable] = {}
            claimed: set[int] = set()
            for seg in self._segments(blocks, own, foreign_here):
                self._assign(seg, section.id, own, found, model, foreign_here, claimed)
            for lt in found.values():
                claimed |= {id(p.table) for p in lt.parts if p.contributed}
            for tid in own:
                lt = found.get(tid)
                if lt is not None and (lt.rows or lt.group_rows):
                    self._finish(lt)
                    model.tables[tid] = lt
                else:
                    near = lt.parts[0].table if lt is not None and lt.parts else None
                    if near is not None:
                        claimed.add(id(near))
                    model.missing.append(MissingTable(self.edition.tables[tid], section.id,
                                                      sm.first[section.id].span, near))
            for b in blocks:
                t = b.obj
                if b.kind == "table" and t is not None and id(t) not in claimed and any(
                        not c.is_blank for r in t.rows for c in r.cells) and not self._elsewhere(t, own):
                    model.unrecognised.append(UnrecognisedTable(t, section.id, own))
        return model

    def _elsewhere(self, table: Table, own: list[str]) -> bool:
        """Whether ``table`` is one of another section's tables (misplaced, or its own section's
        title is missing: SEC rules report that, not TBL015)."""
        for tid, idx in self.index.items():
            if tid in own:
                continue
            hits = sum(1 for r in table.rows for c in distinct_cells(r.cells[:3]) if not c.is_blank and idx.rows.match(c.text))
            if hits >= 2:
                return True
        return False

    # ---- segments: which rows belong to which table of the section

    def _caption_of(self, text: str, own: list[str], foreign_here) -> tuple[str, str | None] | None:
        k = caption_key(text)
        if not k:
            return None
        for tid in own:
            cap = self.index[tid].caption
            if cap and cap in k:
                return tid, None
        for ed, idx in foreign_here:
            if idx.caption and idx.caption in k:
                return idx.spec.id, ed
        return None

    def _caption_row(self, cells: list[Cell], own, foreign_here) -> tuple[str, str | None] | None:
        """The table a row names (its non-blank ``cells``: one or two, see :meth:`_segments`)."""
        texts = [c.text for c in cells]
        if len(caption_key(texts[0])) > 40:
            return None
        if any(looks_numeric(t) for t in texts):
            return None
        return self._caption_of(texts[0], own, foreign_here)

    def _segments(self, blocks, own: list[str], foreign_here) -> list[_Segment]:
        segs: list[_Segment] = []
        current: _Segment | None = None
        pending: tuple[str, str | None, Span] | None = None
        context: list[str] = []
        for b in blocks:
            if b.kind in ("heading", "paragraph") and b.obj is not None:
                text = b.obj.title if b.kind == "heading" else b.obj.text
                first = text.split("\n", 1)[0]
                cap = self._caption_of(first, own, foreign_here) if len(caption_key(first)) <= 60 else None
                if cap is not None:
                    pending = (cap[0], cap[1], b.span)
                    context = [text]
                else:
                    context.append(text)
                continue
            if b.kind != "table" or b.obj is None:
                continue
            table: Table = b.obj
            if pending is not None:
                current = _Segment(pending[0], pending[1], pending[2])
                segs.append(current)
                pending = None
            elif current is None:
                current = _Segment(None)
                segs.append(current)
            part = Part(table, context=list(context))
            current.parts.append(part)
            context = []
            for r, row in enumerate(table.rows):
                cells = row.filled()
                # a caption row has one or two filled cells (most rows: a label and values)
                cap = self._caption_row(cells, own, foreign_here) if 0 < len(cells) <= 2 else None
                if cap is not None:
                    current = _Segment(cap[0], cap[1], row_span(row))
                    segs.append(current)
                    part = Part(table)
                    current.parts.append(part)
                    continue
                part.body.append(r)
        return segs

    # ---- assigning segments to tables

    def _assign(self, seg: _Segment, section: str, own: list[str], found: dict[str, LogicalTable],
                model: TableModel, foreign_here, claimed: set[int]) -> None:
        if seg.foreign_edition is not None:
            idx = next(i for e, i in foreign_here if i.spec.id == seg.spec_id and e == seg.foreign_edition)
            labels: list[str] = []
            for part in seg.parts:
                claimed.add(id(part.table))
                for r in part.body:
                    for c in part.table.rows[r].filled():
                        if c.text not in labels and (
                                idx.rows.match(c.text) or any(x[0].data for x in idx.cols.match(c.text))):
                            labels.append(c.text)
            model.foreign_tables.append(ForeignTable(idx.spec, seg.foreign_edition, section,
                                                     seg.caption_span or Span(1, 1, 1, 2), labels))
            return
        parts = self._split_parts(seg.parts, own)
        if seg.spec_id is not None:
            lt = found.setdefault(seg.spec_id, LogicalTable(self.edition.tables[seg.spec_id], section))
            if lt.caption_span is None:
                lt.caption_span = seg.caption_span
            for p in parts:
                self._read_part(lt, p)
            return
        for p in parts:
            tid = own[0] if len(own) == 1 else self._best_spec(p, own, found)
            if tid is None:
                continue
            lt = found.setdefault(tid, LogicalTable(self.edition.tables[tid], section))
            self._read_part(lt, p)

    def _best_spec(self, part: Part, own: list[str], found) -> str | None:
        best, best_score = None, 0
        for tid in own:
            idx = self.index[tid]
            score = 0
            for r in part.header + part.body:
                for c in part.table.rows[r].filled():
                    if idx.rows.match(c.text):
                        score += 3
                    elif idx.cols.match(c.text):
                        score += 1
            if tid in found and found[tid].rows:
                score -= 1  # prefer a table not seen yet
            if score > best_score:
                best, best_score = tid, score
        return best

    def _row_kind(self, row: Row, idxs: list[_SpecIndex], known: dict[str, str | None]) -> str:
        """'empty', 'data', 'header' or 'unknown' (``idxs``: the indexes of the section's tables,
        ``known``: what the first cell alone says, by its text, for those tables)."""
        cells = row.filled()
        if not cells:
            return "empty"
        first = cells[0].text
        if first[0] in "-:" and _DELIMITER.match(first) and all(_DELIMITER.match(c.text) for c in cells):
            return "empty"  # a stray delimiter row (|---|---|) inside a table
        # what the first cell alone says (a corner note, a row label), once per process and label
        kind = known.get(first, "")
        if kind == "":
            kind = None
            leaf = (split_path(first) or [first])[-1]
            for idx in idxs:
                if _is_corner(first, idx):
                    kind = "header"
                    break
                if idx.rows.match(first) or idx.rows.match(leaf):
                    kind = "data"
                    break
            if len(known) >= 16384:
                known.clear()
            known[first] = kind
        if kind is not None:
            return kind
        if any(looks_numeric(c.text) for c in cells):
            return "data"
        for idx in idxs:
            if any(idx.cols.match(c.text) or idx.cols.match((split_path(c.text) or [""])[-1]) for c in cells):
                return "header"
        return "unknown"

    def _split_parts(self, parts: list[Part], own: list[str]) -> list[Part]:
        """Split each physical table's rows into runs of header rows followed by body rows."""
        idxs = [self.index[t] for t in own] + [i for t in own for _, i in self.others.get(t, [])]
        # what first cells say, by the section's tables: once per process and label
        known = derived(self.edition, "row-kinds", new_memo).setdefault(tuple(own), {})
        unlabeled = len(own) == 1 and bool(self.index[own[0]].unlabeled_rows)
        out: list[Part] = []
        for p in parts:
            cur = Part(p.table, context=p.context)
            seen_data = False
            for r in p.body:
                kind = self._row_kind(p.table.rows[r], idxs, known)
                if kind == "empty":
                    if not (unlabeled and cur.header):
                        continue
                    kind = "data"  # 表四's unlabeled data row, left blank
                if kind == "header" or (kind == "unknown" and not seen_data):
                    if seen_data:
                        out.append(cur)
                        cur = Part(p.table)
                        seen_data = False
                    cur.header.append(r)
                else:
                    seen_data = True
                    cur.body.append(r)
            if cur.header or cur.body:
                out.append(cur)
        return out

    # ---- columns

    def _foreign_column(self, spec_id: str, text: str) -> tuple[str, _Item] | None:
        """A data column label of another edition that is not (also) one of ours."""
        leaf = (split_path(text) or [text])[-1]
        own = self.index[spec_id]
        for ed, oidx in self.others.get(spec_id, []):
            fc = [x for x in (oidx.cols.match(text) or oidx.cols.match(leaf)) if x[1] in _FOREIGN_OK and x[0].data
                  and x[0].key in oidx.data_cols]
            if fc and fc[0][0].lk not in own.cols.lks:
                return ed, fc[0][0]
        return None

    def _map_columns(self, lt: LogicalTable, part: Part) -> dict[str, ColumnHit]:
        table = part.table
        header_rows = [table.rows[r] for r in part.header]
        width = max([len(r.cells) for r in header_rows] + [len(table.rows[r].cells) for r in part.body] + [0])
        pipe = table.kind == "pipe"
        layout = self._column_layout(lt.spec.id, _header_signature(header_rows, pipe), width, pipe,
                                     label_key(" ".join(part.context)))
        hits_at, foreign_at, unknown_at, label_cols = layout
        by_key = columns_by_key(lt.spec)
        hits: dict[str, ColumnHit] = {}
        for key, j, end, h, how, written in hits_at:
            hits[key] = ColumnHit(key, by_key.get(key), table, j, end, header_rows[h].cells[j], how, written)
        for j, h, ed, it in foreign_at:
            c = header_rows[h].cells[j]
            lt.foreign.append(ForeignLabel("column", it.key, it.label, c.text, c.span, ed))
        if not foreign_at and (unknown_at or not hits.keys() >= self.index[lt.spec.id].data_cols):
            # (with every data column named and no unknown header, there is nothing to read by position)
            self._positional(lt, part, hits, {j: header_rows[h].cells[j] for j, h in unknown_at}, set(label_cols))
        return hits

    def _column_layout(self, spec_id: str, sig: tuple, width: int, pipe: bool, ctx_key: str) -> tuple:
        """Which header cell names which column, from the header rows' texts and merged cells
        alone (:func:`_header_signature`): the same headers map the same way in every report, so
        a layout is worked out once per process (for headers of reasonable size)."""
        if len(ctx_key) > 400 or width > 64:
            return self._work_out_layout(spec_id, sig, width, pipe, ctx_key)
        cache = derived(self.edition, "column-layouts", new_memo)
        key = (spec_id, sig, width, pipe, ctx_key)
        hit = cache.get(key)
        if hit is None:
            if len(cache) >= 4096:
                cache.clear()
            hit = cache[key] = self._work_out_layout(spec_id, sig, width, pipe, ctx_key)
        return hit

    def _work_out_layout(self, spec_id: str, sig: tuple, width: int, pipe: bool, ctx_key: str) -> tuple:
        """(data columns as (key, grid column, end, header row, how, written), other editions'
        columns as (grid column, header row, edition, item), unknown headers as (grid column,
        header row), label columns) for header rows ``sig``: per row, each cell's (text, index of
        its first slot in the row) — a merged cell fills several slots."""
        idx = self.index[spec_id]
        # per header row and grid column: the run (start, end, text) of the header cell covering it;
        # in pipe tables a merged header cell is followed by empty cells, which it covers
        runs: list[list[tuple[int, int, str] | None]] = []
        sticky: dict[tuple[int, int], str] = {}  # flattened headers: 行政复议：结果维持 | 结果纠正 …
        for h, cells in enumerate(sig):
            slots: list[tuple[int, int, str] | None] = [None] * width
            prefix = ""
            j = 0
            while j < len(cells):
                text, first = cells[j]
                if not text.strip():
                    j += 1
                    continue
                pth = split_path(text)
                if len(pth) > 1:
                    prefix = " ".join(pth[:-1])
                if prefix:
                    sticky[(h, j)] = prefix
                k = j + 1
                while k < len(cells) and (cells[k][1] == first or (pipe and not cells[k][0].strip())):
                    k += 1
                end = width if (pipe and k >= len(cells)) else k
                for x in range(j, min(end, width)):
                    slots[x] = (j, end, text)
                j = k
            runs.append(slots)
        hits: dict[str, list] = {}
        taken: set[str] = set()
        last_order = -1
        label_cols: set[int] = set()
        unknown: dict[int, int] = {}
        foreign_cols: dict[int, tuple[int, str, _Item]] = {}
        for j in range(width):
            leaf = None
            for h in range(len(sig) - 1, -1, -1):
                cells = sig[h]
                text = cells[j][0] if j < len(cells) else None
                if text is None or not text.strip() or _is_corner(text, idx):
                    continue
                run = runs[h][j]
                if run is None or run[0] != j:
                    break  # the continuation of a merged header cell that starts further left
                pth = split_path(text) or [text]
                cands = idx.cols.match(text) or idx.cols.match(pth[-1])
                data_cands = [x for x in cands if x[0].key in idx.data_cols]
                if data_cands:
                    leaf = (h, text, data_cands, pth)
                    break
                if cands:
                    if any(x[0].key in idx.label_cols for x in cands):
                        label_cols.add(j)
                    continue  # a group label: not a data column by itself
                foreign = self._foreign_column(spec_id, text)
                if foreign is not None:
                    foreign_cols[j] = (h, foreign[0], foreign[1])
                else:
                    unknown[j] = h
                break
            if leaf is None:
                continue
            h, text, cands, pth = leaf
            if all(x[1] == FUZZY for x in cands):
                foreign = self._foreign_column(spec_id, text)
                if foreign is not None:
                    foreign_cols[j] = (h, foreign[0], foreign[1])
                    continue
            ancestors = [label_key(" ".join(pth[:-1]))] if len(pth) > 1 else []
            if (h, j) in sticky:
                ancestors.append(label_key(sticky[(h, j)]))
            for hh in range(h):
                run = runs[hh][j]
                if run is not None:
                    ancestors.append(label_key(run[2]))
            if ctx_key:
                ancestors.append(ctx_key)

            def score(x, ancestors=ancestors):
                it = x[0]
                s = 0
                p = it.parent
                while p:
                    pit = idx.cols.by_key.get(p)
                    if pit is not None and any(pit.core and pit.core in a for a in ancestors):
                        s += 1
                    p = pit.parent if pit is not None else None
                return (-s, it.key in taken, RANK[x[1]], it.order <= last_order, it.order)

            it, how, _ = cands[0] if len(cands) == 1 else min(cands, key=score)
            if it.key in taken:
                unknown[j] = h
                continue
            run = runs[h][j]
            taken.add(it.key)
            last_order = it.order
            hits[it.key] = [it.key, j, run[1], h, how, pth[-1]]
        starts = sorted(hit[1] for hit in hits.values())
        for hit in hits.values():
            nxt = [s for s in starts if s > hit[1]]
            hit[2] = max(hit[1] + 1, min([hit[2]] + nxt[:1]))
        return (tuple(tuple(hit) for hit in hits.values()),
                tuple((j, h, ed, it) for j, (h, ed, it) in foreign_cols.items()),
                tuple(unknown.items()), frozenset(label_cols))

    def _value_start(self, row: Row) -> int:
        """Index of the first value cell of a body row whose columns are not known."""
        last_text = -1
        for j, c in enumerate(row.cells):
            if c.is_blank:
                continue
            if looks_numeric(c.text):
                break
            last_text = j
        return last_text + 1

    def _positional(self, lt: LogicalTable, part: Part, hits: dict[str, ColumnHit], unknown: dict[int, Cell],
                    label_cols: set[int]) -> None:
        """Read columns whose headers are not the official labels by their position, when the
        number of unnamed columns is exactly the number of official columns missing there."""
        data_cols = self.index[lt.spec.id].data_columns
        body = [part.table.rows[r] for r in part.body]
        if body and not all(c.key in hits for c in data_cols):
            widths = [len(r.cells) for r in body]
            w = max(set(widths), key=widths.count)
            if hits:
                vs = min(min(h.col for h in hits.values()), max(self._value_start(r) for r in body))
            else:
                vs = max(w - len(data_cols), 0)
            vs = max([vs] + [j + 1 for j in label_cols])
            mapped = {h.col for h in hits.values()}
            pairs: list[tuple[str, str]] = []
            order = [c.key for c in data_cols]
            i = 0
            while i < len(order):
                if order[i] in hits:
                    i += 1
                    continue
                k = i
                while k < len(order) and order[k] not in hits:
                    k += 1
                lo_col = hits[order[i - 1]].end if i > 0 else vs
                hi_col = hits[order[k]].col if k < len(order) else w
                free = [j for j in range(lo_col, hi_col) if j not in mapped and j not in label_cols]
                if len(free) == k - i:
                    for key, j in zip(order[i:k], free):
                        cell = unknown.pop(j, None)
                        written = cell.text if cell is not None else ""
                        official = columns_by_key(lt.spec).get(key).label
                        same = bool(written) and bool(_column_matches(lt, written, key))
                        hits[key] = ColumnHit(key, columns_by_key(lt.spec).get(key), part.table, j, j + 1, cell,
                                              EXACT if same else POSITION, written)
                        if not same:
                            pairs.append((written, official))
                i = k
            if pairs:
                row = part.table.rows[part.header[-1]] if part.header else None
                prev = next((p for p in lt.positional if p.pairs == pairs), None)
                if prev is not None:
                    prev.repeats += 1
                else:
                    lt.positional.append(PositionalHeader(part.table, row, pairs))
        for j, c in unknown.items():
            if j in label_cols or (hits and j < min(h.col for h in hits.values())):
                continue
            if any(j < len(r.cells) and not r.cells[j].is_blank for r in body):
                lt.extra_columns.append(ExtraColumn(part.table, c, c.text))

    # ---- rows

    def _read_part(self, lt: LogicalTable, part: Part) -> None:
        """Read one part; a part that yields no row of the table leaves no trace (it is reported
        as an unrecognised table instead)."""
        saved = (len(lt.extra_rows), len(lt.extra_columns), len(lt.foreign), len(lt.positional),
                 [p.repeats for p in lt.positional], set(lt.columns), len(lt.header_rows))
        self._read_part_rows(lt, part)
        if part.contributed or any(f for f in lt.foreign[saved[2]:]):
            return
        del lt.extra_rows[saved[0]:], lt.extra_columns[saved[1]:], lt.positional[saved[3]:]
        for p, n in zip(lt.positional, saved[4]):
            p.repeats = n
        for key in set(lt.columns) - saved[5]:
            del lt.columns[key]
        del lt.header_rows[saved[6]:]

    def _read_part_rows(self, lt: LogicalTable, part: Part) -> None:
        lt.parts.append(part)
        table = part.table
        idx = self.index[lt.spec.id]
        hits = self._map_columns(lt, part) if part.header else {}
        if not hits and not part.header and part.body:
            # a continuation without header (a table split over pages): reuse the columns above
            prev = next((p for p in reversed(lt.parts[:-1]) if p.hits), None)
            width = len(table.rows[part.body[0]].cells)
            if prev is not None and prev.body and len(prev.table.rows[prev.body[0]].cells) == width:
                hits = {k: ColumnHit(h.key, h.spec, table, h.col, h.end, h.cell, h.how, h.written)
                        for k, h in prev.hits.items()}
            else:
                self._positional(lt, part, hits, {}, set())
        part.hits = hits
        if part.header and hits and not lt.header_rows:
            lt.header_rows.append(table.rows[part.header[-1]])
        for key, h in hits.items():
            lt.columns.setdefault(key, h)
        first_data = min((h.col for h in hits.values()), default=None)
        body_width = len(table.rows[part.body[0]].cells) if part.body else 0
        data_hits = self._data_hits(hits, idx)
        prev_labels: list[Cell | None] = []
        prev_label: tuple[list[Cell], Cell] | None = None  # path and leaf of the last labelled row
        for r in part.body:
            row = table.rows[r]
            cells = row.cells
            fd = first_data if first_data is not None else self._value_start(row)
            row_data = data_hits
            if hits and table.kind == "pipe" and len(cells) != body_width:
                # a ragged row: its values are the cells after its label, in column order
                vs = self._value_start(row)
                if len(cells) - vs == len(hits) and vs != fd:
                    ordered = sorted(hits.values(), key=lambda x: x.col)
                    row_hits = {x.key: ColumnHit(x.key, x.spec, table, vs + i, vs + i + 1, x.cell, x.how, x.written)
                                for i, x in enumerate(ordered)}
                    row_data = self._data_hits(row_hits, idx)
                    fd = vs
            label_cells = cells[:fd]
            if len(label_cells) == 1 and label_cells[0].text:  # one label column (most tables), not blank
                leaf = label_cells[0]
                path = [leaf]
                prev_labels = path
            else:
                # a cell's text is trimmed: ``not c.text`` is ``c.is_blank``
                blank = [not c.text for c in label_cells]
                leaf_i = len(blank) - 1
                while leaf_i >= 0 and blank[leaf_i]:
                    leaf_i -= 1
                path = []
                for i in range(leaf_i + 1):
                    c = label_cells[i]
                    if blank[i]:
                        if i < len(prev_labels) and prev_labels[i] is not None:
                            c = prev_labels[i]  # a merged label cell left empty: the one above (never blank)
                        else:
                            continue
                    if c not in path:
                        path.append(c)
                prev_labels = [c if not blank[i] else (prev_labels[i] if i < len(prev_labels) else None)
                               for i, c in enumerate(label_cells)]
                leaf = label_cells[leaf_i] if leaf_i >= 0 else None
            self._read_row(lt, idx, part, row, leaf, path, row_data, prev_label)
            if leaf is not None:
                prev_label = (path, leaf)

    def _foreign_row(self, lt: LogicalTable, text: str) -> tuple[str, _Item] | None:
        leaf = (split_path(text) or [text])[-1]
        own = self.index[lt.spec.id]
        for ed, oidx in self.others.get(lt.spec.id, []):
            fc = [x for x in (oidx.rows.match(text) or oidx.rows.match(leaf)) if x[1] in _FOREIGN_OK]
            if fc and fc[0][0].lk not in own.rows.lks:
                return ed, fc[0][0]
        return None

    def _read_row(self, lt: LogicalTable, idx: _SpecIndex, part: Part, row: Row, leaf: Cell | None,
                  path: list[Cell], data_hits: list[ColumnHit], prev_label: tuple[list[Cell], Cell] | None) -> None:
        values, has_values = self._values(row, data_hits)
        if leaf is None:
            if idx.unlabeled_rows and values:
                self._record_row(lt, idx, part, row, idx.unlabeled_rows[0].key, None, EXACT, "", values)
            elif has_values:
                lt.extra_rows.append(ExtraRow(part.table, row, None, ""))
            return
        text = leaf.text
        pth = split_path(text) or [text]
        cands = idx.rows.match(text)
        written = text
        groups = ()  # the groups the label names before its own (``（三）不予公开：1.属于国家秘密``)
        if not cands and len(pth) > 1:
            cands = idx.rows.match(pth[-1])
            written = pth[-1]
            groups = pth[:-1]
        # another edition's label: only asked when ours match no better than fuzzily (the best
        # candidate comes first: when it is fuzzy, all are)
        foreign = self._foreign_row(lt, text) if not cands or cands[0][1] == FUZZY else None
        if cands and foreign is not None:
            cands = []
        if not cands:
            if foreign is not None:
                ed, fit = foreign
                lt.foreign.append(ForeignLabel("row", fit.key, fit.label, text, leaf.span, ed))
                return
            parent = None
            for c in path[:-1]:
                pc = [x for x in idx.rows.match(c.text) if x[0].data]
                if pc:
                    parent = pc[0][0].key
            if has_values or parent is not None:
                lt.extra_rows.append(ExtraRow(part.table, row, leaf, text, parent))
                if parent is not None and parent not in lt.rows:
                    # an official row split into local sub-rows (Beijing: 其他对外管理服务事项 →
                    # 行政检查, 行政确认): the official row is there, its values are not
                    pcell = next(c for c in path[:-1] if idx.rows.match(c.text))
                    lt.rows[parent] = RowHit(parent, rows_by_key(lt.spec).get(parent), part.table, row, pcell, NORMALISED, pcell.text)
                    part.contributed = True
            return

        if len(cands) == 1:
            it, how, _ = cands[0]
        else:
            # the row's ancestors (label cells to its left, groups in its label), else the last labelled row's
            ancestors = [label_key(c.text) for c in path[:-1]] + [label_key(p) for p in groups]
            if not ancestors and prev_label is not None:
                ancestors = [label_key(c.text) for c in prev_label[0][:-1]] + \
                    [label_key(p) for p in split_path(prev_label[1].text)[:-1]]

            def score(x):
                it = x[0]
                s = 0
                p = it.parent
                while p:
                    pit = idx.rows.by_key.get(p)
                    if pit is not None and any(a and pit.core and (pit.core in a or a in pit.core) for a in ancestors):
                        s += 1
                    p = pit.parent if pit is not None else None
                return (RANK[x[1]], -s, it.key in lt.rows, it.order)

            it, how, _ = min(cands, key=score)
        if it.data:
            self._record_row(lt, idx, part, row, it.key, leaf, how, written, values)
            return
        if not has_values:
            return  # a group row: context for the rows below
        # a group row carrying values: the other edition's single row (（六）其他处理 in 2021)
        lt.group_rows.setdefault(it.key, RowHit(it.key, rows_by_key(lt.spec).get(it.key), part.table, row, leaf, how, written))
        for col, cell, synth in values:
            lt.cells.setdefault((it.key, col.key), CellHit(weakref.ref(lt), it.key, col.key, col.spec, cell, row, part.table, synth))
        part.contributed = True
        for ed, oidx in self.others.get(lt.spec.id, []):
            fc = [x for x in oidx.rows.match(text) if x[0].data and x[1] in _FOREIGN_OK + (DEVIATION,)]
            if fc:
                lt.foreign.append(ForeignLabel("row", fc[0][0].key, fc[0][0].label, text, leaf.span, ed))
                lt.explained.add(it.key)
                break

    @staticmethod
    def _data_hits(hits: dict[str, ColumnHit], idx: _SpecIndex) -> list[ColumnHit]:
        """The data columns of ``hits`` in column order (the same for every row of a part)."""
        return [h for k, h in sorted(hits.items(), key=lambda kv: kv[1].col) if k in idx.data_cols]

    @staticmethod
    def _values(row: Row, data_hits: list[ColumnHit]) -> tuple[list[tuple[ColumnHit, Cell, bool]], bool]:
        """The row's value cells under the data columns ``data_hits`` (:meth:`_data_hits`) as
        (column, cell, synthetic: the row is too short to have one), and whether one is not
        blank. (A cell's text is trimmed: ``not c.text`` is ``c.is_blank``, inlined: every value
        cell asks.)"""
        out = []
        cells = row.cells
        n = len(cells)
        filled = False
        for h in data_hits:
            if h.col < n:
                cell = cells[h.col]
                if cell.text:
                    filled = True
                else:
                    inside = [c for c in distinct_cells(cells[h.col:h.end]) if c.text]
                    if len(inside) == 1:
                        cell = inside[0]  # a value placed anywhere under its merged header
                        filled = True
                out.append((h, cell, False))
            else:
                last = cells[-1] if cells else None
                line = last.span.end_line if last else row.line
                col = last.span.end_column + 1 if last else 1
                out.append((h, Cell("", "", Span(line, col, line, col + 1), col=h.col), True))
        return out, filled

    def _record_row(self, lt: LogicalTable, idx: _SpecIndex, part: Part, row: Row, key: str, leaf: Cell | None,
                    how: str, written: str, values) -> None:
        if key in lt.rows and values and all((key, col.key) in lt.cells for col, _, _ in values):
            lt.extra_rows.append(ExtraRow(part.table, row, leaf, written, duplicate_of=key))
            return
        if key not in lt.rows:
            lt.rows[key] = RowHit(key, idx.row_specs.get(key), part.table, row, leaf, how, written)
        ref = weakref.ref(lt)
        cells = lt.cells
        table = part.table
        new = object.__new__
        for col, cell, synth in values:
            ck = (key, col.key)
            if ck not in cells:
                # CellHit(ref, key, col.key, col.spec, cell, row, table, synth), without the call
                # of __init__ (and of read_cell): a report has hundreds of them
                hit = cells[ck] = new(CellHit)
                hit.table_ref = ref
                hit.row_key = key
                hit.col_key = col.key
                hit.column = spec = col.spec
                hit.cell = cell
                hit.row = row
                hit.physical = table
                hit.synthetic = synth
                hit.parsed = v = parse_value(cell.text, "decimal" if spec.kind == "decimal" else "integer", spec.min)
                hit.value = v.value
        part.contributed = True

    # ---- after all parts

    def _finish(self, lt: LogicalTable) -> None:
        # a row of the other edition under a parent that is one of our data rows written as a bare
        # group row (2021 sub-rows of （六）其他处理 in a 2019 report): that row is not blank
        for f in lt.foreign:
            if f.kind != "row":
                continue
            for ed, oidx in self.others.get(lt.spec.id, []):
                it = oidx.rows.by_key.get(f.key) if ed == f.edition else None
                parent = oidx.rows.by_key.get(it.parent) if it is not None and it.parent else None
                if parent is None:
                    continue
                own = next((r for r in lt.spec.rows if r.data and r.label and label_key(r.label) == parent.lk), None)
                if own is not None and own.key in lt.rows and all(
                        c.cell.is_blank for (rk, _), c in lt.cells.items() if rk == own.key):
                    for k in [k for k in lt.cells if k[0] == own.key]:
                        del lt.cells[k]
                    lt.explained.add(own.key)
        if any(f.kind == "column" for f in lt.foreign):
            lt.explained |= {c.key for c in lt.spec.data_columns if c.key not in lt.columns}


def recognise(doc: "Document", edition: "Edition") -> TableModel:
    """The table model of ``doc`` (see :func:`reportlint.tablemodel.table_model`, which keeps it)."""
    return _Recogniser(doc, edition).run()
