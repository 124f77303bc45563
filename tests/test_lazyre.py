"""lazyre: a pattern compiled on first use answers exactly as the compiled pattern, and one that
skips texts without its needed words is not compiled for them. ``needed_words`` is checked on
every pattern of the built-in profile: every match of strings made to match it holds a word."""
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.lazyre import LazyPattern, needed_words
from reportlint.profile import load_profile
from reportlint.prose import vocabulary

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = ROOT / "schemas" / "profiles" / "gov-info-disclosure.yaml"


def profile_patterns() -> list[str]:
    """Every pattern of the built-in profile's prose vocabulary, as compiled (word lists expanded)."""
    made = []

    class Recorder(LazyPattern):
        def __init__(self, pattern, *args, **kwargs):
            super().__init__(pattern, *args, **kwargs)
            made.append(pattern)

    saved = vocabulary.LazyPattern
    vocabulary.LazyPattern = Recorder
    try:
        vocabulary.compile_vocabulary(load_profile(BUILTIN).prose, lazy=True)
    finally:
        vocabulary.LazyPattern = saved
    return sorted(set(made))


PATTERNS = profile_patterns()


@pytest.mark.parametrize("pattern, groups", [
    ("复议机关", [{"复议机关"}]),
    ("(?:复议|诉讼|起诉)", [{"复议", "诉讼", "起诉"}]),
    (r"(?<!\d)(\d{4})年", [{"年"}]),
    ("^(在|从)?.{0,12}(中|当中)$", [{"中", "当中"}]),
    ("x+yz", [{"xyz"}]),  # a repeated character still precedes what follows it
    ("ab?c", [{"a"}, {"c"}]),
    ("ab{0,2}cd", [{"cd"}, {"a"}]),
    ("ab{2}c", [{"bc"}, {"a"}]),
    (r"\.com|\(x\)", [{".com", "(x)"}]),
    ("(?P<n>ab)c", [{"ab"}, {"c"}]),
    ("(?P<pre>共约|超过)?(?P<x>约)", [{"约"}]),
    ("[]a]bc", [{"bc"}]),
    (r"[a\]]bc", [{"bc"}]),
    ("(?=abc)d", [{"d"}]),  # a look-ahead needs nothing
    ("(?!ab)cd(?<=d)", [{"cd"}]),
    ("(收到|受理)了?申请", [{"申请"}, {"收到", "受理"}]),
    ("a(bc|d(e|f)gh)ij", [{"ij"}, {"bc", "gh"}, {"a"}]),  # of each alternative its most telling group
    ("(a)(b)(c)(d)", [{"a"}, {"b"}, {"c"}]),  # at most GROUPS
])
def test_needed_words(pattern, groups):
    assert [set(g) for g in needed_words(pattern)] == groups


@pytest.mark.parametrize("pattern", [
    "", "了?", "a|", "(a|)", "a*", "(?:ab)?", r"\d+", "[abc]", ".", "^$",
    "a{", "a]", "a}", "ab)", "(", r"\x41b", r"\u4e00", r"\N{DIGIT ONE}", r"(a)\1", "(?P<x>a)(?P=x)",
    "(?i)ab", "(?i:ab)", "(?x)a b", "(?#note)ab", "(?>ab)", "(?(1)a|b)", "*a",
])
def test_what_it_cannot_tell_needs_nothing(pattern):
    assert needed_words(pattern) is None


def test_every_profile_pattern_is_understood():
    assert len(PATTERNS) > 100
    unknown = [p for p in PATTERNS if needed_words(p) is None]
    assert len(unknown) <= len(PATTERNS) // 10, unknown


@pytest.mark.parametrize("pattern", PATTERNS + [
    "ab?c", "x+yz", "ab{2}c", "ab{0,2}cd", "(?:收到|受理)了?(申请)?(件|份)", "(a|bc)+d", r"\(?(一|二)\)?、"])
def test_every_match_holds_a_needed_word(pattern):
    groups = needed_words(pattern)
    if groups is None:
        return
    rx = re.compile(pattern)

    @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern))
    def check(text):
        for m in rx.finditer(text):
            assert all(any(w in m.group() for w in g) for g in groups), (text, m.group(), groups)

    check()


