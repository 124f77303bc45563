"""Report profiles: a report kind as data (``schemas/profiles/*.yaml``).

A profile is validated against ``schemas/profile.schema.json`` and then checked for meaning
(unique keys, parents and sections that exist, relations that parse and name real cells) by
:mod:`reportlint.profileload`, which builds the objects defined here. Any problem is a
:class:`ProfileError` naming the file, line and column.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from . import relations as rel
from .diagnostics import Message
from .records import Record

_SCHEMA_DIR: Path | None = None


def schema_dir() -> Path:
    """The installed ``schemas`` folder (``reportlint.schemas``), found once per process."""
    global _SCHEMA_DIR
    if _SCHEMA_DIR is None:
        try:
            import reportlint.schemas as pkg  # installed layout

            _SCHEMA_DIR = Path(pkg.__file__).resolve().parent
        except Exception:  # pragma: no cover - running from a source tree without install
            _SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
    return _SCHEMA_DIR


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
    """One edition of a profile: what rules receive as ``profile``. ``relations`` may be given as
    a function that makes them, called when they are first read (an edition read back from the
    cache builds its relations only when a report of that edition is checked)."""

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
            sections: list[SectionSpec], tables: dict[str, TableSpec],
            relations: list[rel.Relation] | Callable[[], list[rel.Relation]], mentions: list[MentionSpec],
            doc_no: str = "") -> None:
        self.id = id
        self.name = name
        self.profile = profile
        self.years = years
        self.sections = sections
        self.tables = tables
        if callable(relations):
            self._make_relations = relations
        else:
            self.relations = relations
        self.mentions = mentions
        self.doc_no = doc_no

    def __getattr__(self, name: str):
        make = self.__dict__.pop("_make_relations", None) if name == "relations" else None
        if make is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.relations = make()
        return self.relations

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

MAX_PROFILE_BYTES = 16 * 1024 * 1024
_CACHE: dict[tuple[str, int, int, int, int], Profile] = {}
_DIGESTS: dict[tuple[str, int, int, int, int], str] = {}


def content_digest(path: str | Path) -> str:
    """``reportlint.cache.digest`` of a profile's or schema's bytes, read and hashed once per
    process while the file stays the same (device, inode, size and time): the result cache's
    fingerprint and the profile cache's key both need it. OSError when it cannot be read."""
    import os

    st = os.stat(path)
    key = (str(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    hit = _DIGESTS.get(key)
    if hit is None:
        from .cache import digest
        from .safefile import read_limited

        if len(_DIGESTS) >= 256:
            _DIGESTS.clear()
        hit = _DIGESTS[key] = digest(read_limited(path, MAX_PROFILE_BYTES))  # never a FIFO or a device
    return hit


def load_profile(path: str | Path) -> Profile:
    """Load and validate a profile (cached per process by path, file identity, size and mtime;
    parsed, validated and built by :mod:`reportlint.profileload`)."""
    path = Path(path)
    try:
        st = path.stat()
        key = (str(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    except OSError:
        key = None
    if key is not None and key in _CACHE:
        return _CACHE[key]
    from .profileload import load

    profile = load(path)
    if key is not None:
        _CACHE[key] = profile
    return profile


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
            files = {p.resolve() for p in self._paths.values()}
            for p in list(files) + [schema_dir() / "profiles" / "x"]:
                files.update(q.resolve() for q in p.parent.parent.glob("*.json"))
                files.update(q.resolve() for q in p.parent.glob("*.json"))
            out = []
            for f in sorted(files):
                try:
                    out.append((str(f), content_digest(f)))
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
