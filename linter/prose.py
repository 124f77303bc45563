"""Figures stated in prose: what a report's text says, with positions, for the TXT rules.

Reports state the same facts twice: in the tables and in sentences such as
``2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件）``. This module reads
the sentences; it does not know the tables (the TXT rules compare the two).

Pipeline, per paragraph (list items and block quotes included, tables and headings not):

1. **Normalise** the paragraph text (NFKC: full-width digits, brackets and punctuation become
   ASCII; whitespace and line breaks dropped — PDF conversions break lines inside words and put
   spaces before units, ``3119 件``), keeping a map back to every source character.
2. **Figures**: Arabic numbers (``3119``, ``1,234``, ``7730.28``, full-width ``３``) and Chinese
   numerals (``二十三``, ``两``) followed by a unit (件 份 条 个 人 项 … 万元 元 %); ``约/近/余/多/万``
   make a figure approximate.
3. **Clauses**: sentences (``。！？``) are cut at ``，；：``, at brackets and at ``、`` once the clause
   holds a figure (``予以公开71件、部分公开5件``). A bracket right after a figure is an aside of that
   figure (``办结1191件（含上年结转189件）``, ``208件（17.46%）``).
4. **Statements**: each count figure is classified by the words of its clause into a *concept*
   (``apps.received``, ``result.deny``, ``review.total``, ``t2.normdocs.made`` …, see
   :data:`CONCEPTS`), unless the clause talks about a change (``较上年增加``), another period
   (``2023年``, ``上半年``) or another body (``代表``, ``本级``, ``各部门``, ``其中…``): such a
   statement is *scoped* and never compared with the tables.
5. **Breakdowns**: ``其中`` (or ``在主动公开的信息中``) opens a breakdown of the figure before it;
   the following clauses of the same dimension (results, applicant types, channels, case
   results, information categories) are its parts. A clause of another kind ends it.
6. **Percentages** are attached to the part they follow (``1件，占总数的50%``, ``208件（17.46%）``)
   or to the category they name (``予以公开或部分公开占58.5%``), and through the breakdown to the
   whole they are a share of.
7. **Claims**: sentences that assert something the tables can contradict (``所有申请均已办结``,
   ``均获维持``, ``均为自然人申请``, ``未发生行政复议``).

Everything is computed once per document (``analyse(doc)``) and shared by the TXT rules.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from .backref import backref
from .diagnostics import Span
from .text import parse_chinese_number

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document, Paragraph


class _Lazy:
    """A regular expression compiled on first use (importing this module stays cheap)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __getattr__(self, name: str):
        # called only for what the instance does not have yet: compile (re caches the pattern)
        # and keep the method, so that later calls go straight to it
        method = getattr(re.compile(self.pattern), name)
        setattr(self, name, method)
        return method


# --------------------------------------------------------------------------- normalisation

_DROP = set("*`")


@dataclass
class NormText:
    """A paragraph's text, normalised, with ``omap[i]`` = offset in the paragraph text of
    normalised character ``i``."""

    text: str
    omap: list[int]
    para: "Paragraph"

    def source_span(self, start: int, end: int) -> Span:
        return self.para.span_of(self.omap[start], self.omap[end - 1] + 1)

    def source_text(self, start: int, end: int) -> str:
        """The source text of normalised range [start, end), line breaks removed."""
        if start >= end:
            return ""
        raw = self.para.text[self.omap[start]: self.omap[end - 1] + 1]
        return re.sub(r"\s*\n\s*", "", raw).strip()


# what normalise must look at one by one: whitespace, dropped markup, and characters NFKC may
# change; the runs between them (ASCII and CJK text, curly quotes: NFKC leaves them as they are)
# are copied at once
_SPECIAL = _Lazy(r"[\s*`]|[^\x00-\x9f\u3001-\u3011\u4e00-\u9fff\u2018\u2019\u201c\u201d]")


_NFKC_CHARS: dict[str, str] = {}  # character -> its NFKC form (the same few recur in every report)
# the full-width punctuation of Chinese prose, dozens of times in a paragraph: NFKC maps each to one
# ASCII character, so it is replaced in the whole text at once (offsets stay the same)
_FULLWIDTH_PUNCT = (("，", ","), ("（", "("), ("）", ")"), ("：", ":"), ("；", ";"))


def normalise(para: "Paragraph") -> NormText:
    src = para.text
    for wide, narrow in _FULLWIDTH_PUNCT:
        src = src.replace(wide, narrow)
    out: list[str] = []
    omap: list[int] = []
    last = ""  # the last character written
    pending_space = -1  # offset of a whitespace run not yet decided on

    def end_space(first: str) -> None:
        """A whitespace run ends before ``first``: keep one space between two digits so that
        "12 34" stays two numbers."""
        nonlocal pending_space, last
        if pending_space >= 0:
            if last.isdigit() and first[:1].isdigit():
                out.append(" ")
                omap.append(pending_space)
                last = " "
            pending_space = -1

    pos = 0
    for m in _SPECIAL.finditer(src):
        i = m.start()
        if i > pos:  # a run NFKC leaves as it is
            end_space(src[pos])
            out.append(src[pos:i])
            omap.extend(range(pos, i))
            last = src[i - 1]
        pos = i + 1
        ch = src[i]
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        if ch in _DROP:
            continue
        folded = _NFKC_CHARS.get(ch)
        if folded is None:
            folded = _NFKC_CHARS[ch] = unicodedata.normalize("NFKC", ch)  # ，→ ,  （→ (  ３→ 3  ％→ %
        end_space(folded)
        for f in folded:
            if f.isspace():
                continue
            out.append(f)
            omap.append(i)
            last = f
    if pos < len(src):
        end_space(src[pos])
        out.append(src[pos:])
        omap.extend(range(pos, len(src)))
    return NormText("".join(out), omap, para)


# --------------------------------------------------------------------------- figures

COUNT_UNITS = ("件", "份", "条", "个", "人", "名", "项", "篇", "场", "期", "次", "家", "起")
UNITS = ("万元", "元", "%") + COUNT_UNITS + ("人次",)
_UNIT_ALT = "万元|人次|" + "|".join(re.escape(u) for u in ("元", "%") + COUNT_UNITS)
_FIGURE = _Lazy(
    r"(?=[约近逾超共\d零〇一二两三四五六七八九十百千万])"  # what a figure starts with: skips other text fast
    r"(?P<pre>约|近|逾|超过|超|共约)?"
    r"(?:(?P<num>(?<![\d.])(?<!\d,)(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)"
    r"|(?P<cn>(?<![零〇一二两三四五六七八九十百千万第])[零〇一二两三四五六七八九十百千万]+))"
    r"(?P<approx>余|多)?(?P<wan>万(?!元))?(?P<unit>" + _UNIT_ALT + r")"
)
# a unit glued to a word: 一件事, 一条龙, 一个人 …
_NOT_A_UNIT_AFTER = {"件": "事", "条": "龙例款", "个": "人", "名": "称单", "项": "目", "期": "间限", "次": "数"}


