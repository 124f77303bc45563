"""A profile's prose vocabulary (``prose:`` in the profile YAML), compiled for reading.

The profile keeps the vocabulary as plain data (dicts, lists, strings: what the YAML says, so that
the compiled profile stays plain and cacheable); :func:`vocabulary_of` compiles it once per
process and profile object into :class:`Vocabulary`: word lists expanded into patterns, readers
expanded over ``for_each``, every pattern compiled. :func:`check` does the same work at load time
and turns the first problem into a message naming the place in the YAML (``ProfileError``).

Nothing here knows a report kind: concepts, readers, topics, scopes and claims are whatever the
profile declares.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from ..lazyre import LazyPattern
from ..records import Record

# where a condition's pattern is searched (see the profile's comments): figure windows, sentence
# windows, claim windows
FIGURE_TARGETS = ("before", "core", "after", "words")
SENTENCE_TARGETS = ("sentence", "sentence_before", "paragraph")
CLAIM_TARGETS = ("segment", "near", "rest")
TARGETS = FIGURE_TARGETS + SENTENCE_TARGETS + CLAIM_TARGETS

_CLAIM_WHERE = ("sentence", "paragraph", "before") + CLAIM_TARGETS

_NAME = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class VocabularyError(Exception):
    """A problem in the ``prose`` data: ``path`` is the location in the profile (keys and indexes)."""

    def __init__(self, path: tuple, message: str) -> None:
        super().__init__(message)
        self.path, self.message = path, message


class Concept(Record, frozen=True):
    """What a stated count means, and the table cells a careful reader may take it from."""

    id: str
    role: str  # whole | part
    dim: str
    zh: str
    en: str
    cells: tuple[tuple[str, ...], ...]  # readings: each a tuple of cells summed
    subs: frozenset  # concepts a group breaks down into
    complete: tuple[frozenset, ...]  # sets of parts that together make the whole
    as_part_of: tuple[tuple[str, str], ...]  # (whole dimension, concept it becomes)
    not_part_of: frozenset
    adjacent_years: bool
    residual: bool  # the rest (其他1件): a breakdown ending with it names all its parts

    def __init__(
            self, id: str, role: str, dim: str, zh: str, en: str, cells: tuple[tuple[str, ...], ...] = (),
            subs: frozenset = frozenset(), complete: tuple[frozenset, ...] = (),
            as_part_of: tuple[tuple[str, str], ...] = (), not_part_of: frozenset = frozenset(),
            adjacent_years: bool = False, residual: bool = False) -> None:
        self.id = id
        self.role = role
        self.dim = dim
        self.zh = zh
        self.en = en
        self.cells = cells
        self.subs = subs
        self.complete = complete
        self.as_part_of = as_part_of
        self.not_part_of = not_part_of
        self.adjacent_years = adjacent_years
        self.residual = residual

    def becomes(self, whole_dim: str) -> str | None:
        return dict(self.as_part_of).get(whole_dim)


class Condition(Record):
    """All of its parts must hold: patterns (per target), sections, topics, a continued dimension."""

    patterns: list[tuple[str, re.Pattern]]
    sections: tuple[str, ...]
    topics: tuple[str, ...]  # any of them
    continues: str | None

    def __init__(
            self, patterns: list[tuple[str, re.Pattern]] | None = None, sections: tuple[str, ...] = (),
            topics: tuple[str, ...] = (), continues: str | None = None) -> None:
        self.patterns = [] if patterns is None else patterns
        self.sections = sections
        self.topics = topics
        self.continues = continues


class Reader(Record):
    """A reader of a count (or of the category a share names): see the profile's ``counts``."""

    concept: str | None
    condition: Condition
    unless: list[Condition]
    units: frozenset | None
    one_of: list[tuple[str, Condition]]
    scope: list[tuple[str, re.Pattern]]  # (scope id, pattern on ``before``)
    clears: frozenset
    path: tuple

    def __init__(
            self, concept: str | None, condition: Condition, unless: list[Condition] | None = None,
            units: frozenset | None = None, one_of: list[tuple[str, Condition]] | None = None,
            scope: list[tuple[str, re.Pattern]] | None = None, clears: frozenset = frozenset(),
            path: tuple = ()) -> None:
        self.concept = concept
        self.condition = condition
        self.unless = [] if unless is None else unless
        self.units = units
        self.one_of = [] if one_of is None else one_of
        self.scope = [] if scope is None else scope
        self.clears = clears
        self.path = path