def _texts():
    texts = []
    for path in sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.md"))[:8]:
        text = path.read_text(encoding="utf-8")
        texts += [line for line in text.splitlines() if len(line) > 20][:60]
    return texts


def _answers(rx, text, pos, endpos):
    return (
        [m.span() for m in [rx.search(text, pos, endpos)] if m],
        [m.span() for m in [rx.match(text, pos, endpos)] if m],
        [m.span() for m in [rx.fullmatch(text, pos, endpos)] if m],
        [(m.span(), m.groups()) for m in rx.finditer(text, pos, endpos)],
        rx.findall(text, pos, endpos),
        rx.sub("#", text), rx.sub(lambda m: "<" + m.group() + ">", text, count=1),
    )


def test_a_lazy_pattern_answers_as_the_compiled_one():
    rng = random.Random(3)
    texts = _texts()
    for pattern in PATTERNS:
        rx = re.compile(pattern)
        for text in rng.sample(texts, 12):
            pos, endpos = rng.choice([(0, len(text)), (0, 10**9), (3, 30), (-5, 20), (10, -3), (40, 10)])
            re.purge()  # else re has it compiled, and the lazy pattern uses it at once (no skipping)
            lazy = LazyPattern(pattern, skip=True)
            assert _answers(lazy, text, pos, endpos) == _answers(rx, text, pos, endpos), (pattern, text, pos, endpos)


def test_texts_without_a_needed_word_compile_nothing(uncompiled):
    lazy = LazyPattern("(?:收到|受理)了?申请", skip=True)
    assert lazy.search("本年度共办结12件") is None
    assert lazy.search("本年度共办结申请12件") is None  # 收到 and 受理 missing
    assert lazy.sub("", "办结") == "办结" and list(lazy.finditer("办结")) == [] and lazy.findall("x") == []
    assert lazy.search("收到申请12件", 0, 3) is None  # the word is outside the part searched
    assert "search" not in vars(lazy)  # not compiled
    assert lazy.search("共收到申请12件").group() == "收到申请"
    assert vars(lazy)["search"] == lazy.compiled().search  # compiled once, its methods from now on
    assert lazy.groups == 0


def test_a_plain_lazy_pattern_compiles_on_first_use():
    lazy = LazyPattern(r"\d+", re.A)
    assert "search" not in vars(lazy)
    assert lazy.findall("a1b22") == ["1", "22"] and lazy.flags & re.A
    assert lazy.split("a1b") == ["a", "b"] and lazy.subn("", "a1") == ("a", 1)


@pytest.fixture
def uncompiled():
    """re's cache emptied: a pattern that re compiled already is used at once, not skipped."""
    re.purge()


def test_a_pattern_re_compiled_already_is_used_at_once_without_reading_its_words(monkeypatch):
    from reportlint import lazyre

    re.compile("(立案|受理)的复议案件")
    monkeypatch.setattr(lazyre, "needed_words", lambda p: pytest.fail("its words were read"))
    lazy = LazyPattern("(立案|受理)的复议案件", skip=True)
    assert lazy.search("x") is None and "search" in vars(lazy)
    assert lazy.search("已受理的复议案件").span() == (1, 8)


def test_a_pattern_asked_often_is_compiled(monkeypatch, uncompiled):
    from reportlint import lazyre

    monkeypatch.setattr(lazyre, "SKIPS", 3)
    lazy = LazyPattern("复议机关", skip=True)
    assert lazy.search("x") is None and lazy.match("y") is None
    assert "search" not in vars(lazy)
    assert lazy.search("z") is None
    assert "search" in vars(lazy)  # compiled: a long run goes straight to re


def test_a_derived_pattern_skips_on_the_same_words(uncompiled):
    base = LazyPattern("(均|全部)(已)?结案", skip=True)
    assert base.search("x") is None  # its words are known now
    quick = base.derived(lambda rx: re.compile(f"(?=[均全])(?:{rx.pattern})"))
    assert quick.search("y") is None and "search" not in vars(quick)
    assert quick.search("案件均已结案").span() == (2, 6) and quick.pattern == base.pattern
    assert quick.compiled().pattern.startswith("(?=[均全])")
