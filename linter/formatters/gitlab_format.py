"""GitLab Code Quality report (a JSON array, ``artifacts:reports:codequality``).

Fingerprints are stable: a hash of the file, the rule and the English message (plus the
number of identical findings before it), not of the line, so a finding keeps its identity
when lines are added above it and GitLab shows it as unchanged rather than fixed and new."""
from __future__ import annotations

import hashlib
import json

from ..invisible import json_safe

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(report) -> str:
    seen: dict[tuple, int] = {}
    out = []
    for d in report.diagnostics:
        key = (d.path, d.code, d.message.en)
        n = seen.get(key, 0)
        seen[key] = n + 1
        fp = hashlib.sha256("\0".join([d.path, d.code, d.message.en, str(n)]).encode("utf-8")).hexdigest()
        out.append({
            "description": f"{d.code} {d.message.get(report.lang)}",
            "check_name": d.code,
            "fingerprint": fp,
            "severity": SEVERITY.get(d.severity, "minor"),
            "location": {"path": d.path.replace("\\", "/"), "lines": {"begin": d.line, "end": d.end_line}},
        })
    return json_safe(json.dumps(out, ensure_ascii=False, indent=2)) + "\n"
