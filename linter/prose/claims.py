"""Claims: words that assert something the tables can contradict (the profile's ``claims``).

One claim per clause: the first of the profile's claims whose pattern is found in the clause and
whose conditions hold. A claim about subjects (``均获维持`` about 行政复议 and/or 行政诉讼) gets the
readings its words allow: the subjects named before it (or in it), and — when several were named
in separate clauses (``复议7件，诉讼9件，均获维持``) — also the last one alone.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..profileindex import derived
from .model import Claim
from .reading import CLAIM_WINDOW, Where

if TYPE_CHECKING:  # pragma: no cover
    from .reading import ParagraphState
    from .sentences import Sentence
    from .vocabulary import ClaimSpec, Vocabulary

_CUT = re.compile(r"[,:]")


_MAY_CLAIM_MAX = 4096  # paragraphs remembered per vocabulary (then forgotten all at once)


def _patterns(v: "Vocabulary") -> list[re.Pattern]:
    """The claims' patterns, each as :func:`quickscan.quick` makes it (once per vocabulary)."""
    return derived(v, "claim-patterns", _claims_of)[0]


def _claims_of(v: "Vocabulary") -> tuple[list[re.Pattern], dict[str, bool]]:
    """The claims' quick patterns, and what :func:`may_claim` remembers of paragraphs."""
    from .quickscan import quick

    return [quick(spec.pattern) for spec in v.claims], {}


def may_claim(v: "Vocabulary", text: str) -> bool:
    """Whether a paragraph's text may hold a claim (no claim pattern is anchored, and no
    separator is a word they look for, so a claim found in a clause is found in the text).
    Remembered for paragraphs of up to 2,000 characters: the same paragraphs recur from report to
    report (boilerplate, wording carried over from last year)."""
    patterns, known = derived(v, "claim-patterns", _claims_of)
    hit = known.get(text)
    if hit is None:
        hit = any(rx.search(text) for rx in patterns)
        if len(text) <= 2000:
            if len(known) >= _MAY_CLAIM_MAX:
                known.clear()
            known[text] = hit
    return hit


def read_claims(v: "Vocabulary", sent: "Sentence", state: "ParagraphState") -> list[Claim]:
    out: list[Claim] = []
    text = sent.norm.text
    patterns = _patterns(v)
    for cl in sent.clauses:
        ctext = cl.text
        for spec, rx in zip(v.claims, patterns):
            m = rx.search(ctext)
            if not m:
                continue
            at = cl.start + m.start()
            before = text[max(sent.start, at - CLAIM_WINDOW):at]
            segment = before.rsplit(";", 1)[-1]
            near = "".join(_CUT.split(segment)[-2:])
            where = Where(v, state, sent, at, before=before, near=near, rest=ctext[m.start():], segment=segment)
            if not where.holds_any(spec.when) or where.holds_any(spec.unless):
                continue
            out.append(Claim(spec, cl, at, cl.start + m.end(), _readings(spec, segment, ctext[m.start():])))
            break  # one claim per clause
    return out


def _readings(spec: "ClaimSpec", segment: str, rest: str) -> list[tuple[str, ...]]:
    if not spec.subjects:
        return [("",)]
    names = tuple(s for s, _ in spec.subjects)
    if spec.subjects_from == "rest":
        found = tuple(s for s, rx in spec.subjects if rx.search(rest))
        return [found or names]
    found = tuple(s for s, rx in spec.subjects if rx.search(segment))
    if len(found) <= 1:
        return [found or names]
    clauses = [c for c in _CUT.split(segment.rstrip(",:")) if c]
    if any(sum(1 for _, rx in spec.subjects if rx.search(c)) > 1 for c in clauses):
        return [found]  # 行政复议、行政诉讼案件各1件，均获维持: named together, about both
    last = tuple(s for s, rx in spec.subjects if clauses and rx.search(clauses[-1]))
    if len(last) == 1:
        return [found, last]  # 复议7件，诉讼9件，均获维持: both, or only the last named
    return [found]
