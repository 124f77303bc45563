"""`reportlint server`: the real server process driven over stdio by a language client."""
from __future__ import annotations

import asyncio
import json
import os
import re

import pytest
from lsprotocol import types as T

from clihelp import CLEAN, OFFICIAL_5, VARIANT_5, make_repo, run_cli
from lspclient import apply_edits, capabilities, change_doc, open_doc, start, uri


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


def expected(repo, rel: str, text: str, encoding: str = "utf-16", lang: str = "en", env: dict | None = None) -> list[tuple]:
    """What `reportlint check` says about ``text`` as ``rel`` (written to disk), in LSP terms."""
    (repo / rel).write_text(text, encoding="utf-8")
    proc = run_cli("check", "--no-cache", "--format", "json", "--lang", lang, rel, cwd=repo, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    lines = text.split("\n")
    out = []
    for d in json.loads(proc.stdout):
        if d.get("suppressed"):
            continue  # waived: listed in JSON, not a finding

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


# --------------------------------------------------------------------------- the repository around the buffer


def check_repo(repo, rel: str, text: str) -> list[tuple]:
    """`reportlint check .` over the whole repository with ``text`` in ``rel``: the findings about ``rel``."""
    path = repo / rel
    original = path.read_text(encoding="utf-8") if path.exists() else None
    path.write_text(text, encoding="utf-8")
    try:
        proc = run_cli("check", "--no-cache", "--format", "json", ".", cwd=repo)
    finally:
        if original is not None:
            path.write_text(original, encoding="utf-8")
    lines = text.split("\n")
    out = []
    for d in json.loads(proc.stdout):
        if d["path"] != rel or d.get("suppressed"):
            continue
        out.append((d["code"], d["severity"], (d["line"] - 1, units(lines[d["line"] - 1][:d["column"] - 1], "utf-16")),
                    (d["end_line"] - 1, units(lines[d["end_line"] - 1][:d["end_column"] - 1], "utf-16")), d["message"]))
    return sorted(out)


def watched(client, *changes):
    client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
        changes=[T.FileEvent(uri=uri(p), type=kind) for p, kind in changes]))


def test_other_reports_and_the_configuration(tmp_path):
    """Repository rules see the other reports on disk (last year's report for SUM004, link
    targets); a change to them or to the configuration relints the open report."""
    from clihelp import ROOT

    corpus = ROOT / "tests" / "fixtures" / "corpus"
    repo = make_repo(tmp_path / "repo", {
        "2023/report.md": (corpus / "003-hongze-2023.md").read_text(encoding="utf-8"),
        "2024/report.md": (corpus / "004-hongze-2024.md").read_text(encoding="utf-8")})
    rel = "2024/report.md"
    disk = (repo / rel).read_text(encoding="utf-8")
    # the buffer: 现行有效件数 no longer carries over from last year, and a link to a missing file
    buffer = disk.replace("| 行政规范性文件 | 3 | 0 | 8 |", "| 行政规范性文件 | 3 | 0 | 9 |").replace(
        "## 一、总体情况\n", "## 一、总体情况\n\n详见[说明](附件/说明.md#概述)。\n", 1)
    assert buffer.count("详见") == 1 and "| 3 | 0 | 9 |" in buffer
    want = check_repo(repo, rel, buffer)
    assert {w[0] for w in want} >= {"SUM004", "LNK001"}

    async def scenario():
        client, _ = await start(repo, tmp_path)
        u = open_doc(client, repo / rel, buffer)
        diags = await client.wait_diagnostics(u, lambda d: len(d) > 0)
        assert got(diags) == want
        sum004 = next(d for d in diags if d.code == "SUM004")
        assert "last year's report: 2023/report.md" in sum004.message
        await client.wait_for(lambda: client.registrations)
        reg = client.registrations[0]
        assert reg.method == T.WORKSPACE_DID_CHANGE_WATCHED_FILES
        assert any("md" in w["globPattern"] for w in reg.register_options["watchers"])

        def codes():
            params = client.latest(u)
            return sorted({d.code for d in params.diagnostics}) if params else []

        # the link target appears: LNK001 goes
        target = repo / "2024/附件/说明.md"
        target.parent.mkdir()
        target.write_text("# 概述\n\n说明。\n", encoding="utf-8")
        watched(client, (target, T.FileChangeType.Created))
        await client.wait_for(lambda: "LNK001" not in codes())
        assert "SUM004" in codes()

        # last year's report changes on disk so that the figure carries over: SUM004 goes
        last = repo / "2023/report.md"
        last.write_text(last.read_text(encoding="utf-8").replace("| 行政规范性文件 | 0 | 5 | 5 |",
                                                                 "| 行政规范性文件 | 0 | 5 | 6 |"), encoding="utf-8")
        watched(client, (last, T.FileChangeType.Changed))
        await client.wait_for(lambda: "SUM004" not in codes())
        assert got(client.latest(u).diagnostics) == check_repo(repo, rel, buffer)

        # another open document is saved with its heading renamed: the anchor breaks (LNK004)
        other = target
        ou = open_doc(client, other, other.read_text(encoding="utf-8"))
        renamed = "# 总述\n\n说明。\n"
        change_doc(client, ou, renamed, 2)
        other.write_text(renamed, encoding="utf-8")
        client.text_document_did_save(T.DidSaveTextDocumentParams(T.TextDocumentIdentifier(ou)))
        await client.wait_for(lambda: "LNK004" in codes())
        lnk004 = next(d for d in client.latest(u).diagnostics if d.code == "LNK004")
        assert "#概述" in lnk004.message and "2024/附件/说明.md" in lnk004.message

        # the configuration changes: the links are no longer checked
        (repo / ".reportlint.toml").write_text('ignore = ["LNK"]\n', encoding="utf-8")
        watched(client, (repo / ".reportlint.toml", T.FileChangeType.Created))
        await client.wait_for(lambda: not [c for c in codes() if c.startswith("LNK")])
        assert got(client.latest(u).diagnostics) == check_repo(repo, rel, buffer)
        await client.close()

    run(scenario())


