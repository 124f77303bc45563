"""Inline suppressions and waivers, applied by the engine after the rules.

Directives are HTML comments (invisible in rendered Markdown)::

    <!-- reportlint-disable SEC006, TBL -->      … <!-- reportlint-enable -->
    <!-- reportlint-disable-next-line SUM004 -->
    <!-- reportlint-disable-line SUM004 -->     (on the line it is about)
    <!-- reportlint-disable-file LNK001 -->
    <!-- reportlint-waive SUM004 until=2026-03-31 reason="数据以统计部门口径为准" -->

Selectors are codes (``SUM004``), family prefixes (``SUM``) or rule names (``row-sum``),
separated by commas or spaces; ``disable`` forms without a selector cover every rule (except
the SUP rules about the directives themselves). A waiver records a compliance decision: it
suppresses the findings it names on the next block (table, paragraph, heading…) until its
date, needs a ``reason``, and lists what it waives in ``--statistics``, JSON and SARIF.

Data flow: :func:`parse` reads the directives of a document, :meth:`Suppressions.apply`
filters a list of diagnostics (document rules first, repository rules later), and the SUP
rules then report on the directives: invalid (SUP001), unused (SUP002), expired (SUP003),
waiver without a reason (SUP004). Everything here is plain data, so a file's suppressions can
be parsed in a worker process and finished in the main one.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import os
import re
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, Span
from .lazyre import LazyPattern
from .records import Record

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document

KINDS = ("disable", "enable", "disable-next-line", "disable-line", "disable-file", "waive")
SUPPRESSION_FAMILY = "SUP"
TODAY_ENV = "REPORTLINT_TODAY"

# directives are case-insensitive, like HTML comments: <!-- REPORTLINT-DISABLE SUM --> works
# (a directive is short: an unclosed comment must not make every later match scan to the end)
# compiled on first use (like _KV): most reports hold no directive (see _MENTION)
_DIRECTIVE = LazyPattern(r"<!--[ \t]*reportlint-([A-Za-z][A-Za-z-]*)?(.{0,2000}?)-->", re.S | re.I)
# bounds for hostile files (a report has a handful of directives): directives read per file, and
# line ranges they may make (each partial enable splits every open disable)
MAX_DIRECTIVES = 5000
MAX_SEGMENTS = 20_000
_MENTION = re.compile("reportlint-", re.I)
_KV = LazyPattern(r"""([A-Za-z][\w-]*)=("(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|“(?P<cq>[^”]*)”|(?P<bare>[^\s,]+))""")


def today() -> _dt.date:
    """Today's date, or ``REPORTLINT_TODAY`` (YYYY-MM-DD) when set: waiver expiry is tested
    with a fixed date, and a team may pin it to check which waivers will have expired."""
    val = os.environ.get(TODAY_ENV, "").strip()
    if not val:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(val)
    except ValueError:
        from .settings import SettingsError

        raise SettingsError(f"{TODAY_ENV}={val!r} is not a date (want YYYY-MM-DD)") from None


