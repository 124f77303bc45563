"""`reportlint server`: the real server process driven over stdio by a language client."""
from __future__ import annotations

import asyncio
import json
import os
import re
import textwrap

import pytest
from lsprotocol import types as T

from clihelp import CLEAN, OFFICIAL_5, VARIANT_5, make_repo, run_cli
from lspclient import apply_edits, capabilities, change_doc, open_doc, start, uri

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

LINK_LINE = "访问𠀀😀门户网站 [门户](http：//www.example.gov.cn) 与 [旧站](htp://old.example.gov.cn)。"
# the clean 2021 example with defects: a Chinese numeral in 表二 (TBL011, safe fix), a link line with
# astral characters before a full-width colon (LNK006, safe fix) and a misspelt scheme (LNK006,
# unsafe fix), and a variant section title (SEC006)
DEFECTIVE = (CLEAN.replace("| 规章 | 1 | 0 | 11 |", "| 规章 | 一 | 0 | 11 |")
             .replace("## 一、总体情况\n", f"## 一、总体情况\n\n{LINK_LINE}\n", 1)
             .replace(OFFICIAL_5, VARIANT_5))
assert DEFECTIVE.count("一 | 0 | 11") == 1


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 120))


def units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def expected(repo, rel: str, text: str, encoding: str = "utf-16", lang: str = "en") -> list[tuple]:
    """What `reportlint check` says about ``text`` as ``rel`` (written to disk), in LSP terms."""
    (repo / rel).write_text(text, encoding="utf-8")
    proc = run_cli("check", "--no-cache", "--format", "json", "--lang", lang, rel, cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    lines = text.split("\n")
    out = []
    for d in json.loads(proc.stdout):
        def pos(line, col):
            line = min(line, len(lines))
            return (line - 1, units(lines[line - 1][:col - 1], encoding))
        out.append((d["code"], d["severity"], pos(d["line"], d["column"]), pos(d["end_line"], d["end_column"]),
                    d["message"]))
    return sorted(out)


SEV = {T.DiagnosticSeverity.Error: "error", T.DiagnosticSeverity.Warning: "warning",
       T.DiagnosticSeverity.Information: "info"}


def got(diags: list[T.Diagnostic]) -> list[tuple]:
    return sorted((d.code, SEV[d.severity], (d.range.start.line, d.range.start.character),
                   (d.range.end.line, d.range.end.character), d.message) for d in diags)


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path / "repo", {"reports/2024/a.md": CLEAN,
                                         ".reportlint.toml": "[per-file-ignores]\n\"reports/2019/**\" = [\"SEC006\"]\n"})


# --------------------------------------------------------------------------- the whole round trip


def test_open_change_fix_hover_shutdown(repo, tmp_path):
    """Open a defective report, get its findings (as `reportlint check` gives them), apply a quick
    fix, hover a finding and a cell, fix the rest and see the diagnostics cleared, shut down."""
    want = expected(repo, "reports/2024/a.md", DEFECTIVE)
    (repo / "reports/2024/a.md").write_text(CLEAN, encoding="utf-8")  # the buffer differs from the disk

    async def scenario():
        client, init = await start(repo, tmp_path)
        caps = init.capabilities
        assert caps.position_encoding == "utf-16"
        assert caps.text_document_sync.change == T.TextDocumentSyncKind.Full
        assert caps.diagnostic_provider.identifier == "reportlint"
        assert T.CodeActionKind.QuickFix in caps.code_action_provider.code_action_kinds
        u = open_doc(client, repo / "reports/2024/a.md", DEFECTIVE)
        diags = await client.wait_diagnostics(u, lambda d: len(d) > 0)
        assert got(diags) == want
        assert {d.code for d in diags} == {"LNK006", "TBL011", "SEC006"}
        for d in diags:
            assert d.source == "reportlint"
            name = d.data["name"]
            assert d.code_description.href == ("https://git.example.org/tools/reportlint/blob/main/docs/rules.md#"
                                               f"{d.code.lower()}-{name}")
        # the astral characters before the link count two UTF-16 units each
        lnk = sorted((d for d in diags if d.code == "LNK006"), key=lambda d: d.range.start.character)
        line_no = DEFECTIVE.split("\n").index(LINK_LINE)
        start16 = units(LINK_LINE[:LINK_LINE.index("http：")], "utf-16")
        assert start16 == LINK_LINE.index("http：") + 2
        assert (lnk[0].range.start.line, lnk[0].range.start.character) == (line_no, start16)
        assert lnk[0].range.end.character == start16 + len("http：//www.example.gov.cn")

        # quick fixes: the safe one preferred, the unsafe one marked
        actions = await client.text_document_code_action_async(T.CodeActionParams(
            text_document=T.TextDocumentIdentifier(u), range=lnk[0].range,
            context=T.CodeActionContext(diagnostics=[lnk[0]])))
        titles = [a.title for a in actions]
        fix = next(a for a in actions if a.is_preferred)
        assert fix.kind == T.CodeActionKind.QuickFix and fix.diagnostics[0].code == "LNK006"
        assert "Disable LNK006 for this line" in titles
        assert any(t.startswith("Waive LNK006 here until ") for t in titles)
        actions2 = await client.text_document_code_action_async(T.CodeActionParams(
            text_document=T.TextDocumentIdentifier(u), range=lnk[1].range,
            context=T.CodeActionContext(diagnostics=[lnk[1]], only=[T.CodeActionKind.QuickFix])))
        unsafe = [a for a in actions2 if "unsafe" in a.title]
        assert len(unsafe) == 1 and not unsafe[0].is_preferred and "http:" in unsafe[0].title
        assert all(a.kind == T.CodeActionKind.QuickFix for a in actions2)

        # apply the safe fix as an editor does: the finding goes, the others stay
        change = fix.edit.document_changes[0]
        assert change.text_document.version == 1
        text2 = apply_edits(DEFECTIVE, list(change.edits))
        assert "[门户](http://www.example.gov.cn)" in text2
        n = client.count(u)
        change_doc(client, u, text2, 2)
        diags = await client.wait_diagnostics(u, after=n)
        assert sorted(d.code for d in diags) == ["LNK006", "SEC006", "TBL011"]
        assert got(diags) == expected(repo, "reports/2024/b.md", text2)

        # hover over a finding: the rule's summary and documentation
        tbl = next(d for d in diags if d.code == "TBL011")
        hover = await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(u), tbl.range.start))
        text = hover.contents.value
        assert hover.contents.kind == T.MarkupKind.Markdown
        assert "**TBL011** `chinese-numeral`" in text and "holds the Chinese numeral" in text
        assert "Numbers in tables are written in Arabic digits" in text  # the rule's documentation
        # … and over a table cell: its table, row, column and relations
        lines = text2.split("\n")
        row = next(i for i, ln in enumerate(lines) if ln.startswith("| （七）总计"))
        col = lines[row].index("2932")
        hover = await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(u),
                                                                     T.Position(row, col + 1)))
        text = hover.contents.value
        assert "**表三 （七）总计 / 自然人** = 2932" in text
        assert "row: （七）总计 (`r_total`)" in text and "column: 自然人 (`c_natural`)" in text
        assert "✓ holds: （七）总计 equals the sum of every result row" in text
        assert "the stated balance" in text

        # the fixed report: every diagnostic cleared
        n = client.count(u)
        change_doc(client, u, CLEAN, 3)
        assert await client.wait_diagnostics(u, lambda d: d == [], after=n) == []
        await client.close()
        return client

    client = run(scenario())
    assert client._server.returncode == 0
    assert not [m for m in client.messages if m.type == T.MessageType.Error]
