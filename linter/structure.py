"""Which part of a document is which section of the profile.

Headings are matched to the profile's sections after folding (NFKC, whitespace, bracket width,
quote marks) and without their numbering: ``## 三、收到和处理政府信息公开申请情况`` and
``### 3. 收到和处理政府信息公开申请情况`` both are section 三. A heading that matches a known variant
title, or that carries the section's numbering and is nearly the official title (a typo), is
matched too and remembered as such. A section title written as a plain paragraph (no ``#``) is
recognised so that it is reported once, as such, and not as missing.

When several headings could be one section, the outline decides (``_resolve``):

- the official sections sit at one heading level, the level at which most of them are found; a
  heading below that level is a sub-heading;
- a heading numbered in a deeper style than the official section it follows (``（一）`` under
  ``一、``, then ``1.``, then ``（1）``: the order of GB/T 9704), or in another style than the one
  most official sections use, is a sub-topic of that section, even at the same heading level (an
  outline flattened by a conversion);
- such a sub-heading is the section only when nothing else can be: the sub-topic
  ``### （一）主动公开政府信息情况`` of 一、总体情况 is not section 二 when ``## 二、主动公开政府信息情况``
  follows. It is dropped silently, so that one doubtful match never becomes several findings.
  Nor is it section 二 when nothing else is: its number says it is item 1 of 一、总体情况 (the
  section is then missing: one SEC002, not a missing 表二 in a sub-topic);
- headings at the official level that repeat a section are duplicates (SEC004), unless the
  number of the repeat names a section that is otherwise missing and fits there in the order
  (``## 三、主动公开政府信息情况`` between 二 and 四): its number wins and its wording is
  reported (SEC006).

The text of a title wins over its number when it names one section unambiguously: Shanghai
reports number the statutory parts ``一、主动公开政府信息情况`` … ``五、其他需要报告的事项``; they are
those sections, and the number that disagrees is remembered (``SectionHit.ordinal_differs``) for
SEC006.

The result is computed once per document and shared (``section_map(doc, edition)``); building
and querying it is linear in the number of headings and blocks (n log n at worst).
"""
from __future__ import annotations

from bisect import bisect_right

from .diagnostics import Span
from .document import Document, Heading, Paragraph, Section
from .profile import Edition, SectionSpec
from .profileindex import derived
from .records import Record
from .text import (
    core_key, count_ideographs, label_key, leading_numbering, parse_chinese_number, run_end, short_cached,
    similarity)

FUZZY_RATIO = 0.8

# numbering styles, outermost first (GB/T 9704: 一、 （一） 1. （1）); 第一部分 sits above 一、
_CN = "零一二三四五六七八九十百两〇"
_SEPARATORS = "、.:："


def numbering_style(key: str) -> tuple[int, str, str] | None:
    """(style, its number, the whole numbering) of the numbering a label key starts with, the
    first of (what the regular expressions below match; tests/test_structure_numbering.py checks
    that they agree, found without compiling them: ~0.6 ms for their sets of scattered characters)::

        0  ^第([零一二三四五六七八九十百两〇\\d]+)[部分章节]*[、.:：]?
        1  ^([零一二三四五六七八九十百两〇]+)[、.:：]
        2  ^\\(([零一二三四五六七八九十百两〇]+)\\)[、.:：]?
        3  ^(\\d{1,2})(?:[.:：](?!\\d)|(?=[^\\d.)]))
        4  ^\\(?(\\d{1,2})\\)
    """
    n = len(key)
    first = key[:1]
    if first == "第":
        i = run_end(key, 1, _CN, digits=True)
        if i > 1:
            j = run_end(key, i, "部分章节")
            return 0, key[1:i], key[:j + 1 if j < n and key[j] in _SEPARATORS else j]
    elif first and first in _CN:
        i = run_end(key, 1, _CN)
        if i < n and key[i] in _SEPARATORS:
            return 1, key[:i], key[:i + 1]
    elif first == "(":
        i = run_end(key, 1, _CN)
        if i > 1 and i < n and key[i] == ")":
            return 2, key[1:i], key[:i + 2 if i + 1 < n and key[i + 1] in _SEPARATORS else i + 1]
    # 3: one or two digits, then . : or ： without a digit after it, or any other character but . )
    d = min(run_end(key, 0, "", digits=True), 2)
    if d and d < n:
        c = key[d]
        if c in ".:：" and not (d + 1 < n and key[d + 1].isdecimal()):
            return 3, key[:d], key[:d + 1]
        if not c.isdecimal() and c not in ".)":
            return 3, key[:d], key[:d]
    # 4: one or two digits, in brackets or before a closing one
    start = 1 if first == "(" else 0
    end = run_end(key, start, "", digits=True)
    if 1 <= end - start <= 2 and end < n and key[end] == ")":
        return 4, key[start:end], key[:end + 1]
    return None


