"""Caches in the user's cache folder (``reportlint.cachedir``): deleting it is always safe, and
``--no-cache`` (or ``REPORTLINT_NO_CACHE=1``) turns every cache off.

Everything is kept in one SQLite database per cache folder (``reportlint.sqlite3``, WAL mode),
one row per entry, looked up by kind and key:

- ``result``: what linting a file produced (``reportlint.resultdata``), keyed by everything it
  depends on (the file's bytes and path, its effective settings, the profiles, the rules and
  the packages they come from, the date, the Python and reportlint versions);
- ``profile``: a profile's data after YAML parsing and JSON-Schema validation, keyed by the
  profile's bytes and the schema's;
- ``registry``: what each installed rule declares (``reportlint.registry``);
- ``link``: results of checking web links (``reportlint.urlcheck``).

**Nothing read from the cache can run code.** A value is JSON text (zlib-compressed when
large): numbers, strings, lists and objects that reportlint's own code validates and turns
back into objects; there is no pickle anywhere. An entry that cannot be read, decoded or
validated is skipped (and rebuilt); a database file that is not ours (random bytes, a pickle,
another program's database, a schema with views or triggers) is set aside as ``*.bad`` and
replaced; a cache folder that cannot be written just means no caching. Each such event adds
a note that ``-v`` prints; none is an error.

Concurrent runs (two terminals, parallel CI jobs on a shared folder) are safe: SQLite's WAL
mode lets readers go on while one run writes, a busy timeout makes writers wait for each other,
and every write is one transaction of whole rows. Writes are not synced to disk (a cache can be
rebuilt; a file damaged by a power loss is set aside like any other). Entries unused for ``MAX_AGE`` are pruned,
and the oldest go first when there are more than ``MAX_ENTRIES`` or the file grows past
``MAX_BYTES``; pruning deletes rows (at most once a day), it never rewrites the database.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Iterable

from . import __version__

FORMAT = 2  # of the values; part of every key (an older reportlint's entries are never read)
DB_NAME = "reportlint.sqlite3"
APPLICATION_ID = 0x524C4E54  # "RLNT": PRAGMA application_id of a reportlint cache
SCHEMA_VERSION = 1  # PRAGMA user_version
MAX_AGE = 30 * 86400  # seconds an entry may stay unused
MAX_ENTRIES = 200_000
MAX_BYTES = 512 * 1024 * 1024
MAX_VALUE = 16 * 1024 * 1024  # a value that decompresses to more is not ours
PRUNE_EVERY = 86400
TOUCH_AFTER = 86400  # a used entry's stamp is refreshed at most once a day (keeps writes rare)
BUSY_TIMEOUT = 10.0  # seconds a run waits for another run's write

_SCHEMA = [  # as sqlite_master lists it, by name (a rowid table: values are ~1 KB, too large for WITHOUT ROWID)
    ("table", "entries",
     "CREATE TABLE entries (kind TEXT NOT NULL, key TEXT NOT NULL, stamp INTEGER NOT NULL, "
     "value BLOB NOT NULL, PRIMARY KEY (kind, key))"),
    ("index", "entries_stamp",
     "CREATE INDEX entries_stamp ON entries(stamp)"),
    ("table", "meta",
     "CREATE TABLE meta (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID"),
    ("index", "sqlite_autoindex_entries_1", None),
]

_DISABLED = False
notes: list[str] = []  # what went wrong with the caches in this process (printed by -v)


def enabled() -> bool:
    """False under ``--no-cache`` (:func:`set_enabled`) or ``REPORTLINT_NO_CACHE=1``."""
    return not _DISABLED and os.environ.get("REPORTLINT_NO_CACHE", "") in ("", "0")


def set_enabled(on: bool) -> None:
    """``--no-cache``: no cache is read or written in this process (results, registry,
    compiled profiles, external links)."""
    global _DISABLED
    _DISABLED = not on


def note(message: str) -> None:
    if message not in notes:
        notes.append(message)


def digest(*parts: bytes | str) -> str:
    """A key from ``parts`` (each length-prefixed, so no two lists of parts collide)."""
    from .hashing import blake2b

    h = blake2b(digest_size=20)
    for p in parts:
        b = p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def runtime_salt() -> str:
    return f"{FORMAT}|{__version__}|{sys.version_info[:3]}"


# --------------------------------------------------------------------------- values


COMPRESS_OVER = 16 * 1024  # bytes of JSON: a report's result (~7 KB) is read faster as it is


def encode(value: Any, compress: bool = True) -> bytes:
    """Plain data -> the stored bytes (``j`` + JSON, or ``z`` + zlib-compressed JSON when larger
    than :data:`COMPRESS_OVER` and ``compress``). Raises ValueError/TypeError for anything that
    is not plain data. A warm re-run of 2,000 reports decompressed 2,000 entries (~40 ms of
    ~430); uncompressed, the database is ~3 times larger (about 7 KB per report)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False)
    raw = text.encode("utf-8", "surrogatepass")
    if compress and len(raw) > COMPRESS_OVER:
        import zlib

        return b"z" + zlib.compress(raw, 1)
    return b"j" + raw


