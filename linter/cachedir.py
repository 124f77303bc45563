"""Where reportlint keeps caches: the user's cache folder, never the repository.

``REPORTLINT_CACHE_DIR`` wins; otherwise the platform's convention: ``%LOCALAPPDATA%\\reportlint\\Cache``
on Windows, ``~/Library/Caches/reportlint`` on macOS, ``$XDG_CACHE_HOME/reportlint`` (default
``~/.cache/reportlint``) elsewhere. Deleting the folder is always safe.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def user_cache_dir() -> Path:
    env = os.environ.get("REPORTLINT_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(os.path.expanduser("~"), "AppData", "Local")
        return Path(base) / "reportlint" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "reportlint"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "reportlint"
