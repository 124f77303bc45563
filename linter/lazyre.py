"""Regular expressions compiled on first use, and not compiled at all while the text cannot match.

Python compiles a regular expression in Python code: a few tenths of a millisecond for one of the
profile's Chinese patterns (a set of scattered characters such as ``[零一二三]`` costs ~0.1 ms, a
range of ideographs ``[\\u4e00-\\u9fff]`` ~0.9 ms), tens of milliseconds for all the patterns a
check could use. A one-file run (an editor on save, a pre-commit hook) uses a fraction of them.

``LazyPattern(pattern)`` stands for ``re.compile(pattern)``: it compiles on the first call of any
method, after which the compiled pattern's methods are its own attributes (later calls go straight
to them). ``LazyPattern(pattern, skip=True)`` also works out, from the pattern's text, groups of
words such that every match holds a word of each group (:func:`needed_words`: ``(收到|受理)了?申请``
needs ``申请``, and ``收到`` or ``受理``). While a text lacks a group, ``search``, ``match``,
``fullmatch``, ``finditer``, ``findall`` and ``sub`` answer as the pattern would (no match)
without compiling it; the first text that holds a word of each group compiles it. Most of a
profile's patterns are never compiled in a short report. A pattern that ``re`` has compiled
already (from the store of :mod:`reportlint.recache`) is used at once. A pattern that has skipped ``SKIPS``
texts is compiled all the same, so that a long run (thousands of reports in one process) calls
``re`` directly.
"""
from __future__ import annotations

import re
import sys
from typing import Callable

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
_UNKNOWN = object()
_MAX = sys.maxsize
SKIPS = 256  # texts a pattern skips before it is compiled anyway (a one-file run asks a few each)


class LazyPattern:
    """``re.compile(pattern, flags)`` on first use (``build``: then ``build(compiled)``). With
    ``skip``, calls on a text that lacks a group of the pattern's :func:`needed_words` answer
    without compiling."""

    def __init__(self, pattern: str, flags: int = 0, *, skip: bool = False,
                 build: Callable[[re.Pattern], re.Pattern] | None = None) -> None:
        self.pattern = pattern
        self._flags = flags
        self._build = build
        self._words = _UNKNOWN if skip and not flags else None
        self._skips = SKIPS

    def derived(self, build: Callable[[re.Pattern], re.Pattern]) -> "LazyPattern":
        """A lazy ``build(re.compile(pattern))``, a pattern with the same matches as this one
        (it skips texts on the same words)."""
        other = LazyPattern(self.pattern, self._flags, build=build)
        other._words = self._words
        return other

    def compiled(self) -> re.Pattern:
        rx = re.compile(self.pattern, self._flags)
        if self._build is not None:
            rx = self._build(rx)
        for name in _METHODS:
            setattr(self, name, getattr(rx, name))
        self.compiled = lambda: rx  # type: ignore[method-assign]
        return rx

    def __getattr__(self, name: str):  # groups, groupindex, flags …
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def _absent(self, string, pos: int, endpos: int) -> bool:
        """Is some group of needed words missing from ``string[pos:endpos]`` (so that nothing
        matches)? After ``SKIPS`` texts, no longer asked: the pattern is compiled (a long run is as
        fast as with compiled patterns)."""
        groups = self._words
        if groups is _UNKNOWN:
            from . import recache

            if recache.ready(self.pattern, self._flags):  # compiled already: reading its words costs more
                self._words = None
                self.compiled()
                return False
            groups = self._words = recache.needed_words(self.pattern, needed_words)
        if groups is None or type(string) is not str or type(pos) is not int or type(endpos) is not int:
            return False
        self._skips -= 1
        if not self._skips:
            return False
        if pos == 0 and endpos >= len(string):
            for words in groups:
                for w in words:
                    if w in string:
                        break
                else:
                    return True
            return False
        if pos < 0 or endpos < 0:
            return False  # re clamps negative positions, str.find counts them from the end
        for words in groups:
            for w in words:
                if string.find(w, pos, endpos) >= 0:
                    break
            else:
                return True
        return False

    def search(self, string, pos=0, endpos=_MAX):
        if self._absent(string, pos, endpos):
            return None
        return self.compiled().search(string, pos, endpos)

    def match(self, string, pos=0, endpos=_MAX):
        if self._absent(string, pos, endpos):
            return None
        return self.compiled().match(string, pos, endpos)

    def fullmatch(self, string, pos=0, endpos=_MAX):
        if self._absent(string, pos, endpos):
            return None
        return self.compiled().fullmatch(string, pos, endpos)

    def finditer(self, string, pos=0, endpos=_MAX):
        if self._absent(string, pos, endpos):
            return iter(())
        return self.compiled().finditer(string, pos, endpos)

    def findall(self, string, pos=0, endpos=_MAX):
        if self._absent(string, pos, endpos):
            return []
        return self.compiled().findall(string, pos, endpos)

    def sub(self, repl, string, count=0):
        # a template with a backslash is checked by re even when nothing matches
        if (callable(repl) or (type(repl) is str and "\\" not in repl)) and self._absent(string, 0, _MAX):
            return string
        return self.compiled().sub(repl, string, count=count)

    def subn(self, repl, string, count=0):
        return self.compiled().subn(repl, string, count=count)

    def split(self, string, maxsplit=0):
        return self.compiled().split(string, maxsplit=maxsplit)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"



