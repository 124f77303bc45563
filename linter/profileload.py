"""Loading a profile file: its YAML parsed and validated against ``schemas/profile.schema.json``,
checked for meaning (unique keys, parents and sections that exist, relations that parse and name
real cells) and built into the objects of :mod:`reportlint.profile`.

Parsing the YAML and validating it with jsonschema take ~200 ms, so what they give is kept in the
cache (``reportlint.cache``, kind ``profile``), keyed by the profile's and the schema's bytes:
the plain data, and each edition's relations as parsing expanded them (cell references and
numbers, :func:`_relations_to_plain`). The cache is not trusted: the data read back must be proven
valid against the schema (``reportlint.quickschema``) and every expanded relation must name cells
that the edition's tables have (:func:`_relations_from_plain`), while the objects are built; an
entry that fails either is rebuilt from the file. Cached data built once without error, so its
prose vocabulary's regular expressions compiled then, and compile again (on first use) only
where prose is read.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from . import relations as rel
from .diagnostics import Message
from .frontmatter import plain
from .profile import (
    MAX_PROFILE_BYTES, ColumnSpec, Edition, MentionSpec, Profile, ProfileError, RowSpec, SectionSpec, TableSpec,
    content_digest, schema_dir)
from .records import replace

CACHE_FORM = "profile/2"  # of the cached value (part of its key)


class _Changed(Exception):
    """The profile file changed while it was being loaded."""


def load(path: Path, retry: bool = True) -> Profile:
    """The profile in the file ``path`` (a :class:`ProfileError` when it is not a valid one)."""
    from . import cache

    try:
        # the result cache's fingerprint read and hashed it a moment ago
        key = content_digest(path)
    except OSError as exc:
        raise ProfileError(path, 1, 1, f"cannot read profile: {exc}") from None
    schema_path = schema_dir() / "profile.schema.json"
    schema_key = content_digest(schema_path)
    built: dict[str, Profile] = {}

    def build() -> dict:
        from .safefile import read_limited

        try:
            raw = read_limited(path, MAX_PROFILE_BYTES)  # never a FIFO or a device, never without end
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfileError(path, 1, 1, f"cannot read profile: {exc}") from None
        if cache.digest(raw) != key:
            raise _Changed  # (what is built must be stored under the key of what it was built from)
        tree, data = _parse(path, text)
        relations: dict[str, list] = {}
        built["profile"] = _build(path, tree, data, relations_out=relations)  # a ProfileError: nothing is cached
        return {"data": data, "relations": relations}

    def usable(value: Any) -> bool:
        """Is ``value`` a sound cached profile? (built into ``built`` on the way)"""
        if type(value) is not dict or value.keys() != {"data", "relations"}:
            return False
        if not _certainly_valid(schema_path, schema_key, value["data"]):
            return False
        try:
            built["profile"] = _build(path, None, value["data"], vocabulary_checked=True,
                                      cached_relations=value["relations"])
        except (ProfileError, ValueError):
            return False
        return True

    try:
        cache.load_plain("profile", (CACHE_FORM, key, schema_key), build=build, validate=usable)
    except _Changed:
        if not retry:
            raise ProfileError(path, 1, 1, "the profile file changes while it is being read") from None
        return load(path, retry=False)
    return built["profile"]


def _pos(node: Any, path: tuple) -> tuple[int, int]:
    """1-based (line, column) of ``path`` inside a ruamel round-trip tree (best effort)."""
    line, col = 1, 1
    cur = node
    for key in path:
        lc = getattr(cur, "lc", None)
        try:
            if isinstance(key, int):
                ln, cl = lc.item(key)
            else:
                ln, cl = lc.value(key) if not isinstance(cur[key], (dict, list)) else lc.key(key)
            line, col = ln + 1, cl + 1
            cur = cur[key]
        except Exception:
            break
    return line, col


_CHECKS: dict[str, Callable[[Any], bool]] = {}  # the profile schema's digest -> the checks of it


def _certainly_valid(schema_path: Path, schema_key: str, value: Any) -> bool:
    """Is ``value`` proven valid against the profile schema (``schema_key``: the digest of its
    file)? With the checks written ahead of time from this schema (``reportlint.profilecheck``),
    else with ``reportlint.quickschema``."""
    check = _CHECKS.get(schema_key)
    if check is None:
        from . import profilecheck

        if schema_key == profilecheck.SCHEMA_DIGEST:
            check = profilecheck.certainly_valid
        else:  # the schema changed since linter/profilecheck.py was written (a test says so)
            import json

            from .quickschema import certainly_valid

            data = json.loads(schema_path.read_bytes())
            check = lambda value: certainly_valid(data, value)  # noqa: E731
        _CHECKS.clear()
        _CHECKS[schema_key] = check
    return isinstance(value, dict) and check(value)


def _parse(path: Path, text: str) -> tuple[Any, dict]:
    """The profile's YAML tree and its plain data, validated against the JSON Schema."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt")
    try:
        tree = yaml.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ProfileError(path, line, col, f"invalid YAML: {problem}") from None
    data = plain(tree)
    _validate_schema(path, tree, data)
    return tree, data


