"""Hostile and careless files: symbolic links, FIFOs, sockets, files larger than they claim,
and ``--fix`` on odd files. Nothing is lost, nothing outside the repository is read or shown,
nothing hangs. Every hostile input is made here, in the test."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys

import pytest

from test_cli import CLEAN, err, out, report

TIMEOUT = 60  # a hang fails the test instead of blocking the suite


def run(*args, cwd=None, input=None):
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "NO_COLOR")}
    return subprocess.run([sys.executable, "-m", "reportlint", *map(str, args)], capture_output=True, cwd=cwd,
                          env=env, input=input, timeout=TIMEOUT)


def check_json(*args, cwd=None):
    proc = run("check", "--format", "json", "--no-cache", *args, cwd=cwd)
    assert proc.returncode in (0, 1), err(proc)
    assert "Traceback" not in err(proc), err(proc)
    return json.loads(out(proc))


def no_edition(text: str) -> str:
    """The clean example without ``edition``: FM006 offers a safe fix that inserts a line."""
    return text.replace('edition: "2021"\n', "")


@pytest.fixture
def repo(tmp_path):
    r = tmp_path / "repo"
    (r / ".git").mkdir(parents=True)
    return r


# --------------------------------------------------------------------------- --fix and links


def test_fix_writes_through_a_symlink_to_its_target(repo):
    target = report(repo, "reports/real.md", no_edition(CLEAN.read_text(encoding="utf-8")))
    link = repo / "link.md"
    link.symlink_to("reports/real.md")
    proc = run("check", "--fix", "--no-cache", "link.md", cwd=repo)
    assert proc.returncode == 0, out(proc) + err(proc)
    assert link.is_symlink() and os.readlink(link) == "reports/real.md"
    assert 'edition: "2021"' in target.read_text(encoding="utf-8")


def test_fix_leaves_a_hard_linked_file_alone_and_says_why(repo):
    a = report(repo, "a.md", no_edition(CLEAN.read_text(encoding="utf-8")))
    b = repo / "b.md"
    os.link(a, b)
    before = a.read_bytes()
    proc = run("check", "--fix", "--no-cache", "a.md", cwd=repo)
    assert a.read_bytes() == before and os.stat(a).st_ino == os.stat(b).st_ino
    assert "hard link" in err(proc)


def split_lines(text: str) -> list[tuple[str, str]]:
    """(content, line ending) pairs; a lone CR, LF and CRLF each end a line."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"([^\r\n]*)(\r\n|\r|\n|$)", text) if m.group(0)]


def test_fix_keeps_every_line_ending_it_does_not_touch(repo):
    lines = no_edition(CLEAN.read_text(encoding="utf-8")).split("\n")
    # CRLF, LF and, after prose lines, lone CRs (a lone CR is a line break for Markdown too)
    ends = ["\r\n" if i % 3 == 0 else "\r" if i % 7 == 5 and lines[i] and lines[i][0] not in "|-#<" else "\n"
            for i in range(len(lines) - 1)]
    data = "".join(ln + e for ln, e in zip(lines, ends)) + lines[-1]
    assert "\r\n" in data and "\r" in data.replace("\r\n", "")
    p = repo / "mixed.md"
    p.write_bytes(data.encode("utf-8"))
    proc = run("check", "--fix", "--no-cache", "mixed.md", cwd=repo)
    assert "fixed 1" in err(proc), err(proc)
    before, after = split_lines(data), split_lines(p.read_bytes().decode("utf-8"))
    at = next(i for i, (a, b) in enumerate(zip(before, after)) if a != b)
    # one line inserted; it ends as the line it was inserted at; every other byte is the same
    assert after == before[:at] + [('edition: "2021"', before[at][1])] + before[at:]


# --------------------------------------------------------------------------- links out of the repository


def test_a_symlink_out_of_the_repository_is_reported_and_never_read(repo, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN\n---\ntitle: TOP-SECRET-TOKEN\n---\n", encoding="utf-8")
    (repo / "leak.md").symlink_to(secret)
    report(repo, "good.md", CLEAN.read_text(encoding="utf-8"))
    for args in (["--show-source"], ["--format", "json"], ["--format", "sarif"], ["--format", "html"]):
        proc = run("check", "--no-cache", *args, ".", cwd=repo)
        assert "TOP-SECRET-TOKEN" not in out(proc) + err(proc), args
    data = check_json(".", cwd=repo)
    assert [(d["path"], d["line"], d["code"]) for d in data] == [("leak.md", 1, "LNK002")]
    assert "symbolic link" in data[0]["message"] and str(secret) in data[0]["message"]


def test_a_symlink_to_a_device_is_not_read(repo):
    (repo / "zero.md").symlink_to("/dev/zero")
    (repo / "tty.md").symlink_to("/dev/tty")
    data = check_json(".", cwd=repo)
    assert sorted((d["path"], d["code"]) for d in data) == [("tty.md", "LNK002"), ("zero.md", "LNK002")]


def test_a_symlink_inside_the_repository_is_read(repo):
    report(repo, "reports/real.md", CLEAN.read_text(encoding="utf-8").replace("year: 2024", "year: 2023")
           .replace("published: 2025-02-25", "published: 2024-02-26"))
    (repo / "alias.md").symlink_to("reports/real.md")
    data = check_json("alias.md", cwd=repo)
    assert {d["code"] for d in data} == {"FM004"}


# --------------------------------------------------------------------------- special files


def test_a_fifo_named_like_a_report_never_hangs(repo):
    os.mkfifo(repo / "pipe.md")
    report(repo, "good.md", CLEAN.read_text(encoding="utf-8"))
    for args in (["pipe.md"], ["."], ["--fix", "."], ["--show-source", "."]):
        proc = run("check", "--format", "json", "--no-cache", *args, cwd=repo)
        data = json.loads(out(proc))
        assert [(d["path"], d["code"]) for d in data] == [("pipe.md", "FILE005")], args
        assert "FIFO" in data[0]["message"]
    proc = run("check", "pipe.md", cwd=repo)  # with the result cache
    assert proc.returncode == 1 and "FILE005" in out(proc)


def test_a_socket_named_like_a_report_is_not_opened(repo):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.bind(str(repo / "sock.md"))
        data = check_json(".", cwd=repo)
        assert [(d["path"], d["code"]) for d in data] == [("sock.md", "FILE005")]
        assert "socket" in data[0]["message"]
    finally:
        s.close()


def test_a_fifo_as_configuration_file_is_a_configuration_error(repo):
    report(repo, "good.md", CLEAN.read_text(encoding="utf-8"))
    os.mkfifo(repo / ".reportlint.toml")
    proc = run("check", "good.md", cwd=repo)
    assert proc.returncode == 2 and "FIFO" in err(proc) and "Traceback" not in err(proc)
    proc = run("check", "--config", ".reportlint.toml", "good.md", cwd=repo)
    assert proc.returncode == 2 and "FIFO" in err(proc) and "Traceback" not in err(proc)


def test_reads_are_bounded_whatever_the_file_system_says():
    from reportlint.safefile import FileTooLarge, read_limited

    # /proc files say they are empty (st_size 0) and are not
    with pytest.raises(FileTooLarge):
        read_limited("/proc/self/maps", 16)
    assert len(read_limited("/proc/self/maps", 10_000_000)) > 16
