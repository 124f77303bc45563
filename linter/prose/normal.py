"""A paragraph's text as the prose readers see it, with a map back to the source.

NFKC: full-width digits, brackets and punctuation become ASCII; whitespace and line breaks are
dropped (PDF conversions break lines inside words and put spaces before units, ``3119 件``), except
one space between two digits (``12 34`` stays two numbers). Markdown emphasis marks are dropped.

Invisible characters (Unicode format characters: bidi controls such as U+202E, zero-width space
U+200B, word joiner U+2060, soft hyphen U+00AD, BOM …) are dropped too, and their places are
remembered: a figure that contains or touches one is *hidden* — what a reader sees there is not
what the characters say (``申请\u202e9113\u202c件`` displays as 3119), so it is never compared.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from typing import TYPE_CHECKING

from ..diagnostics import Span
from ..records import Record

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Paragraph

_DROP = set("*`")

# what normalise must look at one by one: whitespace, dropped markup, and characters NFKC may
# change (or that are invisible); the runs between them (ASCII and CJK text, curly quotes: NFKC
# leaves them as they are) are copied at once
_SPECIAL = re.compile(r"[\s*`]|[^\x00-\x9f\u3001-\u3011\u4e00-\u9fff\u2018\u2019\u201c\u201d]")

_NFKC_CHARS: dict[str, str] = {}  # character -> its NFKC form (the same few recur in every report)
# the full-width punctuation of Chinese prose, dozens of times in a paragraph: NFKC maps each to one
# ASCII character, so it is replaced in the whole text at once (offsets stay the same)
_FULLWIDTH_PUNCT = (("，", ","), ("（", "("), ("）", ")"), ("：", ":"), ("；", ";"))


class NormText(Record, eq=False):
    """A paragraph's text, normalised, with ``omap[i]`` = offset in the paragraph text of
    normalised character ``i``; ``hidden`` = sorted normalised offsets where an invisible
    character was dropped (before the character at that offset)."""

    text: str
    omap: array
    para: "Paragraph"
    hidden: list[int]

    def __init__(self, text: str, omap: array, para: "Paragraph", hidden: list[int]) -> None:
        self.text = text
        self.omap = omap
        self.para = para
        self.hidden = hidden

    def source_span(self, start: int, end: int) -> Span:
        return self.para.span_of(self.omap[start], self.omap[end - 1] + 1)

    def source_text(self, start: int, end: int) -> str:
        """The source text of normalised range [start, end), line breaks and invisible
        characters removed."""
        if start >= end:
            return ""
        raw = self.para.text[self.omap[start]: self.omap[end - 1] + 1]
        raw = "".join(ch for ch in raw if unicodedata.category(ch) != "Cf") if self.hidden else raw
        return re.sub(r"\s*\n\s*", "", raw).strip()

    def touches_hidden(self, start: int, end: int) -> bool:
        """Is an invisible character inside normalised range [start, end) or right next to it?"""
        if not self.hidden:
            return False
        k = bisect_left(self.hidden, start)
        return k < len(self.hidden) and self.hidden[k] <= end


_IDENTITY = array("i")  # 0, 1, 2 …: offsets of text copied as it is, extended from here (six times faster than a range)
_IDENTITY_MAX = 1 << 16  # a longer paragraph uses ranges beyond this


def normalise(para: "Paragraph") -> NormText:
    global _IDENTITY
    src = para.text
    if len(_IDENTITY) < min(len(src), _IDENTITY_MAX):
        _IDENTITY = array("i", range(min(max(len(src), 2 * len(_IDENTITY), 1024), _IDENTITY_MAX)))
    ident, ident_end = _IDENTITY, len(_IDENTITY)
    for wide, narrow in _FULLWIDTH_PUNCT:
        src = src.replace(wide, narrow)
    out: list[str] = []
    omap = array("i")
    hidden: list[int] = []
    size = 0  # characters written
    last = ""  # the last character written
    pending_space = -1  # offset of a whitespace run not yet decided on

    def end_space(first: str) -> None:
        """A whitespace run ends before ``first``: keep one space between two digits so that
        "12 34" stays two numbers."""
        nonlocal pending_space, last, size
        if pending_space >= 0:
            if last.isdigit() and first[:1].isdigit():
                out.append(" ")
                omap.append(pending_space)
                size += 1
                last = " "
            pending_space = -1

    pos = 0
    for m in _SPECIAL.finditer(src):
        i = m.start()
        if i > pos:  # a run NFKC leaves as it is
            end_space(src[pos])
            out.append(src[pos:i])
            omap.extend(ident[pos:i] if i <= ident_end else range(pos, i))
            size += i - pos
            last = src[i - 1]
        pos = i + 1
        ch = src[i]
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        if ch in _DROP:
            continue
        folded = _NFKC_CHARS.get(ch)
        if folded is None:
            folded = _NFKC_CHARS[ch] = ("" if unicodedata.category(ch) == "Cf"
                                        else unicodedata.normalize("NFKC", ch))  # ，→ ,  （→ (  ３→ 3  ％→ %
        if not folded:  # invisible: dropped, its place remembered
            if not hidden or hidden[-1] != size:
                hidden.append(size)
            continue
        end_space(folded)
        for f in folded:
            if f.isspace():
                continue
            out.append(f)
            omap.append(i)
            size += 1
            last = f
    if pos < len(src):
        end_space(src[pos])
        out.append(src[pos:])
        omap.extend(ident[pos:len(src)] if len(src) <= ident_end else range(pos, len(src)))
    return NormText("".join(out), omap, para, hidden)
