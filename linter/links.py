"""Links in a document: every destination, where it is written, and what it points to.

Found without a full inline parse (the LNK rules must stay cheap enough for pre-commit): the
block tokens say which lines hold inline text, HTML or code, and a small scanner that follows
CommonMark's rules for the constructs that matter here (backslash escapes, code spans,
autolinks, raw HTML, inline links and images with balanced brackets and parentheses, full /
collapsed / shortcut references) finds each link with the exact line and column of its
destination. Reference definitions are the lines no block covers (markdown-it consumes them).

Bare URLs are found in what remains. markdown-it-py runs without linkify, but GitHub (and most
renderers of report repositories) link ``http://…``, ``https://…`` and ``www.…`` in text: the link
runs to the next space. In Chinese text there is rarely a space, so ``网址为http://www.beijing.gov.cn/，如需了解``
is rendered as a link to ``http://www.beijing.gov.cn/，如需了解``. :class:`Link.glued` records
that text; the URL the author meant ends before it.

``classify(dest)`` says what a destination points to (web page, file in the repository, anchor,
local file, or a malformed URL and why). Everything is computed once per document
(``links_of(doc)``) and shared by the LNK rules.
"""
from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import namedtuple
from functools import lru_cache
from pathlib import Path

from .diagnostics import Span
from .lazyre import Patterns

_RE = Patterns()  # compiled on first use: a run without a link does not pay for them

# --------------------------------------------------------------------------- model


# The named tuples are made with collections.namedtuple (see diagnostics.Span for why).
class Link(namedtuple("Link", "kind dest span label glued glued_span raw", defaults=("", "", None, ""))):
    """One link destination as written.

    ``kind``: ``inline`` ``[t](d)``, ``image`` ``![a](d)``, ``definition`` ``[l]: d``,
    ``autolink`` ``<d>``, ``html`` (``href``/``src`` attribute) or ``bare`` (a URL in text).
    ``dest``: backslash escapes and entities resolved; ``span``: where the destination is
    written; ``label``: definitions, the normalised label; ``glued``: bare URLs, the text after
    the URL that a GFM renderer makes part of the link (at ``glued_span``); ``raw``: the
    destination's source text."""

    __slots__ = ()


class RefUse(namedtuple("RefUse", "label written span form defined")):
    """A reference link ``[text][label]`` / ``[label][]`` / ``[label]``: ``label`` normalised,
    ``written`` as written, ``span`` the ``[label]`` part, ``form`` full | collapsed | shortcut."""

    __slots__ = ()


class Suspect(namedtuple("Suspect", "reason text span suggestion fix", defaults=("", ()))):
    """Text that was meant as a link or URL but is not one.

    ``reason``: ``fullwidth`` (full-width ``：`` / ``／`` in the scheme), ``misspelled``
    (``htp://``), ``missing-colon`` (``http//``), ``slashes`` (``http:/x``), ``space-after-scheme``
    (``http:// x``), ``space-in-destination`` (``[t](a b)`` is not a link), ``fullwidth-brackets``
    (``[t]（d）`` typed with a Chinese input method). ``fix``: ``((Span, replacement), ...)``
    when the repair is certain."""

    __slots__ = ()


class LinkIndex:
    """Everything :func:`links_of` found in one document."""

    __slots__ = ("links", "definitions", "references", "suspects", "html_anchors")

    def __init__(self) -> None:
        self.links: list[Link] = []
        self.definitions: dict[str, Link] = {}  # normalised label -> definition
        self.references: list[RefUse] = []
        self.suspects: list[Suspect] = []
        self.html_anchors: list[str] = []  # id="…" and <a name="…">


class Target(namedtuple("Target", "kind url path fragment scheme problem suggestion",
                        defaults=("", "", None, "", "", ""))):
    """What a destination points to.

    ``kind``: ``web`` (http/https), ``mail``, ``scheme`` (another known scheme: tel, ftp, data…),
    ``fragment`` (``#x`` in the same file), ``file`` (a path in the repository, ``path`` decoded,
    ``/x`` relative to the repository root), ``local`` (a file on the author's computer:
    ``file:``, ``C:\\…``), ``empty`` (``()`` or ``#``), ``malformed`` (``problem`` says why)."""

    __slots__ = ()


# --------------------------------------------------------------------------- text helpers


class _Text:
    """A run of source lines joined with ``\\n``; maps offsets to (line, column)."""

    __slots__ = ("text", "first_line", "starts")

    def __init__(self, lines: list[str], first_line: int) -> None:
        self.text = "\n".join(lines)
        self.first_line = first_line
        starts = [0]
        for ln in lines[:-1]:
            starts.append(starts[-1] + len(ln) + 1)
        self.starts = starts

    def pos(self, offset: int) -> tuple[int, int]:
        k = bisect_right(self.starts, offset) - 1
        return self.first_line + k, offset - self.starts[k] + 1

    def span(self, start: int, end: int) -> Span:
        l1, c1 = self.pos(start)
        if end <= start:
            return Span(l1, c1, l1, c1 + 1)
        l2, c2 = self.pos(end - 1)
        return Span(l1, c1, l2, c2 + 1)


