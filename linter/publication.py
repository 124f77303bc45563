"""What a report says about itself, for the checks across a repository's reports (DATE001, the
REP rules, ``reportlint status``): which organisation, which year, which level, when it was
published, and the publication deadline that applies to it.

Organisation names are compared folded (:func:`org_key`: NFKC, so full-width and half-width forms
are one, and no whitespace), as everywhere front matter values are compared.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING, Any

from .text import compact

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .profile import Profile

NO_DEADLINE = "none"  # a configured deadline that removes the profile's
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


def org_key(name: str) -> str:
    """An organisation's name folded for comparison: NFKC and no whitespace."""
    return compact(name)


def parse_date(value: Any) -> _dt.date | None:
    """A ``YYYY-MM-DD`` front matter value as a date (None when it is not one)."""
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return None
    try:
        return _dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def report_identity(doc: "Document", profile_id: str | None) -> dict[str, Any] | None:
    """Plain data naming the report (JSON-able, cached with the file's results): ``profile``,
    ``organization`` (as written), ``org`` (folded), ``year`` (None when it is not an integer),
    ``level``, ``published`` (``YYYY-MM-DD`` or None), ``title``. None when the front matter names
    no organisation (FM003 reports that)."""
    fm = doc.front_matter
    data = fm.data if fm is not None and fm.error is None and isinstance(fm.data, dict) else {}
    org, year = data.get("organization"), _int(data.get("year"))
    if not isinstance(org, str) or not org_key(org):
        return None
    published = parse_date(data.get("published"))
    level = data.get("level")
    title = data.get("title")
    return {"profile": profile_id, "organization": org.strip(), "org": org_key(org), "year": year,
            "level": level if isinstance(level, str) else None,
            "published": published.isoformat() if published else None,
            "title": title if isinstance(title, str) else None}


def publication_deadline(profile: "Profile | None", level: str | None, year: int,
             overrides: dict[str, str] | None = None) -> tuple[_dt.date | None, str]:
    """The last day a report on ``year`` of ``level`` may be published, and where the rule
    comes from (``"profile"`` or ``"configuration"``); ``(None, …)`` when there is none.
    ``overrides`` (DATE001's ``deadlines`` option) win over the profile's; ``"none"`` removes one."""
    if not level:
        return None, "profile"
    source = "profile"
    mmdd = (profile.deadlines if profile is not None else {}).get(level)
    if overrides and level in overrides:
        mmdd, source = overrides[level], "configuration"
    if not mmdd or mmdd == NO_DEADLINE:
        return None, source
    m = _MONTH_DAY.match(mmdd)
    if not m:
        return None, source
    try:
        return _dt.date(year + 1, int(m.group(1)), int(m.group(2))), source
    except ValueError:
        return None, source


def timeliness(published: str | None, year: int, due: _dt.date | None) -> dict[str, Any]:
    """How a report's publication date relates to its year and deadline: ``state`` is
    ``no-date`` (no valid ``published``), ``early`` (published before its year ended: impossible
    for a report on that year), ``late`` (``days`` after ``deadline``), ``on-time`` or
    ``no-deadline``. Plain data."""
    out: dict[str, Any] = {"deadline": due.isoformat() if due else None, "days": 0}
    date = parse_date(published)
    if date is None:
        out["state"] = "no-date"
    elif date.year <= year:
        out["state"] = "early"
    elif due is None:
        out["state"] = "no-deadline"
    elif date > due:
        out["state"], out["days"] = "late", (date - due).days
    else:
        out["state"] = "on-time"
    return out
