"""Most of the report's sentences occur verbatim in the same organisation's report of the year before.

Evaluations of these reports name 内容雷同 year after year: one found reports 90% identical to the
year before. The rule counts the share of this year's sentences that occur in last year's report
of the same organisation (front matter ``organization``, names folded; same profile; ``year`` one
less) among the files of the run, and warns when it reaches ``threshold`` percent (default 50).

Sentences are compared folded (NFKC, no whitespace, no markup, no quote marks) and with their
numbers left out, so a sentence copied with its figures and its year updated still counts as
copied. What every report must contain does not count, in this year's report or last year's: the
edition's section titles and table labels, the profile's ``boilerplate`` (the statutory opening
sentence 根据《中华人民共和国政府信息公开条例》…, the statistical period, where the report can be
downloaded, contact details, numbered sub-titles such as （一）主动公开情况), and sentences of fewer
than ``min-length`` Chinese characters (default 10). A report with fewer than ``min-sentences``
such sentences (default 5) is not judged.

Real consecutive reports of one organisation share few of their sentences so counted
(淮安市洪泽区 2023 → 2024: 2 of 15, 13%; 平潭综合实验区 2021 → 2022: 1 of 45, 2%); a report made by
updating last year's figures shares nearly all (the 2024 report of 洪泽区 turned into a 2025 one
with every figure changed: 15 of 15). The finding sits on the first copied sentence and
gives the share, last year's file and the first copied sentences. When last year has several
reports (REP001), the one this year's shares most with is named.
"""
import json
import re

from reportlint.api import blake2b, core_key, finding, report_identity, sentences

CODE = "REP003"
NAME = "copied-from-last-year"
SUMMARY = "Most sentences are copied from last year's report"
SUMMARY_ZH = "报告内容与上一年度报告大量雷同"
SEVERITY = "warning"
SCOPE = "repository"
OPTIONS = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "threshold": {"type": "number", "minimum": 1, "maximum": 100, "default": 50,
                      "description": "share of sentences (percent) from which the report is reported"},
        "min-length": {"type": "integer", "minimum": 1, "default": 10,
                       "description": "sentences with fewer Chinese characters are not counted"},
        "min-sentences": {"type": "integer", "minimum": 1, "default": 5,
                          "description": "reports with fewer counted sentences are not judged"},
    },
}
QUOTED = 3  # copied sentences quoted in the message
KEY_WIDTH = 16  # hex digits of a sentence's hash in the collected data

_BOILERPLATE = {}
_VERDICTS_MAX = 65536


def _boilerplate(profile):
    """(the boilerplate patterns as one regular expression, folded labels, and a cache of sentence
    key -> its hash, "" for boilerplate) of an edition: computed once per edition."""
    hit = _BOILERPLATE.get(id(profile))
    if hit is None or hit[0] is not profile:
        joined = "|".join(f"(?:{p})" for p in profile.profile.boilerplate)
        patterns = re.compile(joined) if joined else None  # one search per sentence
        labels = set()
        for spec in profile.sections:
            labels.update(core_key(t) for t in [spec.title, *spec.variants])
        for table in profile.tables.values():
            for item in [*table.rows, *table.columns]:
                labels.update(core_key(t) for t in [item.label or "", *item.variants])
        labels.discard("")
        hit = _BOILERPLATE[id(profile)] = (profile, patterns, labels, {})
    return hit[1], hit[2], hit[3]


def _hash(key):
    return blake2b(key.encode("utf-8", "surrogatepass"), digest_size=KEY_WIDTH // 2).hexdigest()


def collect(doc, profile, options):
    """What the repository pass needs of the report: its counted sentences as one string of
    fixed-width hashes of their folded text ("keys"), and where each is and how it begins as one
    JSON text ("sentences", decoded only for a report that shares enough with last year's)."""
    facts = report_identity(doc, profile.profile_id)
    if facts is None or facts["year"] is None:
        return None
    patterns, labels, verdicts = _boilerplate(profile)
    min_length = options["min-length"]
    keys = []
    quoted = []
    for s in sentences(doc):
        if s.cjk < min_length:
            continue
        key = s.key
        hashed = verdicts.get(key)  # sentences recur from report to report: each is judged once
        if hashed is None:
            boiler = core_key(key.rstrip("。:;")) in labels or (patterns is not None and patterns.search(key))
            hashed = "" if boiler else _hash(key)
            if len(verdicts) >= _VERDICTS_MAX:
                verdicts.clear()
            verdicts[key] = hashed
        if not hashed:
            continue
        text = s.text
        if len(text) > 40:
            text = text[:39] + "…"
        keys.append(hashed)
        quoted.append([*s.span, text])
    return {"profile": facts["profile"], "org": facts["org"], "year": facts["year"], "keys": "".join(keys),
            "sentences": json.dumps(quoted, ensure_ascii=False, separators=(",", ":"))}


def sentence_keys(data):
    """The hashes of a report's counted sentences, in order (ValueError: not what collect made)."""
    keys = data["keys"]
    if type(keys) is not str or len(keys) % KEY_WIDTH:
        raise ValueError("REP003: keys of the wrong shape")
    return [keys[i:i + KEY_WIDTH] for i in range(0, len(keys), KEY_WIDTH)]


def _quoted(data, count):
    """[line, column, end line, end column, beginning] of each counted sentence."""
    out = json.loads(data["sentences"])
    if type(out) is not list or len(out) != count or not all(
            type(q) is list and len(q) == 5 and all(type(x) is int for x in q[:4]) and type(q[4]) is str for q in out):
        raise ValueError("REP003: sentences of the wrong shape")
    return out


def check_repository(items, options):
    index = {}
    for path, data in items:
        index.setdefault((data["profile"], data["org"], data["year"]), []).append((path, data))
    for path, data in items:
        count = len(data["keys"]) // KEY_WIDTH
        if count < options["min-sentences"]:
            continue
        previous = index.get((data["profile"], data["org"], data["year"] - 1))
        if not previous:
            continue
        mine = sentence_keys(data)
        best = None
        for prev_path, prev in sorted(previous, key=lambda x: x[0]):
            keys = set(sentence_keys(prev))
            copied = [i for i, k in enumerate(mine) if k in keys]
            if best is None or len(copied) > len(best[1]):
                best = (prev_path, copied)
        if best is None or not best[1]:
            continue
        prev_path, copied = best
        share = 100 * len(copied) / len(mine)
        if share < options["threshold"]:
            continue
        quoted = _quoted(data, len(mine))
        copied = [quoted[i] for i in copied]
        quotes = "、".join(f"「{s[4]}」" for s in copied[:QUOTED])
        more = len(copied) - QUOTED
        yield path, finding(
            tuple(copied[0][:4]),
            f"{share:.0f}% of this report's sentences ({len(copied)} of {len(mine)}, boilerplate and figures left "
            f"out) occur verbatim in last year's report {prev_path}: {quotes}" + (f" and {more} more" if more > 0 else ""),
            f"本报告 {share:.0f}% 的句子（{len(mine)} 句中的 {len(copied)} 句，不计固定表述和数字）与上一年度报告 "
            f"{prev_path} 相同：{quotes}" + (f"等 {len(copied)} 句" if more > 0 else ""),
            data={"share": round(share, 1), "copied": len(copied), "sentences": len(mine), "previous": prev_path})
