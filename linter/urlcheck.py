"""Checking web links over the network, safely (``reportlint check --check-external``).

Meant for CI jobs that may run on untrusted pull requests, so:

- every host is resolved first and the connection goes to the address that was checked (no
  second lookup an attacker could rebind); loopback, private, link-local (cloud metadata
  ``169.254.169.254``), shared (``100.64/10``), multicast and reserved addresses are refused —
  after DNS resolution, not only for literal IPs, and again for every redirect — unless a
  network is explicitly allowed;
- no cookies, no credentials (user:password in a URL is dropped), no proxy, no ``.netrc``;
- at most ``max_bytes`` are read per response, and at most ``timeout`` seconds are spent on one
  request (connect and response; DNS resolution uses the system resolver's own timeout);
- only ``http`` and ``https``, redirects followed up to ``max_redirects``;
- the whole check ends after ``max_total_time`` seconds, whatever servers do (slow answers,
  ``Retry-After``): links not checked by then are reported as not checked (error ``budget``).

Requests: ``HEAD``, then ``GET`` when the server rejects ``HEAD`` or answers it with an error;
``429`` and ``503`` are retried up to ``retries`` times, waiting ``Retry-After`` (seconds or an
HTTP date) or an exponential backoff, never longer than ``max_retry_wait``. A global limit and
a per-host limit bound concurrency; URLs are queued round-robin by host so one slow site does
not hold the others back.

Results with a definite HTTP answer (status and time) are cached in the user's cache folder
for ``cache_max_age`` seconds, keyed by the URL and every option that changes the verdict
(allowed networks, accepted statuses, limits, user agent, reportlint version); 429, 5xx and
network errors are never cached, so a second CI run does not touch the network for links
already known. ``--no-cache`` neither reads nor writes them.

Only the standard library is used: ``http.client`` gives the control over connection
addresses, redirects and bytes read that this needs, which a higher-level client would hide.
"""
from __future__ import annotations

import io
import json
import os
import re
import threading
import time
from typing import Iterable

from . import __version__
from .records import Record

REDIRECTS = (301, 302, 303, 307, 308)
RETRY_STATUSES = (429, 503)


class CheckOptions(Record):
    timeout: float
    max_concurrency: int
    max_per_host: int
    max_redirects: int
    retries: int
    backoff: float
    max_retry_wait: float
    max_bytes: int
    allow_networks: tuple[str, ...]
    exclude: tuple[str, ...]
    accept_status: tuple[int, ...]
    user_agent: str
    cache_dir: str | None  # the cache folder (reportlint.cache); None: no cache
    cache_max_age: float
    max_total_time: float | None  # seconds for the whole check; None: no limit

    def __init__(
            self, timeout: float = 10.0, max_concurrency: int = 8, max_per_host: int = 2,
            max_redirects: int = 5, retries: int = 2, backoff: float = 1.0, max_retry_wait: float = 30.0,
            max_bytes: int = 64 * 1024, allow_networks: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
            accept_status: tuple[int, ...] = (), user_agent: str = f"reportlint/{__version__} (link check)",
            cache_dir: str | None = None, cache_max_age: float = 86400.0,
            max_total_time: float | None = 120.0) -> None:
        self.timeout = timeout
        self.max_concurrency = max_concurrency
        self.max_per_host = max_per_host
        self.max_redirects = max_redirects
        self.retries = retries
        self.backoff = backoff
        self.max_retry_wait = max_retry_wait
        self.max_bytes = max_bytes
        self.allow_networks = allow_networks
        self.exclude = exclude
        self.accept_status = accept_status
        self.user_agent = user_agent
        self.cache_dir = cache_dir
        self.cache_max_age = cache_max_age
        self.max_total_time = max_total_time

    def verdict_key(self) -> str:
        """Everything besides the URL that a checked result depends on (the cache key): which
        addresses may be requested, the statuses accepted, the limits and the user agent."""
        return json.dumps([__version__, sorted(map(str, self.allow_networks)), sorted(self.accept_status),
                           self.timeout, self.max_redirects, self.max_bytes, self.retries, self.max_retry_wait,
                           self.user_agent])


