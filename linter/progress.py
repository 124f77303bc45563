"""Progress reporting for long steps (checking external links): rules report progress through
``reportlint.api.progress``; the command line decides whether anything is shown.

A bar is drawn on standard error only when it is a terminal and the run is not in CI (``CI``
set); ``--progress always`` forces it (one line per tenth of the work when standard error is
not a terminal), ``--progress never`` turns it off. Library use shows nothing.
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager

_MODE = "never"  # the default for library use; the CLI configures it


def configure(mode: str) -> None:
    global _MODE
    _MODE = mode


def _enabled(stream) -> tuple[bool, bool]:
    """(show anything, draw a live bar)."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if _MODE == "always":
        return True, tty
    if _MODE == "auto":
        on = tty and not os.environ.get("CI")
        return on, on
    return False, False


class _Null:
    def advance(self, n: int = 1) -> None:
        pass


class _Bar:
    def __init__(self, total: int, label: str, stream, live: bool) -> None:
        self.total, self.label, self.stream, self.live = total, label, stream, live
        self.done = 0
        self._last = 0.0
        self._last_tenth = -1
        self._width = 0
        self._draw(force=True)

    def advance(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        self._draw(force=self.done == self.total)

    def _draw(self, force: bool = False) -> None:
        if self.live:
            now = time.monotonic()
            if not force and now - self._last < 0.1:
                return
            self._last = now
            filled = int(24 * self.done / self.total) if self.total else 24
            text = f"\r{self.label} [{'#' * filled}{'.' * (24 - filled)}] {self.done}/{self.total}"
            self._width = max(self._width, len(text))
            self._write(text)
        else:
            tenth = 10 * self.done // self.total if self.total else 10
            if tenth != self._last_tenth:
                self._last_tenth = tenth
                self._write(f"reportlint: {self.label}: {self.done}/{self.total}\n")

    def close(self) -> None:
        if self.live:
            self._write("\r" + " " * self._width + "\r")

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            pass


@contextmanager
def progress(total: int, label: str):
    """``with progress(len(urls), "checking links") as bar: … bar.advance()``"""
    stream = sys.stderr
    show, live = _enabled(stream)
    if not show or total <= 0:
        yield _Null()
        return
    bar = _Bar(total, label, stream, live)
    try:
        yield bar
    finally:
        bar.close()
