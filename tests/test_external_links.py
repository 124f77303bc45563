"""Checking web links online (LNK009, ``--check-external``) against a real HTTP server on
127.0.0.1. Loopback is explicitly allowed in these tests; everything else about the safety
rules is as in production."""
import json
import os
import socket
import subprocess
import sys
import time

import pytest

from linkserver import LinkServer
from reportlint import urlcheck
from reportlint.urlcheck import CheckOptions, address_allowed, check_urls, parse_max_age

LOOPBACK = ("127.0.0.0/8",)


@pytest.fixture
def server():
    with LinkServer() as s:
        yield s


def opts(tmp_path, **kw):
    base = dict(allow_networks=LOOPBACK, timeout=0.5, backoff=0.1, max_retry_wait=5,
                cache_dir=str(tmp_path / "cache"))
    base.update(kw)
    return CheckOptions(**base)


def _stored_links(folder):
    """The web-link entries of the cache database in ``folder`` (plain JSON data)."""
    import sqlite3

    from reportlint.cache import decode

    with sqlite3.connect(folder / "reportlint.sqlite3") as db:
        return [decode(v) for (v,) in db.execute("SELECT value FROM entries WHERE kind='link'")]


def test_statuses_redirects_and_fallbacks(server, tmp_path):
    paths = ["/ok", "/missing", "/gone", "/forbidden", "/error", "/r3", "/to-missing", "/loop", "/no-head"]
    res = check_urls([server.url(p) for p in paths], opts(tmp_path, max_redirects=5))
    got = {p: (res[server.url(p)].status, res[server.url(p)].error) for p in paths}
    assert got["/ok"] == (200, "")
    assert got["/missing"] == (404, "")
    assert got["/gone"] == (410, "")
    assert got["/forbidden"] == (403, "")
    assert got["/error"] == (500, "")
    assert got["/r3"] == (200, "") and res[server.url("/r3")].redirects == 3
    assert res[server.url("/r3")].final_url == server.url("/ok")
    assert got["/to-missing"] == (404, "")
    assert got["/loop"][1] == "redirects"
    assert got["/no-head"] == (200, "")  # HEAD 405, then GET
    methods = [m for m, p, _ in server.requests if p == "/no-head"]
    assert methods == ["HEAD", "GET"]


def test_redirect_limit(server, tmp_path):
    res = check_urls([server.url("/r4")], opts(tmp_path, max_redirects=2))[server.url("/r4")]
    assert res.error == "redirects" and "more than 2 redirects" in res.detail


def test_retry_after_is_honoured(server, tmp_path):
    start = time.monotonic()
    res = check_urls([server.url("/limited"), server.url("/busy")], opts(tmp_path))
    assert res[server.url("/limited")].status == 200
    assert res[server.url("/busy")].status == 200
    assert time.monotonic() - start >= 0.9  # waited for Retry-After: 1
    assert server.hits("/limited") == 2 and server.hits("/busy") == 2


def test_retries_give_up_and_long_retry_after_is_not_waited_for(server, tmp_path):
    start = time.monotonic()
    res = check_urls([server.url("/always-429"), server.url("/429-long")], opts(tmp_path, retries=1))
    assert res[server.url("/always-429")].status == 429
    assert server.hits("/always-429") == 2  # one try, one retry; no GET on 429
    assert res[server.url("/429-long")].status == 429 and "3600" in res[server.url("/429-long")].detail
    assert server.hits("/429-long") == 1
    assert time.monotonic() - start < 3


def test_slow_responses_time_out(server, tmp_path):
    start = time.monotonic()
    res = check_urls([server.url("/slow"), server.url("/drip")], opts(tmp_path, timeout=0.5))
    assert res[server.url("/slow")].error == "timeout"
    assert res[server.url("/drip")].error == "timeout"
    assert time.monotonic() - start < 1.9


def test_bytes_read_are_capped(server, tmp_path):
    res = check_urls([server.url("/huge-headers")], opts(tmp_path, max_bytes=4096))
    assert res[server.url("/huge-headers")].error == "too-large"


