"""``reportlint new`` and ``reportlint import``: getting reports into the repository.

``new`` writes a blank report from a profile (:mod:`.scaffold`); ``import`` converts a Word or
HTML report (:mod:`.importers`). Both write to standard output, or with ``-o`` to a file that
must not exist yet (``--force`` replaces it, atomically). What the user still has to fill in, and
what an import could not map, is said on standard error. Exit codes: 0 written, 2 usage error or
unreadable input.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_USAGE = 0, 2


class UsageError(Exception):
    """A bad option or input: one line on stderr, exit code 2."""


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year") from None
    if not 1900 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"{year} is not a plausible report year")
    return year


def _date(text: str) -> str:
    import datetime

    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--profile", metavar="ID|FILE",
                   help="the report kind: a profile id or a profile YAML file (default: gov-info-disclosure)")
    p.add_argument("--edition", metavar="E", help="the profile edition (default: the one for the year)")
    p.add_argument("--published", type=_date, metavar="YYYY-MM-DD", help="the publication date")


def add_commands(sub) -> None:
    new = sub.add_parser(
        "new", help="write a blank report from the profile",
        description="Write a complete blank report: front matter, title, the official sections (each with a "
                    "hint as a comment) and every table with its official labels and blank number cells. "
                    "`reportlint check` then lists what remains to be filled.")
    new.add_argument("--organization", required=True, metavar="NAME", help="the organisation that reports")
    new.add_argument("--year", required=True, type=_year, metavar="YEAR", help="the year the report is about")
    new.add_argument("--level", metavar="LEVEL", help="the organisation's level (gov-info-disclosure: "
                                                      "government, department or township)")
    new.add_argument("--html-tables", action="store_true",
                     help="write the tables in the pandoc HTML shape (rowspan/colspan) instead of pipe tables")
    _common(new)

    imp = sub.add_parser(
        "import", help="convert a Word (.docx) or HTML report to Markdown",
        description="Convert a report written in Word (.docx) or saved from a web page (.html) to a Markdown "
                    "report with front matter. Every number and sentence is kept as written (nothing is "
                    "corrected, summed or filled in), so that `reportlint check` sees the real defects. What "
                    "could not be mapped or inferred is said on standard error.")
    imp.add_argument("file", metavar="FILE", help="the .docx or .html/.htm file")
    imp.add_argument("--organization", metavar="NAME", help="the organisation (default: from the title line)")
    imp.add_argument("--year", type=_year, metavar="YEAR", help="the report year (default: from the title line)")
    imp.add_argument("--level", metavar="LEVEL", help="the organisation's level (default: from its name when "
                                                      "it leaves no doubt)")
    _common(imp)


# --------------------------------------------------------------------------- shared


def _load_profile(spec: str | None):
    from .profile import ProfileRegistry, load_profile
    from .settings import Settings

    spec = spec or Settings().profile
    if spec.endswith((".yaml", ".yml")) or os.sep in spec or "/" in spec:
        path = Path(spec)
        if not path.is_file():
            raise UsageError(f"profile file {spec}: no such file")
        return load_profile(path)
    registry = ProfileRegistry()
    profile = registry.get(spec)
    if profile is None:
        raise UsageError(f"unknown profile {spec!r}; known: {', '.join(registry.ids())}")
    return profile


def _check_level(profile, level: str | None, required: bool) -> None:
    if not profile.levels:
        return
    if level is None:
        if required:
            raise UsageError(f"--level is required: one of {', '.join(profile.levels)}")
        return
    if level not in profile.levels:
        raise UsageError(f"--level {level!r} is not a level of profile {profile.id!r}: "
                         f"one of {', '.join(profile.levels)}")


def _check_edition(profile, edition: str | None) -> None:
    if edition is not None and edition not in profile.editions:
        raise UsageError(f"profile {profile.id!r} has no edition {edition!r}; editions: "
                         f"{', '.join(profile.editions)}")


def write_output(text: str, output: str | None, force: bool) -> None:
    """Standard output, or a new file written atomically (never over an existing one without ``force``)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    path = Path(output)
    if path.is_dir():
        raise UsageError(f"{output} is a folder")
    if path.exists() and not force:
        raise UsageError(f"{output} exists: pass --force to replace it")
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{output}: the folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the file appeared meanwhile: never overwrite
            except FileExistsError:
                raise UsageError(f"{output} exists: pass --force to replace it") from None
            except OSError:  # a file system without hard links
                if path.exists():
                    raise UsageError(f"{output} exists: pass --force to replace it") from None
                os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _say(command: str, where: str, notes: list[str]) -> None:
    for note in notes:
        print(f"reportlint {command}: {where}: {note}", file=sys.stderr)


# --------------------------------------------------------------------------- commands


def run_new(args) -> int:
    from .scaffold import scaffold

    try:
        profile = _load_profile(args.profile)
        _check_level(profile, args.level, required=True)
        _check_edition(profile, args.edition)
        if not any(ed.tables for ed in profile.editions.values()):
            raise UsageError(f"profile {profile.id!r} has no tables: nothing to scaffold")
        edition = profile.editions[args.edition] if args.edition else \
            (profile.edition_for_year(args.year) or profile.editions[profile.default_edition])
        text, todo_keys = scaffold(profile, edition, organization=args.organization, year=args.year, level=args.level,
                        published=args.published, html_tables=args.html_tables)
        write_output(text, args.output, args.force)
    except UsageError as exc:
        print(f"reportlint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    where = args.output or "<stdout>"
    notes = []
    if not edition.covers_year(args.year):
        notes.append(f"edition {edition.id} is not the one for {args.year}: `reportlint check` will say so")
    todo = "fill in the blank cells (0 where there is nothing to report) and the sections"
    if todo_keys:
        todo += ", and " + ", ".join(f"`{k}`" for k in todo_keys) + " in the front matter"
    notes.append(todo + (f"; then run `reportlint check {args.output}`" if args.output else ""))
    _say("new", where, notes)
    return EXIT_OK


def run_import(args) -> int:
    from .importers import ImportFailure, ImportOptions, import_file

    try:
        profile = _load_profile(args.profile)
        _check_level(profile, args.level, required=False)
        _check_edition(profile, args.edition)
        opts = ImportOptions(level=args.level, organization=args.organization, year=args.year,
                             edition=args.edition, published=args.published)
        result = import_file(Path(args.file), profile, opts)
        write_output(result.markdown, args.output, args.force)
    except (UsageError, ImportFailure) as exc:
        print(f"reportlint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _say("import", args.file, result.notes)
    return EXIT_OK
