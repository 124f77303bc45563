"""The ``reportlint`` command line.

Exit codes: 0 nothing that fails (warnings and info alone do not fail), 1 failing findings,
2 usage or configuration error. No traceback ever reaches the user: unexpected errors are
reported in one line and exit with 2.
"""
from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from . import __version__
from .invisible import escape

if TYPE_CHECKING:  # argparse is imported once the regex store is seeded (main)
    import argparse

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def default_lang() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        val = os.environ.get(var)
        if val:
            return "zh" if val.lower().startswith("zh") else "en"
    return "en"


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


COMMANDS = ("check", "rules", "config", "new", "import", "server", "status")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; ``only``: the subcommand the command line names, whose options
    alone are then built (every subcommand's would cost ~3 ms of each run, an editor's and a
    commit hook's included)."""
    from .commands import add_config_command

    def wanted(*names: str) -> bool:
        return only is None or only in names

    parser = _parser_class()(
        prog="reportlint",
        description="Compliance linter for reports kept as Markdown with YAML front matter.",
    )
    parser.add_argument("--version", action="version", version=f"reportlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if wanted("check"):
        add_check_command(sub)
    if wanted("rules"):
        rules = sub.add_parser("rules", help="list every rule", description="List every registered rule.")
        rules.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                           help="markdown: the rules reference (docs/rules.md is generated with it)")
        rules.add_argument("--lang", choices=("zh", "en"), default=None)
        rules.add_argument("--explain", metavar="RULE", help="print the documentation of one rule")
    if wanted("config"):
        add_config_command(sub)
    if wanted("new", "import"):
        from .convert import add_commands as add_convert_commands

        add_convert_commands(sub)
    if wanted("server"):
        add_server_command(sub)
    if wanted("status"):
        from .status import add_status_command

        add_status_command(sub)
    parser.set_defaults(_subcommands=sub.choices)
    return parser


def _parser_class():
    import argparse

    class _Parser(argparse.ArgumentParser):
        """argparse's parser, asking ``os`` for the terminal width: argparse asks ``shutil``, whose
        import loads bz2 and lzma (~3 ms of every run, an editor's and a commit hook's included)."""

        def _get_formatter(self):
            try:
                width = int(os.environ["COLUMNS"])
            except (KeyError, ValueError):
                try:
                    width = os.get_terminal_size(sys.__stdout__.fileno()).columns
                except (AttributeError, ValueError, OSError):
                    width = 80
            return self.formatter_class(prog=self.prog, width=max(width - 2, 20))

    return _Parser


def add_check_command(sub) -> None:
    from .commands import add_check_options
    from .formatters import FORMATS

    check = sub.add_parser("check", help="check report files and folders",
                           description="Check Markdown reports. Folders are searched for *.md files "
                                       "(hidden folders skipped).")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    check.add_argument("--format", choices=FORMATS, default=None,
                       help="output format: " + ", ".join(FORMATS) + " (default: text; github when GITHUB_ACTIONS=true)")
    check.add_argument("--select", action="append", metavar="RULES",
                       help="only these rules: codes, family prefixes or names, comma-separated (default: ALL)")
    check.add_argument("--extend-select", action="append", metavar="RULES", help="add rules to the selection")
    check.add_argument("--ignore", action="append", metavar="RULES", help="leave these rules out")
    check.add_argument("--lang", choices=("zh", "en"), default=None,
                       help="message language (default: Chinese when the locale is Chinese, else English)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files (atomically)")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix, apply unsafe fixes too")
    add_check_options(check)


def add_server_command(sub) -> None:
    from .commands import add_config_options

    p = sub.add_parser("server", help="run the language server (LSP over stdio) for editors",
                       description="Speak the Language Server Protocol on standard input and output: live "
                                   "diagnostics, quick fixes and hover in any editor. Needs the server extra: "
                                   "pip install 'reportlint[server]'.")
    p.add_argument("--stdio", action="store_true", help="use standard input and output (the default and only transport)")
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="message language (default: the client's locale, else the environment's)")
    p.add_argument("--debounce", type=int, default=None, metavar="MS",
                   help="wait this long after a change before linting (default: 300)")
    p.add_argument("--docs-url", metavar="TEMPLATE",
                   help="address of a rule's documentation, with {code}, {name} and {anchor} "
                        "(default: docs/rules.md of the project, e.g. "
                        "https://git.example.org/tools/reportlint/blob/main/docs/rules.md#{anchor})")
    add_config_options(p)