_VALIDATOR = None


def _validate_schema(path: Path, tree: Any, data: Any) -> None:
    global _VALIDATOR
    if _VALIDATOR is None:
        import json

        import jsonschema

        schema = json.loads((schema_dir() / "profile.schema.json").read_text(encoding="utf-8"))
        _VALIDATOR = jsonschema.Draft202012Validator(schema)
    # an unknown key (usually a typo) explains a "required" error beside it: report it first
    errors = sorted(_VALIDATOR.iter_errors(data),
                    key=lambda e: (e.validator != "additionalProperties", list(map(str, e.absolute_path))))
    if errors:
        best = errors[0]
        loc = tuple(best.absolute_path)
        if best.validator == "additionalProperties" and isinstance(best.instance, dict):
            allowed = set(best.schema.get("properties", {}))
            extra = sorted(k for k in best.instance if k not in allowed)
            if extra:
                loc = loc + (extra[0],)
        line, col = _pos(tree, loc)
        where = "/".join(map(str, loc)) or "(top level)"
        raise ProfileError(path, line, col, f"{where}: {best.message}")


def _text(d: dict | None, fallback: str = "") -> Message:
    if not d:
        return Message(fallback, fallback)
    return Message(d.get("en", fallback), d.get("zh", fallback))


def _build(path: Path, tree: Any, data: dict, vocabulary_checked: bool = False,
           relations_out: dict[str, list] | None = None, cached_relations: Any = None) -> Profile:
    """The profile from its plain data (valid against the schema). ``relations_out`` receives
    each edition's relations in the cached form; ``cached_relations`` is that form read back
    from the cache (a ValueError when it is not sound)."""
    if cached_relations is not None and type(cached_relations) is not dict:
        raise ValueError("cached relations")

    def fail(loc: tuple, message: str) -> None:
        line, col = _pos(tree, loc)
        raise ProfileError(path, line, col, message)

    cell_types = dict(data.get("cell_types") or {})
    cell_types.setdefault("group", {"kind": "group"})
    cell_types.setdefault("row_label", {"kind": "row_label"})
    fm_schema = None
    if data.get("front_matter_schema"):
        fm_schema = (path.parent / data["front_matter_schema"]).resolve()
        if not fm_schema.is_file():
            fm_schema = (schema_dir() / data["front_matter_schema"]).resolve()
        if not fm_schema.is_file():
            fail(("front_matter_schema",), f"front matter schema {data['front_matter_schema']!r} not found")
    profile = Profile(
        id=data["profile"], name=_text(data["name"]), path=path, editions={},
        default_edition=str(data.get("default_edition") or data["editions"][0]["id"]),
        front_matter_schema=fm_schema,
        levels={k: _text(v) for k, v in (data.get("levels") or {}).items()},
        cell_types=cell_types,
        deadlines=dict((data.get("deadlines") or {}).get("levels") or {}),
        deadline_basis=_text((data.get("deadlines") or {}).get("basis")) if (data.get("deadlines") or {}).get("basis") else None,
        boilerplate=list(data.get("boilerplate") or []),
        stale_year={k: list(v) for k, v in (data.get("stale_year") or {}).items()},
    )
    _check_series(profile, fail)
    for ei, ed in enumerate(data["editions"]):
        eloc = ("editions", ei)
        eid = str(ed["id"])
        if eid in profile.editions:
            fail(eloc + ("id",), f"duplicate edition {eid!r}")
        sections = []
        for si, s in enumerate(ed["sections"]):
            if any(x.id == s["id"] for x in sections):
                fail(eloc + ("sections", si, "id"), f"duplicate section id {s['id']!r}")
            sections.append(SectionSpec(s["id"], s["title"], si + 1, list(s.get("variants", [])),
                                        s.get("required", True), list(s.get("tables", [])),
                                        s.get("hint", "")))
        section_ids = {s.id for s in sections}
        tables: dict[str, TableSpec] = {}
        for ti, t in enumerate(ed.get("tables", [])):
            tloc = eloc + ("tables", ti)
            if t["id"] in tables:
                fail(tloc + ("id",), f"duplicate table id {t['id']!r}")
            if t["section"] not in section_ids:
                fail(tloc + ("section",), f"table {t['id']!r}: unknown section {t['section']!r}")
            cols = []
            for ci, c in enumerate(t["columns"]):
                if c["type"] not in cell_types:
                    fail(tloc + ("columns", ci, "type"),
                         f"column {c['key']!r}: unknown cell type {c['type']!r} (declare it in cell_types)")
                ct = cell_types[c["type"]]
                cols.append(ColumnSpec(c["key"], c["label"], c["type"], c.get("parent"),
                                       list(c.get("variants", [])), c.get("required", True),
                                       ct.get("kind", "integer"), ct.get("min"), list(c.get("deviations", []))))
            rows = [RowSpec(r["key"], r.get("label"), r.get("parent"), r.get("data", True),
                            list(r.get("variants", [])), r.get("required", True), list(r.get("deviations", [])))
                    for r in t["rows"]]
            for kind, items in (("columns", cols), ("rows", rows)):
                seen = set()
                for i, item in enumerate(items):
                    if item.key in seen:
                        fail(tloc + (kind, i, "key"), f"table {t['id']!r}: duplicate key {item.key!r}")
                    seen.add(item.key)
                for i, item in enumerate(items):
                    if item.parent is not None and item.parent not in seen:
                        fail(tloc + (kind, i, "parent"),
                             f"table {t['id']!r}: unknown parent {item.parent!r}")
            tables[t["id"]] = TableSpec(
                t["id"], _text(t["name"], t["id"]), t["section"], cols, rows, t.get("physical"),
                t.get("caption"), t.get("corner_note"), t.get("row_label_levels", 1),
                t.get("required", True))
        for si, s in enumerate(sections):
            for k, tid in enumerate(s.tables):
                if tid not in tables:
                    fail(eloc + ("sections", si, "tables", k), f"section {s.id!r}: unknown table {tid!r}")
        mentions = []
        for mi, m in enumerate(ed.get("mentions", [])):
            if m.get("section") and m["section"] not in section_ids:
                fail(eloc + ("mentions", mi, "section"), f"mention {m['id']!r}: unknown section {m['section']!r}")
            mentions.append(MentionSpec(m["id"], m["terms"], _text(m["description"]),
                                        m.get("when", {}), m.get("section"), m.get("severity"),
                                        m.get("basis", "")))
        if cached_relations is not None:
            relations = _relations_from_plain(ed.get("relations", []), cached_relations.get(eid), tables)
        else:
            origins: list[int] = []
            relations = _build_relations(ed.get("relations", []), tables, lambda loc, msg: fail(eloc + loc, msg),
                                         origins)
            if relations_out is not None:
                relations_out[eid] = _relations_to_plain(relations, origins)
        years = None
        if ed.get("years"):
            years = (ed["years"]["from"], ed["years"].get("to"))
        profile.editions[eid] = Edition(eid, ed.get("name", eid), profile, years, sections, tables,
                                        relations, mentions, ed.get("doc_no", ""))
    if profile.default_edition not in profile.editions:
        fail(("default_edition",), f"default_edition {profile.default_edition!r} is not an edition")
    if data.get("prose"):
        if not vocabulary_checked:
            from .prose.vocabulary import check as check_prose

            check_prose(data["prose"], profile.editions, fail)
        profile.prose = data["prose"]
    return profile