class Scope(Record):
    id: str
    zh: str
    en: str
    pattern: re.Pattern | None
    never_a_part: bool

    def __init__(
            self, id: str, zh: str, en: str, pattern: re.Pattern | None, never_a_part: bool = False) -> None:
        self.id = id
        self.zh = zh
        self.en = en
        self.pattern = pattern
        self.never_a_part = never_a_part


class ClaimSpec(Record):
    id: str
    zh: str
    en: str
    pattern: re.Pattern
    when: list[Condition]
    unless: list[Condition]
    subjects_from: str | None  # before | rest | None
    subjects: list[tuple[str, re.Pattern]]  # (subject, pattern)
    subject_names: dict[str, tuple[str, str]]  # subject -> (en, zh)
    contradicted_by: dict[str, tuple[str, ...]]  # subject ("" without subjects) -> cells

    def __init__(
            self, id: str, zh: str, en: str, pattern: re.Pattern, when: list[Condition],
            unless: list[Condition], subjects_from: str | None, subjects: list[tuple[str, re.Pattern]],
            subject_names: dict[str, tuple[str, str]], contradicted_by: dict[str, tuple[str, ...]]) -> None:
        self.id = id
        self.zh = zh
        self.en = en
        self.pattern = pattern
        self.when = when
        self.unless = unless
        self.subjects_from = subjects_from
        self.subjects = subjects
        self.subject_names = subject_names
        self.contradicted_by = contradicted_by


class Vocabulary(Record):
    count_units: tuple[str, ...]
    amount_units: tuple[str, ...]
    aliases: dict[str, str]
    same_kind: list[frozenset]
    approximate_before: tuple[str, ...]
    approximate_after: tuple[str, ...]
    not_a_unit: dict[str, str]
    year: re.Pattern
    lead: re.Pattern  # the lead words at the start of a clause (anchored)
    scopes: list[Scope]
    topics: dict[str, list[Condition]]
    concepts: dict[str, Concept]
    dimensions: dict[str, dict]
    counts: list[Reader]
    counts_by_unit: dict[str, list[Reader]]
    not_a_share: list[Condition]
    share_of_previous: re.Pattern | None
    share_names_category: re.Pattern | None
    share_categories: list[Reader]
    opener_previous: re.Pattern | None
    opener_dimension: re.Pattern | None
    opener_dims: list[tuple[str, re.Pattern]]
    implicit_breakdowns: bool
    claims: list[ClaimSpec]
    unclassified: dict[str, re.Pattern | None]  # dims whose parts may be unnamed -> not_a_category
    other_year_scope: str  # the scope of a figure whose sentence names another year

    def __init__(
            self, count_units: tuple[str, ...], amount_units: tuple[str, ...], aliases: dict[str, str],
            same_kind: list[frozenset], approximate_before: tuple[str, ...],
            approximate_after: tuple[str, ...], not_a_unit: dict[str, str], year: re.Pattern,
            lead: re.Pattern, scopes: list[Scope], topics: dict[str, list[Condition]],
            concepts: dict[str, Concept], dimensions: dict[str, dict], counts: list[Reader],
            counts_by_unit: dict[str, list[Reader]], not_a_share: list[Condition],
            share_of_previous: re.Pattern | None, share_names_category: re.Pattern | None,
            share_categories: list[Reader], opener_previous: re.Pattern | None,
            opener_dimension: re.Pattern | None, opener_dims: list[tuple[str, re.Pattern]],
            implicit_breakdowns: bool, claims: list[ClaimSpec], unclassified: dict[str, re.Pattern | None],
            other_year_scope: str) -> None:
        self.count_units = count_units
        self.amount_units = amount_units
        self.aliases = aliases
        self.same_kind = same_kind
        self.approximate_before = approximate_before
        self.approximate_after = approximate_after
        self.not_a_unit = not_a_unit
        self.year = year
        self.lead = lead
        self.scopes = scopes
        self.topics = topics
        self.concepts = concepts
        self.dimensions = dimensions
        self.counts = counts
        self.counts_by_unit = counts_by_unit
        self.not_a_share = not_a_share
        self.share_of_previous = share_of_previous
        self.share_names_category = share_names_category
        self.share_categories = share_categories
        self.opener_previous = opener_previous
        self.opener_dimension = opener_dimension
        self.opener_dims = opener_dims
        self.implicit_breakdowns = implicit_breakdowns
        self.claims = claims
        self.unclassified = unclassified
        self.other_year_scope = other_year_scope

    def scope(self, sid: str) -> Scope | None:
        return next((s for s in self.scopes if s.id == sid), None)

    def parts_of(self, dim: str) -> set[str]:
        return set(self.dimensions.get(dim, {}).get("parts", ()))

    def same_units(self, a: str, b: str) -> bool:
        return a == b or any(a in g and b in g for g in self.same_kind)


