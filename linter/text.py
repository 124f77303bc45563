"""Text normalisation shared by rules: matching labels and titles the way people write them.

Real reports write the same label in many ways: full-width or ASCII brackets and digits
(NFKC folds them), spaces and line breaks inside labels (``结 果 维 持``), ``1、`` for ``1.``,
straight quotes for curly ones, numbering present or missing. ``label_key`` folds all of that;
``core_key`` additionally drops the leading numbering.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

def short_cached(fn):
    """Memoise a function of a text for short texts (labels, titles and sentences recur in every
    report); long texts (whole sections) are computed each time and never kept."""
    cached = lru_cache(maxsize=32768)(fn)

    def wrapper(text: str):
        return cached(text) if len(text) <= 200 else fn(text)

    wrapper.__name__, wrapper.__doc__, wrapper.__wrapped__ = fn.__name__, fn.__doc__, fn
    return wrapper


_QUOTES = re.compile("[\"'“”‘’「」『』„‟]+")  # removed with a regex: str.translate is ten times slower
# after NFKC: 、 stays 、; ．becomes .
_NUM_SEP = re.compile(r"^(\d+)[、.,，:：]")
CN_DIGITS = "零一二三四五六七八九十百千万两〇"
_LEADING_NUMBERING = re.compile(
    r"^(?:"
    r"第[零一二三四五六七八九十百两〇\d]+[部分章节项条]*[、.:：]?"  # 第一部分
    r"|[零一二三四五六七八九十百两〇]+[、.:：]"  # 一、
    r"|\([零一二三四五六七八九十百两〇\d]+\)[、.:：]?"  # (一) (1)
    r"|\d+(?:\.\d+)*[、.:：)]?(?!\d)"  # 1. 1、 1) 2.1
    r")"
)


@short_cached
def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# whitespace and zero-width characters, removed in one pass
_WS_ZERO_WIDTH = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")


@short_cached
def compact(text: str) -> str:
    """NFKC, no whitespace at all and no zero-width characters (a label reads the same to a
    reader with them; FILE006 reports them)."""
    return _WS_ZERO_WIDTH.sub("", nfkc(text))


@short_cached
def label_key(text: str) -> str:
    """Key for comparing labels: NFKC, no whitespace, no quote marks, ``1、`` → ``1.``."""
    key = _QUOTES.sub("", compact(text))
    key = _NUM_SEP.sub(r"\1.", key)
    return key


@short_cached
def strip_numbering(text: str) -> str:
    """Drop one leading numbering (``一、`` ``（一）`` ``1.`` ``第一部分``) from an NFKC'd text."""
    return _LEADING_NUMBERING.sub("", text, count=1)


@short_cached
def core_key(text: str) -> str:
    """``label_key`` without the leading numbering: ``（三）不予公开`` → ``不予公开``."""
    return strip_numbering(label_key(text))


@short_cached
def leading_numbering(text: str) -> str:
    """The numbering a label starts with, normalised (``''`` when there is none)."""
    key = label_key(text)
    m = _LEADING_NUMBERING.match(key)
    return m.group(0) if m else ""


_IDEOGRAPHS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


class CompactText:
    """``compact(text)`` for substring tests, normalised only when it matters.

    ``word in CompactText(text)`` is ``word in compact(text)`` for a ``word`` that is compact
    already. A word of CJK ideographs found in the text as written is in its compact form too (NFKC
    leaves ideographs alone and never composes them with their neighbours, and removing whitespace
    only joins text), so the NFKC of a whole report is computed only when such a word is not
    found as written, or for other words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._compact: str | None = None

    def __contains__(self, word: str) -> bool:
        if word in self.text and _IDEOGRAPHS.fullmatch(word):
            return True
        if self._compact is None:
            self._compact = compact(self.text)
        return word in self._compact


_CN_VAL = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def parse_chinese_number(text: str) -> int | None:
    """Parse a Chinese numeral such as ``二十三``, ``一百零五``, ``两千``, ``十``, ``三万五千``.

    Returns None when ``text`` is not a well-formed numeral."""
    if not text or any(ch not in _CN_VAL and ch not in _CN_UNIT and ch != "万" for ch in text):
        return None
    total = 0
    if "万" in text:
        high, _, low = text.partition("万")
        hv = parse_chinese_number(high) if high else 1
        lv = parse_chinese_number(low) if low else 0
        if hv is None or lv is None:
            return None
        return hv * 10000 + lv
    section = 0
    digit: int | None = None
    for ch in text:
        if ch in _CN_VAL:
            if digit is not None and _CN_VAL[ch] != 0:
                return None  # two digits in a row: 二三
            digit = _CN_VAL[ch]
            if digit == 0:
                digit = None
        else:
            unit = _CN_UNIT[ch]
            section += (digit if digit is not None else 1) * unit
            digit = None
    total = section + (digit or 0)
    return total
