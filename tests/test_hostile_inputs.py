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
