"""SARIF 2.1.0 (GitHub code scanning, Azure DevOps, IDE viewers).

Columns count Unicode code points (``columnKind: unicodeCodePoints``), as everywhere in
reportlint; end columns are exclusive, as SARIF's are. Findings an active waiver suppresses
are included with an accepted in-source ``suppressions`` entry (justification: the waiver's
reason), so viewers show the compliance decision instead of an open alert. When the run covers a
``[repository]`` list of expected reports, the overview of ``reportlint status`` is in the run's
``properties.reportlintStatus``.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from ..invisible import json_safe

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> tuple[str, bool]:
    p = Path(path)
    if p.is_absolute():
        return p.as_uri(), False
    return quote(path.replace(os.sep, "/"), safe="/"), True


def _result(d, lang: str, index: dict[str, int], fingerprint) -> dict:
    uri, relative = _uri(d.path)
    loc = {"uri": uri}
    if relative:
        loc["uriBaseId"] = "%SRCROOT%"
    res = {
        "ruleId": d.code,
        "level": LEVEL.get(d.severity, "warning"),
        "message": {"text": d.message.get(lang)},
        "locations": [{"physicalLocation": {
            "artifactLocation": loc,
            "region": {"startLine": d.line, "startColumn": d.column,
                       "endLine": d.end_line, "endColumn": max(d.end_column, d.column + 1 if d.end_line == d.line else 1)},
        }}],
        "partialFingerprints": {
            "reportlintFinding/v1": fingerprint(d),
        },
        "properties": {"severity": d.severity, "name": d.name, "messages": {"en": d.message.en, "zh": d.message.zh}},
    }
    if d.code in index:
        res["ruleIndex"] = index[d.code]
    if d.waiver is not None:
        w = d.waiver
        res["suppressions"] = [{
            "kind": "inSource",
            "status": "accepted",
            "justification": w.get("reason") or "",
            "location": {"physicalLocation": {"artifactLocation": loc,
                                              "region": {"startLine": w["line"], "startColumn": w["column"]}}},
            "properties": {"until": w.get("until"), "waiver": True},
        }]
    return res


def render(report) -> str:
    lang = report.lang
    rules = []
    index: dict[str, int] = {}
    codes = sorted(report.rules) or sorted({d.code for d in report.diagnostics + report.waived})
    for code in codes:
        meta = report.rules.get(code, {})
        summary = meta.get("summary", {})
        rule = {
            "id": code,
            "name": meta.get("name", code),
            "shortDescription": {"text": summary.get(lang) or summary.get("en") or code},
            "defaultConfiguration": {"level": LEVEL.get(meta.get("severity", "warning"), "warning")},
            "properties": {"summaries": summary} if summary else {},
        }
        if meta.get("doc"):
            rule["fullDescription"] = {"text": meta["doc"]}
            rule["help"] = {"text": meta["doc"]}
        index[code] = len(rules)
        rules.append(rule)
    from . import Fingerprints

    fingerprint = Fingerprints()
    results = [_result(d, lang, index, fingerprint) for d in report.diagnostics]
    results += [_result(d, lang, index, fingerprint) for d in report.waived]
    run = {
        "tool": {"driver": {
            "name": "reportlint",
            "version": report.options.get("version", ""),
            "semanticVersion": report.options.get("version", ""),
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
        "results": results,
        "invocations": [{
            "executionSuccessful": not report.options.get("errors"),
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": e}} for e in report.options.get("errors") or ()
            ],
        }],
    }
    if report.overview:  # the repository overview (reportlint status) as plain data
        run["properties"] = {"reportlintStatus": report.overview}
    if not run["tool"]["driver"]["version"]:
        del run["tool"]["driver"]["version"], run["tool"]["driver"]["semanticVersion"]
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_safe(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"
