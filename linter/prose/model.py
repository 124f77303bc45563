"""What the prose of a document states: statements, breakdowns, claims (``analyse(doc)``)."""
from __future__ import annotations

from decimal import Decimal

from ..backref import backref
from ..diagnostics import Span
from ..records import Record
from .figures import Figure
from .sentences import Clause
from .vocabulary import ClaimSpec, Concept


class Statement(Record, eq=False):
    """A stated count (or percentage) and what it means."""

    figure: Figure | None  # None: a percentage naming a category without its count
    concept: Concept | None
    clause: Clause
    scoped: str  # the scope (profile ``scopes``) that makes it about something else ("" if none)
    percent: Figure | None  # the share stated for it
    breakdown: "Breakdown | None" = backref(default=None)  # the breakdown it is a part of
    aside_of: Figure | None

    def __init__(
            self, figure: Figure | None, concept: Concept | None, clause: Clause, scoped: str = "",
            percent: Figure | None = None, breakdown: "Breakdown | None" = None,
            aside_of: Figure | None = None) -> None:
        self.figure = figure
        self.concept = concept
        self.clause = clause
        self.scoped = scoped
        self.percent = percent
        self.breakdown = breakdown
        self.aside_of = aside_of

    @property
    def value(self) -> Decimal | None:
        return self.figure.value if self.figure is not None else None

    def fragment(self) -> str:
        """The words of the statement as written (its clause, line breaks removed)."""
        return self.clause.norm.source_text(self.clause.start, self.clause.end)

    def marked(self) -> str:
        """Its clause with the figure marked: ``予以公开及部分公开【258件】``."""
        cl, fig = self.clause, self.figure
        if fig is None:
            return self.fragment()
        nt = cl.norm
        return (nt.source_text(cl.start, fig.start) + "【" + nt.source_text(fig.start, fig.end) + "】"
                + nt.source_text(fig.end, cl.end))


class Breakdown(Record, eq=False):
    """A whole and the parts a text breaks it into (``其中…``), with the shares stated for them.
    ``implicit``: no word opened it (a sentence of parts right after the whole)."""

    whole: Statement
    dims: set[str]
    parts: list[Statement]
    shares: list[Statement]  # parts (or categories) with a percentage
    dim: str
    opener: Clause | None
    closed_by: Clause | None
    implicit: bool

    def __init__(
            self, whole: Statement, dims: set[str], parts: list[Statement] | None = None,
            shares: list[Statement] | None = None, dim: str = "", opener: Clause | None = None,
            closed_by: Clause | None = None, implicit: bool = False) -> None:
        self.whole = whole
        self.dims = dims
        self.parts = [] if parts is None else parts
        self.shares = [] if shares is None else shares
        self.dim = dim
        self.opener = opener
        self.closed_by = closed_by
        self.implicit = implicit


class Claim(Record, eq=False):
    """Words that assert something the tables can contradict (``所有申请均已办结``).
    ``readings``: the subjects it may be about (each a tuple of subjects), the likeliest first."""

    spec: ClaimSpec
    clause: Clause
    start: int  # normalised offsets of the words making the claim
    end: int
    readings: list[tuple[str, ...]]

    def __init__(
            self, spec: ClaimSpec, clause: Clause, start: int, end: int,
            readings: list[tuple[str, ...]] | None = None) -> None:
        self.spec = spec
        self.clause = clause
        self.start = start
        self.end = end
        self.readings = ([("",)]) if readings is None else readings

    @property
    def kind(self) -> str:
        return self.spec.id

    @property
    def scope(self) -> str:
        """The subjects of the likeliest reading, ``+``-joined (``review``, ``review+lit``)."""
        return "+".join(s for s in self.readings[0] if s)

    @property
    def span(self) -> Span:
        return self.clause.norm.source_span(self.start, self.end)

    def fragment(self) -> str:
        """The claim's clause, with the clause before it when the claim has no subject of its
        own (``行政复议4件，均获维持``)."""
        first = self.clause
        prev = self.clause.previous()
        if prev is not None and self.clause.sep_before == "," and self.start == self.clause.start and prev.figures:
            first = prev
            before = prev.previous()
            if before is not None and prev.sep_before == "," and prev.figures and before.figures:
                first = before  # 复议7件，诉讼9件，均获维持: both counts it is about
        return self.clause.norm.source_text(first.start, self.clause.end)

    def marked(self) -> str:
        """:meth:`fragment` with the claim's words marked: ``复议7件，诉讼9件，【均获维持】``."""
        whole = self.fragment()
        nt = self.clause.norm
        words = nt.source_text(self.start, self.end)
        rest = nt.source_text(self.end, self.clause.end)
        head = whole[: len(whole) - len(words) - len(rest)] if whole.endswith(words + rest) else None
        return f"{head}【{words}】{rest}" if head is not None else whole


class ProseAnalysis(Record):
    """Everything the prose of one document states (``analyse(doc, vocabulary)``)."""

    figures: list[Figure]
    sentences: list  # of the paragraphs with figures or claims
    statements: list[Statement]
    breakdowns: list[Breakdown]
    percents: list[Statement]  # statements with a percentage
    claims: list[Claim]
    share_groups: list[list[Statement]]  # percentages of one whole

    def __init__(
            self, figures: list[Figure] | None = None, sentences: list | None = None,
            statements: list[Statement] | None = None, breakdowns: list[Breakdown] | None = None,
            percents: list[Statement] | None = None, claims: list[Claim] | None = None,
            share_groups: list[list[Statement]] | None = None) -> None:
        self.figures = [] if figures is None else figures
        self.sentences = [] if sentences is None else sentences
        self.statements = [] if statements is None else statements
        self.breakdowns = [] if breakdowns is None else breakdowns
        self.percents = [] if percents is None else percents
        self.claims = [] if claims is None else claims
        self.share_groups = [] if share_groups is None else share_groups