@dataclass(eq=False)
class Figure:
    """A number with its unit in a paragraph's normalised text (``3119件``, ``17.46%``)."""

    value: Decimal
    unit: str  # one of UNITS
    start: int  # normalised offsets of number + unit
    end: int
    num_end: int  # end of the number itself
    norm: NormText
    approx: bool = False
    chinese: bool = False
    decimals: int = 0  # digits after the point as written
    clause: "Clause | None" = backref(default=None)  # the clause's sentence holds the clause
    index: int = 0  # document order

    @property
    def span(self) -> Span:
        return self.norm.source_span(self.start, self.end)

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_count(self) -> bool:
        return self.unit in COUNT_UNITS or self.unit in ("万元", "元")

    @property
    def written(self) -> str:
        return self.norm.source_text(self.start, self.end)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Figure({self.value}{self.unit} @{self.span.line}:{self.span.column})"


def _figures(nt: NormText) -> list[Figure]:
    out = []
    text = nt.text
    for m in _FIGURE.finditer(text):
        unit = m.group("unit")
        nxt = text[m.end(): m.end() + 1]
        if nxt and nxt in _NOT_A_UNIT_AFTER.get(unit, ""):
            continue
        if m.group("num") is not None:
            raw = m.group("num").replace(",", "")
            # a thousands separator must come from an ASCII comma, not from a full-width one
            if "," in m.group("num") and "，" in nt.para.text[nt.omap[m.start("num")]: nt.omap[m.end("num") - 1] + 1]:
                continue
            value = Decimal(raw)
            decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
            chinese = False
            start = m.start("num")
        else:
            if unit == "%":
                continue
            v = parse_chinese_number(m.group("cn"))
            if v is None:
                continue
            value, decimals, chinese, start = Decimal(v), 0, True, m.start("cn")
        approx = bool(m.group("pre") or m.group("approx") or m.group("wan"))
        if m.group("wan"):
            value *= 10000
        if unit == "人次":
            unit = "人"
        num_end = m.end("num") if m.group("num") is not None else m.end("cn")
        out.append(Figure(value, unit, start, m.end(), num_end, nt, approx, chinese, decimals))
    return out


# --------------------------------------------------------------------------- sentences and clauses

_SENT_END = "。!?"
_CLAUSE_SEP = ",;:"


@dataclass(eq=False)
class Group:
    """A bracketed group: ``host`` is the figure right before its opening bracket, if any."""

    start: int
    end: int
    host: Figure | None
    parent: "Group | None"


@dataclass(eq=False)
class Clause:
    """A part of a sentence between separators (，；： brackets 、) and the figures it holds."""

    start: int
    end: int
    norm: NormText
    sentence: "Sentence" = backref()  # the analysis holds the sentence (``ProseAnalysis.sentences``)
    group: Group | None  # innermost bracket group
    sep_before: str  # the separator that opened the clause ("" at the sentence start)
    figures: list[Figure] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.norm.text[self.start:self.end]

    @property
    def aside_of(self) -> Figure | None:
        """The figure this clause is an aside of (it sits in a bracket right after it)."""
        g = self.group
        while g is not None:
            if g.host is not None:
                return g.host
            g = g.parent
        return None

    def prefix(self, fig: Figure) -> str:
        """The clause's text before ``fig`` (after the previous figure of the clause)."""
        start = self.start
        for f in self.figures:
            if f is fig:
                break
            start = f.end
        return self.norm.text[start:fig.start]

    def suffix(self, fig: Figure) -> str:
        end = self.end
        seen = False
        for f in self.figures:
            if seen:
                end = f.start
                break
            seen = f is fig
        return self.norm.text[fig.end:end]


@dataclass(eq=False)
class Sentence:
    """A sentence of a paragraph (cut at 。！？ outside brackets) and its clauses."""

    start: int
    end: int
    norm: NormText
    index: int  # within the paragraph
    clauses: list[Clause] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.norm.text[self.start:self.end]


_SENT_MARKS = _Lazy(r"[()。!?]")  # brackets and _SENT_END
_CLAUSE_MARKS = _Lazy(r"[()、,;:。!?]")  # brackets, 、, _CLAUSE_SEP and _SENT_END


def _sentences(nt: NormText, figures: list[Figure]) -> list[Sentence]:
    """Cut at 。！？ outside brackets; each sentence gets its clauses."""
    text = nt.text
    bounds: list[tuple[int, int]] = []
    start = depth = 0
    for m in _SENT_MARKS.finditer(text):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            bounds.append((start, m.end()))
            start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    sentences: list[Sentence] = []
    for a, b in bounds:
        sent = Sentence(a, b, nt, len(sentences))
        _clauses(sent, [f for f in figures if a <= f.start < b])
        sentences.append(sent)
    return sentences


def _clauses(sent: Sentence, figures: list[Figure]) -> None:
    """Cut a sentence at ，；： (and its end), at brackets, and at 、 once the clause holds a figure;
    ``figures`` are the sentence's, in order."""
    text = sent.norm.text
    fig_end = {f.end: f for f in figures}
    group: Group | None = None
    start = sent.start
    sep = ""

    def close(end: int, new_sep: str) -> None:
        nonlocal start, sep
        if end > start:
            sent.clauses.append(Clause(start, end, sent.norm, sent, group, sep))
        start, sep = end + 1, new_sep

    for m in _CLAUSE_MARKS.finditer(text, sent.start, sent.end):
        k = m.start()
        ch = m.group()
        if ch == "(":
            close(k, "(")
            group = Group(k, k, fig_end.get(k), group)  # the host: a figure right before the bracket
        elif ch == ")":
            if group is not None:
                close(k, ")")
                group.end = k
                group = group.parent
        elif ch != "、":
            close(k, ch)
        elif text[k - 1:k] == ")" or any(start <= f.start <= k for f in figures):
            close(k, ch)  # 予以公开71件、部分公开5件 / 行政复议1件(撤回)、行政诉讼0件
    close(sent.end, "")
    for cl in sent.clauses:
        for f in figures:
            if cl.start <= f.start < cl.end:
                f.clause = cl
                cl.figures.append(f)


# --------------------------------------------------------------------------- vocabulary

# A concept: what a stated count means. ``cells`` lists the readings a careful reader accepts,
# each a list of table cell references summed (``t3.r_new.c_total``); a reference to a row or
# column the report's edition does not have drops that reading. ``role`` is "whole" (a total
# that can be broken down) or "part"; ``dim`` is the dimension of a part (parts of one
# breakdown share it).

_T3_DENY = ["r_deny_secret", "r_deny_law", "r_deny_safety", "r_deny_third", "r_deny_internal",
            "r_deny_process", "r_deny_enforce", "r_deny_query"]
_T3_UNABLE = ["r_unable_nothold", "r_unable_create", "r_unable_unclear"]
_T3_NOPROC = ["r_noproc_petition", "r_noproc_repeat", "r_noproc_pub", "r_noproc_massive",
              "r_noproc_confirm"]
_T3_OTHER = ["r_other_nocorrect", "r_other_nofee", "r_other_misc"]
_ORG_COLS = ["c_commercial", "c_research", "c_social", "c_legal", "c_other"]


