"""prose.normal.normalise: the normalised text and its map back to the paragraph's offsets."""
import random
import unicodedata

from reportlint.diagnostics import Span
from reportlint.document import Paragraph
from reportlint.prose.normal import normalise


def _expected(text):
    """What normalise promises, one character at a time: NFKC, no whitespace (one space kept
    between two digits), no ``*`` or backtick, invisible characters dropped and remembered."""
    out, omap, hidden, pending = [], [], [], -1
    for i, ch in enumerate(text):
        if ch.isspace():
            pending = i if pending < 0 else pending
            continue
        if ch in "*`":
            continue
        if unicodedata.category(ch) == "Cf":
            if not hidden or hidden[-1] != len(out):
                hidden.append(len(out))
            continue
        for f in unicodedata.normalize("NFKC", ch):
            if f.isspace():
                continue
            if pending >= 0 and out and out[-1].isdigit() and f.isdigit():
                out.append(" ")
                omap.append(pending)
            pending = -1
            out.append(f)
            omap.append(i)
    return "".join(out), omap, hidden


def test_every_normalised_character_maps_to_its_source_offset():
    rng = random.Random(5)
    alphabet = ["中", "a", "1", "2", " ", "\n", "，", "*", "\u200b", "３", "（", "%", "\u202e", "件"]
    for n in [0, 1, 2, 3, 50, 1023, 1024, 1025, 3000, 70_000]:
        text = "".join(rng.choice(alphabet) for _ in range(n))
        nt = normalise(Paragraph(text, Span(1, 1, 1, 2), []))
        want_text, want_map, want_hidden = _expected(text)
        assert nt.text == want_text
        assert list(nt.omap) == want_map  # exactly one offset per normalised character
        assert nt.hidden == want_hidden