def decode(blob: Any) -> Any:
    """The stored bytes -> plain data; ValueError when they are not what :func:`encode` wrote."""
    if not isinstance(blob, bytes) or not blob:
        raise ValueError("not a stored value")
    tag, body = blob[:1], blob[1:]
    if tag == b"z":
        import zlib

        d = zlib.decompressobj()
        body = d.decompress(body, MAX_VALUE)
        if d.unconsumed_tail or not d.eof:
            raise ValueError("compressed value truncated or too large")
    elif tag != b"j":
        raise ValueError("unknown value tag")
    try:
        return json.loads(body.decode("utf-8", "surrogatepass"))  # from str: faster than from bytes
    except RecursionError:
        raise ValueError("value nested too deeply") from None


# --------------------------------------------------------------------------- the database


class CacheUnavailable(Exception):
    pass


def _is_corrupt(exc: BaseException) -> bool:
    """Is ``exc`` SQLite saying that the file is not a (sound) database?"""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


class Store:
    """The cache database of one folder. Every method swallows database problems: a read
    that fails is a miss, a write that fails is skipped (with a note), a database that is not
    ours is set aside and replaced once, after which the store gives up for this process."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / DB_NAME
        self._conn = None
        self._pid = None
        self._failed = False
        self._replaced = False

    # connection ----------------------------------------------------------------
    def _connect(self):
        if self._failed:
            return None
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        if self._conn is not None:  # a forked worker: never use, nor close, its parent's connection
            _INHERITED.append(self._conn)
        self._conn = None
        try:
            self._conn = self._open()
            self._pid = os.getpid()
        except CacheUnavailable as exc:
            self._give_up(str(exc))
        except Exception as exc:  # noqa: BLE001 - sqlite3.Error, OSError, anything odd
            if _is_corrupt(exc) and not self._replaced:
                self._set_aside(f"{exc}")
                return self._connect()
            self._give_up(f"cannot use {self.path}: {exc}")
        return self._conn

    def _open(self):
        import sqlite3

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheUnavailable(f"cannot create the cache folder {self.folder}: {exc.strerror or exc}") from None
        if self.path.exists() and not self.path.is_file():
            raise CacheUnavailable(f"{self.path} is not a file")
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
        try:
            # what SQLite advises for database files that others may have written: no code
            # in the schema (views, triggers) may call functions, cells are checked, no mmap
            for pragma in ("trusted_schema=OFF", "cell_size_check=ON", "mmap_size=0"):
                conn.execute(f"PRAGMA {pragma}")
            if hasattr(conn, "setlimit"):  # Python >= 3.11
                conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE)
            rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
            if not rows:
                self._create(conn)
            else:
                app = conn.execute("PRAGMA application_id").fetchone()[0]
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if rows != _SCHEMA or app != APPLICATION_ID or version != SCHEMA_VERSION:
                    conn.close()
                    if self._replaced:
                        raise CacheUnavailable(f"{self.path} is not a reportlint cache")
                    self._set_aside("it is not a reportlint cache (or one of another version)")
                    return self._open()
                mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    conn.execute("PRAGMA journal_mode=WAL")
            # no fsync: a write costs 0.1 ms instead of ~20 ms (commit and checkpoint on close).
            # A crashed run loses nothing (WAL); an operating-system crash or power loss may
            # corrupt the file, which the next run then sets aside: for a cache, the right trade
            conn.execute("PRAGMA synchronous=OFF")
        except BaseException:
            conn.close()
            raise
        return conn

    def _create(self, conn) -> None:
        conn.execute("PRAGMA auto_vacuum=INCREMENTAL")  # before the first table: pruning frees pages
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:  # nobody was faster
                for _kind, _name, sql in sorted(_SCHEMA, key=lambda s: s[0] != "table"):
                    if sql is not None:
                        conn.execute(sql)
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                conn.execute("INSERT INTO meta VALUES ('pruned', ?)", (str(int(time.time())),))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        if rows != _SCHEMA:
            raise CacheUnavailable(f"{self.path} is not a reportlint cache")

    def _set_aside(self, why: str) -> None:
        """Move a database that is not ours out of the way (``*.bad``), with its WAL files."""
        self._replaced = True
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001
                pass
            self._conn = None
        note(f"cache: {self.path} set aside and replaced: {why}")
        try:
            os.replace(self.path, self.path.with_name(DB_NAME + ".bad"))
        except OSError:
            pass
        for suffix in ("-wal", "-shm", "-journal"):
            try:
                os.unlink(str(self.path) + suffix)
            except OSError:
                pass

    def _give_up(self, why: str) -> None:
        self._failed = True
        self._conn = None
        note(f"cache: not used: {why}")

    def _fail(self, exc: BaseException, doing: str) -> None:
        """A database error after opening: corruption sets the file aside (the next call opens
        a new one); anything else (locked for too long, disk full) skips this operation."""
        if _is_corrupt(exc) and not self._replaced:
            self._set_aside(str(exc))
        else:
            note(f"cache: {doing} skipped: {exc}")

    def close(self) -> None:
        if self._conn is not None and self._pid == os.getpid():
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001
                pass
        self._conn = None

    # reading ----------------------------------------------------------------------
    def get(self, kind: str, key: str) -> Any:
        """The plain value stored under ``(kind, key)``, or None."""
        return self.get_many(kind, [key]).get(key, (None, 0))[0]

    def get_many(self, kind: str, keys: Iterable[str]) -> dict[str, tuple[Any, int]]:
        """``{key: (value, stamp)}`` for the keys that have a readable entry. Entries that are
        not readable are left out (and noted)."""
        keys = list(dict.fromkeys(keys))
        conn = self._connect()
        if conn is None or not keys:
            return {}
        out: dict[str, tuple[Any, int]] = {}
        try:
            for i in range(0, len(keys), 500):
                part = keys[i:i + 500]
                marks = ",".join("?" * len(part))
                rows = conn.execute(f"SELECT key, stamp, value FROM entries WHERE kind=? AND key IN ({marks})",
                                    (kind, *part)).fetchall()
                for key, stamp, blob in rows:
                    try:
                        value = decode(blob)
                    except Exception:  # noqa: BLE001 - foreign, truncated or hostile: a miss
                        note(f"cache: an unreadable {kind} entry was skipped")
                        continue
                    out[key] = (value, stamp if isinstance(stamp, int) else 0)
        except Exception as exc:  # noqa: BLE001
            self._fail(exc, f"reading {kind} entries")
            return {}
        return out

    # writing ----------------------------------------------------------------------
    def put_many(self, kind: str, items: Iterable[tuple[str, Any]], *, touch: Iterable[str] = (),
                 compress: bool = True) -> None:
        """Store ``(key, plain value)`` pairs and refresh the stamps of ``touch`` in one
        transaction. A value that is not plain data is skipped. ``compress=False``: stored as
        JSON whatever its size (for entries that every run reads: decompressing costs more
        than reading the larger row)."""
        now = int(time.time())
        rows = []
        for key, value in items:
            try:  # bytes: encoded already (by a worker process)
                rows.append((kind, key, now, value if isinstance(value, bytes) else encode(value, compress)))
            except (TypeError, ValueError):
                note(f"cache: a {kind} entry that is not plain data was not stored")
        touch = list(touch)
        if not rows and not touch:
            return
        conn = self._connect()
        if conn is None:
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows)
                conn.executemany("UPDATE entries SET stamp=? WHERE kind=? AND key=?", [(now, kind, k) for k in touch])
                prune = self._due(conn, now)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            if prune:
                self.prune(now)
        except Exception as exc:  # noqa: BLE001
            self._fail(exc, f"writing {kind} entries")

    def put(self, kind: str, key: str, value: Any, *, compress: bool = True) -> None:
        self.put_many(kind, [(key, value)], compress=compress)

    def delete(self, kind: str, keys: Iterable[str]) -> None:
        conn = self._connect()
        if conn is None:
            return
        try:
            conn.executemany("DELETE FROM entries WHERE kind=? AND key=?", [(kind, k) for k in keys])
        except Exception as exc:  # noqa: BLE001
            self._fail(exc, f"deleting {kind} entries")

    @staticmethod
    def _due(conn, now: int) -> bool:
        row = conn.execute("SELECT value FROM meta WHERE name='pruned'").fetchone()
        try:
            last = int(row[0]) if row else 0
        except (TypeError, ValueError):
            last = 0
        if now - last < PRUNE_EVERY and last <= now:
            return False
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('pruned', ?)", (str(now),))
        return True

    def prune(self, now: int | None = None, *, max_age: float = MAX_AGE, max_entries: int = MAX_ENTRIES,
              max_bytes: int = MAX_BYTES) -> int:
        """Delete entries unused for ``max_age`` seconds, then the oldest while there are more
        than ``max_entries`` or the file is larger than ``max_bytes``. Returns how many went."""
        now = int(time.time()) if now is None else now
        conn = self._connect()
        if conn is None:
            return 0
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                gone = conn.execute("DELETE FROM entries WHERE stamp < ?", (now - int(max_age),)).rowcount
                count = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
                pages, size = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
                free = conn.execute("PRAGMA freelist_count").fetchone()[0]
                used = (pages - free) * size
                excess = count - max_entries
                if used > max_bytes and count:
                    excess = max(excess, int(count * (1 - max_bytes / used)) + 1)
                if excess > 0:
                    excess = max(excess, count // 10)  # make room for a while
                    gone += conn.execute("DELETE FROM entries WHERE rowid IN "
                                         "(SELECT rowid FROM entries ORDER BY stamp LIMIT ?)", (excess,)).rowcount
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            if gone:
                conn.execute("PRAGMA incremental_vacuum")
            return gone
        except Exception as exc:  # noqa: BLE001
            self._fail(exc, "pruning")
            return 0


_STORES: dict[str, Store] = {}
_INHERITED: list = []  # connections a forked process inherited: kept, so that they are never closed there


def store(folder: Path | str | None = None) -> Store | None:
    """The store of ``folder`` (default: the user's cache folder), or None when caching is off."""
    if not enabled():
        return None
    if folder is None:
        from .cachedir import user_cache_dir

        folder = user_cache_dir()
    key = os.path.abspath(os.fspath(folder))
    st = _STORES.get(key)
    if st is None:
        st = _STORES[key] = Store(Path(key))
        if len(_STORES) == 1:
            import atexit

            atexit.register(close_all)
    return st


def close_all() -> None:
    for st in _STORES.values():
        st.close()


# --------------------------------------------------------------------------- results


class ResultCache:
    """Per-file results (plain data, ``reportlint.resultdata``) in the store: ``lookup`` the
    keys of a run in one query, ``put`` what was linted, ``save`` writes it in one transaction."""

    def __init__(self, project: Path | None, salt: str, directory: Path | None = None) -> None:
        # ``project`` (the folder the run started in) no longer matters: one database per cache
        # folder holds the entries of every project, keyed by each file's path and content
        self.salt = digest(salt)  # hashed once: it is part of every key
        self.store = store(directory)
        self.path = self.store.path if self.store is not None else None
        self.hits = self.misses = 0
        self._new: dict[str, Any] = {}
        self._touch: list[str] = []

    def key(self, *parts: bytes | str) -> str:
        return digest(self.salt, *parts)

    def lookup(self, keys: Iterable[str]) -> dict[str, Any]:
        """``{key: plain value}`` for the keys with an entry."""
        if self.store is None:
            return {}
        found = self.store.get_many("result", keys)
        now = time.time()
        self._touch.extend(k for k, (_, stamp) in found.items() if now - stamp > TOUCH_AFTER)
        return {k: v for k, (v, _) in found.items()}

    def put(self, key: str, value: Any) -> None:
        """Store plain data, or the bytes :func:`encode` made of it."""
        self._new[key] = value

    def forget(self, keys: Iterable[str]) -> None:
        """Entries found unusable after all: deleted, so the next run rebuilds them."""
        keys = list(keys)
        if self.store is not None and keys:
            self.store.delete("result", keys)

    def save(self) -> None:
        if self.store is not None and (self._new or self._touch):
            self.store.put_many("result", self._new.items(), touch=self._touch)
        self._new, self._touch = {}, []


# --------------------------------------------------------------------------- profiles


def load_plain(kind: str, parts: tuple[bytes | str, ...], build, validate=None) -> Any:
    """Plain data from the store (keyed by ``kind`` and ``parts``), or ``build()``, whose
    result is then stored (uncompressed: it is read by every run). ``validate(value)`` must
    accept a stored value (return True) for it to be used; a value it rejects is rebuilt.
    ``build`` raising stores nothing."""
    st = store()
    key = digest(runtime_salt(), *parts)
    if st is not None:
        value = st.get(kind, key)
        if value is not None:
            try:
                ok = validate is None or validate(value)
            except Exception:  # noqa: BLE001
                ok = False
            if ok:
                return value
            note(f"cache: a {kind} entry of the wrong shape was skipped and rebuilt")
    value = build()
    if st is not None:
        st.put(kind, key, value, compress=False)
    return value
