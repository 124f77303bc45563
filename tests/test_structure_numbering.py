"""structure.numbering_style finds the numbering a title starts with as the regular expressions
it replaced did (compiling them cost every run ~0.6 ms): every string over an alphabet of the
characters that matter, up to a length, and random longer ones."""
import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.structure import numbering_of, numbering_style

_CN = "零一二三四五六七八九十百两〇"
STYLES = (
    (0, re.compile(rf"^第([{_CN}\d]+)[部分章节]*[、.:：]?")),
    (1, re.compile(rf"^([{_CN}]+)[、.:：]")),
    (2, re.compile(rf"^\(([{_CN}]+)\)[、.:：]?")),
    (3, re.compile(r"^(\d{1,2})(?:[.:：](?!\d)|(?=[^\d.)]))")),
    (4, re.compile(r"^\(?(\d{1,2})\)")),
)
# the first characters of each style, what follows them, and what looks like it: decimal digits
# that are not ASCII (٣ ３), a digit that is not decimal (²), a numeral that numbering does not use (千)
ALPHABET = "第一〇千1٣２²部章项.、:：,)(x"


def expected(key):
    for rank, rx in STYLES:
        m = rx.match(key)
        if m:
            return rank, m.group(1), m.group(0)
    return None


def test_every_short_string_gets_the_numbering_the_regular_expressions_found():
    found = set()
    for n in range(6):
        for chars in itertools.product(ALPHABET, repeat=n) if n < 5 else ():
            key = "".join(chars)
            want = expected(key)
            assert numbering_style(key) == want, key
            found.add(want[0] if want else None)
    assert found == {0, 1, 2, 3, 4, None}


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=ALPHABET + "二十节分中", max_size=12))
def test_longer_strings_agree_too(key):
    assert numbering_style(key) == expected(key)


def test_numbering_of_titles():
    assert numbering_of("三、收到和处理政府信息公开申请情况").shown == "三"
    assert numbering_of("（二）主动公开").shown == "（二）"
    assert numbering_of("第二部分 概述").value == 2
    assert numbering_of("12. 其他").rank == 3
    assert numbering_of("2.1 细则") is None
