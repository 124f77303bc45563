"""Look-ups into loaded profiles by key, and other data derived from profile objects once per
process.

``TableSpec.row(key)`` and ``TableSpec.column(key)`` scan their lists; the table model and the
relation evaluation ask them thousands of times per report. Profiles are immutable once loaded,
so an index built from one of their objects serves every document (the object is kept with its
index, so its ``id`` cannot be reused while the index exists).
"""
from __future__ import annotations

from typing import Any, Callable, TypeVar

T = TypeVar("T")

_DERIVED: dict[tuple[int, str], tuple[Any, Any]] = {}
# a profile has a few hundred (object, what) pairs; a language server reloads a profile at every
# edit of it, and the objects of the old one must not be kept for ever
_DERIVED_MAX = 4096


def derived(obj: Any, what: str, build: Callable[[Any], T]) -> T:
    """``build(obj)``, computed once per process for each profile object and ``what``."""
    key = (id(obj), what)
    hit = _DERIVED.get(key)
    if hit is None or hit[0] is not obj:
        if len(_DERIVED) >= _DERIVED_MAX:
            _DERIVED.clear()
        hit = _DERIVED[key] = (obj, build(obj))
    return hit[1]


def _by_key(items) -> dict:
    out: dict = {}
    for it in items:
        out.setdefault(it.key, it)  # the first of a key wins, as in TableSpec.row()/column()
    return out


def _rows(spec) -> dict:
    return _by_key(spec.rows)


def _columns(spec) -> dict:
    return _by_key(spec.columns)


def rows_by_key(spec) -> dict:
    """``{row key: RowSpec}`` of a ``TableSpec``."""
    return derived(spec, "rows_by_key", _rows)


def columns_by_key(spec) -> dict:
    """``{column key: ColumnSpec}`` of a ``TableSpec``."""
    return derived(spec, "columns_by_key", _columns)
