"""The store of compiled regular expressions (``reportlint.recache``): what it serves is what
``re`` compiles, it lives beside the bytecode (never in the cache folder), and a damaged or
hostile file is ignored and rewritten, never an error and never a different result.

Each test runs the real command line in a fresh process whose bytecode (and so the store) goes
to a temporary ``PYTHONPYCACHEPREFIX``."""
from __future__ import annotations

import json
import marshal
from array import array
import os
import subprocess
import sys
from pathlib import Path

import pytest

from test_cli import CLEAN, broken, out, run


@pytest.fixture
def defective(tmp_path) -> Path:
    """A report with findings (a total that does not add up)."""
    p = tmp_path / "reports" / "defective.md"
    p.parent.mkdir()
    p.write_text(broken(CLEAN.read_text(encoding="utf-8")), encoding="utf-8")
    return p

# the store's path, seeded patterns and their check against re, in the process that ran the CLI
PROBE = """
import json, re, sys
from re import _compiler
from reportlint import cli, recache
try:
    code = cli.main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
words = len(recache._new_words)
recache.save()
seeded = list(recache._seeded.items())
same = all(rx == _compiler.compile(key[1], key[2]) and re.compile(key[1], key[2]) is rx for key, rx in seeded)
print("PROBE" + json.dumps({"path": recache.path(), "seeded": len(seeded), "same": same, "code": code,
                           "words": words}))
"""


def probe(prefix: Path, *args: str, env: dict | None = None) -> dict:
    e = {**os.environ, "PYTHONPYCACHEPREFIX": str(prefix), **(env or {})}
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=e)
    assert "Traceback" not in proc.stderr, proc.stderr
    line = [x for x in proc.stdout.splitlines() if x.startswith("PROBE")][-1]
    return json.loads(line[5:])


def check_json(prefix: Path, *paths: Path, env: dict | None = None):
    return run("check", "--format", "json", *paths, env={"PYTHONPYCACHEPREFIX": str(prefix), **(env or {})})


def test_a_second_run_takes_its_patterns_from_the_store_and_they_are_what_re_compiles(tmp_path, defective):
    first = probe(tmp_path, "check", str(defective))
    store = Path(first["path"])
    assert store.is_file() and str(store).startswith(str(tmp_path)), store  # beside the bytecode
    assert first["code"] == 1
    second = probe(tmp_path, "check", str(defective))
    assert second["seeded"] >= 50 and second["same"] and second["code"] == 1
    header, entries, words = marshal.loads(store.read_bytes())
    assert header[1] == sys.version and len(entries) == len({(e[0], e[1]) for e in entries})
    assert second["words"] == 0  # no pattern's needed words were worked out again


WORDS = """
import json, sys
from reportlint import lazyre, recache
recache.seed()
patterns = ["(收到|受理)了?申请", "办结(率|数)", "结转(至|到)?下一?年", "[一二三]+件", "a(b|c)d"]
worked = []
def work_out(p):
    worked.append(p)
    return lazyre.needed_words(p)
found = [recache.needed_words(p, work_out) for p in patterns]
recache.save()
print("WORDS" + json.dumps({"found": found, "worked": len(worked)}))
"""


def test_the_words_a_skipped_pattern_needs_are_kept_in_the_store(tmp_path):
    e = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path)}
    runs = []
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-c", WORDS], capture_output=True, text=True, env=e)
        runs.append(json.loads(proc.stdout.split("WORDS")[-1]))
    assert runs[0]["worked"] == 5 and runs[1]["worked"] == 0
    assert runs[0]["found"] == runs[1]["found"] and runs[0]["found"][0] == [["申请"], ["受理", "收到"]]


def test_output_is_the_same_with_the_store_without_it_and_with_no_cache(tmp_path, defective):
    outputs = [out(check_json(tmp_path, defective, CLEAN)) for _ in range(2)]
    outputs.append(out(run("check", "--format", "json", "--no-cache", defective, CLEAN,
                           env={"PYTHONPYCACHEPREFIX": str(tmp_path / "other")})))
    assert json.loads(outputs[0]) and outputs[0] == outputs[1] == outputs[2]


