"""Matching the labels people write to a profile's row and column labels.

A table's rows and columns are found by their labels, written the way people write them: NFKC,
whitespace, ``1、`` for ``1.``, missing numbering, the profile's ``variants`` (silent) and
``deviations`` (matched, reported), and typos (fuzzy, reported). :class:`LabelIndex` holds the
labels of one list of a profile's rows or columns and says how a text matches them (one of
:data:`EXACT` … :data:`FUZZY`; :data:`POSITION` is what the table model says of a column read by
its position). Used by :mod:`reportlint.tablerecognition`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .records import Record
from .text import label_key, leading_numbering, similarity, strip_numbering

FUZZY_RATIO = 0.8
FUZZY_MIN_LEN = 4

# how a label was matched; the last four differ from the official label and are reported
EXACT, NORMALISED, VARIANT, DEVIATION, NUMBERING, FUZZY, POSITION = (
    "exact", "normalised", "variant", "deviation", "numbering", "fuzzy", "position")
RANK = {EXACT: 0, NORMALISED: 1, VARIANT: 2, DEVIATION: 3, NUMBERING: 4, FUZZY: 5, POSITION: 6}
DIFFERS = (DEVIATION, NUMBERING, FUZZY, POSITION)

_PATH_SEP = re.compile(r"[：:]")
_TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
_BRACKETS = re.compile(r"[()\[\]【】]")


@lru_cache(maxsize=4096)
def caption_key(text: str) -> str:
    return _BRACKETS.sub("", label_key(text))


class _Item(Record, frozen=True):
    """One row or column label of a profile table, with the keys it is matched by."""

    key: str
    label: str
    lk: str
    core: str
    numbering: str
    variants: tuple[tuple[str, str], ...]  # (label_key, core)
    deviations: tuple[tuple[str, str], ...]
    order: int
    data: bool
    parent: str | None

    def __init__(
            self, key: str, label: str, lk: str, core: str, numbering: str,
            variants: tuple[tuple[str, str], ...], deviations: tuple[tuple[str, str], ...], order: int,
            data: bool, parent: str | None) -> None:
        self.key = key
        self.label = label
        self.lk = lk
        self.core = core
        self.numbering = numbering
        self.variants = variants
        self.deviations = deviations
        self.order = order
        self.data = data
        self.parent = parent


def _keys(text: str) -> tuple[str, str]:
    lk = label_key(text)
    return lk, strip_numbering(lk)


_INDEXES: dict[int, tuple[list, "LabelIndex"]] = {}


class LabelIndex:
    """The labels of a table's rows or columns, matched the way people write them."""

    def __init__(self, items) -> None:
        self.items: list[_Item] = []
        for i, it in enumerate(items):
            if it.label is None:
                continue
            lk, core = _keys(it.label)
            self.items.append(_Item(
                it.key, it.label, lk, core, leading_numbering(it.label),
                tuple(_keys(v) for v in (getattr(it, "variants", None) or [])),
                tuple(_keys(v) for v in (getattr(it, "deviations", None) or [])),
                i, bool(getattr(it, "data", True)), getattr(it, "parent", None)))
        self.by_key = {it.key: it for it in self.items}
        self.lks = {it.lk for it in self.items}
        self._cache: dict[str, list] = {}

    @classmethod
    def of(cls, items: list) -> "LabelIndex":
        """The index of a profile's row or column list, built once per process: profiles are
        immutable once loaded, and the same labels recur in every report, so the matches
        cached in the index serve every document."""
        hit = _INDEXES.get(id(items))
        if hit is None or hit[0] is not items:
            hit = _INDEXES[id(items)] = (items, cls(items))
        return hit[1]

    def match(self, text: str) -> list[tuple[_Item, str, float]]:
        """Candidates for ``text``, best first: (item, how, similarity)."""
        if not text or not text.strip():
            return []
        cached = self._cache.get(text)
        if cached is None:
            if len(self._cache) >= 16384:  # the labels of every report a server has seen: bounded
                self._cache.clear()
            cached = self._cache[text] = self._match_sorted(text)
        return cached

    def _match_sorted(self, text: str) -> list[tuple[_Item, str, float]]:
        out = self._match(text)
        if not out:
            stripped = _TRAILING_NOTE.sub("", text.strip())
            if stripped and stripped != text.strip():
                out = [(it, DEVIATION if RANK[how] < RANK[DEVIATION] else how, r)
                       for it, how, r in self._match(stripped)]
        out.sort(key=lambda x: (RANK[x[1]], -x[2], x[0].order))
        return out

    def _match(self, text: str) -> list[tuple[_Item, str, float]]:
        lk, core = _keys(text)
        if not lk:
            return []
        num = leading_numbering(text)
        out = []
        fuzzy = []
        for it in self.items:
            if text.strip() == it.label:
                out.append((it, EXACT, 1.0))
            elif lk == it.lk:
                out.append((it, NORMALISED, 1.0))
            elif core and core == it.core:
                out.append((it, NORMALISED if (not num or num == it.numbering) else NUMBERING, 1.0))
            elif any(lk == v or (core and core == c) for v, c in it.variants):
                out.append((it, VARIANT, 1.0))
            elif any(lk == v or (core and core == c) for v, c in it.deviations):
                out.append((it, DEVIATION, 1.0))
            elif len(core) >= FUZZY_MIN_LEN and (not num or not it.numbering or num == it.numbering):
                if 2 * min(len(core), len(it.core)) < FUZZY_RATIO * (len(core) + len(it.core)):
                    continue
                r = similarity(core, it.core, FUZZY_RATIO, autojunk=False)
                if r >= FUZZY_RATIO:
                    fuzzy.append((it, FUZZY, r))
        if out:
            return out
        return fuzzy



@lru_cache(maxsize=8192)
def split_path(text: str) -> tuple[str, ...]:
    """``（三）不予公开：1.属于国家秘密`` → its parts; a colon inside brackets does not split
    (``本年收费金额（单位：万元）``). Cached: the same labels recur in every report."""
    if ":" not in text and "：" not in text:
        part = text.strip()
        return (part,) if part else ()
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "(（[【":
            depth += 1
        elif ch in ")）]】":
            depth = max(0, depth - 1)
        if depth == 0 and _PATH_SEP.match(ch):
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return tuple(p for p in (x.strip() for x in parts) if p)