# --------------------------------------------------------------------------- compiling


class _Compiler:
    def __init__(self, data: dict, lazy: bool = False) -> None:
        self.data = data
        self.lazy = lazy
        self.words: dict[str, Any] = dict(data.get("words") or {})
        for sid, spec in (data.get("scopes") or {}).items():
            if sid in self.words:
                raise VocabularyError(("scopes", sid), f"scope {sid!r} has the name of a word list")
            self.words[sid] = list(spec.get("words") or []) or ["(?!)"]
        self._expanded: dict[str, str] = {}

    def expand(self, text: str, path: tuple, stack: tuple = ()) -> str:
        """Replace every ``{name}`` by the alternation of word list ``name``."""

        def sub(m: re.Match) -> str:
            name = m.group(1)
            if name in stack:
                raise VocabularyError(path, f"word list {name!r} refers to itself")
            if name not in self.words:
                known = ", ".join(sorted(self.words))
                raise VocabularyError(path, f"unknown word list {{{name}}} in {text!r} (known: {known})")
            if name not in self._expanded:
                entries = self.words[name]
                entries = [entries] if isinstance(entries, str) else entries
                alts = [self.expand(e, ("words", name), stack + (name,)) for e in entries]
                self._expanded[name] = "(?:" + "|".join(alts) + ")"
            return self._expanded[name]

        return _NAME.sub(sub, text)

    def rx(self, text: str, path: tuple) -> re.Pattern:
        expanded = self.expand(text, path)
        if self.lazy:
            # checked when the profile was loaded; compiled when a text holds a word it needs
            return LazyPattern(expanded, skip=True)  # type: ignore[return-value]
        try:
            return re.compile(expanded)
        except re.error as exc:
            raise VocabularyError(path, f"invalid pattern {text!r}: {exc}") from None

    def condition(self, d: dict, path: tuple, targets=TARGETS) -> Condition:
        c = Condition()
        for key, value in d.items():
            if key in targets:
                for i, p in enumerate([value] if isinstance(value, str) else value):
                    c.patterns.append((key, self.rx(p, path + (key,) + ((i,) if not isinstance(value, str) else ()))))
            elif key == "section":
                c.sections = tuple([value] if isinstance(value, str) else value)
            elif key == "topic":
                c.topics = tuple([value] if isinstance(value, str) else value)
            elif key == "continues":
                c.continues = value
            else:
                raise VocabularyError(path + (key,), f"unknown condition {key!r}")
        return c

    def conditions(self, value, path: tuple, targets=TARGETS) -> list[Condition]:
        if value is None:
            return []
        if isinstance(value, dict):
            return [self.condition(value, path, targets)]
        return [self.condition(d, path + (i,), targets) for i, d in enumerate(value)]

    def readers(self, items: list, path: tuple) -> list[Reader]:
        out: list[Reader] = []
        for i, item in enumerate(items or []):
            for binding in _bindings(item.get("for_each") or {}):
                out.append(self.reader(_subst(item, binding), path + (i,)))
        return out

    def reader(self, item: dict, path: tuple) -> Reader:
        cond = {k: v for k, v in item.items() if k in TARGETS or k in ("section", "topic", "continues")}
        r = Reader(item.get("concept"), self.condition(cond, path),
                   self.conditions(item.get("unless"), path + ("unless",)),
                   frozenset(item["units"]) if item.get("units") else None, path=path)
        for j, alt in enumerate(item.get("one_of") or []):
            sub = {k: v for k, v in alt.items() if k != "concept"}
            r.one_of.append((alt["concept"], self.condition(sub, path + ("one_of", j))))
        for sid, p in (item.get("scope") or {}).items():
            r.scope.append((sid, self.rx(p, path + ("scope", sid))))
        r.clears = frozenset(item.get("clears") or ())
        return r


