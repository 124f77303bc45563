"""A JSON array of findings (1-based positions, end column exclusive)."""
from __future__ import annotations

import json


def render(report) -> str:
    return json.dumps([d.to_dict(report.lang) for d in report.diagnostics], ensure_ascii=False, indent=2) + "\n"
