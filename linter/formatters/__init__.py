"""Output formats. A formatter knows only diagnostics: ``render(report) -> str``.

Formatters are imported lazily by name, so a run pays only for the one it prints.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import SEVERITY_RANK, Diagnostic

FORMATS = ("text", "json")


@dataclass
class Report:
    diagnostics: list[Diagnostic]
    files: int
    lang: str = "en"
    options: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in SEVERITY_RANK}
        for d in self.diagnostics:
            out[d.severity] = out.get(d.severity, 0) + 1
        return out


def render(name: str, report: Report) -> str:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"{__name__}.{name}_format")
    return module.render(report)
