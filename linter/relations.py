"""The relation language of report profiles: a tiny, safe expression parser (no ``eval``).

Grammar::

    relation := sum OP sum            OP is one of == <= >= < >
    sum      := term (("+" | "-") term)*
    term     := ref | number | "(" sum ")"
    ref      := ["prev."] table "." row "." column

Table, row and column are keys from the profile. A row or column part may be a glob
(``t3.r_deny_*.c_total``) that expands, in profile order, to a sum over every matching key.
``{name}`` placeholders are expanded from the relation's ``for_each`` before parsing.
``prev.`` refers to the same organisation's report for the previous year.
"""
from __future__ import annotations

import fnmatch
import itertools
import re
from decimal import Decimal

from .records import Record

OPS = ("==", "<=", ">=", "<", ">")
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<ref>(?:prev\.)?[A-Za-z_][\w*?\[\]]*\.[A-Za-z_*?\[\]][\w*?\[\]]*\.[A-Za-z_*?\[\]][\w*?\[\]]*)"
    r"|(?P<op>==|<=|>=|<|>)|(?P<sign>[+-])|(?P<paren>[()]))"
)


class RelationSyntaxError(ValueError):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class Ref(Record, frozen=True):
    """A reference to one cell by table, row and column key, in this report or last year's (``prev.``)."""

    __slots__ = ("table", "row", "col", "prev")

    table: str
    row: str
    col: str
    prev: bool

    def __init__(self, table: str, row: str, col: str, prev: bool = False) -> None:
        self.table = table
        self.row = row
        self.col = col
        self.prev = prev

    def __str__(self) -> str:
        return ("prev." if self.prev else "") + f"{self.table}.{self.row}.{self.col}"


class Term(Record, frozen=True):
    """One term of a sum: a signed cell reference or number."""

    __slots__ = ("sign", "ref", "const")

    sign: int  # +1 or -1
    ref: Ref | None
    const: Decimal | None

    def __init__(self, sign: int, ref: Ref | None = None, const: Decimal | None = None) -> None:
        self.sign = sign
        self.ref = ref
        self.const = const


class Relation(Record, frozen=True):
    """One expanded relation: ``sum(lhs) OP sum(rhs)``."""

    __slots__ = ("id", "lhs", "op", "rhs", "text", "severity", "kind", "report_at", "description")

    id: str
    lhs: tuple[Term, ...]
    op: str
    rhs: tuple[Term, ...]
    text: str
    severity: str
    kind: str
    report_at: Ref | None
    description: dict | None

    def __init__(
            self, id: str, lhs: tuple[Term, ...], op: str, rhs: tuple[Term, ...], text: str,
            severity: str = "error", kind: str = "structural", report_at: Ref | None = None,
            description: dict | None = None) -> None:
        self.id = id
        self.lhs = lhs
        self.op = op
        self.rhs = rhs
        self.text = text
        self.severity = severity
        self.kind = kind
        self.report_at = report_at
        self.description = description

    @property
    def refs(self) -> list[Ref]:
        return [t.ref for t in (*self.lhs, *self.rhs) if t.ref is not None]

    @property
    def cross_year(self) -> bool:
        return any(r.prev for r in self.refs)


def expand_for_each(template: str, for_each: dict[str, list[str]] | None) -> list[tuple[str, dict]]:
    """Expand ``{name}`` placeholders over the cartesian product of ``for_each``."""
    if not for_each:
        return [(template, {})]
    names = list(for_each)
    out = []
    for combo in itertools.product(*(for_each[n] for n in names)):
        binding = dict(zip(names, combo))
        text = template
        for k, v in binding.items():
            text = text.replace("{" + k + "}", str(v))
        out.append((text, binding))
    return out


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    pos = 0
    toks = []
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            bad = len(text) - len(text[pos:].lstrip()) if pos < len(text) else pos
            raise RelationSyntaxError(f"unexpected text {text[bad:bad + 12]!r}", bad)
        kind = m.lastgroup
        start = m.start(kind)
        toks.append((kind, m.group(kind), start))
        pos = m.end()
    return toks


