"""The HTML report in a real browser: headless Chromium (Debian's ``chromium``; ``.ci/run`` installs
it, and on CI these tests never skip, see tests/browser.py).

Screenshots of the pages at phone and desktop widths, in Chinese and English, are written to
``tests/artifacts/html/`` (git-ignored; ``REPORTLINT_ARTIFACTS`` moves it): look at them when the
layout changes.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from browser import Browser, dump_dom, require_chromium
from clihelp import ROOT, run_cli
from test_html import HTML_FIXTURES, PAYLOADS, WRONG_TOTAL, Page

ARTIFACTS = Path(os.environ.get("REPORTLINT_ARTIFACTS") or ROOT / "tests" / "artifacts") / "html"
DEFECTS_2019 = HTML_FIXTURES / "defects-2019-pipe.md"
PHONE, DESKTOP = 390, 1280


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    with Browser() as b:
        yield b


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """name -> (page file, JSON findings of the same run): the bundled examples and defective reports,
    in Chinese and English."""
    out = tmp_path_factory.mktemp("pages")
    runs = {
        "examples": [str(ROOT / "examples")],
        "wrong-total-2021-html": [str(WRONG_TOTAL)],
        "defects-2019-pipe": [str(DEFECTS_2019)],
        "txt-counts-wrong": [str(ROOT / "tests" / "fixtures" / "txt" / "counts-wrong.md")],
        "escaping-payloads": [str(PAYLOADS)],
        "several": [str(ROOT / "examples"), str(HTML_FIXTURES), str(ROOT / "tests" / "fixtures" / "sum")],
    }
    made = {}
    for name, paths in runs.items():
        for lang in ("zh", "en"):
            page, found = out / f"{name}-{lang}.html", out / f"{name}-{lang}.json"
            proc = run_cli("check", *paths, "--no-cache", "--lang", lang, "--format", "json",
                           "--output-file", str(page), "--output-file", str(found), cwd=ROOT)
            assert proc.returncode in (0, 1), proc.stderr
            made[name, lang] = (page, json.loads(found.read_text(encoding="utf-8")))
    return made


FINDINGS_JS = """JSON.stringify([...document.querySelectorAll('li[data-code]')].map(li => ({
  path: li.closest('[data-path]').dataset.path, line: +li.dataset.line, column: +li.dataset.column,
  code: li.dataset.code, severity: li.dataset.severity,
  message: [...li.querySelectorAll('.msg')].map(m => m.innerText.trim()).join(' ')})))"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_shows_every_finding_of_the_json_output(browser, pages, lang):
    page, findings = pages["several", lang]
    browser.open(page.as_uri())
    shown = json.loads(browser.evaluate(FINDINGS_JS))
    expected = [{"path": d["path"], "line": d["line"], "column": d["column"], "code": d["code"],
                 "severity": d["severity"], "message": d["message"]} for d in findings if not d.get("suppressed")]
    assert len(expected) > 20
    key = lambda d: (d["path"], d["line"], d["column"], d["code"], d["message"])  # noqa: E731
    assert sorted(shown, key=key) == sorted(expected, key=key)


def _style(browser, selector_js: str) -> dict:
    return browser.evaluate(f"""(() => {{ const el = {selector_js}; if (!el) return null;
      const s = getComputedStyle(el); const r = el.getBoundingClientRect();
      return {{text: el.innerText, bg: s.backgroundColor, color: s.color, shadow: s.boxShadow, outline: s.outlineStyle,
               x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height}}; }})()""")


def test_the_culprit_of_a_wrong_total_is_marked_apart_from_its_neighbours(browser, pages):
    page, findings = pages["wrong-total-2021-html", "zh"]
    assert any(d["code"] == "SUM005" for d in findings)
    browser.open(page.as_uri(), width=DESKTOP)
    assert browser.evaluate("document.querySelectorAll('td.culprit').length") == 1
    browser.evaluate("document.querySelector('td.culprit').scrollIntoView({block: 'center'})")
    culprit = _style(browser, "document.querySelector('td.culprit')")
    assert culprit["text"].startswith("1298")
    # the cells around it, found where they are drawn: left, right, above and below
    neighbours = {}
    for name, (dx, dy) in {"left": (-1, 0), "right": (1, 0), "above": (0, -1), "below": (0, 1)}.items():
        x = culprit["x"] + dx * (culprit["w"] / 2 + 6)
        y = culprit["y"] + dy * (culprit["h"] / 2 + 6)
        neighbours[name] = _style(browser, f"document.elementFromPoint({x}, {y}).closest('td,th')")
    for name, n in neighbours.items():
        assert n is not None, name
        assert (n["bg"], n["color"]) != (culprit["bg"], culprit["color"]), (name, n, culprit)
    assert neighbours["right"]["text"].strip() == "21"
    # the totals it breaks are marked as errors, and differently from the culprit
    totals = json.loads(browser.evaluate(
        "JSON.stringify([...document.querySelectorAll('td.sev-error:not(.culprit)')].map(td => "
        "[td.innerText, getComputedStyle(td).backgroundColor]))"))
    assert {t.split()[0] for t, _ in totals} >= {"1362", "2932"}
    assert all(bg != culprit["bg"] for _, bg in totals)
    # and its tooltip says what to write instead
    assert "1288" in browser.evaluate("document.querySelector('td.culprit').title")