def _t3(rows: list[str], col: str = "c_total") -> list[str]:
    return [f"t3.{r}.{col}" for r in rows]


def _t4(*cols: str) -> list[str]:
    return [f"t4.r_cases.{c}" for c in cols]


@dataclass(frozen=True)
class Concept:
    """What a stated count means, and the table cells a careful reader may take it from."""

    id: str
    role: str  # whole | part
    dim: str  # for parts: result, applicant, channel, review_result, lit_result, lit_kind, category…
    zh: str
    en: str
    cells: tuple[tuple[str, ...], ...] = ()


def _c(id, role, dim, zh, en, *cells):
    return Concept(id, role, dim, zh, en, tuple(tuple(c) for c in cells))


CONCEPTS: dict[str, Concept] = {c.id: c for c in [
    _c("apps.received", "whole", "apps", "收到（受理）申请数", "applications received",
       _t3(["r_new"]), _t3(["r_new", "r_carry_in"])),
    _c("apps.new", "whole", "apps", "本年新收申请数", "new applications", _t3(["r_new"])),
    _c("apps.handled", "whole", "apps", "办理申请数", "applications handled",
       _t3(["r_total"]), _t3(["r_new"]), _t3(["r_new", "r_carry_in"])),
    _c("apps.done", "whole", "apps", "办结（答复）申请数", "applications answered", _t3(["r_total"])),
    _c("apps.carry_in", "part", "carry_in", "上年结转申请数", "applications carried over from last year",
       _t3(["r_carry_in"])),
    _c("apps.carry_out", "part", "result", "结转下年度申请数", "applications carried over to next year",
       _t3(["r_carry_out"])),
    _c("result.open", "part", "result", "予以公开", "disclosed", _t3(["r_open"])),
    _c("result.partial", "part", "result", "部分公开", "partly disclosed", _t3(["r_partial"])),
    _c("result.open_or_partial", "part", "result", "予以公开及部分公开", "disclosed fully or partly",
       _t3(["r_open", "r_partial"])),
    _c("result.deny", "part", "result", "不予公开", "not disclosed", _t3(_T3_DENY)),
    _c("result.unable", "part", "result", "无法提供", "cannot be provided", _t3(_T3_UNABLE)),
    _c("result.noproc", "part", "result", "不予处理", "not processed", _t3(_T3_NOPROC)),
    _c("result.other", "part", "result", "其他处理", "otherwise handled", _t3(["r_other"]), _t3(_T3_OTHER)),
    _c("result.residual", "part", "result", "其他", "other", ),
    *[_c(f"result.{r[2:]}", "part", "result", zh, en, _t3([r])) for r, zh, en in [
        ("r_deny_secret", "属于国家秘密", "state secret"),
        ("r_deny_law", "其他法律行政法规禁止公开", "prohibited by other laws"),
        ("r_deny_safety", "危及“三安全一稳定”", "endangers security and stability"),
        ("r_deny_third", "保护第三方合法权益", "third-party rights"),
        ("r_deny_internal", "属于三类内部事务信息", "internal affairs"),
        ("r_deny_process", "属于四类过程性信息", "process information"),
        ("r_deny_enforce", "属于行政执法案卷", "enforcement files"),
        ("r_deny_query", "属于行政查询事项", "administrative query"),
        ("r_unable_nothold", "本机关不掌握相关政府信息", "not held"),
        ("r_unable_create", "没有现成信息需要另行制作", "would have to be created"),
        ("r_unable_unclear", "补正后申请内容仍不明确", "still unclear after correction"),
        ("r_noproc_petition", "信访举报投诉类申请", "petitions and complaints"),
        ("r_noproc_repeat", "重复申请", "repeated applications"),
        ("r_noproc_pub", "要求提供公开出版物", "publications"),
        ("r_noproc_massive", "无正当理由大量反复申请", "mass repeated applications"),
        ("r_noproc_confirm", "要求行政机关确认或重新出具已获取信息", "confirmation of obtained information"),
        ("r_other_nocorrect", "逾期不补正", "no correction in time"),
        ("r_other_nofee", "逾期未缴纳费用", "fee not paid"),
    ]],
    _c("applicant.natural", "part", "applicant", "自然人", "natural persons",
       _t3(["r_new"], "c_natural"), _t3(["r_new", "r_carry_in"], "c_natural")),
    _c("applicant.org", "part", "applicant", "法人或其他组织", "legal persons and other organisations",
       [f"t3.r_new.{c}" for c in _ORG_COLS], [f"t3.{r}.{c}" for r in ("r_new", "r_carry_in") for c in _ORG_COLS]),
    *[_c(f"applicant.{col[2:]}", "part", "applicant", zh, en, _t3(["r_new"], col), _t3(["r_new", "r_carry_in"], col))
      for col, zh, en in [("c_commercial", "商业企业", "commercial enterprises"),
                          ("c_research", "科研机构", "research institutions"),
                          ("c_social", "社会公益组织", "public-interest organisations"),
                          ("c_legal", "法律服务机构", "legal service institutions")]],
    *[_c(f"channel.{k}", "part", "channel", zh, en) for k, zh, en in [
        ("in_person", "当面", "in person"), ("online", "网络", "online"), ("email", "电子邮件", "e-mail"),
        ("letter", "信函", "letter"), ("fax", "传真", "fax"), ("phone", "电话", "phone")]],
    _c("review.total", "whole", "review", "行政复议", "administrative reconsiderations",
       _t4("c_rev_total")),
    _c("lit.total", "whole", "lit", "行政诉讼", "administrative lawsuits",
       _t4("c_litd_total", "c_lita_total")),
    _c("lit.direct", "part", "lit_kind", "未经复议直接起诉", "lawsuits without reconsideration",
       _t4("c_litd_total")),
    _c("lit.after", "part", "lit_kind", "复议后起诉", "lawsuits after reconsideration",
       _t4("c_lita_total")),
    *[_c(f"review.{k}", "part", "review_result", f"行政复议{zh}", f"reconsiderations: {en}",
         _t4(f"c_rev_{k}")) for k, zh, en in [
        ("maintain", "结果维持", "upheld"), ("correct", "结果纠正", "corrected"),
        ("other", "其他结果", "other result"), ("pending", "尚未审结", "pending")]],
    *[_c(f"case.{k}", "part", "case_result", zh, en) for k, zh, en in [
        ("maintain", "结果维持", "upheld"), ("correct", "结果纠正", "corrected"),
        ("other", "其他结果", "other result"), ("pending", "尚未审结", "pending")]],
    *[_c(f"lit.{k}", "part", "lit_result", f"行政诉讼{zh}", f"lawsuits: {en}",
         _t4(f"c_litd_{k}", f"c_lita_{k}")) for k, zh, en in [
        ("maintain", "结果维持", "upheld"), ("correct", "结果纠正", "corrected"),
        ("other", "其他结果", "other result"), ("pending", "尚未审结", "pending")]],
    *[_c(f"t2.{row[2:]}.{what}", "whole", "t2", f"{zh}{wzh}", f"{en} {wen}", *[[f"t2_1.{row}.{c}"] for c in cols])
      for row, zh, en in [("r_rules", "规章", "rules"), ("r_normdocs", "行政规范性文件", "normative documents")]
      for what, wzh, wen, cols in [("made", "本年制发件数", "issued this year", ("c_made", "c_new_made")),
                                   ("repealed", "本年废止件数", "repealed this year", ("c_repealed",)),
                                   ("valid", "现行有效件数", "in force", ("c_valid",))]],
    _c("t2.license", "whole", "t2", "行政许可处理决定数", "licensing decisions",
       ["t2_5.r_license.c_decisions"]),
    _c("t2.penalty", "whole", "t2", "行政处罚处理决定数", "penalty decisions",
       ["t2_6.r_penalty.c_decisions"]),
    _c("t2.coercion", "whole", "t2", "行政强制处理决定数", "coercive measures",
       ["t2_6.r_coercion.c_decisions"]),
    _c("t2.fee", "whole", "t2", "行政事业性收费金额", "administrative fees",
       ["t2_8.r_admin_fee.c_fee_amount"]),
    _c("proactive.total", "whole", "proactive", "主动公开政府信息数", "information published proactively"),
    _c("proactive.category", "part", "category", "主动公开信息类别", "category of published information"),
]}