class Directive(Record):
    """One ``reportlint-…`` comment: what it names, whether it is valid, and what it did."""

    kind: str  # one of KINDS, or the unknown word written after "reportlint-"
    span: Span  # the whole comment
    selectors: list[str]  # as written
    codes: dict[str, list[str]]  # selector -> codes it names
    unknown: list[str]  # selectors naming no rule
    problems: list[tuple[str, str]]  # (en, zh): why it is invalid
    until: _dt.date | None
    reason: str | None
    expired: bool
    target: Span | None  # waiver: the block it is about; next-line: the line
    used: dict[str, int]  # selector ("*" for all) -> findings suppressed
    would_have: int  # expired waiver: findings it would still cover

    def __init__(
            self, kind: str, span: Span, selectors: list[str] | None = None,
            codes: dict[str, list[str]] | None = None, unknown: list[str] | None = None,
            problems: list[tuple[str, str]] | None = None, until: _dt.date | None = None,
            reason: str | None = None, expired: bool = False, target: Span | None = None,
            used: dict[str, int] | None = None, would_have: int = 0) -> None:
        self.kind = kind
        self.span = span
        self.selectors = [] if selectors is None else selectors
        self.codes = {} if codes is None else codes
        self.unknown = [] if unknown is None else unknown
        self.problems = [] if problems is None else problems
        self.until = until
        self.reason = reason
        self.expired = expired
        self.target = target
        self.used = {} if used is None else used
        self.would_have = would_have

    @property
    def known(self) -> bool:
        return self.kind in KINDS

    @property
    def blanket(self) -> bool:
        return not self.selectors

    @property
    def is_waiver(self) -> bool:
        return self.kind == "waive"

    @property
    def effective(self) -> bool:
        """Does it suppress anything? A directive with any problem (SUP001 reports it) does not,
        so a comment is never both reported as invalid and obeyed; nor does an expired waiver."""
        if self.kind not in KINDS or self.kind == "enable" or self.problems:
            return False
        if self.is_waiver:
            return self.reason is not None and not self.expired and bool(self.codes)
        return True

    def names(self, code: str) -> list[str]:
        """Selectors of this directive that name ``code`` (``["*"]`` for a blanket one)."""
        if self.blanket:
            return [] if code.startswith(SUPPRESSION_FAMILY) else ["*"]
        return [s for s, codes in self.codes.items() if code in codes]

    def text(self) -> str:
        return f"reportlint-{self.kind}" + (f" {', '.join(self.selectors)}" if self.selectors else "")

    def waiver_info(self) -> dict[str, Any]:
        return {"line": self.span.line, "column": self.span.column, "codes": list(self.selectors),
                "until": self.until.isoformat() if self.until else None, "reason": self.reason}


class Segment(Record):
    """The lines one directive covers."""

    directive: Directive
    start: int
    end: int
    exclude: frozenset  # codes re-enabled inside a blanket or multi-code disable

    def __init__(self, directive: Directive, start: int, end: int, exclude: frozenset = frozenset()) -> None:
        self.directive = directive
        self.start = start
        self.end = end
        self.exclude = exclude


class Suppressions(Record):
    """The directives of one file and what they did."""

    path: str
    directives: list[Directive]
    today: _dt.date | None
    enabled: frozenset  # codes that ran on this file (for "unused")
    segments: list[Segment]

    def __init__(
            self, path: str, directives: list[Directive] | None = None, today: _dt.date | None = None,
            enabled: frozenset = frozenset(), segments: list[Segment] | None = None) -> None:
        self.path = path
        self.directives = [] if directives is None else directives
        self.today = today
        self.enabled = enabled
        self.segments = [] if segments is None else segments

    def __bool__(self) -> bool:
        return bool(self.directives)

    @property
    def waivers(self) -> list[Directive]:
        return [d for d in self.directives if d.is_waiver]

    def apply(self, diagnostics: list[Diagnostic], *, suppression_rules: bool = False) -> tuple[list[Diagnostic], list[Diagnostic]]:
        """Split ``diagnostics`` into (kept, waived). Findings a ``disable`` covers are dropped;
        findings an active waiver covers are returned as waived (with ``waiver`` set).

        Every directive covering a finding counts it as used (SUP002), an expired waiver as a
        finding it would still cover (SUP003). Linear in the findings and the directives
        (counts by binary search, cover by a sweep), whatever a hostile file holds."""
        mine = [d for d in diagnostics if suppression_rules == d.code.startswith(SUPPRESSION_FAMILY)]
        if not mine or not self.segments:
            return list(diagnostics), []
        lines_by_code: dict[str, list[int]] = {}
        for d in mine:
            lines_by_code.setdefault(d.code, []).append(d.line)
        for v in lines_by_code.values():
            v.sort()
        blanket_lines = sorted(d.line for d in mine if not d.code.startswith(SUPPRESSION_FAMILY))

        def count(lines: list[int], a: int, b: int) -> int:
            return bisect.bisect_right(lines, b) - bisect.bisect_left(lines, a)

        covers: dict[str, list[tuple[int, int, int]]] = {}  # code or "*" -> (start, end, order)
        waives: dict[str, list[tuple[int, int, int]]] = {}
        for order, seg in enumerate(self.segments):
            dv = seg.directive
            expired = dv.is_waiver and dv.expired
            if not expired and not dv.effective:
                continue
            a, b = seg.start, seg.end
            if dv.blanket:
                excluded = [c for c in seg.exclude if c in lines_by_code and not c.startswith(SUPPRESSION_FAMILY)]
                n = count(blanket_lines, a, b) - sum(count(lines_by_code[c], a, b) for c in excluded)
                if expired:
                    dv.would_have += n
                    continue
                if n:
                    dv.used["*"] = dv.used.get("*", 0) + n
                    if excluded or seg.exclude:
                        for c in lines_by_code:
                            if c not in seg.exclude and not c.startswith(SUPPRESSION_FAMILY):
                                covers.setdefault(c, []).append((a, b, order))
                    else:
                        covers.setdefault("*", []).append((a, b, order))
                continue
            named: set[str] = set()
            for sel, codes in dv.codes.items():
                present = [c for c in codes if c in lines_by_code and c not in seg.exclude]
                named.update(present)
                n = sum(count(lines_by_code[c], a, b) for c in present) if not expired else 0
                if n:
                    dv.used[sel] = dv.used.get(sel, 0) + n
            if expired:
                dv.would_have += sum(count(lines_by_code[c], a, b) for c in named)
                continue
            for c in named:
                covers.setdefault(c, []).append((a, b, order))
                if dv.is_waiver:
                    waives.setdefault(c, []).append((a, b, order))
        hit = _first_covering(mine, covers, blanket=True)
        waiver_of = _first_covering(mine, waives, blanket=False)
        kept: list[Diagnostic] = []
        waived: list[Diagnostic] = []
        k = 0
        for d in diagnostics:
            if suppression_rules != d.code.startswith(SUPPRESSION_FAMILY):
                kept.append(d)
                continue
            h, w = hit[k], waiver_of[k]
            k += 1
            if h is None:
                kept.append(d)
            elif w is not None:
                d.waiver = self.segments[w].directive.waiver_info()
                waived.append(d)
        return kept, waived


