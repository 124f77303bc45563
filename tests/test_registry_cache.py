"""The rule registry comes back from the cache checked: every field of the right type, every rule
module as it was (size and time), every entry point one that its distribution declares. What it
gives is what scanning the installed packages gives; anything else is rejected (scanned again)."""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

from reportlint import registry


@pytest.fixture(scope="module")
def scanned():
    reg, targets = registry._scan(with_targets=True)
    plain = json.loads(json.dumps(registry._to_plain(reg, targets)))  # as the cache gives it back
    return reg, plain


def meta(rule) -> tuple:
    return (rule.code, rule.name, rule.summary, rule.severity, rule.options_schema, rule.scope,
            rule.requires_profile, rule.checks_input, rule.doc, rule.origin, rule.network, rule.uses_context,
            rule.source_file)


def test_the_cached_registry_is_the_scanned_one(scanned):
    reg, plain = scanned
    back = registry._from_plain(plain)
    assert list(back.rules) == list(reg.rules) and back.errors == reg.errors
    for code, rule in reg.rules.items():
        assert meta(back.rules[code]) == meta(rule)
    code = next(iter(reg.rules))
    assert back.rules[code].check is reg.rules[code].check  # the module is imported when the rule runs
    # the result cache's key: the same whether the registry was scanned or read back
    assert back.fingerprint() == reg.fingerprint()


def _other_distribution() -> str:
    for entry in sys.path:
        for d in sorted(Path(entry or ".").glob("*.dist-info")) if Path(entry or ".").is_dir() else []:
            if not d.name.startswith("reportlint-") and (d / "entry_points.txt").is_file():
                return str(d)
    pytest.skip("no other distribution on the Python path")


def _rule(plain, i=0):
    return plain["rules"][i]


TAMPERED = {
    "another-module": lambda p: _rule(p).__setitem__(12, "os:system"),
    "another-rule's-module": lambda p: _rule(p).__setitem__(12, _rule(p, 1)[12]),
    "another-distribution": lambda p: p["dists"].__setitem__(_rule(p)[13], _other_distribution()),
    "not-a-distribution": lambda p: p["dists"].__setitem__(_rule(p)[13], sys.prefix),
    "distribution-out-of-range": lambda p: _rule(p).__setitem__(13, 5),
    "code": lambda p: _rule(p).__setitem__(0, 5),
    "bad-code": lambda p: _rule(p).__setitem__(0, "sec001"),
    "duplicate-code": lambda p: _rule(p, 1).__setitem__(0, _rule(p)[0]),
    "severity": lambda p: _rule(p).__setitem__(2, "fatal"),
    "scope": lambda p: _rule(p).__setitem__(3, "everything"),
    "flag": lambda p: _rule(p)[9].__setitem__(0, 1),
    "flags": lambda p: _rule(p)[9].pop(),
    "options": lambda p: _rule(p).__setitem__(8, []),
    "file-out-of-range": lambda p: _rule(p).__setitem__(10, 10 ** 6),
    "short-rule": lambda p: _rule(p).pop(),
    "errors": lambda p: p.__setitem__("errors", [1]),
    "extra-key": lambda p: p.__setitem__("x", 1),
}


@pytest.mark.parametrize("tamper", TAMPERED.values(), ids=TAMPERED.keys())
def test_a_tampered_registry_entry_is_rejected(scanned, tamper):
    plain = copy.deepcopy(scanned[1])
    tamper(plain)
    with pytest.raises(ValueError):
        registry._from_plain(plain)


@pytest.mark.parametrize("change", [lambda size, mtime: (size, mtime + 1), lambda size, mtime: (size + 1, mtime),
                                    lambda size, mtime: ("x", mtime)], ids=["time", "size", "not-a-number"])
def test_a_changed_rule_module_means_scanning_again(scanned, change):
    plain = copy.deepcopy(scanned[1])
    plain["files"][0][1:] = change(*plain["files"][0][1:])
    assert registry._from_plain(plain) is None
