"""quickscan.quick: a pattern that re cannot skip through text with gets a look-ahead at its
possible first characters, and matches exactly where the original does."""
import random
import re

from reportlint.prose.quickscan import quick

PATTERNS = [
    r"(所有|全部)(的)?(申请|件)(均|都)?(办结|答复完毕)|(均|全部|都)(已|已经)(办结)|(已|已经)(全部|均)(办结)",
    r"(未发生|没有发生|(?<![并从])无(?!论|需)|没有)[^,;新]{0,20}(行政复议|行政诉讼)",
    r"(?:ab|c)+d",
    r"(a|bc)?d",
    r"(x(?=y)|z)[a-c]",
    r"(?<!a)b|(?<=c)d",
    r"((?:无|没有)(结转)?)+率",
]
ALPHABET = "所有全部的申请件均都办结答复完毕已经未发生没有并从无论需行政复议诉讼,;新abcdxyz"


def test_the_patterns_that_need_it_get_a_look_ahead():
    assert quick(re.compile(PATTERNS[0])).pattern.startswith("(?=[")
    assert quick(re.compile(PATTERNS[1])).pattern.startswith("(?=[")
    for plain in (r"(均|全部|都)(已)?(结案|审结)", r"无(结转)", r"\d+件", r"(a|b)?", r"[^a]b", r"(?i)(a|b)c"):
        rx = re.compile(plain)
        assert quick(rx) is rx  # re skips by itself, or nothing is known of the first character


def test_quick_patterns_match_exactly_where_the_originals_do():
    rng = random.Random(7)
    for p in PATTERNS:
        rx, fast = re.compile(p), quick(re.compile(p))
        for _ in range(3000):
            text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30)))
            want = [(m.span(), m.groups()) for m in rx.finditer(text)]
            got = [(m.span(), m.groups()) for m in fast.finditer(text)]
            assert got == want, (p, text)
