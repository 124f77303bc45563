"""Report text never reaches a terminal, an editor or a CI page raw, and every output stays
well-formed whatever a report holds: escape sequences, bidi overrides, zero-width characters."""
from __future__ import annotations

import json
import os
import sys
import unicodedata
from xml.etree import ElementTree as ET

import pytest

from test_cli import CLEAN, err, out, report, run

ATTACK = "\x1b]0;pwned\x07\x1b[2J1"  # sets the terminal's title, clears the screen
RAW = ("\x1b", "\x07", "\u202e", "\u200b", "\x85", "\x9b")  # none may be printed as it is


@pytest.fixture
def hostile(tmp_path):
    text = CLEAN.read_text(encoding="utf-8")
    text = text.replace("| 规章 | 1 | 0 | 11 |", f"| 规章 | {ATTACK} | 0 | 11 |")
    text = text.replace("## 五、存在的主要问题及改进情况", "## 五、存在的主要问题及\u202e改进情况")
    text = text.replace("| 行政规范性文件 | 8 |", "| 行政规范性文件 | 8\x9b2J\x85 |")
    report(tmp_path, "a.md", text)
    report(tmp_path, "evil\x1b[2J\u202e.md", CLEAN.read_text(encoding="utf-8").replace("year: 2024", "year: 2023"))
    return tmp_path


def assert_no_raw(text: str, what: str) -> None:
    for ch in RAW:
        assert ch not in text, f"{what}: {ch!r} printed raw"


@pytest.mark.parametrize("fmt", ["text", "gcc", "github", "junit", "json", "sarif", "gitlab", "html"])
def test_no_format_prints_control_or_bidi_characters(hostile, fmt):
    proc = run("check", "--no-cache", "--format", fmt, "--show-source", ".", cwd=hostile)
    assert proc.returncode == 1, err(proc)
    assert_no_raw(out(proc), fmt)
    assert_no_raw(err(proc), fmt + " (stderr)")
    assert "evil" in out(proc)


def test_people_see_escapes_and_machines_get_the_exact_text(hostile):
    text = out(run("check", "--no-cache", "--show-source", ".", cwd=hostile))
    assert "\\x1b]0;pwned\\x07\\x1b[2J1" in text and "\\u202e" in text
    assert "evil\\x1b[2J\\u202e.md" in text
    # the caret stays under the cell although its escapes are wider than the characters
    lines = text.splitlines()
    src = next(i for i, ln in enumerate(lines) if ln.startswith("34 | "))
    def cells(s):
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)

    assert cells(lines[src + 1][:lines[src + 1].index("^")]) == cells(lines[src][:lines[src].index("\\x1b]0")])
    data = json.loads(out(run("check", "--no-cache", "--format", "json", ".", cwd=hostile)))
    assert any(ATTACK in d["message"] for d in data)  # the data itself is exact
    assert any(d["path"] == "evil\x1b[2J\u202e.md" for d in data)


def test_junit_is_well_formed_xml_with_control_characters(hostile):
    proc = run("check", "--no-cache", "--format", "junit", ".", cwd=hostile)
    root = ET.fromstring(proc.stdout)
    messages = [f.get("message") for f in root.iter("failure")]
    assert any("\\x1b]0;pwned" in m for m in messages)
    from junitparser import JUnitXml

    path = hostile / "out.xml"
    path.write_bytes(proc.stdout)
    assert sum(len(list(suite)) for suite in JUnitXml.fromfile(str(path))) >= 3


