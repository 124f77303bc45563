"""Caches in the user's cache folder (``reportlint.cachedir``): deleting it is always safe, and
``--no-cache`` (or ``REPORTLINT_NO_CACHE=1``) turns every cache off.

- **Results.** What linting a file produced (findings, data for repository rules, suppression
  comments), keyed by everything it depends on: the file's bytes and path, its effective
  settings, the profiles, the rules (codes and the packages they come from), the date (waivers
  expire), the Python and reportlint versions. One file per project (the folder the run started
  in) holds the entries of recent runs, so an unchanged repository is checked without parsing
  anything. Repository rules (links between files, last year's report) always run again on the
  cached data, so a change elsewhere is never hidden.
- **Compiled profiles.** Loading and validating a profile takes ~200 ms; its compiled form is
  kept per profile file content.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Any

from . import __version__
from .cachedir import user_cache_dir

MAX_ENTRIES = 50_000  # results kept per project (about 2 KB each)
FORMAT = 1


def enabled() -> bool:
    return os.environ.get("REPORTLINT_NO_CACHE", "") in ("", "0")


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()  # the fastest of hashlib's on current CPUs (SHA extensions)
    for p in parts:
        b = p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()[:40]


def runtime_salt() -> str:
    return f"{FORMAT}|{__version__}|{sys.version_info[:3]}"


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


class ResultCache:
    """``get(key)`` / ``put(key, value)`` over one pickle file per project; ``save()`` writes it
    back atomically (concurrent runs: the last one wins, nothing is ever half-written)."""

    def __init__(self, project: Path, salt: str, directory: Path | None = None) -> None:
        base = directory or user_cache_dir()
        self.path = base / "results" / (_digest(str(project.resolve()))[:24] + ".pickle")
        self.salt = salt
        self._entries: dict[str, tuple[float, Any]] = {}
        self._dirty = False
        self.hits = self.misses = 0
        try:
            with open(self.path, "rb") as fh:
                stored = pickle.load(fh)
            if isinstance(stored, dict) and stored.get("salt") == salt:
                self._entries = stored["entries"]
        except FileNotFoundError:
            pass
        except Exception:  # noqa: BLE001 - a corrupt or foreign cache is simply ignored
            self._dirty = True

    def key(self, *parts: bytes | str) -> str:
        return _digest(self.salt, *parts)

    def get(self, key: str) -> Any:
        hit = self._entries.get(key)
        if hit is None:
            self.misses += 1
            return None
        self.hits += 1
        if time.time() - hit[0] > 3600:  # refresh the stamp at most hourly (keeps writes rare)
            self._entries[key] = (time.time(), hit[1])
            self._dirty = True
        return hit[1]

    def put(self, key: str, value: Any) -> None:
        self._entries[key] = (time.time(), value)
        self._dirty = True

    def save(self) -> None:
        if not self._dirty:
            return
        entries = self._entries
        if len(entries) > MAX_ENTRIES:
            keep = sorted(entries.items(), key=lambda kv: kv[1][0])[-MAX_ENTRIES:]
            entries = dict(keep)
        try:
            data = pickle.dumps({"salt": self.salt, "entries": entries}, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - an unpicklable plugin result: no cache this time
            return
        _write_atomic(self.path, data)
        self._dirty = False


# --------------------------------------------------------------------------- profiles


def load_compiled(*parts: bytes, build) -> Any:
    """A compiled profile from the cache (keyed by ``parts``: its path, its bytes, the schema),
    or ``build()``, whose result is then stored. ``build`` raising (an invalid profile) stores
    nothing."""
    if not enabled():
        return build()
    path = user_cache_dir() / "profiles" / (_digest(runtime_salt(), *parts) + ".pickle")
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001
        pass
    value = build()
    try:
        _write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001
        pass
    return value
