"""The text helpers that replace regular expressions (compiling those cost every run milliseconds)
answer exactly what the regular expressions did: every string over an alphabet of the characters
that matter, up to a length, and random longer ones."""
import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.text import (
    QUOTE_MARKS, _numbering_end, all_ideographs, count_ideographs, drop_chars, label_key, leading_numbering,
    strip_numbering)

# what the helpers replaced
LEADING_NUMBERING = re.compile(
    r"^(?:"
    r"第[零一二三四五六七八九十百两〇\d]+[部分章节项条]*[、.:：]?"
    r"|[零一二三四五六七八九十百两〇]+[、.:：]"
    r"|\([零一二三四五六七八九十百两〇\d]+\)[、.:：]?"
    r"|\d+(?:\.\d+)*[、.:：)]?(?!\d)"
    r")"
)
NUM_SEP = re.compile(r"^(\d+)[、.,，:：]")
QUOTES = re.compile("[\"'“”‘’「」『』„‟]+")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

# first characters of every alternative, what follows them, and what looks like it: ASCII and
# other decimal digits (٣ ３), digits that are not decimal (² 〇 is a numeral, not a digit), 千 (a
# numeral that numbering does not use), the separators and brackets
NUMBERING_ALPHABET = "第一十〇千1٣３²部项.、:：,，)(x"
CJK_EDGES = "\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000a \n"


def _all_strings(alphabet: str, longest: int):
    for n in range(longest + 1):
        for chars in itertools.product(alphabet, repeat=n):
            yield "".join(chars)


def test_the_leading_numbering_is_what_the_regular_expression_matched():
    count = 0
    for s in _all_strings(NUMBERING_ALPHABET, 4):
        m = LEADING_NUMBERING.match(s)
        assert _numbering_end(s) == (m.end() if m else 0), s
        count += bool(m)
    assert count > 10000  # the alphabet reaches every alternative


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=NUMBERING_ALPHABET + "二百两节分章条中", max_size=14))
def test_longer_numberings_agree_too(s):
    m = LEADING_NUMBERING.match(s)
    assert strip_numbering.__wrapped__(s) == LEADING_NUMBERING.sub("", s, count=1)
    assert _numbering_end(s) == (m.end() if m else 0)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=NUMBERING_ALPHABET + QUOTE_MARKS + "、 \u200b", max_size=10))
def test_label_keys_are_what_the_regular_expressions_made(s):
    from reportlint.text import compact

    want = NUM_SEP.sub(r"\1.", QUOTES.sub("", compact(s)))
    assert label_key.__wrapped__(s) == want
    m = LEADING_NUMBERING.match(want)
    assert leading_numbering.__wrapped__(s) == (m.group(0) if m else "")


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=QUOTE_MARKS + "x“中\n", max_size=12))
def test_dropping_characters_is_removing_every_run_of_them(s):
    assert drop_chars(s, QUOTE_MARKS) == QUOTES.sub("", s)


def test_ideographs_are_the_two_blocks_exactly():
    for s in _all_strings(CJK_EDGES, 3):
        assert count_ideographs(s) == len(CJK.findall(s)), s
        assert all_ideographs(s) == bool(re.fullmatch(r"[\u3400-\u4dbf\u4e00-\u9fff]+", s)), s
    assert count_ideographs("第1部分 主动公开") == 7


LONG_CJK = re.compile(r"(?:[^\u3400-\u4dbf\u4e00-\u9fff]*[\u3400-\u4dbf\u4e00-\u9fff]){41}")


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=CJK_EDGES, min_size=30, max_size=80))
def test_more_than_40_ideographs_is_what_the_regular_expression_found(s):
    assert (count_ideographs(s) > 40) == bool(LONG_CJK.match(s))


def test_sentences_are_split_where_they_were():
    from reportlint.sentences import _SENTENCE

    before = re.compile(r"[^。！？；!?;]+(?:[。！？；!?;]+[”’」』）)】]*)?|[。！？；!?;]+[”’」』）)】]*")
    for s in _all_strings("。!;”)】x\n", 6):
        assert [m.span() for m in _SENTENCE.finditer(s)] == [m.span() for m in before.finditer(s)], s


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000\u200b\u200c\u200d\u2060"
                        "\ufeff\u00ad\u180ea中１", max_size=10))
def test_compact_removes_what_the_regular_expression_removed(s):
    from reportlint.text import compact, nfkc

    assert compact.__wrapped__(s) == re.sub(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+", "", nfkc(s))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="一二三四收到申请件公开0 1", max_size=12), st.text(alphabet="一二三四收到申请件公开0 1", max_size=12),
       st.sampled_from([0.0, 0.6, 0.8, 1.0]), st.booleans())
def test_similarity_is_sequencematchers_ratio_where_it_can_reach_the_threshold(a, b, at_least, autojunk):
    from difflib import SequenceMatcher

    from reportlint.text import similarity

    ratio = SequenceMatcher(None, a, b, autojunk=autojunk).ratio()
    got = similarity(a, b, at_least, autojunk=autojunk)
    assert (got >= at_least) == (ratio >= at_least)
    if ratio >= at_least:
        assert got == ratio
    else:
        assert got >= ratio  # an upper bound, below the threshold
