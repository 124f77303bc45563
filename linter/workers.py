"""Linting in worker processes (``reportlint check -j N``).

With the fork start method the workers inherit the parent's linter, already warmed up (imports,
registry, profiles, compiled regular expressions, label indexes); with spawn (Windows, macOS)
each builds its own. Either way a worker only lints files: the result cache stays in the parent,
and ``--no-cache`` reaches spawned workers too (their registry and profiles are not read from
the cache either).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult, Linter
    from .settings import Settings

_WORKER: "Linter | None" = None
_PARENT: "Linter | None" = None  # set just before forking workers
_SETTINGS: "list[Settings]" = []  # the run's distinct settings, which tasks name by index


def _worker_init(settings: "Settings", today: Any, caching: bool, distinct: "list[Settings]") -> None:
    """In a worker: a Linter of its own (the registry and profiles are loaded once per worker;
    with the fork start method they are inherited already loaded), and the run's settings."""
    from . import cache

    global _WORKER, _SETTINGS
    _SETTINGS = distinct
    cache.set_enabled(caching)
    if _PARENT is not None:  # forked: the parent's linter, already warmed up
        _WORKER = _PARENT
    else:
        if caching:
            from . import recache

            recache.seed()  # the parent's compiled regular expressions (it alone writes them)
        from .engine import Linter

        _WORKER = Linter(settings, today=today)
    _settled()


_HELD = False  # collection held off by hold_collection(), until settle_collection()


def hold_collection() -> None:
    """For a ``reportlint check`` process: no cyclic garbage collection while it starts up.
    Start-up builds a few hundred thousand objects that live as long as the process (modules,
    compiled patterns, the profile, label indexes) and collecting while they are made frees
    nothing: ~8 ms of a one-file run (5%). :func:`settle_collection` turns it back on."""
    import gc

    global _HELD
    if gc.isenabled():
        gc.disable()
        _HELD = True


def settle_collection() -> None:
    """Once warmed up (the engine calls it when the first file is linted) or at the end: what
    start-up built is frozen out of the collector's view and collection resumes, less often (a
    report allocates many short-lived objects; ~13% of a one-process run of 2,000 reports went to
    collecting them with the default thresholds). Does nothing unless :func:`hold_collection`
    held collection off, so a language server or an API user keeps Python's defaults."""
    global _HELD
    if _HELD:
        _HELD = False
        _settled()


def _settled() -> None:
    import gc

    gc.freeze()
    gc.set_threshold(5000, 10, 10)
    gc.enable()


def _worker_lint(task: "tuple[str, int, bool]") -> "FileResult":
    from .cachedruns import cache_entry

    path, settings, encode = task
    result = _WORKER.lint_path(Path(path), _SETTINGS[settings])  # type: ignore[union-attr]
    if encode:
        result.entry = cache_entry(result)
    return result


def parallel(linter: "Linter", tasks: "list[tuple[str, Settings, bool]]", jobs: int) -> "list[FileResult]":
    """Lint ``tasks`` (path, settings, whether to encode the result for the cache: its
    ``entry``) in ``jobs`` processes; results come back in the order of ``tasks``. Each distinct
    settings object goes to a worker once, and tasks name it: a copy per task (a new object each
    time) missed every cache the linter keeps per settings (~10% of a report's time)."""
    import multiprocessing as mp

    from . import cache

    global _PARENT
    methods = mp.get_all_start_methods()
    fork = "fork" in methods
    ctx = mp.get_context("fork" if fork else "spawn")
    chunk = max(1, min(64, len(tasks) // (jobs * 8)))
    distinct, named = by_index(tasks)
    _PARENT = linter if fork else None
    try:
        with ctx.Pool(jobs, initializer=_worker_init,
                      initargs=(linter.settings, linter.today, cache.enabled(), distinct)) as pool:
            return pool.map(_worker_lint, named, chunksize=chunk)
    finally:
        _PARENT = None


def by_index(tasks: "list[tuple[str, Settings, bool]]") -> "tuple[list[Settings], list[tuple[str, int, bool]]]":
    """The distinct settings objects of ``tasks`` (in order of first use), and the tasks with
    each settings object replaced by its index among them."""
    distinct: list[Settings] = []
    index: dict[int, int] = {}
    named = []
    for path, settings, encode in tasks:
        i = index.get(id(settings))
        if i is None:
            i = index[id(settings)] = len(distinct)
            distinct.append(settings)
        named.append((path, i, encode))
    return distinct, named


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)
