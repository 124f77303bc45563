"""Figures stated in prose: what a report's text says, with positions, for the TXT rules.

Reports state the same facts twice: in the tables and in sentences such as
``2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件）``. This package reads
the sentences; it does not know the tables (the TXT rules compare the two, through
``reportlint.crosscheck``). What the words mean is the profile's data (``prose:`` in the profile
YAML, compiled by :mod:`.vocabulary`); the engine knows no report kind.

Pipeline, per paragraph (``analysis``):

1. ``normal`` — normalise the text (NFKC, whitespace and invisible characters dropped), keeping a
   map back to every source character;
2. ``figures`` — numbers with their unit, approximate or hidden ones marked;
3. ``sentences`` — sentences and clauses (``，；：``, brackets, ``、`` after a figure), asides;
4. ``reading`` — each count's concept and scope, from the profile's readers, topics and scopes;
5. ``breakdowns`` — ``其中`` and its parts, implicit breakdowns, percentages;
6. ``claims`` — sentences that assert what the tables can contradict (``均获维持``).

Names are imported from their module on first use (loading a profile needs only the vocabulary).
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "MAX_FIGURES": "analysis", "analyse": "analysis",
    "Figure": "figures",
    "Breakdown": "model", "Claim": "model", "ProseAnalysis": "model", "Statement": "model",
    "Clause": "sentences", "Sentence": "sentences",
    "Concept": "vocabulary", "Vocabulary": "vocabulary", "VocabularyError": "vocabulary",
    "compile_vocabulary": "vocabulary", "vocabulary_of": "vocabulary",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = sorted(_EXPORTS)