class Patterns:
    """A module's regular expressions by name, each a :class:`LazyPattern` (compiled on first
    use): ``_RE = Patterns()``, ``_RE.add("tag", r"<(\\w+)")``, then ``_RE.tag.match(…)``."""

    def add(self, name: str, pattern: str, flags: int = 0) -> None:
        setattr(self, name, LazyPattern(pattern, flags))


# --------------------------------------------------------------------------- needed words

# a pattern as tokens: a run of plain characters, an escape, a set, a group's opening, a
# repetition, or any other single character (. ^ $ | ) and what is not understood)
_TOKEN = LazyPattern(
    r"[^\\.^$*+?{}\[\]()|]+"
    r"|\\."
    r"|\[\^?\]?(?:[^\]\\]|\\.)*\]"
    r"|\((?:\?(?:P<|<?.)?)?"
    r"|(?:[*+?]|\{\d*,?\d*\})[?+]?"
    r"|.", re.S)
_SYNTAX = frozenset("\\.^$*+?{}[]()|")


class _Unknown(Exception):
    pass


def needed_words(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """Groups of words such that every match of ``pattern`` (compiled without flags) holds a word
    of each group (the most telling groups, at most ``GROUPS``), or None when the pattern's text
    does not tell (or holds what this does not understand: inline flags, ``\\x``/``\\u``/``\\N``
    escapes, back-references, conditionals, a ``{`` that repeats nothing …).

    A group is a run of plain characters that a match must consume (one word), or the words of
    the alternatives of a group of the pattern that a match must pass through (for each
    alternative, its most telling group); looking around, optional parts and anything else need
    nothing. ``(收到|受理)了?申请`` needs ``申请``, and ``收到`` or ``受理``."""
    tokens = _TOKEN.findall(pattern)
    tokens.append("")  # the end
    try:
        groups, end = _alternatives(tokens, 0)
    except _Unknown:
        return None
    if tokens[end] or not groups:
        return None  # a ")" closes nothing (re would not have compiled it), or nothing needed
    groups.sort(key=_telling)
    return tuple(groups[:GROUPS])


GROUPS = 3  # groups of needed words a pattern is skipped on (each costs a test per text)


def _telling(words: tuple[str, ...]) -> tuple[int, int]:
    """Sort key, most telling first: the longest shortest word, then the fewest words."""
    return -min(map(len, words)), len(words)


def _alternatives(tokens: list[str], i: int) -> tuple[list[tuple[str, ...]], int]:
    """The groups of needed words of alternatives starting at token ``i`` (all of them for one
    alternative; for several, one group of the words of each one's most telling group), and the
    index of the token that ends them (``)`` or the end)."""
    groups, i = _sequence(tokens, i)
    if tokens[i] != "|":
        return groups, i
    union: set[str] | None = set(min(groups, key=_telling)) if groups else None
    while tokens[i] == "|":
        groups, i = _sequence(tokens, i + 1)
        if not groups:
            union = None
        elif union is not None:
            union.update(min(groups, key=_telling))
    return ([tuple(sorted(union))] if union else []), i


def _repeat(tokens: list[str], i: int) -> tuple[int, int]:
    """(least number of repetitions of the item before token ``i``, index after the repetition)."""
    rep = tokens[i]
    if rep[:1] in ("*", "?"):
        return 0, i + 1
    if rep[:1] == "+":
        return 1, i + 1
    if rep[:1] == "{" and len(rep) > 1:
        least = rep[1:rep.index("}")].split(",")[0]
        return (int(least) if least else 0), i + 1
    return 1, i


def _repeated(token: str) -> bool:
    return token[:1] in ("*", "+", "?") or (token[:1] == "{" and len(token) > 1)


def _sequence(tokens: list[str], i: int) -> tuple[list[tuple[str, ...]], int]:
    """The groups of needed words of the sequence starting at token ``i`` (up to ``|``, ``)`` or
    the end), and the index of the token that ends it."""
    groups: list[tuple[str, ...]] = []
    run = ""  # plain characters a match consumes one after the other
    while True:
        t = tokens[i]
        i += 1
        c = t[:1]
        if c not in _SYNTAX or c == "\\":
            if c == "\\":
                e = t[1]
                if e.isascii() and e.isalnum():
                    if e in "xuUNg" or e.isdigit():
                        raise _Unknown  # a code point, a name or a back-reference: not read here
                    # \\d \\s \\w \\b \\A \\Z \\t \\n …: needs nothing, ends a run
                    if run:
                        groups.append((run,))
                    run = ""
                    i = _repeat(tokens, i)[1]
                    continue
                t = e  # an escaped punctuation mark or other character: itself
            elif not c:
                if run:
                    groups.append((run,))
                return groups, i - 1
            if not _repeated(tokens[i]):  # all of it is needed, after the run
                run += t
                continue
            least, i = _repeat(tokens, i)  # repeats the last character only
            run += t[:-1]
            if run:
                groups.append((run,))
            run = t[-1] if least else ""
            continue
        if c == "|" or c == ")":
            i -= 1
            break
        if run:
            groups.append((run,))
        run = ""
        if c == "[" and len(t) > 1:
            i = _repeat(tokens, i)[1]
        elif c == "(":
            if t == "(" or t == "(?:" or t == "(?P<":
                if t == "(?P<":  # the name, up to ">", is read as plain text
                    rest = tokens[i].partition(">")
                    if not rest[1] or tokens[i][:1] in _SYNTAX:
                        raise _Unknown
                    if rest[2]:  # the group's first characters
                        tokens[i] = rest[2]
                    else:
                        i += 1
                inner, i = _alternatives(tokens, i)
                needed = True
            elif t in ("(?=", "(?!", "(?<=", "(?<!"):
                inner, i = _alternatives(tokens, i)
                needed = False  # looks around: consumes nothing
            else:
                raise _Unknown  # flags, comments, conditionals, atomic groups, (?P=name)
            if tokens[i] != ")":
                raise _Unknown
            least, i = _repeat(tokens, i + 1)
            if needed and least:
                groups += inner
        elif c in (".", "^", "$"):
            i = _repeat(tokens, i)[1]
        else:
            raise _Unknown  # a repetition of nothing, "{" that is not one, a stray "[" "]" or "}"
    if run:
        groups.append((run,))
    return groups, i
