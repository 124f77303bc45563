"""What the language server lints, without the protocol: an editor buffer, as the file it is,
within its repository.

A buffer's findings are those ``reportlint check`` gives for that file when the whole repository
is checked with the buffer's text in place of the file: the configuration of the file's path,
document rules on the text, repository rules (links to other reports, last year's report) over
the buffer and the other reports *on disk*. The other reports' results are kept in a
:class:`RepositoryIndex` (one per repository: the git work tree holding the file, else the
editor's workspace folder) and relinted only when their files change.

Everything here runs on one thread (the engine's caches are not thread-safe); the protocol layer
(:mod:`reportlint.server.lsp`) hands work to that thread.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Iterable

from ..config import CONFIG_NAMES, CommandLine, ConfigError, Resolver
from ..diagnostics import Diagnostic
from ..engine import MARKDOWN_SUFFIXES, FileResult, Linter, display_path, forget_files, real_path
from ..profile import ProfileError
from ..records import Record
from ..registry import Registry, load_registry
from ..settings import Settings, SettingsError

SCAN_INTERVAL = 2.0  # seconds: how old the list of a repository's files may get before a lint looks again
FIRST_BUDGET = 1.0  # seconds a repository's first lint may spend on its other reports before answering
STEP_BUDGET = 0.05  # seconds a later lint may spend on changed reports before answering
MAX_FILES = 5000  # a repository with more reports is not indexed (the cross-file rules see none of them)
MAX_FOLDERS = 20000  # … nor one with more folders


class Options(Record):
    """What the user chose (``reportlint server`` flags, then the client's initializationOptions)."""

    lang: str
    lang_given: bool  # --lang was given (it wins over the client's locale)
    debounce: float  # seconds
    docs_url: str
    config: str | None
    isolated: bool
    select: list[str] | None
    extend_select: list[str]
    ignore: list[str]
    max_files: int

    def __init__(
            self, lang: str = "en", lang_given: bool = False, debounce: float = 0.3,
            docs_url: str = "https://git.example.org/tools/reportlint/blob/main/docs/rules.md#{anchor}",
            config: str | None = None, isolated: bool = False, select: list[str] | None = None,
            extend_select: list[str] | None = None, ignore: list[str] | None = None,
            max_files: int = MAX_FILES) -> None:
        self.lang = lang
        self.lang_given = lang_given
        self.debounce = debounce
        self.docs_url = docs_url
        self.config = config
        self.isolated = isolated
        self.select = select
        self.extend_select = [] if extend_select is None else extend_select
        self.ignore = [] if ignore is None else ignore
        self.max_files = max_files


class Outcome(Record):
    """The result of linting one buffer."""

    path: str  # the file's absolute path
    diagnostics: list[Diagnostic]
    doc: Any  # the Document (for hover and code actions); None when not linted
    errors: list[str]  # rules that crashed on this buffer
    problem: str | None  # why the buffer could not be checked (configuration, profile, internal)
    config_problems: list[tuple[str, int, int, str]]  # (file, line, col, message)
    excluded: bool  # the configuration excludes the file
    complete: bool  # every other report of the repository was taken into account
    root: str | None

    def __init__(
            self, path: str, diagnostics: list[Diagnostic] | None = None, doc: Any = None,
            errors: list[str] | None = None, problem: str | None = None,
            config_problems: list[tuple[str, int, int, str]] | None = None, excluded: bool = False,
            complete: bool = True, root: str | None = None) -> None:
        self.path = path
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.doc = doc
        self.errors = [] if errors is None else errors
        self.problem = problem
        self.config_problems = [] if config_problems is None else config_problems
        self.excluded = excluded
        self.complete = complete
        self.root = root


class _Entry(Record):
    stat: tuple[int, int]
    result: FileResult

    def __init__(self, stat: tuple[int, int], result: FileResult) -> None:
        self.stat = stat
        self.result = result


class RepositoryIndex:
    """The other reports of one repository and their per-file results (the data repository
    rules collected), relinted when a file's size or modification time changes."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.entries: dict[str, _Entry] = {}  # real path -> entry
        self.pending: dict[str, Path] = {}  # real path -> path: new or changed, not linted yet
        self.scanned_at = 0.0
        self.too_many = False
        self.excluded: dict[str, bool] = {}  # path -> excluded by the configuration (kept until it changes)

    @property
    def complete(self) -> bool:
        return not self.pending

    def scan(self, resolver: Resolver, max_files: int) -> None:
        """Look at the repository's Markdown files (as ``reportlint check ROOT`` collects them)."""
        self.scanned_at = time.monotonic()
        seen: dict[str, tuple[str, tuple[int, int]]] = {}
        self.too_many = False
        for folder, real_folder, names in _markdown_files(self.root):
            if folder is None or len(seen) > max_files:
                self.too_many = True
                break
            for name in names:
                f = os.path.join(folder, name)
                try:
                    excluded = self.excluded.get(f)
                    if excluded is None:
                        excluded = self.excluded[f] = bool(resolver.is_excluded(Path(f)))
                    if excluded:
                        continue
                    st = os.stat(f)
                except (OSError, SettingsError):
                    continue
                real = os.path.realpath(f) if os.path.islink(f) else os.path.join(real_folder, name)
                seen.setdefault(real, (f, (st.st_mtime_ns, st.st_size)))
        if self.too_many or len(seen) > max_files:  # looked at again only when the editor reports a changed file
            self.too_many = True
            self.entries.clear()
            self.pending.clear()
            self.scanned_at = float("inf")
            return
        for real in list(self.entries):
            if real not in seen:
                del self.entries[real]
        self.pending = {real: Path(f) for real, (f, st) in seen.items()
                        if real not in self.entries or self.entries[real].stat != st}

    def forget(self, paths: Iterable[str]) -> None:
        """These files changed: look at them again on the next lint."""
        for p in paths:
            self.entries.pop(real_path(p), None)
        self.scanned_at = 0.0

    def step(self, linter: Linter, budget: float) -> bool:
        """Lint pending reports for about ``budget`` seconds; True when none is left."""
        deadline = time.monotonic() + budget
        had = len(self.pending)
        while self.pending and time.monotonic() < deadline:
            real, f = next(iter(self.pending.items()))
            del self.pending[real]
            try:
                st = f.stat()
                result = linter.lint_path(f)
            except OSError:
                continue
            except (SettingsError, ProfileError):
                continue  # the file's configuration is broken: its own lint says so
            self.entries[real] = _Entry((st.st_mtime_ns, st.st_size), result)
        if had > 100 and not self.pending:
            import gc

            # the results live as long as the server: keep the collector from scanning them
            # again and again (a full collection over thousands of results takes a keystroke's time)
            gc.collect()
            gc.freeze()
        return not self.pending

    def results(self, without: str) -> list[FileResult]:
        """The other reports' results (``without``: the real path of the buffer's file)."""
        return [e.result for real, e in self.entries.items() if real != without]


def _markdown_files(root: str):
    """(folder, its real path, Markdown file names) under ``root``: what ``reportlint check ROOT``
    collects (hidden folders and files skipped), read without building a Path per file. After
    ``MAX_FOLDERS`` folders it yields ``(None, None, [])``: not a repository of reports (an editor
    opened on a home folder)."""
    for n, (folder, dirs, files) in enumerate(os.walk(root)):
        if n >= MAX_FOLDERS:
            yield None, None, []
            return
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        names = sorted(n for n in files if n.lower().endswith(MARKDOWN_SUFFIXES) and not n.startswith("."))
        if names:
            yield folder, os.path.realpath(folder), names


def repository_root(path: str, folders: list[str]) -> str:
    """The repository a file belongs to: its git work tree, else the workspace folder holding
    it, else its own folder."""
    cur = os.path.dirname(path)
    while True:
        if os.path.exists(os.path.join(cur, ".git")):
            return cur
        parent = os.path.dirname(cur)
        if parent == cur:
            break
        cur = parent
    holding = [f for f in folders if inside(path, f)]
    return max(holding, key=len) if holding else os.path.dirname(path)


def inside(path: str, folder: str) -> bool:
    """Is ``path`` ``folder`` or below it?"""
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:
        return False


def is_report(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def is_config(path: str) -> bool:
    return os.path.basename(path) in CONFIG_NAMES


class Session:
    """Lints buffers for the language server; one per server process."""

    def __init__(self, options: Options, folders: Iterable[str] = (), registry: Registry | None = None) -> None:
        self.options = options
        self.folders = [os.path.realpath(f) for f in folders]
        self.registry = registry or load_registry()
        self.indexes: dict[str, RepositoryIndex] = {}
        self._profile_files: set[str] = set()  # profile files named by the configurations in use
        self._stamps: dict[str, tuple] = {}  # a buffer's path -> its configuration stamp
        self._settings_used: dict[str, Settings] = {}  # a buffer's path -> its settings when last linted
        self._setup_problems: list[tuple[str, int, int, str]] = []
        self.resolver: Resolver | None = None
        self.linter: Linter | None = None
        self.setup_error: str | None = None
        self._build()

    # ------------------------------------------------------------------ configuration

    def _build(self) -> None:
        """(Re)create the resolver and the linter: at start, when a configuration or profile
        file changes, and when the date changes (waivers expire)."""
        from ..suppressions import today

        o = self.options
        self.setup_error = None
        try:
            cli = CommandLine(select=o.select, extend_select=list(o.extend_select), ignore=list(o.ignore))
            self.resolver = Resolver(self.registry, config_file=o.config, isolated=o.isolated, cli=cli)
            self.linter = Linter(registry=self.registry, resolver=self.resolver, today=today())
        except ConfigError as exc:  # --config FILE is broken
            self.resolver = self.linter = None
            self.setup_error = "the configuration has errors"
            self._setup_problems = list(exc.problems)
        except (SettingsError, ProfileError) as exc:  # a selector naming no rule, a bad REPORTLINT_TODAY
            self.resolver = self.linter = None
            self.setup_error = str(exc)
            self._setup_problems = []
        self.indexes.clear()

    def rule_errors(self) -> list[str]:
        """Plugins that did not load (said once, when the server starts)."""
        return list(self.registry.errors)

    # ------------------------------------------------------------------ linting

    def index_for(self, path: str) -> RepositoryIndex:
        root = repository_root(path, self.folders)
        index = self.indexes.get(root)
        if index is None:
            index = self.indexes[root] = RepositoryIndex(root)
        return index

    def lint(self, path: str, text: str) -> Outcome:
        """Lint ``text`` as the file ``path`` (absolute) within its repository."""
        path = os.path.abspath(path)
        out = Outcome(path)
        try:
            self._new_day()
            _forget_link_targets()  # files may have appeared or gone since the last lint
            root = repository_root(path, self.folders)
            stamp = self._config_stamp(path, root, self._settings_used.get(path))
            if self._stamps.get(path, stamp) != stamp:
                self._build()
            self._stamps[path] = stamp
            if self.linter is None:
                out.problem = self.setup_error
                out.config_problems = list(self._setup_problems)
                return out
            linter, resolver = self.linter, self.resolver
            if resolver.is_excluded(Path(path)):
                out.excluded = True
                return out
            index = self.index_for(path)
            out.root = index.root
            first = index.scanned_at == 0.0 and not index.entries
            if time.monotonic() - index.scanned_at > SCAN_INTERVAL:
                index.scan(resolver, self.options.max_files)
            out.complete = index.step(linter, FIRST_BUDGET if first else STEP_BUDGET)
            doc, settings = linter.document_of(text, display_path(Path(path)))
            self._settings_used[path] = settings
            self._profile_files.update(os.path.abspath(p) for p in settings.profile_paths)
            run = linter.lint_in_repository(doc, settings, index.results(real_path(path)))
            out.doc, out.diagnostics, out.errors = doc, run.diagnostics, run.errors
        except ConfigError as exc:
            out.problem = "the configuration has errors"
            out.config_problems = list(exc.problems)
        except (SettingsError, ProfileError) as exc:
            out.problem = str(exc)
        return out

    def closed(self, path: str) -> None:
        path = os.path.abspath(path)
        self._stamps.pop(path, None)
        self._settings_used.pop(path, None)

    def index_step(self, budget: float) -> list[str]:
        """Lint pending reports of every repository for about ``budget`` seconds; returns the roots
        whose index became complete in this step."""
        done = []
        if self.linter is None:
            return done
        for root, index in self.indexes.items():
            if index.complete:
                continue
            try:
                if index.step(self.linter, budget):
                    done.append(root)
            except (ConfigError, SettingsError, ProfileError):
                index.pending.clear()
            break  # one repository per step: a lint waiting for its turn goes first
        return done

    def pending(self) -> int:
        """Reports of the repositories not read yet."""
        return sum(len(i.pending) for i in self.indexes.values())

    def busy(self) -> bool:
        return any(not i.complete for i in self.indexes.values())

    def _new_day(self) -> None:
        from ..suppressions import today

        if self.linter is not None and today() != self.linter.today:
            self.linter = Linter(registry=self.registry, resolver=self.resolver, today=today())

    # ------------------------------------------------------------------ files that changed on disk

    def files_changed(self, paths: Iterable[str], open_paths: Iterable[str]) -> set[str]:
        """Files changed, appeared or disappeared on disk. Returns the open documents (of
        ``open_paths``) to lint again: those under a configuration file that changed, every one
        when a profile file changed, and those in the repository of a report that changed."""
        forget_files()
        open_paths = [os.path.abspath(p) for p in open_paths]
        again: set[str] = set()
        rebuild = False
        for p in map(os.path.abspath, paths):
            if is_config(p):
                rebuild = True
                again.update(o for o in open_paths if inside(o, os.path.dirname(p)))
            elif any(p == f or inside(p, f) for f in self._profile_files):  # a profile file or folder
                rebuild = True
                again.update(open_paths)
            elif is_report(p):
                for root, index in self.indexes.items():
                    if inside(p, root):
                        index.forget([p])
                        again.update(o for o in open_paths if o != p and inside(o, root))
        if rebuild:
            self._build()
        return again

    def _config_stamp(self, path: str, root: str, settings: Settings | None) -> tuple:
        """What the configuration of ``path`` is read from: the configuration files that exist
        in its folder and the folders above it up to the repository root, and its profile files
        (size and time of each). A change rebuilds the configuration even when the editor does
        not report file changes."""
        out = []
        folder = os.path.dirname(path)
        while True:
            for name in CONFIG_NAMES:
                out.append(_stat(os.path.join(folder, name)))
            parent = os.path.dirname(folder)
            if folder == root or parent == folder or not inside(folder, root):
                break
            folder = parent
        if self.options.config:
            out.append(_stat(os.path.abspath(self.options.config)))
        for p in (settings.profile_paths if settings is not None else ()):
            p = os.path.abspath(p)
            out.append(_stat(p))
            if os.path.isdir(p):  # a folder of profiles: each file in it
                try:
                    out.extend(_stat(os.path.join(p, n)) for n in sorted(os.listdir(p)) if n.endswith((".yaml", ".yml")))
                except OSError:
                    pass
        return tuple(out)


def _forget_link_targets() -> None:
    """Folder listings and link targets are read again (only the buffer's links are resolved
    on each lint: cheap); real paths are kept until files are reported changed."""
    import sys

    links = sys.modules.get(f"{__package__.rpartition('.')[0]}.links")
    if links is not None:
        links.forget_files()


def _stat(path: str) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (path, st.st_mtime_ns, st.st_size)