def test_per_host_limit(server, tmp_path):
    urls = [server.url(f"/slowish?{i}") for i in range(8)]
    check_urls(urls, opts(tmp_path, max_concurrency=8, max_per_host=2))
    assert server.max_active <= 2
    assert sum(1 for _, p, _ in server.requests if p.startswith("/slowish")) == 8


def test_no_cookies_or_credentials(server, tmp_path):
    url = f"http://user:secret@127.0.0.1:{server.port}/ok?again"
    check_urls([server.url("/ok"), url], opts(tmp_path, cache_dir=None))
    assert len(server.requests) == 2
    for _, _, headers in server.requests:
        lowered = {k.lower() for k in headers}
        assert "cookie" not in lowered and "authorization" not in lowered


def test_cache_avoids_the_network_and_skips_transient_statuses(server, tmp_path):
    urls = [server.url(p) for p in ("/ok", "/missing", "/error", "/always-429")]
    o = opts(tmp_path, retries=0)
    first = check_urls(urls, o)
    assert not any(r.cached for r in first.values())
    before = dict(server.counts)
    second = check_urls(urls, o)
    assert second[server.url("/ok")].cached and second[server.url("/ok")].status == 200
    assert second[server.url("/missing")].cached and second[server.url("/missing")].status == 404
    assert server.hits("/ok") == before["/ok"] and server.hits("/missing") == before["/missing"]
    # 5xx and 429 are asked again
    assert not second[server.url("/error")].cached and server.hits("/error") > before["/error"]
    assert not second[server.url("/always-429")].cached
    stored = _stored_links(tmp_path / "cache")
    assert sorted(e["status"] for e in stored) == [200, 404]
    assert all(set(e) == {"status", "final_url", "redirects", "checked_at"} for e in stored)
    # an expired entry is checked again
    third = check_urls(urls[:1], opts(tmp_path, cache_max_age=0))
    assert not third[server.url("/ok")].cached


def test_loopback_is_refused_unless_allowed(server, tmp_path):
    res = check_urls([server.url("/ok")], opts(tmp_path, allow_networks=()))[server.url("/ok")]
    assert res.error == "refused-address"
    assert server.requests == []


def test_redirects_to_private_or_metadata_addresses_are_refused(server, tmp_path):
    res = check_urls([server.url("/to-private"), server.url("/to-metadata")], opts(tmp_path))
    assert res[server.url("/to-private")].error == "refused-address"
    assert res[server.url("/to-metadata")].error == "refused-address"


def test_hostname_resolving_to_a_private_address_is_refused(monkeypatch, tmp_path):
    def fake_resolve(host, port):
        return {"intranet.example": ["10.1.2.3"], "mixed.example": ["93.184.216.34", "192.168.0.7"],
                "metadata.google.internal": ["169.254.169.254"]}[host]

    def no_connection(*a, **k):
        raise AssertionError("a refused host must never be connected to")

    monkeypatch.setattr(urlcheck, "resolve_host", fake_resolve)
    monkeypatch.setattr(socket, "create_connection", no_connection)
    urls = ["http://intranet.example/a", "https://mixed.example/", "http://metadata.google.internal/computeMetadata/v1/"]
    res = check_urls(urls, CheckOptions(cache_dir=None))
    assert {u: res[u].error for u in urls} == dict.fromkeys(urls, "refused-address")
    assert res[urls[0]].detail == "10.1.2.3"


