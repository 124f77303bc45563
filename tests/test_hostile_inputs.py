"""Odd bytes and odd writing: files that are not what they seem, and the small things users
meet (messages, directives, YAML tags, command-line typos)."""
from __future__ import annotations

import json

from test_cli import CLEAN, err, out, report, run


def check_json(*args, cwd=None):
    proc = run("check", "--format", "json", "--no-cache", *args, cwd=cwd)
    assert proc.returncode in (0, 1), err(proc)
    assert "Traceback" not in err(proc), err(proc)
    return json.loads(out(proc))


def codes(data, path=None):
    return [(d["line"], d["column"], d["code"]) for d in data if path is None or d["path"].endswith(path)]


# --------------------------------------------------------------------------- what a file is


def test_nul_bytes_after_the_first_8_kb_make_a_binary_file(tmp_path):
    text = CLEAN.read_text(encoding="utf-8")
    p = tmp_path / "late.md"
    p.write_bytes(text.encode("utf-8") + b"\x00\x01\x02 PK" * 10)
    assert len(text.encode("utf-8")) > 8192
    assert codes(check_json(p)) == [(1, 1, "FILE002")]


def test_utf32_is_called_utf32_not_utf16(tmp_path):
    for name, enc in (("le.md", "utf-32-le"), ("be.md", "utf-32-be")):
        bom = "\ufeff".encode(enc)
        (tmp_path / name).write_bytes(bom + "# 报告\n".encode(enc))
    data = check_json(tmp_path)
    assert sorted((d["path"].rsplit("/", 1)[-1], d["code"]) for d in data) == [("be.md", "FILE001"), ("le.md", "FILE001")]
    assert all("UTF-32" in d["messages"]["en"] and "UTF-16" not in d["messages"]["en"] for d in data)


def test_a_doubled_byte_order_mark_does_not_hide_the_front_matter(tmp_path):
    p = tmp_path / "bom2.md"
    p.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + CLEAN.read_bytes())
    data = check_json(p)
    assert not any(d["code"].startswith("FM") for d in data), data


def test_file_too_large_message_for_small_limits(tmp_path):
    report(tmp_path, ".reportlint.toml", "max-file-size = 100\n")
    p = report(tmp_path, "a.md", "# 报告\n" + "正文。\n" * 200)
    (d,) = check_json(p, cwd=tmp_path)
    assert d["code"] == "FILE004"
    assert "0.0 MB" not in d["messages"]["en"] and "0.0 MB" not in d["messages"]["zh"]
    assert "larger than the limit of 100 bytes" in d["messages"]["en"] and "2.0 KB" in d["messages"]["en"]


# --------------------------------------------------------------------------- invisible characters (FILE006)

INVISIBLE_FIXTURE = CLEAN.parent.parent / "tests" / "fixtures" / "file" / "invisible-characters.md"


def test_invisible_characters_safe_and_unsafe_fixes(tmp_path):
    source = INVISIBLE_FIXTURE.read_text(encoding="utf-8").split("\n<!-- expect")[0]
    p = report(tmp_path, "a.md", source)
    run("check", "--fix", "--no-cache", "--select", "FILE", p)
    fixed = p.read_text(encoding="utf-8")
    for gone in ("\u2060", "\u00ad", "3\u200b4", "及\u200b改"):
        assert gone not in fixed
    for kept in ("\u202e9113\u202c", "👨\u200d👩"):  # bidi: for a person to decide; ZWJ: unsafe
        assert kept in fixed
    assert fixed.replace("\u2060", "").replace("\u00ad", "").replace("\u200b", "") == \
        source.replace("\u2060", "").replace("\u00ad", "").replace("\u200b", "")
    run("check", "--fix", "--unsafe-fixes", "--no-cache", "--select", "FILE", p)
    assert "\u200d" not in p.read_text(encoding="utf-8")
    assert [d["code"] for d in check_json("--select", "FILE", p)] == ["FILE006", "FILE006"]  # the bidi lines