def test_no_cache_neither_reads_nor_writes_the_store(tmp_path):
    for env, args in (({}, ("--no-cache",)), ({"REPORTLINT_NO_CACHE": "1"}, ()), ({}, ("--no-cach",))):
        result = probe(tmp_path, "check", *args, str(CLEAN), env=env)
        assert result["seeded"] == 0 and not Path(result["path"]).exists(), (env, args)
    probe(tmp_path, "check", str(CLEAN))  # written by a run with the cache
    assert probe(tmp_path, "check", "--no-cache", str(CLEAN))["seeded"] == 0


def _hostile_stores() -> dict[str, bytes]:
    from reportlint import recache

    header = recache._header()
    good = ("a+", 0, 32, array("I", [14, 4, 0, 1, 4294967295, 17, 97, 1, 1]).tobytes(), 0, {}, (None,))  # a shape
    return {
        "random bytes": os.urandom(4096),
        "empty": b"",
        "truncated": marshal.dumps((header, [good] * 50, {}))[:-7],
        "another python": marshal.dumps(((1, "2.7.18", "cpython-27", 1, 4), [good], {})),
        "invalid code": marshal.dumps((header, [("x", 0, 32, array("I", [999, 2, 3]).tobytes(), 0, {}, (None,))] * 8, {})),
        "ragged code": marshal.dumps((header, [("x", 0, 32, b"\1\2\3\4\5", 0, {}, (None,))] * 8, {})),
        "wrong types": marshal.dumps((header, [("x", "0", 32, [1], 0, {}, (None,)), ["x"], None, 7], {"a": (("",),), 1: None})),
        "code object": marshal.dumps((header, [compile("import os; os.system('touch PWNED')", "x", "exec")])),
        "huge": b"\0" * (9 << 20),
    }


@pytest.mark.parametrize("kind", list(_hostile_stores()))
def test_a_damaged_or_hostile_store_is_ignored_then_rewritten(tmp_path, kind, defective):
    path = Path(probe(tmp_path / "pre", "check", "--no-cache", str(CLEAN))["path"])  # where it would be
    store = tmp_path / "p" / path.relative_to(tmp_path / "pre")
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_bytes(_hostile_stores()[kind])
    expected = run("check", "--format", "json", "--no-cache", defective, cwd=tmp_path)
    got = run("check", "--format", "json", defective, cwd=tmp_path, env={"PYTHONPYCACHEPREFIX": str(tmp_path / "p")})
    assert got.returncode == expected.returncode == 1
    assert out(got) == out(expected) and b"Traceback" not in got.stderr and not got.stderr.strip()
    assert not (tmp_path / "PWNED").exists()
    header, entries, _ = marshal.loads(store.read_bytes())  # rewritten with what the run compiled
    assert header[1] == sys.version and len(entries) >= 50


def test_an_unwritable_place_means_no_store_and_no_error(tmp_path, defective):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    got = check_json(blocker / "prefix", defective)  # no folder can be made under a file
    assert got.returncode == 1 and not got.stderr.strip()


def test_a_run_that_compiled_few_new_patterns_leaves_the_store_alone(tmp_path):
    store = Path(probe(tmp_path, "check", str(CLEAN))["path"])
    before = store.stat().st_mtime_ns, store.read_bytes()
    probe(tmp_path, "check", str(CLEAN))
    assert (store.stat().st_mtime_ns, store.read_bytes()) == before


UNKEPT = """
import re
from reportlint import recache
recache.seed()
for i in range(6):
    re.compile(f"unkept-{i}-[a-z]+")
recache._entry = lambda *a: None  # as for patterns whose code is not what re built
recache.save()
"""


def test_patterns_that_cannot_be_kept_do_not_rewrite_the_store(tmp_path):
    store = Path(probe(tmp_path, "check", str(CLEAN))["path"])
    before = store.stat().st_mtime_ns, store.read_bytes()
    e = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path)}
    subprocess.run([sys.executable, "-c", UNKEPT], check=True, env=e)
    assert (store.stat().st_mtime_ns, store.read_bytes()) == before