def _check_series(profile: Profile, fail) -> None:
    """Deadlines name known levels; boilerplate patterns are regular expressions."""
    import re

    for level in profile.deadlines:
        if profile.levels and level not in profile.levels:
            fail(("deadlines", "levels", level), f"deadline for unknown level {level!r}; levels: "
                                                 f"{', '.join(profile.levels)}")
    for i, pattern in enumerate(profile.boilerplate):
        try:
            re.compile(pattern)
        except re.error as exc:
            fail(("boilerplate", i), f"boilerplate {pattern!r} is not a regular expression: {exc}")


def _build_relations(items: list[dict], tables: dict[str, TableSpec], fail,
                     origins: list[int] | None = None) -> list[rel.Relation]:
    """The relations of an edition, expanded and parsed; ``origins`` receives the index in
    ``items`` of each."""
    keys = {tid: ([r.key for r in t.rows], [c.key for c in t.columns]) for tid, t in tables.items()}
    data_keys = {tid: ([r.key for r in t.data_rows], [c.key for c in t.data_columns])
                 for tid, t in tables.items()}
    resolve = rel.make_resolver(keys)
    out: list[rel.Relation] = []
    seen_ids = set()
    for i, r in enumerate(items):
        if r["id"] in seen_ids:
            fail(("relations", i, "id"), f"duplicate relation id {r['id']!r}")
        seen_ids.add(r["id"])
        try:
            bindings = _expand_for_each(r.get("for_each") or {}, data_keys)
        except KeyError as exc:
            fail(("relations", i, "for_each"), f"relation {r['id']!r}: unknown table {exc.args[0]!r} in for_each")
        for binding in bindings:
            text = _subst(r["expr"], binding)
            try:
                relation = rel.build_relation(
                    r["id"], text, resolve, severity=r["severity"], kind=r.get("kind", "structural"),
                    description=r.get("description"))
                if r.get("report_at"):
                    at = rel.make_resolver(keys)(_subst(r["report_at"], binding), 0)
                    relation = replace(relation, report_at=at[0])
            except rel.RelationSyntaxError as exc:
                fail(("relations", i, "expr"),
                     f"relation {r['id']!r}: {exc} (at character {exc.offset + 1} of {text!r})")
            out.append(relation)
            if origins is not None:
                origins.append(i)
    return out


