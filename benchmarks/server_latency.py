"""How long after a keystroke does ``reportlint server`` send new diagnostics?

Usage::

    python benchmarks/server_latency.py [--count 200] [--changes 30] [--debounce 300] [--json FILE]

Generates a repository of ``--count`` realistic reports (about 8 KB each, see generate.py), starts
the real server over stdio with pygls's client, opens one report and then changes it
``--changes`` times, alternating between two texts whose findings differ (a section title
variant, SEC006), so that every change yields a new ``publishDiagnostics``. It prints:

- *after the debounce*: the time from the ``didChange`` notification to the diagnostics, minus
  the debounce (the target is 0.3 s or less): the lint of the buffer, the repository rules over
  the buffer and the other reports, and the protocol;
- *pull*: a ``textDocument/diagnostic`` request for a changed buffer (no debounce), the same work;
- *first diagnostics*: from ``didOpen`` of the first report to its diagnostics (server start
  excluded), and until the server has read every other report of the repository (in the
  background, with progress; changes are timed after that).

Needs the ``server`` extra. Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402


def _peak_mb(pid: int) -> float | None:
    """The server process's peak resident memory (Linux: /proc), in MB."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


async def measure(repo: Path, count: int, changes: int, debounce_ms: int) -> dict:
    from lsprotocol import types as T
    from pygls.lsp.client import LanguageClient
    from pygls.uris import from_fs_path

    client = LanguageClient("bench", "1")
    got: dict[str, list[tuple[float, int, int]]] = {}
    event = asyncio.Event()

    progress: list[str] = []

    @client.feature(T.WINDOW_WORK_DONE_PROGRESS_CREATE)
    def create_progress(params):
        return None

    @client.feature(T.PROGRESS)
    def on_progress(params):
        progress.append(params.value["kind"])

    @client.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(params: T.PublishDiagnosticsParams) -> None:
        got.setdefault(params.uri, []).append((time.perf_counter(), params.version or 0, len(params.diagnostics)))
        event.set()

    async def wait(u: str, n: int) -> tuple[float, int, int]:
        while len(got.get(u, [])) <= n:
            event.clear()
            await asyncio.wait_for(event.wait(), 60)
        return got[u][n]

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "reportlint", "server", cwd=str(repo), env=env)
    caps = T.ClientCapabilities(
        window=T.WindowClientCapabilities(work_done_progress=True),
        text_document=T.TextDocumentClientCapabilities(
            publish_diagnostics=T.PublishDiagnosticsClientCapabilities(version_support=True)))
    await client.initialize_async(T.InitializeParams(
        process_id=os.getpid(), root_uri=from_fs_path(str(repo)), capabilities=caps,
        workspace_folders=[T.WorkspaceFolder(uri=from_fs_path(str(repo)), name="bench")],
        initialization_options={"debounce": debounce_ms, "lang": "en"}))
    client.initialized(T.InitializedParams())
    init_s = time.perf_counter() - started

    files = sorted(repo.rglob("*.md"))
    path = files[len(files) // 2]
    text = path.read_text(encoding="utf-8")
    variant = text.replace("## 五、存在的主要问题及改进情况", "## 五、政府信息公开工作存在的主要问题及改进情况", 1)
    if variant == text:
        variant = text.replace("## 五、", "## 五、（变体）", 1)
    u = from_fs_path(str(path))
    t0 = time.perf_counter()
    client.text_document_did_open(T.DidOpenTextDocumentParams(
        T.TextDocumentItem(uri=u, language_id="markdown", version=1, text=text)))
    first = (await wait(u, 0))[0] - t0
    # let the server finish reading the other reports (it shows progress when that takes a while)
    t0 = time.perf_counter()
    await asyncio.sleep(1.0)
    while progress and progress[-1] != "end":
        await asyncio.sleep(0.1)
    indexed = time.perf_counter() - t0
    await asyncio.sleep(0.5)

    after_debounce = []
    current = text
    for i in range(changes):
        current = variant if current == text else text
        n = len(got.get(u, []))
        t0 = time.perf_counter()
        client.text_document_did_change(T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=u, version=i + 2),
            content_changes=[T.TextDocumentContentChangeWholeDocument(text=current)]))
        at, version, _ = await wait(u, n)
        assert version == i + 2, (version, i + 2)
        after_debounce.append(at - t0 - debounce_ms / 1000)

    # pull: the same work answered to a request, no debounce (a second client capability set
    # is not needed: the request is served whatever the client declared)
    pulls = []
    for i in range(changes):
        current = variant if current == text else text
        client.text_document_did_change(T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=u, version=changes + i + 2),
            content_changes=[T.TextDocumentContentChangeWholeDocument(text=current)]))
        t0 = time.perf_counter()
        await client.text_document_diagnostic_async(T.DocumentDiagnosticParams(
            text_document=T.TextDocumentIdentifier(u)))
        pulls.append(time.perf_counter() - t0)

    peak_mb = _peak_mb(client._server.pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    size = len(text.encode("utf-8"))
    return {"reports_in_repository": count, "report_bytes": size, "debounce_ms": debounce_ms,
            "server_start_s": init_s, "first_diagnostics_s": first, "peak_mb": peak_mb,
            "all_reports_read_s": first + indexed if progress else first,
            "after_debounce_s": {"median": statistics.median(after_debounce), "p90": percentile(after_debounce, 0.9),
                                 "max": max(after_debounce)},
            "pull_s": {"median": statistics.median(pulls), "p90": percentile(pulls, 0.9), "max": max(pulls)}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200, help="reports in the repository (default: 200)")
    ap.add_argument("--changes", type=int, default=30, help="changes to time (default: 30)")
    ap.add_argument("--debounce", type=int, default=300, help="the server's debounce in ms (default: 300)")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args()
    try:
        import pygls  # noqa: F401
    except ImportError:
        print("server_latency.py needs the server extra: pip install -e '.[server]'", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="reportlint-latency-") as tmp:
        repo = Path(tmp)
        (repo / ".git").mkdir()
        generate(args.count, repo / "reports", seed=1)
        result = asyncio.run(measure(repo, args.count, args.changes, args.debounce))
    ad, pl = result["after_debounce_s"], result["pull_s"]
    print(f"repository: {result['reports_in_repository']} reports; the edited report: {result['report_bytes']} bytes")
    print(f"server start (initialize answered): {result['server_start_s']:.2f} s; "
          f"first diagnostics after didOpen: {result['first_diagnostics_s']:.2f} s; "
          f"every other report read: {result['all_reports_read_s']:.1f} s")
    print(f"change -> diagnostics, after the {args.debounce} ms debounce: median {ad['median'] * 1000:.0f} ms, "
          f"p90 {ad['p90'] * 1000:.0f} ms, max {ad['max'] * 1000:.0f} ms (target: <= 300 ms)")
    print(f"pull (textDocument/diagnostic after a change): median {pl['median'] * 1000:.0f} ms, "
          f"p90 {pl['p90'] * 1000:.0f} ms, max {pl['max'] * 1000:.0f} ms")
    if result["peak_mb"] is not None:
        print(f"server peak RSS: {result['peak_mb']:.0f} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
