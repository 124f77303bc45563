"""The Language Server Protocol side of ``reportlint server`` (pygls 2 and lsprotocol).

Documents are synchronised in full; each open Markdown document is linted by
:class:`~reportlint.server.session.Session` on one worker thread (the engine is not thread-safe),
so the event loop keeps reading messages while a report is linted.

- Diagnostics are pushed (``textDocument/publishDiagnostics``) on open, on change (after the
  debounce) and on save; a client that can pull them (``textDocument/diagnostic``) pulls them
  instead and is asked to pull again (``workspace/diagnostic/refresh``) when another file changes
  them.
- Code actions: each finding's fix, and the comments that disable its rule on its line or waive it.
- Hover: a finding's rule and explanation; a table cell's table, row, column and relations.
- ``workspace/didChangeWatchedFiles`` (registered dynamically when the client can) and saving
  another document relint the open documents that depend on the file.

Nothing a document, a configuration or a rule does takes the server down: a crashed rule, a
broken configuration and an internal error each become a diagnostic (and a message).
"""
from __future__ import annotations

import asyncio
import functools
import logging
import os
import re
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..diagnostics import Diagnostic, Edit, Span
from ..records import Record
from . import features
from .positions import UTF16, Lines
from .session import Options, Outcome, Session, inside, is_report

log = logging.getLogger("reportlint.server")

SEVERITY = {"error": T.DiagnosticSeverity.Error, "warning": T.DiagnosticSeverity.Warning,
            "info": T.DiagnosticSeverity.Information}
FIX_ALL = "source.fixAll.reportlint"
INDEX_STEP = 0.05  # seconds of background indexing between two looks at the documents (a keystroke waits at most this)
PROGRESS_EVERY = 0.5  # seconds between two progress reports while indexing
PROGRESS_MIN = 20  # reports left to read for a progress report to be worth showing
_CRASH = re.compile(r"^rule (?P<code>\S+) \((?P<name>[^)]*)\) failed")


class Doc(Record):
    """An open document and what the server last found in it."""

    uri: str
    path: str
    text: str
    version: int | None
    language: str
    due: float | None  # loop time at which to lint it
    outcome: Outcome | None
    linted: Any  # (version, text) the outcome is for
    lines: Lines | None
    lsp: list[T.Diagnostic]
    pairs: list[tuple[Diagnostic, T.Diagnostic]]
    result_id: int
    published: Any  # what was last sent (to skip sending the same again)

    def __init__(
            self, uri: str, path: str, text: str, version: int | None, language: str = "markdown",
            due: float | None = None, outcome: Outcome | None = None, linted: Any = (),
            lines: Lines | None = None, lsp: list[T.Diagnostic] | None = None,
            pairs: list[tuple[Diagnostic, T.Diagnostic]] | None = None, result_id: int = 0,
            published: Any = None) -> None:
        self.uri = uri
        self.path = path
        self.text = text
        self.version = version
        self.language = language
        self.due = due
        self.outcome = outcome
        self.linted = linted
        self.lines = lines
        self.lsp = [] if lsp is None else lsp
        self.pairs = [] if pairs is None else pairs
        self.result_id = result_id
        self.published = published

    @property
    def current(self) -> bool:
        return self.outcome is not None and self.linted == (self.version, self.text)