class Numbering(Record, frozen=True):
    """The numbering a title starts with: its style (0 = 第一部分, 1 = 一、, 2 = （一）, 3 = 1.,
    4 = （1）), its value and how to show it."""

    rank: int
    value: int
    shown: str

    def __init__(self, rank: int, value: int, shown: str) -> None:
        self.rank = rank
        self.value = value
        self.shown = shown


@short_cached  # titles recur in every report
def numbering_of(text: str) -> Numbering | None:
    """The leading numbering of a title (``None`` when unnumbered, or numbered ``2.1``)."""
    style = numbering_style(label_key(text))
    if style is None:
        return None
    rank, digits, numbering = style
    value = int(digits) if digits.isdigit() else parse_chinese_number(digits)
    if value is None:
        return None
    shown = numbering.rstrip("、.:：").replace("(", "（").replace(")", "）")
    return Numbering(rank, value, shown)


class SectionHit(Record, eq=False):
    """A heading (or a plain-text line) recognised as one of the profile's sections."""

    spec: SectionSpec
    how: str  # "exact" | "variant" | "fuzzy" | "plain" | "numbered" (its number, not its wording)
    span: Span
    heading: Heading | None
    section: Section | None
    paragraph: Paragraph | None
    written: str  # the title as written
    numbering: Numbering | None  # the numbering as written
    # the official section this heading is a sub-heading of, when it was taken as a section of
    # its own only because nothing else could be (``### （一）主动公开政府信息情况`` under 一、总体情况)
    parent: "SectionHit | None"
    worded_as: SectionSpec | None  # for how == "numbered": the section its wording names
    level: int | None  # heading level; None for a plain-text title

    def __init__(
            self, spec: SectionSpec, how: str, span: Span, heading: Heading | None = None,
            section: Section | None = None, paragraph: Paragraph | None = None, written: str = "",
            numbering: Numbering | None = None, parent: "SectionHit | None" = None,
            worded_as: SectionSpec | None = None, level: int | None = None) -> None:
        self.spec = spec
        self.how = how
        self.span = span
        self.heading = heading
        self.section = section
        self.paragraph = paragraph
        self.written = written
        self.numbering = numbering
        self.parent = parent
        self.worded_as = worded_as
        self.level = level

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def ordinal_differs(self) -> bool:
        """Whether the title's number is not the official section's (``一、主动公开政府信息情况``)."""
        if self.numbering is None or self.how == "numbered":
            return False
        official = numbering_of(self.spec.title)
        return official is not None and official.value != self.numbering.value


class SectionMap(Record):
    """Which headings of a document are which official sections (``section_map``)."""

    hits: list[SectionHit]  # document order, duplicates included
    first: dict[str, SectionHit]  # section id -> the section's hit
    duplicates: list[SectionHit]
    missing: list[SectionSpec]
    last_line: int

    def __init__(
            self, hits: list[SectionHit] | None = None, first: dict[str, SectionHit] | None = None,
            duplicates: list[SectionHit] | None = None, missing: list[SectionSpec] | None = None,
            last_line: int = 0) -> None:
        self.hits = [] if hits is None else hits
        self.first = {} if first is None else first
        self.duplicates = [] if duplicates is None else duplicates
        self.missing = [] if missing is None else missing
        self.last_line = last_line

    def lines_of(self, section_id: str) -> tuple[int, int] | None:
        """(first, last) line of a section's content: from its title to the next section title."""
        known = self.__dict__.setdefault("_ranges", {})  # several rules ask, for every section
        if section_id not in known:
            known[section_id] = self._lines_of(section_id)
        return known[section_id]

    @property
    def _lines(self) -> list[int]:
        lines = self.__dict__.get("_hit_lines")
        if lines is None:
            lines = self.__dict__["_hit_lines"] = [h.line for h in self.hits]  # hits are sorted
        return lines

    def _lines_of(self, section_id: str) -> tuple[int, int] | None:
        hit = self.first.get(section_id)
        if hit is None:
            return None
        return hit.line + 1, self._end_after(hit)

    def _end_after(self, hit: SectionHit, skip_children: bool = False) -> int:
        """The last line before the next section title after ``hit`` (with ``skip_children``: the
        next one that is not a sub-heading of ``hit`` taken as a section)."""
        lines = self._lines
        i = bisect_right(lines, hit.line)
        while skip_children and i < len(self.hits) and self.hits[i].parent is hit:
            i += 1
        return lines[i] - 1 if i < len(lines) else self.last_line

    def has_content(self, doc: Document, section_id: str) -> bool:
        """Whether a section has anything but headings and HTML comments between its title and the
        next section (a sub-heading taken as a section of its own is content of its parent too)."""
        hit = self.first[section_id]
        start, end = hit.line + 1, self._end_after(hit, skip_children=True)
        if hit.paragraph is not None and "\n" in hit.paragraph.text:
            return True  # a plain-text title followed by text in the same paragraph
        return any(b.kind not in ("heading", "comment") and start <= b.span.line <= end
                   and (hit.paragraph is None or b.obj is not hit.paragraph) for b in doc.blocks)


