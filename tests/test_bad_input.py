"""Bad input never crashes: each case gets a clear finding (or message) and the run goes on."""
from __future__ import annotations

import json

from test_cli import CLEAN, err, out, report, run


def check_json(*paths):
    proc = run("check", "--format", "json", *paths)
    assert "Traceback" not in err(proc), err(proc)
    return proc.returncode, json.loads(out(proc))


def test_empty_binary_and_non_utf8_files_are_reported_and_the_run_goes_on(tmp_path):
    good = report(tmp_path, "good.md", CLEAN.read_text(encoding="utf-8"))
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.md"
    blank.write_bytes(b"  \n\n")
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)))
    gbk = tmp_path / "gbk.md"
    gbk.write_bytes("---\ntitle: 报告\n---\n\n# 政府信息公开工作年度报告\n".encode("gb18030"))
    utf16 = tmp_path / "utf16.md"
    utf16.write_bytes("# 报告\n".encode("utf-16"))
    code, data = check_json(tmp_path)
    assert code == 1
    got = {(d["path"].rsplit("/", 1)[-1], d["line"], d["column"], d["code"]) for d in data}
    assert got == {("empty.md", 1, 1, "FILE003"), ("blank.md", 1, 1, "FILE003"), ("binary.md", 1, 1, "FILE002"),
                   ("gbk.md", 2, 8, "FILE001"), ("utf16.md", 1, 1, "FILE001")}
    gb = next(d for d in data if d["code"] == "FILE001" and d["path"].endswith("gbk.md"))
    assert "GB18030/GBK" in gb["messages"]["en"] and "GB18030/GBK" in gb["messages"]["zh"]
    assert not any(d["path"].endswith("good.md") for d in data)


def test_bom_and_crlf_keep_positions(tmp_path):
    src = CLEAN.read_text(encoding="utf-8").replace("year: 2024", "year: 2023")
    p = tmp_path / "crlf.md"
    p.write_bytes(b"\xef\xbb\xbf" + src.replace("\n", "\r\n").encode("utf-8"))
    code, data = check_json(p)
    assert code == 1
    # the 2024 report's publication date is late for a report on 2023 (DATE001): positions of three kinds
    assert [(d["line"], d["column"], d["code"]) for d in data] == [(4, 8, "FM004"), (8, 12, "DATE001"),
                                                                   (11, 3, "FM004")]


def test_huge_file_is_refused_quickly_and_others_are_checked(tmp_path):
    big = tmp_path / "big.md"
    with big.open("wb") as fh:
        line = ("| 一、本年新收政府信息公开申请数量 | 1 | 2 | 3 |\n" * 1000).encode("utf-8")
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(line)
    report(tmp_path, "good.md", CLEAN.read_text(encoding="utf-8"))
    code, data = check_json(tmp_path)
    assert code == 1
    assert [(d["path"].rsplit("/", 1)[-1], d["code"]) for d in data] == [("big.md", "FILE004")]
    assert "50.0 MB" in data[0]["messages"]["en"]


def test_unreadable_file(tmp_path):
    import os

    p = report(tmp_path, "secret.md", "# x\n")
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):  # running as root: permissions do not apply
            return
        code, data = check_json(p)
        assert code == 1 and data[0]["code"] == "FILE005"
    finally:
        p.chmod(0o644)


def test_alias_bomb_is_refused_without_expanding(tmp_path):
    levels = ["a: &a [" + ",".join(['"lol"'] * 9) + "]"]
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    p = report(tmp_path, "bomb.md", "---\n" + "\n".join(levels) + "\n---\n\n# 报告\n")
    code, data = check_json(p)
    assert code == 1
    assert [(d["line"], d["code"]) for d in data if d["code"].startswith("FM")] == [(1, "FM002")]


def test_broken_tables_and_odd_markdown_do_not_crash(tmp_path):
    src = CLEAN.read_text(encoding="utf-8") + "\n".join([
        "", "| a | b |", "|---|", "| 1 | 2 | 3 |", "", "<table><tr><td rowspan=x colspan=99999>1", "<td>",
        "</table>", "", "<table>", "", "```", "| x | `a|b` | c \\| d |", "```", "<!-- unclosed", "",
    ])
    proc = run("check", report(tmp_path, "odd.md", src))
    assert proc.returncode in (0, 1)
    assert "Traceback" not in err(proc) and "internal error" not in err(proc)