# which part dimensions a whole may be broken down into
BREAKDOWN_DIMS = {
    "apps": {"result", "applicant", "channel"},
    "review": {"review_result"},
    "lit": {"lit_result", "lit_kind"},
    "proactive": {"category"},
}
# nested breakdowns of a result group: its sub-rows
_GROUP_SUBS = {
    "result.deny": {f"result.{r[2:]}" for r in _T3_DENY},
    "result.unable": {f"result.{r[2:]}" for r in _T3_UNABLE},
    "result.noproc": {f"result.{r[2:]}" for r in _T3_NOPROC},
    "result.other": {f"result.{r[2:]}" for r in _T3_OTHER} | {"result.residual"},
    "result.open_or_partial": {"result.open", "result.partial"},
    "applicant.org": {"applicant.commercial", "applicant.research", "applicant.social", "applicant.legal",
                      "result.residual"},
}

# --------------------------------------------------------------------------- classification

_CHANGE = _Lazy(r"增加|减少|增长|下降|上升|降低|提高|提升|同比|环比|较上年|较去年|比上年|比去年|相比|较\d{4}年|多出|少于|多于|翻")
_OTHER_PERIOD = _Lazy(r"上半年|下半年|季度|去年|上一年(?!度?结转)|上年(?!度?结转)|前年|同期|历年|以来")
_SCOPE = _Lazy(r"代表|本级|各?部门|县直|市直|区直|乡镇|各县|各区|各街道|各单位|下属|下辖|所属|各地|系统|其中.*(办公室|政府办|局|委员会|中心|街道|乡|镇)")
_YEAR = _Lazy(r"(?<!\d)(\d{4})年")
_APPS_CTX = _Lazy(r"申请|依申请")
_NOT_APPS = _Lazy(r"复议|诉讼|起诉|信息处理费")  # never about applications

_INFO_CTX = _Lazy(r"信息公开|依申请|公开申请")

_RESULT_GROUPS = [  # checked first: a group word wins over the sub-row words it lists (…等无法提供)
    ("result.open_or_partial", _Lazy(r"(予以公开|全部公开|同意公开)(及|和|或|、|与)部分公开|全部或部分公开|公开或部分公开")),
    ("result.deny", _Lazy(r"不予公开")),
    ("result.unable", _Lazy(r"无法提供")),
    ("result.noproc", _Lazy(r"不予处理")),
    ("result.other", _Lazy(r"其他处理")),
    ("result.partial", _Lazy(r"部分公开")),
    ("result.open", _Lazy(r"予以公开|同意公开|全部公开")),
]
_RESULT_SUBS = [
    ("result.deny_secret", _Lazy(r"国家秘密")),
    ("result.deny_law", _Lazy(r"法律行政法规禁止公开|法律法规禁止公开")),
    ("result.deny_safety", _Lazy(r"三安全一稳定")),
    ("result.deny_third", _Lazy(r"第三方合法权益")),
    ("result.deny_internal", _Lazy(r"内部事务")),
    ("result.deny_process", _Lazy(r"过程性信息")),
    ("result.deny_enforce", _Lazy(r"行政执法案卷")),
    ("result.deny_query", _Lazy(r"行政查询事项")),
    ("result.unable_nothold", _Lazy(r"不掌握|信息不存在")),
    ("result.unable_create", _Lazy(r"另行制作|没有现成信息")),
    ("result.unable_unclear", _Lazy(r"补正后.*仍不明确")),
    ("result.noproc_petition", _Lazy(r"信访|举报|投诉")),
    ("result.noproc_repeat", _Lazy(r"(?<!反复)重复申请")),
    ("result.noproc_pub", _Lazy(r"公开出版物")),
    ("result.noproc_massive", _Lazy(r"大量反复")),
    ("result.noproc_confirm", _Lazy(r"确认或重新出具")),
    ("result.other_nocorrect", _Lazy(r"逾期不补正|未按要求补正|不补正")),
    ("result.other_nofee", _Lazy(r"未按收费通知|缴纳费用|未缴费")),
]
_APPLICANTS = [
    ("applicant.org", _Lazy(r"法人或其他组织|法人和其他组织|法人及其他组织")),
    ("applicant.natural", _Lazy(r"自然人|公民个人|个人申请")),
    ("applicant.commercial", _Lazy(r"商业企业|企业申请")),
    ("applicant.research", _Lazy(r"科研机构")),
    ("applicant.social", _Lazy(r"社会公益组织")),
    ("applicant.legal", _Lazy(r"法律服务机构|律师事务所|律师")),
]
_CHANNELS = [
    ("channel.in_person", _Lazy(r"当面|现场")),
    ("channel.email", _Lazy(r"电子邮件|邮箱|电子邮箱")),
    ("channel.online", _Lazy(r"互联网|网上|网络|在线|网站")),
    ("channel.letter", _Lazy(r"信函|邮寄|邮件|邮政")),
    ("channel.fax", _Lazy(r"传真")),
    ("channel.phone", _Lazy(r"电话")),
]
_CASE_RESULTS = [
    ("maintain", _Lazy(r"维持")),
    ("correct", _Lazy(r"纠正|纠错|撤销|败诉")),
    ("pending", _Lazy(r"尚未审结|未审结|审理中|尚未结案|未结案|正在审理")),
    ("other", _Lazy(r"其他结果|其他")),
]
_RESIDUAL = _Lazy(r"^(其中)?(其他|其它|其余|另有)(的|情形|情况|原因)?(为|共|有)?$")
_PERCENT_OF = _Lazy(r"^(约|均)?(占|占比|比例|所占比例|占总数|占全部|占总量|占总体)")
_RATE = _Lazy(r"率")


