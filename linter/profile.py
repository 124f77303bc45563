"""Report profiles: a report kind as data (``schemas/profiles/*.yaml``).

A profile is validated against ``schemas/profile.schema.json`` and then checked for meaning
(unique keys, parents and sections that exist, relations that parse and name real cells).
Any problem is a :class:`ProfileError` naming the file, line and column.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from . import relations as rel
from .diagnostics import Message
from .frontmatter import plain
from .records import Record

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def schema_dir() -> Path:
    """The installed ``schemas`` folder (``reportlint.schemas``)."""
    try:
        import reportlint.schemas as pkg  # installed layout

        return Path(pkg.__file__).resolve().parent
    except Exception:  # pragma: no cover - running from a source tree without install
        return SCHEMA_DIR


class ProfileError(Exception):
    """An invalid profile: a configuration error (exit code 2)."""

    def __init__(self, path: str | Path, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = str(path), line, column, message


class SectionSpec(Record):
    id: str
    title: str
    order: int
    variants: list[str]
    required: bool
    tables: list[str]
    hint: str  # what the section must contain (``reportlint new`` writes it as a comment)

    def __init__(
            self, id: str, title: str, order: int, variants: list[str] | None = None, required: bool = True,
            tables: list[str] | None = None, hint: str = "") -> None:
        self.id = id
        self.title = title
        self.order = order
        self.variants = [] if variants is None else variants
        self.required = required
        self.tables = [] if tables is None else tables
        self.hint = hint


class ColumnSpec(Record):
    key: str
    label: str
    type: str
    parent: str | None
    variants: list[str]
    required: bool
    kind: str  # the cell type's kind: integer, decimal, text, group, row_label
    min: float | None
    deviations: list[str]  # matched, but reported as differing

    def __init__(
            self, key: str, label: str, type: str, parent: str | None = None,
            variants: list[str] | None = None, required: bool = True, kind: str = "integer",
            min: float | None = None, deviations: list[str] | None = None) -> None:
        self.key = key
        self.label = label
        self.type = type
        self.parent = parent
        self.variants = [] if variants is None else variants
        self.required = required
        self.kind = kind
        self.min = min
        self.deviations = [] if deviations is None else deviations

    @property
    def data(self) -> bool:
        return self.kind in ("integer", "decimal", "text")


class RowSpec(Record):
    key: str
    label: str | None
    parent: str | None
    data: bool
    variants: list[str]
    required: bool
    deviations: list[str]  # matched, but reported as differing

    def __init__(
            self, key: str, label: str | None, parent: str | None = None, data: bool = True,
            variants: list[str] | None = None, required: bool = True, deviations: list[str] | None = None) -> None:
        self.key = key
        self.label = label
        self.parent = parent
        self.data = data
        self.variants = [] if variants is None else variants
        self.required = required
        self.deviations = [] if deviations is None else deviations


class TableSpec(Record):
    id: str
    name: Message
    section: str
    columns: list[ColumnSpec]
    rows: list[RowSpec]
    physical: str | None
    caption: str | None
    corner_note: str | None
    row_label_levels: int
    required: bool

    def __init__(
            self, id: str, name: Message, section: str, columns: list[ColumnSpec], rows: list[RowSpec],
            physical: str | None = None, caption: str | None = None, corner_note: str | None = None,
            row_label_levels: int = 1, required: bool = True) -> None:
        self.id = id
        self.name = name
        self.section = section
        self.columns = columns
        self.rows = rows
        self.physical = physical
        self.caption = caption
        self.corner_note = corner_note
        self.row_label_levels = row_label_levels
        self.required = required

    def column(self, key: str) -> ColumnSpec | None:
        return next((c for c in self.columns if c.key == key), None)

    def row(self, key: str) -> RowSpec | None:
        return next((r for r in self.rows if r.key == key), None)

    @property
    def data_columns(self) -> list[ColumnSpec]:
        return [c for c in self.columns if c.data]

    @property
    def data_rows(self) -> list[RowSpec]:
        return [r for r in self.rows if r.data]


class MentionSpec(Record):
    id: str
    terms: list[list[str]]
    description: Message
    when: dict[str, list]
    section: str | None
    severity: str | None
    basis: str

    def __init__(
            self, id: str, terms: list[list[str]], description: Message, when: dict[str, list] | None = None,
            section: str | None = None, severity: str | None = None, basis: str = "") -> None:
        self.id = id
        self.terms = terms
        self.description = description
        self.when = {} if when is None else when
        self.section = section
        self.severity = severity
        self.basis = basis


class Edition(Record):
    """One edition of a profile: what rules receive as ``profile``."""

    id: str
    name: str
    profile: "Profile"
    years: tuple[int, int | None] | None
    sections: list[SectionSpec]
    tables: dict[str, TableSpec]
    relations: list[rel.Relation]
    mentions: list[MentionSpec]
    doc_no: str

    def __init__(
            self, id: str, name: str, profile: "Profile", years: tuple[int, int | None] | None,
            sections: list[SectionSpec], tables: dict[str, TableSpec], relations: list[rel.Relation],
            mentions: list[MentionSpec], doc_no: str = "") -> None:
        self.id = id
        self.name = name
        self.profile = profile
        self.years = years
        self.sections = sections
        self.tables = tables
        self.relations = relations
        self.mentions = mentions
        self.doc_no = doc_no

    @property
    def profile_id(self) -> str:
        return self.profile.id

    def section(self, sid: str) -> SectionSpec | None:
        return next((s for s in self.sections if s.id == sid), None)

    def covers_year(self, year: int) -> bool:
        if self.years is None:
            return True
        lo, hi = self.years
        return year >= lo and (hi is None or year <= hi)

    def other_editions(self) -> list["Edition"]:
        return [e for e in self.profile.editions.values() if e.id != self.id]


class Profile(Record):
    id: str
    name: Message
    path: Path
    editions: dict[str, Edition]
    default_edition: str
    front_matter_schema: Path | None
    levels: dict[str, Message]
    cell_types: dict[str, dict]
    # the prose vocabulary as plain data (``prose:`` of the YAML); compiled on first use by
    # ``reportlint.prose.vocabulary_of`` (so the compiled profile stays plain data)
    prose: dict | None
    # a repository's series of reports (DATE001, REP003, TXT006, ``reportlint status``)
    deadlines: dict[str, str]  # level -> MM-DD of the following year
    deadline_basis: Message | None
    boilerplate: list[str]  # regular expressions (REP003)
    stale_year: dict[str, list[str]]  # word lists (TXT006)

    def __init__(
            self, id: str, name: Message, path: Path, editions: dict[str, Edition], default_edition: str,
            front_matter_schema: Path | None, levels: dict[str, Message], cell_types: dict[str, dict],
            prose: dict | None = None, deadlines: dict[str, str] | None = None,
            deadline_basis: Message | None = None, boilerplate: list[str] | None = None,
            stale_year: dict[str, list[str]] | None = None) -> None:
        self.id = id
        self.name = name
        self.path = path
        self.editions = editions
        self.default_edition = default_edition
        self.front_matter_schema = front_matter_schema
        self.levels = levels
        self.cell_types = cell_types
        self.prose = prose
        self.deadlines = {} if deadlines is None else deadlines
        self.deadline_basis = deadline_basis
        self.boilerplate = [] if boilerplate is None else boilerplate
        self.stale_year = {} if stale_year is None else stale_year

    def edition_for_year(self, year: int) -> Edition | None:
        for ed in self.editions.values():
            if ed.covers_year(year):
                return ed
        return None


# --------------------------------------------------------------------------- loading


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


_CACHE: dict[tuple[str, int, int], Profile] = {}


def load_profile(path: str | Path) -> Profile:
    """Load and validate a profile (cached per process by path, size and mtime)."""
    path = Path(path)
    try:
        st = path.stat()
        key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    except OSError:
        key = None
    if key is not None and key in _CACHE:
        return _CACHE[key]
    profile = _load_profile(path)
    if key is not None:
        _CACHE[key] = profile
    return profile


MAX_PROFILE_BYTES = 16 * 1024 * 1024


def _load_profile(path: Path) -> Profile:
    from .safefile import read_limited

    try:
        raw = read_limited(path, MAX_PROFILE_BYTES)  # never a FIFO or a device, never without end
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(path, 1, 1, f"cannot read profile: {exc}") from None
    from . import cache

    # parsing the YAML and validating it against the schema take ~200 ms; the validated plain
    # data is cached per profile and schema content (checked again, quickly, when read back)
    # and the objects are built from it by the code of this version
    schema = (schema_dir() / "profile.schema.json").read_bytes()
    built: dict[str, Profile] = {}

    def build() -> dict:
        tree, data = _parse(path, text)
        built["profile"] = _build(path, tree, data)  # a ProfileError: nothing is cached
        return data

    data = cache.load_plain("profile", (raw, schema), build=build,
                            validate=lambda value: _certainly_valid(schema, value))
    if "profile" in built:
        return built["profile"]
    try:
        # data that was cached built once without error: its prose vocabulary's regular
        # expressions compiled then, and compile again (on first use) only where prose is read
        return _build(path, None, data, vocabulary_checked=True)
    except ProfileError:
        tree, data = _parse(path, text)  # again, for the line and column of the problem
        return _build(path, tree, data)


_SCHEMAS: dict[bytes, Any] = {}  # the profile schema's text -> its data (compiled once by quickschema)


def _certainly_valid(schema: bytes, value: Any) -> bool:
    from .quickschema import certainly_valid

    if schema not in _SCHEMAS:
        import json

        _SCHEMAS.clear()
        _SCHEMAS[schema] = json.loads(schema)
    return isinstance(value, dict) and certainly_valid(_SCHEMAS[schema], value)


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


def _build(path: Path, tree: Any, data: dict, vocabulary_checked: bool = False) -> Profile:
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
        relations = _build_relations(ed.get("relations", []), tables, lambda loc, msg: fail(eloc + loc, msg))
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


def _build_relations(items: list[dict], tables: dict[str, TableSpec], fail) -> list[rel.Relation]:
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
                    relation = rel.Relation(**{**relation.__dict__, "report_at": at[0]})
            except rel.RelationSyntaxError as exc:
                fail(("relations", i, "expr"),
                     f"relation {r['id']!r}: {exc} (at character {exc.offset + 1} of {text!r})")
            out.append(relation)
    return out


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


# --------------------------------------------------------------------------- registry


class ProfileRegistry:
    """Finds profiles by id: the built-in ones in ``schemas/profiles`` and any extra files
    (configuration ``profile-paths``). Profiles are loaded on first use and cached."""

    def __init__(self, extra_paths: list[Path] | None = None) -> None:
        self._paths: dict[str, Path] = {}
        self._loaded: dict[str, Profile] = {}
        self._fingerprint: list | None = None
        for p in sorted((schema_dir() / "profiles").glob("*.yaml")):
            self._paths[p.stem] = p
        for p in extra_paths or []:
            p = Path(p)
            if p.is_dir():
                for q in sorted(p.glob("*.yaml")):
                    self._paths[q.stem] = q
            else:
                self._paths[p.stem] = p

    def ids(self) -> list[str]:
        return sorted(self._paths)

    def fingerprint(self) -> list:
        """The content of every profile this registry can load, and of the JSON Schemas beside
        them (for the result cache)."""
        if self._fingerprint is None:
            from .cache import digest

            from .safefile import read_limited

            files = {p.resolve() for p in self._paths.values()}
            for p in list(files) + [schema_dir() / "profiles" / "x"]:
                files.update(q.resolve() for q in p.parent.parent.glob("*.json"))
                files.update(q.resolve() for q in p.parent.glob("*.json"))
            out = []
            for f in sorted(files):
                try:
                    out.append((str(f), digest(read_limited(f, MAX_PROFILE_BYTES))))
                except OSError:
                    out.append((str(f), ""))
            self._fingerprint = out
        return self._fingerprint

    def get(self, pid: str) -> Profile | None:
        if pid in self._loaded:
            return self._loaded[pid]
        path = self._paths.get(pid)
        if path is None:
            return None
        prof = load_profile(path)
        if prof.id != pid:
            raise ProfileError(path, 1, 1, f"profile file {path.name} declares profile {prof.id!r}; "
                                           f"the file name must be {prof.id}.yaml")
        self._loaded[pid] = prof
        return prof


__all__ = [
    "ColumnSpec", "Edition", "MentionSpec", "Profile", "ProfileError", "ProfileRegistry", "RowSpec",
    "SectionSpec", "TableSpec", "load_profile",
]