class UrlResult(Record):
    """The outcome of checking one URL.

    ``error`` is '' when the server answered (``status``), else one of ``dns`` (no such host),
    ``dns-temporary``, ``timeout``, ``connect``, ``tls``, ``protocol``, ``too-large``,
    ``refused-address`` (the host resolves to an address that is not allowed), ``redirects``
    (too many, or a loop), ``scheme`` (a redirect to something other than http/https),
    ``invalid`` (not a URL that can be requested), ``budget`` (not checked: the time allowed for the
    whole check, ``max_total_time``, ran out)."""

    url: str
    status: int | None
    final_url: str
    error: str
    detail: str
    redirects: int
    checked_at: float
    cached: bool

    def __init__(
            self, url: str, status: int | None = None, final_url: str = "", error: str = "", detail: str = "",
            redirects: int = 0, checked_at: float = 0.0, cached: bool = False) -> None:
        self.url = url
        self.status = status
        self.final_url = final_url
        self.error = error
        self.detail = detail
        self.redirects = redirects
        self.checked_at = checked_at
        self.cached = cached

    @property
    def cacheable(self) -> bool:
        return not self.error and self.status is not None and self.status != 429 and self.status < 500


class _Refused(Exception):
    pass


class _TooLarge(Exception):
    pass


# --------------------------------------------------------------------------- addresses


