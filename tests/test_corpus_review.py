"""The real reports are the judge: every finding on them is in a reviewed list, with its reason.

See tests/corpus_review.py for the format of the NAME.findings lists and how to update them. A
finding that appears or disappears without its list being updated fails here, and so does every
entry still waiting for a reviewer's reason (REASON NEEDED). Entries marked FALSE are findings
known to be wrong today (issue 12): they pass, and the fix that removes them removes their line.
"""
import functools

import pytest

import corpus_review as cr

FIXTURES = cr.fixtures()


@functools.lru_cache(maxsize=1)
def _found():
    return cr.lint_corpus(FIXTURES)


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_findings_match_the_reviewed_list(path):
    lst = cr.list_path(path)
    assert lst.exists(), f"{path.name} has no reviewed list {lst.name}: run python tests/corpus_review.py --update"
    review = cr.read_review(lst)
    new, gone = cr.diff(review, _found()[path])
    shown = "\n".join([f"  + {cr._describe(d)}" for d in new] + [f"  - {e.render()}" for e in gone])
    assert not new and not gone, (
        f"the findings on {path.name} differ from {lst.name} (+ not in the list, - no longer found):\n{shown}\n"
        "Read each new finding against the report; then run python tests/corpus_review.py --update "
        "and write its reason (or FALSE: why).")
    pending = [e.render() for e in review.entries if e.needs_reason]
    assert not pending, f"{lst.name}: findings nobody has reviewed yet:\n  " + "\n  ".join(pending)


def test_every_list_belongs_to_a_fixture():
    stray = [p.name for p in cr.CORPUS.glob("*" + cr.SUFFIX) if not p.with_suffix(".md").exists()]
    assert not stray, f"reviewed lists without a fixture: {stray}"


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_false_entries_say_why(path):
    for e in cr.read_review(cr.list_path(path)).entries:
        if e.false:
            assert len(e.reason) > len(cr.FALSE) + 10, f"{path.name}: {e.render()}: say why it is false"


def test_list_format_round_trips(tmp_path):
    src = tmp_path / "x.findings"
    src.write_text("# head\n\n3:1 FM003 error  no date\n1:4 SEC007 warning  FALSE: mentioned as 考核 (class 0)\n",
                   encoding="utf-8")
    review = cr.read_review(src)
    assert [e.key for e in review.entries] == [(3, 1, "FM003", "error"), (1, 4, "SEC007", "warning")]
    assert review.entries[1].false and not review.entries[0].false
    cr.write_review(review, "x.md")
    assert src.read_text(encoding="utf-8") == (
        "# head\n1:4 SEC007 warning  FALSE: mentioned as 考核 (class 0)\n3:1 FM003 error  no date\n")
    src.write_text("3:1 FM003 error\n", encoding="utf-8")
    with pytest.raises(ValueError, match="LINE:COL CODE SEVERITY"):
        cr.read_review(src)


class _D:
    def __init__(self, line, column, code, severity="warning"):
        self.line, self.column, self.code, self.severity = line, column, code, severity


def test_update_keeps_reasons_and_asks_for_new_ones(tmp_path):
    review = cr.Review(tmp_path / "x.findings", [], [
        cr.Entry(1, 4, "SEC007", "warning", "not mentioned"),
        cr.Entry(9, 3, "TBL006", "warning", "typo 行政止公开"),
        cr.Entry(20, 4, "SEC002", "error", "missing 五"),
        cr.Entry(20, 4, "SEC002", "error", "missing 六"),
    ])
    # SEC007 unchanged; TBL006 moved two lines down; one of the two SEC002 gone; a new TXT001
    diags = [_D(1, 4, "SEC007"), _D(11, 3, "TBL006"), _D(20, 4, "SEC002", "error"), _D(30, 5, "TXT001", "error")]
    new, gone = cr.diff(review, diags)
    assert [(d.line, d.code) for d in new] == [(11, "TBL006"), (30, "TXT001")]
    assert [e.reason for e in gone] == ["typo 行政止公开", "missing 五", "missing 六"]
    out, added, dropped = cr.updated(review, diags)
    reasons = {e.key: e.reason for e in out.entries}
    assert reasons[(1, 4, "SEC007", "warning")] == "not mentioned"
    assert reasons[(11, 3, "TBL006", "warning")] == "REASON NEEDED (was: 9:3 TBL006 warning  typo 行政止公开)"
    assert reasons[(20, 4, "SEC002", "error")].startswith("REASON NEEDED (was: 20:4 SEC002 error  missing 五)")
    assert reasons[(30, 5, "TXT001", "error")] == "REASON NEEDED"
    assert len(out.entries) == 4 and len(added) == 3 and len(dropped) == 3
    assert all(e.needs_reason for e in added)
