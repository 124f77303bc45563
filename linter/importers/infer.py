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
    if not m:
        m2 = re.search(_YEAR, text)
        return None, (int(m2.group("year")) if m2 else None)
    org = m.group("pre") or m.group("mid")
    org = _TRAILING.sub("", org or "").strip() or None
    return org, int(m.group("year"))


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
