"""Runs served from the result cache: each file's key (its bytes and path, its settings and
profiles, the rules, the date), its result read back from the cache or linted (in worker
processes for many files) and stored, and the guard that lints again without the cache when a
rule fails on results read from it. :class:`reportlint.engine.Linter` inherits these methods;
they use its settings, registry, profiles and :meth:`~reportlint.engine.Linter.finish`."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .files import display_path, leaves_repository, real_path

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult, RunResult
    from .settings import Settings


def cache_entry(result: FileResult) -> bytes | str:
    """What the result cache stores for ``result`` (plain data, encoded), or why it stores
    nothing ('' when there is nothing to say: a rule crashed on the file)."""
    from . import cache, resultdata

    if result.errors:
        return ""
    if result.not_cached:
        return result.not_cached
    try:
        return cache.encode(resultdata.dump(result))
    except (resultdata.NotPlain, ValueError) as exc:
        return f"{result.path}: not cached: a finding's data is not plain JSON-able data ({exc})"


class CachedRuns:
    """The result cache's side of :class:`reportlint.engine.Linter`."""

    def _finish_cached(self, lint, cache: Any, excluded: int, paths: Iterable[str] | None = None) -> RunResult:
        """``lint(cache)`` -> (results, keys of the ones that came from the cache) -> finish
        (with the repository context of ``paths``, when given).
        When a repository or suppression rule fails on a run that used cached results, those
        may be of the wrong shape (a cache that others can write): they are deleted and the
        files linted again without the cache, so a cache never changes what is reported."""
        def finish(results):
            context = self.repository_context(paths, results) if paths is not None else None
            return self.finish(results, excluded=excluded, context=context)

        results, hits = lint(cache)
        mark = len(self.errors)
        out = finish(results)
        if hits and len(self.errors) > mark:
            from .cache import note

            note("cache: a rule failed on results read from the cache; they were dropped and the files linted again")
            cache.forget(hits)
            del self.errors[mark:]
            results, _ = lint(None)
            out = finish(results)
        return out

    def _lint_files(self, files: list[Path], settings: list[Settings], jobs: int,
                    cache: Any) -> tuple[list[FileResult], list[str]]:
        keys = [self._cache_key(cache, f, s) if cache is not None else None for f, s in zip(files, settings)]

        def fresh(todo: list[int]) -> list[FileResult]:
            if not todo:
                return []
            from .workers import settle_collection

            # the first file in this process: with the fork start method the workers inherit
            # what it warmed up (imports, compiled regexes, label indexes) instead of each
            # redoing it
            out = [self.lint_path(files[todo[0]], settings[todo[0]])]
            settle_collection()
            if jobs > 1 and len(todo) >= max(16, 4 * jobs):
                from .workers import parallel

                # the workers also encode what the cache stores: the parent only writes it
                tasks = [(str(files[i]), settings[i], cache is not None) for i in todo[1:]]
                return out + parallel(self, tasks, jobs)
            return out + [self.lint_path(files[i], settings[i]) for i in todo[1:]]

        return self._cached_results(list(zip(keys, map(display_path, files), settings)), cache, fresh)

    def _cached_results(self, items: list[tuple[str | None, str, Settings]], cache: Any,
                        fresh) -> tuple[list[FileResult], list[str]]:
        """Results of ``items`` (cache key or None, display path, settings): from the cache when
        it has them, else from ``fresh(indices)`` (then stored). Returns them and the keys of
        those that came from the cache."""
        from . import resultdata

        results: list[FileResult | None] = [None] * len(items)
        hits: list[str] = []
        found = cache.lookup(k for k, _, _ in items if k is not None) if cache is not None else {}
        names = resultdata.rule_names(self.registry)
        for i, (key, path, settings) in enumerate(items):
            if key is None or key not in found:
                continue
            try:
                res = resultdata.load(found[key], path, self.registry, names)
            except ValueError:
                from .cache import note

                note(f"cache: the entry of {path} was not of the expected shape; linted again")
                continue
            res.settings = settings
            results[i] = res
            hits.append(key)
        if cache is not None:
            cache.hits += len(hits)
        todo = [i for i, r in enumerate(results) if r is None]
        for i, res in zip(todo, fresh(todo)):
            results[i] = res
            key = items[i][0]
            if key is None:
                continue
            entry = res.entry if res.entry is not None else cache_entry(res)
            res.entry = None
            if isinstance(entry, bytes):
                cache.put(key, entry)
            elif entry:
                from .cache import note

                note(entry)
        if cache is not None:
            cache.save()
        return results, hits  # type: ignore[return-value]

    _sigs: dict[int, tuple[Settings, str]] = {}

    def cache_salt(self) -> str:
        """What every cached result depends on: reportlint and Python, the rules' code and the
        date (waivers expire). A cache written under another salt is never read."""
        import json

        from .cache import runtime_salt

        return json.dumps([runtime_salt(), self.registry.fingerprint(), str(self.today)], default=str)

    def _cache_key(self, cache: Any, path: Path, settings: Settings, data: bytes | None = None) -> str | None:
        """What a file's result depends on: its bytes (``data``, else read from ``path``) and
        path, its settings (and the profiles they name), the rules and the date. None: do not
        cache (unreadable, not a regular file, too large, a link out of the repository)."""
        if data is None:
            from .safefile import read_limited

            if leaves_repository(path) is not None:
                return None
            try:
                data = read_limited(path, settings.max_file_size)
            except OSError:  # not a regular file, too large, unreadable
                return None
        if len(data) > settings.max_file_size:
            return None
        hit = self._sigs.get(id(settings))
        if hit is None or hit[0] is not settings:
            import json

            from .cache import digest

            profiles = self.profiles_for(settings)
            sig = digest(json.dumps([[getattr(settings, f) for f in settings._fields], profiles.fingerprint()], sort_keys=True, default=str))
            hit = self._sigs[id(settings)] = (settings, sig)
        return cache.key(hit[1], display_path(path), real_path(path), data)
