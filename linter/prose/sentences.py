"""Sentences and clauses of a paragraph's normalised text, in one pass.

Sentences end at ``。！？`` outside brackets. A sentence is cut into clauses at ``，；：`` (and its
end), at brackets, and at ``、`` once the clause holds a figure (``予以公开71件、部分公开5件``). A
bracket right after a figure is an aside of that figure (``办结1191件（含上年结转189件）``,
``208件（17.46%）``).

Everything here is linear in the text: figures are assigned with a pointer, bracket nesting is
answered from positions and counts kept on each group, never by walking up the parents. A
sentence longer than ``MAX_SENTENCE`` characters is not read (no reader reads 5,000 characters
without a full stop; such text is a table or a list flattened by a conversion).
"""
from __future__ import annotations

import re

from ..backref import backref
from ..records import Record
from .figures import Figure
from .normal import NormText

MAX_SENTENCE = 5000

_SENT_MARKS = re.compile(r"[()。!?]")  # brackets and sentence ends
_CLAUSE_MARKS = re.compile(r"[()、,;:。!?]")  # brackets, 、, clause and sentence ends


class Group(Record, eq=False):
    """A bracketed group: ``host`` is the figure right before its opening bracket, if any.
    ``end`` is its closing bracket (or the sentence end); ``hosts`` counts the groups with a host
    from the outermost down to this one; ``aside_host`` is the host of the innermost of them."""

    start: int
    end: int
    host: Figure | None
    hosts: int
    aside_host: Figure | None

    def __init__(
            self, start: int, end: int, host: Figure | None, hosts: int, aside_host: Figure | None) -> None:
        self.start = start
        self.end = end
        self.host = host
        self.hosts = hosts
        self.aside_host = aside_host

    def within(self, base: "Group | None") -> bool:
        """Is this group ``base`` or inside it (``None``: the sentence level)?"""
        return base is None or (base.start <= self.start and self.end <= base.end)


def within(g: Group | None, base: Group | None) -> bool:
    return base is None or (g is not None and g.within(base))


class Clause(Record, eq=False):
    """A part of a sentence between separators and the figures it holds."""

    start: int
    end: int
    norm: NormText
    sentence: "Sentence" = backref()  # the analysis holds the sentence
    group: Group | None  # innermost bracket group
    sep_before: str  # the separator that opened the clause ("" at the sentence start)
    index: int  # within the sentence
    figures: list[Figure]

    def __init__(
            self, start: int, end: int, norm: NormText, sentence: "Sentence",
            group: Group | None = None, sep_before: str = "", index: int = 0,
            figures: list[Figure] | None = None) -> None:
        self.start = start
        self.end = end
        self.norm = norm
        self.sentence = sentence
        self.group = group
        self.sep_before = sep_before
        self.index = index
        self.figures = [] if figures is None else figures

    @property
    def text(self) -> str:
        return self.norm.text[self.start:self.end]

    @property
    def aside_of(self) -> Figure | None:
        """The figure this clause is an aside of (it sits in a bracket right after it)."""
        return self.group.aside_host if self.group is not None else None

    def prefix(self, fig: Figure) -> str:
        """The clause's text before ``fig`` (after the previous figure of the clause)."""
        return self.norm.text[fig.prev_end:fig.start]

    def suffix(self, fig: Figure) -> str:
        return self.norm.text[fig.end:fig.next_start]

    def previous(self) -> "Clause | None":
        sent = self.sentence
        return sent.clauses[self.index - 1] if sent is not None and self.index > 0 else None


class Sentence(Record, eq=False):
    """A sentence of a paragraph and its clauses; ``memo`` caches what readers ask about it."""

    start: int
    end: int
    norm: NormText
    index: int  # within the paragraph
    clauses: list[Clause]
    memo: dict

    def __init__(
            self, start: int, end: int, norm: NormText, index: int, clauses: list[Clause] | None = None,
            memo: dict | None = None) -> None:
        self.start = start
        self.end = end
        self.norm = norm
        self.index = index
        self.clauses = [] if clauses is None else clauses
        self.memo = {} if memo is None else memo

    @property
    def text(self) -> str:
        return self.norm.text[self.start:self.end]


def split(nt: NormText, figures: list[Figure]) -> list[Sentence]:
    """The sentences of ``nt`` with their clauses; each figure of a sentence that is read gets
    its clause (figures of an overlong sentence keep ``clause`` None)."""
    text = nt.text
    bounds: list[tuple[int, int]] = []
    start = depth = 0
    for m in _SENT_MARKS.finditer(text):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            bounds.append((start, m.end()))
            start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    sentences: list[Sentence] = []
    fi = 0
    for a, b in bounds:
        while fi < len(figures) and figures[fi].start < a:
            fi += 1
        fj = fi
        while fj < len(figures) and figures[fj].start < b:
            fj += 1
        if b - a > MAX_SENTENCE:
            fi = fj
            continue
        sent = Sentence(a, b, nt, len(sentences))
        _clauses(sent, figures, fi, fj)
        sentences.append(sent)
        fi = fj
    return sentences


def _clauses(sent: Sentence, figures: list[Figure], lo: int, hi: int) -> None:
    """Cut a sentence at ，；： (and its end), at brackets, and at 、 once the clause holds a
    figure; ``figures[lo:hi]`` are the sentence's, in order."""
    text = sent.norm.text
    fig_end = {figures[k].end: figures[k] for k in range(lo, hi)}
    stack: list[Group] = []
    opened: list[Group] = []
    start = sent.start
    sep = ""
    fp = lo  # first figure at or after ``start``

    def close(end: int, new_sep: str) -> None:
        nonlocal start, sep
        if end > start:
            sent.clauses.append(Clause(start, end, sent.norm, sent, stack[-1] if stack else None, sep,
                                       len(sent.clauses)))
        start, sep = end + 1, new_sep

    for m in _CLAUSE_MARKS.finditer(text, sent.start, sent.end):
        k = m.start()
        ch = m.group()
        if ch == "(":
            close(k, "(")
            host = fig_end.get(k)  # a figure right before the bracket
            parent = stack[-1] if stack else None
            hosts = (parent.hosts if parent else 0) + (host is not None)
            g = Group(k, sent.end, host, hosts, host if host is not None else (parent.aside_host if parent else None))
            stack.append(g)
            opened.append(g)
        elif ch == ")":
            if stack:
                close(k, ")")
                stack.pop().end = k
        elif ch != "、":
            close(k, ch)
        else:
            while fp < hi and figures[fp].start < start:
                fp += 1
            if text[k - 1:k] == ")" or (fp < hi and figures[fp].start <= k):
                close(k, ch)  # 予以公开71件、部分公开5件 / 行政复议1件(撤回)、行政诉讼0件
    close(sent.end, "")
    # figures to clauses, in one pass
    k = lo
    for cl in sent.clauses:
        while k < hi and figures[k].start < cl.start:
            k += 1
        prev = cl.start
        while k < hi and figures[k].start < cl.end:
            f = figures[k]
            f.clause = cl
            f.prev_end = prev
            prev = f.end
            if cl.figures:
                cl.figures[-1].next_start = f.start
            cl.figures.append(f)
            k += 1
        if cl.figures:
            cl.figures[-1].next_start = max(cl.figures[-1].end, cl.end)
