"""A profile comes back from the cache checked: its data against the profile schema, each
edition's expanded relations against the edition's tables. A tampered entry (wrong types, cells
that do not exist, numbers out of range) is skipped and rebuilt from the profile file, never an
error, and what is used is exactly what the file gives."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reportlint import cache, profile
from reportlint.profile import load_profile, schema_dir

BUILTIN = schema_dir() / "profiles" / "gov-info-disclosure.yaml"


def load(folder, monkeypatch):
    """The built-in profile, loaded afresh (not from this process's memo) with the cache in ``folder``."""
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(folder))
    profile._CACHE.clear()
    return load_profile(BUILTIN)


def contents(p) -> tuple:
    """What a profile holds (its editions point back to it: compared part by part)."""
    return (p.id, p.name, p.default_edition, p.levels, p.cell_types, p.prose, p.deadlines, p.boilerplate,
            {eid: (e.name, e.years, e.sections, e.tables, e.relations, e.mentions, e.doc_no)
             for eid, e in p.editions.items()})


@pytest.fixture(scope="module")
def from_file():
    cache.set_enabled(False)
    try:
        profile._CACHE.clear()
        return contents(load_profile(BUILTIN))
    finally:
        cache.set_enabled(True)
        profile._CACHE.clear()


def stored(folder) -> tuple[str, dict]:
    with sqlite3.connect(folder / cache.DB_NAME) as db:
        (key, value), = db.execute("SELECT key, value FROM entries WHERE kind = 'profile'").fetchall()
    db.close()
    assert value[:1] == b"j"  # read by every run: kept uncompressed
    return key, json.loads(value[1:])


def store(folder, key: str, value) -> None:
    with sqlite3.connect(folder / cache.DB_NAME) as db:
        db.execute("UPDATE entries SET value = ? WHERE kind = 'profile' AND key = ?",
                   (b"j" + json.dumps(value, ensure_ascii=False).encode(), key))
    db.close()


def test_a_cached_profile_is_the_profile_of_the_file(tmp_path, monkeypatch, from_file):
    assert contents(load(tmp_path, monkeypatch)) == from_file  # parsed, then stored
    cache.notes.clear()
    assert contents(load(tmp_path, monkeypatch)) == from_file  # from the cache
    assert not cache.notes
    _, value = stored(tmp_path)
    assert set(value) == {"data", "relations"} and set(value["relations"]) == {"2019", "2021"}


def _rel(value, eid="2021"):
    return value["relations"][eid]


def _set_term(value, k):
    _rel(value)["relations"][0][3][0] = k


def _number_at(value):
    ops = _rel(value)["operands"]
    ops.append("5")
    _rel(value)["relations"][0][5] = len(ops)


TAMPERED = {
    "unknown-cell": lambda v: _rel(v)["operands"].__setitem__(0, "t3.r_nowhere.c_total"),
    "unknown-table": lambda v: _rel(v)["operands"].__setitem__(0, "t99.r_total.c_total"),
    "not-a-cell": lambda v: _rel(v)["operands"].__setitem__(0, "t3.r_total"),
    "operand-not-text": lambda v: _rel(v)["operands"].__setitem__(0, 5),
    "not-a-number": lambda v: _rel(v)["operands"].__setitem__(0, "1e999999"),
    "term-zero": lambda v: _set_term(v, 0),
    "term-out-of-range": lambda v: _set_term(v, 10 ** 6),
    "term-true": lambda v: _set_term(v, True),
    "term-float": lambda v: _set_term(v, 1.0),
    "term-list": lambda v: _set_term(v, [1]),
    "empty-side": lambda v: _rel(v)["relations"][0].__setitem__(3, []),
    "operator": lambda v: _rel(v)["relations"][0].__setitem__(2, "="),
    "origin-out-of-range": lambda v: _rel(v)["relations"][0].__setitem__(0, 10 ** 6),
    "short-relation": lambda v: _rel(v)["relations"][0].pop(),
    "reported-at-a-number": _number_at,
    "edition-missing": lambda v: v["relations"].pop("2019"),
    "relations-not-an-object": lambda v: v.__setitem__("relations", []),
    "data-against-the-schema": lambda v: v["data"]["editions"][0]["tables"][0].__setitem__("rows", "x"),
    "unknown-table-in-data": lambda v: v["data"]["editions"][0]["sections"][0].__setitem__("tables", ["t99"]),
    "extra-key": lambda v: v.__setitem__("x", 1),
}


@pytest.mark.parametrize("tamper", TAMPERED.values(), ids=TAMPERED.keys())
def test_a_tampered_profile_entry_is_rebuilt(tmp_path, monkeypatch, from_file, tamper):
    load(tmp_path, monkeypatch)
    key, value = stored(tmp_path)
    tamper(value)
    store(tmp_path, key, value)
    cache.notes.clear()
    assert contents(load(tmp_path, monkeypatch)) == from_file
    assert any("profile entry of the wrong shape was skipped and rebuilt" in n for n in cache.notes), cache.notes
    cache.notes.clear()
    assert contents(load(tmp_path, monkeypatch)) == from_file  # the entry was stored again, sound
    assert not cache.notes


def test_a_profile_entry_of_the_previous_form_is_not_read(tmp_path, monkeypatch, from_file):
    """Entries are keyed by the form of the value: what an older version stored (the plain data
    alone) is never looked up, and ages out."""
    load(tmp_path, monkeypatch)
    key, value = stored(tmp_path)
    with sqlite3.connect(tmp_path / cache.DB_NAME) as db:
        old_key = cache.digest(cache.runtime_salt(), BUILTIN.read_bytes(), (schema_dir() / "profile.schema.json").read_bytes())
        db.execute("INSERT INTO entries VALUES ('profile', ?, 0, ?)", (old_key, b"j" + json.dumps(value["data"]).encode()))
        db.execute("DELETE FROM entries WHERE key = ?", (key,))
    db.close()
    cache.notes.clear()
    assert contents(load(tmp_path, monkeypatch)) == from_file
    assert not cache.notes


def test_a_warm_run_reads_the_profile_file_once(tmp_path, monkeypatch):
    """The result cache's fingerprint reads and hashes every profile; reading the profile back
    from the cache uses that digest as its key, and does not read the file again."""
    from reportlint import safefile
    from reportlint.profile import ProfileRegistry

    load(tmp_path, monkeypatch)  # stored
    profile._CACHE.clear()
    profile._DIGESTS.clear()
    reads = []
    original = safefile.read_limited
    monkeypatch.setattr(safefile, "read_limited", lambda path, *a, **k: reads.append(Path(path)) or original(path, *a, **k))
    registry = ProfileRegistry()
    registry.fingerprint()
    registry.get("gov-info-disclosure")
    assert [r.resolve() for r in reads].count(BUILTIN.resolve()) == 1, reads


def test_a_profile_that_changes_while_it_is_loaded_is_not_stored_under_its_old_key(tmp_path, monkeypatch, from_file):
    from reportlint import profileload

    stale = iter(["0" * 40])
    real = profileload.content_digest
    monkeypatch.setattr(profileload, "content_digest",
                        lambda path: next(stale, None) or real(path) if Path(path) == BUILTIN else real(path))
    assert contents(load(tmp_path, monkeypatch)) == from_file
    with sqlite3.connect(tmp_path / cache.DB_NAME) as db:
        keys = [k for k, in db.execute("SELECT key FROM entries WHERE kind = 'profile'")]
    db.close()
    schema_key = real(schema_dir() / "profile.schema.json")
    assert keys == [cache.digest(cache.runtime_salt(), profileload.CACHE_FORM, real(BUILTIN), schema_key)]
