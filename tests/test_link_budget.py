"""External links under hostile servers: the whole check has a time budget, and a redirect
refused for its target names that target (real HTTP server on 127.0.0.1, as in
test_external_links.py)."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from linkserver import LinkServer
from reportlint.urlcheck import CheckOptions, check_urls


@pytest.fixture
def server():
    with LinkServer() as s:
        yield s


def opts(**kw):
    base = dict(allow_networks=("127.0.0.0/8",), timeout=5, backoff=0.1, retries=5, max_retry_wait=30,
                cache_dir=None)
    base.update(kw)
    return CheckOptions(**base)


def test_the_whole_check_stops_at_its_time_budget(server):
    # 16 links answering 429 with Retry-After, retried 5 times, and slow answers: without a
    # budget this takes well over 10 s
    urls = [server.url(f"/always-429?{i}") for i in range(16)] + [server.url(f"/slow?{i}") for i in range(4)]
    start = time.monotonic()
    res = check_urls(urls, opts(max_total_time=1.5, max_concurrency=8))
    took = time.monotonic() - start
    assert took < 4, took
    assert all(u in res for u in urls)
    budget = [u for u in urls if res[u].error == "budget"]
    assert budget and all("ran out" in res[u].detail for u in budget)
    assert not any(res[u].error == "timeout" for u in urls if "/slow" in u)  # out of time, not a slow server


def test_a_generous_budget_changes_nothing(server):
    res = check_urls([server.url("/ok"), server.url("/missing"), server.url("/limited")], opts(max_total_time=60))
    assert [res[server.url(p)].status for p in ("/ok", "/missing", "/limited")] == [200, 404, 200]


def _cli(tmp_path, server, links, **options):
    (tmp_path / "r.md").write_text("# r\n\n" + "\n\n".join(f"[链接]({server.url(p)})" for p in links) + "\n",
                                   encoding="utf-8")
    opts = {"allow-networks": ["127.0.0.0/8"], "cache": False, **options}
    body = "\n".join(f"{k} = {json.dumps(v)}" for k, v in opts.items())
    (tmp_path / ".reportlint.toml").write_text(f"[options.LNK009]\n{body}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "--check-external", "--select", "LNK009",
                           "--format", "json", "--no-cache", "r.md"], cwd=tmp_path, capture_output=True, timeout=60)
    assert "Traceback" not in proc.stderr.decode(), proc.stderr.decode()
    return proc.returncode, json.loads(proc.stdout)


def test_cli_reports_links_left_unchecked_when_the_budget_runs_out(server, tmp_path):
    start = time.monotonic()
    code, data = _cli(tmp_path, server, [f"/always-429?{i}" for i in range(6)], **{
        "max-total-time": 1, "retries": 5, "max-concurrency": 2})
    assert time.monotonic() - start < 10
    assert code == 0  # warnings
    assert data and all(d["severity"] == "warning" for d in data)
    assert any("was not checked" in d["messages"]["en"] and "max-total-time" in d["messages"]["en"] for d in data)


def test_cli_names_the_redirect_target_that_was_refused(server, tmp_path):
    code, data = _cli(tmp_path, server, ["/to-private"])
    (d,) = data
    assert "http://10.11.12.13/admin" in d["messages"]["en"] and "10.11.12.13" in d["messages"]["zh"]
    assert "redirects to" in d["messages"]["en"]