class ReportlintServer(LanguageServer):
    def __init__(self, options: Options) -> None:
        super().__init__("reportlint", __version__, text_document_sync_kind=T.TextDocumentSyncKind.Full)
        self.options = options
        self.session: Session | None = None
        self.docs: dict[str, Doc] = {}
        self.encoding = UTF16
        self.pull = False
        self.refresh = False
        self.markdown = True
        self.document_changes = False
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="reportlint-lint")
        self.wake: asyncio.Event | None = None
        self.runner: asyncio.Task | None = None
        self.shown: set[str] = set()  # problems already shown in a message
        self.config_uris: dict[str, set[str]] = {}  # configuration file -> the open reports that find it broken
        self.option_problems: list[str] = []
        self.progress: list | None = None  # [token, reports to read, time of the last report]
        self.progress_ok = False  # the client shows work done progress

    # ------------------------------------------------------------------ plumbing

    async def call(self, fn, *args):
        """Run ``fn`` on the lint thread."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, functools.partial(fn, *args))

    def poke(self) -> None:
        if self.wake is not None:
            self.wake.set()

    def schedule(self, doc: Doc, delay: float = 0.0) -> None:
        self.start_runner()  # normally started on `initialized`
        doc.due = asyncio.get_running_loop().time() + delay
        self.poke()

    def start_runner(self) -> None:
        if self.runner is None:
            self.wake = asyncio.Event()
            self.runner = asyncio.get_running_loop().create_task(self.run_forever())

    async def run_forever(self) -> None:
        """Lint documents when they are due; between them, index the repositories' other reports."""
        loop = asyncio.get_running_loop()
        while True:
            try:
                now = loop.time()
                due = [d for d in self.docs.values() if d.due is not None and d.due <= now]
                if due:
                    doc = min(due, key=lambda d: d.due)
                    doc.due = None
                    await self.lint(doc)
                    continue
                if self.session is not None and self.session.busy():
                    await self.index_step()
                    continue
                self.progress_end()
                pending = [d.due for d in self.docs.values() if d.due is not None]
                self.wake.clear()
                timeout = max(0.0, min(pending) - loop.time()) if pending else None
                try:
                    await asyncio.wait_for(self.wake.wait(), timeout)
                except asyncio.TimeoutError:
                    pass
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - the loop must survive anything
                log.error("reportlint server: %s", traceback.format_exc())
                await asyncio.sleep(0.1)

    async def index_step(self) -> None:
        """Read more of the repositories' other reports; when a repository is done, lint its open
        reports again (their cross-report findings may change). Shows progress when it takes a while."""
        loop = asyncio.get_running_loop()
        left = self.session.pending()
        if self.progress is None and self.progress_ok and left >= PROGRESS_MIN:
            token = f"reportlint-index-{id(self)}-{int(loop.time() * 1000)}"
            try:
                await self.work_done_progress.create_async(token)
                self.progress = [token, left, 0.0]
                self.work_done_progress.begin(token, T.WorkDoneProgressBegin(
                    title="reportlint", message=f"reading {left} reports", percentage=0))
            except Exception as exc:  # noqa: BLE001 - no progress then
                log.warning("reportlint server: no progress report: %s", exc)
                self.progress_ok = False
        for root in await self.call(self.session.index_step, INDEX_STEP):
            for d in self.docs.values():  # the other reports are all known now
                if inside(d.path, root):
                    d.due = loop.time()
        if self.progress is not None and loop.time() - self.progress[2] > PROGRESS_EVERY:
            token, total, _ = self.progress
            left = self.session.pending()
            total = max(total, left)
            self.progress[1:] = [total, loop.time()]
            self.work_done_progress.report(token, T.WorkDoneProgressReport(
                message=f"{total - left} of {total} reports read", percentage=int(100 * (total - left) / total)))

    def progress_end(self) -> None:
        if self.progress is not None:
            self.work_done_progress.end(self.progress[0], T.WorkDoneProgressEnd(message="all reports read"))
            self.progress = None

    # ------------------------------------------------------------------ linting

    async def lint(self, doc: Doc, answer: bool = False) -> None:
        """Lint ``doc`` as it is now and send the result (push), or ask the client to pull it
        again (``answer``: the lint answers a request, which carries the result)."""
        version, text = doc.version, doc.text
        try:
            outcome = await self.call(self.session.lint, doc.path, text)
        except Exception as exc:  # noqa: BLE001
            outcome = Outcome(doc.path, problem=f"internal error: {type(exc).__name__}: {exc}")
            log.error("reportlint server: %s", traceback.format_exc())
        if self.docs.get(doc.uri) is not doc:
            return  # closed meanwhile
        doc.outcome, doc.linted, doc.lines = outcome, (version, text), Lines(text, self.encoding)
        pairs = self.convert(doc, outcome)
        lsp = [p[1] for p in pairs]
        changed = lsp != doc.lsp
        doc.pairs, doc.lsp = pairs, lsp
        if changed or doc.result_id == 0:
            doc.result_id += 1
        self.report_problems(doc, outcome)
        if (version, text) != (doc.version, doc.text):
            return  # changed meanwhile: the next lint sends
        if not self.pull:
            sent = (version, lsp)
            if sent != doc.published:
                doc.published = sent
                self.text_document_publish_diagnostics(
                    T.PublishDiagnosticsParams(uri=doc.uri, diagnostics=lsp, version=version))
        elif changed and self.refresh and not answer:
            self.workspace_diagnostic_refresh(None)

    async def current(self, doc: Doc) -> Doc:
        """``doc`` linted as it is now (hover, code actions and pulls answer about the text the
        client has)."""
        if not doc.current:
            doc.due = None
            await self.lint(doc, answer=True)
        return doc

    def convert(self, doc: Doc, outcome: Outcome) -> list[tuple[Diagnostic | None, T.Diagnostic]]:
        lines = doc.lines
        lang = self.options.lang
        out: list[tuple[Diagnostic | None, T.Diagnostic]] = []
        first_line = T.Range(T.Position(0, 0), T.Position(*lines.to_lsp(1, 1 << 30)))  # the whole first line
        if outcome.problem:
            out.append((None, T.Diagnostic(first_line, _problem_text(outcome), severity=T.DiagnosticSeverity.Error,
                                           source="reportlint", code="configuration")))
        for err in outcome.errors:
            m = _CRASH.match(err)
            out.append((None, T.Diagnostic(
                first_line, f"reportlint: {err} — this rule's findings are missing (please report this)",
                severity=T.DiagnosticSeverity.Warning, source="reportlint",
                code=m.group("code") if m else "internal-error")))
        for d in outcome.diagnostics:
            start, end = lines.to_lsp_range(d.line, d.column, d.end_line, d.end_column)
            href = self.doc_url(d)
            data = {"name": d.name}
            if d.fix is not None:
                data["fix"] = d.fix.applicability
            out.append((d, T.Diagnostic(
                T.Range(T.Position(*start), T.Position(*end)), d.message.get(lang), severity=SEVERITY[d.severity],
                code=d.code, code_description=T.CodeDescription(href=href) if href else None,
                source="reportlint", data=data)))
        return out

    def doc_url(self, d: Diagnostic) -> str | None:
        """The documentation of a built-in rule (docs/rules.md documents those only)."""
        rule = self.session.registry.rules.get(d.code) if self.session else None
        if rule is None or not rule.origin.startswith("reportlint.rules.") or not self.options.docs_url:
            return None
        return features.rule_doc_url(self.options.docs_url, d.code, d.name)

    def report_problems(self, doc: Doc, outcome: Outcome) -> None:
        """A broken configuration: diagnostics on the configuration file (until no open report
        finds it broken any more), and a message once."""
        by_uri: dict[str, list[T.Diagnostic]] = {}
        for path, line, col, msg in outcome.config_problems:
            uri = from_fs_path(os.path.abspath(path))
            pos = T.Position(max(line - 1, 0), max(col - 1, 0))
            by_uri.setdefault(uri, []).append(T.Diagnostic(T.Range(pos, pos), msg, severity=T.DiagnosticSeverity.Error,
                                                           source="reportlint", code="configuration"))
        for uri, reporters in list(self.config_uris.items()):
            reporters.discard(doc.uri)
            if not reporters and uri not in by_uri:  # fixed
                del self.config_uris[uri]
                self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        for uri, diags in by_uri.items():
            self.config_uris.setdefault(uri, set()).add(doc.uri)
            self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=diags))
        showing = {_problem_text(d.outcome) for d in self.docs.values() if d.outcome is not None and d.outcome.problem}
        self.shown &= showing
        if outcome.problem:
            text = _problem_text(outcome)
            if text not in self.shown:
                self.shown.add(text)
                self.window_show_message(T.ShowMessageParams(T.MessageType.Error, text))

    # ------------------------------------------------------------------ hover and code actions

    def hover_text(self, doc: Doc, line: int, column: int) -> str | None:
        lang = self.options.lang
        parts = []
        registry = self.session.registry
        for d in features.findings_at(doc.outcome.diagnostics, line, column):
            parts.append(features.finding_hover(d, registry.rules.get(d.code), lang, self.doc_url(d)))
        if doc.outcome.doc is not None:
            cell = features.cell_hover(doc.outcome.doc, line, column, lang)
            if cell:
                parts.append(cell)
        return "\n\n---\n\n".join(parts) if parts else None

    def code_actions(self, doc: Doc, params: T.CodeActionParams) -> list[T.CodeAction]:
        lang = self.options.lang
        lines, outcome = doc.lines, doc.outcome
        start = lines.from_lsp(params.range.start.line, params.range.start.character)
        end = lines.from_lsp(params.range.end.line, params.range.end.character)
        actions: list[T.CodeAction] = []
        seen: set[tuple] = set()
        today = self.session.linter.today if self.session.linter else None
        for d, ld in doc.pairs:
            if d is None or (d.end_line, d.end_column) < start or (d.line, d.column) > end:
                continue
            if d.fix is not None:
                safe = d.fix.applicability == "safe"
                title = d.fix.description.get(lang)
                if not safe:
                    title += features.tr(lang, " (unsafe: may change meaning)", "（不安全：可能改变含义）")
                actions.append(self.action(doc, title, T.CodeActionKind.QuickFix, list(d.fix.edits), ld, preferred=safe))
            if d.code.startswith("SUP"):
                continue  # about a suppression comment itself: fix the comment instead
            found = features.disable_action(outcome.doc, d, lang)
            if found and ("disable", found[1]) not in seen:
                seen.add(("disable", found[1]))
                actions.append(self.action(doc, found[0], T.CodeActionKind.QuickFix, [found[1]], ld))
            found = features.waiver_action(outcome.doc, d, lang, today) if today else None
            if found and ("waive", found[1]) not in seen:
                seen.add(("waive", found[1]))
                actions.append(self.action(doc, found[0], T.CodeActionKind.QuickFix, [found[1]], ld))
        fix_all = self.fix_all(doc)
        if fix_all is not None:
            actions.append(fix_all)
        only = params.context.only
        if only:
            actions = [a for a in actions if any(a.kind == k or a.kind.startswith(f"{k}.") for k in only)]
        return actions

    def action(self, doc: Doc, title: str, kind: str, edits: list[Edit], diag: T.Diagnostic | None,
               preferred: bool = False) -> T.CodeAction:
        newline = doc.outcome.doc.newline if doc.outcome.doc is not None else "\n"
        text_edits = []
        for e in edits:
            s, t = doc.lines.to_lsp_range(*e.span)
            text_edits.append(T.TextEdit(T.Range(T.Position(*s), T.Position(*t)), e.replacement.replace("\n", newline)))
        return T.CodeAction(title, kind=kind, diagnostics=[diag] if diag is not None else None,
                            is_preferred=preferred or None, edit=self.workspace_edit(doc, text_edits))

    def workspace_edit(self, doc: Doc, edits: list[T.TextEdit]) -> T.WorkspaceEdit:
        if self.document_changes:
            return T.WorkspaceEdit(document_changes=[T.TextDocumentEdit(
                T.OptionalVersionedTextDocumentIdentifier(doc.uri, doc.version), edits)])
        return T.WorkspaceEdit(changes={doc.uri: edits})

    def fix_all(self, doc: Doc) -> T.CodeAction | None:
        """Every safe fix at once (as ``reportlint check --fix`` applies them)."""
        from ..fixes import apply_edits

        rdoc = doc.outcome.doc
        edits = [e for d, _ in doc.pairs if d is not None and d.fix is not None and d.fix.applicability == "safe"
                 for e in d.fix.edits]
        if rdoc is None or not edits:
            return None
        new, _ = apply_edits(rdoc.text, edits)
        if new == rdoc.text:
            return None
        old = rdoc.text
        p = 0
        while p < min(len(old), len(new)) and old[p] == new[p]:
            p += 1
        q = 0
        while q < min(len(old), len(new)) - p and old[-1 - q] == new[-1 - q]:
            q += 1
        start, end = _line_col(old, p), _line_col(old, len(old) - q)
        edit = Edit(Span(*start, *end), new[p:len(new) - q])
        return self.action(doc, features.tr(self.options.lang, "Fix all safe problems (reportlint)",
                                            "修复全部可安全修复的问题（reportlint）"), FIX_ALL, [edit], None)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _problem_text(outcome: Outcome) -> str:
    text = f"reportlint could not check this file: {outcome.problem}"
    if outcome.config_problems:
        path, line, col, msg = outcome.config_problems[0]
        more = f" (and {len(outcome.config_problems) - 1} more)" if len(outcome.config_problems) > 1 else ""
        text += f" — {path}:{line}:{col}: {msg}{more}"
    return text