def normalize_label(label: str) -> str:
    """CommonMark label matching: case-folded, inner whitespace collapsed."""
    return " ".join(label.split()).casefold()


_RE.add("entity", r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_RE.add("unescape", r"\\([!-/:-@\[-`{-~])")


def unescape(text: str) -> str:
    """Resolve backslash escapes and HTML entities (as CommonMark does in destinations)."""
    if "\\" in text:
        text = _RE.unescape.sub(r"\1", text)
    if "&" in text and _RE.entity.search(text):
        import html

        text = html.unescape(text)
    return text


def _blank(segment: str) -> str:
    return re.sub(r"[^\n]", " ", segment)


# --------------------------------------------------------------------------- inline scanning

_ESC = r"\\[!-/:-@\[-`{-~]"
_AUTOLINK = r"<[A-Za-z][A-Za-z0-9.+\-]{1,31}:[^\s<>]*>"
_EMAIL = (r"<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
          r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*>")
_ATTR = r"""\s+[A-Za-z_:][A-Za-z0-9_.:\-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
_HTML = rf"<[A-Za-z][A-Za-z0-9\-]*(?:{_ATTR})*\s*/?>|</[A-Za-z][A-Za-z0-9\-]*\s*>|<!--.*?-->"
_RE.add("special", rf"({_ESC})|(`+)|({_AUTOLINK})|({_EMAIL})|({_HTML})", re.S)
# the same without comments: past the last '-->' no comment can close, and trying '<!--.*?-->'
# at every unclosed '<!--' would scan to the end each time
_RE.add("special_nc", rf"({_ESC})|(`+)|({_AUTOLINK})|({_EMAIL})|({_HTML.rsplit('|', 1)[0]})", re.S)
_RE.add("tag_attrs", r"""\s([A-Za-z_:][A-Za-z0-9_.:\-]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_RE.add("tag_name", r"<\s*([A-Za-z][A-Za-z0-9\-]*)")
_RE.add("html_comment", r"<!--.*?-->", re.S)
_RE.add("html_tag_in_block", rf"<[A-Za-z][A-Za-z0-9\-]*(?:{_ATTR})*\s*/?>", re.S)
_URL_ATTRS = {"href", "src"}


@lru_cache(maxsize=16)
def _closing_ticks(n: int) -> re.Pattern:
    return re.compile(r"(?<!`)`{%d}(?!`)" % n)


def _html_tag(tag: str, base: int, tx: _Text, out: LinkIndex) -> None:
    """Collect href/src destinations and id/name anchors of one HTML start tag."""
    m = _RE.tag_name.match(tag)
    name = m.group(1).lower() if m else ""
    for a in _RE.tag_attrs.finditer(tag):
        attr = a.group(1).lower()
        gi = 3 if a.group(3) is not None else 4 if a.group(4) is not None else 5
        value = a.group(gi)
        if attr in _URL_ATTRS:
            v = value.strip()
            s = base + a.start(gi) + len(value) - len(value.lstrip())
            out.links.append(Link("html", unescape(v), tx.span(s, s + len(v)), raw=v))
        elif attr == "id" or (attr == "name" and name == "a"):
            if value:
                out.html_anchors.append(unescape(value))


class _Next:
    """Where a character next occurs in a text, in O(log n) (positions found once per character
    asked for): scanning forward from every bracket of a hostile paragraph would be quadratic."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._at: dict[str, list[int]] = {}

    def find(self, ch: str, start: int, end: int | None = None) -> int:
        """Like ``text.find(ch, start, end)``."""
        at = self._at.get(ch)
        if at is None:
            at = self._at[ch] = [i for i, c in enumerate(self.text) if c == ch] if ch in self.text else []
        k = bisect_left(at, start)
        if k == len(at) or (end is not None and at[k] >= end):
            return -1
        return at[k]


MAX_PAREN_DEPTH = 32  # CommonMark's limit for parentheses nested in a link destination


def _inline_tail(m: str, p: int, nxt: _Next | None = None) -> tuple[int, int, int] | None:
    """Parse ``(dest "title")`` starting at ``m[p] == '('``; (dest start, dest end, end) or None."""
    n = len(m)
    nxt = nxt or _Next(m)
    i = p + 1

    def skip_ws(k: int) -> int:
        newline = False
        while k < n and m[k] in " \t\n":
            if m[k] == "\n":
                if newline:
                    break
                newline = True
            k += 1
        return k

    i = skip_ws(i)
    if i < n and m[i] == ")":
        return i, i, i + 1
    if i < n and m[i] == "<":
        j = i + 1
        while j < n and m[j] not in "<>\n":
            j += 1
        if j >= n or m[j] != ">":
            return None
        ds, de, i = i + 1, j, j + 1
    else:
        j, depth = i, 0
        while j < n:
            c = m[j]
            if c in " \t\n" or (c < " " and c != "\x01"):
                break
            if c == "(":
                depth += 1
                if depth > MAX_PAREN_DEPTH:
                    return None
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        if j == i or depth:
            return None
        ds, de, i = i, j, j
    k = skip_ws(i)
    if k < n and k > i and m[k] in "\"'(":
        close = ")" if m[k] == "(" else m[k]
        t = nxt.find(close, k + 1)
        if t == -1 or (close == ")" and nxt.find("(", k + 1, t) != -1):
            return None
        k = skip_ws(t + 1)
    if k < n and m[k] == ")":
        return ds, de, k + 1
    return None


_RE.add("brackets", r"[\[\]]")
_RE.add("fw_tail", r"（([^（）\n]{1,2000})）")
_RE.add("urlish", r"^(?:[A-Za-z][A-Za-z0-9+.\-]*[:：][/／]{0,3}\S|#|\.{1,2}/|/|www\.|[^\s]+\.[A-Za-z0-9]{1,5}(?:[#?].*)?$)")


def _scan_inline(tx: _Text, defs: dict[str, Link], out: LinkIndex) -> None:
    text = tx.text
    # 1. escapes, code spans, autolinks, raw HTML: mask them (same length) so brackets inside
    #    them do not count
    pieces: list[str] = []
    last = 0
    pos = 0
    closes = text.rfind("-->") + 3 if "<!--" in text else 0  # comments can only end before this
    while True:
        if pos < closes:
            mt = _RE.special.search(text, pos, closes)
            if mt is None:
                pos = closes
                continue
        else:
            mt = _RE.special_nc.search(text, pos)
        if mt is None:
            break
        s, e = mt.span()
        if mt.group(2) is not None:  # a backtick run opens a code span only if it is closed
            close = _closing_ticks(e - s).search(text, e)
            if close is None:
                pos = e
                continue
            e = close.end()
            pieces.append(text[last:s])
            pieces.append(_blank(text[s:e]))
            last = pos = e
            continue
        if mt.group(1) is None and _after_link_paren(text, s):
            pos = s + 1  # a <destination> of an inline link, not an autolink or HTML
            continue
        pieces.append(text[last:s])
        if mt.group(1) is not None:
            pieces.append("\x01\x01")
        else:
            if mt.group(3) is not None:
                out.links.append(Link("autolink", text[s + 1:e - 1], tx.span(s + 1, e - 1), raw=text[s + 1:e - 1]))
            elif mt.group(5) is not None and not text.startswith("<!--", s) and not text.startswith("</", s):
                _html_tag(text[s:e], s, tx, out)
            pieces.append(_blank(text[s:e]))
        last = pos = e
    pieces.append(text[last:])
    m = "".join(pieces)

    # 2. brackets: inline links, images, references
    linked: list[tuple[int, int]] = []  # ranges that are links (not scanned for bare URLs)
    n = len(m)
    if "[" in m and "]" in m:
        openers: list[list] = []  # [position, is_image, active]
        nxt = _Next(m)
        brackets = [bm.start() for bm in _RE.brackets.finditer(m)]
        nb = len(brackets)
        k = 0
        while k < nb:
            i = brackets[k]
            k += 1
            if m[i] == "[":
                openers.append([i, i > 0 and m[i - 1] == "!", True])
                continue
            if not openers:
                continue
            op = openers.pop()
            start, is_image, active = op
            if not active:
                continue
            # a link label has at most 999 characters (CommonMark); never copy a longer span (a
            # paragraph of nested brackets would be copied quadratically)
            label_text = text[start + 1:i] if i - start <= 1000 else None
            end = None
            if i + 1 < n and m[i + 1] == "(":
                tail = _inline_tail(m, i + 1, nxt)
                if tail is not None:
                    ds, de, end = tail
                    raw = text[ds:de]
                    out.links.append(Link("image" if is_image else "inline", unescape(raw),
                                          tx.span(ds, de), raw=raw))
                else:
                    bad = _bad_tail(text, m, i + 1, tx, out, nxt)
                    if bad:
                        linked.append(bad)
            if end is None and i + 1 < n and m[i + 1] == "[":
                j = nxt.find("]", i + 2)
                if j != -1 and "[" not in m[i + 2:j] and j - i - 2 <= 999:
                    written = text[i + 2:j]
                    form = "full" if written.strip() else "collapsed"
                    label = written if form == "full" else label_text or ""
                    key = normalize_label(label)
                    if key and not label.startswith("^") and not (label_text or "").startswith("^"):
                        defined = key in defs
                        citation = (form == "full" and (label_text or "").strip().isdigit()
                                    and written.strip().isdigit())
                        if defined or not citation:
                            out.references.append(RefUse(key, label, tx.span(i + 1, j + 1), form, defined))
                        if defined:
                            end = j + 1
            if end is None and label_text is not None and not (i + 1 < n and m[i + 1] in "[("):
                key = normalize_label(label_text)
                if key in defs and not label_text.startswith("^"):
                    out.references.append(RefUse(key, label_text, tx.span(start, i + 1), "shortcut", True))
                    end = i + 1
            if end is None:
                continue
            link_start = start - 1 if is_image else start
            linked.append((link_start, end))
            if not is_image:
                for o in openers:
                    if not o[1]:
                        o[2] = False
            while k < nb and brackets[k] < end:
                k += 1
        # full-width brackets typed with a Chinese input method: [text]（dest）
        if "（" in m:
            for fw in _RE.fw_tail.finditer(m):
                s = fw.start()
                inner = fw.group(1).strip()
                if s > 0 and m[s - 1] == "]" and _RE.urlish.match(inner):
                    close = fw.end() - 1
                    out.suspects.append(Suspect(
                        "fullwidth-brackets", text[s:fw.end()], tx.span(s, fw.end()),
                        fix=((tx.span(s, s + 1), "("), (tx.span(close, close + 1), ")"))))
                    linked.append((s, fw.end()))
        if linked:
            parts = []
            last = 0
            for s, e in sorted(linked):
                if s < last:
                    continue
                parts.append(m[last:s])
                parts.append(_blank(m[s:e]))
                last = e
            parts.append(m[last:])
            m = "".join(parts)

    # 3. bare URLs, then what looks like a URL but is broken
    if ":" in m or "：" in m or "www." in m or "WWW." in m or "/" in m:
        _scan_bare(m, tx, out)


def _after_link_paren(text: str, s: int) -> bool:
    k = s - 1
    while k >= 0 and text[k] in " \t\n":
        k -= 1
    return k >= 1 and text[k] == "(" and text[k - 1] == "]"


def _bad_tail(text: str, m: str, p: int, tx: _Text, out: LinkIndex, nxt: _Next) -> tuple[int, int] | None:
    """``[t](…)`` that did not parse: a destination with spaces is the usual reason."""
    close = nxt.find(")", p)
    nl = nxt.find("\n", p)
    if close == -1 or (nl != -1 and nl < close):
        return None
    inner = text[p + 1:close]
    words = inner.split()
    if len(words) < 2 or not _RE.urlish.match(words[0]) or words[1][:1] in "\"'(":
        return None
    out.suspects.append(Suspect("space-in-destination", inner, tx.span(p + 1, close)))
    return p, close + 1


# --------------------------------------------------------------------------- bare URLs

_URL_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")
_RE.add("bare", r"(?<![A-Za-z0-9+.\-@/／])(?:(?:[Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp])://|[Ww][Ww][Ww]\.)")
_RE.add("schemeish", r"(?<![A-Za-z0-9+.\-])([A-Za-z]{2,8})(?:([:：])([ \t]?)([/／]{1,3})|([/／]{2}))")
_GFM_TRAILING = "?!.,:*_~'\""
WEB_SCHEMES = ("http", "https")
# schemes people mean when they misspell one in a report
_MEANT_SCHEMES = ("http", "https", "ftp", "mailto")
KNOWN_SCHEMES = frozenset("""
    http https ftp ftps sftp mailto tel sms fax file data news nntp irc ircs ssh git svn ws wss
    rtsp rtmp mms magnet webcal geo urn xmpp callto skype weixin alipays
""".split())


def _gfm_trim(s: str, start: int, end: int) -> int:
    """GFM's autolink_delim: drop trailing punctuation and unbalanced closing parentheses."""
    surplus = None  # unbalanced ')' in s[start:end], counted once and updated as ')' are dropped
    while end > start:
        c = s[end - 1]
        if c in _GFM_TRAILING:
            end -= 1
        elif c == ";":
            k = end - 2
            while k > start and s[k].isascii() and s[k].isalnum():
                k -= 1
            end = k if k >= start and s[k] == "&" and k < end - 2 else end - 1
        elif c == ")":
            if surplus is None:
                surplus = s.count(")", start, end) - s.count("(", start, end)
            if surplus > 0:
                end -= 1
                surplus -= 1
            else:
                break
        else:
            break
    return end


def _letterlike(c: str) -> bool:
    return unicodedata.category(c)[0] in "LNM"


def _meant_end(s: str, start: int, limit: int) -> int:
    """Where the URL the author meant ends: URL characters are ASCII; a run of letters in
    another script is kept only when the path clearly goes on after it (``/报告/2020.pdf``)."""
    j = start
    while j < limit:
        c = s[j]
        if c < "\x80":
            if c in _URL_ASCII:
                j += 1
                continue
            break
        if not _letterlike(c):
            break
        k = j
        while k < limit and s[k] >= "\x80" and _letterlike(s[k]):
            k += 1
        if k < limit and (s[k] in "/?#=&-_" or (s[k] == "." and k + 1 < limit and s[k + 1].isascii()
                                                 and s[k + 1].isalnum())):
            j = k
            continue
        break
    return _gfm_trim(s, start, j)


def _scan_bare(m: str, tx: _Text, out: LinkIndex) -> None:
    found: list[tuple[int, int]] = []
    n = len(m)
    for b in _RE.bare.finditer(m):
        start = b.start()
        if found and start < found[-1][1]:
            continue
        # GFM: the link runs to the next whitespace or '<' (a '|' ends a table cell)
        j = b.end()
        while j < n and not m[j].isspace() and m[j] not in "<|\x01":
            j += 1
        gfm_end = _gfm_trim(m, start, j)
        meant = _meant_end(m, start, gfm_end)
        is_www = m[start] in "Ww"
        host_start = b.end()
        if meant <= host_start or not (m[host_start].isalnum() or m[host_start] >= "\x80"):
            k = host_start
            while k < n and m[k] in " \t":
                k += 1
            if not is_www and k > host_start and k < n and m[k].isalnum():
                # "http:// www.gov.cn": one finding for the space, none for what follows
                out.suspects.append(Suspect("space-after-scheme", m[start:host_start], tx.span(start, host_start),
                                            m[start:host_start]))
                while k < n and not m[k].isspace():
                    k += 1
                found.append((start, k))
            continue  # "http://" with no host: reported as a suspect below
        url = m[start:meant]
        glued, glued_span = "", None
        # GFM links www. only at the start of a line, after whitespace or one of *_~(
        gfm_links = not is_www or start == 0 or m[start - 1].isspace() or m[start - 1] in "*_~("
        if gfm_links and gfm_end > meant and any(ch >= "\x80" for ch in m[meant:gfm_end]):
            glued, glued_span = m[meant:gfm_end], tx.span(meant, gfm_end)
        dest = ("http://" + url) if is_www else url
        out.links.append(Link("bare", dest, tx.span(start, meant), glued=glued, glued_span=glued_span, raw=url))
        found.append((start, max(meant, gfm_end)))
    if found:
        parts, last = [], 0
        for s, e in found:
            parts.append(m[last:s])
            parts.append(_blank(m[s:e]))
            last = e
        parts.append(m[last:])
        m = "".join(parts)
    for sm in _RE.schemeish.finditer(m):
        scheme, colon, space, slashes, bare_slashes = sm.groups()
        low = scheme.lower()
        sug = _closest_scheme(low)
        s, e = sm.span()
        text = m[s:e]
        if bare_slashes is not None:  # "http//"
            if low in ("http", "https", "ftp") or (sug and sug != "mailto"):
                meant = sug or low
                out.suspects.append(Suspect("missing-colon", text, tx.span(s, e), f"{meant}://"))
            continue
        fullwidth = colon == "：" or "／" in slashes
        if low in ("http", "https", "ftp"):
            if fullwidth:
                out.suspects.append(Suspect("fullwidth", text, tx.span(s, e), f"{low}://",
                                            fix=((tx.span(s, e), f"{scheme}://"),) if not space else ()))
            elif space:
                out.suspects.append(Suspect("space-after-scheme", text, tx.span(s, e), f"{low}://"))
            elif slashes != "//":
                out.suspects.append(Suspect("slashes", text, tx.span(s, e), f"{low}://"))
            elif e >= n or m[e].isspace():
                out.suspects.append(Suspect("no-host", text, tx.span(s, e)))
            continue
        if low in KNOWN_SCHEMES or not sug or sug == "mailto":
            continue
        out.suspects.append(Suspect("misspelled", text, tx.span(s, e), f"{sug}://"))


@lru_cache(maxsize=256)
def _closest_scheme(scheme: str) -> str:
    """The scheme a misspelling most likely meant (``htp`` → ``http``), or ''."""
    if scheme in KNOWN_SCHEMES:
        return ""
    best, best_d = "", 99
    for cand in _MEANT_SCHEMES:
        d = _osa_distance(scheme, cand)
        limit = 1 if len(cand) <= 4 else 2
        if d <= limit and d < best_d:
            best, best_d = cand, d
    return best


def _osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (edits and adjacent transpositions)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


# --------------------------------------------------------------------------- definitions

_RE.add("definition", r"^(\s*(?:>\s?)*\s*(?:(?:[-+*]|\d{1,9}[.)])\s+)?)\[((?:[^\[\]\\]|\\.){1,999})\]:[ \t]*(\S.*)?$")
_RE.add("dest_token", r"<([^<>\n]*)>|(\S+)")


def _definitions(doc, covered, out: LinkIndex) -> None:
    """Reference definitions: lines with ``]:`` that no block covers (markdown-it consumed
    them). ``covered(index)`` says whether a 0-based line belongs to a block."""
    lines = doc.lines
    n = len(lines)
    first = max(doc.body_start_line, 1)
    for idx in range(first - 1, n):
        if "]:" not in lines[idx] or covered(idx):
            continue
        line = lines[idx]
        dm = _RE.definition.match(line)
        if not dm:
            continue
        label = dm.group(2)
        if label.startswith("^"):
            continue  # a footnote (GFM), not a link
        rest_start = dm.start(3) if dm.group(3) is not None else -1
        line_no, text = idx + 1, line
        if rest_start < 0:  # destination on the next line
            if idx + 1 >= n or covered(idx + 1) or not lines[idx + 1].strip():
                continue
            line_no, text = idx + 2, lines[idx + 1]
            rest_start = len(text) - len(text.lstrip())
        tok = _RE.dest_token.match(text, rest_start)
        if not tok:
            continue
        gi = 1 if tok.group(1) is not None else 2
        raw = tok.group(gi)
        key = normalize_label(label)
        if not key or key in out.definitions:
            continue  # the first definition wins
        span = Span(line_no, tok.start(gi) + 1, line_no, max(tok.end(gi), tok.start(gi) + 1) + 1)
        link = Link("definition", unescape(raw), span, label=key, raw=raw)
        out.definitions[key] = link
        out.links.append(link)


# --------------------------------------------------------------------------- the index


def links_of(doc) -> LinkIndex:
    """Every link of ``doc`` (computed once per document)."""
    return doc.memo("links", lambda: _build(doc))


def _build(doc) -> LinkIndex:
    out = LinkIndex()
    if doc.problem is not None or not doc.lines:
        return out
    lines = doc.lines
    text = doc.text
    defs_possible = "]:" in text
    if not (defs_possible or _maybe_link(text) or _maybe_html_attr(text)):
        return out
    leaf: list[tuple[int, int]] = []  # 0-based [start, end) of every block that is not a container
    inline_blocks: list[tuple[int, int]] = []
    html_blocks: list[tuple[int, int]] = []
    for tok in [tk for tk in doc.block_tokens if tk.type in _LEAF_TYPES]:
        m = tok.map
        if m is None:
            continue
        t = tok.type
        if t == "html_block":
            html_blocks.append((m[0], m[1]))
        elif t in _INLINE_TYPES:
            inline_blocks.append((m[0], m[1]))
        leaf.append((m[0], m[1]))
    if defs_possible:
        leaf.sort()
        starts = [a for a, _ in leaf]

        def covered(idx: int) -> bool:
            k = bisect_right(starts, idx) - 1
            while k >= 0:
                if leaf[k][0] <= idx < leaf[k][1]:
                    return True
                k -= 1
                if k >= 0 and leaf[k][1] <= idx and leaf[k][0] < idx - 1000:
                    break
            return False

        _definitions(doc, covered, out)
    for a, b in inline_blocks:
        while b > a and not lines[b - 1].strip():
            b -= 1
        if b <= a:
            continue
        chunk = lines[a:b]
        if not _maybe_link("\n".join(chunk)):
            continue
        _scan_inline(_Text(chunk, a + 1), out.definitions, out)
    for a, b in html_blocks:
        chunk = lines[a:b]
        if not _maybe_html_attr("\n".join(chunk)):
            continue
        tx = _Text(chunk, a + 1)
        text = tx.text
        if "<!--" in text:
            text = blank_comments(text)
        for tag in _RE.html_tag_in_block.finditer(text):
            if _RE.html_attr_hint.search(tag.group(0)):
                _html_tag(tag.group(0), tag.start(), tx, out)
    out.links.sort(key=lambda lk: (lk.span.line, lk.span.column))
    return out


_INLINE_TYPES = frozenset(("paragraph_open", "heading_open", "table_open"))
_LEAF_TYPES = _INLINE_TYPES | {"html_block", "fence", "code_block", "hr"}
_RE.add("html_attr_hint", r"(?:href|src|id|name|HREF|SRC|ID|NAME)\s*=")
def blank_comments(text: str) -> str:
    """``text`` with its HTML comments blanked (same length, line breaks kept). Only the part up
    to the last '-->' is searched: an unclosed '<!--' after it would make the pattern scan to
    the end for each one."""
    closes = text.rfind("-->") + 3
    if closes < 3:
        return text
    return _RE.html_comment.sub(lambda mm: _blank(mm.group(0)), text[:closes]) + text[closes:]


def _maybe_link(text: str) -> bool:
    """Cheap test (plain substring search): can ``text`` hold a link, a URL or a broken one?"""
    return "[" in text or "<" in text or "/" in text or "／" in text or "www." in text or "WWW." in text


def _maybe_html_attr(text: str) -> bool:
    return "=" in text and _RE.html_attr_hint.search(text) is not None


# --------------------------------------------------------------------------- classification

_RE.add("scheme", r"^([A-Za-z][A-Za-z0-9+.\-]*)([:：])")
_RE.add("drive", r"^(?:[A-Za-z]:[\\/]|\\\\)")
_RE.add("domainish", r"^(?:www\d{0,3}\.[^/\s]+|(?:[A-Za-z0-9\-]+\.){2,}(?:cn|com|net|org|gov|edu|int|info|io)"
                     r"|[A-Za-z0-9\-]+\.(?:gov\.cn|com\.cn|org\.cn|edu\.cn|net\.cn))(?:[:/?#]|$)", re.I)
_FULLWIDTH_URL_CHARS = "：／．？＝＆＃％，。；、）（　"
_RE.add("host_ok", r"^[^\s/?#@:\[\]\\%\"'<>^`{|}，。；、：／（）【】《》！？　]+$")


@lru_cache(maxsize=4096)
def classify(dest: str) -> Target:
    """Say what a link destination points to (see :class:`Target`)."""
    d = dest.strip()
    if not d or d == "#":
        return Target("empty")
    if d.startswith("#"):
        return Target("fragment", fragment=_unquote(d[1:]))
    if _RE.drive.match(d):
        return Target("local", url=d)
    sm = _RE.scheme.match(d)
    if sm and len(sm.group(1)) > 1:
        scheme, sep = sm.group(1).lower(), sm.group(2)
        rest = d[sm.end():]
        if scheme in WEB_SCHEMES or _closest_scheme(scheme) in WEB_SCHEMES:
            meant = scheme if scheme in WEB_SCHEMES else _closest_scheme(scheme)
            if scheme not in WEB_SCHEMES:
                return Target("malformed", url=d, scheme=scheme, problem="misspelled", suggestion=meant)
            if sep != ":" or rest.startswith(("／", "/／", "／/")):
                return Target("malformed", url=d, scheme=scheme, problem="fullwidth", suggestion=f"{scheme}://")
            return _web(d, scheme, rest)
        if sep != ":":
            return Target("malformed", url=d, scheme=scheme, problem="fullwidth", suggestion=f"{scheme}:")
        if scheme == "mailto":
            if "@" not in rest:
                return Target("malformed", url=d, scheme=scheme, problem="mailto")
            return Target("mail", url=d, scheme=scheme)
        if scheme == "file":
            return Target("local", url=d, scheme=scheme)
        if scheme in KNOWN_SCHEMES:
            return Target("scheme", url=d, scheme=scheme)
        sug = _closest_scheme(scheme)
        return Target("malformed", url=d, scheme=scheme, problem="misspelled" if sug else "unknown-scheme",
                      suggestion=sug)
    low = d.lower()
    for meant in ("https", "http", "ftp"):
        if low.startswith(meant + "//") or low.startswith(meant + "／／"):
            return Target("malformed", url=d, scheme=meant, problem="missing-colon", suggestion=f"{meant}://")
    if d.startswith("//"):
        return Target("scheme", url=d)
    if _RE.domainish.match(d):
        return Target("malformed", url=d, problem="missing-scheme", suggestion="https://" + d)
    path, _, fragment = d.partition("#")
    path = path.partition("?")[0]
    if not path:
        return Target("fragment", fragment=_unquote(fragment))
    return Target("file", path=_unquote(path), fragment=_unquote(fragment) if "#" in d else None)


def _web(d: str, scheme: str, rest: str) -> Target:
    if not rest.startswith("//") or rest.startswith("///"):
        return Target("malformed", url=d, scheme=scheme, problem="slashes", suggestion=f"{scheme}://")
    authority = rest[2:].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = authority.rsplit("@", 1)[-1]
    port = ""
    if host.startswith("["):
        pass  # an IPv6 literal
    elif ":" in host:
        host, _, port = host.partition(":")
    if not host:
        return Target("malformed", url=d, scheme=scheme, problem="no-host")
    if port and not port.isdigit():
        return Target("malformed", url=d, scheme=scheme, problem="port")
    if any(ch.isspace() for ch in d):
        return Target("malformed", url=d, scheme=scheme, problem="space")
    for ch in _FULLWIDTH_URL_CHARS:
        if ch in d:
            return Target("malformed", url=d, scheme=scheme, problem="fullwidth-char", suggestion=ch)
    if not host.startswith("[") and not _RE.host_ok.match(host):
        return Target("malformed", url=d, scheme=scheme, problem="host")
    return Target("web", url=d, scheme=scheme)


def _unquote(text: str) -> str:
    if "%" not in text:
        return text
    from urllib.parse import unquote

    return unquote(text)


# --------------------------------------------------------------------------- files


@lru_cache(maxsize=1024)
def git_root(folder: str) -> str | None:
    """The top of the git work tree holding ``folder`` (a ``.git`` folder or file), or None."""
    p = Path(folder)
    for cand in (p, *p.parents):
        if (cand / ".git").exists():
            return str(cand)
    return None


def forget_files() -> None:
    """Forget the folders, listings and link targets read so far (a long-lived process calls this
    when files may have changed on disk)."""
    git_root.cache_clear()
    _listdir.cache_clear()
    resolve_file.cache_clear()


def link_roots(abspaths: list[str]) -> dict[str, str]:
    """The root each file's links must stay inside: its git work tree; outside git, the
    current folder when every file lies below it, else the folder the files share."""
    roots: dict[str, str] = {}
    loose = []
    for p in abspaths:
        r = git_root(os.path.dirname(p))
        if r is None:
            loose.append(p)
        else:
            roots[p] = r
    if loose:
        cwd = os.getcwd()
        dirs = [os.path.dirname(p) for p in loose]
        if all(_inside(d, cwd) for d in dirs):
            common = cwd
        else:
            common = os.path.commonpath(dirs)
        for p in loose:
            roots[p] = common
    return roots


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:
        return False


class Resolution(namedtuple("Resolution", "status resolved actual is_dir suggestion", defaults=("", False, ""))):
    """Where a relative file link lands: ``ok`` (``actual`` is the path), ``missing``,
    ``case`` (only a file with other letter case exists: ``actual``), ``outside`` (the link
    leaves ``root``; not followed). ``suggestion``: a similar existing name for missing files."""

    __slots__ = ()


@lru_cache(maxsize=256)
def _listdir(folder: str) -> tuple[str, ...]:
    try:
        return tuple(os.listdir(folder))
    except OSError:
        return ()


@lru_cache(maxsize=8192)
def resolve_file(doc_dir: str, path: str, root: str) -> Resolution:
    """Resolve a decoded link path written in a file of ``doc_dir`` (``/x`` starts at ``root``)."""
    if path.startswith("/"):
        target = os.path.normpath(os.path.join(root, path.lstrip("/")))
    else:
        target = os.path.normpath(os.path.join(doc_dir, path))
    if not _inside(target, root):
        return Resolution("outside", target)
    # walk from the root component by component: exact names only (Linux servers are
    # case-sensitive even when the author's disk is not)
    rel = os.path.relpath(target, root)
    if rel == ".":
        return Resolution("ok", target, target, True)
    current = root
    actual_parts = []
    case = False
    for part in rel.split(os.sep):
        names = _listdir(current)
        if part in names:
            actual_parts.append(part)
        else:
            folded = [nm for nm in names if nm.casefold() == part.casefold()]
            if len(folded) != 1:
                return Resolution("missing", target, suggestion=_similar(part, names, current, root))
            actual_parts.append(folded[0])
            case = True
        current = os.path.join(current, actual_parts[-1])
    real = os.path.realpath(current)
    if not _inside(real, os.path.realpath(root)):
        return Resolution("outside", target)
    if not os.path.exists(current):
        return Resolution("missing", target)
    return Resolution("case" if case else "ok", target, current, os.path.isdir(current))


def _similar(part: str, names: tuple[str, ...], folder: str, root: str) -> str:
    import difflib

    close = difflib.get_close_matches(part, names, n=1, cutoff=0.8)
    return os.path.relpath(os.path.join(folder, close[0]), root) if close else ""


MARKDOWN_SUFFIXES = (".md", ".markdown")


class LocalLink(namedtuple("LocalLink", "path fragment span raw kind local", defaults=(False,))):
    """A link to a file or an anchor, as the repository rules need it (picklable): ``path``
    decoded ('' for an anchor in the same file), ``kind`` the Link kind, ``local`` a file on the
    author's computer (file:, C:\\)."""

    __slots__ = ()


def local_links(doc) -> list[LocalLink]:
    """Links to files of the repository, to anchors, and to files on a local computer."""
    def compute():
        out = []
        for lk in links_of(doc).links:
            if lk.kind == "bare":
                continue
            t = classify(lk.dest)
            if t.kind == "file":
                out.append(LocalLink(t.path, t.fragment, lk.span, lk.raw, lk.kind))
            elif t.kind == "fragment":
                out.append(LocalLink("", t.fragment, lk.span, lk.raw, lk.kind))
            elif t.kind == "local":
                out.append(LocalLink(t.url, None, lk.span, lk.raw, lk.kind, local=True))
        return out

    return doc.memo("local_links", compute)


class LocalLinkData(namedtuple("LocalLinkData", "abspath links anchors", defaults=(None,))):
    """What the repository rules collect from one document: ``links`` (LocalLinks), ``anchors``
    (the document's own, when asked for). They collect it as plain data (:meth:`plain`, what
    the result cache can keep) and read it back with :meth:`from_plain`."""

    __slots__ = ()

    def plain(self) -> dict:
        return {"abspath": self.abspath,
                "links": [[lk.path, lk.fragment, list(lk.span), lk.raw, lk.kind, lk.local] for lk in self.links],
                "anchors": None if self.anchors is None else sorted(self.anchors)}

    @classmethod
    def from_plain(cls, data) -> "LocalLinkData":
        """From :meth:`plain`'s data; ValueError when it is of another shape."""
        if isinstance(data, cls):
            return data
        try:
            links = []
            for path, fragment, span, raw, kind, local in data["links"]:
                if not (isinstance(path, str) and isinstance(fragment, (str, type(None))) and isinstance(raw, str)
                        and isinstance(kind, str) and isinstance(local, bool) and len(span) == 4
                        and all(type(x) is int for x in span)):
                    raise TypeError
                links.append(LocalLink(path, fragment, Span(*span), raw, kind, local))
            anchors = data["anchors"]
            if anchors is not None and not all(isinstance(a, str) for a in anchors):
                raise TypeError
            if not isinstance(data["abspath"], str):
                raise TypeError
            return cls(data["abspath"], tuple(links), None if anchors is None else frozenset(anchors))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"collected link data of an unexpected shape ({type(exc).__name__})") from None


def collect_local_links(doc, *, anchors: bool = False) -> dict | None:
    """The document's links to files and anchors (:meth:`LocalLinkData.plain`), or None when
    it has none; with ``anchors``, also the document's own anchors when a link has a fragment."""
    links = local_links(doc)
    if not links or doc.abspath is None:
        return None
    own = None
    if anchors and any(lk.fragment for lk in links):
        from .anchors import document_anchors

        own = document_anchors(doc)
    return LocalLinkData(os.path.abspath(str(doc.abspath)), tuple(links), own).plain()


def local_link_items(items) -> list[tuple[str, LocalLinkData]]:
    """``[(display path, collected data), ...]`` -> ``[(display path, LocalLinkData), ...]``."""
    return [(p, LocalLinkData.from_plain(d)) for p, d in items if d is not None]


def resolved_links(items, status: str | None = None):
    """For ``[(display path, collected data), ...]``: yield ``(display path, LocalLinkData,
    link, root, resolution)``; the resolution is None for an anchor in the same file and for a
    file on a local computer. With ``status``, only links whose resolution has that status."""
    data_items = local_link_items(items)
    roots = link_roots([d.abspath for _, d in data_items])
    for path, data in data_items:
        root = roots[data.abspath]
        doc_dir = os.path.dirname(data.abspath)
        for link in data.links:
            res = None if link.local or not link.path else resolve_file(doc_dir, link.path, root)
            if status is None or (res is not None and res.status == status):
                yield path, data, link, root, res


def shown_path(path: str, root: str) -> str:
    """``path`` relative to ``root`` with ``/`` separators (for messages)."""
    rel = os.path.relpath(path, root)
    return rel.replace(os.sep, "/")