def _parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line; an unknown option is reported by the subcommand it was given to,
    with its usage and the closest option it has (``check --selct`` → ``--select``)."""
    args, extra = parser.parse_known_args(argv)
    if extra:
        sub = (getattr(args, "_subcommands", None) or {}).get(args.command) or parser
        import difflib

        options = [o for o in sub._option_string_actions if o.startswith("--")]
        hints = [close[0] for x in extra if x.startswith("-")
                 for close in [difflib.get_close_matches(x.split("=", 1)[0], options, n=1, cutoff=0.6)] if close]
        hint = f" (did you mean {', '.join(hints)}?)" if hints else ""
        sub.error(escape(f"unrecognized arguments: {' '.join(extra)}{hint}"))
    return args


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    options = words[:words.index("--")] if "--" in words else words
    if not any(w.startswith("--no-c") for w in options):  # --no-cache, or argparse's abbreviations of it
        from . import recache

        recache.seed()  # before anything compiles a regular expression (argparse's import does)
    parser = build_parser(words[0] if words and words[0] in COMMANDS else None)
    args = _parse(parser, argv)
    if getattr(args, "no_cache", False):
        from . import recache

        recache.unseed()
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        _reconfigure_stdio()
        from . import cache

        # any command's --no-cache: no cache at all, of any kind (results, registry, profiles, links)
        cache.set_enabled(not getattr(args, "no_cache", False))
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "server":
            from .server import run

            return run(args, args.lang or default_lang())
        if args.command == "config":
            from .commands import run_config

            return run_config(args, args.lang if getattr(args, "lang", None) else default_lang())
        if args.command in ("new", "import"):
            from .convert import run_import, run_new

            return run_new(args) if args.command == "new" else run_import(args)
        if args.command == "status":
            from .status import run_status

            return run_status(args, args.lang or default_lang())
        return cmd_check(args)
    except KeyboardInterrupt:
        print("reportlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - configuration errors and anything unexpected
        from .profile import ProfileError
        from .settings import SettingsError

        from .config import ConfigError

        if isinstance(exc, ConfigError):
            for path, line, col, msg in exc.problems:
                print(escape(f"{path}:{line}:{col}: error: {msg}"), file=sys.stderr)
        elif isinstance(exc, (ProfileError, SettingsError)):
            print(escape(f"reportlint: error: {exc}"), file=sys.stderr)
        else:
            print(escape(f"reportlint: internal error: {type(exc).__name__}: {exc} "
                         "(please report this with the file that caused it)"), file=sys.stderr)
        return EXIT_USAGE


def _reconfigure_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass


def _report_errors(errors: list[str]) -> None:
    for e in errors:
        print(escape(f"reportlint: warning: {e}"), file=sys.stderr)


def cmd_rules(args) -> int:
    from .registry import load_registry

    lang = args.lang or default_lang()
    reg = load_registry()
    _report_errors(reg.errors)
    if args.explain:
        codes = reg.match(args.explain)
        if len(codes) != 1:
            print(escape(f"reportlint: error: {args.explain!r} does not name exactly one rule"), file=sys.stderr)
            return EXIT_USAGE
        rule = reg.rules[codes.pop()]
        print(f"{rule.code} ({rule.name}) — {rule.summary.get(lang)}  [default: {rule.severity}]\n")
        print(rule.doc or "(no documentation)")
        if rule.options_schema.get("properties"):
            import json

            print("\nOptions (JSON Schema):")
            print(json.dumps(rule.options_schema, ensure_ascii=False, indent=2))
        return EXIT_OK
    rules = reg.sorted()
    if args.format == "markdown":
        sys.stdout.write(rules_reference(rules))
        return EXIT_OK
    if args.format == "json":
        import json

        print(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary.get(lang),
                           "summaries": {"en": r.summary.en, "zh": r.summary.zh}, "scope": r.scope,
                           "origin": r.origin, "options": r.options_schema} for r in rules],
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    wc = max((len(r.code) for r in rules), default=4)
    wn = max((len(r.name) for r in rules), default=4)
    for r in rules:
        print(f"{r.code:<{wc}}  {r.name:<{wn}}  {r.severity:<7}  {r.summary.get(lang)}")
    return EXIT_OK


def rules_reference(rules) -> str:
    """The rules reference in Markdown, generated from the registry (``docs/rules.md``)."""
    import json

    out = ["# Rules", "",
           "Generated by `reportlint rules --format markdown` from the rule registry; do not edit by hand.",
           "Each rule is one module, `rules/<code>_<name>.py`; its docstring is the text below.", "",
           "| code | name | default | summary | 摘要 |", "| --- | --- | --- | --- | --- |"]
    for r in rules:
        out.append(f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity} | {r.summary.en} | {r.summary.zh} |")
    for r in rules:
        out += ["", f"## {r.code} {r.name}", "",
                f"**{r.summary.en}** ({r.summary.zh}). Default severity: {r.severity}."
                + (" Runs only with `--check-external`." if r.network else ""), "", r.doc or "(no documentation)"]
        if (r.options_schema or {}).get("properties"):
            out += ["", "Options (JSON Schema):", "", "```json",
                    json.dumps(r.options_schema, ensure_ascii=False, indent=2), "```"]
    return "\n".join(out) + "\n"


def cmd_check(args) -> int:
    from .commands import run_check

    return run_check(args, args.lang or default_lang())
