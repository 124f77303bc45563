"""What repository rules receive besides each file's collected data.

A repository rule that declares ``CONTEXT = True`` is called as
``check_repository(items, options, context)`` with a :class:`RepositoryContext`: the
``[repository]`` tables of the configurations in play (:class:`Manifest`: the organisations that
must report and the years, with where each is written), so that a finding can be reported at the
configuration file's line that lists what is missing.

``[repository]`` (``[tool.reportlint.repository]`` in ``pyproject.toml``)::

    [repository]
    organizations = ["淮安市人民政府", "淮安市教育局"]   # who must publish a report
    years = [2023, 2024]                                # on which years
    profile = "gov-info-disclosure"                     # optional: the reports' profile

A manifest covers the reports under its configuration file's folder. It is *complete* when the run
checked that folder as a whole (``reportlint check .`` from it or from a folder above, the
``reportlint-all`` pre-commit hook): only then can a report be said to be missing; a run on a few
named files (the ``reportlint`` hook, an editor) says nothing about absent reports.
"""
from __future__ import annotations

import os
from typing import Any

from .diagnostics import Span
from .records import Record


class Listed(Record, frozen=True):
    """An organisation the configuration lists: its name as written, folded, and where."""

    name: str
    key: str
    span: Span

    def __init__(self, name: str, key: str, span: Span) -> None:
        self.name = name
        self.key = key
        self.span = span


class Manifest(Record):
    """One configuration's ``[repository]`` table."""

    path: str  # the configuration file, as displayed (relative to the working folder)
    folder: str  # the configuration file's folder (real path)
    organizations: list[Listed]
    years: list[int]
    profile: str  # the reports' profile (the key, else the configuration's default profile)
    span: Span  # the [repository] table's header (or first key)
    complete: bool  # the run checked every report under ``folder``
    paths: frozenset  # display paths of the run's reports under ``folder``
    settings: Any  # settings of the configuration's folder

    def __init__(
            self, path: str, folder: str, organizations: list[Listed], years: list[int], profile: str,
            span: Span = Span(1, 1, 1, 2), complete: bool = False, paths: frozenset = frozenset(),
            settings: Any = None) -> None:
        self.path = path
        self.folder = folder
        self.organizations = organizations
        self.years = years
        self.profile = profile
        self.span = span
        self.complete = complete
        self.paths = paths
        self.settings = settings

    def covers(self, path: str) -> bool:
        """Whether the run's report ``path`` (as displayed) lies under this manifest's folder."""
        return path in self.paths

    def to_dict(self) -> dict[str, Any]:
        """Plain data (``reportlint status``, the HTML page)."""
        return {"config": self.path, "profile": self.profile, "complete": self.complete,
                "organizations": [{"name": o.name, "line": o.span.line, "column": o.span.column}
                                  for o in self.organizations],
                "years": list(self.years)}


class RepositoryContext(Record):
    """What the run knows about the repository as a whole: the ``[repository]`` tables, and every
    report of the run as plain data (``path``, ``profile``, ``organization``, ``org`` folded,
    ``year`` or None, ``level``, ``published``: ``reportlint.publication.report_identity``), whatever
    rules each file's configuration enables."""

    manifests: list[Manifest]
    reports: list[dict[str, Any]]

    def __init__(
            self, manifests: list[Manifest] | None = None, reports: list[dict[str, Any]] | None = None) -> None:
        self.manifests = [] if manifests is None else manifests
        self.reports = [] if reports is None else reports

    def for_rule(self, code: str, enabled) -> "RepositoryContext":
        """The manifests whose configuration enables rule ``code`` (``enabled(settings, code)``)."""
        return RepositoryContext([m for m in self.manifests if m.settings is None or enabled(m.settings, code)],
                                 self.reports)


def under(folder: str, real: str) -> bool:
    """Whether the real path ``real`` is ``folder`` or lies inside it."""
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


# --------------------------------------------------------------------------- configuration


def read_manifest(source: Any, data: dict, problem, default_profile: str, profiles) -> Manifest | None:
    """The ``[repository]`` table of a configuration file (already checked against the
    configuration's JSON Schema); problems of meaning go to ``problem(path, message, value=…)``:
    an organisation or a year listed twice, an unknown profile."""
    table = data.get("repository")
    if not isinstance(table, dict):
        return None
    from .publication import org_key

    orgs: list[Listed] = []
    seen: dict[str, str] = {}
    names = table.get("organizations")
    for i, name in enumerate(names if isinstance(names, list) else []):
        if not isinstance(name, str) or not org_key(name):
            continue
        key = org_key(name)
        if key in seen:
            same = "" if seen[key] == name else f" ({name!r} and {seen[key]!r} are the same name written differently)"
            problem(("repository", "organizations", i), f"{name!r} is listed twice{same}", value=name)
            continue
        seen[key] = name
        line, col = source.where(("repository", "organizations", i), value=name)
        width = len(name) + 2 if _quoted_at(source.text, line, col) else len(name)
        orgs.append(Listed(name.strip(), key, Span(line, col, line, col + width)))
    years: list[int] = []
    raw_years = table.get("years")
    for i, year in enumerate(raw_years if isinstance(raw_years, list) else []):
        if not isinstance(year, int) or isinstance(year, bool):
            continue
        if year in years:
            problem(("repository", "years", i), f"{year} is listed twice", value=year)
            continue
        years.append(year)
    profile = table.get("profile") if isinstance(table.get("profile"), str) else default_profile
    if isinstance(table.get("profile"), str) and profiles is not None and profile not in profiles.ids():
        problem(("repository", "profile"), f"unknown profile {profile!r}; known: {', '.join(profiles.ids())}",
                value=profile)
    line, col = source.where(("repository",), key=True)
    folder = os.path.realpath(os.fspath(source.folder))
    return Manifest(path=str(source.path), folder=folder, organizations=orgs, years=sorted(years), profile=profile,
                    span=Span(line, col, line, col + len("repository")))


def _quoted_at(text: str, line: int, col: int) -> bool:
    lines = text.split("\n")
    return 0 < line <= len(lines) and lines[line - 1][col - 1:col] in ("'", '"')
