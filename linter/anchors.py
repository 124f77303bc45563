"""Anchors a Markdown file offers: heading slugs computed the way GitHub renders them, plus
explicit HTML ``id`` / ``<a name>``.

GitHub's slug (checked against the fixtures github-slugger generates from github.com and
html-pipeline's TableOfContentsFilter): lower-case the heading's text, remove every character
that is not a letter, a mark, a decimal or letter number, a connector (``_``), ``-`` or an
ASCII space, then turn each ASCII space into ``-``. Nothing is trimmed or collapsed. CJK
characters are letters and stay; full-width punctuation (``、（）：``) and the ideographic
space go. A repeated slug gets ``-1``, ``-2``… (skipping slugs already taken).

``file_anchors(path)`` reads another Markdown file of the repository once per process (the
anchor index is built lazily, only for files that links point into).
"""
from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

from .lazyre import Patterns

# So (Other_Symbol) characters that are Alphabetic and so kept: circled and squared letters
_ALPHA_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


@lru_cache(maxsize=4096)
def _keep(ch: str) -> bool:
    cat = unicodedata.category(ch)
    if cat[0] in "LM" or cat in ("Nd", "Nl", "Pc"):
        return True
    cp = ord(ch)
    return any(a <= cp <= b for a, b in _ALPHA_SYMBOLS)


def github_slug(text: str) -> str:
    """The slug of one heading text, before duplicates are numbered."""
    out = []
    for ch in text.lower():
        if ch == " ":
            out.append("-")
        elif ch == "-" or (ch.isascii() and (ch.isalnum() or ch == "_")) or (not ch.isascii() and _keep(ch)):
            out.append(ch)
    return "".join(out)


class Slugger:
    """Numbers repeated slugs like GitHub: ``a``, ``a-1``, ``a-2``, skipping taken ones."""

    def __init__(self) -> None:
        self.occurrences: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = slug = github_slug(text)
        while slug in self.occurrences:
            self.occurrences[base] += 1
            slug = f"{base}-{self.occurrences[base]}"
        self.occurrences[slug] = 0
        return slug


_RE = Patterns()
_RE.add("code", r"(`+)(.+?)\1", re.S)
_RE.add("image", r"!\[([^\]]*)\]\([^)]*\)")
_RE.add("link", r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_RE.add("autolink", r"<([A-Za-z][A-Za-z0-9.+\-]{1,31}:[^\s<>]*)>")
_RE.add("tag", r"</?[A-Za-z][^>]*>")
_RE.add("emph", r"(\*{1,3}|(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])|~~)")
_RE.add("esc", r"\\([!-/:-@\[-`{-~])")


def heading_text(raw: str) -> str:
    """The text a reader sees for a heading's inline source (what GitHub slugs)."""
    text = raw
    if any(c in text for c in "`[<*_~\\&"):
        codes: list[str] = []

        def keep_code(m):
            codes.append(m.group(2).strip() if m.group(2).strip() else m.group(2))
            return f"\x00{len(codes) - 1}\x00"

        text = _RE.code.sub(keep_code, text)
        text = _RE.image.sub("", text)
        text = _RE.link.sub(r"\1", text)
        text = _RE.autolink.sub(r"\1", text)
        text = _RE.tag.sub("", text)
        text = _RE.emph.sub("", text)
        text = _RE.esc.sub(r"\1", text)
        if "&" in text:
            import html

            text = html.unescape(text)
        text = re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], text)
    return text.strip()


def document_anchors(doc) -> frozenset[str]:
    """Every anchor ``doc`` offers (computed once per document)."""
    def compute():
        from .links import links_of

        slugger = Slugger()
        out = {slugger.slug(heading_text(h.raw)) for h in doc.headings}
        out.update(links_of(doc).html_anchors)
        return frozenset(out)

    return doc.memo("anchors", compute)


_FILE_ANCHORS: dict[str, tuple[int, int, frozenset[str] | None]] = {}  # real path -> (mtime, size, anchors)


def file_anchors(path: str) -> frozenset[str] | None:
    """Anchors of the Markdown file at ``path`` (None when it cannot be read as Markdown).
    Read once per process; a file changed since is read again, and replaces what was kept of it
    (a language server lives for days: one entry per file, not one per version)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    real = os.path.realpath(path)
    kept = _FILE_ANCHORS.get(real)
    if kept is not None and kept[:2] == (st.st_mtime_ns, st.st_size):
        return kept[2]
    from pathlib import Path

    from .document import load

    doc = load(Path(path))
    anchors = None if doc.problem is not None else document_anchors(doc)
    _FILE_ANCHORS[real] = (st.st_mtime_ns, st.st_size, anchors)
    return anchors


def closest_anchor(fragment: str, anchors: frozenset[str]) -> str:
    """The anchor a broken fragment most likely meant ('' when none is close)."""
    if not anchors:
        return ""
    folded = {a.casefold(): a for a in anchors}
    if fragment.casefold() in folded:
        return folded[fragment.casefold()]
    slug = github_slug(fragment)
    if slug in anchors:
        return slug
    import difflib

    close = difflib.get_close_matches(fragment, sorted(anchors), n=1, cutoff=0.6)
    return close[0] if close else ""
