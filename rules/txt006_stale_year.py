"""The text states the report's own work under last year's year: the mark of a text copied forward.

In the report on 2025, ``本单位2024年共主动公开政府信息…``, ``2024年，我县坚持…`` or
``本报告所列数据的统计期限自2024年1月1日…`` describe the wrong year: the sentence was carried over from
last year's report and its year not updated (evaluations call such reports 内容雷同). A sentence is
reported when it names the year before the report's year (``2024年``, ``2024 年度``) as

- the year of the report's own figures: the year, then optionally the reporting body, then
  ``共``/``累计``, then what reports count (``主动公开``, ``受理``, ``收到``…): ``2024年共主动公开``,
  ``2024年，我局共收到``;
- the opening of a sentence about the reporting body: ``2024年，`` followed by ``我县``, ``本机关``,
  ``全区``, ``区政府``… or the organisation's own name from the front matter (these two only when
  the paragraph does not name the report's year and no sentence next to it compares: last year's
  figure stated beside this year's, ``本年度收到申请较上年增加5件。2023年，本机关共收到申请30件。``,
  is a point of reference);
- the report's statistical period (``统计期限``…) or the report itself (``现将…2024年度…报告如下``).

Not reported, because they are right in a report on 2025: comparisons (``比2024年增长``, ``较上年``,
``与2024年相比``: any sentence with a word of comparison), sentences that also name the report's
year or the next one (``2024年受理12件，2025年受理15件``), last year's problems and how they were
addressed, references to last year's report, dates of events (``2024年12月印发``, ``2024年底``),
document titles in 《》 and quotations. The word lists are profile data (``stale_year``).
"""
import re

from reportlint.api import compact, finding, fold_paragraph, sentences

CODE = "TXT006"
NAME = "stale-year"
SUMMARY = "The report's own work is dated last year"
SUMMARY_ZH = "报告正文把本年度工作写成上一年度"
SEVERITY = "warning"

_OPEN, _CLOSE = "《“\"「『(", "》”\"」』)"


def _words(profile, key):
    return [w for w in profile.profile.stale_year.get(key, []) if w]


_YEARS = {}


def _year_token(year):
    """``2024年`` / ``2024年度`` not preceded by a digit, optionally ``全年`` and a comma after it."""
    hit = _YEARS.get(year)
    if hit is None:
        if len(_YEARS) > 256:
            _YEARS.clear()
        hit = _YEARS[year] = re.compile(rf"(?<!\d){year}年(?:度)?(全年)?(,?)")
    return hit


def _prefix(text, pos, words):
    """The longest of ``words`` that ``text`` has at ``pos`` ("" when none)."""
    return max((w for w in words if text.startswith(w, pos)), key=len, default="")


def _own_work(text, m, subjects, counting, verbs):
    """Whether the year matched by ``m`` opens a statement of the reporting body's own work:
    ``2024年，我局…`` at the start of the sentence, or ``2024年[，][我局][共]主动公开…`` anywhere."""
    pos = m.end()
    subject = _prefix(text, pos, subjects)
    if m.start() == 0 and m.group(2) and subject:
        return True
    pos += len(subject)
    pos += len(_prefix(text, pos, counting))
    return bool(_prefix(text, pos, verbs))


class _Quotes:
    """Whether a position of a text is inside 《》, quotes or brackets: positions asked in increasing
    order cost one pass over the text in all (a hostile sentence may repeat the year 50,000 times)."""

    def __init__(self, text):
        self.text, self.pos, self.depth = text, 0, 0

    def inside(self, pos):
        if pos < self.pos:
            self.pos, self.depth = 0, 0
        for ch in self.text[self.pos:pos]:
            if ch in _OPEN:
                self.depth += 1
            elif ch in _CLOSE and self.depth:
                self.depth -= 1
        self.pos = pos
        return self.depth > 0


def check(doc, profile, options):
    fm = doc.front_matter
    data = fm.data if fm is not None and fm.error is None and isinstance(fm.data, dict) else {}
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        return
    org = compact(data["organization"]) if isinstance(data.get("organization"), str) else ""
    subjects = _words(profile, "subjects")
    if len(org) >= 4:  # the organisation's name and its tails (淮安市洪泽区人民政府 -> 洪泽区人民政府)
        subjects += [org[i:] for i in range(0, len(org) - 3)]
    counting, verbs = _words(profile, "counting"), _words(profile, "verbs")
    year_token = _year_token(year - 1)
    this_year = re.compile(rf"(?<!\d)(?:{year}|{year + 1})年")
    skip = _words(profile, "comparisons") + _words(profile, "problems")
    period = _words(profile, "period")
    intro = _words(profile, "opening")
    found = sentences(doc)
    for i, s in enumerate(found):
        text = s.plain
        if str(year - 1) not in text or this_year.search(text) or any(w in text for w in skip):
            continue
        hit = why = None
        # last year's figure next to this year's or to a comparison is a reference point, not a stale year:
        # the paragraph must not name this year, nor the sentences around it compare
        near = [x for x in found[max(0, i - 1):i + 2] if x.paragraph is s.paragraph]
        context = this_year.search(fold_paragraph(s.paragraph)) or any(w in x.plain for x in near for w in skip)
        quotes = _Quotes(text)
        for m in year_token.finditer(text) if not context else ():
            if not quotes.inside(m.start()) and _own_work(text, m, subjects, counting, verbs):
                hit, why = m, "own"
                break
        if hit is None and (any(w in text for w in period) or any(w in text for w in intro)):
            m = year_token.search(text)
            if m and not _Quotes(text).inside(m.start()):
                hit, why = m, "period" if any(w in text for w in period) else "report"
        if hit is None:
            continue
        quoted = s.text if len(s.text) <= 60 else s.text[:59] + "…"
        if why == "own":
            en = (f"the report on {year} states its own work under {year - 1}: 「{quoted}」 — a sentence carried over "
                  f"from last year's report without updating its year?")
            zh = f"{year} 年度报告把本机关的工作写在 {year - 1} 年名下：「{quoted}」——是否沿用了上一年度报告的句子而未改年份？"
        elif why == "period":
            en = f"the report on {year} gives its statistical period in {year - 1}: 「{quoted}」"
            zh = f"{year} 年度报告的统计期限写成了 {year - 1} 年：「{quoted}」"
        else:
            en = f"the report on {year} presents itself as the report on {year - 1}: 「{quoted}」"
            zh = f"{year} 年度报告自称为 {year - 1} 年度的报告：「{quoted}」"
        # the same occurrence of the year in the source (``plain`` has no spaces or markup)
        nth = len(re.findall(rf"(?<!\d){year - 1}年", text[:hit.start()]))
        written = list(re.finditer(rf"(?<!\d){year - 1}\s*年", s.raw))
        at = s.span_of(written[nth].start(), written[nth].end()) if nth < len(written) else s.span
        yield finding(at, en, zh, data={"year": year, "stated": year - 1})