# --------------------------------------------------------------------------- position encodings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-32"])
def test_other_position_encodings(repo, tmp_path, encoding):
    """A client that offers UTF-8 or UTF-32 positions gets them: in ranges, hover and edits."""
    want = expected(repo, "reports/2024/a.md", DEFECTIVE, encoding)

    async def scenario():
        client, init = await start(repo, tmp_path, caps=capabilities(encodings=[encoding, "utf-16"]))
        assert init.capabilities.position_encoding == encoding
        u = open_doc(client, repo / "reports/2024/a.md", DEFECTIVE)
        diags = await client.wait_diagnostics(u, lambda d: len(d) > 0)
        assert got(diags) == want
        lnk = min((d for d in diags if d.code == "LNK006"), key=lambda d: d.range.start.character)
        assert lnk.range.start.character == units(LINK_LINE[:LINK_LINE.index("http：")], encoding)
        # a position in the client's units finds the finding after the astral characters
        inside = T.Position(lnk.range.start.line, lnk.range.start.character + 1)
        hover = await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(u), inside))
        assert "**LNK006**" in hover.contents.value
        actions = await client.text_document_code_action_async(T.CodeActionParams(
            text_document=T.TextDocumentIdentifier(u), range=T.Range(inside, inside),
            context=T.CodeActionContext(diagnostics=[lnk])))
        fix = next(a for a in actions if a.is_preferred)
        fixed = apply_edits(DEFECTIVE, list(fix.edit.document_changes[0].edits), encoding)
        assert fixed == DEFECTIVE.replace("http：//www", "http://www")
        await client.close()

    run(scenario())


# --------------------------------------------------------------------------- pull diagnostics


def test_pull_diagnostics(repo, tmp_path):
    """A client that pulls gets the findings in answer to textDocument/diagnostic (and no push), an
    unchanged report for an unchanged document, and a refresh request when another file changes
    them."""
    want = expected(repo, "reports/2024/b.md", DEFECTIVE)
    text = DEFECTIVE + "\n见[附件](附件.md)。\n"
    path = repo / "reports/2024/a.md"

    async def scenario():
        client, _ = await start(repo, tmp_path, caps=capabilities(pull=True))
        u = open_doc(client, path, text)

        async def pull(previous=None):
            return await client.text_document_diagnostic_async(T.DocumentDiagnosticParams(
                text_document=T.TextDocumentIdentifier(u), previous_result_id=previous))

        report = await pull()
        assert report.kind == "full"
        codes = sorted(d.code for d in report.items)
        assert codes == sorted([w[0] for w in want] + ["LNK001"])
        again = await pull(report.result_id)
        assert again.kind == "unchanged" and again.result_id == report.result_id
        change_doc(client, u, DEFECTIVE, 2)
        changed = await pull(report.result_id)
        assert changed.kind == "full" and got(changed.items) == want
        # another file appears that a link needed: the client is asked to pull again
        change_doc(client, u, text, 3)
        before = await pull()
        assert "LNK001" in [d.code for d in before.items]
        assert client.refreshes == 0  # answering a pull is no reason to ask for another
        (repo / "reports/2024/附件.md").write_text("# 附件\n", encoding="utf-8")
        watched(client, (repo / "reports/2024/附件.md", T.FileChangeType.Created))
        await client.wait_for(lambda: client.refreshes > 0)
        after = await pull(before.result_id)
        assert after.kind == "full" and "LNK001" not in [d.code for d in after.items]
        assert client.count(u) == 0  # nothing was pushed
        await client.close()

    run(scenario())