def test_a_report_with_scripts_runs_none(browser, pages):
    page, findings = pages["escaping-payloads", "en"]
    assert findings  # the payloads sit in findings' messages, quotes and cells
    browser.open(page.as_uri())
    assert browser.evaluate("document.body.dataset.pwned === undefined") is True
    assert browser.evaluate("document.title").startswith("Report check results")
    assert browser.evaluate("document.querySelectorAll('script,img,iframe,object,embed').length") == 0
    assert browser.evaluate("[...document.querySelectorAll('*')].some(e => "
                            "[...e.attributes].some(a => a.name.startsWith('on')))") is False
    text = browser.evaluate("document.body.textContent")
    assert "<script>document.body.dataset.pwned='cell'</script>" in text
    assert "<script>document.body.dataset.pwned='script'</script>" in text
    assert '"A&B"' in text
    # the DOM Chromium dumps after load has no payload element either
    dom = Page(dump_dom(page.as_uri()))
    assert not any(t in ("script", "img") for t, _ in dom.elements)
    assert not any(k.startswith("on") or k == "data-pwned" for _, a in dom.elements for k in a)


def test_the_language_switches_without_a_script(browser, pages):
    page, _ = pages["wrong-total-2021-html", "zh"]
    browser.open(page.as_uri())
    shown = "getComputedStyle(document.querySelector('.verdict .l-{}')).display"
    assert browser.evaluate(shown.format("zh")) != "none" and browser.evaluate(shown.format("en")) == "none"
    browser.evaluate("document.querySelector('label[for=lang-en]').click()")  # what a tap does
    assert browser.evaluate(shown.format("zh")) == "none" and browser.evaluate(shown.format("en")) != "none"
    assert "Changes needed" in browser.evaluate("document.querySelector('.verdict').innerText")


def test_on_a_phone_only_the_tables_scroll_sideways(browser, pages):
    page, _ = pages["wrong-total-2021-html", "zh"]
    browser.open(page.as_uri(), width=PHONE, mobile=True)
    assert browser.evaluate("document.documentElement.scrollWidth") <= PHONE
    scrolling = browser.evaluate("[...document.querySelectorAll('.scroll')].filter(s => "
                                 "s.scrollWidth > s.clientWidth + 1).length")
    assert scrolling >= 1  # 表三 is wider than a phone: it scrolls inside its box


def test_print_stylesheet(browser, pages):
    page, _ = pages["wrong-total-2021-html", "en"]
    browser.open(page.as_uri())
    browser.send("Emulation.setEmulatedMedia", media="print")
    try:
        assert browser.evaluate("getComputedStyle(document.querySelector('.langs')).display") == "none"
        assert browser.evaluate("getComputedStyle(document.querySelector('.scroll')).overflowX") == "visible"
        pdf = browser.send("Page.printToPDF", printBackground=True)["data"]
    finally:
        browser.send("Emulation.setEmulatedMedia", media="")
    import base64

    data = base64.b64decode(pdf)
    assert data.startswith(b"%PDF")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "wrong-total-2021-html-en-print.pdf").write_bytes(data)


SHOTS = ["examples", "wrong-total-2021-html", "defects-2019-pipe", "txt-counts-wrong", "escaping-payloads"]


@pytest.mark.parametrize("name", SHOTS)
def test_screenshots_at_phone_and_desktop_widths(browser, pages, name):
    for lang in ("zh", "en"):
        page, _ = pages[name, lang]
        browser.open(page.as_uri())
        for width in (PHONE, DESKTOP):
            path = browser.screenshot(ARTIFACTS / f"{name}-{lang}-{width}.png", width, mobile=width == PHONE)
            data = path.read_bytes()
            assert data.startswith(b"\x89PNG") and len(data) > 10_000, path
            # nothing but the tables' own boxes is wider than the screen
            assert browser.evaluate("document.documentElement.scrollWidth") <= width, (name, lang, width)
            wide = browser.evaluate("[...document.querySelectorAll('.page *')].filter(e => "
                                    "!e.closest('.scroll') && e.getBoundingClientRect().right > "
                                    "document.documentElement.clientWidth + 1).map(e => e.className || e.tagName)")
            assert wide == [], (name, lang, width, wide[:5])
        shutil.copy(page, ARTIFACTS / page.name)  # the page itself, next to its pictures
