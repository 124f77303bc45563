"""Reading one table cell as a number, the way real reports write them.

``parse_value(text, kind, minimum)`` returns a :class:`Value`: the number when the cell holds a
valid number of its column's type, else ``None`` with the reason. A blank is never 0; a value
that is readable but not valid (``251000元``, ``十``, ``减263``, ``1.5`` in a count column) keeps
the number it would be in ``number`` so that a rule can suggest it, but ``value`` stays ``None``:
relations never use a cell the format does not accept.

Full-width digits and signs are folded by NFKC; thousands separators (``1,234``) are accepted.

A cell is read the way a reader sees it or not at all: zero-width characters (``1\\u200b2`` looks
like 12) are left out; a cell with a bidirectional control (``\\u202e9113\\u202c`` shows as 3119)
is not read (reason ``invisible``; FILE006 reports the characters, no other rule the cell).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .invisible import BIDI_RE, INVISIBLE_RE, has_invisible
from .lazyre import LazyPattern
from .records import Record
from .text import nfkc, parse_chinese_number

BLANK = "blank"
NOT_APPLICABLE = "not-applicable"
NON_NUMERIC = "non-numeric"
UNIT = "unit"
CHINESE_NUMERAL = "chinese-numeral"
SIGNED_WORDS = "signed-words"
DECIMAL = "decimal"
NEGATIVE = "negative"
NOTE = "note"
INVISIBLE = "invisible"  # holds a bidi control: what readers see is not what the file says

REASONS = (BLANK, NOT_APPLICABLE, NON_NUMERIC, UNIT, CHINESE_NUMERAL, SIGNED_WORDS, DECIMAL, NEGATIVE, NOTE,
           INVISIBLE)

# after NFKC: ／→/ －→- ～→~
_NA_MARKS = {"无", "不适用", "暂无", "空", "N/A", "n/a", "NA", "na", "—/—", "-/-", "/"}
_NA_CHARS = "-—–―‐‑/\\~_·.…×xX"  # a cell of these only: not applicable
_NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUM_RE = re.compile(rf"^{_NUM}$")
_UNITS = ("万元", "亿元", "千元", "元", "人次", "件", "个", "项", "条", "次", "人", "家", "份", "起", "宗", "户", "笔")
# the three below are tried on a cell that starts with a digit or a sign only (what they match
# starts so): compiled on first use (~0.5 ms together), as most reports never need them
_UNIT_RE = LazyPattern(rf"^(?P<num>{_NUM})(?P<unit>{'|'.join(_UNITS)})$")
_NOTE_RE = LazyPattern(rf"^(?P<num>{_NUM})(?P<note>[(（\[【].*[)）\]】])$")
_WORDS_FIRST = "减下降少增上多"  # the first characters of its words
_WORDS_RE = LazyPattern(r"^(?P<word>减少|减|下降|降低|少|增加|增|上升|多)了?(?P<num>\d+(?:\.\d+)?)"
                       rf"(?P<unit>{'|'.join(_UNITS)})?$")
_CN_NUMERALS = "零〇一二两三四五六七八九十百千万"
_UNIT_CHARS = "".join(_UNITS)


class Value(Record, frozen=True):
    """A cell read as a number.

    ``value``: the number, only when the text is a valid number for the column (else ``None``).
    ``reason``: why ``value`` is ``None`` (one of :data:`REASONS`), ``None`` when valid.
    ``number``: the number the text would stand for (a suggestion), even when invalid.
    ``unit``: the unit written in the cell, if any."""

    text: str
    value: Decimal | None
    reason: str | None
    number: Decimal | None
    unit: str

    def __init__(
            self, text: str, value: Decimal | None, reason: str | None = None, number: Decimal | None = None,
            unit: str = "") -> None:
        self.text = text
        self.value = value
        self.reason = reason
        self.number = number
        self.unit = unit

    @property
    def ok(self) -> bool:
        return self.reason is None


def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


@lru_cache(maxsize=16384)
def parse_value(text: str, kind: str = "integer", minimum: float | None = 0) -> Value:
    """Read ``text`` as a number of ``kind`` (``integer`` or ``decimal``) not below ``minimum``
    (``None``: any sign). Cached: the same cell texts (``0``, ``1``, blanks) recur in every
    report, and a :class:`Value` is immutable."""
    raw = text
    if text and has_invisible(text):
        if BIDI_RE.search(text):
            return Value(raw, None, INVISIBLE)
        text = INVISIBLE_RE.sub("", text)  # zero-width only: read what readers see
    t = nfkc(text or "").strip()
    t = re.sub(r"\s+", "", t).replace("\u2212", "-")
    if not t:
        return Value(raw, None, BLANK)
    # t holds no whitespace: "nothing left once these are stripped" is ^[these]+$
    if t in _NA_MARKS or not t.strip(_NA_CHARS):
        return Value(raw, None, NOT_APPLICABLE)
    if _NUM_RE.match(t):
        n = _dec(t)
        if n is None:  # pragma: no cover - the regex only admits valid literals
            return Value(raw, None, NON_NUMERIC)
        if kind == "integer" and "." in t:
            return Value(raw, None, DECIMAL, n)
        if minimum is not None and n < Decimal(str(minimum)):
            return Value(raw, None, NEGATIVE, n)
        return Value(raw, n, None, n)
    signed = t[0].isdecimal() or t[0] in "+-"
    m = _UNIT_RE.match(t) if signed else None
    if m:
        return Value(raw, None, UNIT, _dec(m.group("num")), m.group("unit"))
    m = _NOTE_RE.match(t) if signed else None
    if m:
        return Value(raw, None, NOTE, _dec(m.group("num")))
    m = _WORDS_RE.match(t) if t[0] in _WORDS_FIRST else None
    if m:
        n = _dec(m.group("num"))
        if n is not None and m.group("word") in ("减少", "减", "下降", "降低", "少"):
            n = -n
        return Value(raw, None, SIGNED_WORDS, n, m.group("unit") or "")
    numerals = t.rstrip(_UNIT_CHARS)
    if numerals and not numerals.strip(_CN_NUMERALS):
        core = t
        unit = ""
        for u in _UNITS:
            if core.endswith(u) and len(core) > len(u):
                core, unit = core[: -len(u)], u
                break
        n = parse_chinese_number(core)
        if n is not None:
            return Value(raw, None, CHINESE_NUMERAL, Decimal(n), unit)
    return Value(raw, None, NON_NUMERIC)


def looks_numeric(text: str) -> bool:
    """True when ``text`` is a number in any accepted or recognisable-but-invalid form
    (used to tell data rows from header rows)."""
    v = parse_value(text, "decimal", None)
    return v.number is not None or v.reason == NOT_APPLICABLE