@dataclass(eq=False)
class Statement:
    """A stated count (or percentage) and what it means."""

    figure: Figure | None  # None: a percentage naming a category without its count
    concept: Concept | None
    clause: Clause
    scoped: str = ""  # why the statement is not about the report's own year and body ("" if it is)
    percent: Figure | None = None  # the share stated for it
    breakdown: "Breakdown | None" = backref(default=None)  # the breakdown it is a part of (``ProseAnalysis.breakdowns``)
    aside_of: Figure | None = None

    @property
    def value(self) -> Decimal | None:
        return self.figure.value if self.figure is not None else None

    def fragment(self) -> str:
        """The words of the statement as written (its clause, line breaks removed)."""
        return self.clause.norm.source_text(self.clause.start, self.clause.end)


@dataclass(eq=False)
class Breakdown:
    """A whole and the parts a text breaks it into (``其中…``), with the shares stated for them."""

    whole: Statement
    dims: set[str]
    parts: list[Statement] = field(default_factory=list)
    shares: list[Statement] = field(default_factory=list)  # parts (or categories) with a percentage
    dim: str = ""
    opener: Clause | None = None
    closed_by: Clause | None = None


@dataclass(eq=False)
class Claim:
    """Words that assert something the tables can contradict (``所有申请均已办结``)."""

    kind: str  # all_done none_carried all_upheld all_closed all_natural no_cases no_correct no_apps
    clause: Clause
    start: int  # normalised offsets of the words making the claim
    end: int
    scope: str = ""  # for case claims: review | lit | both

    @property
    def span(self) -> Span:
        return self.clause.norm.source_span(self.start, self.end)

    def fragment(self) -> str:
        """The claim's clause, with the clause before it when the claim has no subject of its
        own (``行政复议4件，均获维持``)."""
        sent = self.clause.sentence
        idx = sent.clauses.index(self.clause)
        first = self.clause
        if idx > 0 and self.clause.sep_before == "," and re.match(r"^(均|全部|都|无|未|没有)", self.clause.text):
            first = sent.clauses[idx - 1]
        return self.clause.norm.source_text(first.start, self.clause.end)


@dataclass
class ProseAnalysis:
    """Everything the prose of one document states (``analyse(doc)``)."""

    figures: list[Figure] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)  # of the paragraphs with figures or claims
    statements: list[Statement] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    percents: list[Statement] = field(default_factory=list)  # statements with a percentage
    claims: list[Claim] = field(default_factory=list)
    share_groups: list[list[Statement]] = field(default_factory=list)  # percentages of one whole


def _first(patterns, text):
    for cid, rx in patterns:
        if rx.search(text):
            return cid
    return None


def _strip_lead(p: str) -> str:
    return re.sub(r"^(其中|另有|另|此外|同时|全年|本年度?|今年|\d{4}年度?)+", "", p)


_CASE_RESULT_ONLY = _Lazy(
    r"^(结果)?(维持|纠正|纠错|其他结果|尚未审结|未审结|审理中|正在审理)(原)?(决定|的)?(案件)?(共|为|有)?$")


def classify(prefix: str, suffix: str, fig: Figure, sentence: str, section: str = "",
             context: str = "") -> tuple[str | None, str]:
    """The concept a count figure states, from the words of its clause (``prefix`` before the
    figure, ``suffix`` after it) and of its sentence. Returns ``(concept id or None, scope)``;
    ``scope`` says why the figure is not about the report's own year and body (``change``,
    ``period``, ``body``, ``subset``) or is ``""``. ``context`` is ``"apps"`` when the text around
    is about 政府信息公开 applications, ``"info"`` when the paragraph or section only mentions
    政府信息公开, ``""`` otherwise."""
    unit = fig.unit
    p, s = prefix, suffix
    words = p + "|" + s
    scope = ""
    if _CHANGE.search(p):
        scope = "change"
    elif _OTHER_PERIOD.search(p):
        scope = "period"
    elif _SCOPE.search(p):
        scope = "body"
    if unit == "万元":
        if "行政事业性收费" in words:
            return "t2.fee", scope
        return None, scope
    if unit not in ("件", "份", "条", "个", "项"):
        return None, scope
    core = _strip_lead(p)
    # cases: 行政复议 / 行政诉讼 and their results
    case_ctx = re.search(r"复议|诉讼|起诉", sentence) and (_INFO_CTX.search(sentence) or section == "s4")
    # the figure must be said to be about 政府信息公开 (a 司法局 also counts all its reconsiderations)
    before = fig.norm.text[fig.clause.sentence.start:fig.start] if fig.clause is not None else p
    case_ctx = case_ctx and (section == "s4" or re.search(r"信息公开|依申请|公开申请", before))
    if unit == "件" and case_ctx and "复议机关" not in p:
        if re.search(r"复议后(起诉|提起)", core):
            return "lit.after", scope
        if re.search(r"直接(起诉|提起)", core):
            return "lit.direct", scope
        if re.search(r"复议|诉讼|起诉", p):
            last_rev, last_lit = p.rfind("复议"), max(p.rfind("诉讼"), p.rfind("起诉"))
            kind = "review" if last_rev > last_lit else "lit"
            if re.search(r"(行政复议|行政诉讼|被起诉|起诉)(案件|申请)?(共|共计|合计|为|有)?$", p):
                return f"{kind}.total", scope
            tail = p[max(last_rev, last_lit) + 2:]
            res = _first(_CASE_RESULTS, tail)
            if res and _CASE_RESULT_ONLY.match(_strip_lead(re.sub(r"^(案件|中|的)+", "", tail))):
                return f"{kind}.{res}", scope
            return None, scope
        m = _CASE_RESULT_ONLY.match(core)
        if m:
            return f"case.{_first(_CASE_RESULTS, m.group(2))}", scope
    # 表二 figures
    if unit == "件" and ("规范性文件" in words or "规章" in words) and "申请" not in words:
        if "规范性文件" in words and "规章" in words:
            return None, scope
        row = "normdocs" if "规范性文件" in words else "rules"
        if "现行有效" in words:
            return f"t2.{row}.valid", scope
        if "废止" in p:
            return f"t2.{row}.repealed", scope
        if re.search(r"制发|制定|印发|出台|新制作", p) and not re.search(r"修订|修改|转发|公开", p):
            return f"t2.{row}.made", scope
        return None, scope
    if unit == "件" and not _APPS_CTX.search(words) and "信息" not in words:
        for key, word in (("license", "行政许可"), ("penalty", "行政处罚"), ("coercion", "行政强制")):
            if word in p and re.search(r"作出|办理|办结|处理决定|决定|实施", p) and "事项" not in p:
                return f"t2.{key}", scope
    # 主动公开
    if unit == "条" and re.search(r"(主动(公开|发布|公布)(各类|各项)?(政府)?|(公开|发布|公布)(各类|各项)?政府)信息(共|共计|合计)?$", p) \
            and not re.search(r"网站|微信|微博|新媒体|公报|客户端|抖音|头条|专栏|平台|政务", p) \
            and not re.match(r"(其中|其他|其它|其余)", core):
        return "proactive.total", scope
    if unit not in ("件", "份"):
        return None, scope
    # applications
    if _NOT_APPS.search(p):
        return None, scope
    if re.search(r"信息公开|依申请|公开申请", words) or re.search(r"(处理|办理|答复)(结果|情况)", sentence):
        context = "apps"
    elif context == "info" and "申请" in sentence:
        context = "apps"
    if not context:
        return None, scope  # nothing says these are 政府信息公开 applications
    if re.search(r"上一?年度?结转", p):
        return "apps.carry_in", "" if scope == "period" else scope
    if re.search(r"结转(至|到)?下一?年|转入下一?年|顺延(至|到)?下一?年", p) or \
            re.match(r"^(结转|顺延)(至|到)?下一?年", s):
        return "apps.carry_out", scope
    kind = _application_kind(p, s, context == "apps")
    if context != "apps":
        return kind, scope  # only a count named with its noun (…收到政府信息公开申请N件) is read here
    if kind is None:
        group = _first(_RESULT_GROUPS, core)
        if group is not None:
            return group, scope
        sub = [cid for cid, rx in _RESULT_SUBS if rx.search(core)]
        if len(sub) == 1:
            return sub[0], scope
        if _RESIDUAL.match(core):
            return "result.residual", scope
    applicants = {cid for cid, rx in _APPLICANTS if rx.search(core.replace("法人或其他组织", "法人"))}
    if re.search(r"法人(或|和|及)其他组织", core):
        applicants.add("applicant.org")
    if re.search(r"公民", core):
        applicants.add("applicant.natural")
    channels = {cid for cid, rx in _CHANNELS if rx.search(core)}
    if len(applicants) == 1:
        return applicants.pop(), scope
    if len(channels) == 1 and not (kind and "等" in p):
        return channels.pop(), scope
    if kind is not None:
        if p.startswith("其中"):
            scope = scope or "subset"
        return kind, scope
    return None, scope


