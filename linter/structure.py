"""Which part of a document is which section of the profile.

Headings are matched to the profile's sections after folding (NFKC, whitespace, bracket width,
quote marks) and without their numbering: ``## 三、收到和处理政府信息公开申请情况`` and
``### 3. 收到和处理政府信息公开申请情况`` both are section 三. A heading that matches a known variant
title, or that carries the section's numbering and is nearly the official title (a typo), is
matched too and remembered as such. A section title written as a plain paragraph (no ``#``) is
recognised so that it is reported once, as such, and not as missing.

The result is computed once per document and shared (``section_map(doc, edition)``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .diagnostics import Span
from .document import Document, Heading, Paragraph, Section
from .profile import Edition, SectionSpec
from .text import core_key, label_key, leading_numbering

FUZZY_RATIO = 0.8


@dataclass(eq=False)
class SectionHit:
    """A heading (or a plain-text line) recognised as one of the profile's sections."""

    spec: SectionSpec
    how: str  # "exact" | "variant" | "fuzzy" | "plain"
    span: Span
    heading: Heading | None = None
    section: Section | None = None
    paragraph: Paragraph | None = None
    written: str = ""  # the title as written

    @property
    def line(self) -> int:
        return self.span.line


@dataclass
class SectionMap:
    """Which headings of a document are which official sections (``section_map``)."""

    hits: list[SectionHit] = field(default_factory=list)  # document order, duplicates included
    first: dict[str, SectionHit] = field(default_factory=dict)  # section id -> first hit
    duplicates: list[SectionHit] = field(default_factory=list)
    missing: list[SectionSpec] = field(default_factory=list)
    last_line: int = 0

    def lines_of(self, section_id: str) -> tuple[int, int] | None:
        """(first, last) line of a section's content: from its title to the next section title."""
        known = self.__dict__.setdefault("_ranges", {})  # several rules ask, for every section
        if section_id not in known:
            known[section_id] = self._lines_of(section_id)
        return known[section_id]

    def _lines_of(self, section_id: str) -> tuple[int, int] | None:
        hit = self.first.get(section_id)
        if hit is None:
            return None
        later = [h.line for h in self.hits if h.line > hit.line]
        end = (min(later) - 1) if later else self.last_line
        return hit.line + 1, end


    def has_content(self, doc: Document, section_id: str) -> bool:
        """Whether a section has anything but headings and HTML comments between its title and the
        next section."""
        hit = self.first[section_id]
        start, end = self.lines_of(section_id)
        if hit.paragraph is not None and "\n" in hit.paragraph.text:
            return True  # a plain-text title followed by text in the same paragraph
        return any(b.kind not in ("heading", "comment") and start <= b.span.line <= end
                   and (hit.paragraph is None or b.obj is not hit.paragraph) for b in doc.blocks)


def _match_title(text: str, edition: Edition) -> tuple[SectionSpec, str] | None:
    core = core_key(text)
    if not core:
        return None
    for spec in edition.sections:
        if core == core_key(spec.title):
            return spec, "exact"
    for spec in edition.sections:
        if any(core == core_key(v) for v in spec.variants):
            return spec, "variant"
    numbering = leading_numbering(text)
    if numbering:
        for spec in edition.sections:
            if leading_numbering(spec.title) == numbering and \
                    SequenceMatcher(None, core, core_key(spec.title)).ratio() >= FUZZY_RATIO:
                return spec, "fuzzy"
    return None


def match_section_title(text: str, edition: Edition) -> tuple[SectionSpec, str] | None:
    """The official section a title names (as a heading of a report would be matched), and how:
    ``exact``, ``variant`` or ``fuzzy``; None when it names none."""
    return _match_title(text, edition)


def section_map(doc: Document, edition: Edition) -> SectionMap:
    return doc.memo(f"sections:{edition.profile_id}:{edition.id}", lambda: _build(doc, edition))


def _build(doc: Document, edition: Edition) -> SectionMap:
    sm = SectionMap(last_line=len(doc.lines))
    title_h1 = doc.h1s[0] if doc.h1s else None
    by_heading = {id(s.heading): s for s in doc.sections}
    for h in doc.headings:
        if h is title_h1:
            continue
        m = _match_title(h.title, edition)
        if m:
            sm.hits.append(SectionHit(m[0], m[1], h.span, heading=h, section=by_heading.get(id(h)),
                                      written=h.title))
    found = {h.spec.id for h in sm.hits}
    # titles written as plain text: a one-line paragraph that is exactly a missing section title
    for p in doc.paragraphs:
        first_line = p.text.split("\n", 1)[0]
        if len(label_key(first_line)) > 40:
            continue
        m = _match_title(first_line, edition)
        if m and m[1] != "fuzzy" and m[0].id not in found:
            span = p.span_of(0, len(first_line))
            sm.hits.append(SectionHit(m[0], "plain", span, paragraph=p, written=first_line))
            found.add(m[0].id)
    sm.hits.sort(key=lambda h: h.line)
    for hit in sm.hits:
        if hit.spec.id in sm.first:
            sm.duplicates.append(hit)
        else:
            sm.first[hit.spec.id] = hit
    sm.missing = [s for s in edition.sections if s.id not in sm.first and s.required]
    return sm
