"""A language client for tests: starts the real ``reportlint server`` process and talks to it over
stdio with pygls's client, as an editor would."""
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types as T
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

TIMEOUT = 30.0


class Client(LanguageClient):
    """pygls's client plus what the tests look at: every diagnostic notification, messages, and
    the server's stderr in a file (a pipe nobody reads could fill up and stall the server)."""

    def __init__(self) -> None:
        super().__init__("reportlint-tests", "1")
        self.diagnostics: dict[str, list[tuple[float, T.PublishDiagnosticsParams]]] = {}
        self.messages: list[T.ShowMessageParams] = []
        self.refreshes = 0
        self.registrations: list[T.Registration] = []
        self.changed = asyncio.Event()

        @self.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: T.PublishDiagnosticsParams) -> None:
            loop = asyncio.get_running_loop()
            self.diagnostics.setdefault(params.uri, []).append((loop.time(), params))
            self.changed.set()

        @self.feature(T.WINDOW_SHOW_MESSAGE)
        def show(params: T.ShowMessageParams) -> None:
            self.messages.append(params)
            self.changed.set()

        @self.feature(T.WINDOW_LOG_MESSAGE)
        def log_message(params: T.LogMessageParams) -> None:
            pass

        @self.feature(T.WORKSPACE_DIAGNOSTIC_REFRESH)
        def refresh(params: None) -> None:
            self.refreshes += 1
            self.changed.set()

        self.progress: list[tuple[str, object]] = []

        @self.feature(T.WINDOW_WORK_DONE_PROGRESS_CREATE)
        def create_progress(params: T.WorkDoneProgressCreateParams) -> None:
            return None

        @self.feature(T.PROGRESS)
        def progress(params: T.ProgressParams) -> None:
            self.progress.append((params.token, params.value))
            self.changed.set()

        @self.feature(T.CLIENT_REGISTER_CAPABILITY)
        def register(params: T.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

    async def start(self, cwd: Path, stderr_path: Path, env: dict | None = None, args: tuple = ()) -> None:
        full_env = {k: v for k, v in os.environ.items() if k not in ("REPORTLINT_TODAY",)}
        full_env["LC_ALL"] = full_env["LANG"] = "C.UTF-8"
        full_env.update(env or {})
        self._stderr = open(stderr_path, "wb")
        server = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "reportlint", "server", *args, cwd=str(cwd), env=full_env,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=self._stderr)
        from pygls.io_ import run_async

        self.protocol.set_writer(server.stdin)
        self._server = server
        self._async_tasks.extend([
            asyncio.create_task(run_async(stop_event=self._stop_event, reader=server.stdout, protocol=self.protocol,
                                          logger=None, error_handler=self.report_server_error)),
            asyncio.create_task(self._server_exit()),
        ])

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = TIMEOUT) -> Any:
        """Wait until ``predicate()`` is true (it is tried after every notification)."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            value = predicate()
            if value:
                return value
            left = end - loop.time()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {getattr(predicate, '__name__', predicate)}")
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), min(left, 0.5))
            except asyncio.TimeoutError:
                pass

    def latest(self, uri: str) -> T.PublishDiagnosticsParams | None:
        got = self.diagnostics.get(uri)
        return got[-1][1] if got else None

    async def wait_diagnostics(self, uri: str, predicate: Callable[[list[T.Diagnostic]], bool] = lambda d: True,
                               after: int = 0, timeout: float = TIMEOUT) -> list[T.Diagnostic]:
        """The first diagnostics notification for ``uri`` (after the first ``after`` ones) that
        satisfies ``predicate``."""
        def found():
            for _, params in self.diagnostics.get(uri, [])[after:]:
                if predicate(list(params.diagnostics)):
                    return list(params.diagnostics) or [None]
            return None
        got = await self.wait_for(found, timeout)
        return [d for d in got if d is not None]

    def count(self, uri: str) -> int:
        return len(self.diagnostics.get(uri, []))

    async def close(self) -> None:
        try:
            await asyncio.wait_for(self.shutdown_async(None), 10)
            self.exit(None)
            await asyncio.wait_for(self._server.wait(), 10)
        finally:
            if self._server.returncode is None:
                self._server.kill()
                await self._server.wait()
            await self.stop()
            self._stderr.close()


def capabilities(*, pull: bool = False, watch: bool = True, encodings: list[str] | None = None,
                 document_changes: bool = True, progress: bool = False) -> T.ClientCapabilities:
    return T.ClientCapabilities(
        window=T.WindowClientCapabilities(work_done_progress=progress),
        general=T.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        text_document=T.TextDocumentClientCapabilities(
            diagnostic=T.DiagnosticClientCapabilities() if pull else None,
            hover=T.HoverClientCapabilities(content_format=[T.MarkupKind.Markdown, T.MarkupKind.PlainText]),
            code_action=T.CodeActionClientCapabilities(),
            publish_diagnostics=T.PublishDiagnosticsClientCapabilities(version_support=True),
        ),
        workspace=T.WorkspaceClientCapabilities(
            did_change_watched_files=T.DidChangeWatchedFilesClientCapabilities(dynamic_registration=watch),
            diagnostics=T.DiagnosticWorkspaceClientCapabilities(refresh_support=True) if pull else None,
            workspace_edit=T.WorkspaceEditClientCapabilities(document_changes=document_changes),
        ),
    )


async def start(root: Path, tmp: Path, *, init: dict | None = None, caps: T.ClientCapabilities | None = None,
                env: dict | None = None, args: tuple = (), locale: str | None = None) -> tuple[Client, T.InitializeResult]:
    client = Client()
    await client.start(root, tmp / "server-stderr.txt", env=env, args=args)
    result = await asyncio.wait_for(client.initialize_async(T.InitializeParams(
        process_id=os.getpid(), root_uri=from_fs_path(str(root)), capabilities=caps or capabilities(),
        workspace_folders=[T.WorkspaceFolder(uri=from_fs_path(str(root)), name="reports")],
        initialization_options=init or {"debounce": 50}, locale=locale)), TIMEOUT)
    client.initialized(T.InitializedParams())
    return client, result


def uri(path: Path) -> str:
    return from_fs_path(str(path))


def open_doc(client: Client, path: Path, text: str, version: int = 1) -> str:
    u = uri(path)
    client.text_document_did_open(T.DidOpenTextDocumentParams(
        T.TextDocumentItem(uri=u, language_id="markdown", version=version, text=text)))
    return u


def change_doc(client: Client, u: str, text: str, version: int) -> None:
    client.text_document_did_change(T.DidChangeTextDocumentParams(
        text_document=T.VersionedTextDocumentIdentifier(uri=u, version=version),
        content_changes=[T.TextDocumentContentChangeWholeDocument(text=text)]))


def apply_edits(text: str, edits: list[T.TextEdit], encoding: str = "utf-16") -> str:
    """Apply LSP text edits to ``text`` as an editor does (positions in ``encoding`` code units)."""
    lines = text.split("\n")

    def offset(pos: T.Position) -> int:
        before = sum(len(x) + 1 for x in lines[:pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        count = idx = 0
        for ch in line:
            if count >= pos.character:
                break
            count += _units(ch, encoding)
            idx += 1
        return before + idx

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for s, t, new in spans:
        text = text[:s] + new + text[t:]
    return text


def _units(ch: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(ch.encode("utf-8"))
    if encoding == "utf-16":
        return 2 if ord(ch) > 0xFFFF else 1
    return 1