# --------------------------------------------------------------------------- bad input


CRASHING_RULE = '''
"""Crashes on every report (a test plugin)."""
CODE = "XYZ900"
NAME = "always-crashes"
SUMMARY = "Crashes"
SEVERITY = "error"


def check(doc, profile, options):
    raise RuntimeError("boom")
'''


def crashing_plugin(tmp_path):
    """An installed distribution whose rule crashes (written as pip would install it)."""
    site = tmp_path / "site"
    (site / "crashy_rules").mkdir(parents=True)
    (site / "crashy_rules" / "__init__.py").write_text("", encoding="utf-8")
    (site / "crashy_rules" / "crash.py").write_text(CRASHING_RULE, encoding="utf-8")
    info = site / "crashy-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: crashy\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[reportlint.rules]\nXYZ900 = crashy_rules.crash\n", encoding="utf-8")
    return site


def test_bad_input_never_takes_the_server_down(repo, tmp_path):
    """A rule that crashes is one diagnostic naming it; a broken configuration is a diagnostic on
    the configuration file, one on the report and a message; odd text and odd requests are
    answered; the server goes on and recovers when the configuration is fixed."""
    site = crashing_plugin(tmp_path)
    env = {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
           "REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    variant = CLEAN.replace(OFFICIAL_5, VARIANT_5)

    async def scenario():
        client, _ = await start(repo, tmp_path, env=env)
        u = open_doc(client, repo / "reports/2024/a.md", variant)
        diags = await client.wait_diagnostics(u, lambda d: len(d) > 0)
        crash = [d for d in diags if d.code == "XYZ900"]
        assert len(crash) == 1 and "rule XYZ900 (always-crashes) failed" in crash[0].message
        assert "RuntimeError: boom" in crash[0].message and crash[0].severity == T.DiagnosticSeverity.Warning
        assert "SEC006" in [d.code for d in diags]  # the other rules ran

        # odd text: empty, binary-looking, a lone surrogate-free astral mess
        for version, text in enumerate(["", "\x00\x01\x02 binary", "𠀀" * 5000, "---\nyear: [\n---\n"], start=2):
            n = client.count(u)
            change_doc(client, u, text, version)
            diags = await client.wait_diagnostics(u, after=n)
            assert all(d.source == "reportlint" for d in diags)
        # odd requests: a document that is not open, positions past the end
        assert await client.text_document_hover_async(T.HoverParams(
            T.TextDocumentIdentifier(uri(repo / "nope.md")), T.Position(0, 0))) is None
        far = T.Position(10_000, 10_000)
        await client.text_document_code_action_async(T.CodeActionParams(
            text_document=T.TextDocumentIdentifier(u), range=T.Range(far, far),
            context=T.CodeActionContext(diagnostics=[])))
        await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(u), far))

        # a broken configuration
        config = repo / ".reportlint.toml"
        config.write_text('selec = ["SEC"]\n', encoding="utf-8")
        watched(client, (config, T.FileChangeType.Changed))
        n = client.count(u)
        change_doc(client, u, variant, 20)
        diags = await client.wait_diagnostics(u, lambda d: any(x.code == "configuration" for x in d), after=n)
        assert len(diags) == 1 and "could not check this file" in diags[0].message and "selec" in diags[0].message
        on_config = await client.wait_diagnostics(uri(config), lambda d: len(d) > 0)
        assert on_config[0].range.start.line == 0 and "selec" in on_config[0].message
        await client.wait_for(lambda: [m for m in client.messages if "selec" in m.message])
        # a report under another, valid configuration does not clear the broken one's diagnostics
        (repo / "sub").mkdir()
        (repo / "sub/.reportlint.toml").write_text('ignore = ["SEC006", "XYZ900"]\n', encoding="utf-8")
        su = open_doc(client, repo / "sub/c.md", variant)
        assert await client.wait_diagnostics(su) == []
        assert client.latest(uri(config)).diagnostics
        # … fixed: the findings are back, the configuration's diagnostics cleared
        config.write_text('[per-file-ignores]\n"reports/2019/**" = ["SEC006"]\n', encoding="utf-8")
        watched(client, (config, T.FileChangeType.Changed))
        diags = await client.wait_diagnostics(u, lambda d: "SEC006" in [x.code for x in d], after=n)
        assert "configuration" not in [d.code for d in diags]
        assert await client.wait_diagnostics(uri(config), lambda d: d == [], after=1) == []
        await client.close()

    run(scenario())
    assert "Traceback" not in (tmp_path / "server-stderr.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- suppression comments


def apply_action(text: str, action: T.CodeAction) -> str:
    return apply_edits(text, list(action.edit.document_changes[0].edits))


def test_disable_and_waiver_actions_write_working_comments(repo, tmp_path):
    """"Disable CODE for this line" and "add a waiver" write the documented comments where they
    work: at the end of a pipe-table row or an HTML table line, before the block for a waiver,
    after the front matter for a finding in it. The findings go and no SUP finding appears.
    Titles and messages follow the client's locale (Chinese here)."""
    from clihelp import ROOT

    row = "| （七）总计 | 2932 | 53 | 0 | 0 | 61 | 4 | 3050 |"
    broken = CLEAN.replace(row, row.replace("2932", "2933")).replace("level: government", "level: city")
    html = (ROOT / "examples/2024-huaian-2021-edition-html.md").read_text(encoding="utf-8")
    html_broken = html.replace("<td>2932</td>", "<td>2933</td>", 1)
    rel, rel_html = "reports/2024/a.md", "reports/2024/h.md"
    today = {"REPORTLINT_TODAY": "2026-01-10"}

    async def scenario():
        client, _ = await start(repo, tmp_path, init={"debounce": 50}, locale="zh-CN", env=today)
        u = open_doc(client, repo / rel, broken)
        diags = await client.wait_diagnostics(u, lambda d: len(d) > 0)
        assert {d.code for d in diags} == {"SUM001", "SUM002", "SUM005", "FM003"}
        assert any("应为" in d.message for d in diags)  # Chinese messages

        async def actions_for(code, text_uri=u, diags_=None):
            d = next(x for x in (diags_ or diags) if x.code == code)
            return d, await client.text_document_code_action_async(T.CodeActionParams(
                text_document=T.TextDocumentIdentifier(text_uri), range=d.range,
                context=T.CodeActionContext(diagnostics=[d])))

        version = 1

        async def edit(text, code_title, code, diags_):
            nonlocal version
            _, actions = await actions_for(code, diags_=diags_)
            action = next(a for a in actions if a.title.startswith(code_title))
            new = apply_action(text, action)
            n = client.count(u)
            version += 1
            change_doc(client, u, new, version)
            return new, await client.wait_diagnostics(u, after=n)

        # SUM001 in a pipe-table row: the comment goes at the end of the row
        text, diags2 = await edit(broken, "在本行禁用 SUM001", "SUM001", diags)
        assert row.replace("2932", "2933") + " <!-- reportlint-disable-line SUM001 -->" in text
        assert {d.code for d in diags2} == {"SUM002", "SUM005", "FM003"}
        assert got(diags2) == expected(repo, "reports/2024/x.md", text, lang="zh", env=today)
        # SUM002 waived: a waiver before the table, until 90 days from today, with a reason to fill in
        text, diags3 = await edit(text, "豁免此处的 SUM002 至 2026-04-10", "SUM002", diags2)
        assert ('<!-- reportlint-waive SUM002 until=2026-04-10 reason="待填写：接受此问题的理由" -->\n'
                "| 申请人情况 |") in text
        assert {d.code for d in diags3} == {"SUM005", "FM003"}
        # a finding in the front matter: disabled for the file, right after the front matter
        text, diags4 = await edit(text, "在本文件禁用 FM003", "FM003", diags3)
        assert "---\n<!-- reportlint-disable-file FM003 -->\n" in text
        assert {d.code for d in diags4} == {"SUM005"}
        # a second code on the same line joins the comment already there
        text, diags5 = await edit(text, "在本行禁用 SUM005", "SUM005", diags4)
        assert "<!-- reportlint-disable-line SUM001, SUM005 -->" in text and diags5 == []
        assert expected(repo, "reports/2024/x.md", text, env=today) == []

        # an HTML table: the comment after the cell's tag works too
        hu = open_doc(client, repo / rel_html, html_broken)
        hdiags = await client.wait_diagnostics(hu, lambda d: len(d) > 0)
        d, actions = await actions_for("SUM001", hu, hdiags)
        d = min((x for x in hdiags if x.code == "SUM001"), key=lambda x: x.range.start.line)
        _, actions = await actions_for("SUM001", hu, [d])
        action = next(a for a in actions if a.title == "在本行禁用 SUM001")
        fixed = apply_action(html_broken, action)
        assert "<td>2933</td> <!-- reportlint-disable-line SUM001 -->" in fixed
        codes = [x[0] for x in expected(repo, "reports/2024/y.md", fixed, env=today)]
        assert codes.count("SUM001") == len([x for x in hdiags if x.code == "SUM001"]) - 1
        assert not [c for c in codes if c.startswith("SUP")]
        await client.close()

    run(scenario())


# --------------------------------------------------------------------------- installation


def test_without_pygls_the_server_says_what_to_install(tmp_path):
    fake = tmp_path / "fake"
    (fake / "pygls").mkdir(parents=True)
    (fake / "pygls" / "__init__.py").write_text("raise ImportError('No module named pygls')\n", encoding="utf-8")
    proc = run_cli("server", cwd=tmp_path, env={"PYTHONPATH": str(fake)})
    assert proc.returncode == 2
    assert "pip install 'reportlint[server]'" in proc.stderr and "Traceback" not in proc.stderr
    # `reportlint check` neither needs nor imports the server
    (tmp_path / "r.md").write_text(CLEAN, encoding="utf-8")
    code = ("import sys; from reportlint.cli import main; rc = main(['check', '--no-cache', 'r.md']); "
            "assert rc == 0, rc; assert not [m for m in sys.modules if m.startswith(('pygls', 'lsprotocol', "
            "'reportlint.server'))], sorted(sys.modules)")
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(fake)})
    assert proc.returncode == 0, proc.stderr