# the words that may stand between a verb and the count: 收到[公民、法人和其他组织提出的]政府信息公开申请[共]
_APPLICANT_WORDS = r"(公民、?法人(和|或|及)其他组织|申请人)?(提出|提交)?的?"
_NOUN = r"(各类|相关)?(政府信息公开|信息公开|政府信息依申请公开|依申请公开|依申请)?的?(申请件|申请|件)?"
_TAIL = r"(数量|数)?(共|共计|合计|总计|累计|为|有|达|达到)*$"
_KINDS = [
    ("apps.handled", _Lazy(r"(收到|受理|接收)(和|并|及|与)(办理|处理)" + _NOUN + _TAIL)),
    ("apps.new", _Lazy(r"新收" + _APPLICANT_WORDS + _NOUN + _TAIL)),
    ("apps.received", _Lazy(r"(收到|受理|接收|接到|收悉)了?" + _APPLICANT_WORDS + _NOUN + _TAIL)),
    ("apps.done", _Lazy(r"(办结|答复|办理完毕|处理完毕|办理完成)了?" + _NOUN + _TAIL)),
    ("apps.handled", _Lazy(r"(?<!不予)(?<!其他)(?<!不再)(办理|处理)了?" + _NOUN + _TAIL)),
]
_NOUN_AFTER = _Lazy(r"^(政府信息公开|信息公开|依申请公开)?申请")


def _application_kind(prefix: str, suffix: str, about_apps: bool) -> str | None:
    """Which application count a clause states: the verb must end its words, followed only by
    the application noun (``全市共受理政府信息公开申请3119件``, ``共收到70件申请``); so
    ``受理行政许可申请1200件`` or ``收到群众来信12件`` are not 表三. Without the noun (``办结69件``) the
    sentence must be about applications (``about_apps``)."""
    for kind, rx in _KINDS:
        m = rx.search(prefix)
        if m is None:
            continue
        named = re.search(r"申请|公开|件", m.group(0)) or _NOUN_AFTER.match(suffix)
        if named or (about_apps and kind in ("apps.done", "apps.handled")):
            return kind
    return None


# --------------------------------------------------------------------------- claims

_CLAIMS = [
    ("all_done", _Lazy(
        r"(所有|全部)(的)?(政府信息公开|依申请公开)?(申请|申请件|件)(均|都|全部)?(已|已经)?(按要求|按时|按期|依法)?(办结|办理完毕|办理完成|答复完毕|处理完毕)"
        r"|(均|全部|都)(已|已经)(按要求|依法)?(办结|办理完毕|办理完成)"
        r"|(已|已经)(全部|均)(按要求|按时|按期|依法)?(办结|办理完毕|办理完成)")),
    ("none_carried", _Lazy(r"(无|没有)(结转|下一?年度?结转|结转(至|到)?下一?年度?(的)?(申请)?)(?!率)")),
    ("all_upheld", _Lazy(r"(均|全部|都)(获|被|予以|得到|已被)?(维持|维持原)")),
    ("all_closed", _Lazy(r"(均|全部|都)(已)?(结案|审结)")),
    ("all_natural", _Lazy(r"(均|全部|都)(为|是|系|来自)自然人")),
    ("no_correct", _Lazy(r"(未发生|没有发生|无|未出现|没有出现)[^,;]{0,25}(纠错|纠正|败诉)")),
    ("no_cases", _Lazy(r"(未发生|没有发生|未发现|(?<![并从])无(?!论|需|法|误|缝|偿)|没有|未出现|没有出现)[^,;新]{0,20}(行政复议|行政诉讼)")),
    ("no_apps", _Lazy(r"(未收到|没有收到|无)(政府信息公开|依申请公开)?(申请)")),
]


def _case_scope(before: str) -> str:
    """Which cases a claim is about, from the words before it in its sentence: the part after
    the last ``；``, and if that names both, the clause right before the claim."""
    seg = before.rsplit(";", 1)[-1]
    rev, lit = "复议" in seg, bool(re.search(r"诉讼|起诉", seg))
    if rev and lit:
        last = re.split(r"[,:]", seg.rstrip(",:"))[-1]
        r2, l2 = "复议" in last, bool(re.search(r"诉讼|起诉", last))
        if r2 != l2 and not re.search(r"(复议|诉讼)(、|和|及|与)", seg):
            rev, lit = r2, l2
    if rev and not lit:
        return "review"
    if lit and not rev:
        return "lit"
    return "both"


_CLAIM_WORDS = set("均全所无未没都")


def _may_claim(text: str) -> bool:
    """Whether a paragraph's text may hold a claim (a claim found in a clause is found in the
    whole text too: no claim pattern is anchored, and no separator is a word they look around for)."""
    return not _CLAIM_WORDS.isdisjoint(text) and any(rx.search(text) for _, rx in _CLAIMS)