# --------------------------------------------------------------------------- the cached form of relations
#
# An edition's relations as parsing expanded them: ``{"operands": [...], "relations": [...]}``.
# An operand is a cell (``t3.r_total.c_total``, ``prev.t2_1.r_rules.c_valid``) or a number
# (``100``, ``0.5``). A relation is ``[i, text, op, lhs, rhs, report_at]``: ``i`` is its index in
# the edition's ``relations`` data (its id, severity, kind and description are read from there),
# a term of a side is the number of its operand counted from 1, negative when it is subtracted,
# and ``report_at`` is the number of a cell or 0.


def _operand(t: rel.Term | rel.Ref) -> str:
    if isinstance(t, rel.Ref):
        return str(t)
    return str(t.ref) if t.ref is not None else format(t.const, "f")


def _relations_to_plain(relations: list[rel.Relation], origins: list[int]) -> dict:
    operands: dict[str, int] = {}

    def number(t: rel.Term | rel.Ref) -> int:
        return operands.setdefault(_operand(t), len(operands) + 1)

    def side(terms: tuple[rel.Term, ...]) -> list[int]:
        return [number(t) * t.sign for t in terms]

    out = [[i, r.text, r.op, side(r.lhs), side(r.rhs), 0 if r.report_at is None else number(r.report_at)]
           for i, r in zip(origins, relations)]
    return {"operands": list(operands), "relations": out}