class _TitleIndex(Record):
    """An edition's section titles, keyed the way headings are matched."""

    exact: dict[str, SectionSpec]  # core key of the title -> its section
    variant: dict[str, SectionSpec]  # core key of a known variant -> its section
    numbered: dict[str, list[tuple[SectionSpec, str]]]  # numbering -> (section, core key) for typos

    def __init__(
            self, exact: dict[str, SectionSpec], variant: dict[str, SectionSpec],
            numbered: dict[str, list[tuple[SectionSpec, str]]]) -> None:
        self.exact = exact
        self.variant = variant
        self.numbered = numbered


def _title_index(edition: Edition) -> _TitleIndex:
    exact: dict[str, SectionSpec] = {}
    variant: dict[str, SectionSpec] = {}
    numbered: dict[str, list[tuple[SectionSpec, str]]] = {}
    for spec in edition.sections:
        exact.setdefault(core_key(spec.title), spec)
        numbered.setdefault(leading_numbering(spec.title), []).append((spec, core_key(spec.title)))
    for spec in edition.sections:
        for v in spec.variants:
            variant.setdefault(core_key(v), spec)
    numbered.pop("", None)
    return _TitleIndex(exact, variant, numbered)


def _match_title(text: str, edition: Edition) -> tuple[SectionSpec, str] | None:
    core = core_key(text)
    if not core:
        return None
    idx = derived(edition, "section-titles", _title_index)
    spec = idx.exact.get(core)
    if spec is not None:
        return spec, "exact"
    spec = idx.variant.get(core)
    if spec is not None:
        return spec, "variant"
    for spec, official in idx.numbered.get(leading_numbering(text), ()):
        if len(core) > 3 * len(official):
            continue  # far too long to be a typo of it (and SequenceMatcher is quadratic)
        if similarity(core, official, FUZZY_RATIO) >= FUZZY_RATIO:
            return spec, "fuzzy"
    return None


def match_section_title(text: str, edition: Edition) -> tuple[SectionSpec, str] | None:
    """The official section a title names (as a heading of a report would be matched), and how:
    ``exact``, ``variant`` or ``fuzzy``; None when it names none."""
    return _match_title(text, edition)


def section_map(doc: Document, edition: Edition) -> SectionMap:
    return doc.memo(f"sections:{edition.profile_id}:{edition.id}", lambda: _build(doc, edition))


def _build(doc: Document, edition: Edition) -> SectionMap:
    title_h1 = doc.h1s[0] if doc.h1s else None
    by_heading = {id(s.heading): s for s in doc.sections}
    headings: list[SectionHit] = []
    for h in doc.headings:
        if h is title_h1:
            continue
        m = _match_title(h.title, edition)
        if m:
            headings.append(SectionHit(m[0], m[1], h.span, heading=h, section=by_heading.get(id(h)),
                                       written=h.title, numbering=numbering_of(h.title), level=h.level))
    # titles written as plain text: a one-line paragraph that is exactly a section title
    plain: list[SectionHit] = []
    for p in doc.paragraphs:
        first_line = p.text.split("\n", 1)[0]
        # 41 CJK ideographs: a text holding them has a label key longer than 40 (NFKC keeps each
        # ideograph as it is, and label_key removes none), so it needs no label key to be skipped
        if len(first_line) > 200 or count_ideographs(first_line) > 40 or len(label_key(first_line)) > 40:
            continue
        m = _match_title(first_line, edition)
        if m and m[1] != "fuzzy":
            plain.append(SectionHit(m[0], "plain", p.span_of(0, len(first_line)), paragraph=p,
                                    written=first_line, numbering=numbering_of(first_line)))
    return _resolve(headings, plain, edition, len(doc.lines))


def _official_level(cands: list[SectionHit]) -> int | None:
    """The heading level at which the most distinct sections are found (the shallower on a tie)."""
    by_level: dict[int, set[str]] = {}
    for c in cands:
        by_level.setdefault(c.level, set()).add(c.spec.id)
    if not by_level:
        return None
    return min(by_level, key=lambda lv: (-len(by_level[lv]), lv))