def _claims(sent: Sentence, section: str, apps_ctx: bool = False) -> list[Claim]:
    out: list[Claim] = []
    if _CLAIM_WORDS.isdisjoint(sent.text):
        return out
    for cl in sent.clauses:
        text = cl.text
        for kind, rx in _CLAIMS:
            m = rx.search(text)
            if not m:
                continue
            before = sent.norm.text[sent.start:cl.start + m.start()]
            if kind in ("all_upheld", "all_closed", "no_correct", "no_cases"):
                ctx = sent.text
                if not (_INFO_CTX.search(ctx) or section == "s4") or "复议机关" in ctx:
                    continue
                if kind == "no_cases":
                    if re.search(r"纠错|纠正|败诉", text[m.start():]):
                        continue  # 未发生…被纠错: a no_correct claim, checked below
                    seg = text[m.start():]
                    rev, lit = "复议" in seg, bool(re.search(r"诉讼|起诉", seg))
                    scope = "both" if rev and lit else ("review" if rev else "lit")
                elif kind == "no_correct":
                    seg = text[m.start():]
                    rev, lit = "复议" in seg, bool(re.search(r"诉讼|起诉", seg))
                    scope = "both" if rev == lit else ("review" if rev else "lit")
                else:
                    if not re.search(r"复议|诉讼|起诉", before) and section != "s4":
                        continue
                    scope = _case_scope(before)
                out.append(Claim(kind, cl, cl.start + m.start(), cl.start + m.end(), scope))
            else:
                if kind != "all_natural" and not (_APPS_CTX.search(sent.text) or apps_ctx):
                    continue
                if kind == "all_natural" and not re.search(r"申请", sent.text):
                    continue
                if re.search(r"复议|诉讼|起诉", before.rsplit(";", 1)[-1]) and kind != "no_apps":
                    continue  # about cases, not applications
                if kind == "all_done" and "结转" in "".join(re.split(r"[,:]", before.rsplit(";", 1)[-1])[-2:]):
                    continue  # 上年结转的5件申请均已办结: about the carried-over applications only
                if _SCOPE.search(before) or _OTHER_PERIOD.search(before):
                    continue
                out.append(Claim(kind, cl, cl.start + m.start(), cl.start + m.end()))
            break  # one claim per clause
    return out


# --------------------------------------------------------------------------- analysis


def _report_year(doc: "Document") -> int | None:
    fm = doc.front_matter
    data = fm.data if fm is not None and fm.data else {}
    y = data.get("year") if isinstance(data, dict) else None
    return y if isinstance(y, int) and not isinstance(y, bool) else None


def _section_of(line: int, section_lines: dict[str, tuple[int, int]]) -> str:
    for sid, (a, b) in section_lines.items():
        if a <= line <= b:
            return sid
    return ""


def analyse(doc: "Document", section_lines: dict[str, tuple[int, int]] | None = None) -> ProseAnalysis:
    """Read every paragraph of ``doc``; ``section_lines`` maps official section ids to their
    line ranges (``SectionMap.lines_of``) so that statements in section 四 are known to be about
    cases. Memoised per document."""
    key = "prose:" + repr(sorted((section_lines or {}).items()))
    return doc.memo(key, lambda: _analyse(doc, section_lines or {}))


def _analyse(doc: "Document", section_lines: dict[str, tuple[int, int]]) -> ProseAnalysis:
    out = ProseAnalysis()
    year = _report_year(doc)
    last_whole: dict[str, tuple[Statement, int]] = {}  # latest whole per family, for 在…中 openers
    for pindex, para in enumerate(doc.paragraphs):
        nt = normalise(para)
        if not nt.text:
            continue
        figs = _figures(nt)
        if not figs and not _may_claim(nt.text) and not (
                "中" in nt.text and any(pindex - i <= 2 for _, i in last_whole.values())):
            # no figure, no claim, and no 在…中 that could open a breakdown of a recent whole:
            # the paragraph states nothing (most of a report's prose)
            continue
        sentences = _sentences(nt, figs)
        out.sentences.extend(sentences)
        section = _section_of(para.line, section_lines)
        for f in figs:
            f.index = len(out.figures)
            out.figures.append(f)
        stmts_by_fig: dict[int, Statement] = {}
        prev_sentence_last: Statement | None = None
        for sent in sentences:
            sent_stmts: list[Statement] = []
            # a sentence that opens with 其中 continues the breakdown of an application count
            apps_ctx = (bool(sent.clauses) and sent.clauses[0].text.startswith("其中") and
                        prev_sentence_last is not None and prev_sentence_last.concept is not None and
                        prev_sentence_last.concept.dim == "apps") or \
                ("apps" in last_whole and pindex - last_whole["apps"][1] <= 1)
            context = "apps" if apps_ctx else (
                "info" if section == "s3" or re.search(r"信息公开|依申请", nt.text[:sent.end]) else "")
            for cl in sent.clauses:
                for f in cl.figures:
                    if f.is_percent:
                        continue
                    prefix, suffix = cl.prefix(f), cl.suffix(f)
                    cid, scope = classify(prefix, suffix, f, sent.text, section, context)
                    if not scope and year is not None:
                        years = _YEAR.findall(nt.text[sent.start:f.start])
                        if years and int(years[-1]) != year and not (
                                cid and cid.startswith("apps.carry") and int(years[-1]) in (year - 1, year + 1)):
                            scope = "period"
                    st = Statement(f, CONCEPTS.get(cid) if cid else None, cl, scope, aside_of=cl.aside_of)
                    stmts_by_fig[id(f)] = st
                    sent_stmts.append(st)
                    out.statements.append(st)
            recent = {k: v[0] for k, v in last_whole.items() if pindex - v[1] <= 2}
            n_shares = len(out.percents)
            _breakdowns(sent, sent_stmts, stmts_by_fig, prev_sentence_last, recent, out)
            # shares of an implicit whole: categories with a percentage and no breakdown
            loose: dict[str, list[Statement]] = {}
            for st in out.percents[n_shares:]:
                if st.breakdown is None and st.figure is None and st.concept is not None:
                    loose.setdefault(st.concept.dim, []).append(st)
            out.share_groups.extend(g for g in loose.values() if len(g) > 1)
            for st in sent_stmts:
                if st.concept is not None and st.concept.role == "whole" and not st.scoped and st.aside_of is None:
                    last_whole[st.concept.dim] = (st, pindex)
            out.claims.extend(_claims(sent, section, apps_ctx or (
                prev_sentence_last is not None and prev_sentence_last.concept is not None
                and prev_sentence_last.concept.dim == "apps")))
            counted = [s for s in sent_stmts if s.aside_of is None and s.figure is not None]
            if counted:
                prev_sentence_last = counted[-1]
    for bd in out.breakdowns:  # in opening order: outer breakdowns first
        if bd.whole.scoped:
            for p in bd.parts:
                p.scoped = p.scoped or bd.whole.scoped
        if len(bd.shares) > 1:
            out.share_groups.append(bd.shares)
    return out


def _percent_concept(prefix: str) -> str | None:
    """``予以公开或部分公开占`` → the category a percentage without its count names."""
    m = re.search(r"(占|占比|比例为?|约占)$", prefix)
    if not m:
        return None
    words = _strip_lead(prefix[: m.start()])
    words = re.sub(r"^(的|中)", "", words)
    group = _first(_RESULT_GROUPS, words)
    if group:
        return group
    sub = [cid for cid, rx in _RESULT_SUBS if rx.search(words)]
    if len(sub) == 1:
        return sub[0]
    if _RESIDUAL.match(words) or re.match(r"^(其他|其它)(情况|情形)?$", words):
        return "result.residual"
    app = _first(_APPLICANTS, words)
    if app:
        return app
    ch = _first(_CHANNELS, words)
    if ch:
        return ch
    return None


