"""Real paths of files (``os.path.realpath``), each folder resolved once: a repository holds
thousands of reports in a few folders, and one run asks for the same file several times
(collection, configuration, cache key, git). A run reads the working folder once
(:func:`one_working_folder`) instead of once per question; a long-lived process (the language
server) calls :func:`forget` when files may have changed on disk."""
from __future__ import annotations

import os
from functools import lru_cache

_cwd: str | None = None  # the working folder of the run in progress


class one_working_folder:
    """``with one_working_folder():`` — the working folder is read once, for the run inside."""

    def __enter__(self) -> None:
        global _cwd
        self._outer = _cwd
        _cwd = os.getcwd()

    def __exit__(self, *exc) -> None:
        global _cwd
        _cwd = self._outer


def cwd() -> str:
    return _cwd or os.getcwd()


def real_path(path: str | os.PathLike) -> str:
    """``os.path.realpath`` of a file (its folder resolved once for all the files in it)."""
    return _real_path(_cwd or os.getcwd(), os.fspath(path))


@lru_cache(maxsize=16384)
def _real_path(cwd: str, path: str) -> str:
    path = os.path.normpath(os.path.join(cwd, path))
    folder, name = os.path.split(path)
    if os.path.islink(path):
        return os.path.realpath(path)
    return os.path.join(real_dir(folder), name)


@lru_cache(maxsize=4096)
def real_dir(folder: str) -> str:
    return os.path.realpath(folder)


def forget() -> None:
    _real_path.cache_clear()
    real_dir.cache_clear()