def _bindings(spec: dict) -> list[dict[str, str]]:
    out: list[dict[str, str]] = [{}]
    for name, values in spec.items():
        out = [{**b, name: str(v)} for b in out for v in values]
    return out


def _subst(obj, binding: dict[str, str]):
    if not binding:
        return obj
    if isinstance(obj, str):
        for k, v in binding.items():
            obj = obj.replace("{" + k + "}", v)
        return obj
    if isinstance(obj, list):
        return [_subst(x, binding) for x in obj]
    if isinstance(obj, dict):
        return {k: _subst(v, binding) for k, v in obj.items() if k != "for_each"}
    return obj


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def compile_vocabulary(data: dict, lazy: bool = False) -> Vocabulary:
    """Compile the ``prose`` data of a profile (raises :class:`VocabularyError`); ``lazy``: compile
    each pattern on first use (for data already checked)."""
    c = _Compiler(data, lazy)
    fig = data.get("figures") or {}
    count_units = tuple(fig.get("count_units") or ())
    amount_units = tuple(fig.get("amount_units") or ())
    concepts: dict[str, Concept] = {}
    for i, cd in enumerate(data.get("concepts") or []):
        if cd["id"] in concepts:
            raise VocabularyError(("concepts", i, "id"), f"duplicate concept {cd['id']!r}")
        concepts[cd["id"]] = Concept(
            cd["id"], cd["role"], cd["dim"], cd["zh"], cd["en"],
            tuple(tuple(r) for r in cd.get("cells") or ()), frozenset(cd.get("subs") or ()),
            tuple(frozenset(s) for s in cd.get("complete") or ()),
            tuple((cd.get("as_part_of") or {}).items()), frozenset(cd.get("not_part_of") or ()),
            bool(cd.get("adjacent_years")), bool(cd.get("residual")))
    scopes = []
    for sid, spec in (data.get("scopes") or {}).items():
        words = spec.get("words") or []
        pattern = c.rx("{" + sid + "}", ("scopes", sid, "words")) if words else None
        scopes.append(Scope(sid, spec.get("zh", sid), spec.get("en", sid), pattern, bool(spec.get("never_a_part"))))
    topics = {tid: c.conditions(items, ("topics", tid), FIGURE_TARGETS + SENTENCE_TARGETS)
              for tid, items in (data.get("topics") or {}).items()}
    counts = c.readers(data.get("counts") or [], ("counts",))
    by_unit: dict[str, list[Reader]] = {}
    for u in count_units + amount_units:
        by_unit[u] = [r for r in counts if r.units is None or u in r.units]
    shares = data.get("shares") or {}
    bds = data.get("breakdowns") or {}
    dim_spec = bds.get("of_dimension") or {}
    claims = []
    for i, cl in enumerate(data.get("claims") or []):
        path = ("claims", i)
        subj = cl.get("subjects") or {}
        cb = cl.get("contradicted_by") or []
        pattern = c.rx(cl["pattern"], path + ("pattern",))
        claims.append(ClaimSpec(
            cl["id"], cl["zh"], cl["en"], pattern,
            c.conditions(cl.get("when"), path + ("when",), _CLAIM_WHERE),
            c.conditions(cl.get("unless"), path + ("unless",), _CLAIM_WHERE),
            subj.get("from"),
            [(k, c.rx(v if isinstance(v, str) else v["pattern"], path + ("subjects", k)))
             for k, v in subj.items() if k != "from"],
            {k: (v.get("en", k), v.get("zh", k)) if isinstance(v, dict) else (k, k)
             for k, v in subj.items() if k != "from"},
            {"": tuple(cb)} if isinstance(cb, list) else {k: tuple(v) for k, v in cb.items()}))
    lead_words = c.expand("{lead}", ("words", "lead")) if "lead" in c.words else "(?!)"
    return Vocabulary(
        count_units=count_units, amount_units=amount_units,
        aliases=dict(fig.get("aliases") or {}),
        same_kind=[frozenset(g) for g in fig.get("same_kind") or ()],
        approximate_before=tuple(fig.get("approximate_before") or ()),
        approximate_after=tuple(fig.get("approximate_after") or ()),
        not_a_unit={u: "".join(ws) for u, ws in (fig.get("not_a_unit") or {}).items()},
        year=c.rx(fig.get("year") or r"(?!)(\d)", ("figures", "year")),
        lead=LazyPattern(f"^(?:{lead_words})+", skip=True) if lazy else re.compile(f"^(?:{lead_words})+"),
        scopes=scopes, topics=topics, concepts=concepts,
        dimensions=dict(data.get("dimensions") or {}),
        counts=counts, counts_by_unit=by_unit,
        not_a_share=c.conditions(shares.get("not_a_share"), ("shares", "not_a_share")),
        share_of_previous=c.rx(shares["of_previous"], ("shares", "of_previous")) if shares.get("of_previous") else None,
        share_names_category=(c.rx(shares["names_category"], ("shares", "names_category"))
                              if shares.get("names_category") else None),
        share_categories=c.readers(shares.get("categories") or [], ("shares", "categories")),
        opener_previous=c.rx(bds["of_previous"], ("breakdowns", "of_previous")) if bds.get("of_previous") else None,
        opener_dimension=(c.rx(dim_spec["pattern"], ("breakdowns", "of_dimension", "pattern"))
                          if dim_spec.get("pattern") else None),
        opener_dims=[(d, c.rx(p, ("breakdowns", "of_dimension", "dims", d)))
                     for d, p in (dim_spec.get("dims") or {}).items()],
        implicit_breakdowns=bool(bds.get("implicit")),
        claims=claims,
        unclassified={d: (c.rx(spec["not_a_category"], ("dimensions", d, "not_a_category"))
                          if spec.get("not_a_category") else None)
                      for d, spec in (data.get("dimensions") or {}).items() if spec.get("unclassified")},
        other_year_scope=str(fig.get("other_year_scope") or "period"),
    )


