"""Breakdowns and percentages of one sentence.

``其中`` (the profile's ``breakdowns.of_previous``) opens a breakdown of the count before it, a
clause such as ``在主动公开的信息中`` (``of_dimension``) one of the latest whole of its dimension; the
following counts of one dimension the whole breaks down into (``dimensions``) are its parts; a
count of another kind ends it. Breakdowns nest (``不予公开20件，其中国家秘密4件…``) and end with
their bracket. A sentence of parts right after a sentence that ends with a whole is a breakdown of
that whole when the whole names its complete set of parts (``implicit``).

Percentages are attached to the count they follow (``1件，占总数的50%``, ``208件（17.46%）``) or to
the category they name (``予以公开或部分公开占58.5%``), and through the breakdown to the whole they
are a share of.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Breakdown, ProseAnalysis, Statement
from .reading import Where, apply
from .sentences import Clause, Group, Sentence, within

if TYPE_CHECKING:  # pragma: no cover
    from .figures import Figure
    from .reading import ParagraphState
    from .vocabulary import Vocabulary


def _opener(v: "Vocabulary", cl: Clause) -> tuple[str, str] | None:
    """("previous", "") for 其中, ("dimension", dim) for 在主动公开的信息中, or None."""
    t = cl.text
    if v.opener_previous is not None and v.opener_previous.search(t):
        return "previous", ""
    if not cl.figures and v.opener_dimension is not None and v.opener_dimension.search(t):
        for dim, rx in v.opener_dims:
            if rx.search(t):
                return "dimension", dim
    return None


def _base(bd: Breakdown) -> Group | None:
    return bd.opener.group if bd.opener is not None else None


def _aside_between(g: Group | None, base: Group | None) -> bool:
    """Is there a bracket right after a figure between group ``g`` and ``base`` (exclusive)?"""
    return g is not None and g.hosts > (base.hosts if base is not None else 0)


def read_breakdowns(v: "Vocabulary", sent: Sentence, by_fig: dict[int, Statement], prev_last: Statement | None,
                    last_whole: dict[str, Statement], out: ProseAnalysis, state: "ParagraphState") -> None:
    """Find the breakdowns and shares of one sentence."""
    stack: list[Breakdown] = []
    last_stmt: Statement | None = None  # the latest count statement of the sentence (asides excluded)

    for idx, cl in enumerate(sent.clauses):
        while stack and not within(cl.group, _base(stack[-1])):
            stack.pop()  # the bracket the breakdown was opened in has closed
        opener = _opener(v, cl)
        if opener is not None:
            if opener[0] == "previous":
                whole = last_stmt if last_stmt is not None else (prev_last if idx == 0 else None)
            else:
                whole = last_whole.get(opener[1])
            bd = _open(v, whole, cl, out) if whole is not None else None
            if bd is not None:
                if not (stack and whole.breakdown is stack[-1]):
                    stack.clear()  # not nested: a new breakdown
                stack.append(bd)
        elif idx == 0 and prev_last is not None and v.implicit_breakdowns:
            bd = _implicit(v, prev_last, cl, by_fig, out)
            if bd is not None:
                stack.append(bd)
        for f in cl.figures:
            if f.is_percent:
                _attach_percent(v, f, cl, stack, last_stmt, by_fig, out, state)
                continue
            st = by_fig.get(id(f))
            if st is None:
                continue
            if st.aside_of is not None and not (stack and _base(stack[-1]) is not None
                                                and not _aside_between(cl.group, _base(stack[-1]))):
                continue  # an aside (含上年结转189件) is never a part, nor the figure before 其中
            while stack:
                bd = stack[-1]
                d = _part_dim(v, st, bd)
                if d is not None and (not bd.dim or bd.dim == d):
                    bd.dim = d
                    _retarget(v, st, bd)
                    st.breakdown = bd
                    bd.parts.append(st)
                    break
                bd.closed_by = cl
                stack.pop()
            last_stmt = st


def _open(v: "Vocabulary", whole: Statement, cl: Clause | None, out: ProseAnalysis,
          implicit: bool = False) -> Breakdown | None:
    if whole.figure is None or whole.concept is None:
        return None
    c = whole.concept
    if c.role == "whole":
        dims = v.parts_of(c.dim)
    elif c.subs:
        dims = {"sub:" + c.id}
    else:
        return None
    if not dims:
        return None
    bd = Breakdown(whole, dims, opener=cl, implicit=implicit)
    out.breakdowns.append(bd)
    return bd


def _implicit(v: "Vocabulary", whole: Statement, cl: Clause, by_fig: dict[int, Statement],
              out: ProseAnalysis) -> Breakdown | None:
    """A sentence that starts with a part of ``whole`` (the last count of the sentence before),
    when ``whole`` names its complete set of parts: ``答复…805件。予以公开…258件，…``."""
    c = whole.concept
    if c is None or c.role != "whole" or not c.complete or whole.figure is None or not cl.figures:
        return None
    first = by_fig.get(id(cl.figures[0]))
    if first is None or first.concept is None or first.aside_of is not None or first.scoped:
        return None
    members = set().union(*c.complete)
    if first.concept.id not in members and not (first.concept.subs & members):
        return None
    return _open(v, whole, None, out, implicit=True)


def _part_dim(v: "Vocabulary", st: Statement, bd: Breakdown) -> str | None:
    """The dimension ``st`` has as a part of ``bd``, or None when it cannot be one."""
    c = st.concept
    if st.figure is not None and bd.whole.figure is not None:
        if not v.same_units(st.figure.unit, bd.whole.figure.unit):
            return None
        scope = v.scope(st.scoped) if st.scoped else None
        if scope is not None and scope.never_a_part:
            return None  # 较上年增加5件 is not a part of anything
    if c is None:
        # an unnamed figure: a part only of a dimension whose parts may be unnamed
        if st.figure is not None:
            for d in bd.dims:
                if d in v.unclassified:
                    pre = v.lead.sub("", st.clause.prefix(st.figure), count=1)
                    rx = v.unclassified[d]
                    if pre and (rx is None or not rx.search(pre)):
                        return d
        return None
    w = bd.whole.concept
    if w is not None and w.id in c.not_part_of:
        return None
    for d in bd.dims:
        if d.startswith("sub:") and c.id in v.concepts[d[4:]].subs:
            return d
    if c.dim in bd.dims:
        return c.dim
    if w is not None:
        target = v.concepts.get(c.becomes(w.dim) or "")
        if target is not None and target.dim in bd.dims:
            return target.dim
    return None


def _retarget(v: "Vocabulary", st: Statement, bd: Breakdown) -> None:
    """A part becomes what it is under its whole (``行政诉讼46件，其中结果维持25件``)."""
    c, w = st.concept, bd.whole.concept
    if c is not None and w is not None and c.dim not in bd.dims:
        target = v.concepts.get(c.becomes(w.dim) or "")
        if target is not None:
            st.concept = target


def _attach_percent(v: "Vocabulary", f: "Figure", cl: Clause, stack: list[Breakdown], last_stmt: Statement | None,
                    by_fig: dict[int, Statement], out: ProseAnalysis, state: "ParagraphState") -> None:
    """Attach a percentage to the statement it is the share of."""
    prefix = cl.prefix(f)
    where = Where(v, state, cl.sentence, f.start, before=prefix, after=cl.suffix(f))
    if where.holds_any(v.not_a_share):
        return  # 办结率100%, 同比增长12%: not a share
    target: Statement | None = None
    host = cl.group.host if cl.group is not None else None
    core = where.core
    if host is not None and not prefix:
        target = by_fig.get(id(host))  # 208件（17.46%）
    elif (v.share_of_previous is not None and v.share_of_previous.search(core) and last_stmt is not None
          and (cl.sep_before in (",", ";") or (cl.sep_before == "(" and host is last_stmt.figure))):
        target = last_stmt  # 1件，占总数的50%
    else:
        m = v.share_names_category.search(prefix) if v.share_names_category is not None else None
        cid = None
        if m is not None:
            _, cid = apply(v.share_categories, Where(v, state, cl.sentence, f.start, before=prefix[:m.start()]))
        if cid is not None:
            # 予以公开或部分公开占58.5%: a share of a category whose count is not stated
            target = Statement(None, v.concepts[cid], cl)
            out.statements.append(target)
            if stack:
                d = _part_dim(v, target, stack[-1])
                if d is not None and (not stack[-1].dim or stack[-1].dim == d):
                    stack[-1].dim = d
                    target.breakdown = stack[-1]
    if target is None or target.percent is not None:
        return
    target.percent = f
    out.percents.append(target)
    if target.breakdown is not None:
        target.breakdown.shares.append(target)