def _opener(cl: Clause) -> str | None:
    """``其中`` or ``在主动公开的信息中`` / ``处理结果中`` at the start of a clause."""
    t = cl.text
    if t.startswith("其中"):
        return "其中"
    if not cl.figures and re.match(r"^(在|从)?.{0,12}(中|当中)$", t):
        if "主动公开" in t:
            return "proactive"
        if re.search(r"申请|处理结果|办理结果|答复", t):
            return "apps"
    return None


def _breakdowns(sent: Sentence, sent_stmts: list[Statement], by_fig: dict[int, Statement],
                prev_last: Statement | None, last_whole: dict[str, Statement], out: ProseAnalysis) -> None:
    """Find the breakdowns of one sentence: ``其中`` (or ``在…中``) opens one under the figure
    before it; following parts of one dimension join it; anything else closes it. Breakdowns
    nest (``不予公开20件，其中国家秘密4件…``) and end with their bracket."""
    stack: list[Breakdown] = []
    last_stmt: Statement | None = None  # the latest count statement of the sentence (asides excluded)

    for idx, cl in enumerate(sent.clauses):
        while stack and not _within(cl.group, _base(stack[-1])):
            stack.pop()  # the bracket the breakdown was opened in has closed
        opener = _opener(cl)
        if opener is not None:
            if opener == "其中":
                whole = last_stmt if last_stmt is not None else (prev_last if idx == 0 else None)
            else:
                whole = last_whole.get(opener)
            bd = _open_breakdown(whole, cl, out) if whole is not None else None
            if bd is not None:
                if not (stack and whole.breakdown is stack[-1]):
                    stack.clear()  # not nested: a new breakdown
                stack.append(bd)
        for f in cl.figures:
            if f.is_percent:
                _attach_percent(f, cl, stack, last_stmt, out)
                continue
            st = by_fig.get(id(f))
            if st is None:
                continue
            if st.aside_of is not None and not (stack and _base(stack[-1]) is not None
                                                and not _aside_between(cl.group, _base(stack[-1]))):
                continue  # an aside (含上年结转189件) is never a part, nor the figure before 其中
            while stack:
                bd = stack[-1]
                d = _part_dim(st, bd)
                if d is not None and (not bd.dim or bd.dim == d):
                    bd.dim = d
                    _retarget(st, bd)
                    st.breakdown = bd
                    bd.parts.append(st)
                    break
                bd.closed_by = cl
                stack.pop()
            last_stmt = st


def _base(bd: Breakdown) -> Group | None:
    return bd.opener.group if bd.opener is not None else None


def _aside_between(g: Group | None, base: Group | None) -> bool:
    """Is there a bracket right after a figure between group ``g`` and ``base`` (exclusive)?"""
    while g is not None and g is not base:
        if g.host is not None:
            return True
        g = g.parent
    return False


def _open_breakdown(whole: Statement, cl: Clause, out: ProseAnalysis) -> Breakdown | None:
    if whole.figure is None or whole.concept is None:
        return None
    c = whole.concept
    if c.role == "whole":
        dims = BREAKDOWN_DIMS.get(c.dim, set())
    elif c.id in _GROUP_SUBS:
        dims = {"sub:" + c.id}
    else:
        return None
    if not dims:
        return None
    bd = Breakdown(whole, dims, opener=cl)
    out.breakdowns.append(bd)
    return bd


_NOT_A_CATEGORY = _Lazy(r"网站|微信|微博|新媒体|公报|客户端|抖音|头条|平台|专栏|浏览|访问|转发|阅读|点击|粉丝|留言")


def _part_dim(st: Statement, bd: Breakdown) -> str | None:
    """The dimension ``st`` has as a part of ``bd``, or None when it cannot be one."""
    c = st.concept
    if st.figure is not None and bd.whole.figure is not None:
        same = {st.figure.unit, bd.whole.figure.unit}
        if len(same) > 1 and same != {"件", "份"}:
            return None
        if st.scoped == "change":
            return None  # 较上年增加5件 is not a part of anything
    if c is None:
        # an unclassified figure: a category of published information, or nothing
        if "category" in bd.dims and st.figure is not None:
            pre = _strip_lead(st.clause.prefix(st.figure))
            if pre and not _NOT_A_CATEGORY.search(pre):
                return "category"
        return None
    w = bd.whole.concept
    if c.id == "apps.carry_out" and w is not None and w.id in ("apps.done", "apps.new"):
        return None  # what is carried over is not among what was answered
    for d in bd.dims:
        if d.startswith("sub:") and c.id in _GROUP_SUBS[d[4:]]:
            return d
    if c.dim in bd.dims:
        return c.dim
    if w is not None and w.dim in ("review", "lit") and c.dim in ("review_result", "lit_result", "case_result"):
        return f"{w.dim}_result"
    return None


def _retarget(st: Statement, bd: Breakdown) -> None:
    """A case result follows the case type of its whole (``行政诉讼46件，其中结果维持25件``)."""
    c, w = st.concept, bd.whole.concept
    if c is not None and w is not None and w.dim in ("review", "lit") \
            and c.dim in ("review_result", "lit_result", "case_result"):
        kind = c.id.split(".", 1)[1]
        st.concept = CONCEPTS.get(f"{w.dim}.{kind}", c)


def _within(g: Group | None, base: Group | None) -> bool:
    """Is bracket group ``g`` the same as or inside ``base``?"""
    while g is not None:
        if g is base:
            return True
        g = g.parent
    return base is None


def _deeper(g: Group | None, base: Group | None) -> bool:
    return g is not None and g is not base and _within(g, base)


def _attach_percent(f: Figure, cl: Clause, stack: list[Breakdown], last_stmt: Statement | None,
                    out: ProseAnalysis) -> None:
    """Attach a percentage to the statement it is the share of."""
    prefix = cl.prefix(f)
    if _RATE.search(prefix) or _CHANGE.search(prefix) or _RATE.search(cl.suffix(f)[:2]):
        return  # 办结率100%, 同比增长12%: not a share
    target: Statement | None = None
    host = cl.group.host if cl.group is not None else None
    if host is not None and not prefix:
        # 208件（17.46%）
        target = next((s for s in reversed(out.statements) if s.figure is host), None)
    elif _PERCENT_OF.match(_strip_lead(prefix)) and last_stmt is not None and (
            cl.sep_before in (",", ";") or (cl.sep_before == "(" and host is last_stmt.figure)):
        # 1件，占总数的50%
        target = last_stmt
    else:
        cid = _percent_concept(prefix)
        if cid is not None:
            # 予以公开或部分公开占58.5%: a share of a category whose count is not stated
            target = Statement(None, CONCEPTS[cid], cl)
            out.statements.append(target)
            if stack:
                d = _part_dim(target, stack[-1])
                if d is not None and (not stack[-1].dim or stack[-1].dim == d):
                    stack[-1].dim = d
                    target.breakdown = stack[-1]
    if target is None or target.percent is not None:
        return
    target.percent = f
    out.percents.append(target)
    if target.breakdown is not None:
        target.breakdown.shares.append(target)