# --------------------------------------------------------------------------- checking at load


def check(data: dict, editions: dict, fail: Callable[[tuple, str], None]) -> None:
    """Compile ``data`` (the profile's ``prose``) and check its references: concepts named by
    readers, claims and other concepts exist; cells exist in some edition; topics, scopes and
    dimensions exist. ``fail(path, message)`` raises (a ``ProfileError`` at that place)."""
    try:
        v = compile_vocabulary(data)
    except VocabularyError as exc:
        fail(("prose",) + exc.path, exc.message)
        return
    except (KeyError, TypeError) as exc:  # pragma: no cover - the schema rules these out
        fail(("prose",), f"invalid prose vocabulary: {exc}")
        return
    cells = set()
    for ed in editions.values():
        for t in ed.tables.values():
            for r in t.rows:
                for col in t.columns:
                    cells.add(f"{t.id}.{r.key}.{col.key}")

    def need_cell(ref: str, path: tuple) -> None:
        if ref not in cells:
            fail(("prose",) + path, f"unknown table cell {ref!r} (no edition has it; write table.row.column)")

    def need_concept(cid, path: tuple) -> None:
        if cid is not None and cid not in v.concepts:
            fail(("prose",) + path, f"unknown concept {cid!r}")

    for i, cd in enumerate(data.get("concepts") or []):
        for j, reading in enumerate(cd.get("cells") or ()):
            for k, ref in enumerate(reading):
                need_cell(ref, ("concepts", i, "cells", j, k))
        for key in ("subs", "not_part_of"):
            for j, cid in enumerate(cd.get(key) or ()):
                need_concept(cid, ("concepts", i, key, j))
        for j, group in enumerate(cd.get("complete") or ()):
            for k, cid in enumerate(group):
                need_concept(cid, ("concepts", i, "complete", j, k))
        for dim, cid in (cd.get("as_part_of") or {}).items():
            need_concept(cid, ("concepts", i, "as_part_of", dim))
    scope_ids = {s.id for s in v.scopes}
    for where, readers in (("counts", v.counts), (("shares", "categories"), v.share_categories)):
        for r in readers:
            need_concept(r.concept, r.path + ("concept",))
            for j, (cid, _) in enumerate(r.one_of):
                need_concept(cid, r.path + ("one_of", j, "concept"))
            for sid, _ in r.scope:
                if sid not in scope_ids:
                    fail(("prose",) + r.path + ("scope", sid), f"unknown scope {sid!r} (declare it in scopes)")
            for sid in r.clears:
                if sid not in scope_ids:
                    fail(("prose",) + r.path + ("clears",), f"unknown scope {sid!r} (declare it in scopes)")
            for cond in [r.condition, *r.unless, *(c for _, c in r.one_of)]:
                for t in cond.topics:
                    if t not in v.topics:
                        fail(("prose",) + r.path + ("topic",), f"unknown topic {t!r} (declare it in topics)")
    dims = {c.dim for c in v.concepts.values()} | set(v.dimensions)
    for d, spec in v.dimensions.items():
        for j, part in enumerate(spec.get("parts") or ()):
            if part not in dims:
                fail(("prose", "dimensions", d, "parts", j), f"unknown dimension {part!r}")
    for i, cl in enumerate(data.get("claims") or []):
        cb = cl.get("contradicted_by") or []
        items = {"": cb} if isinstance(cb, list) else cb
        subjects = {k for k in (cl.get("subjects") or {}) if k != "from"}
        for subject, refs in items.items():
            if subject and subject not in subjects:
                fail(("prose", "claims", i, "contradicted_by", subject),
                     f"claim {cl['id']!r}: {subject!r} is not one of its subjects")
            for k, ref in enumerate(refs):
                need_cell(ref, ("claims", i, "contradicted_by") + ((subject,) if subject else ()) + (k,))


# --------------------------------------------------------------------------- per profile


def vocabulary_of(profile) -> Vocabulary | None:
    """The compiled vocabulary of ``profile`` (a :class:`reportlint.profile.Profile`), built once
    per process and profile object; None when the profile has no ``prose``."""
    from ..profileindex import derived

    data = getattr(profile, "prose", None)
    if not data:
        return None
    return derived(profile, "prose-vocabulary", lambda p: compile_vocabulary(p.prose, lazy=True))