def _relations_from_plain(items: list[dict], plain_relations: Any,
                          tables: dict[str, TableSpec]) -> Callable[[], list[rel.Relation]]:
    """The relations of one edition from their cached form (``items``: the edition's
    ``relations`` data, valid against the schema), checked now (a ValueError unless every part is
    of the right type and every cell is a row and a column of one of ``tables``) and built by the
    function returned (when a report of the edition is checked: a run checks one edition or two)."""
    if type(plain_relations) is not dict or plain_relations.keys() != {"operands", "relations"}:
        raise ValueError("cached relations")
    operands, entries = plain_relations["operands"], plain_relations["relations"]
    if type(operands) is not list or type(entries) is not list:
        raise ValueError("cached relations")
    keys = {tid: ({r.key for r in t.rows}, {c.key for c in t.columns}) for tid, t in tables.items()}
    values: list[tuple[str, str, str, bool] | Decimal] = []
    for x in operands:
        if type(x) is not str:
            raise ValueError("cached relation operand")
        parts = x.split(".")
        prev = len(parts) == 4 and parts[0] == "prev"
        if prev:
            del parts[0]
        k = keys.get(parts[0]) if len(parts) == 3 else None
        if k is not None and parts[1] in k[0] and parts[2] in k[1]:
            values.append((parts[0], parts[1], parts[2], prev))
        elif _is_number(x):
            values.append(Decimal(x))
        else:
            raise ValueError(f"cached relation operand {x!r}")
    count = len(values)

    def side(ks: Any) -> None:
        # every term an int (not a bool) from -count to count, not 0
        if type(ks) is not list or not ks or not set(map(type, ks)) <= _INT or min(ks) < -count \
                or max(ks) > count or 0 in ks:
            raise ValueError("cached relation side")

    for entry in entries:
        if type(entry) is not list or len(entry) != 6:
            raise ValueError("cached relation")
        i, text, op, lhs, rhs, at = entry
        if type(i) is not int or not 0 <= i < len(items) or type(text) is not str or type(op) is not str \
                or op not in rel.OPS or type(at) is not int or not 0 <= at <= count \
                or at and isinstance(values[at - 1], Decimal):
            raise ValueError("cached relation")
        side(lhs)
        side(rhs)

    def build() -> list[rel.Relation]:
        refs = [v if isinstance(v, Decimal) else rel.Ref(*v) for v in values]
        terms: dict[int, rel.Term] = {}  # records compared by value: one object serves every use of a term

        def term(k: int) -> rel.Term:
            v = refs[abs(k) - 1]
            t = terms[k] = rel.Term(1 if k > 0 else -1, const=v) if isinstance(v, Decimal) \
                else rel.Term(1 if k > 0 else -1, v)
            return t

        out = []
        for i, text, op, lhs, rhs, at in entries:
            r = items[i]
            out.append(rel.Relation(
                r["id"], tuple([terms[k] if k in terms else term(k) for k in lhs]), op,
                tuple([terms[k] if k in terms else term(k) for k in rhs]), text, r["severity"],
                r.get("kind", "structural"), refs[at - 1] if at else None, r.get("description")))
        return out

    return build


_INT = {int}


def _is_number(x: Any) -> bool:
    """Is ``x`` a number as the relation language writes one (digits, maybe a point and digits)?"""
    if type(x) is not str:
        return False
    whole, point, fraction = x.partition(".")
    return whole.isascii() and whole.isdigit() and (not point or fraction.isascii() and fraction.isdigit())


def _subst(text: str, binding: dict[str, str]) -> str:
    for k, v in binding.items():
        text = text.replace("{" + k + "}", v)
    return text


def _expand_for_each(spec: dict, data_keys: dict) -> list[dict[str, str]]:
    """Expand ``for_each`` in order; a later entry may use an earlier one (``{rows: "{t}"}``)."""
    bindings: list[dict[str, str]] = [{}]
    for name, value in spec.items():
        nxt = []
        for b in bindings:
            if isinstance(value, list):
                vals = [_subst(v, b) for v in value]
            elif "rows" in value:
                vals = data_keys[_subst(value["rows"], b)][0]
            else:
                vals = data_keys[_subst(value["columns"], b)][1]
            nxt.extend({**b, name: v} for v in vals)
        bindings = nxt
    return bindings


