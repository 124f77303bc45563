"""A real HTTP server on 127.0.0.1 for the external-link tests: fixed answers per path, and a
record of every request (method, path, headers) so tests can see what the checker sent."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LinkServer:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict]] = []
        self.counts: dict[str, int] = {}
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_HEAD(self):
                server._handle(self, "HEAD")

            def do_GET(self):
                server._handle(self, "GET")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def hits(self, path: str) -> int:
        return self.counts.get(path, 0)

    # ------------------------------------------------------------------ answers

    def _handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        path = h.path
        with self._lock:
            self.requests.append((method, path, dict(h.headers)))
            self.counts[path] = self.counts.get(path, 0) + 1
            n = self.counts[path]
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            self._answer(h, method, path.split("?", 1)[0], n)
        finally:
            with self._lock:
                self.active -= 1

    def _send(self, h, status, headers=(), body=b""):
        h.send_response(status)
        for k, v in headers:
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.send_header("Connection", "close")
        h.end_headers()
        if h.command != "HEAD" and body:
            try:
                h.wfile.write(body)
            except OSError:
                pass

    def _answer(self, h, method, path, n):
        if path.startswith("/ok") or path == "/":
            self._send(h, 200, [("Set-Cookie", "session=1")], b"<html>ok</html>")
        elif path == "/missing":
            self._send(h, 404, body=b"not found")
        elif path == "/gone":
            self._send(h, 410)
        elif path == "/forbidden":
            self._send(h, 403)
        elif path == "/error":
            self._send(h, 500)
        elif path.startswith("/r") and path[2:].isdigit():  # /r3 -> /r2 -> /r1 -> /ok
            k = int(path[2:])
            self._send(h, 301, [("Location", f"/r{k - 1}" if k > 1 else "/ok")])
        elif path == "/to-missing":
            self._send(h, 302, [("Location", "/missing")])
        elif path == "/loop":
            self._send(h, 301, [("Location", "/loop")])
        elif path == "/to-private":
            self._send(h, 302, [("Location", "http://10.11.12.13/admin")])
        elif path == "/to-metadata":
            self._send(h, 302, [("Location", "http://169.254.169.254/latest/meta-data/")])
        elif path == "/limited":  # 429 once, then fine
            if n == 1:
                self._send(h, 429, [("Retry-After", "1")])
            else:
                self._send(h, 200)
        elif path == "/busy":  # 503 with an HTTP-date Retry-After, then fine
            if n == 1:
                from email.utils import formatdate

                self._send(h, 503, [("Retry-After", formatdate(time.time() + 1, usegmt=True))])
            else:
                self._send(h, 200)
        elif path == "/always-429":
            self._send(h, 429, [("Retry-After", "1")])
        elif path == "/429-long":
            self._send(h, 429, [("Retry-After", "3600")])
        elif path == "/slow":
            time.sleep(2.0)
            self._send(h, 200)
        elif path == "/slowish":
            time.sleep(0.3)
            self._send(h, 200)
        elif path == "/no-head":
            self._send(h, 405 if method == "HEAD" else 200)
        elif path == "/huge-headers":
            self._send(h, 200, [("X-Filler", "x" * 60000)])
        elif path == "/drip":  # headers trickle in, slower than the timeout allows in total
            h.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(8):
                time.sleep(0.2)
                try:
                    h.wfile.write(b"X-A: b\r\n")
                    h.wfile.flush()
                except OSError:
                    return
            h.wfile.write(b"Content-Length: 0\r\n\r\n")
        else:
            self._send(h, 404)