def test_configuration_change_without_file_watchers(repo, tmp_path):
    """A client that cannot watch files: a changed configuration is noticed at the next lint."""
    variant = CLEAN.replace(OFFICIAL_5, VARIANT_5)

    async def scenario():
        client, _ = await start(repo, tmp_path, caps=capabilities(watch=False), args=("--lang", "en"))
        u = open_doc(client, repo / "reports/2024/a.md", variant)
        diags = await client.wait_diagnostics(u, lambda d: len(d) > 0)
        assert [d.code for d in diags] == ["SEC006"]
        assert client.registrations == []
        (repo / ".reportlint.toml").write_text('ignore = ["SEC006"]\n', encoding="utf-8")
        n = client.count(u)
        change_doc(client, u, variant + "\n", 2)
        assert await client.wait_diagnostics(u, after=n) == []
        await client.close()

    run(scenario())


def test_a_large_repository_is_read_in_the_background_with_progress(tmp_path):
    """The first diagnostics come at once; the other reports are read in the background (the
    editor shows progress) and the open report is linted again when they are all known."""
    files = {f"reports/{i // 100:02d}/r{i:04d}.md": CLEAN.replace("淮安市人民政府", f"机关{i}") for i in range(400)}
    repo = make_repo(tmp_path / "big", files)
    path = repo / "reports/00/r0000.md"

    async def scenario():
        client, _ = await start(repo, tmp_path, caps=capabilities(progress=True))
        u = open_doc(client, path, path.read_text(encoding="utf-8").replace(OFFICIAL_5, VARIANT_5))
        diags = await client.wait_diagnostics(u, lambda d: len(d) > 0)
        assert [d.code for d in diags] == ["SEC006"]
        await client.wait_for(lambda: any(v["kind"] == "end" for _, v in client.progress), 100)
        kinds = [v["kind"] for _, v in client.progress]
        assert kinds[0] == "begin" and kinds[-1] == "end" and len({t for t, _ in client.progress}) == 1
        begin = client.progress[0][1]
        assert begin["title"] == "reportlint" and re.fullmatch(r"reading \d+ reports", begin["message"])
        # a keystroke while nothing is left to read is answered at once
        n = client.count(u)
        change_doc(client, u, path.read_text(encoding="utf-8"), 2)
        assert await client.wait_diagnostics(u, after=n) == []
        await client.close()

    run(scenario())
