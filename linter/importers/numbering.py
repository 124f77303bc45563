"""Word's automatic paragraph numbering, as the reader sees it.

Offices often let Word number the section titles (``一、`` ``（一）`` ``1.``): the number is then not
in the paragraph's text but computed from ``numbering.xml``. This rebuilds it for the formats
reports use (decimal, Chinese counting, letters, roman numerals, circled and full-width digits);
bullets and unknown formats give no text.
"""
from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CN = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el, default=None):
    return default if el is None else el.get(q("val"), default)


def chinese(n: int) -> str:
    """一 … 九十九 (and plain digits past that, as Word does not go much further in practice)."""
    if n <= 0 or n >= 100:
        return str(n)
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    k, r = divmod(n - 1, 26)
    return chr(ord("A") + r) * (k + 1)


def format_number(n: int, fmt: str) -> str | None:
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital",
               "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting"):
        return chinese(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    return None  # bullet, none, anything else: no text


class Numbering:
    """Counters for every list of one document; ``label(p, style)`` is the number of a paragraph
    (advancing the counters), "" when it has none."""

    def __init__(self, nums: dict, abstracts: dict) -> None:
        self.nums = nums  # numId -> (abstractNumId, {ilvl: start override})
        self.abstracts = abstracts  # abstractNumId -> {ilvl: lvl element}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()

    @classmethod
    def of(cls, document) -> "Numbering | None":
        try:
            part = document.part.numbering_part
        except Exception:  # noqa: BLE001 - no numbering part: nothing is numbered automatically
            return None
        root = part.element
        abstracts = {}
        for an in root.findall(q("abstractNum")):
            abstracts[an.get(q("abstractNumId"))] = {int(lvl.get(q("ilvl"), "0")): lvl for lvl in an.findall(q("lvl"))}
        nums = {}
        for num in root.findall(q("num")):
            overrides = {}
            for ov in num.findall(q("lvlOverride")):
                start = ov.find(q("startOverride"))
                if start is not None:
                    overrides[int(ov.get(q("ilvl"), "0"))] = int(_val(start, "1"))
            nums[num.get(q("numId"))] = (_val(num.find(q("abstractNumId"))), overrides)
        return cls(nums, abstracts)

    def _num_pr(self, p, style):
        ppr = p.find(q("pPr"))
        numpr = ppr.find(q("numPr")) if ppr is not None else None
        seen = 0
        while numpr is None and style is not None and seen < 10:
            sppr = style.element.find(q("pPr"))
            numpr = sppr.find(q("numPr")) if sppr is not None else None
            style = style.base_style
            seen += 1
        if numpr is None:
            return None
        num_id = _val(numpr.find(q("numId")))
        ilvl = int(_val(numpr.find(q("ilvl")), "0") or 0)
        if num_id in (None, "0"):
            return None  # numbering switched off
        return num_id, ilvl

    def label(self, p, style) -> str:
        found = self._num_pr(p, style)
        if found is None or found[0] not in self.nums:
            return ""
        num_id, ilvl = found
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstracts.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in overrides.items():
                counters[lv] = start - 1
        lvl = levels[ilvl]
        start = int(_val(lvl.find(q("start")), "1") or 1)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = _val(lvl.find(q("lvlText")), "")
        if text is None:
            return ""
        out = text
        for k in range(9):
            token = f"%{k + 1}"
            if token not in out:
                continue
            level = levels.get(k)
            fmt = _val(level.find(q("numFmt")), "decimal") if level is not None else "decimal"
            if lvl.find(q("isLgl")) is not None:
                fmt = "decimal"
            n = counters.get(k, int(_val(level.find(q("start")), "1") or 1) if level is not None else 1)
            shown = format_number(n, fmt)
            if shown is None:
                return ""
            out = out.replace(token, shown)
        fmt = _val(lvl.find(q("numFmt")), "decimal")
        if fmt == "bullet" or fmt == "none":
            return ""
        suff = _val(lvl.find(q("suff")), "tab")
        return out + (" " if suff == "space" else "")