# --------------------------------------------------------------------------- features


def build_server(options: Options) -> ReportlintServer:
    server = ReportlintServer(options)

    @server.feature(T.INITIALIZE)
    def initialize(ls: ReportlintServer, params: T.InitializeParams) -> None:
        ls.option_problems = apply_init_options(ls.options, params.initialization_options, params.locale)
        caps = params.capabilities
        ls.encoding = str(ls.workspace.position_encoding or UTF16)
        td = caps.text_document
        ls.pull = td is not None and td.diagnostic is not None
        ws = caps.workspace
        ls.refresh = bool(ws and ws.diagnostics and ws.diagnostics.refresh_support)
        ls.document_changes = bool(ws and ws.workspace_edit and ws.workspace_edit.document_changes)
        ls.progress_ok = bool(caps.window and caps.window.work_done_progress)
        hover = td.hover if td is not None else None
        ls.markdown = not (hover and hover.content_format) or T.MarkupKind.Markdown in hover.content_format
        folders = [to_fs_path(f.uri) for f in params.workspace_folders or []]
        root = params.root_uri and to_fs_path(params.root_uri) or params.root_path
        if root and not folders:
            folders = [root]
        folders = [f for f in folders if f and os.path.isdir(f)]
        if folders:
            os.chdir(folders[0])  # paths in messages are relative to it, as in a check run there
        ls.session = Session(ls.options, folders)

    @server.feature(T.INITIALIZED)
    async def initialized(ls: ReportlintServer, params: T.InitializedParams) -> None:
        ls.start_runner()
        for err in ls.session.rule_errors():
            ls.window_show_message(T.ShowMessageParams(T.MessageType.Warning, f"reportlint: {err}"))
        for problem in ls.option_problems:
            ls.window_show_message(T.ShowMessageParams(T.MessageType.Warning, f"reportlint server: {problem}"))
        caps = ls.client_capabilities.workspace
        watch = caps and caps.did_change_watched_files and caps.did_change_watched_files.dynamic_registration
        if watch:
            globs = ["**/*.{md,markdown}", "**/{.reportlint.toml,.reportlint.yaml,.reportlint.yml,pyproject.toml}",
                     "**/*.{yaml,yml}"]
            reg = T.Registration(id="reportlint-watched-files", method=T.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                 register_options=T.DidChangeWatchedFilesRegistrationOptions(
                                     watchers=[T.FileSystemWatcher(glob_pattern=g) for g in globs]))
            try:
                await ls.client_register_capability_async(T.RegistrationParams(registrations=[reg]))
            except Exception as exc:  # noqa: BLE001 - the client said no: the periodic look suffices
                log.warning("reportlint server: file watchers not registered: %s", exc)

    def wanted(params_doc) -> bool:
        path = to_fs_path(params_doc.uri) or ""
        return getattr(params_doc, "language_id", "markdown") == "markdown" or is_report(path)

    @server.feature(T.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ReportlintServer, params: T.DidOpenTextDocumentParams) -> None:
        td = params.text_document
        if not wanted(td):
            return
        path = to_fs_path(td.uri) or os.path.join(os.getcwd(), "untitled.md")
        doc = ls.docs[td.uri] = Doc(td.uri, os.path.abspath(path), td.text, td.version, td.language_id)
        if not ls.pull:
            ls.schedule(doc)

    @server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ReportlintServer, params: T.DidChangeTextDocumentParams) -> None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            return
        doc.text = ls.workspace.get_text_document(doc.uri).source
        doc.version = params.text_document.version
        if not ls.pull:
            ls.schedule(doc, ls.options.debounce)

    @server.feature(T.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: ReportlintServer, params: T.DidSaveTextDocumentParams) -> None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            return
        if not ls.pull:
            ls.schedule(doc)
        await files_changed(ls, [doc.path])

    @server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: ReportlintServer, params: T.DidCloseTextDocumentParams) -> None:
        doc = ls.docs.pop(params.text_document.uri, None)
        if doc is None:
            return
        await ls.call(ls.session.closed, doc.path)
        ls.report_problems(doc, Outcome(doc.path))  # it no longer reports a broken configuration
        if not ls.pull:
            ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=doc.uri, diagnostics=[]))

    @server.feature(T.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched_files(ls: ReportlintServer, params: T.DidChangeWatchedFilesParams) -> None:
        await files_changed(ls, [p for p in (to_fs_path(c.uri) for c in params.changes) if p])

    async def files_changed(ls: ReportlintServer, paths: list[str]) -> None:
        again = await ls.call(ls.session.files_changed, paths, [d.path for d in ls.docs.values()])
        for d in ls.docs.values():
            if d.path in again:
                d.linted = ()  # stale: a pull lints it again too
                ls.schedule(d)

    @server.feature(T.TEXT_DOCUMENT_DIAGNOSTIC,
                    T.DiagnosticOptions(identifier="reportlint", inter_file_dependencies=True,
                                        workspace_diagnostics=False))
    async def diagnostic(ls: ReportlintServer, params: T.DocumentDiagnosticParams):
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            return T.RelatedFullDocumentDiagnosticReport(items=[])
        await ls.current(doc)
        rid = str(doc.result_id)
        if params.previous_result_id == rid:
            return T.RelatedUnchangedDocumentDiagnosticReport(result_id=rid)
        return T.RelatedFullDocumentDiagnosticReport(items=doc.lsp, result_id=rid)

    @server.feature(T.TEXT_DOCUMENT_HOVER)
    async def hover(ls: ReportlintServer, params: T.HoverParams):
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            return None
        await ls.current(doc)
        line, col = doc.lines.from_lsp(params.position.line, params.position.character)
        text = await ls.call(ls.hover_text, doc, line, col)
        if not text:
            return None
        kind = T.MarkupKind.Markdown if ls.markdown else T.MarkupKind.PlainText
        return T.Hover(contents=T.MarkupContent(kind=kind, value=text))

    @server.feature(T.TEXT_DOCUMENT_CODE_ACTION,
                    T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix, FIX_ALL]))
    async def code_action(ls: ReportlintServer, params: T.CodeActionParams):
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            return None
        await ls.current(doc)
        return await ls.call(ls.code_actions, doc, params) or None

    @server.feature(T.SHUTDOWN)
    def shutdown(ls: ReportlintServer, params: None) -> None:
        if ls.runner is not None:
            ls.runner.cancel()
        ls.executor.shutdown(wait=False, cancel_futures=True)

    return server