def _first_covering(diagnostics: list[Diagnostic], intervals: dict[str, list[tuple[int, int, int]]],
                    *, blanket: bool) -> list[int | None]:
    """For each diagnostic, the smallest ``order`` of an interval of its code (or of ``"*"``, for
    codes outside the SUP family, when ``blanket``) that covers its line; None when none does.
    One sweep per code over intervals sorted by start, with a heap of the open ones."""
    import heapq

    out: list[int | None] = [None] * len(diagnostics)
    by_code: dict[str, list[int]] = {}
    for i, d in enumerate(diagnostics):
        by_code.setdefault(d.code, []).append(i)
    for code, idxs in by_code.items():
        ivs = list(intervals.get(code, ()))
        if blanket and not code.startswith(SUPPRESSION_FAMILY):
            ivs += intervals.get("*", ())
        if not ivs:
            continue
        ivs.sort()
        heap: list[tuple[int, int]] = []  # (order, end)
        nxt = 0
        for i in sorted(idxs, key=lambda i: diagnostics[i].line):
            line = diagnostics[i].line
            while nxt < len(ivs) and ivs[nxt][0] <= line:
                heapq.heappush(heap, (ivs[nxt][2], ivs[nxt][1]))
                nxt += 1
            while heap and heap[0][1] < line:  # ended before this line: never needed again
                heapq.heappop(heap)
            if heap:
                out[i] = heap[0][0]
    return out


# --------------------------------------------------------------------------- parsing


