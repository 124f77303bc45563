"""The HTML report (``--format html``) through the real CLI: one self-contained page, report text
escaped, several outputs in one run, and the file views it needs (from the cache and standard input
too). What a browser makes of the page is in test_html_browser.py."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from clihelp import CLEAN, ROOT, VARIANT, as_organization, make_repo, run_cli

HTML_FIXTURES = ROOT / "tests" / "fixtures" / "html"
WRONG_TOTAL = HTML_FIXTURES / "wrong-total-2021-html.md"
PAYLOADS = HTML_FIXTURES / "escaping-payloads.md"


class Page(HTMLParser):
    """Every element with its attributes, and the text, of an HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text_parts: list[str] = []
        self.style = ""
        self._in_style = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data
        else:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def tags(self, name: str) -> list[dict]:
        return [a for t, a in self.elements if t == name]


def page_of(*args: str, cwd=None, **kw) -> tuple[str, object]:
    proc = run_cli("check", "--format", "html", "--no-cache", *args, cwd=cwd, **kw)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout, proc


def test_page_is_one_self_contained_document():
    html, _ = page_of(str(WRONG_TOTAL), "--lang", "en")
    page = Page(html)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    names = {t for t, _ in page.elements}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}, names
    assert len(page.tags("style")) == 1
    assert "@import" not in page.style and "url(" not in page.style
    for tag, attrs in page.elements:
        assert "src" not in attrs, (tag, attrs)
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith("#"), attrs  # only links within the page
    csp = [a for a in page.tags("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]
    ids = [a["id"] for _, a in page.elements if "id" in a]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for _, a in page.elements:  # every in-page link has its target
        if a.get("href", "").startswith("#"):
            assert a["href"][1:] in ids, a["href"]


def test_report_text_is_never_markup():
    html, _ = page_of(str(PAYLOADS), "--lang", "en")
    page = Page(html)
    names = [t for t, _ in page.elements]
    assert "script" not in names and "img" not in names
    assert not any(k.startswith("on") for _, attrs in page.elements for k in attrs)
    text = page.text
    # the payloads are shown as the text they are
    assert "<script>document.body.dataset.pwned='cell'</script>" in text  # a table cell (decoded &lt;)
    assert "<script>document.body.dataset.pwned='script'</script>" in text  # a quoted sentence
    assert 'onerror="document.body.dataset.pwned=\'img\'"' in text
    assert '447228 "A&B"' in text  # quotes and an ampersand in a cell
    assert "&amp;lt;" not in html  # escaped once, not twice
    # and in attributes (the tooltips) they stay inside their attribute
    titles = [a["title"] for _, a in page.elements if "title" in a]
    assert any("<script>document.body.dataset.pwned='cell'</script>" in t for t in titles)


def test_page_lists_findings_and_marks_the_culprit():
    html, proc = page_of(str(WRONG_TOTAL), "--lang", "zh")
    assert proc.returncode == 1
    page = Page(html)
    items = [a for a in page.tags("li") if "data-code" in a]
    codes = [a["data-code"] for a in items]
    assert codes.count("SUM001") == 2 and "SUM005" in codes
    assert [int(a["data-line"]) for a in items] == sorted(int(a["data-line"]) for a in items)
    culprit = [a for t, a in page.elements if t == "td" and "culprit" in a.get("class", "").split()]
    assert len(culprit) == 1 and "1288" in culprit[0]["title"]
    # the computation next to the table, as the issue asks: total = value, but terms = sum
    assert "（一）予以公开 / 总计 为 1362，但 1298 + 21 + 0 + 0 + 50 + 3 = 1372（相差 -10）" in page.text
    # the code links to the rule's section, whose anchor is docs/rules.md's
    assert any(a.get("href") == "#sum001-total-mismatch" for a in page.tags("a"))
    rules_md = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "(#sum001-total-mismatch)" in rules_md


def test_prose_finding_quotes_its_sentence_with_the_figure_marked():
    html, _ = page_of(str(WRONG_TOTAL), "--lang", "zh")
    m = re.search(r'<blockquote class="quote">([^<]*)<mark class="sev-error">([^<]*)</mark>([^<]*)</blockquote>', html)
    assert m, html[:2000]
    assert m.group(2) == "3129件" or m.group(2).startswith("3129")
    assert "全市共受理政府信息公开申请" in m.group(1)


def test_html_and_other_outputs_in_one_run(tmp_path):
    repo = make_repo(tmp_path, {"reports/a.md": VARIANT, "reports/b.md": as_organization(CLEAN, "淮安市某局")})
    proc = run_cli("check", "reports", "--format", "github", "--output-file", "out/page.html",
                   "--output-file", "out/results.sarif", "--no-cache", cwd=repo)
    assert proc.returncode == 0, proc.stderr  # a warning only
    assert proc.stdout.startswith("::warning file=reports/a.md")
    page = Page((repo / "out" / "page.html").read_text(encoding="utf-8"))
    assert [a["data-code"] for a in page.tags("li") if "data-code" in a] == ["SEC006"]
    sarif = json.loads((repo / "out" / "results.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["SEC006"]
    # explicit formats pair with the files in order
    proc = run_cli("check", "reports", "--output-file", "x.out", "--output-format", "html",
                   "--output-file", "y.out", "--output-format", "json", "--no-cache", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert (repo / "x.out").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads((repo / "y.out").read_text(encoding="utf-8"))[0]["code"] == "SEC006"


def test_output_formats_that_do_not_pair_up_are_a_usage_error(tmp_path):
    repo = make_repo(tmp_path, {"a.md": CLEAN})
    proc = run_cli("check", "a.md", "--output-file", "x.html", "--output-file", "y.json",
                   "--output-format", "html", cwd=repo)
    assert proc.returncode == 2
    assert "give one --output-format per --output-file" in proc.stderr
    assert not (repo / "x.html").exists()


def test_results_from_the_cache_still_get_their_tables(tmp_path):
    repo = make_repo(tmp_path, {"r.md": WRONG_TOTAL.read_text(encoding="utf-8")})
    env = {"REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    pages = []
    for expected in ("0 from the cache", "1 from the cache"):
        proc = run_cli("check", "r.md", "-v", "--format", "html", cwd=repo, env=env)
        assert expected in proc.stderr, proc.stderr
        pages.append(proc.stdout)
    assert pages[0] == pages[1]
    assert 'class="culprit' in pages[1] and "<table" in pages[1]


def test_standard_input_gets_its_tables(tmp_path):
    repo = make_repo(tmp_path, {})
    proc = run_cli("check", "--stdin-filename", "reports/new.md", "--format", "html", "--no-cache", cwd=repo,
                   input=WRONG_TOTAL.read_text(encoding="utf-8"))
    assert proc.returncode == 1, proc.stderr
    page = Page(proc.stdout)
    assert any(a.get("data-path") == "reports/new.md" for a in page.tags("section"))
    assert len(page.tags("table")) >= 3 + 2  # the report's three tables, the summary's two


def test_other_formats_build_no_views(tmp_path, monkeypatch, capsys):
    from reportlint import cli, view

    def forbidden(*a, **k):
        raise AssertionError("views built for a format that does not show tables")

    monkeypatch.setattr(view, "build_views", forbidden)
    monkeypatch.chdir(make_repo(tmp_path, {"a.md": VARIANT}))
    assert cli.main(["check", "a.md", "--no-cache", "--format", "json", "--output-file", "r.sarif"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["code"] == "SEC006"


def test_large_runs_show_tables_of_files_with_findings_only(tmp_path, monkeypatch, capsys):
    from reportlint import cli, commands

    monkeypatch.setattr(commands, "VIEW_ALL_FILES", 1)
    monkeypatch.chdir(make_repo(tmp_path, {"a.md": VARIANT, "b.md": as_organization(CLEAN, "淮安市某局")}))
    cli.main(["check", ".", "--no-cache", "--format", "html"])
    page = capsys.readouterr().out
    clean = page[page.index('id="clean"'):]
    assert "b.md" in clean and "<table" not in clean
    assert page.count('<table class="grid">') == 3  # a.md's tables


def test_relation_findings_carry_the_cells_and_the_computation():
    proc = run_cli("check", str(WRONG_TOTAL), "--format", "json", "--no-cache", "--select", "SUM")
    found = {(d["code"], d["line"]): d["data"] for d in json.loads(proc.stdout)}
    row_total = found[("SUM001", 99)]
    assert row_total["total"]["value"] == "1362" and row_total["total"]["row_label"] == "（一）予以公开"
    assert [t["value"] for t in row_total["terms"]] == ["1298", "21", "0", "0", "50", "3"]
    assert all(t["sign"] == 1 and len(t["span"]) == 4 for t in row_total["terms"])
    assert row_total["expected"] == "1372" and row_total["difference"] == "-10"
    assert row_total["culprit"]["value"] == "1298" and row_total["culprit"]["suggested"] == "1288"
    assert row_total["culprit"]["span"][0] == 93
    culprit = found[("SUM005", 93)]
    assert culprit["cell"]["label"] == "表三 （一）予以公开 / 自然人" and culprit["value"] == "1288"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_label_is_there_in_both_languages(lang):
    html, _ = page_of(str(WRONG_TOTAL), "--lang", lang)
    page = Page(html)
    assert page.tags("html")[0]["lang"] == lang
    checked = [a["id"] for a in page.tags("input") if "checked" in a]
    assert checked == [f"lang-{lang}"]
    assert "需要修改" in page.text and "Changes needed" in page.text
    assert "最可能的改法" in page.text and "Most likely fix" in page.text