@pytest.mark.parametrize("address, allowed", [
    ("93.184.216.34", True), ("2606:2800:220:1:248:1893:25c8:1946", True),
    ("127.0.0.1", False), ("::1", False), ("10.0.0.1", False), ("172.16.5.4", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.100.100.200", False), ("fd00:ec2::254", False), ("fe80::1%eth0", False),
    ("::ffff:127.0.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False), ("255.255.255.255", False),
])
def test_address_policy(address, allowed):
    assert address_allowed(address) is allowed


def test_allowed_networks():
    import ipaddress

    assert address_allowed("10.1.2.3", [ipaddress.ip_network("10.0.0.0/8")])
    assert not address_allowed("10.1.2.3", [ipaddress.ip_network("192.168.0.0/16")])


def test_exclusions(server, tmp_path):
    res = check_urls([server.url("/missing"), server.url("/ok")], opts(tmp_path, exclude=(r"/missing$",)))
    assert set(res) == {server.url("/ok")} and server.hits("/missing") == 0


def test_max_age_strings():
    assert parse_max_age(90) == 90 and parse_max_age("30m") == 1800 and parse_max_age("7d") == 7 * 86400
    with pytest.raises(ValueError):
        parse_max_age("soon")


# --------------------------------------------------------------------------- the CLI


def run_cli(args, tmp_path, env=None):
    e = dict(os.environ)
    e.pop("CI", None)
    e["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    e.pop("REPORTLINT_CACHE_DIR", None)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "reportlint", "check", *args], capture_output=True, text=True,
                          env=e, cwd=tmp_path, timeout=60)


def report(tmp_path, server):
    p = tmp_path / "report.md"
    p.write_text(
        "# 报告\n\n"
        f"[门户]({server.url('/ok')}) [失效]({server.url('/missing')})\n"
        f"网址为{server.url('/r2')} 与 <{server.url('/slow')}>\n"
        f"![图]({server.url('/error')}) [锚点]({server.url('/ok')}#一)\n", encoding="utf-8")
    return p


def config(tmp_path, **options):
    """A .reportlint.toml next to the report with LNK009 options (loopback allowed)."""
    opts = {"allow-networks": ["127.0.0.0/8"], "timeout": 0.5, **options}
    body = "\n".join(f"{k} = {json.dumps(v)}" for k, v in opts.items())
    (tmp_path / ".reportlint.toml").write_text(f"[options.LNK009]\n{body}\n", encoding="utf-8")


def test_cli_check_external(server, tmp_path):
    report(tmp_path, server)
    config(tmp_path)
    proc = run_cli(["--check-external", "--select", "LNK", "--format", "json", "report.md"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    found = {(d["line"], d["column"], d["code"], d["severity"]) for d in json.loads(proc.stdout)}
    lines = (tmp_path / "report.md").read_text(encoding="utf-8").split("\n")

    def at(line, path):
        return line, lines[line - 1].index(server.url(path)) + 1

    assert found == {(*at(3, "/missing"), "LNK009", "error"), (*at(4, "/slow"), "LNK009", "warning"),
                     (*at(5, "/error"), "LNK009", "warning")}
    msgs = {d["line"]: d["message"] for d in json.loads(proc.stdout)}
    assert "HTTP 404" in msgs[3] and "no answer in time" in msgs[4] and "HTTP 500" in msgs[5]
    assert "checking links" not in proc.stderr  # no progress bar when stderr is not a terminal
    # the cache went to the user's cache folder ($XDG_CACHE_HOME here): a second run asks nothing
    assert len(_stored_links(tmp_path / "xdg" / "reportlint")) == 3  # /ok, /missing, /r2
    before = len(server.requests)
    again = run_cli(["--check-external", "--select", "LNK009", "--format", "json", "report.md"], tmp_path)
    assert again.returncode == 1
    asked = [p for _, p, _ in server.requests[before:]]
    assert "/ok" not in asked and "/missing" not in asked and "/r2" not in asked
    assert "/error" in asked  # 5xx are not cached


def test_cached_results_follow_the_policy_and_never_serve_no_cache(server, tmp_path):
    """A cached answer is keyed by everything it depends on: after allow-networks changes it is
    not served, and --no-cache neither reads nor writes it."""
    (tmp_path / "r.md").write_text(f"# r\n\n[门户]({server.url('/ok')})\n", encoding="utf-8")
    args = ["--check-external", "--select", "LNK009", "--format", "json", "r.md"]

    def asked():
        return sum(1 for _, p, _ in server.requests if p == "/ok")

    config(tmp_path)
    assert json.loads(run_cli(args, tmp_path).stdout) == [] and asked() == 1
    assert json.loads(run_cli(args, tmp_path).stdout) == [] and asked() == 1  # from the cache
    config(tmp_path, **{"allow-networks": []})  # loopback no longer allowed: the cached 200 must not count
    refused = json.loads(run_cli(args, tmp_path).stdout)
    assert [d["data"]["error"] for d in refused] == ["refused-address"] and asked() == 1
    config(tmp_path, **{"max-redirects": 1})  # another limit: asked again
    assert json.loads(run_cli(args, tmp_path).stdout) == [] and asked() == 2
    config(tmp_path)
    assert json.loads(run_cli(args, tmp_path).stdout) == [] and asked() == 2  # the first policy's answer
    assert json.loads(run_cli(["--no-cache", *args], tmp_path).stdout) == [] and asked() == 3
    cache = tmp_path / "xdg" / "reportlint" / "reportlint.sqlite3"
    stamp = cache.stat().st_mtime_ns
    env = {"REPORTLINT_NO_CACHE": "1"}
    assert json.loads(run_cli(args, tmp_path, env=env).stdout) == [] and asked() == 4
    assert cache.stat().st_mtime_ns == stamp


def test_cli_without_check_external_stays_offline(server, tmp_path):
    report(tmp_path, server)
    config(tmp_path)
    proc = run_cli(["--select", "LNK", "report.md"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert server.requests == []
    warned = run_cli(["--select", "LNK009", "report.md"], tmp_path)
    assert "runs only with --check-external" in warned.stderr and server.requests == []


def test_cli_refuses_a_name_resolving_to_loopback(server, tmp_path):
    (tmp_path / "r.md").write_text(f"# r\n\n[本机](http://localhost:{server.port}/ok)\n", encoding="utf-8")
    proc = run_cli(["--check-external", "--select", "LNK009", "r.md"], tmp_path)
    assert "LNK009" in proc.stdout and "was not checked" in proc.stdout, proc.stdout + proc.stderr
    assert proc.returncode == 0  # a warning
    assert server.requests == []


def test_cli_progress_when_asked(server, tmp_path):
    report(tmp_path, server)
    config(tmp_path, cache=False)
    proc = run_cli(["--check-external", "--select", "LNK009", "--progress", "always", "report.md"], tmp_path)
    assert "checking links" in proc.stderr
    quiet = run_cli(["--check-external", "--select", "LNK009", "report.md"], tmp_path, env={"CI": "true"})
    assert "checking links" not in quiet.stderr


def test_cli_invalid_option_is_a_configuration_error(tmp_path):
    (tmp_path / "r.md").write_text("# r\n", encoding="utf-8")
    config(tmp_path, timeout=-1)
    proc = run_cli(["--check-external", "--select", "LNK009", "r.md"], tmp_path)
    assert proc.returncode == 2 and "timeout" in proc.stderr, proc.stderr


def test_readme_links_snippet_configures_the_check(server, tmp_path):
    """The README's LNK009/LNK008 configuration, used for real (loopback allowed, short timeout)."""
    from clihelp import snippet

    text = snippet("links-config")
    assert "[tool.reportlint.options.broken-external-link]" in text
    text = text.replace("allow-networks = []", 'allow-networks = ["127.0.0.0/8"]').replace("timeout = 10", "timeout = 0.5")
    text = text.replace("require-https = false", "require-https = true")
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    (tmp_path / "r.md").write_text(
        f"# r\n\n[a]({server.url('/forbidden')}) [b]({server.url('/missing')})\n", encoding="utf-8")
    proc = run_cli(["--check-external", "--select", "LNK", "--format", "json", "r.md"], tmp_path)
    found = sorted((d["code"], d["severity"], d["data"].get("status") if d["code"] == "LNK009" else None)
                   for d in json.loads(proc.stdout))
    # 403 is accepted by accept-status; 404 is an error; both http:// links break the https policy
    assert found == [("LNK008", "warning", None), ("LNK008", "warning", None), ("LNK009", "error", 404)], proc.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_cli_progress_bar_in_a_terminal(server, tmp_path):
    """--progress auto (the default): a bar on stderr when it is a terminal, outside CI."""
    import pty

    report(tmp_path, server)
    config(tmp_path, cache=False)
    master, slave = pty.openpty()
    env = dict(os.environ)
    env.pop("CI", None)
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    proc = subprocess.Popen([sys.executable, "-m", "reportlint", "check", "--check-external", "--select", "LNK009",
                             "report.md"], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(master)
    text = out.decode("utf-8", "replace")
    assert "checking links [" in text and "5/5" in text, text
