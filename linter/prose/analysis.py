"""``analyse(doc, vocabulary)``: read every paragraph of a document once, for all TXT rules.

Per paragraph (list items and block quotes included, tables and headings not): normalise, read
the figures, split into sentences and clauses, read each count (concept and scope), then per
sentence its breakdowns, percentages and claims. Linear in the text; bounded by ``MAX_FIGURES``
per document (a report states a few hundred figures; beyond that, the text is not prose a
reader checks figure by figure, and reading it would only cost memory).
"""
from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from .breakdowns import read_breakdowns
from .claims import may_claim, read_claims
from .figures import read_figures
from .model import ProseAnalysis, Statement
from .normal import normalise
from .reading import ParagraphState, Where, read_count
from .sentences import split

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document
    from .sentences import Sentence
    from .vocabulary import Vocabulary

MAX_FIGURES = 5_000


def _report_year(doc: "Document") -> int | None:
    fm = doc.front_matter
    data = fm.data if fm is not None and fm.data else {}
    y = data.get("year") if isinstance(data, dict) else None
    return y if isinstance(y, int) and not isinstance(y, bool) else None


class _Sections:
    """The official section of a line (``section_lines``: id -> (first, last line))."""

    def __init__(self, section_lines: dict[str, tuple[int, int]]) -> None:
        self.ranges = sorted((a, b, sid) for sid, (a, b) in section_lines.items())

    def of(self, line: int) -> str:
        for a, b, sid in self.ranges:
            if a <= line <= b:
                return sid
        return ""


def analyse(doc: "Document", vocabulary: "Vocabulary",
            section_lines: dict[str, tuple[int, int]] | None = None) -> ProseAnalysis:
    """Read every paragraph of ``doc``; ``section_lines`` maps official section ids to their
    line ranges so that conditions may name a section. Memoised per document and vocabulary."""
    key = f"prose:{id(vocabulary)}:" + repr(sorted((section_lines or {}).items()))
    return doc.memo(key, lambda: _analyse(doc, vocabulary, section_lines or {}))


def _last_year(v: "Vocabulary", sent: "Sentence", pos: int) -> int | None:
    """The last year named in ``sent`` before offset ``pos``."""
    years = sent.memo.get("years")
    if years is None:
        text = sent.norm.text
        years = sent.memo["years"] = [(m.end(), int(m.group(1))) for m in v.year.finditer(text, sent.start, sent.end)]
    k = bisect_right(years, (pos, 1 << 30)) - 1
    return years[k][1] if k >= 0 else None


def _analyse(doc: "Document", v: "Vocabulary", section_lines: dict[str, tuple[int, int]]) -> ProseAnalysis:
    out = ProseAnalysis()
    year = _report_year(doc)
    sections = _Sections(section_lines)
    last_whole: dict[str, tuple[Statement, int]] = {}  # latest whole per dimension, for 在…中 and continues
    for pindex, para in enumerate(doc.paragraphs):
        if len(out.figures) >= MAX_FIGURES:
            break
        nt = normalise(para)
        if not nt.text:
            continue
        figs = read_figures(nt, v, MAX_FIGURES - len(out.figures))
        recent = any(pindex - i <= 2 for _, i in last_whole.values())
        if not figs and not recent and not may_claim(v, nt.text):
            continue  # states nothing (most of a report's prose)
        state = ParagraphState(nt.text, sections.of(para.line),
                               {d for d, (_, i) in last_whole.items() if pindex - i <= 1})
        sentences = split(nt, figs)
        out.sentences.extend(sentences)
        for f in figs:
            if f.clause is not None:
                f.index = len(out.figures)
                out.figures.append(f)
        by_fig: dict[int, Statement] = {}
        prev_last: Statement | None = None
        for sent in sentences:
            sent_stmts: list[Statement] = []
            for cl in sent.clauses:
                for f in cl.figures:
                    if f.is_percent:
                        continue
                    cid, scope = read_count(v, Where.of_figure(v, state, sent, f), f.unit)
                    concept = v.concepts.get(cid) if cid else None
                    if not scope and year is not None:
                        y = _last_year(v, sent, f.start)
                        if y is not None and y != year and not (
                                concept is not None and concept.adjacent_years and y in (year - 1, year + 1)):
                            scope = v.other_year_scope
                    st = Statement(f, concept, cl, scope, aside_of=cl.aside_of)
                    by_fig[id(f)] = st
                    sent_stmts.append(st)
                    out.statements.append(st)
            recent_wholes = {k: w[0] for k, w in last_whole.items() if pindex - w[1] <= 2}
            n_shares = len(out.percents)
            read_breakdowns(v, sent, by_fig, prev_last, recent_wholes, out, state)
            # shares of an implicit whole: categories with a percentage and no breakdown
            loose: dict[str, list[Statement]] = {}
            for st in out.percents[n_shares:]:
                if st.breakdown is None and st.figure is None and st.concept is not None:
                    loose.setdefault(st.concept.dim, []).append(st)
            out.share_groups.extend(g for g in loose.values() if len(g) > 1)
            for st in sent_stmts:
                if st.concept is not None and st.concept.role == "whole" and not st.scoped and st.aside_of is None:
                    last_whole[st.concept.dim] = (st, pindex)
            out.claims.extend(read_claims(v, sent, state))
            counted = [s for s in sent_stmts if s.aside_of is None and s.figure is not None]
            if counted:
                prev_last = counted[-1]
                state.prev_dim = prev_last.concept.dim if prev_last.concept is not None else None
            state.recent_wholes = {d for d, (_, i) in last_whole.items() if pindex - i <= 1}
    for bd in out.breakdowns:  # in opening order: outer breakdowns first
        if bd.whole.scoped:
            for p in bd.parts:
                p.scoped = p.scoped or bd.whole.scoped
        if len(bd.shares) > 1:
            out.share_groups.append(bd.shares)
    return out
