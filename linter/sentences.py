"""Sentences of a report's prose, for the rules that compare wording (REP003, TXT006).

Only paragraphs count (headings, tables and HTML blocks do not). A sentence ends at ``。！？；``
(and their ASCII forms); a line break inside a paragraph does not end one (text extracted from
PDF breaks lines in the middle of sentences). Markdown emphasis, code marks and link targets are
dropped; ``key`` is the sentence folded for comparison: NFKC, no whitespace, no markup, no quote
marks, every run of digits replaced by ``#`` (a sentence copied with its figures updated is the
same sentence).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .diagnostics import Span
from .records import Record
from .text import count_ideographs, drop_chars, nfkc, short_cached

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document

# a link's text and target hold no bracket of their kind: linear on hostile text ([[[[…](](](…)
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_MARKUP = re.compile(r"<[^>]{1,200}>|[*_`~]")
_SPACE = re.compile(r"\s+")
_QUOTES = "\"'“”‘’「」『』"  # dropped from keys
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


class Sentence(Record, eq=False):
    __slots__ = ("raw", "plain", "key", "span", "paragraph", "start", "cjk")
    raw: str  # as written (markup and line breaks kept)
    plain: str  # NFKC, no whitespace and no markup (digits kept)
    key: str  # ``plain`` without quote marks and with every number replaced by ``#``
    span: Span
    paragraph: Any
    start: int  # offset of ``raw`` in the paragraph's text
    cjk: int  # number of CJK ideographs of ``plain`` (how long a Chinese sentence is)

    def __init__(
            self, raw: str, plain: str, key: str, span: Span, paragraph: Any = None, start: int = 0,
            cjk: int = 0) -> None:
        self.raw = raw
        self.plain = plain
        self.key = key
        self.span = span
        self.paragraph = paragraph
        self.start = start
        self.cjk = cjk

    @property
    def text(self) -> str:
        """As written, line breaks removed."""
        return self.raw.replace("\n", "")

    def span_of(self, start: int, end: int) -> Span:
        """The source span of ``raw[start:end]``."""
        return self.paragraph.span_of(self.start + start, self.start + end)


def fold(text: str) -> str:
    """NFKC, links reduced to their text, no markup and no whitespace."""
    text = _LINK.sub(r"\1", text)
    return _SPACE.sub("", _MARKUP.sub("", nfkc(text)))


def fold_paragraph(paragraph: Any) -> str:
    """A paragraph's text folded like :attr:`Sentence.plain` (remembered on the paragraph)."""
    hit = paragraph.__dict__.get("_folded")
    if hit is None:
        hit = paragraph.__dict__["_folded"] = fold(paragraph.text)
    return hit


def key_of(plain: str) -> str:
    return _DIGITS.sub("#", drop_chars(plain, _QUOTES))


def sentences(doc: "Document") -> list[Sentence]:
    """Every sentence of the document's paragraphs, in document order (computed once)."""
    return doc.memo("sentences", lambda: _split(doc))


# a sentence: text up to its end marks, then the closing quotes and brackets after them. Each set
# is written once (compiling a set of scattered characters costs ~0.1 ms); (?=.) keeps it from
# matching nothing at the end
_SENTENCE = re.compile(r"(?=.)[^。！？；!?;]*[。！？；!?;]*[”’」』）)】]*", re.S)


def _split(doc: "Document") -> list[Sentence]:
    out: list[Sentence] = []
    for p in doc.paragraphs:
        for m in _SENTENCE.finditer(p.text):
            _add(out, p, m.start(), m.end())
    return out


@short_cached  # sentences recur (boilerplate, last year's wording): short ones are folded once
def _folded(raw: str) -> tuple[str, str, int]:
    """(plain, key, number of CJK ideographs) of a sentence as written."""
    plain = fold(raw)
    return plain, key_of(plain), count_ideographs(plain)


def _add(out: list[Sentence], p, start: int, end: int) -> None:
    raw = p.text[start:end]
    lead = len(raw) - len(raw.lstrip())
    raw = raw.strip()
    if not raw:
        return
    plain, key, cjk = _folded(raw)
    if not plain:
        return
    s = start + lead
    out.append(Sentence(raw, plain, key, p.span_of(s, s + len(raw)), p, s, cjk))