def _official_rank(cands: list[SectionHit], level: int | None) -> int | None:
    """The numbering style most official titles at the official level use (``一、``: 1)."""
    ranks = [c.numbering.rank for c in cands if c.numbering is not None and c.level == level]
    return max(set(ranks), key=lambda r: (ranks.count(r), -r)) if ranks else None


def _under(c: SectionHit, cur: SectionHit, official_rank: int | None) -> bool:
    """Whether ``c`` is a sub-topic of the section ``cur`` it follows."""
    if c.level is not None and cur.level is not None and c.level < cur.level:
        return False
    if c.numbering is not None and cur.numbering is not None:
        # （一） under 一、; 二、 is a sibling at any level. Where the sections are numbered 1. 2.,
        # a （一） that follows one is a sub-topic too: it is not the sections' style
        return c.numbering.rank > cur.numbering.rank or \
            (c.numbering.rank != cur.numbering.rank and cur.numbering.rank == official_rank)
    return c.level is not None and cur.level is not None and c.level > cur.level


def _nest(cands: list[SectionHit], level: int | None,
          official_rank: int | None) -> dict[int, tuple[SectionHit | None, SectionHit | None]]:
    """The doubtful candidates among ``cands`` (document order): id -> (the official section they
    are a sub-topic of, or None when they are only below the official heading level; that section
    again when they sit below its heading level, else None)."""
    nested: dict[int, tuple[SectionHit | None, SectionHit | None]] = {}
    cur: SectionHit | None = None
    for c in cands:
        if cur is not None and _under(c, cur, official_rank):
            deeper = (c.level is None and cur.level is not None) or \
                (c.level is not None and cur.level is not None and c.level > cur.level)
            nested[id(c)] = (cur, cur if deeper else None)
        elif level is not None and c.level is not None and c.level > level:
            nested[id(c)] = (None, None)
        else:
            cur = c
    return nested


def _resolve(headings: list[SectionHit], plain: list[SectionHit], edition: Edition, last_line: int) -> SectionMap:
    level = _official_level(headings)
    rank = _official_rank(headings, level)
    nested = _nest(headings, level, rank)
    firm_specs = {c.spec.id for c in headings if id(c) not in nested}
    # a plain-text title stands for a section no heading firmly is
    cands = sorted(headings + [p for p in plain if p.spec.id not in firm_specs], key=lambda c: c.line)
    if not headings:
        rank = _official_rank(cands, None)
    nested = _nest(cands, level, rank)

    chosen: dict[str, SectionHit] = {}
    duplicates: list[SectionHit] = []
    for spec in edition.sections:
        mine = [c for c in cands if c.spec is spec]
        firm_h = [c for c in mine if c.level is not None and id(c) not in nested]
        firm_p = [c for c in mine if c.level is None and id(c) not in nested]
        if firm_h:
            best = min(firm_h, key=lambda c: (c.level != level, c.ordinal_differs, c.line))
            chosen[spec.id] = best
            duplicates += [c for c in firm_h if c is not best]
        elif firm_p:
            chosen[spec.id] = firm_p[0]
        else:
            # only sub-topics: one is the section when nothing else can be, unless its own number
            # says it is not (（一）主动公开政府信息情况 under 一、总体情况 is item 1 of that section)
            best = next((c for c in mine if nested[id(c)][0] is None or not c.ordinal_differs), None)
            if best is not None:
                best.parent = nested[id(best)][1]
                chosen[spec.id] = best
    _renumber(duplicates, chosen, edition)

    sm = SectionMap(last_line=last_line)
    sm.hits = sorted(list(chosen.values()) + duplicates, key=lambda h: h.line)
    sm.first = {s.id: chosen[s.id] for s in edition.sections if s.id in chosen}
    sm.duplicates = sorted(duplicates, key=lambda h: h.line)
    sm.missing = [s for s in edition.sections if s.id not in chosen and s.required]
    return sm


def _renumber(duplicates: list[SectionHit], chosen: dict[str, SectionHit], edition: Edition) -> None:
    """A repeated title whose number names a missing section, between the sections before and
    after it, is that section (``## 三、主动公开政府信息情况`` after 二 and before 四)."""
    by_value = {}
    for s in edition.sections:
        n = numbering_of(s.title)
        if n is not None:
            by_value[n.value] = s
    for dup in sorted(duplicates, key=lambda h: h.line):
        target = by_value.get(dup.numbering.value) if dup.numbering is not None else None
        if target is None or target.id in chosen:
            continue
        before = [h.spec.order for h in chosen.values() if h.line < dup.line]
        after = [h.spec.order for h in chosen.values() if h.line > dup.line]
        if (before and max(before) >= target.order) or (after and min(after) <= target.order):
            continue
        duplicates.remove(dup)
        dup.worded_as, dup.spec, dup.how = dup.spec, target, "numbered"
        chosen[target.id] = dup
