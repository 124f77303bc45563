"""Invisible characters: bidirectional controls and zero-width characters in the text.

They make the file say something else than readers see. A right-to-left override shows
``申请\\u202e9113\\u202c件`` as 申请3119件; a zero-width space inside ``1\\u200b2`` looks like 12
but is no number to a program, so a contradiction can hide behind it. Reported: the bidi
controls U+202A–202E, U+2066–2069 and the marks U+200E, U+200F, U+061C; the zero-width
characters U+200B–200D, U+2060, U+FEFF (a byte-order mark inside the text, or a second one at
its start) and the soft hyphen U+00AD. One finding per line, naming each character.

Table cells and prose are read the way a reader sees them or not at all: a zero-width
character is left out of a number (``1\\u200b2`` is 12), a cell with a bidi control is not read
(no arithmetic uses it) and a figure in prose touching one is not compared with the tables.

Fix: removing a zero-width character inside a number, or a zero-width space, word joiner,
stray byte-order mark or soft hyphen anywhere, changes nothing a reader sees and is a safe
fix. Removing a zero-width joiner or non-joiner elsewhere may change how a script or an emoji
is drawn (unsafe fix). Bidi controls are never removed automatically: which order was meant,
the one in the file or the one on screen, only a person can tell.
"""
from reportlint.api import BIDI, ZERO_WIDTH, Edit, Fix, Message, Span, char_name, finding, INVISIBLE_RE

CODE = "FILE006"
NAME = "invisible-character"
SUMMARY = "Invisible characters (bidi controls, zero-width characters) in the text"
SUMMARY_ZH = "文本中含有不可见字符（双向控制字符、零宽字符）"
SEVERITY = "error"
REQUIRES_PROFILE = False

MAX_LINES = 100  # findings per file; the rest are counted in one more finding
_HARMLESS = set("\u200b\u2060\ufeff\u00ad")  # removing them changes nothing a reader sees
_DIGITS = set("0123456789０１２３４５６７８９")
_RLO, _PDF = "\u202e", "\u202c"


def check(doc, profile, options):
    if doc.extra_boms:
        n = doc.extra_boms + 1
        yield finding(Span(1, 1, 1, 2),
                      f"the file starts with {n} byte-order marks; there should be one at most (tools that see "
                      "only the first one read the rest as text and miss the front matter): re-save it as UTF-8",
                      f"文件开头有 {n} 个字节顺序标记（BOM），最多只应有一个（只识别第一个的工具会把其余的当作正文，"
                      "从而读不到前置元数据），请重新另存为 UTF-8")
    if not any(c in doc.text for c in BIDI + ZERO_WIDTH):  # faster than INVISIBLE_RE.search on a whole file
        return
    reported = 0
    rest = 0
    for no, line in enumerate(doc.lines, 1):
        runs = list(INVISIBLE_RE.finditer(line))
        if not runs:
            continue
        if reported >= MAX_LINES:
            rest += 1
            last = no
            continue
        reported += 1
        yield _finding(no, line, runs)
    if rest:
        yield finding(Span(last, 1, last, 2),
                      f"{rest} more lines hold invisible characters (not listed; fix the ones above and check again)",
                      f"另有 {rest} 行含有不可见字符（未逐一列出；请先修正以上各处后重新检查）", severity="warning")


def _finding(no, line, runs):
    first, last = runs[0].start(), runs[-1].end()
    chars = "".join(m.group() for m in runs)
    names = ", ".join(dict.fromkeys(char_name(ch) for ch in chars))
    ctx_start, ctx_end = max(0, first - 10), min(len(line), last + 10)
    ctx = ("…" if ctx_start else "") + line[ctx_start:ctx_end] + ("…" if ctx_end < len(line) else "")
    span = Span(no, first + 1, no, last + 1)
    bidi = any(ch in BIDI for ch in chars)
    in_number = [m for m in runs if _in_number(line, m.start(), m.end())]
    if bidi:
        shown = _shown(line[ctx_start:ctx_end])
        seen_en = f" (here readers see '{shown}')" if shown else ""
        seen_zh = f"（此处显示为“{shown}”）" if shown else ""
        en = (f"'{ctx}' holds {names}: bidirectional controls change the order in which the text is shown"
              f"{seen_en}, so the file says something else than readers see; retype the text without them")
        zh = (f"“{ctx}”含有 {names}：双向控制字符会改变文字的显示顺序{seen_zh}，文件内容与读者所见不同，"
              "请去掉这些字符后重新输入")
        severity = None
    else:
        what_en = (" inside a number: readers see one number, other programs may read none"
                   if in_number else ", invisible to readers")
        what_zh = "，位于数字之中：读者看到的是一个数字，其他程序却可能无法识别" if in_number else "，读者看不到"
        en, zh = f"'{ctx}' holds {names}{what_en}; remove it", f"“{ctx}”含有 {names}{what_zh}，请删除"
        severity = None if in_number else "warning"
    return finding(span, en, zh, severity=severity, fix=_fix(no, line, runs, in_number))


def _in_number(line, start, end):
    return 0 < start and end < len(line) and line[start - 1] in _DIGITS and line[end] in _DIGITS


def _fix(no, line, runs, in_number):
    safe, unsafe = [], []
    for m in runs:
        if any(ch in BIDI for ch in m.group()):
            continue
        edit = Edit(Span(no, m.start() + 1, no, m.end() + 1), "")
        (safe if m in in_number or set(m.group()) <= _HARMLESS else unsafe).append(edit)
    if safe:
        return Fix(tuple(safe), Message("remove the zero-width characters", "删除零宽字符"))
    if unsafe:
        return Fix(tuple(unsafe), Message("remove the zero-width characters", "删除零宽字符"), "unsafe")
    return None


def _shown(text):
    """How a left-to-right line shows ``text`` when its only bidi controls are right-to-left
    overrides, each closed by a pop or the end of the text (the override draws what it covers in
    reverse order); None for anything more involved."""
    from reportlint.api import ZERO_WIDTH

    plain = "".join(ch for ch in text if ch not in ZERO_WIDTH)
    if any(ch in BIDI and ch not in (_RLO, _PDF) for ch in plain) or _RLO not in plain:
        return None
    out, depth, buf = [], 0, []
    for ch in plain:
        if ch == _RLO:
            depth += 1
            if depth > 1:
                return None
        elif ch == _PDF:
            if depth == 0:
                return None
            out.append("".join(reversed(buf)))
            buf, depth = [], 0
        elif depth:
            buf.append(ch)
        else:
            out.append(ch)
    out.append("".join(reversed(buf)))
    return "".join(out)
