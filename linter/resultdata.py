"""A file's lint result as plain data (for the result cache) and back.

What a cached entry holds is JSON: the findings (positions, code, severity, both messages,
fix, data, waiver), the data repository rules collected (already plain: see
``reportlint.registry``), the file's suppression comments with what they did (for the SUP
rules, which run after repository rules on every run) and which report the file is (its
``facts``, for the repository overview and the rules about a series of reports). :func:`load` checks every field's type
before building objects, so an entry of the wrong shape is a ``ValueError`` (the file is then
linted again), never a crash later on.

Findings are stored compactly: one list per finding, the rule's name and the path left out
(the registry and the key give them back), the whole entry zlib-compressed by the store.
"""
from __future__ import annotations

import datetime as _dt
import math
from typing import Any

from .diagnostics import SEVERITIES, Diagnostic, Edit, Fix, Message, Span

VERSION = 1


class NotPlain(TypeError):
    """A value that is not plain data (JSON's types)."""


def plain(value: Any, _depth: int = 0) -> Any:
    """``value`` as JSON gives it back (tuples become lists), or :class:`NotPlain` when it
    holds anything else: objects, named tuples, sets, bytes, non-string keys, NaN."""
    t = type(value)
    if t is str or t is int or t is bool or value is None:
        return value
    if _depth > 64:
        raise NotPlain("nested more than 64 levels")
    if t is list or t is tuple:
        # strings, numbers and None (most items: cell values, spans) kept without a call each
        return [v if (tv := type(v)) is str or tv is int or tv is bool or v is None else plain(v, _depth + 1)
                for v in value]
    if t is dict:
        out = {}
        for k, v in value.items():
            if type(k) is not str:
                raise NotPlain(f"a key of type {type(k).__name__}")
            out[k] = plain(v, _depth + 1)
        return out
    if t is float:
        if not math.isfinite(value):
            raise NotPlain(f"the number {value}")
        return value
    raise NotPlain(f"a value of type {t.__name__}")


# --------------------------------------------------------------------------- checking


def _typed(kind: type, what: str):
    """A checker: its argument if it is exactly of ``kind``, else ValueError."""
    def check(v: Any):
        if type(v) is not kind:
            raise ValueError(f"not {what}")
        return v
    return check


_int = _typed(int, "an integer")
_str = _typed(str, "a string")
_bool = _typed(bool, "a boolean")
_list = _typed(list, "a list")
_dict = _typed(dict, "an object")


def _pos(v: Any) -> int:
    if type(v) is not int or v < 0:
        raise ValueError("not a position")
    return v


def _opt_str(v: Any) -> str | None:
    return None if v is None else _str(v)


def _strs(v: Any) -> list[str]:
    return [_str(x) for x in _list(v)]


def _span(v: Any) -> Span:
    v = _list(v)
    if len(v) != 4:
        raise ValueError("not a span")
    return Span(*map(_pos, v))


def _opt_span(v: Any) -> Span | None:
    return None if v is None else _span(v)


def _date(v: Any) -> _dt.date | None:
    return None if v is None else _dt.date.fromisoformat(_str(v))


# --------------------------------------------------------------------------- findings


def dump_diagnostic(d: Diagnostic) -> list:
    row: list = [d.line, d.column, d.end_line, d.end_column, d.code, d.severity, d.message.en, d.message.zh]
    tail = [None if d.fix is None else [d.fix.applicability, d.fix.description.en, d.fix.description.zh,
                                        [[*e.span, e.replacement] for e in d.fix.edits]],
            plain(d.data) if d.data else None, plain(d.waiver) if d.waiver is not None else None]
    while tail and tail[-1] is None:
        tail.pop()
    return row + tail


def load_diagnostic(row: Any, path: str, names: dict[str, str]) -> Diagnostic:
    row = _list(row)
    if not 8 <= len(row) <= 11:
        raise ValueError("not a finding")
    row = row + [None] * (11 - len(row))
    line, col, eline, ecol = (_pos(x) for x in row[:4])
    code, severity = _str(row[4]), _str(row[5])
    if code not in names or severity not in SEVERITIES:
        raise ValueError("unknown code or severity")
    fix = None
    if row[8] is not None:
        f = _list(row[8])
        if len(f) != 4:
            raise ValueError("not a fix")
        edits = []
        for e in map(_list, _list(f[3])):
            if len(e) != 5:
                raise ValueError("not an edit")
            edits.append(Edit(_span(e[:4]), _str(e[4])))
        fix = Fix(tuple(edits), Message(_str(f[1]), _str(f[2])), _str(f[0]))
    data = {} if row[9] is None else _dict(row[9])
    waiver = None if row[10] is None else _dict(row[10])
    return Diagnostic(path, line, col, eline, ecol, code, names[code], severity, Message(_str(row[6]), _str(row[7])),
                      fix, data, waiver)