def test_cells_are_read_as_readers_see_them_or_not_at_all(tmp_path):
    text = CLEAN.read_text(encoding="utf-8")
    row_new = "| 一、本年新收政府信息公开申请数量 | 3001 |"
    row_carry = "| 二、上年结转政府信息公开申请数量 | 34 |"
    # a zero-width space inside 35: readers see 35, so 表三's balance is off by one
    zw = report(tmp_path, "zw.md", text.replace(row_carry, row_carry.replace("34", "3\u200b5")))
    found = {d["code"] for d in check_json("--select", "SUM,TBL", zw)}
    assert "SUM002" in found and "TBL009" not in found
    # shown as 3001 by an override, stored as 1003: not read, so no arithmetic and no TBL009
    bidi = report(tmp_path, "bidi.md", text.replace(row_new, row_new.replace("3001", "\u202e1003\u202c")))
    assert check_json("--select", "SUM,TBL", bidi) == []
    assert [d["code"] for d in check_json("--select", "FILE", bidi)] == ["FILE006"]


# --------------------------------------------------------------------------- small things


def test_tagged_yaml_values_never_name_a_python_class(tmp_path):
    text = CLEAN.read_text(encoding="utf-8")
    for i, value in enumerate(["!!str 2024", "!!binary aGVsbG8=", "!!set {x, y}", "!custom 2024", "!!omap [x: 1]"]):
        report(tmp_path, f"{i}.md", text.replace("year: 2024", f"year: {value}"))
    data = check_json("--select", "FM", tmp_path)
    assert len(data) == 5 and {d["code"] for d in data} == {"FM003"}
    for d in data:
        for word in ("Tagged", "Commented", "bytes", "Scalar", "ordereddict"):
            assert word not in d["messages"]["en"] + d["messages"]["zh"], d["messages"]
    assert 'not string "2024"' in data[0]["messages"]["en"]


def test_cache_dir_is_relative_to_the_configuration_file(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    report(repo, ".reportlint.toml", '[options.broken-external-link]\ncache-dir = ".cache/links"\n')
    report(repo, "reports/2024/a.md", CLEAN.read_text(encoding="utf-8"))
    proc = run("config", "--show", "2024/a.md", "--format", "json", cwd=repo / "reports")
    rules = {r["code"]: r for r in json.loads(out(proc))["rules"]}
    assert rules["LNK009"]["options"]["cache-dir"] == str(repo / ".cache" / "links")


def test_a_mistyped_option_gets_the_subcommands_usage_and_a_suggestion(tmp_path):
    proc = run("check", "--selct", "SEC", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert err(proc).startswith("usage: reportlint check") and "did you mean --select?" in err(proc)
    proc = run("config", "--show", "a.md", "--fromat", "json", cwd=tmp_path)
    assert proc.returncode == 2 and err(proc).startswith("usage: reportlint config") and "--format" in err(proc)


def test_a_mistyped_selector_suggests_the_family(tmp_path):
    report(tmp_path, "a.md", CLEAN.read_text(encoding="utf-8"))
    for typo, meant in (("SUMM", "SUM"), ("SUM0055", "SUM005"), ("sec", None), ("mising-section", "missing-section")):
        proc = run("check", "--select", typo, "a.md", cwd=tmp_path)
        if meant is None:
            assert proc.returncode == 0, err(proc)  # a family in lower case is fine
        else:
            assert proc.returncode == 2 and f"did you mean '{meant}'?" in err(proc), err(proc)


def test_one_finding_on_a_huge_line_prints_little_and_says_so(tmp_path):
    big = "字" * 300_000  # a 900 KB cell (the default max-file-size is 1 MB)
    report(tmp_path, "a.md", CLEAN.read_text(encoding="utf-8").replace("| 规章 | 1 |", f"| 规章 | 1{big} |"))
    text = run("check", "--no-cache", "--show-source", "a.md", cwd=tmp_path)
    assert text.returncode == 1 and len(text.stdout) < 5000
    assert "[message shortened]" in out(text) and "TBL009" in out(text)
    data = run("check", "--no-cache", "--format", "json", "--lang", "zh", "a.md", cwd=tmp_path)
    assert len(data.stdout) < 10_000
    (d,) = json.loads(out(data))
    assert d["message"].endswith("（消息已截短）") and d["messages"]["en"].endswith("[message shortened]")
    assert "…" in d["message"] and len(d["message"]) < 1100
