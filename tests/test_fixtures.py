"""Every Markdown fixture under tests/fixtures/ is linted and compared with the expectations
written at its end (see tests/expectations.py)."""
from pathlib import Path

import pytest

from expectations import check_fixture

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ALL = sorted(FIXTURES.rglob("*.md"))


@pytest.mark.parametrize("path", ALL, ids=[str(p.relative_to(FIXTURES)) for p in ALL])
def test_fixture(path):
    check_fixture(path)