def resolve_host(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to (tests replace this to simulate DNS)."""
    import socket

    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    out = []
    for info in infos:
        addr = info[4][0]
        if addr not in out:
            out.append(addr)
    return out


def address_allowed(address: str, allow_networks: Iterable = ()) -> bool:
    """True for a public unicast address, or one inside an explicitly allowed network."""
    import ipaddress

    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for net in allow_networks:
        if ip.version == net.version and ip in net:
            return True
    return ip.is_global and not ip.is_multicast


# --------------------------------------------------------------------------- cache


def parse_max_age(value) -> float:
    """``3600``, ``"90s"``, ``"30m"``, ``"12h"``, ``"7d"`` → seconds."""
    if isinstance(value, (int, float)):
        return float(value)
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", str(value))
    if not m:
        raise ValueError(f"not a duration: {value!r} (use seconds or e.g. 30m, 12h, 7d)")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


class ResultCache:
    """Results of earlier runs (``link`` entries of the cache database in ``options.cache_dir``),
    keyed by the URL and :meth:`CheckOptions.verdict_key`; entries older than
    ``cache_max_age`` are ignored. Nothing is read or written under ``--no-cache``."""

    def __init__(self, options: CheckOptions) -> None:
        from . import cache

        self.max_age = options.cache_max_age
        self.store = cache.store(options.cache_dir) if options.cache_dir else None
        self._salt = options.verdict_key()
        self._digest = cache.digest
        self.entries: dict[str, object] = {}
        self.new: dict[str, dict] = {}

    def key(self, url: str) -> str:
        return self._digest("link", self._salt, url)

    def load(self, urls: Iterable[str]) -> None:
        if self.store is not None:
            found = self.store.get_many("link", [self.key(u) for u in urls])
            self.entries = {k: v for k, (v, _) in found.items()}

    def get(self, url: str, now: float) -> UrlResult | None:
        e = self.entries.get(self.key(url))
        if not isinstance(e, dict):
            return None
        try:
            checked, status, final, redirects = e["checked_at"], e["status"], e["final_url"], e["redirects"]
            if (type(status) is not int or not isinstance(final, str) or type(redirects) is not int
                    or not isinstance(checked, (int, float)) or isinstance(checked, bool)):
                return None
            if now - checked > self.max_age or now < checked:
                return None
            return UrlResult(url, status, final, redirects=redirects, checked_at=float(checked), cached=True)
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, result: UrlResult) -> None:
        if result.cacheable:
            self.new[self.key(result.url)] = {"status": result.status, "final_url": result.final_url,
                                              "redirects": result.redirects, "checked_at": result.checked_at}

    def save(self) -> None:
        if self.store is not None and self.new:
            self.store.put_many("link", self.new.items())
        self.new = {}


# --------------------------------------------------------------------------- HTTP


class _CappedRaw(io.RawIOBase):
    """A socket reader that stops after ``limit`` bytes and at ``deadline``."""

    def __init__(self, sock, limit: int, deadline: float) -> None:
        self.sock, self.limit, self.deadline = sock, limit, deadline
        self.total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        import socket

        if self.total >= self.limit:
            raise _TooLarge()
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise socket.timeout("the response took too long")
        self.sock.settimeout(min(left, self.sock.gettimeout() or left))
        view = memoryview(b)[: min(len(b), self.limit - self.total)]
        n = self.sock.recv_into(view)
        self.total += n
        return n


class _CappedSocket:
    """Wraps a connected socket so that ``http.client`` reads through :class:`_CappedRaw`."""

    def __init__(self, sock, limit: int, deadline: float) -> None:
        self._sock, self._limit, self._deadline = sock, limit, deadline

    def makefile(self, mode="rb", *args, **kwargs):
        return io.BufferedReader(_CappedRaw(self._sock, self._limit, self._deadline), 4096)

    def __getattr__(self, name):
        return getattr(self._sock, name)


def _connection_classes():
    import http.client
    import socket

    class HTTPConn(http.client.HTTPConnection):
        def __init__(self, host, port, address, timeout, limit, deadline):
            super().__init__(host, port, timeout=timeout)
            self._address, self._limit, self._deadline = address, limit, deadline

        def connect(self):
            sock = socket.create_connection((self._address, self.port), self.timeout)
            self.sock = _CappedSocket(sock, self._limit, self._deadline)

    class HTTPSConn(http.client.HTTPSConnection):
        def __init__(self, host, port, address, timeout, limit, deadline, context):
            super().__init__(host, port, timeout=timeout, context=context)
            self._address, self._limit, self._deadline = address, limit, deadline

        def connect(self):
            sock = socket.create_connection((self._address, self.port), self.timeout)
            try:
                tls = self._context.wrap_socket(sock, server_hostname=self.host)
            except BaseException:
                sock.close()
                raise
            self.sock = _CappedSocket(tls, self._limit, self._deadline)

    return HTTPConn, HTTPSConn


class _Answer(Record):
    status: int | None
    location: str | None
    retry_after: str | None
    error: str
    detail: str

    def __init__(
            self, status: int | None = None, location: str | None = None, retry_after: str | None = None,
            error: str = "", detail: str = "") -> None:
        self.status = status
        self.location = location
        self.retry_after = retry_after
        self.error = error
        self.detail = detail


def _request_target(parts) -> str:
    from urllib.parse import quote

    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        path += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return path


class Checker:
    def __init__(self, options: CheckOptions) -> None:
        import ipaddress

        self.o = options
        self.allow = [ipaddress.ip_network(n, strict=False) for n in options.allow_networks]
        self.exclude = [re.compile(p) for p in options.exclude]
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self._ssl = None
        total = options.max_total_time
        self.deadline = time.monotonic() + total if total is not None else float("inf")

    def _out_of_time(self) -> _Answer:
        return _Answer(error="budget", detail=f"the {self.o.max_total_time:g} s allowed for checking links ran out")

    # -- one HTTP exchange -------------------------------------------------------------

    def _host_slot(self, key: str) -> threading.BoundedSemaphore:
        with self._lock:
            if key not in self._hosts:
                self._hosts[key] = threading.BoundedSemaphore(max(1, self.o.max_per_host))
            return self._hosts[key]

    def _context(self):
        with self._lock:
            if self._ssl is None:
                import ssl

                self._ssl = ssl.create_default_context()
            return self._ssl

    def _addresses(self, host: str, port: int) -> list[str]:
        addrs = resolve_host(host, port)
        if not addrs:
            raise OSError("no address")
        bad = [a for a in addrs if not address_allowed(a, self.allow)]
        if bad:
            raise _Refused(bad[0])
        return addrs

    def request(self, url: str, method: str) -> _Answer:
        """One request, no redirects, no retries."""
        import http.client
        import socket
        import ssl
        from urllib.parse import urlsplit

        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            return _Answer(error="invalid", detail=str(exc))
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            return _Answer(error="invalid", detail=url)
        try:
            host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError as exc:
            return _Answer(error="invalid", detail=str(exc))
        port = port or (443 if scheme == "https" else 80)
        HTTPConn, HTTPSConn = _connection_classes_cached()
        with self._host_slot(f"{host}:{port}"):
            start = time.monotonic()
            if start >= self.deadline:
                return self._out_of_time()
            deadline = min(start + self.o.timeout, self.deadline)
            try:
                addresses = self._addresses(host, port)
            except _Refused as exc:
                return _Answer(error="refused-address", detail=str(exc))
            except socket.gaierror as exc:
                permanent = exc.errno in (getattr(socket, "EAI_NONAME", None), getattr(socket, "EAI_NODATA", None))
                return _Answer(error="dns" if permanent else "dns-temporary", detail=exc.strerror or str(exc))
            except OSError as exc:
                return _Answer(error="dns", detail=str(exc))
            last = _Answer(error="connect", detail="no address")
            for address in addresses:
                left = deadline - time.monotonic()
                if left <= 0:
                    if time.monotonic() >= self.deadline:
                        return self._out_of_time()
                    return _Answer(error="timeout", detail=f"no answer within {self.o.timeout:g} s")
                if scheme == "https":
                    conn = HTTPSConn(host, port, address, left, self.o.max_bytes, deadline, self._context())
                else:
                    conn = HTTPConn(host, port, address, left, self.o.max_bytes, deadline)
                try:
                    conn.request(method, _request_target(parts), headers={
                        "User-Agent": self.o.user_agent, "Accept": "*/*", "Connection": "close"})
                    resp = conn.getresponse()
                    answer = _Answer(resp.status, resp.getheader("Location"), resp.getheader("Retry-After"))
                    return answer
                except (socket.timeout, TimeoutError):
                    if time.monotonic() >= self.deadline:
                        return self._out_of_time()
                    return _Answer(error="timeout", detail=f"no answer within {self.o.timeout:g} s")
                except _TooLarge:
                    return _Answer(error="too-large", detail=f"more than {self.o.max_bytes} bytes of headers")
                except ssl.SSLCertVerificationError as exc:
                    return _Answer(error="tls", detail=exc.verify_message or str(exc))
                except ssl.SSLError as exc:
                    return _Answer(error="tls", detail=exc.reason or str(exc))
                except http.client.HTTPException as exc:
                    return _Answer(error="protocol", detail=type(exc).__name__)
                except OSError as exc:
                    last = _Answer(error="connect", detail=exc.strerror or str(exc))
                finally:
                    conn.close()
            return last

    # -- retries, redirects, HEAD then GET ----------------------------------------------

    def _retry_wait(self, answer: _Answer, attempt: int) -> float:
        ra = answer.retry_after
        if ra:
            ra = ra.strip()
            if ra.isdigit():
                return float(ra)
            try:
                from email.utils import parsedate_to_datetime

                when = parsedate_to_datetime(ra)
                return max(0.0, when.timestamp() - time.time())
            except (TypeError, ValueError, IndexError):
                pass
        return self.o.backoff * (2 ** attempt)

    def _with_retries(self, url: str, method: str) -> _Answer:
        attempt = 0
        while True:
            answer = self.request(url, method)
            if answer.status not in RETRY_STATUSES or attempt >= self.o.retries:
                return answer
            wait = self._retry_wait(answer, attempt)
            if wait > self.o.max_retry_wait:
                answer.detail = f"Retry-After {wait:g} s is longer than the {self.o.max_retry_wait:g} s allowed"
                return answer
            if time.monotonic() + wait >= self.deadline:
                return self._out_of_time()
            time.sleep(wait)
            attempt += 1

    def _follow(self, url: str, method: str) -> UrlResult:
        from urllib.parse import urljoin, urlsplit

        current, seen, hops = url, {url}, 0
        while True:
            answer = self._with_retries(current, method)
            if answer.error:
                return UrlResult(url, final_url=current, error=answer.error, detail=answer.detail, redirects=hops)
            if answer.status in REDIRECTS and answer.location:
                nxt = urljoin(current, answer.location.strip()).split("#", 1)[0]
                if urlsplit(nxt).scheme.lower() not in ("http", "https"):
                    return UrlResult(url, answer.status, nxt, "scheme", f"redirect to {nxt}", hops)
                if nxt in seen or hops >= self.o.max_redirects:
                    why = "a redirect loop" if nxt in seen else f"more than {self.o.max_redirects} redirects"
                    return UrlResult(url, answer.status, nxt, "redirects", why, hops)
                seen.add(nxt)
                hops += 1
                if answer.status == 303:
                    method = "GET"
                current = nxt
                continue
            return UrlResult(url, answer.status, current, detail=answer.detail, redirects=hops)

    def check(self, url: str) -> UrlResult:
        from urllib.parse import urlsplit, urlunsplit

        try:
            p = urlsplit(url)
            if p.username or p.password:  # never send credentials
                host = p.hostname or ""
                netloc = f"{host}:{p.port}" if p.port else host
                url = urlunsplit((p.scheme, netloc, p.path, p.query, ""))
        except ValueError:
            pass
        result = self._follow(url, "HEAD")
        if result.error == "protocol" or (
                not result.error and result.status is not None and result.status >= 400
                and result.status not in RETRY_STATUSES):
            get = self._follow(url, "GET")
            if get.error != "budget" or result.error:  # out of time: the HEAD answer stands
                result = get
        result.checked_at = time.time()
        return result

    def excluded(self, url: str) -> bool:
        return any(p.search(url) for p in self.exclude)


_CLASSES = None


def _connection_classes_cached():
    global _CLASSES
    if _CLASSES is None:
        _CLASSES = _connection_classes()
    return _CLASSES


def _round_robin(urls: list[str]) -> list[str]:
    from urllib.parse import urlsplit

    queues: dict[str, list[str]] = {}
    for u in urls:
        try:
            host = (urlsplit(u).hostname or "").lower()
        except ValueError:
            host = ""
        queues.setdefault(host, []).append(u)
    out: list[str] = []
    lists = list(queues.values())
    i = 0
    while len(out) < len(urls):
        for q in lists:
            if i < len(q):
                out.append(q[i])
        i += 1
    return out


def check_urls(urls: Iterable[str], options: CheckOptions, progress=None) -> dict[str, UrlResult]:
    """Check each distinct URL (without its fragment) once; returns URL → result. Excluded
    URLs are left out. ``progress(total, label)`` is a context manager whose ``advance()`` is
    called as each URL that needed the network finishes (``reportlint.api.progress``)."""
    checker = Checker(options)
    unique: list[str] = []
    seen: set[str] = set()
    for u in urls:
        key = u.split("#", 1)[0]
        if key not in seen and not checker.excluded(u):
            seen.add(key)
            unique.append(key)
    now = time.time()
    cache = ResultCache(options) if options.cache_dir else None
    if cache:
        cache.load(unique)
    results: dict[str, UrlResult] = {}
    todo = []
    for u in unique:
        hit = cache.get(u, now) if cache else None
        if hit is not None:
            results[u] = hit
        else:
            todo.append(u)
    if todo:
        from concurrent.futures import ThreadPoolExecutor, as_completed
        from contextlib import nullcontext

        bar_cm = progress(len(todo), "checking links") if progress else nullcontext(None)
        with bar_cm as bar, ThreadPoolExecutor(max_workers=max(1, min(options.max_concurrency, len(todo)))) as pool:
            futures = {pool.submit(checker.check, u): u for u in _round_robin(todo)}
            for fut in as_completed(futures):
                u = futures[fut]
                try:
                    res = fut.result()
                except Exception as exc:  # noqa: BLE001 - one odd server must not stop the run
                    res = UrlResult(u, error="protocol", detail=f"{type(exc).__name__}: {exc}", checked_at=time.time())
                results[u] = res
                if cache:
                    cache.put(res)
                if bar is not None:
                    bar.advance()
    if cache:
        cache.save()
    return results


__all__ = ["CheckOptions", "ResultCache", "UrlResult", "address_allowed", "check_urls", "parse_max_age",
           "resolve_host"]
