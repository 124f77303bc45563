"""Compiled regular expressions kept beside reportlint's bytecode, so that a run does not compile
them again (and, for the patterns :mod:`reportlint.lazyre` may skip, the words they need).

Python compiles a regular expression in Python code. A one-file check compiles ~150 of them
(reportlint's, its profile's prose patterns, markdown-it-py's, the standard library's): about a
fifth of the run, interpreter start included. What compiling gives is a list of integers (the
pattern's code for the ``_sre`` engine); this module keeps those lists in one file and, at the
start of a run, builds the patterns from them (in C, a few microseconds each) into ``re``'s own
cache, where ``re.compile`` finds them: every ``re.compile``, ``re.search(string)`` … of the run
then returns the same pattern as before, without compiling.

**Where, and why it may be trusted.** The file lives where Python keeps reportlint's own
bytecode: the package's ``__pycache__`` folder, or under ``PYTHONPYCACHEPREFIX`` when that is
set (``regex.<python tag>.marshal`` beside ``recache.<python tag>.pyc``). Whoever can write
there can already replace the ``.pyc`` files that Python runs, so the file is as trusted as
they are; it is never in the cache folder (``REPORTLINT_CACHE_DIR``), which may come from
shared storage. It is read with ``marshal`` (the format of ``.pyc`` files) and checked all the
same: the Python version, ``_sre``'s magic number and code size must be the running ones, every
entry has the expected types, and ``_sre`` validates each pattern's code (an invalid one raises,
and is skipped). Anything wrong means the file is ignored, and rewritten later; never an error.

**Exactly what ``re`` would build.** An entry is stored only after the pattern it builds was
compared with the one ``re`` compiled in that run (patterns compare equal when their text,
flags and code are the same), and only by the Python that wrote it (its full version is in the
file).

**Written rarely.** At the end of a run (``atexit``), if the run compiled at least ``MIN_NEW``
patterns the file lacks, they are added (the oldest entries leave beyond ``MAX_ENTRIES``) and
the file is replaced atomically: two runs writing at once lose at most the other's additions.
A run that compiled fewer leaves the file alone (some patterns are different text in every
process, such as one markdown-it-py builds from a set, and would otherwise rewrite it each
time). Nothing is read or written under ``--no-cache`` or ``REPORTLINT_NO_CACHE=1``, nothing
is written to a read-only folder. (``PYTHONDONTWRITEBYTECODE``, which many containers set, is
about ``.pyc`` files: it does not turn this off.)
"""
from __future__ import annotations

import os
import re
import sys

FORM = 3  # of the file's content: (header, [pattern entry, ...], {pattern: needed words})
MAX_ENTRIES = 400  # re's own cache holds 512 patterns
MAX_BYTES = 4 << 20
MIN_NEW = 4
_ROOM = 64  # of re's cache, left free when seeding

_seeded: dict[tuple, object] = {}  # key in re._cache -> the pattern put there
_stored: list[tuple] | None = None  # the file's valid entries, None: nothing to write to
_words: dict[str, object] = {}  # pattern -> lazyre.needed_words(pattern), from the file
_new_words: dict[str, object] = {}  # … worked out in this run
_active = False


def path() -> str | None:
    """The file, beside this module's bytecode (None when Python keeps none for it)."""
    cached = globals().get("__cached__")
    if not cached:
        return None
    return os.path.join(os.path.dirname(cached), f"regex.{sys.implementation.cache_tag}.marshal")


def _header() -> tuple:
    import _sre

    return (FORM, sys.version, sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE)


def _disabled() -> bool:
    return os.environ.get("REPORTLINT_NO_CACHE", "") not in ("", "0")


