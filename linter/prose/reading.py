"""Reading a count figure: which concept its words name, and whether its scope is the tables'.

A :class:`Where` is what readers look at around one figure (or claim): windows of its clause, its
sentence and paragraph, the official section it is in. Every window around a figure is bounded
(``WINDOW`` characters), and what a reader asks about a whole sentence or paragraph is answered
once per sentence or paragraph (``Sentence.memo``), so reading is linear in the text.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .vocabulary import SENTENCE_TARGETS, Condition, Reader, Vocabulary

if TYPE_CHECKING:  # pragma: no cover
    import re

    from .figures import Figure
    from .sentences import Sentence

WINDOW = 80  # characters of a clause a reader looks at on either side of a figure
CLAIM_WINDOW = 200  # characters before a claim


class ParagraphState:
    """What a paragraph's readers share: its section, its text's memo, and the dimensions of
    recent counts (for ``continues``)."""

    def __init__(self, text: str, section: str, recent_wholes: set[str]) -> None:
        self.text = text
        self.section = section
        self.memo: dict = {}
        self.recent_wholes = recent_wholes  # dims of wholes stated in this or the previous paragraph
        self.prev_dim: str | None = None  # dim of the last count of the previous sentence

    def first_end(self, rx: "re.Pattern") -> int:
        """End of the first match of ``rx`` in the paragraph (or a huge number)."""
        key = ("p", rx)
        hit = self.memo.get(key)
        if hit is None:
            m = rx.search(self.text)
            hit = self.memo[key] = m.end() if m else 1 << 60
        return hit


class Where:
    """The windows a reader looks at around one figure or claim."""

    __slots__ = ("v", "para", "sent", "pos", "texts", "_topics")

    def __init__(self, v: Vocabulary, para: ParagraphState, sent: "Sentence", pos: int,
                 before: str = "", after: str = "", near: str = "", rest: str = "", segment: str = "") -> None:
        self.v, self.para, self.sent, self.pos = v, para, sent, pos
        self.texts = {"before": before, "after": after, "near": near, "rest": rest, "segment": segment,
                      "core": v.lead.sub("", before, count=1), "words": before + "|" + after}
        self._topics: dict[str, bool] = {}

    @classmethod
    def of_figure(cls, v: Vocabulary, para: ParagraphState, sent: "Sentence", fig: "Figure") -> "Where":
        text = fig.norm.text
        before = text[max(fig.prev_end, fig.start - WINDOW):fig.start]
        after = text[fig.end:min(fig.next_start, fig.end + WINDOW)]
        w = cls(v, para, sent, fig.start, before, after)
        w.texts["frame"] = frame(sent) if fig.clause is not None and fig.clause.index > 0 else ""
        return w

    @property
    def before(self) -> str:
        return self.texts["before"]

    @property
    def core(self) -> str:
        return self.texts["core"]

    def _in_sentence(self, target: str, rx: "re.Pattern") -> bool:
        if target == "paragraph":
            return self.para.first_end(rx) <= self.sent.end
        memo = self.sent.memo
        hit = memo.get(rx)
        if hit is None:
            m = rx.search(self.sent.norm.text, self.sent.start, self.sent.end)
            hit = memo[rx] = (m.end() if m else 1 << 60)
        return hit < (1 << 60) if target == "sentence" else hit <= self.pos

    def holds(self, c: Condition) -> bool:
        texts = self.texts
        for target, rx in c.patterns:  # patterns first: most readers fail on them, cheaply
            s = texts.get(target)
            if s is not None:
                if rx.search(s) is None:
                    return False
            elif not self._in_sentence(target, rx):
                return False
        if c.sections and self.para.section not in c.sections:
            return False
        if c.continues is not None and not (self.para.prev_dim == c.continues or c.continues in self.para.recent_wholes):
            return False
        if c.topics:
            for t in c.topics:
                if self.topic(t):
                    return True
            return False
        return True

    def holds_any(self, conditions: list[Condition]) -> bool:
        for c in conditions:
            if self.holds(c):
                return True
        return False

    def topic(self, tid: str) -> bool:
        hit = self._topics.get(tid)
        if hit is None:
            self._topics[tid] = False  # a topic defined through itself does not hold through itself
            hit = self._topics[tid] = self.holds_any(self.v.topics.get(tid, []))
        return hit


def apply(readers: list[Reader], where: Where) -> tuple[Reader | None, str | None]:
    """The first reader that applies and the concept it names (None: no concept)."""
    for r in readers:
        if not where.holds(r.condition) or (r.unless and where.holds_any(r.unless)):
            continue
        if r.one_of:
            named = [cid for cid, c in r.one_of if where.holds(c)]
            if len(named) != 1:
                continue
            return r, named[0]
        return r, r.concept
    return None, None


def frame(sent: "Sentence") -> str:
    """The clauses without a figure that open a sentence (``截至6月底，…``, ``上半年，…``): the
    frame of every count after them (at most ``WINDOW`` characters)."""
    hit = sent.memo.get("frame")
    if hit is None:
        end = sent.start
        for cl in sent.clauses:
            if cl.figures:
                break
            end = cl.end
        hit = sent.memo["frame"] = sent.norm.text[sent.start:min(end, sent.start + WINDOW)]
    return hit


def read_count(v: Vocabulary, where: Where, unit: str) -> tuple[str | None, str]:
    """The concept a count names (or None) and its scope (a scope id, or ""): scope words are
    looked for in the figure's clause before it, then in the sentence's frame."""
    scope = ""
    for text in (where.before, where.texts.get("frame", "")):
        for s in v.scopes:
            if text and s.pattern is not None and s.pattern.search(text):
                scope = s.id
                break
        if scope:
            break
    reader, concept = apply(v.counts_by_unit.get(unit, []), where)
    if reader is None:
        return None, scope
    if not scope:
        for sid, rx in reader.scope:
            if rx.search(where.before):
                scope = sid
                break
    if scope in reader.clears:
        scope = ""
    return concept, scope
