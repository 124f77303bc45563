"""The overview of a repository for the office that collects the reports: organisations × years,
each cell on time / late (days) / missing / duplicate, with the errors and warnings of each report.

:func:`overview` turns a run (:class:`reportlint.engine.RunResult`) into plain data (dicts, lists,
str, int, None: what ``reportlint status --format json`` prints and what the HTML page and the
``check`` outputs consume); ``reportlint.formatters.overview`` renders it as a terminal table or
Markdown. A cell's state is one of:

- ``on-time`` / ``late`` (``days`` after ``deadline``): the report's ``published`` against the
  deadline of its ``level`` (the profile's, or DATE001's ``deadlines`` option);
- ``no-deadline``: published, and no deadline applies (townships unless configured);
- ``no-date``: no valid ``published`` date; ``early``: published before its year ended;
- ``duplicate``: two or more reports (REP001);
- ``missing``: no report, for an organisation and a year a ``[repository]`` table lists, when the
  run checked that configuration's whole folder (REP002).
"""
from __future__ import annotations

from typing import Any

STATES = ("on-time", "late", "no-deadline", "no-date", "early", "duplicate", "missing")


def deadline_overrides(linter: Any, path: str) -> dict[str, str]:
    """DATE001's ``deadlines`` option for the file ``path`` (its configuration's), if DATE001 exists."""
    rule = linter.registry.rules.get("DATE001")
    if rule is None:
        return {}
    try:
        return dict(linter.options(rule, linter.settings_for(path)).get("deadlines") or {})
    except Exception:  # noqa: BLE001 - an invalid option is reported by the run itself
        return {}


def overview(result: Any, linter: Any) -> dict[str, Any]:
    """Plain data: ``years``, ``rows`` (one per organisation and profile, each with ``cells`` keyed
    by the year as a string), ``counts`` per state, ``manifests`` (the ``[repository]`` tables)."""
    from .publication import org_key, publication_deadline, timeliness

    counts_by_path: dict[str, dict[str, int]] = {}
    for d in result.diagnostics:
        c = counts_by_path.setdefault(d.path, {"errors": 0, "warnings": 0})
        if d.severity in ("error", "warning"):
            c[d.severity + "s"] += 1
    manifests = list(getattr(result.context, "manifests", None) or [])
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    order: list[tuple[str, str]] = []

    def row(profile: str, key: str, name: str, listed: bool = False) -> dict[str, Any]:
        k = (profile, key)
        if k not in rows:
            rows[k] = {"organization": name, "profile": profile, "listed": listed, "cells": {}}
            order.append(k)
        rows[k]["listed"] = rows[k]["listed"] or listed
        return rows[k]

    for m in manifests:
        for o in m.organizations:
            row(m.profile, o.key, o.name, listed=True)
    years = {y for m in manifests for y in m.years}
    for rep in sorted((r for r in result.reports if r.get("year") is not None), key=lambda r: (r["year"], r["path"])):
        profile = rep.get("profile") or ""
        r = row(profile, rep.get("org") or org_key(rep["organization"]), rep["organization"])
        years.add(rep["year"])
        prof = None
        try:
            prof = linter.profiles_for(linter.settings_for(rep["path"])).get(profile) if profile else None
        except Exception:  # noqa: BLE001 - a broken profile is reported by the run itself
            prof = None
        due, _ = publication_deadline(prof, rep.get("level"), rep["year"], deadline_overrides(linter, rep["path"]))
        entry = {"path": rep["path"], "published": rep.get("published"), "level": rep.get("level"),
                 **timeliness(rep.get("published"), rep["year"], due),
                 **counts_by_path.get(rep["path"], {"errors": 0, "warnings": 0})}
        cell = r["cells"].setdefault(str(rep["year"]), {"reports": []})
        cell["reports"].append(entry)
    for m in manifests:
        if not m.complete:
            continue
        for o in m.organizations:
            r = rows[(m.profile, o.key)]
            for y in m.years:
                r["cells"].setdefault(str(y), {"reports": [], "config": m.path})
    counts = {s: 0 for s in STATES}
    for r in rows.values():
        for cell in r["cells"].values():
            reps = cell["reports"]
            if not reps:
                cell.update(state="missing", days=0, deadline=None, published=None, errors=0, warnings=0)
            elif len(reps) > 1:
                cell.update(state="duplicate", days=0, deadline=reps[0]["deadline"], published=None,
                            errors=sum(x["errors"] for x in reps), warnings=sum(x["warnings"] for x in reps))
            else:
                one = reps[0]
                cell.update({k: one[k] for k in ("state", "days", "deadline", "published", "errors", "warnings")})
            counts[cell["state"]] += 1
    # listed organisations in the configuration's order, then the others by profile and name
    listed_first = [k for k in order if rows[k]["listed"]] + sorted(k for k in order if not rows[k]["listed"])
    return {
        "years": sorted(years),
        "rows": [{**rows[k], "cells": dict(sorted(rows[k]["cells"].items()))} for k in listed_first],
        "counts": counts,
        "manifests": [m.to_dict() for m in manifests],
    }


def wanted(result: Any) -> bool:
    """Whether ``reportlint check`` adds the overview to its summary: when a ``[repository]``
    table applies to the run and the run checked its whole folder."""
    return any(m.complete for m in getattr(result.context, "manifests", None) or [])


# --------------------------------------------------------------------------- the command


def add_status_command(sub: Any) -> None:
    from .commands import _jobs, add_config_options

    p = sub.add_parser("status", help="overview of a repository: organisations × years",
                       description="Lint the reports like `reportlint check` and print, for every organisation "
                                   "and year, whether its report was published on time, late (days), is missing "
                                   "or duplicated, with its errors and warnings. Exit code 0 unless the "
                                   "command line or a configuration is wrong (2).")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                   help="text: a table for the terminal; json: the overview as data; markdown: a table")
    p.add_argument("--lang", choices=("zh", "en"), default=None)
    add_config_options(p)
    p.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                   help="lint in N processes (default: one per CPU core)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")


def run_status(args: Any, lang: str) -> int:
    import json
    import sys
    from pathlib import Path

    from .config import CommandLine, Resolver
    from .engine import Linter, default_jobs
    from .formatters.overview import render_markdown, render_text
    from .registry import load_registry

    registry = load_registry()
    for e in registry.errors:
        print(f"reportlint: warning: {e}", file=sys.stderr)
    resolver = Resolver(registry, config_file=args.config, isolated=args.isolated, cli=CommandLine())
    linter = Linter(registry=registry, resolver=resolver)
    linter.errors = []
    cache = None
    if not args.no_cache:
        from . import cache as cachemod

        if cachemod.enabled():
            cache = cachemod.ResultCache(Path.cwd(), linter.cache_salt())
    result = linter.run(args.paths or ["."], jobs=args.jobs or default_jobs(), cache=cache)
    for e in result.errors:
        print(f"reportlint: warning: {e}", file=sys.stderr)
    data = overview(result, linter)
    if args.format == "json":
        from .invisible import json_safe

        sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(render_markdown(data, lang))
    else:
        sys.stdout.write(render_text(data, lang))
    return 0
