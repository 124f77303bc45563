"""Output formats. Formatters know only diagnostics (and the few run facts in :class:`Report`).

Each format is a module ``<name>_format`` with ``render(report) -> str``, imported on demand
so a run pays only for the one it prints. A format that shows the reports' tables sets
``WANTS_VIEWS = True``: the CLI then hands it plain-data views of the files (``Report.views``,
see ``reportlint.view``), which no other run builds.
"""
from __future__ import annotations

import importlib
import re
from typing import Any

from ..diagnostics import SEVERITY_RANK, Diagnostic
from ..records import Record

FORMATS = ("text", "json", "gcc", "github", "sarif", "junit", "gitlab", "html")


class Report(Record):
    diagnostics: list[Diagnostic]
    files: int
    lang: str
    options: dict[str, Any]
    # findings that active waivers suppress (listed by --statistics, json and sarif)
    waived: list[Diagnostic]
    # rule metadata for formats that describe rules (sarif): code -> {name, severity, summary: {en, zh}, doc}
    rules: dict[str, dict[str, Any]]
    # plain-data views of the files (path -> view, see reportlint.view), for formats that want them
    views: dict[str, dict[str, Any]]
    # the repository overview (reportlint.status.overview: plain data), when the run covers a
    # [repository] list of expected reports: text and github print it after the findings, sarif
    # keeps it in the run's properties, html shows it; json, gcc, junit and gitlab leave it out
    overview: dict[str, Any] | None

    def __init__(
            self, diagnostics: list[Diagnostic], files: int, lang: str = "en",
            options: dict[str, Any] | None = None, waived: list[Diagnostic] | None = None,
            rules: dict[str, dict[str, Any]] | None = None, views: dict[str, dict[str, Any]] | None = None,
            overview: dict[str, Any] | None = None) -> None:
        self.diagnostics = diagnostics
        self.files = files
        self.lang = lang
        self.options = {} if options is None else options
        self.waived = [] if waived is None else waived
        self.rules = {} if rules is None else rules
        self.views = {} if views is None else views
        self.overview = overview

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in SEVERITY_RANK}
        for d in self.diagnostics:
            out[d.severity] = out.get(d.severity, 0) + 1
        return out

    def source_line(self, path: str, line: int) -> str | None:
        """The text of one source line (for --show-source), from ``options["sources"]`` (path ->
        text, handed over by the command: a formatter never opens a file)."""
        cache = self.options.setdefault("_lines", {})
        if path not in cache:
            text = (self.options.get("sources") or {}).get(path) or ""
            cache[path] = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        lines = cache[path]
        return lines[line - 1] if 0 < line <= len(lines) else None


def render(name: str, report: Report) -> str:
    return _module(name).render(report)


def wants_views(name: str) -> bool:
    """Whether format ``name`` shows the files' tables (and so needs ``Report.views``)."""
    return bool(getattr(_module(name), "WANTS_VIEWS", False))


def _module(name: str):
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    return importlib.import_module(f"{__name__}.{name}_format")


def statistics(report: Report) -> list[dict[str, Any]]:
    """Findings per rule, most frequent first (``--statistics``)."""
    counts: dict[str, dict[str, Any]] = {}
    for d in report.diagnostics:
        row = counts.setdefault(d.code, {"code": d.code, "name": d.name, "severity": d.severity, "count": 0})
        row["count"] += 1
        if SEVERITY_RANK.get(d.severity, 0) > SEVERITY_RANK.get(row["severity"], 0):
            row["severity"] = d.severity
    return sorted(counts.values(), key=lambda r: (-r["count"], r["code"]))


def waivers(report: Report) -> list[dict[str, Any]]:
    """Active waivers and the findings each one suppresses, in file order."""
    out: dict[tuple, dict[str, Any]] = {}
    for d in report.waived:
        w = d.waiver or {}
        key = (d.path, w.get("line"), w.get("column"))
        entry = out.setdefault(key, {"path": d.path, "line": w.get("line"), "column": w.get("column"),
                                     "codes": w.get("codes", []), "until": w.get("until"),
                                     "reason": w.get("reason"), "findings": []})
        entry["findings"].append({"line": d.line, "column": d.column, "code": d.code,
                                  "message": d.message.get(report.lang)})
    return [out[k] for k in sorted(out, key=lambda k: (k[0], k[1] or 0, k[2] or 0))]


# line and column numbers inside messages ("first at line 12", "第 12 行", "ends at column 40"):
# they change when lines are added above a finding, so they are left out of its identity
_POSITIONS = re.compile(r"\b(?:lines?|columns?)\s+\d+(?:\s*[-–,]\s*\d+)*|第\s*\d+\s*[行列]")


class Fingerprints:
    """Stable identities of findings (GitLab ``fingerprint``, SARIF ``partialFingerprints``): a
    hash of the file, the rule and the English message without line or column numbers (so the
    cells, labels and quoted text count), plus how many identical findings came before. A
    finding keeps its identity when lines are added above it; call once per finding, in order."""

    def __init__(self) -> None:
        self._seen: dict[tuple, int] = {}

    def __call__(self, d: Diagnostic) -> str:
        key = (d.path, d.code, _POSITIONS.sub("#", d.message.en))
        n = self._seen.get(key, 0)
        self._seen[key] = n + 1
        import hashlib  # only the outputs that carry fingerprints pay for loading OpenSSL

        return hashlib.sha256("\0".join([*key, str(n)]).encode("utf-8")).hexdigest()
