"""Text normalisation shared by rules: matching labels and titles the way people write them.

Real reports write the same label in many ways: full-width or ASCII brackets and digits
(NFKC folds them), spaces and line breaks inside labels (``结 果 维 持``), ``1、`` for ``1.``,
straight quotes for curly ones, numbering present or missing. ``label_key`` folds all of that;
``core_key`` additionally drops the leading numbering.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from .lazyre import LazyPattern

def short_cached(fn):
    """Memoise a function of a text for short texts (labels, titles and sentences recur in every
    report); long texts (whole sections) are computed each time and never kept."""
    cached = lru_cache(maxsize=32768)(fn)

    def wrapper(text: str):
        return cached(text) if len(text) <= 200 else fn(text)

    wrapper.__name__, wrapper.__doc__, wrapper.__wrapped__ = fn.__name__, fn.__doc__, fn
    return wrapper


QUOTE_MARKS = "\"'“”‘’「」『』„‟"  # removed from label keys
CN_DIGITS = "零一二三四五六七八九十百千万两〇"
_CN_NUMERALS = "零一二三四五六七八九十百两〇"  # what a numbering such as 第十二部分 or 二十、 is written with
_NUMBERING_SEPARATORS = "、.:："


def drop_chars(text: str, chars: str) -> str:
    """``text`` without any of ``chars`` (faster than a regular expression or ``str.translate``
    on short texts, and nothing to compile)."""
    for c in chars:
        if c in text:
            text = text.replace(c, "")
    return text


def run_end(text: str, i: int, chars: str, digits: bool = False) -> int:
    """The end of the run of ``chars`` (and of decimal digits, what ``\\d`` matches, with
    ``digits``) that starts at ``i``."""
    n = len(text)
    while i < n and (text[i] in chars or (digits and text[i].isdecimal())):
        i += 1
    return i


def _numbering_end(text: str) -> int:
    """The length of the numbering ``text`` starts with (0: none). The numbering is what the
    regular expression ::

        ^(?:第[零一二三四五六七八九十百两〇\\d]+[部分章节项条]*[、.:：]?     # 第一部分
          |[零一二三四五六七八九十百两〇]+[、.:：]                        # 一、
          |\\([零一二三四五六七八九十百两〇\\d]+\\)[、.:：]?              # (一) (1)
          |\\d+(?:\\.\\d+)*[、.:：)]?(?!\\d))                          # 1. 1、 1) 2.1

    matches (tests/test_text.py checks that they agree), found without compiling it (~0.6 ms,
    for its sets of scattered characters)."""
    if not text:
        return 0
    n = len(text)
    first = text[0]
    if first == "第":
        i = run_end(text, 1, _CN_NUMERALS, digits=True)
        if i == 1:
            return 0
        i = run_end(text, i, "部分章节项条")
        return i + 1 if i < n and text[i] in _NUMBERING_SEPARATORS else i
    if first in _CN_NUMERALS:
        i = run_end(text, 1, _CN_NUMERALS)
        return i + 1 if i < n and text[i] in _NUMBERING_SEPARATORS else 0
    if first == "(":
        i = run_end(text, 1, _CN_NUMERALS, digits=True)
        if i == 1 or i >= n or text[i] != ")":
            return 0
        return i + 2 if i + 1 < n and text[i + 1] in _NUMBERING_SEPARATORS else i + 1
    if first.isdecimal():
        i = run_end(text, 1, "", digits=True)
        while i + 1 < n and text[i] == "." and text[i + 1].isdecimal():
            i = run_end(text, i + 2, "", digits=True)
        # a separator is part of it unless a digit follows (then it ends before the separator)
        if i < n and text[i] in "、.:：)" and not (i + 1 < n and text[i + 1].isdecimal()):
            return i + 1
        return i
    return 0


def similarity(a: str, b: str, at_least: float, autojunk: bool = True) -> float:
    """``difflib.SequenceMatcher(None, a, b, autojunk=autojunk).ratio()`` when it can reach
    ``at_least``, else an upper bound of it below ``at_least``: the share of characters the two
    texts have in common (SequenceMatcher's ``quick_ratio``), without importing difflib (~1.5 ms
    of a run) for texts that are plainly different."""
    total = len(a) + len(b)
    if not total:
        return 1.0
    avail: dict[str, int] = {}
    for ch in b:
        avail[ch] = avail.get(ch, 0) + 1
    common = 0
    for ch in a:
        n = avail.get(ch, 0)
        if n:
            common += 1
            avail[ch] = n - 1
    bound = 2.0 * common / total
    if bound < at_least:
        return bound
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=autojunk).ratio()


@short_cached
def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


@short_cached
def compact(text: str) -> str:
    """NFKC, no whitespace at all and no zero-width characters (a label reads the same to a
    reader with them; FILE006 reports them)."""
    # str.split() splits at what \s matches (str.isspace): faster than a regular expression
    return drop_chars("".join(nfkc(text).split()), _ZERO_WIDTH)


@short_cached
def label_key(text: str) -> str:
    """Key for comparing labels: NFKC, no whitespace, no quote marks, ``1、`` → ``1.``."""
    key = drop_chars(compact(text), QUOTE_MARKS)
    i = run_end(key, 0, "", digits=True)
    if i and i < len(key) and key[i] in "、.,，:：":  # 1、 → 1.
        key = key[:i] + "." + key[i + 1:]
    return key


@short_cached
def strip_numbering(text: str) -> str:
    """Drop one leading numbering (``一、`` ``（一）`` ``1.`` ``第一部分``) from an NFKC'd text."""
    return text[_numbering_end(text):]


@short_cached
def core_key(text: str) -> str:
    """``label_key`` without the leading numbering: ``（三）不予公开`` → ``不予公开``."""
    return strip_numbering(label_key(text))


@short_cached
def leading_numbering(text: str) -> str:
    """The numbering a label starts with, normalised (``''`` when there is none)."""
    key = label_key(text)
    return key[:_numbering_end(key)]


# runs of CJK ideographs (the basic block and extension A): how long a Chinese text is. Compiled
# on first use (~0.7 ms: re's compiler visits every character of a range)
IDEOGRAPHS = LazyPattern(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def count_ideographs(text: str) -> int:
    """The number of CJK ideographs (U+3400–U+4DBF, U+4E00–U+9FFF) in ``text``."""
    return sum(map(len, IDEOGRAPHS.findall(text)))


def all_ideographs(text: str) -> bool:
    """Is ``text`` one or more CJK ideographs and nothing else?"""
    return bool(text) and all("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in text)


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
        if word in self.text and all_ideographs(word):
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
