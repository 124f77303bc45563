"""Every Markdown fixture under tests/fixtures/ is linted and compared with the expectations
written at its end (see tests/expectations.py).

Two families are judged elsewhere: the real reports of fixtures/corpus/ by their reviewed lists
(tests/test_corpus_review.py; a corpus fixture that also carries an expect block is checked here
too), the traps of fixtures/corpus-traps/ by tests/test_corpus_traps.py, which marks the
ones still expected to fail, and the small repositories of fixtures/repo/ as a whole by
tests/test_repository_rules.py (their EXPECTED files)."""
from pathlib import Path

import pytest

from expectations import BLOCK, check_fixture

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _judged_here(path: Path) -> bool:
    if path.parent.name == "corpus-traps":
        return False
    if "repo" in path.relative_to(FIXTURES).parts[:1]:
        return False  # small repositories, checked as a whole (tests/test_repository_rules.py)
    if path.with_suffix(".findings").exists():
        return bool(BLOCK.search(path.read_text(encoding="utf-8")))
    return True


ALL = [p for p in sorted(FIXTURES.rglob("*.md")) if _judged_here(p)]


@pytest.mark.parametrize("path", ALL, ids=[str(p.relative_to(FIXTURES)) for p in ALL])
def test_fixture(path):
    check_fixture(path)