def parse(doc: "Document", registry, *, today: _dt.date, enabled: frozenset | set = frozenset()) -> Suppressions:
    """Read the directives of ``doc`` and work out the lines each one covers."""
    sup = Suppressions(doc.path, today=today, enabled=frozenset(enabled))
    text = doc.text
    if not _MENTION.search(text):
        return sup
    skip = _code_lines(doc)
    line_starts = [0]
    for ln in doc.lines:
        line_starts.append(line_starts[-1] + len(ln) + 1)

    def pos(offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(line_starts, offset) - 1
        return i + 1, offset - line_starts[i] + 1

    for m in _DIRECTIVE.finditer(text):
        line, col = pos(m.start())
        if line < doc.body_start_line or line in skip:
            continue
        if m.start() > 0 and text[m.start() - 1] == "`":
            continue  # written as code: `<!-- reportlint-disable -->` in documentation
        end_line, end_col = pos(m.end())
        if len(sup.directives) >= MAX_DIRECTIVES:
            sup.directives.append(Directive("", Span(line, col, end_line, end_col), problems=[(
                f"more than {MAX_DIRECTIVES} reportlint comments in one file; this one and those after it are "
                "not read", f"一个文件中的 reportlint 注释超过 {MAX_DIRECTIVES} 个；此处及之后的注释均未读取")]))
            break
        d = Directive((m.group(1) or "").lower(), Span(line, col, end_line, end_col))
        _parse_args(d, m.group(2), registry, today)
        sup.directives.append(d)
    _place(sup, doc)
    return sup


def _code_lines(doc: "Document") -> set[int]:
    """Lines inside fenced or indented code blocks: a directive shown there is an example."""
    out: set[int] = set()
    for tok in doc.block_tokens:
        if tok.type in ("fence", "code_block") and tok.map:
            out.update(range(tok.map[0] + 1, tok.map[1] + 1))
    return out


def _parse_args(d: Directive, raw: str, registry, today: _dt.date) -> None:
    if d.kind not in KINDS:
        import difflib

        close = difflib.get_close_matches(d.kind, KINDS, n=1)
        hint_en = f" (did you mean 'reportlint-{close[0]}'?)" if close else ""
        hint_zh = f"（是否应为 “reportlint-{close[0]}”？）" if close else ""
        word = f"reportlint-{d.kind}" if d.kind else "reportlint-"
        d.problems.append((f"unknown directive '{word}'{hint_en}; known: "
                           + ", ".join(f"reportlint-{k}" for k in KINDS),
                           f"未知指令“{word}”{hint_zh}；可用指令：" + "、".join(f"reportlint-{k}" for k in KINDS)))
        return
    params: dict[str, str] = {}
    if raw.lstrip().startswith((":", "：")):
        d.problems.append((f"write 'reportlint-{d.kind}' without a colon after it, e.g. "
                           f"<!-- reportlint-{d.kind} SUM004 -->",
                           f"“reportlint-{d.kind}”后不应有冒号，例如 <!-- reportlint-{d.kind} SUM004 -->"))
        raw = raw.lstrip()[1:]
    if d.kind == "waive":
        for m in _KV.finditer(raw):
            val = next(v for v in (m.group("dq"), m.group("sq"), m.group("cq"), m.group("bare")) if v is not None)
            params[m.group(1).lower()] = val
        rest = _KV.sub(" ", raw)
    else:
        rest = raw
    words = [w for w in re.split(r"[,，\s]+", rest) if w]
    if d.kind != "waive":
        # a trailing explanation is allowed after " -- ": <!-- reportlint-disable SEC006 -- why -->
        if "--" in words:
            words = words[:words.index("--")]
    for w in words:
        if "=" in w:
            d.problems.append((f"cannot read '{w}' (write key=value, quoting values with spaces)",
                               f"无法识别“{w}”（应写作 key=value，含空格的值须加引号）"))
            continue
        d.selectors.append(w)
        codes = sorted(registry.match(w))
        if codes:
            d.codes[w] = codes
        else:
            d.unknown.append(w)
    if d.unknown:
        d.problems.append((f"{', '.join(map(repr, d.unknown))} names no rule (not a code, a family prefix or "
                           "a rule name; see `reportlint rules`)",
                           f"{'、'.join(d.unknown)} 不是任何规则的代码、前缀或名称（见 `reportlint rules`）"))
    if d.kind == "enable":
        return
    if d.kind == "waive":
        for key in params:
            if key not in ("until", "reason"):
                d.problems.append((f"a waiver has no setting '{key}' (use until=YYYY-MM-DD and reason=\"…\")",
                                   f"豁免没有“{key}”设置（应使用 until=YYYY-MM-DD 和 reason=\"…\"）"))
        if not d.selectors:
            d.problems.append(("a waiver must name the finding it waives, e.g. reportlint-waive SUM004 …",
                               "豁免必须写明豁免的问题代码，例如 reportlint-waive SUM004 …"))
        if "until" not in params:
            d.problems.append(("a waiver needs an end date: until=YYYY-MM-DD",
                               "豁免必须写明截止日期：until=YYYY-MM-DD"))
        else:
            try:
                d.until = _dt.date.fromisoformat(params["until"])
            except ValueError:
                d.problems.append((f"until={params['until']} is not a date (want YYYY-MM-DD)",
                                   f"until={params['until']} 不是有效日期（应为 YYYY-MM-DD）"))
        reason = params.get("reason")
        d.reason = reason.strip() if reason and reason.strip() else None
        if d.until is not None and d.until < today:
            d.expired = True
    elif d.kind == "disable-file" and not d.selectors:
        pass


def _place(sup: Suppressions, doc: "Document") -> None:
    """Work out which lines each directive covers."""
    last = max(len(doc.lines), 1)
    directive_lines: set[int] = set()
    for d in sup.directives:
        directive_lines.update(range(d.span.line, d.span.end_line + 1))
    open_segs: list[Segment] = []
    next_block: _NextBlock | None = None
    for d in sup.directives:
        if len(sup.segments) + len(open_segs) > MAX_SEGMENTS and d.kind in KINDS:
            d.problems.append((f"too many overlapping reportlint comments (more than {MAX_SEGMENTS} line ranges); "
                               "this one and those after it are ignored",
                               f"重叠的 reportlint 注释过多（超过 {MAX_SEGMENTS} 个行范围），此处及之后的注释均被忽略"))
            continue
        if d.kind == "disable":
            open_segs.append(Segment(d, d.span.line, last))
        elif d.kind == "enable":
            for seg in list(open_segs):
                if d.blanket:
                    seg.end = d.span.line
                    open_segs.remove(seg)
                    continue
                enabled = {c for codes in d.codes.values() for c in codes}
                covered = {c for s in (seg.directive.codes.values() if not seg.directive.blanket else ())
                           for c in s}
                if seg.directive.blanket or covered & enabled:
                    seg.end = d.span.line
                    open_segs.remove(seg)
                    rest = seg.exclude | enabled
                    if seg.directive.blanket or covered - rest:
                        nxt = Segment(seg.directive, d.span.end_line + 1, last, frozenset(rest))
                        sup.segments.append(nxt)
                        open_segs.append(nxt)
            continue
        elif d.kind == "disable-file":
            sup.segments.append(Segment(d, 1, last))
            continue
        elif d.kind == "disable-line":
            sup.segments.append(Segment(d, d.span.line, d.span.end_line))
            continue
        elif d.kind == "disable-next-line":
            n = d.span.end_line + 1
            while n <= len(doc.lines) and (not doc.lines[n - 1].strip() or
                                           (n in directive_lines and _only_directives(doc.lines[n - 1]))):
                n += 1
            d.target = Span(n, 1, n, len(doc.lines[n - 1]) + 1 if n <= len(doc.lines) else 1)
            sup.segments.append(Segment(d, n, n))
            continue
        elif d.kind == "waive":
            if next_block is None:
                next_block = _NextBlock(doc)
            block = next_block.after(d.span.end_line)
            if block is not None:
                d.target = block
                sup.segments.append(Segment(d, block.line, block.end_line))
            continue
        else:
            continue
        sup.segments.append(open_segs[-1])


def _only_directives(line: str) -> bool:
    return not _DIRECTIVE.sub("", line).strip()


class _NextBlock:
    """The first block after a line that is not only HTML comments (a waiver's target), by
    binary search: a file of thousands of waivers must not scan its blocks for each one."""

    def __init__(self, doc: "Document") -> None:
        blocks = doc.blocks
        self.starts = [b.span.line for b in blocks]
        self.target: list[Span | None] = [None] * (len(blocks) + 1)
        for i in range(len(blocks) - 1, -1, -1):  # from the end: the next real block of each
            b = blocks[i]
            self.target[i] = b.span if b.kind != "comment" else self.target[i + 1]

    def after(self, line: int) -> Span | None:
        return self.target[bisect.bisect_right(self.starts, line)]

