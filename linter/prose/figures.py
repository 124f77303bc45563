"""Figures: numbers with their unit in a paragraph's normalised text (``3119件``, ``17.46%``).

Arabic numbers (``3119``, ``1,234``, ``7730.28``) and Chinese numerals (``二十三``, ``两``) followed by a
unit of the profile (``figures.count_units``, ``amount_units``, or ``%``); the profile's
``approximate_before`` / ``approximate_after`` words (``约``, ``余`` …) and ``万`` make a figure
approximate. A figure that touches an invisible character is *hidden* (see ``normal``).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from ..backref import backref
from ..diagnostics import Span
from ..records import Record
from ..text import parse_chinese_number
from .normal import NormText

if TYPE_CHECKING:  # pragma: no cover
    from .sentences import Clause
    from .vocabulary import Vocabulary

_CN_DIGITS = "零〇一二两三四五六七八九十百千万"
MAX_DIGITS = 24  # a longer run of digits or numerals is not a figure a reader reads as a count


class Figure(Record, eq=False):
    """A number with its unit in a paragraph's normalised text."""

    value: Decimal
    unit: str
    start: int  # normalised offsets of number + unit
    end: int
    num_end: int  # end of the number itself
    norm: NormText
    approx: bool
    chinese: bool
    decimals: int  # digits after the point as written
    hidden: bool  # touches an invisible character: never compared
    amount: bool  # a sum of money (万元, 元), not a count
    clause: "Clause | None" = backref(default=None)  # the analysis holds the clause's sentence
    index: int  # document order
    prev_end: int  # end of the previous figure of the clause (or the clause start)
    next_start: int  # start of the next figure of the clause (or the clause end)

    def __init__(
            self, value: Decimal, unit: str, start: int, end: int, num_end: int, norm: NormText,
            approx: bool = False, chinese: bool = False, decimals: int = 0, hidden: bool = False,
            amount: bool = False, clause: "Clause | None" = None, index: int = 0,
            prev_end: int = -1, next_start: int = -1) -> None:
        self.value = value
        self.unit = unit
        self.start = start
        self.end = end
        self.num_end = num_end
        self.norm = norm
        self.approx = approx
        self.chinese = chinese
        self.decimals = decimals
        self.hidden = hidden
        self.amount = amount
        self.clause = clause
        self.index = index
        self.prev_end = prev_end
        self.next_start = next_start

    @property
    def span(self) -> Span:
        return self.norm.source_span(self.start, self.end)

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_count(self) -> bool:
        return self.unit != "%"

    @property
    def exact(self) -> bool:
        """Can be compared: neither approximate nor hidden."""
        return not (self.approx or self.hidden)

    @property
    def written(self) -> str:
        return self.norm.source_text(self.start, self.end)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Figure({self.value}{self.unit} @{self.start})"


def figure_pattern(v: "Vocabulary") -> re.Pattern:
    """The regular expression of a figure for this vocabulary (compiled once per vocabulary)."""
    cached = getattr(v, "_figure_rx", None)
    if cached is not None:
        return cached
    # longest first (same-length units are different texts: their order changes no match; it is
    # fixed so that the pattern's text is the same in every process, as the regex store needs)
    units = sorted(set(v.count_units) | set(v.amount_units) | set(v.aliases) | {"%"}, key=lambda u: (-len(u), u))
    unit_alt = "|".join(re.escape(u) for u in units)
    before = sorted(v.approximate_before, key=len, reverse=True)
    after = sorted(v.approximate_after, key=len, reverse=True)
    starts = "".join(sorted({w[0] for w in before})) + _CN_DIGITS
    pre = "|".join(re.escape(w) for w in before) or "(?!)"
    post = "|".join(re.escape(w) for w in after) or "(?!)"
    rx = re.compile(
        rf"(?=[{re.escape(starts)}\d])"  # what a figure starts with: skips other text fast
        rf"(?P<pre>{pre})?"
        r"(?:(?P<num>(?<![\d.])(?<!\d,)(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)"
        rf"|(?P<cn>(?<![{_CN_DIGITS}第])[{_CN_DIGITS}]+))"
        rf"(?P<approx>{post})?(?P<wan>万(?!元))?(?P<unit>{unit_alt})"
    )
    v._figure_rx = rx  # type: ignore[attr-defined]
    return rx


def read_figures(nt: NormText, v: "Vocabulary", limit: int) -> list[Figure]:
    """The figures of ``nt``, at most ``limit``."""
    out: list[Figure] = []
    text = nt.text
    amount_units = set(v.amount_units)
    for m in figure_pattern(v).finditer(text):
        if len(out) >= limit:
            break
        unit = m.group("unit")
        nxt = text[m.end(): m.end() + 1]
        if nxt and nxt in v.not_a_unit.get(unit, ""):
            continue
        num = m.group("num")
        if num is not None:
            if len(num) > MAX_DIGITS + 8:
                continue
            raw = num.replace(",", "")
            # a thousands separator must come from an ASCII comma, not from a full-width one
            if "," in num and "，" in nt.para.text[nt.omap[m.start("num")]: nt.omap[m.end("num") - 1] + 1]:
                continue
            value = Decimal(raw)
            decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
            chinese = False
            start = m.start("num")
            num_end = m.end("num")
        else:
            cn = m.group("cn")
            if unit == "%" or len(cn) > MAX_DIGITS:
                continue
            parsed = parse_chinese_number(cn)
            if parsed is None:
                continue
            value, decimals, chinese, start, num_end = Decimal(parsed), 0, True, m.start("cn"), m.end("cn")
        approx = bool(m.group("pre") or m.group("approx") or m.group("wan"))
        if m.group("wan"):
            value *= 10000
        unit = v.aliases.get(unit, unit)
        fig = Figure(value, unit, start, m.end(), num_end, nt, approx, chinese, decimals,
                     hidden=nt.touches_hidden(m.start(), m.end()), amount=unit in amount_units)
        out.append(fig)
    return out