def seed() -> None:
    """Put the file's patterns into ``re``'s cache (once per process), and save at exit what
    the run compiled besides."""
    global _stored, _active
    if _active or _disabled():
        return
    rcache = getattr(re, "_cache", None)
    file = path()
    if type(rcache) is not dict or file is None:
        return
    _active = True
    import atexit

    atexit.register(save)
    _stored = []
    try:
        with open(file, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return
        import marshal

        content = marshal.loads(data)
    except Exception:  # noqa: BLE001 - unreadable or not marshal data (OSError, ValueError, EOFError …)
        return
    if type(content) is not tuple or len(content) != 3 or content[0] != _header() or type(content[1]) is not list:
        return
    if type(content[2]) is dict:
        _words.update((k, v) for k, v in content[2].items() if type(k) is str and _sound_words(v))
    import _sre
    from array import array

    typecode = _typecode()
    room = getattr(re, "_MAXCACHE", 512) - _ROOM - len(rcache)
    for entry in content[1]:
        if not _sound(entry):
            continue
        pattern, flags, all_flags, code, groups, groupindex, indexgroup = entry
        key = (type(pattern), pattern, flags)
        try:
            items = array(typecode)
            items.frombytes(code)
            rx = _sre.compile(pattern, all_flags, items.tolist(), groups, groupindex, indexgroup)
        except Exception:  # noqa: BLE001 - _sre found the code invalid: the entry is not used
            continue
        _stored.append(entry)
        if key not in rcache and room > 0:
            rcache[key] = _seeded[key] = rx
            room -= 1


def ready(pattern: str | bytes, flags: int = 0) -> bool:
    """Does ``re.compile(pattern, flags)`` find the pattern compiled already (from the file, or
    earlier in this process), so that it costs nothing?"""
    rcache = getattr(re, "_cache", None)
    return type(rcache) is dict and (type(pattern), pattern, flags) in rcache


def _sound(entry: object) -> bool:
    """Has a stored entry the types :func:`_entry` gives?"""
    if type(entry) is not tuple or len(entry) != 7:
        return False
    pattern, flags, all_flags, code, groups, groupindex, indexgroup = entry
    return (type(pattern) in (str, bytes) and type(flags) is int and type(all_flags) is int
            and all_flags & flags == flags and not flags & re.DEBUG and type(code) is bytes
            and type(groups) is int and type(groupindex) is dict and type(indexgroup) is tuple
            and (not groupindex or (all(type(k) is str and type(v) is int for k, v in groupindex.items())
                                    and all(g is None or type(g) is str for g in indexgroup))))


def _typecode() -> str:
    """The ``array`` type of an item of a pattern's code (``_sre.CODESIZE`` bytes): the file
    keeps the code as the bytes of such an array (read back far quicker than a list of ints)."""
    import _sre
    from array import array

    return "I" if array("I").itemsize == _sre.CODESIZE else "L"


def _sound_words(value: object) -> bool:
    return value is None or (type(value) is tuple and all(
        type(group) is tuple and group and all(type(w) is str and w for w in group) for group in value))


def needed_words(pattern: str, work_out) -> object:
    """``work_out(pattern)`` (:func:`reportlint.lazyre.needed_words`: what every match of the
    pattern needs, read from its text), kept in the file beside the compiled patterns."""
    try:
        return _words[pattern]
    except KeyError:
        pass
    value = _words[pattern] = work_out(pattern)
    if _active:
        _new_words[pattern] = value
    return value


def unseed() -> None:
    """Under ``--no-cache`` given after all: take the seeded patterns out of ``re``'s cache, and
    write nothing."""
    global _stored, _active
    rcache = getattr(re, "_cache", None)
    for key, rx in _seeded.items():
        if type(rcache) is dict and rcache.get(key) is rx:
            del rcache[key]
    _seeded.clear()
    _words.clear()
    _new_words.clear()
    _stored = None
    _active = False


def _entry(pattern: str | bytes, flags: int, compiled: object) -> tuple | None:
    """What the file keeps of ``pattern``: its code as ``re`` builds it (None when the pattern
    this builds is not equal to ``compiled``, which ``re`` built, or this Python builds
    patterns otherwise)."""
    try:
        import _sre
        from re import _compiler, _parser

        from array import array

        p = _parser.parse(pattern, flags)
        code = [int(c) for c in _compiler._code(p, flags)]
        groupindex = dict(p.state.groupdict)
        indexgroup: list[str | None] = [None] * p.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        all_flags = flags | p.state.flags
        rest = (p.state.groups - 1, groupindex, tuple(indexgroup))
        built = _sre.compile(pattern, all_flags, code, *rest)
        entry = (pattern, flags, all_flags, array(_typecode(), code).tobytes(), *rest)
    except Exception:  # noqa: BLE001 - another Python's re: nothing is kept
        return None
    return entry if built == compiled and _sound(entry) else None


def save() -> None:
    """Add to the file what this run compiled or read (at least ``MIN_NEW`` patterns it lacks)."""
    global _stored
    stored, _stored = _stored, None
    rcache = getattr(re, "_cache", None)
    file = path()
    if stored is None or type(rcache) is not dict or file is None or _disabled():
        return
    known = {(type(e[0]), e[0], e[1]) for e in stored}
    new = [(key, rx) for key, rx in list(rcache.items())
           if key not in known and type(key) is tuple and len(key) == 3 and key[0] in (str, bytes)
           and type(key[2]) is int and not key[2] & re.DEBUG]
    if len(new) < MIN_NEW and len(_new_words) < MIN_NEW:
        return
    added = [e for e in (_entry(key[1], key[2], rx) for key, rx in new) if e is not None]
    if len(added) < MIN_NEW and len(_new_words) < MIN_NEW:
        return  # patterns that cannot be kept (not what re built) must not rewrite the file at every run
    entries = (stored + added)[-MAX_ENTRIES:]
    words = {k: v for k, v in _words.items() if _sound_words(v)}
    if len(words) > MAX_ENTRIES:  # the oldest leave
        words = dict(list(words.items())[-MAX_ENTRIES:])
    import marshal

    tmp = f"{file}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(file), exist_ok=True)  # as Python makes it for bytecode
        with open(tmp, "wb") as fh:
            fh.write(marshal.dumps((_header(), entries, words)))
        os.replace(tmp, file)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