# --------------------------------------------------------------------------- suppressions


def dump_suppressions(sup) -> dict:
    index = {id(d): i for i, d in enumerate(sup.directives)}
    return {
        "today": sup.today.isoformat() if sup.today else None,
        "enabled": sorted(sup.enabled),
        "directives": [{
            "kind": d.kind, "span": list(d.span), "selectors": list(d.selectors),
            "codes": {k: list(v) for k, v in d.codes.items()}, "unknown": list(d.unknown),
            "problems": [list(p) for p in d.problems], "until": d.until.isoformat() if d.until else None,
            "reason": d.reason, "expired": d.expired, "target": list(d.target) if d.target else None,
            "used": dict(d.used), "would_have": d.would_have,
        } for d in sup.directives],
        "segments": [[index[id(s.directive)], s.start, s.end, sorted(s.exclude)] for s in sup.segments],
    }


def load_suppressions(data: Any, path: str):
    from .suppressions import Directive, Segment, Suppressions

    data = _dict(data)
    directives = []
    for d in _list(data["directives"]):
        d = _dict(d)
        codes = {_str(k): _strs(v) for k, v in _dict(d["codes"]).items()}
        used = {_str(k): _int(v) for k, v in _dict(d["used"]).items()}
        problems = []
        for p in _list(d["problems"]):
            p = _list(p)
            if len(p) != 2:
                raise ValueError("not a problem")
            problems.append((_str(p[0]), _str(p[1])))
        directives.append(Directive(
            _str(d["kind"]), _span(d["span"]), _strs(d["selectors"]), codes, _strs(d["unknown"]), problems,
            _date(d["until"]), _opt_str(d["reason"]), _bool(d["expired"]), _opt_span(d["target"]), used,
            _int(d["would_have"])))
    segments = []
    for s in _list(data["segments"]):
        s = _list(s)
        if len(s) != 4 or type(s[0]) is not int or not 0 <= s[0] < len(directives):
            raise ValueError("not a segment")
        segments.append(Segment(directives[s[0]], _int(s[1]), _int(s[2]), frozenset(_strs(s[3]))))
    return Suppressions(path, directives, _date(data["today"]), frozenset(_strs(data["enabled"])), segments)


# --------------------------------------------------------------------------- results


def dump(result) -> dict:
    """A :class:`reportlint.engine.FileResult` as plain data. :class:`NotPlain` when a part of
    it is not plain data (a plugin's finding data or collected data)."""
    out: dict[str, Any] = {"v": VERSION, "d": [dump_diagnostic(d) for d in result.diagnostics]}
    if result.waived:
        out["w"] = [dump_diagnostic(d) for d in result.waived]
    if result.collected:
        out["c"] = {code: plain(v) for code, v in result.collected.items()}
    if result.suppressions:
        out["s"] = dump_suppressions(result.suppressions)
    if result.facts is not None:
        out["f"] = plain(result.facts)
    if result.notices:
        out["n"] = [str(n) for n in result.notices]
    return out


def rule_names(registry) -> dict[str, str]:
    """Code -> name of the registry's rules (what :func:`load` checks codes against)."""
    return {code: rule.name for code, rule in registry.rules.items()}


def load(data: Any, path: str, registry, names: dict[str, str] | None = None):
    """A :class:`reportlint.engine.FileResult` from what :func:`dump` gave; ``ValueError``
    when ``data`` is not of that shape (or names rules that are not in ``registry``).
    ``names``: :func:`rule_names` of the registry, when the caller loads many results."""
    from .engine import FileResult

    try:
        data = _dict(data)
        if data.get("v") != VERSION:
            raise ValueError("another version")
        if names is None:
            names = rule_names(registry)
        res = FileResult(path)
        res.diagnostics = [load_diagnostic(r, path, names) for r in _list(data["d"])]
        res.waived = [load_diagnostic(r, path, names) for r in _list(data.get("w", []))]
        if any(d.waiver is None for d in res.waived):
            raise ValueError("a waived finding without its waiver")
        collected = _dict(data.get("c", {}))
        for code in collected:
            if code not in names or registry.rules[code].scope != "repository":
                raise ValueError("data for a rule that is not a repository rule")
        res.collected = collected
        if "s" in data:
            res.suppressions = load_suppressions(data["s"], path)
        if "f" in data:
            res.facts = _dict(data["f"])  # which report the file is (plain data, as report_identity gives it)
        res.notices = _strs(data.get("n", []))
        return res
    except (KeyError, IndexError, TypeError, AttributeError, RecursionError) as exc:
        raise ValueError(f"wrong shape: {exc}") from None
