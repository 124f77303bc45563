"""Characters that do not show as themselves.

Two uses, one definition of what is dangerous:

- in a report, bidirectional controls and zero-width characters hide what the text says: in
  ``申请\\u202e9113\\u202c件`` a reader sees 3119 where the file says 9113, and ``1\\u200b2`` looks
  like 12 but is not a number to a program (FILE006 reports them, table cells and prose are
  read the way a reader sees them or not at all);
- in what reportlint prints, report text (a cell, a heading, a file name) must never reach a
  terminal, an editor or a CI page raw: ``\\x1b]0;pwned\\x07\\x1b[2J`` would set the terminal's
  title and clear the screen, a bidi override would reorder a message. :func:`escape` makes
  such characters visible (``\\x1b``, ``\\u202e``) for people; :func:`json_safe` writes them as
  JSON escapes, so a JSON, SARIF or GitLab file holds exactly the same data and is still safe
  to ``cat``.
"""
from __future__ import annotations

import re
import unicodedata

from .lazyre import LazyPattern

# bidirectional formatting: embeddings and overrides (U+202A–202E), isolates (U+2066–2069) and
# the invisible direction marks (U+200E, U+200F, U+061C): they reorder what a reader sees
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# zero-width characters: a reader sees nothing, a program sees a character
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
INVISIBLE = BIDI + ZERO_WIDTH
# compiled on first use (scattered characters: ~0.2 ms); has_invisible tells whether it is needed
INVISIBLE_RE = LazyPattern(f"[{INVISIBLE}]+")
BIDI_RE = LazyPattern(f"[{BIDI}]")  # compiled on first use (scattered characters: ~0.2 ms)


def has_invisible(text: str) -> bool:
    """Does ``text`` hold a character of :data:`INVISIBLE` (``INVISIBLE_RE.search(text)``, faster
    on a whole file and with nothing to compile)?"""
    return not text.isascii() and any(c in text for c in INVISIBLE)


def char_name(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED')}"


# control (C0, DEL, C1), format (Cf: bidi, zero-width, tags…) and line/paragraph separators
# (Zl, Zp), from the Unicode 14 tables (a test checks them against ``unicodedata``; 13430–1343F
# covers the Egyptian format controls of later versions): characters a terminal, an editor or a
# web page does not show as themselves; and the noncharacters U+FFFE and U+FFFF (not allowed in XML)
_UNSAFE_RANGES = ("\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
                  "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
                  "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
                  "\U000e0001\U000e0020-\U000e007f\ufffe\uffff")
# compiled on first use (~0.3 ms each): most runs print no text that needs them
_UNSAFE_RE = LazyPattern(f"[{_UNSAFE_RANGES}]")
_UNSAFE_IN_JSON_RE = LazyPattern(f"(?![\\t\\n\\r])[{_UNSAFE_RANGES}]")  # JSON's own layout stays
_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(ch: str) -> str:
    c = ord(ch)
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" if c < 0x10000 else f"\\U{c:08x}"


def escape(text: str, *, keep: str = "") -> str:
    """``text`` with every control, format and separator character written as an escape
    (``\\x1b``, ``\\u202e``, ``\\n``): safe to print for people. Characters in ``keep`` stay
    (a source line keeps its tabs; a GitHub annotation encodes line breaks its own way)."""
    if not _UNSAFE_RE.search(text):
        return text
    return _UNSAFE_RE.sub(lambda m: m.group() if m.group() in keep else _visible(m.group()), text)


def escape_char(ch: str) -> str:
    """One character as :func:`escape` writes it."""
    return _visible(ch) if _UNSAFE_RE.match(ch) else ch


def _json_escape(ch: str) -> str:
    c = ord(ch)
    if c < 0x10000:
        return f"\\u{c:04x}"
    c -= 0x10000
    return f"\\u{0xD800 + (c >> 10):04x}\\u{0xDC00 + (c & 0x3FF):04x}"


def json_safe(dumped: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the characters
    :func:`escape` would escape written as ``\\uXXXX``: the same data, safe to print. Outside
    strings JSON text holds only ASCII punctuation, letters, digits and whitespace (kept);
    ``json.dumps`` already escapes C0 controls inside strings."""
    return _UNSAFE_IN_JSON_RE.sub(lambda m: _json_escape(m.group()), dumped)
