"""A JSON array of findings (1-based positions, end column exclusive).

Findings that an active waiver suppresses follow the others, marked ``"suppressed": true``
with their ``waiver`` (line, codes, until, reason); they do not affect the exit code. With
``--statistics`` the output is an object: ``{"statistics": [...], "waivers": [...]}``.

The repository overview is not added here: the output is a JSON array and consumers rely on it;
``reportlint status --format json`` prints the overview as its own JSON document."""
from __future__ import annotations

import json

from ..invisible import json_safe


def render(report) -> str:
    from . import statistics, waivers

    if report.options.get("statistics"):
        data = {"statistics": statistics(report), "waivers": waivers(report)}
    else:
        data = [d.to_dict(report.lang) for d in report.diagnostics] + [d.to_dict(report.lang) for d in report.waived]
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