def parse_relation(text: str, resolve) -> tuple[list[tuple[int, Ref | Decimal]], str, list[tuple[int, Ref | Decimal]]]:
    """Parse ``text``; ``resolve(ref_text, offset)`` turns a reference (maybe a glob) into a list
    of concrete :class:`Ref` and raises ``RelationSyntaxError`` for unknown keys."""
    toks = _tokenize(text)
    pos = 0

    def peek():
        return toks[pos] if pos < len(toks) else ("end", "", len(text))

    def parse_sum() -> list[tuple[int, Ref | Decimal]]:
        nonlocal pos
        terms: list[tuple[int, Ref | Decimal]] = []
        sign = 1
        kind, val, off = peek()
        if kind == "sign":
            sign = -1 if val == "-" else 1
            pos += 1
        terms.extend(parse_term(sign))
        while True:
            kind, val, off = peek()
            if kind != "sign":
                break
            pos += 1
            terms.extend(parse_term(-1 if val == "-" else 1))
        return terms

    def parse_term(sign: int) -> list[tuple[int, Ref | Decimal]]:
        nonlocal pos
        kind, val, off = peek()
        if kind == "num":
            pos += 1
            return [(sign, Decimal(val))]
        if kind == "ref":
            pos += 1
            return [(sign, r) for r in resolve(val, off)]
        if kind == "paren" and val == "(":
            pos += 1
            inner = parse_sum()
            k2, v2, o2 = peek()
            if not (k2 == "paren" and v2 == ")"):
                raise RelationSyntaxError("expected ')'", o2)
            pos += 1
            return [(sign * s, t) for s, t in inner]
        raise RelationSyntaxError(f"expected a cell reference or a number, found {val or 'the end'!r}", off)

    lhs = parse_sum()
    kind, op, off = peek()
    if kind != "op":
        raise RelationSyntaxError(f"expected one of {', '.join(OPS)}, found {op or 'the end'!r}", off)
    pos += 1
    rhs = parse_sum()
    kind, val, off = peek()
    if kind != "end":
        raise RelationSyntaxError(f"unexpected {val!r} after the relation", off)
    return lhs, op, rhs


def make_resolver(tables: dict[str, tuple[list[str], list[str]]]):
    """A resolver for :func:`parse_relation` over ``{table: (row_keys, col_keys)}``."""

    def resolve(ref_text: str, offset: int) -> list[Ref]:
        prev = ref_text.startswith("prev.")
        body = ref_text[5:] if prev else ref_text
        tid, row, col = body.split(".")
        if tid not in tables:
            raise RelationSyntaxError(f"unknown table {tid!r}", offset)
        rows, cols = tables[tid]
        mrows = fnmatch.filter(rows, row) if _is_glob(row) else ([row] if row in rows else [])
        mcols = fnmatch.filter(cols, col) if _is_glob(col) else ([col] if col in cols else [])
        if not mrows:
            raise RelationSyntaxError(f"unknown row {row!r} in table {tid!r}", offset)
        if not mcols:
            raise RelationSyntaxError(f"unknown column {col!r} in table {tid!r}", offset)
        return [Ref(tid, r, c, prev) for r in mrows for c in mcols]

    return resolve


def _is_glob(s: str) -> bool:
    return any(ch in s for ch in "*?[")


def build_relation(rel_id: str, text: str, resolve, **kw) -> Relation:
    lhs, op, rhs = parse_relation(text, resolve)

    def terms(seq):
        return tuple(Term(s, ref=t) if isinstance(t, Ref) else Term(s, const=t) for s, t in seq)

    return Relation(rel_id, terms(lhs), op, terms(rhs), text, **kw)


_COMPARISONS = {
    "==": lambda left, right: left == right,
    "<=": lambda left, right: left <= right,
    ">=": lambda left, right: left >= right,
    "<": lambda left, right: left < right,
    ">": lambda left, right: left > right,
}


def compare(op: str, left: Decimal, right: Decimal) -> bool:
    return _COMPARISONS[op](left, right)