# initializationOptions: name -> (Options attribute, check of the value, what it must be)
INIT_OPTIONS = {
    "lang": ("lang", lambda v: v in ("zh", "en"), '"zh" or "en"'),
    "debounce": ("debounce", lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 60_000,
                 "milliseconds (0 to 60000)"),
    "docsUrl": ("docs_url", lambda v: isinstance(v, str), "a string"),
    "config": ("config", lambda v: isinstance(v, str), "a path"),
    "isolated": ("isolated", lambda v: isinstance(v, bool), "true or false"),
    "select": ("select", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), "a list of strings"),
    "extendSelect": ("extend_select", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
                     "a list of strings"),
    "ignore": ("ignore", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), "a list of strings"),
    "maxRepositoryFiles": ("max_files", lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
                           "a number of files"),
}


def apply_init_options(options: Options, init: Any, locale: str | None) -> list[str]:
    """The client's ``initializationOptions`` override the command line; the message language
    is, in this order: the ``lang`` option, ``--lang``, the client's locale, the environment's.
    Returns what was wrong with the options (each is ignored)."""
    problems = []
    if init is not None and not isinstance(init, dict):
        problems.append("initializationOptions must be an object")
    init = init if isinstance(init, dict) else {}
    for key, value in init.items():
        spec = INIT_OPTIONS.get(key)
        if spec is None:
            problems.append(f"unknown option {key!r} (known: {', '.join(INIT_OPTIONS)})")
        elif not spec[1](value):
            problems.append(f"option {key!r} must be {spec[2]}, not {value!r}")
        else:
            setattr(options, spec[0], value / 1000 if key == "debounce" else value)
    if "lang" not in init and not options.lang_given and locale:
        options.lang = "zh" if locale.lower().startswith("zh") else "en"
    return problems


def serve(options: Options) -> int:
    import sys

    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must never corrupt the protocol stream
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(message)s")
    server = build_server(options)
    server.start_io(sys.stdin.buffer, out)
    return 0
