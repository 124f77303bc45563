"""Front matter from what a report says about itself: organisation and year from its title line,
the level from the organisation's name when the name leaves no doubt."""
from __future__ import annotations

import re

_YEAR = r"(?P<year>(?:19|20)\d\d)\s*年度?"
_TRAILING = re.compile(r"(关于|的|[\s:：,，、])+$")
# the name's ending decides the level; checked in this order (a 镇人民政府 is a township)
LEVEL_BY_SUFFIX = (
    (re.compile(r"(街道办事处|街道办|街道)$"), "township"),
    (re.compile(r"[乡镇](人民政府)?$"), "township"),
    (re.compile(r"人民政府$"), "government"),
    (re.compile(r"(局|委|办|办公室|办公厅|厅)$"), "department"),
)


def parse_title(title: str, name: str) -> tuple[str | None, int | None]:
    """(organisation, year) from a title such as ``XX局2024年政府信息公开工作年度报告`` or
    ``2024年XX局政府信息公开工作年度报告`` (``name`` is the profile's report name)."""
    text = re.sub(r"\s+", "", title)
    core = re.sub(r"\s+", "", name)
    m = re.search(rf"^(?P<pre>.*?){_YEAR}(?P<mid>.*?){re.escape(core)}", text)
    if m:
        org = m.group("pre") or m.group("mid")
    else:  # the name worded differently (政府信息公开年度报告): it starts where the rest is most like it
        m = re.search(rf"^(?P<pre>.*?){_YEAR}(?P<rest>.*)$", text)
        if not m:
            return None, None
        org = m.group("pre") or _before_name(m.group("rest"), core)
    org = _TRAILING.sub("", org or "").strip() or None
    return org, int(m.group("year"))


def _before_name(rest: str, name: str) -> str:
    """The part of ``rest`` before the point where the longest run of ``name``'s first characters
    begins (at least two): ``洪泽区人民政府政府信息公开年度报告`` → ``洪泽区人民政府``."""
    best, at = 1, None
    for i in range(len(rest)):
        n = 0
        while i + n < len(rest) and n < len(name) and rest[i + n] == name[n]:
            n += 1
        if n > best:
            best, at = n, i
    return rest[:at] if at is not None else ""


def infer_level(organization: str | None, levels: list[str]) -> str | None:
    """``government``, ``department`` or ``township`` when the name's ending says so, else None
    (and None when the profile has no such level)."""
    if not organization:
        return None
    name = organization.strip()
    for pattern, level in LEVEL_BY_SUFFIX:
        if pattern.search(name):
            return level if level in levels else None
    return None
