"""The files of a run: which Markdown files a command line names (:func:`collect_files`), how
they are shown (:func:`display_path`), where they really are, and whether a symbolic link takes
one out of its repository (:func:`leaves_repository`).

Real paths (``os.path.realpath``) are worked out with each folder resolved once: a repository
holds thousands of reports in a few folders, and one run asks for the same file several times
(collection, configuration, cache key, git). A run reads the working folder once
(:func:`one_working_folder`) instead of once per question; a long-lived process (the language
server) calls :func:`forget_files` when files may have changed on disk."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable

MARKDOWN_SUFFIXES = (".md", ".markdown")

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
    return _real_path(cwd(), os.fspath(path))


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


def display_path(path: Path) -> str:
    """``path`` relative to the working folder when it lies inside it, else as given."""
    p = os.fspath(path)
    if not os.path.isabs(p):
        rel = os.path.normpath(p)  # what relpath gives for a relative path that stays inside
        if not rel.startswith(".."):
            return rel
    try:
        rel = os.path.relpath(p)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def collect_files(paths: Iterable[str]) -> list[Path]:
    """Expand directories into their Markdown files (hidden folders skipped); files named
    explicitly are always taken. A path that does not exist is a usage error."""
    out: list[Path] = []
    seen: set[str] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                        real = real_path(os.path.join(root, name))
                        if real not in seen:
                            seen.add(real)
                            out.append(Path(root) / name)
        elif path.exists():
            real = real_path(p)
            if real not in seen:
                seen.add(real)
                out.append(path)
        else:
            from .settings import SettingsError

            raise SettingsError(f"{p}: no such file or directory")
    return out


def leaves_repository(path: str | os.PathLike) -> str | None:
    """Where ``path`` really leads when a symbolic link (the file's or a folder's on the way)
    takes it out of its repository: the top of its git work tree; outside git, the working
    folder when the path lies below it, else the path's own folder. None when it stays inside.
    Such a file is never read (``x.md -> /etc/passwd``, ``x.md -> /dev/zero``)."""
    given = os.path.abspath(path)
    real = real_path(path)
    if real == given:
        return None  # no link on the way
    from .links import _inside, git_root

    folder = os.path.dirname(given)
    root = git_root(folder)
    if root is None:
        here = cwd()
        root = here if _inside(given, here) else folder
    if _inside(real, real_dir(root)):
        return None
    return real


def forget_files() -> None:
    """Forget what was read from the file system (real paths, folder listings, where links land):
    a long-lived process (the language server) calls this when files may have changed on disk."""
    import sys

    forget()
    links = sys.modules.get(f"{__package__}.links")
    if links is not None:
        links.forget_files()