def test_stderr_messages_are_escaped(tmp_path):
    report(tmp_path, ".reportlint.toml", '"\\u001b[2Jbad" = 1\n')
    report(tmp_path, "a.md", CLEAN.read_text(encoding="utf-8"))
    proc = run("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "unknown key" in err(proc)
    assert_no_raw(err(proc), "stderr")
    assert "[2Jbad" in err(proc)
    proc = run("check", "missing\x1b[2J\u202e.md", cwd=tmp_path)
    assert proc.returncode == 2 and "no such file" in err(proc)
    assert_no_raw(err(proc), "stderr")


def test_the_escape_table_matches_unicode():
    """Every control, format and separator character of this Python's Unicode is escaped."""
    import unicodedata

    from reportlint.invisible import escape

    missing = [hex(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF
               and unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp") and escape(chr(c)) == chr(c)]
    assert not missing
    assert escape("表三 a\tb") == "表三 a\\tb" and escape("a\tb", keep="\t") == "a\tb"


# --------------------------------------------------------------------------- fingerprints


FINGERPRINT_FIXTURES = ["sec/sec001-two-h1.md", "sec/sec004-duplicate.md", "tbl/missing-table.md",
                        "tbl/unexpected-row.md", "file/invisible-characters.md"]


def _insert_lines_above(text: str) -> str:
    """Three lines more before the first heading (after the front matter)."""
    lines = text.split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("#"))
    return "\n".join(lines[:at] + ["前言段落。", "", ""] + lines[at:])


def _fingerprints(folder):
    gitlab = json.loads(out(run("check", "--no-cache", "--format", "gitlab", ".", cwd=folder)))
    sarif = json.loads(out(run("check", "--no-cache", "--format", "sarif", ".", cwd=folder)))
    lines = sorted((g["location"]["path"], g["check_name"], g["location"]["lines"]["begin"]) for g in gitlab)
    results = sarif["runs"][0]["results"]
    return (sorted((g["location"]["path"], g["check_name"], g["fingerprint"]) for g in gitlab),
            sorted((r["ruleId"], r["partialFingerprints"]["reportlintFinding/v1"]) for r in results), lines)


def test_fingerprints_do_not_change_when_lines_are_added_above(tmp_path):
    from expectations import read_fixture

    root = CLEAN.parent.parent / "tests" / "fixtures"
    before, after = tmp_path / "before", tmp_path / "after"
    for name in FINGERPRINT_FIXTURES:
        source = read_fixture(root / name).source
        report(before, name, source)
        report(after, name, _insert_lines_above(source))
    gl1, sa1, lines1 = _fingerprints(before)
    gl2, sa2, lines2 = _fingerprints(after)
    assert {c for _, c, _ in gl1} >= {"SEC001", "SEC004", "TBL001", "TBL004"}
    assert lines1 != lines2  # the findings moved …
    assert gl1 == gl2 and sa1 == sa2  # … and kept their identity
    assert len({f for *_, f in gl1}) == len(gl1)  # and every finding has its own


# --------------------------------------------------------------------------- --format, --output-file, --statistics


def _two_findings(tmp_path):
    report(tmp_path, "a.md", CLEAN.read_text(encoding="utf-8").replace("year: 2024", "year: 2023")
           .replace("published: 2025-02-25", "published: 2024-02-26"))  # in time for 2023: no DATE001
    return tmp_path


def test_an_explicit_format_wins_over_the_output_files_suffix(tmp_path):
    folder = _two_findings(tmp_path)
    # the README's GitLab recipe
    run("check", "--format", "gitlab", "--output-file", "gl-code-quality-report.json", ".", cwd=folder)
    data = json.loads((folder / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert data and all({"check_name", "fingerprint", "severity", "location"} <= set(i) for i in data)
    run("check", "--output-format", "gitlab", "--output-file", "q.json", ".", cwd=folder)
    assert json.loads((folder / "q.json").read_text(encoding="utf-8"))[0]["check_name"] == "FM004"
    run("check", "--format", "gcc", "--output-file", "r.txt", ".", cwd=folder)
    assert (folder / "r.txt").read_text(encoding="utf-8").startswith("a.md:")
    run("check", "--format", "sarif", "--output-file", "r2.json", ".", cwd=folder)
    assert json.loads((folder / "r2.json").read_text(encoding="utf-8"))["version"] == "2.1.0"
    run("check", "--format", "gcc", "--output-file", "r3.json", ".", cwd=folder)  # gcc writes no .json
    assert json.loads((folder / "r3.json").read_text(encoding="utf-8"))[0]["code"] == "FM004"
    run("check", "--output-file", "s.json", ".", cwd=folder)  # no explicit format: the suffix decides
    assert json.loads((folder / "s.json").read_text(encoding="utf-8"))[0]["code"] == "FM004"


def test_statistics_per_format(tmp_path):
    folder = _two_findings(tmp_path)
    table = run("check", "--statistics", ".", cwd=folder)
    assert table.returncode == 1 and out(table).splitlines()[0].split() == ["2", "FM004", "year-mismatch", "[error]"]
    obj = json.loads(out(run("check", "--statistics", "--format", "json", ".", cwd=folder)))
    assert obj["statistics"][0]["count"] == 2
    in_actions = run("check", "--statistics", ".", cwd=folder, env={"GITHUB_ACTIONS": "true"})
    assert out(in_actions) == out(table)
    for fmt in ("sarif", "gitlab", "junit", "gcc"):
        proc = run("check", "--statistics", "--format", fmt, ".", cwd=folder)
        assert proc.returncode == 2 and out(proc) == "" and "--statistics" in err(proc), fmt
    # the terminal gets the counts, the file the findings
    proc = run("check", "--statistics", "--output-file", "r.sarif", ".", cwd=folder)
    assert out(proc) == out(table)
    assert len(json.loads((folder / "r.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]) == 2
