"""GitLab Code Quality report (a JSON array, ``artifacts:reports:codequality``).

Fingerprints are stable (:class:`reportlint.formatters.Fingerprints`): a hash of the file, the
rule and the English message without line numbers (plus the number of identical findings before
it), so a finding keeps its identity when lines are added above it and GitLab shows it as
unchanged rather than fixed and new."""
from __future__ import annotations

import json

from ..invisible import json_safe

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(report) -> str:
    from . import Fingerprints

    fingerprint = Fingerprints()
    out = []
    for d in report.diagnostics:
        fp = fingerprint(d)
        out.append({
            "description": f"{d.code} {d.message.get(report.lang)}",
            "check_name": d.code,
            "fingerprint": fp,
            "severity": SEVERITY.get(d.severity, "minor"),
            "location": {"path": d.path.replace("\\", "/"), "lines": {"begin": d.line, "end": d.end_line}},
        })
    return json_safe(json.dumps(out, ensure_ascii=False, indent=2)) + "\n"
