"""The engine: files → documents → rules → diagnostics.

The engine knows rules only through the registry and formatters not at all. Per file it builds
one :class:`~reportlint.document.Document`, resolves the profile edition the report must follow,
runs every enabled document rule, then repository rules run over what each document collected.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import document as docmod
from .diagnostics import Diagnostic, Finding
from .profile import ProfileRegistry
from .registry import Registry, Rule, load_registry
from .settings import Settings, SettingsError

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    collected: dict[str, Any] = field(default_factory=dict)  # rule code -> data for repository rules


@dataclass
class RunResult:
    diagnostics: list[Diagnostic]
    files: int
    errors: list[str] = field(default_factory=list)  # crashes and plugin problems (stderr)
    fixed: int = 0


# --------------------------------------------------------------------------- files


def display_path(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def collect_files(paths: Iterable[str]) -> list[Path]:
    """Expand directories into their Markdown files (hidden folders skipped); files named
    explicitly are always taken. A path that does not exist is a usage error."""
    out: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                        f = Path(root) / name
                        if f.resolve() not in seen:
                            seen.add(f.resolve())
                            out.append(f)
        elif path.exists():
            if path.resolve() not in seen:
                seen.add(path.resolve())
                out.append(path)
        else:
            raise SettingsError(f"{p}: no such file or directory")
    return out


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


class Linter:
    def __init__(self, settings: Settings | None = None, registry: Registry | None = None,
                 profiles: ProfileRegistry | None = None) -> None:
        self.settings = settings or Settings()
        self.registry = registry or load_registry()
        self.profiles = profiles or ProfileRegistry()
        self.errors: list[str] = list(self.registry.errors)
        self._enabled = sorted(self.settings.enabled(self.registry))
        self._validated_options: dict[str, dict] = {}

    # options are validated once per rule against the rule's JSON Schema
    def options(self, rule: Rule) -> dict[str, Any]:
        if rule.code not in self._validated_options:
            opts = self.settings.options_for(rule)
            user = {**self.settings.options.get(rule.code, {}), **self.settings.options.get(rule.name, {})}
            if user and rule.options_schema:
                import jsonschema

                try:
                    jsonschema.validate(opts, rule.options_schema)
                except jsonschema.ValidationError as exc:
                    where = "/".join(map(str, exc.absolute_path)) or "(options)"
                    raise SettingsError(f"options of rule {rule.code} ({rule.name}): {where}: {exc.message}") from None
            self._validated_options[rule.code] = opts
        return self._validated_options[rule.code]

    def lint_path(self, path: Path) -> FileResult:
        doc = docmod.load(path, display_path(path), max_bytes=self.settings.max_file_size)
        return self.lint_document(doc)

    def fix_path(self, path: Path, unsafe: bool = False) -> tuple[FileResult, int]:
        """Lint, apply the fixes findings offer, and lint the fixed file again."""
        from .fixes import fix_file

        doc = docmod.load(path, display_path(path), max_bytes=self.settings.max_file_size)
        result = self.lint_document(doc)
        if doc.problem is not None:
            return result, 0
        fixed = fix_file(path, doc.text, result.diagnostics, unsafe=unsafe, bom=doc.bom, newline=doc.newline)
        if fixed:
            result = self.lint_path(path)
        return result, fixed

    def lint_text(self, text: str | bytes, path: str) -> FileResult:
        data = text.encode("utf-8") if isinstance(text, str) else text
        doc = docmod.decode(path, data, abspath=Path(path).resolve(), max_bytes=self.settings.max_file_size)
        return self.lint_document(doc)

    def lint_document(self, doc: docmod.Document) -> FileResult:
        result = FileResult(doc.path)
        if doc.problem is None:
            resolve_edition(doc, self.profiles, self.settings)
        for code in self._enabled:
            rule = self.registry.rules[code]
            if doc.problem is not None and not rule.checks_input:
                continue
            if rule.requires_profile and doc.edition is None:
                continue
            options = self.options(rule)
            try:
                if rule.scope == "repository":
                    data = rule.collect(doc, doc.edition, options)
                    if data is not None:
                        result.collected[code] = data
                    continue
                findings = rule.check(doc, doc.edition, options) or ()
                for f in findings:
                    result.diagnostics.append(self._diagnostic(rule, doc.path, f))
            except SettingsError:
                raise
            except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the run
                self.errors.append(f"rule {rule.code} ({rule.name}) failed on {doc.path}: "
                                   f"{type(exc).__name__}: {exc}")
        return result

    def _diagnostic(self, rule: Rule, path: str, f: Finding) -> Diagnostic:
        severity = self.settings.severity_of(rule, self.registry)
        if f.severity is not None and not any(rule.code in self.registry.match(s) for s in self.settings.severity):
            severity = f.severity
        s = f.span
        return Diagnostic(path, s.line, s.column, s.end_line, s.end_column, rule.code, rule.name,
                          severity, f.message, f.fix, f.data)

    def run_repository_rules(self, results: list[FileResult]) -> list[Diagnostic]:
        out = []
        for code in self._enabled:
            rule = self.registry.rules[code]
            if rule.scope != "repository":
                continue
            items = [(r.path, r.collected[code]) for r in results if code in r.collected]
            try:
                for path, f in rule.check_repository(items, self.options(rule)) or ():
                    out.append(self._diagnostic(rule, path, f))
            except Exception as exc:  # noqa: BLE001
                self.errors.append(f"rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc}")
        return out

    def run(self, paths: Iterable[str], *, fix: bool = False, unsafe_fixes: bool = False) -> RunResult:
        files = collect_files(paths)
        fixed = 0
        if fix:
            results = []
            for f in files:
                res, n = self.fix_path(f, unsafe_fixes)
                results.append(res)
                fixed += n
        else:
            results = [self.lint_path(f) for f in files]
        diags = [d for r in results for d in r.diagnostics]
        diags.extend(self.run_repository_rules(results))
        diags.sort(key=Diagnostic.sort_key)
        return RunResult(diags, len(files), self.errors, fixed)
