"""``reportlint check`` and ``reportlint config``: where the command line meets configuration
files, the engine and the output formats (the argument parser itself is in ``cli.py``)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .invisible import escape

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FAIL_ON = {"error": {"error"}, "warning": {"error", "warning"}, "never": set()}
OUTPUT_SUFFIXES = {".sarif": "sarif", ".xml": "junit", ".json": "json", ".txt": "text", ".html": "html",
                   ".htm": "html"}
VIEW_ALL_FILES = 50  # up to this many files, the html page shows the tables of clean files too
# what --statistics prints: text and github (the Actions log, read by people) a table, json an
# object; the other formats are lists of findings for tools (or a page of them), where counts
# have no place
STATISTICS_FORMATS = ("text", "github", "json")


def add_check_options(check: argparse.ArgumentParser) -> None:
    from .formatters import FORMATS

    out = check.add_argument_group("output")
    out.add_argument("--output-file", metavar="FILE", action="append",
                     help="also write the findings to FILE (format: --output-format, else an explicit --format "
                          "that writes such a file (gitlab or json for .json), else from the suffix: .sarif, .xml = "
                          "junit, .json, .html; else the terminal's format); repeat it for several files")
    out.add_argument("--output-format", choices=FORMATS, metavar="FORMAT", action="append",
                     help="format of --output-file: " + ", ".join(FORMATS) + "; with several --output-file, "
                          "give one per file, in the same order")
    out.add_argument("--fail-on", choices=tuple(FAIL_ON), default="error",
                     help="which findings make the exit code 1 (default: error)")
    out.add_argument("--show-source", action=argparse.BooleanOptionalAction, default=None,
                     help="show the source line and a caret under each finding (default: on in a terminal)")
    out.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                     help="colour the text output (default: auto = in a terminal, unless NO_COLOR is set)")
    out.add_argument("--statistics", action="store_true",
                     help="print the number of findings per rule and the active waivers instead of the findings: a "
                          "table (text, and github in GitHub Actions) or an object (json); --output-file still gets "
                          "the findings")
    cfg = check.add_argument_group("configuration")
    add_config_options(cfg)
    net = check.add_argument_group("network")
    net.add_argument("--check-external", action="store_true",
                     help="also run the rules that use the network (checking web links; meant for CI)")
    net.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                     help="progress bar on stderr for long steps (default: auto = in a terminal, not in CI)")
    perf = check.add_argument_group("performance")
    perf.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                      help="lint in N processes (default: 0 = one per CPU core); the output does not depend on it")
    perf.add_argument("--no-cache", action="store_true",
                      help="do not read or write any cache: results, rule registry, compiled profiles, web links "
                           "(they are in the user's cache folder; REPORTLINT_CACHE_DIR moves it, deleting it is "
                           "always safe)")
    perf.add_argument("-v", "--verbose", action="store_true",
                      help="say on stderr how many files were linted, how many came from the cache, how long it "
                           "took, and any cache entry that was skipped")
    inp = check.add_argument_group("input")
    inp.add_argument("--stdin-filename", metavar="PATH",
                     help="read the report from standard input and lint it as if it were PATH (its configuration, "
                          "profile and relative links); editors use this for unsaved buffers")


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes") from None
    if n < 0:
        raise argparse.ArgumentTypeError("the number of processes cannot be negative")
    return n


def add_config_options(group) -> None:
    me = group.add_mutually_exclusive_group()
    me.add_argument("--config", metavar="FILE",
                    help="use this configuration file (.reportlint.toml, .reportlint.yaml or a pyproject.toml) for "
                         "every file instead of looking for one next to each file")
    me.add_argument("--isolated", action="store_true", help="ignore every configuration file")


def add_config_command(sub) -> None:
    p = sub.add_parser("config", help="show the effective settings of a file",
                       description="Show which configuration file applies to a file and the settings it gets "
                                   "(rules, severities, options, profile).")
    p.add_argument("--show", metavar="FILE", required=True, help="the file (it need not exist yet)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_config_options(p)


def _split(values):
    out = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _resolver(args, registry, cli=None):
    from .config import Resolver

    return Resolver(registry, config_file=getattr(args, "config", None), isolated=getattr(args, "isolated", False),
                    cli=cli)


def _rules_meta(registry) -> dict:
    return {r.code: {"name": r.name, "severity": r.severity, "summary": {"en": r.summary.en, "zh": r.summary.zh},
                     "doc": r.doc} for r in registry.sorted()}


def _want_color(mode: str, stream) -> bool:
    if mode == "always":
        return True
    if mode == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def run_check(args, lang: str) -> int:
    from .workers import hold_collection, settle_collection

    if not args.fix:  # (a --fix run lints every file twice or more: it keeps Python's defaults)
        hold_collection()
    try:
        return _run_check(args, lang)
    finally:
        settle_collection()


def _run_check(args, lang: str) -> int:
    from . import __version__
    from .config import CommandLine
    from .engine import Linter
    from .formatters import Report, render
    from .registry import load_registry
    from . import cache as cachemod

    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if args.statistics and fmt not in STATISTICS_FORMATS:
        print(f"reportlint: error: --statistics prints a table (--format text) or an object (--format json), not "
              f"{fmt}; for the findings in {fmt} as well, add --output-file FILE --output-format {fmt}",
              file=sys.stderr)
        return EXIT_USAGE
    registry = load_registry()
    for e in registry.errors:
        print(escape(f"reportlint: warning: {e}"), file=sys.stderr)
    cli = CommandLine(select=_split(args.select) or None, extend_select=_split(args.extend_select),
                      ignore=_split(args.ignore), network=args.check_external)
    _warn_network_rules(registry, cli)
    from . import progress

    progress.configure(args.progress)
    resolver = _resolver(args, registry, cli)
    linter = Linter(registry=registry, resolver=resolver)
    linter.errors = []  # registry problems were printed above

    sources: dict[str, str] = {}
    paths = args.paths or []
    cache = cachemod.ResultCache(Path.cwd(), linter.cache_salt()) if cachemod.enabled() and not args.fix else None
    import time

    started = time.perf_counter()
    if args.stdin_filename is not None or paths == ["-"]:
        if paths not in ([], ["-"]):
            print("reportlint: error: --stdin-filename reads standard input: give no PATH (or '-')", file=sys.stderr)
            return EXIT_USAGE
        if args.fix:
            print("reportlint: error: --fix cannot be used with standard input", file=sys.stderr)
            return EXIT_USAGE
        name = args.stdin_filename or "-"
        data = sys.stdin.buffer.read()
        target = Path(name) if args.stdin_filename else Path.cwd() / "-"
        jobs = 1
        if args.stdin_filename and resolver.is_excluded(target):
            result = linter.finish([])
        else:
            result = linter.run_text(data, name, cache=cache)
            sources[name] = data.decode("utf-8-sig", "replace")
    elif args.fix:
        jobs = 1
        result = linter.run(paths or ["."], fix=True, unsafe_fixes=args.unsafe_fixes)
    else:
        from .engine import default_jobs

        jobs = args.jobs or default_jobs()
        result = linter.run(paths or ["."], jobs=jobs, cache=cache)
    if args.verbose:
        for n in cachemod.notes:
            print(escape(f"reportlint: {n}"), file=sys.stderr)
        hits = cache.hits if cache is not None else 0
        where = cache.path if cache is not None and cache.path is not None else "off"
        print(f"reportlint: {result.files} files: {hits} from the cache, {result.files - hits} linted "
              f"(jobs: {jobs}, cache: {where}) in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    for e in result.errors + result.notices:
        print(escape(f"reportlint: warning: {e}"), file=sys.stderr)
    if result.fixed:
        print(f"reportlint: fixed {result.fixed} finding(s)" if lang == "en" else f"reportlint: 已修复 {result.fixed} 个问题",
              file=sys.stderr)

    outputs = _output_files(args, fmt)
    if outputs is None:
        return EXIT_USAGE
    stdout = sys.stdout
    show_source = args.show_source if args.show_source is not None else _isatty(stdout)
    if show_source and fmt == "text" and not args.statistics:
        for path in sorted({d.path for d in result.diagnostics} - set(sources)):
            text = linter.source_text(path)  # read as safely as for linting, or not at all
            if text is not None:
                sources[path] = text
    options = {
        "version": __version__, "statistics": args.statistics, "sources": sources,
        "errors": registry.errors + result.errors,  # plugins that did not load, rules that crashed
        "paths": result.paths, "fail_on": args.fail_on,
    }
    from . import status
    from .formatters import wants_views

    overview = status.overview(result, linter) if status.wanted(result) else None
    shown = "text" if args.statistics and fmt == "github" else fmt
    views = {}
    if any(wants_views(f) for f in [shown] + [f for f, _ in outputs]):
        views = _views(linter, result, sources)
    report = Report(result.diagnostics, result.files, lang, dict(options, color=_want_color(args.color, stdout),
                    show_source=show_source),
                    waived=result.waived, rules=_rules_meta(registry), views=views, overview=overview)
    for ofmt, ofile in outputs:
        file_report = Report(result.diagnostics, result.files, lang,
                             dict(options, color=False, show_source=False, statistics=False), waived=result.waived,
                             rules=report.rules, views=views, overview=overview)
        text = render(ofmt, file_report)
        try:
            Path(ofile).parent.mkdir(parents=True, exist_ok=True)
            with open(ofile, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        except OSError as exc:
            print(escape(f"reportlint: error: cannot write {ofile}: {exc.strerror or exc}"), file=sys.stderr)
            return EXIT_USAGE
    stdout.write(render(shown, report))
    failing = FAIL_ON[args.fail_on]
    return EXIT_FINDINGS if any(d.severity in failing for d in result.diagnostics) else EXIT_OK


def _output_files(args, fmt: str) -> list[tuple[str, str]] | None:
    """(format, file) of every --output-file: the n-th --output-format goes with the n-th file,
    else :func:`_file_format` decides (an explicit --format that writes that kind of file, else
    the suffix). None (after a message) when they do not pair up."""
    files, formats = args.output_file or [], args.output_format or []
    if formats and not files:
        print("reportlint: error: --output-format needs --output-file", file=sys.stderr)
        return None
    if formats and len(formats) != len(files):
        print(f"reportlint: error: {len(files)} --output-file but {len(formats)} --output-format: give one "
              "--output-format per --output-file, in the same order, or none (each file's suffix then decides)",
              file=sys.stderr)
        return None
    return [(formats[i] if formats else _file_format(args.format, Path(f).suffix.lower(), fmt), f)
            for i, f in enumerate(files)]


# formats that write each kind of file: a suffix names the kind, not always the format (GitLab's
# Code Quality report is a .json file, and so are reportlint's JSON and SARIF)
SUFFIX_KINDS = {".json": ("json", "gitlab", "sarif"), ".sarif": ("sarif",), ".xml": ("junit",),
                ".txt": ("text", "gcc", "github"), ".html": ("html",), ".htm": ("html",)}


def _file_format(explicit: str | None, suffix: str, terminal: str) -> str:
    """The format of an output file without --output-format: an explicit --format when it writes
    that kind of file (``--format gitlab --output-file gl-code-quality-report.json``), else the
    suffix's format, else the terminal's."""
    if explicit is not None and explicit in SUFFIX_KINDS.get(suffix, (explicit,)):
        return explicit
    return OUTPUT_SUFFIXES.get(suffix, terminal)


def _views(linter, result, sources: dict[str, str]) -> dict:
    """Plain-data views of the files for formats that show their tables (html): every file with
    findings, and every file when the run has at most VIEW_ALL_FILES. Built from the files as they
    are now (results from the cache included), after the run."""
    from .view import build_views

    with_findings = {d.path for d in result.diagnostics} | {d.path for d in result.waived}
    paths = [p for p in result.paths if len(result.paths) <= VIEW_ALL_FILES or p in with_findings]
    return build_views(linter, paths, result.diagnostics, sources)


def _warn_network_rules(registry, cli) -> None:
    """A rule that uses the network, named on the command line without --check-external."""
    if cli.network:
        return
    for sel in (cli.select or []) + cli.extend_select:
        for code in registry.match(sel):
            rule = registry.rules[code]
            if rule.network and (sel.upper() == rule.code or sel.lower() == rule.name):
                print(f"reportlint: warning: {rule.code} ({rule.name}) uses the network and runs only with "
                      "--check-external", file=sys.stderr)


def run_config(args, lang: str) -> int:
    import json

    from .registry import load_registry

    registry = load_registry()
    resolver = _resolver(args, registry)
    info = resolver.explain(args.show)
    if args.format == "json":
        from .invisible import json_safe

        print(json_safe(json.dumps(info, ensure_ascii=False, indent=2)))
        return EXIT_OK
    out = [f"file: {info['file']}",
           f"config: {info['config'] or '(none: defaults)'}",
           f"excluded: {'yes, by ' + repr(info['excluded_by']) if info['excluded_by'] else 'no'}",
           f"applied: {', '.join(info['layers'])}",
           f"profile: {info['profile']}",
           f"edition: {info['edition'] or '(from the front matter, else the year)'}"]
    if info["profile_paths"]:
        out.append("profile-paths: " + ", ".join(info["profile_paths"]))
    out.append(f"max-file-size: {info['max_file_size']}")
    out.append(f"rules ({len(info['rules'])} enabled):")
    wc = max((len(r["code"]) for r in info["rules"]), default=4)
    wn = max((len(r["name"]) for r in info["rules"]), default=4)
    for r in info["rules"]:
        opts = " " + json.dumps(r["options"], ensure_ascii=False) if r["options"] else ""
        when = " (runs only with --check-external)" if r["network"] else ""
        out.append(f"  {r['code']:<{wc}}  {r['name']:<{wn}}  {r['severity']}{when}{opts}")
    out.append("disabled: " + (", ".join(info["disabled"]) or "(none)"))
    print("\n".join(map(escape, out)))
    return EXIT_OK
