"""Path globs of configuration files (``exclude``, ``overrides``, ``per-file-ignores``), matched
against a file's path relative to the configuration's folder: ``**`` spans folders, ``*`` and
``?`` stay inside one, a glob without ``/`` matches at any depth, and a glob that matches a folder
matches everything in it."""
from __future__ import annotations

import re

from .records import Record


def glob_regex(pattern: str) -> re.Pattern:
    """Translate a path glob: ``**`` spans folders, ``*`` and ``?`` stay inside one, ``[...]``
    is a character class; a pattern without ``/`` matches at any depth; ``/`` at the start
    anchors it to the configuration folder."""
    pat = pattern.replace("\\", "/").strip()
    if pat.startswith("./"):
        pat = pat[2:]
    pat = pat.rstrip("/") or pat
    if pat.startswith("/"):
        pat = pat.lstrip("/")
    elif "/" not in pat:
        pat = "**/" + pat
    out = []
    i = 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = pat.find("]", i + 2)
            if j == -1:
                out.append(re.escape(c))
                i += 1
            else:
                body = pat[i + 1:j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("".join(out) + r"\Z")


class Glob(Record):
    pattern: str
    regex: re.Pattern

    def __init__(self, pattern: str, regex: re.Pattern) -> None:
        self.pattern = pattern
        self.regex = regex

    @classmethod
    def of(cls, pattern: str) -> "Glob":
        return cls(pattern, glob_regex(pattern))

    def matches(self, rel: str) -> bool:
        """``rel`` is a ``/``-separated path relative to the configuration folder; a glob that
        matches one of its folders matches it too."""
        if rel.startswith("../") or rel == "..":
            return False
        parts = rel.split("/")
        return any(self.regex.match("/".join(parts[:k])) for k in range(len(parts), 0, -1))
