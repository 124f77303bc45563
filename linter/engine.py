"""The engine: files → documents → rules → diagnostics.

The engine knows rules only through the registry and formatters not at all. Per file it builds
one :class:`~reportlint.document.Document`, resolves the profile edition the report must follow,
runs every enabled document rule, then repository rules run over what each document collected.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

from . import document as docmod
from .cachedruns import CachedRuns, cache_entry  # noqa: F401 - cache_entry: part of the engine's interface
from .diagnostics import MAX_MESSAGE, Diagnostic, Finding, Message, Span, shorten_data, shorten_message
from .files import (  # noqa: F401 - MARKDOWN_SUFFIXES, forget_files: part of the engine's interface
    MARKDOWN_SUFFIXES, collect_files, display_path, forget_files, leaves_repository, one_working_folder, real_path)
from .profile import ProfileRegistry
from .records import Record, replace
from .registry import Registry, Rule, load_registry
from .settings import Settings, SettingsError
from .workers import default_jobs  # noqa: F401 - part of the engine's interface

MAX_FINDINGS_PER_RULE = 1000  # per file; the rest are counted in one more finding


class FileResult(Record):
    path: str
    diagnostics: list[Diagnostic]
    collected: dict[str, Any]  # rule code -> data for repository rules
    settings: Settings | None  # the settings the file was linted with
    suppressions: Any  # reportlint.suppressions.Suppressions, when the file has directives
    waived: list[Diagnostic]  # findings an active waiver covers
    errors: list[str]  # rules that crashed on this file (stderr)
    not_cached: str  # why this result cannot go to the result cache (collected data not plain)
    entry: bytes | str | None  # cache_entry(), when a worker process made it
    notices: list[str]  # e.g. why a fix was not written (stderr)
    # which report the file is (reportlint.publication.report_identity): plain data, or None
    facts: dict[str, Any] | None

    def __init__(
            self, path: str, diagnostics: list[Diagnostic] | None = None,
            collected: dict[str, Any] | None = None, settings: Settings | None = None,
            suppressions: Any = None, waived: list[Diagnostic] | None = None, errors: list[str] | None = None,
            not_cached: str = "", entry: bytes | str | None = None, notices: list[str] | None = None,
            facts: dict[str, Any] | None = None) -> None:
        self.path = path
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.collected = {} if collected is None else collected
        self.settings = settings
        self.suppressions = suppressions
        self.waived = [] if waived is None else waived
        self.errors = [] if errors is None else errors
        self.not_cached = not_cached
        self.entry = entry
        self.notices = [] if notices is None else notices
        self.facts = facts


class RunResult(Record):
    diagnostics: list[Diagnostic]
    files: int
    errors: list[str]  # crashes and plugin problems (stderr)
    fixed: int
    waived: list[Diagnostic]  # findings active waivers suppress
    excluded: int  # files left out by the configuration's exclude globs
    paths: list[str]  # every file linted (display paths)
    notices: list[str]  # e.g. why a fix was not written (stderr)
    reports: list[dict[str, Any]]  # facts of each report, with "path"
    context: Any  # reportlint.repository.RepositoryContext of the run

    def __init__(
            self, diagnostics: list[Diagnostic], files: int, errors: list[str] | None = None, fixed: int = 0,
            waived: list[Diagnostic] | None = None, excluded: int = 0, paths: list[str] | None = None,
            notices: list[str] | None = None, reports: list[dict[str, Any]] | None = None,
            context: Any = None) -> None:
        self.diagnostics = diagnostics
        self.files = files
        self.errors = [] if errors is None else errors
        self.fixed = fixed
        self.waived = [] if waived is None else waived
        self.excluded = excluded
        self.paths = [] if paths is None else paths
        self.notices = [] if notices is None else notices
        self.reports = [] if reports is None else reports
        self.context = context


# --------------------------------------------------------------------------- profiles


def resolve_edition(doc: docmod.Document, profiles: ProfileRegistry, settings: Settings) -> None:
    """Decide which profile edition the document is checked against.

    ``doc.edition_source`` records why: ``declared`` (front matter ``edition`` fits the year),
    ``year`` (the declared edition contradicts ``year``; the edition the year requires is used),
    ``inferred`` (no ``edition``; taken from ``year``), ``default`` (neither), ``invalid``
    (``edition`` names no edition of the profile)."""
    fm = doc.front_matter
    data = fm.data if fm is not None and fm.error is None and fm.data else {}
    pid = data.get("profile") if isinstance(data.get("profile"), str) else None
    pid = pid or settings.profile
    profile = profiles.get(pid)  # a broken profile raises ProfileError: a configuration error
    if profile is None:
        doc.profile_error = {"id": pid, "known": profiles.ids()}
        return
    year = data.get("year") if isinstance(data.get("year"), int) and not isinstance(data.get("year"), bool) else None
    declared = data.get("edition")
    declared = str(declared) if declared is not None else settings.edition
    by_year = profile.edition_for_year(year) if year is not None else None
    if declared is not None and declared in profile.editions:
        ed = profile.editions[declared]
        if year is not None and not ed.covers_year(year) and by_year is not None:
            doc.edition, doc.edition_source = by_year, "year"
        else:
            doc.edition, doc.edition_source = ed, "declared"
    elif declared is not None:
        doc.edition = by_year or profile.editions[profile.default_edition]
        doc.edition_source = "invalid"
    elif by_year is not None:
        doc.edition, doc.edition_source = by_year, "inferred"
    else:
        doc.edition, doc.edition_source = profile.editions[profile.default_edition], "default"


# --------------------------------------------------------------------------- linting


class Linter(CachedRuns):
    """Lints files. Settings come from ``settings`` (one for every file) or, when a ``resolver``
    (:class:`reportlint.config.Resolver`) is given, from the configuration of each file. The
    per-file flow ``path -> settings -> document -> diagnostics`` (:meth:`lint_path`) depends
    only on its inputs, so it can run in worker processes; repository rules and the rules about
    suppression comments then run over the per-file results (:meth:`run_repository_rules`)."""

    def __init__(self, settings: Settings | None = None, registry: Registry | None = None,
                 profiles: ProfileRegistry | None = None, *, resolver: Any = None,
                 today: Any = None) -> None:
        from . import suppressions

        self.settings = settings or Settings()
        self.registry = registry or load_registry()
        self.profiles = profiles or ProfileRegistry([Path(p) for p in self.settings.profile_paths])
        self.resolver = resolver
        self.today = today or suppressions.today()  # waivers expire relative to this date
        self.errors: list[str] = list(self.registry.errors)
        self._enabled = sorted(self.settings.enabled(self.registry))
        self._validated_options: dict[tuple, dict] = {}
        self._enabled_by_settings: dict[int, tuple[Settings, list[str]]] = {}
        self._profiles_by_paths: dict[tuple, ProfileRegistry] = {tuple(self.settings.profile_paths): self.profiles}

    # per-file settings (configuration files, overrides, per-file-ignores)
    def settings_for(self, path: str | Path) -> Settings:
        return self.resolver.settings_for(path) if self.resolver is not None else self.settings

    def enabled_for(self, settings: Settings) -> list[str]:
        if settings is self.settings:
            return self._enabled
        hit = self._enabled_by_settings.get(id(settings))
        if hit is None or hit[0] is not settings:
            hit = (settings, sorted(settings.enabled(self.registry)))
            self._enabled_by_settings[id(settings)] = hit
        return hit[1]

    def profiles_for(self, settings: Settings) -> ProfileRegistry:
        key = tuple(settings.profile_paths)
        if key not in self._profiles_by_paths:
            self._profiles_by_paths[key] = ProfileRegistry([Path(p) for p in key])
        return self._profiles_by_paths[key]

    # options are validated once per rule against the rule's JSON Schema
    def options(self, rule: Rule, settings: Settings | None = None) -> dict[str, Any]:
        settings = settings or self.settings
        key = (id(settings), rule.code)
        if key not in self._validated_options:
            opts = settings.options_for(rule)
            user = {**settings.options.get(rule.code, {}), **settings.options.get(rule.name, {})}
            if user and rule.options_schema:
                import jsonschema

                try:
                    jsonschema.validate(opts, rule.options_schema)
                except jsonschema.ValidationError as exc:
                    where = "/".join(map(str, exc.absolute_path)) or "(options)"
                    raise SettingsError(f"options of rule {rule.code} ({rule.name}): {where}: {exc.message}") from None
            self._validated_options[key] = opts
        return self._validated_options[key]

    def lint_path(self, path: Path, settings: Settings | None = None) -> FileResult:
        """One file: ``settings`` (default: from the configuration) -> document -> diagnostics.
        A worker process can be handed the path and its (picklable) settings."""
        settings = settings or self.settings_for(path)
        return self.lint_document(self.load(path, settings), settings)

    def load(self, path: Path, settings: Settings | None = None) -> docmod.Document:
        """The document of ``path``: not read when a symbolic link takes it out of its
        repository (LNK002 reports it), nor when it is not a regular file (FILE005)."""
        settings = settings or self.settings_for(path)
        target = leaves_repository(path)
        if target is not None:
            return docmod.Document(display_path(path), abspath=Path(path), problem=docmod.FileProblem(
                "outside-repository", Span(1, 1, 1, 2), {"target": target}))
        return docmod.load(path, display_path(path), max_bytes=settings.max_file_size)

    def source_text(self, path: str | Path) -> str | None:
        """The text of a file for showing its lines next to findings (``--show-source``), read
        as safely as for linting; None when it is not to be shown."""
        doc = self.load(Path(path))
        return None if doc.problem is not None else doc.text

    def fix_path(self, path: Path, unsafe: bool = False) -> tuple[FileResult, int]:
        """Lint, apply the fixes findings offer, and lint the fixed file again."""
        settings = self.settings_for(path)
        doc = self.load(path, settings)
        result = self.lint_document(doc, settings)
        if doc.problem is not None:
            return result, 0
        fixed = self._fix(path, doc, result.diagnostics, unsafe, result.notices)
        if fixed:
            result = self.lint_path(path)
        return result, fixed

    def _fix(self, path: Path, doc: docmod.Document, diagnostics: list[Diagnostic], unsafe: bool,
             notices: list[str]) -> int:
        from .fixes import FixRefused, fix_file

        try:
            return fix_file(path, doc, diagnostics, unsafe=unsafe)
        except FixRefused as exc:
            notices.append(f"{doc.path}: {exc.en}")
        except OSError as exc:
            notices.append(f"{doc.path}: not fixed: {exc.strerror or exc}")
        return 0

    def lint_text(self, text: str | bytes, path: str) -> FileResult:
        """Lint ``text`` as if it were the file ``path`` (its configuration, profile and relative
        links are those of ``path``)."""
        doc, settings = self.document_of(text, path)
        return self.lint_document(doc, settings)

    def document_of(self, text: str | bytes, path: str) -> tuple[docmod.Document, Settings]:
        """The document ``text`` makes as the file ``path``, and the settings of ``path``."""
        settings = self.settings_for(path)
        data = text.encode("utf-8") if isinstance(text, str) else text
        return docmod.decode(path, data, abspath=Path(path).resolve(), max_bytes=settings.max_file_size), settings

    def lint_in_repository(self, doc: docmod.Document, settings: Settings, others: Iterable[FileResult]) -> RunResult:
        """What a run over the whole repository says about one file: ``doc`` (e.g. an editor's
        unsaved buffer, from :meth:`document_of`) replaces its file, ``others`` are the results
        of the repository's other files (:meth:`lint_path`). Document rules run on ``doc``,
        repository rules over it and ``others``, suppressions and the SUP rules on ``doc`` only;
        only findings about ``doc`` are returned. ``others`` are not changed, and errors are
        those of this call only (the linter can serve many calls)."""
        mark = len(self.errors)
        result = self.lint_document(doc, settings)
        diags = list(result.diagnostics)
        diags.extend(self.run_repository_rules([result, *others], only=result.path))
        diags.sort(key=Diagnostic.sort_key)
        errors = self.errors[mark:] + result.errors
        del self.errors[mark:]
        return RunResult(diags, 1, errors, waived=sorted(result.waived, key=Diagnostic.sort_key),
                         paths=[result.path])

    def lint_document(self, doc: docmod.Document, settings: Settings | None = None) -> FileResult:
        settings = settings or self.settings
        result = FileResult(doc.path)
        result.settings = settings
        enabled = self.enabled_for(settings)
        if doc.problem is None:
            resolve_edition(doc, self.profiles_for(settings), settings)
            from .publication import report_identity

            result.facts = report_identity(doc, doc.edition.profile_id if doc.edition is not None else None)
        rules = self.registry.rules
        for code in enabled:
            rule = rules[code]
            if rule.scope == "suppressions":
                continue  # they run after the suppressions are applied (run_repository_rules)
            if doc.problem is not None and not rule.checks_input:
                continue
            if rule.requires_profile and doc.edition is None:
                continue
            options = self.options(rule, settings)
            try:
                if rule.scope == "repository":
                    data = rule.collect(doc, doc.edition, options)
                    if data is not None:
                        result.collected[code] = self._collected(rule, doc.path, data, result)
                    continue
                findings = rule.check(doc, doc.edition, options)
                if findings:  # None or an empty list: nothing to cap (a generator is looked at in _capped)
                    result.diagnostics.extend(self._capped(rule, ((doc.path, f) for f in findings), settings))
            except SettingsError:
                raise
            except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the run
                result.errors.append(f"rule {rule.code} ({rule.name}) failed on {doc.path}: "
                                     f"{type(exc).__name__}: {exc}")
        if doc.problem is None:
            self._suppress(doc, result, enabled)
        return result

    @staticmethod
    def _collected(rule: Rule, path: str, data: Any, result: FileResult) -> Any:
        """What a repository rule collected, as JSON would give it back (tuples become lists),
        whether or not it comes from the cache. Data that is not plain is handed over as it is,
        and the file's result is then not cached."""
        from .resultdata import NotPlain, plain

        try:
            return plain(data)
        except NotPlain as exc:
            result.not_cached = (f"{path}: not cached: rule {rule.code} collected data that is not plain "
                                 f"JSON-able data ({exc})")
            return data

    def _suppress(self, doc: docmod.Document, result: FileResult, enabled: list[str]) -> None:
        """Rules -> suppressions and waivers: parse the file's directives, drop what they cover."""
        from .suppressions import parse

        try:
            sup = parse(doc, self.registry, today=self.today, enabled=frozenset(enabled))
        except Exception as exc:  # noqa: BLE001
            result.errors.append(f"suppression comments of {doc.path} could not be read: {type(exc).__name__}: {exc}")
            return
        if not sup:
            return
        result.suppressions = sup
        result.diagnostics, waived = sup.apply(result.diagnostics)
        result.waived.extend(waived)

    def _capped(self, rule: Rule, found: Iterable[tuple[str, Finding]], settings: Settings | None,
                by_path: dict[str, FileResult] | None = None,
                others: dict[str, Settings] | None = None) -> list[Diagnostic]:
        """Diagnostics of ``(path, finding)`` pairs, at most :data:`MAX_FINDINGS_PER_RULE` per
        file; the rest are counted in one more finding. A hostile file (a table of 50,000
        repeated rows) must not make 50,000 findings, each a line of output and memory.
        ``others``: the settings of paths that are no file of the run (configuration files)."""
        out: list[Diagnostic] = []
        counts: dict[str, int] = {}
        first_over: dict[str, Finding] = {}
        for path, f in found:
            n = counts.get(path, 0) + 1
            counts[path] = n
            if n <= MAX_FINDINGS_PER_RULE:
                target = by_path.get(path) if by_path is not None else None
                out.append(self._diagnostic(rule, path, f, settings if by_path is None else
                                            target.settings if target else (others or {}).get(path)))
            elif n == MAX_FINDINGS_PER_RULE + 1:
                first_over[path] = f
        for path, f in first_over.items():
            more = counts[path] - MAX_FINDINGS_PER_RULE
            target = by_path.get(path) if by_path is not None else None
            note = Finding(f.span, Message(
                f"{more:,} more {rule.code} findings in this file are not listed (at most "
                f"{MAX_FINDINGS_PER_RULE:,} per rule and file)",
                f"此文件中另有 {more:,} 个 {rule.code} 问题未列出（每个文件每条规则最多列出 {MAX_FINDINGS_PER_RULE:,} 个）"),
                f.severity)
            out.append(self._diagnostic(rule, path, note, settings if by_path is None else
                                        target.settings if target else (others or {}).get(path)))
        return out

    def _diagnostic(self, rule: Rule, path: str, f: Finding, settings: Settings | None = None) -> Diagnostic:
        settings = settings or self.settings
        severity = settings.severity_of(rule, self.registry)
        if f.severity is not None and not any(rule.code in self.registry.match(s) for s in settings.severity):
            severity = f.severity
        s = f.span
        fix = f.fix
        if fix is not None and (len(fix.description.en) > MAX_MESSAGE or len(fix.description.zh) > MAX_MESSAGE):
            fix = replace(fix, description=shorten_message(fix.description))
        return Diagnostic(path, s.line, s.column, s.end_line, s.end_column, rule.code, rule.name,
                          severity, shorten_message(f.message), fix, shorten_data(f.data))

    def run_repository_rules(self, results: list[FileResult], only: str | None = None,
                             context: Any = None) -> list[Diagnostic]:
        """Repository rules over every file's collected data, then suppressions and waivers on
        their findings, then the rules about the suppression comments of each file. ``only``: keep
        the findings about that file (display path) and leave the other results untouched.
        ``context`` (a :class:`reportlint.repository.RepositoryContext`) is handed to the rules
        that ask for it; their findings may sit in a configuration file (no suppression applies
        there)."""
        from .repository import RepositoryContext

        context = context or RepositoryContext()
        out = []
        by_path = {r.path: r for r in results}
        manifest_settings = {m.path: m.settings for m in context.manifests if m.settings is not None}
        # the repository rules some file was linted with (not the defaults: a --select'ed run
        # neither runs nor imports the others)
        settings = {id(s): s for s in (r.settings or self.settings for r in results)} if results else {
            id(self.settings): self.settings}
        enabled = {c for s in settings.values() for c in self.enabled_for(s)}
        codes = sorted({c for r in results for c in r.collected} | {
            c for c in enabled if self.registry.rules[c].scope == "repository"} | {
            c for s in manifest_settings.values() for c in self.enabled_for(s)
            if self.registry.rules[c].scope == "repository" and self.registry.rules[c].uses_context})
        for code in codes:
            rule = self.registry.rules[code]
            if rule.scope != "repository":
                continue
            items = [(r.path, r.collected[code]) for r in results if code in r.collected]
            first = next((r.settings for r in results if code in r.collected and r.settings), None)
            try:
                if rule.uses_context:
                    ctx = context.for_rule(code, lambda st, c: c in self.enabled_for(st))
                    first = first or next((m.settings for m in ctx.manifests if m.settings is not None), None)
                    found = rule.check_repository(items, self.options(rule, first), ctx) or ()
                else:
                    found = rule.check_repository(items, self.options(rule, first)) or ()
                out.extend(self._capped(rule, found, None, by_path, manifest_settings))
            except Exception as exc:  # noqa: BLE001
                self.errors.append(f"rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc}")
        if only is not None:
            out = [d for d in out if d.path == only]
            results = [r for r in results if r.path == only]
        final = []
        per_file: dict[str, list[Diagnostic]] = {}
        for d in out:
            target = by_path.get(d.path)
            if target is not None and target.suppressions:
                per_file.setdefault(d.path, []).append(d)
            else:
                final.append(d)
        for path, diags in per_file.items():  # one pass per file, not one per finding
            target = by_path[path]
            kept, waived = target.suppressions.apply(diags)
            target.waived.extend(waived)
            final.extend(kept)
        for r in results:
            final.extend(self._suppression_rules(r))
        return final

    def _suppression_rules(self, result: FileResult) -> list[Diagnostic]:
        sup = result.suppressions
        if not sup:
            return []
        settings = result.settings or self.settings
        out = []
        for code in self.enabled_for(settings):
            rule = self.registry.rules[code]
            if rule.scope != "suppressions":
                continue
            try:
                for f in rule.check(sup, self.options(rule, settings)) or ():
                    out.append(self._diagnostic(rule, result.path, f, settings))
            except Exception as exc:  # noqa: BLE001
                self.errors.append(f"rule {rule.code} ({rule.name}) failed on {result.path}: "
                                   f"{type(exc).__name__}: {exc}")
        kept, _ = sup.apply(out, suppression_rules=True)
        return kept

    def run(self, paths: Iterable[str], *, fix: bool = False, unsafe_fixes: bool = False, jobs: int = 1,
            cache: Any = None) -> RunResult:
        """Lint files and folders. ``jobs`` > 1 lints in that many worker processes; ``cache`` (a
        :class:`reportlint.cache.ResultCache`) skips files whose result is known. Neither changes
        the result."""
        from . import files

        files.forget()  # a long-lived process may see links change between runs
        with one_working_folder():
            return self._run(paths, fix, unsafe_fixes, jobs, cache)

    def _run(self, paths: Iterable[str], fix: bool, unsafe_fixes: bool, jobs: int, cache: Any) -> RunResult:
        files = collect_files(paths)
        excluded = 0
        if self.resolver is not None:
            kept_files = [f for f in files if not self.resolver.is_excluded(f)]
            excluded = len(files) - len(kept_files)
            files = kept_files
        if fix:
            results = []
            fixed = 0
            for f in files:
                res, n = self.fix_path(f, unsafe_fixes)
                results.append(res)
                fixed += n
            fixed += self._fix_repository_findings(files, results, unsafe_fixes)
            return self.finish(results, fixed=fixed, excluded=excluded,
                               context=self.repository_context(paths, results))
        settings = [self.settings_for(f) for f in files]
        return self._finish_cached(lambda c: self._lint_files(files, settings, jobs, c), cache, excluded, paths)

    def run_text(self, text: str | bytes, path: str, cache: Any = None) -> RunResult:
        """:meth:`lint_text` and :meth:`finish`, with the result cache (an editor sending an
        unchanged buffer, a hook run on a staged file)."""
        settings = self.settings_for(path)
        data = text.encode("utf-8") if isinstance(text, str) else text

        def lint(c):
            key = self._cache_key(c, Path(path), settings, data) if c is not None else None
            return self._cached_results([(key, path, settings)], c, lambda todo: [self.lint_text(data, path) for _ in todo])

        return self._finish_cached(lint, cache, 0)

    def repository_context(self, paths: Iterable[str], results: list[FileResult]) -> Any:
        """The ``[repository]`` tables of the configurations in play (those of the linted files
        and of the folders named), each marked complete when a folder named on the command line
        contains its configuration's folder (every report there was seen)."""
        from .repository import RepositoryContext, under

        reports = [dict(r.facts, path=r.path) for r in results if r.facts]
        if self.resolver is None:
            return RepositoryContext([], reports)
        folders = [real_path(p) for p in paths if os.path.isdir(p)]
        configs: dict[int, Any] = {}
        for target in [p for p in paths if os.path.isdir(p)] + [r.path for r in results]:
            cfg = self.resolver.config_for(target)
            if getattr(cfg, "repository", None) is not None:
                configs.setdefault(id(cfg), cfg)
        manifests = []
        for cfg in configs.values():
            m = cfg.repository
            manifests.append(replace(
                m, path=display_path(Path(cfg.source.path)),
                complete=any(under(d, m.folder) for d in folders),
                paths=frozenset(r.path for r in results if under(m.folder, real_path(r.path))),
                settings=self.resolver.settings_for(cfg.source.path)))
        manifests.sort(key=lambda m: m.path)
        return RepositoryContext(manifests, reports)

    def finish(self, results: list[FileResult], *, fixed: int = 0, excluded: int = 0,
               context: Any = None) -> RunResult:
        diags = [d for r in results for d in r.diagnostics]
        diags.extend(self.run_repository_rules(results, context=context))
        diags.sort(key=Diagnostic.sort_key)
        waived = sorted((d for r in results for d in r.waived), key=Diagnostic.sort_key)
        errors = self.errors + [e for r in results for e in r.errors]
        reports = [dict(r.facts, path=r.path) for r in results if r.facts]
        return RunResult(diags, len(results), errors, fixed, waived=waived, excluded=excluded,
                         paths=[r.path for r in results], notices=[n for r in results for n in r.notices],
                         reports=reports, context=context)

    def _fix_repository_findings(self, files: list[Path], results: list[FileResult], unsafe: bool) -> int:
        """Apply the fixes repository rules offer (e.g. a link's letter case) and lint the fixed
        files again; :meth:`finish` then runs the repository rules on the new results."""
        saved = [list(r.waived) for r in results], len(self.errors)
        repo = self.run_repository_rules(results)  # a trial run: undo what it records
        for r, waived in zip(results, saved[0]):
            r.waived[:] = waived
        del self.errors[saved[1]:]
        wanted = [d for d in repo if d.fix is not None and (unsafe or d.fix.applicability == "safe")]
        fixed = 0
        for i, f in enumerate(files):
            mine = [d for d in wanted if d.path == results[i].path]
            if not mine:
                continue
            doc = self.load(f)
            if doc.problem is not None:
                continue
            n = self._fix(f, doc, mine, unsafe, results[i].notices)
            if n:
                fixed += n
                results[i] = self.lint_path(f)
        return fixed
