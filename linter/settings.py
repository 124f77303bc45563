"""Effective settings: which rules run on a file, at which severity, with which options.

Selection works like ruff: ``select`` replaces the default set (every rule), ``extend_select``
adds to it, ``ignore`` removes from it; a selector is a code (``SEC002``), a family prefix
(``SEC``), a rule name (``missing-section``) or ``ALL``.
"""
from __future__ import annotations

from typing import Any

from .records import Record
from .registry import Registry, Rule


class SettingsError(Exception):
    """A usage or configuration error (exit code 2)."""


class Settings(Record):
    select: list[str] | None
    extend_select: list[str]
    ignore: list[str]
    severity: dict[str, str]  # selector -> severity
    options: dict[str, dict[str, Any]]  # code or name -> options
    profile: str  # profile for files whose front matter names none
    edition: str | None  # edition for files whose front matter names none
    # 1 MB: sixty times the largest real report (17 KB), and small enough that any file up to
    # it, however hostile, checks in a few seconds and below 300 MB (benchmarks/hostile_sizes.py)
    max_file_size: int
    profile_paths: tuple[str, ...]  # extra profile files or folders (configuration ``profile-paths``)
    network: bool  # rules that use the network (NETWORK = True) run only when True

    def __init__(
            self, select: list[str] | None = None, extend_select: list[str] | None = None,
            ignore: list[str] | None = None, severity: dict[str, str] | None = None,
            options: dict[str, dict[str, Any]] | None = None, profile: str = "gov-info-disclosure",
            edition: str | None = None, max_file_size: int = 1024 * 1024, profile_paths: tuple[str, ...] = (),
            network: bool = False) -> None:
        self.select = select
        self.extend_select = [] if extend_select is None else extend_select
        self.ignore = [] if ignore is None else ignore
        self.severity = {} if severity is None else severity
        self.options = {} if options is None else options
        self.profile = profile
        self.edition = edition
        self.max_file_size = max_file_size
        self.profile_paths = profile_paths
        self.network = network

    def enabled(self, registry: Registry) -> set[str]:
        selected: set[str] = set()
        for sel in self.select if self.select is not None else ["ALL"]:
            selected |= _match(registry, sel, "select")
        for sel in self.extend_select:
            selected |= _match(registry, sel, "extend-select")
        for sel in self.ignore:
            selected -= _match(registry, sel, "ignore")
        if not self.network:
            selected = {c for c in selected if not registry.rules[c].network}
        return selected

    def severity_of(self, rule: Rule, registry: Registry) -> str:
        # the most specific selector wins: code > prefix > ALL
        best: tuple[int, str] | None = None
        for sel, sev in self.severity.items():
            if rule.code in registry.match(sel):
                rank = 3 if sel.upper() == rule.code or sel.lower() == rule.name else (1 if sel.upper() == "ALL" else 2)
                if best is None or rank > best[0]:
                    best = (rank, sev)
        return best[1] if best else rule.severity

    def options_for(self, rule: Rule) -> dict[str, Any]:
        opts = rule.defaults()
        for key in (rule.code, rule.name):
            opts.update(self.options.get(key, {}))
        return opts


def _match(registry: Registry, selector: str, what: str) -> set[str]:
    codes = registry.match(selector)
    if not codes:
        raise SettingsError(f"{what}: {selector!r} names no rule (not a code, a family prefix or a rule name; "
                            "see `reportlint rules`)")
    return codes
