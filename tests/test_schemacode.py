"""``linter/profilecheck.py`` is ``reportlint.quickschema`` written ahead of time for the profile
schema: it must be written from the schema as it is now, answer exactly as quickschema's
interpreter does, and the shortcuts it takes for patterns may only ever say "matches" when the
pattern matches."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from reportlint import profilecheck, quickschema, schemacode
from reportlint.profile import schema_dir

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "profile.schema.json"


def test_the_profile_checks_are_written_from_the_schema_as_it_is():
    raw = SCHEMA.read_bytes()
    written = schemacode.generate(json.loads(raw), raw, "profile.schema.json")
    assert (ROOT / "linter" / "profilecheck.py").read_text(encoding="utf-8") == written, (
        "schemas/profile.schema.json changed: python -m reportlint.schemacode schemas/profile.schema.json "
        "> linter/profilecheck.py")
    from reportlint.cache import digest

    assert profilecheck.SCHEMA_DIGEST == digest((schema_dir() / "profile.schema.json").read_bytes())


def _interpreted(schema, instance) -> bool:
    try:
        return quickschema._valid(schema, instance, schema)
    except (quickschema._Unknown, RecursionError, TypeError, ValueError, KeyError):
        return False


def _compile(schema) -> object:
    """The module schemacode writes for ``schema``, as a namespace (its imports are relative)."""
    namespace = {"__name__": "reportlint._written", "__package__": "reportlint"}
    exec(compile(schemacode.generate(schema, b"", "test"), "<written>", "exec"), namespace)  # noqa: S102 - test
    return namespace["certainly_valid"]


def test_the_profile_checks_answer_as_the_interpreter():
    from reportlint.profileload import _parse
    from test_quickschema import VALUES, broken_copies

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    rng = random.Random(5)
    proven = 0
    for path in sorted((schema_dir() / "profiles").glob("*.yaml")):
        _, data = _parse(path, path.read_text(encoding="utf-8"))
        assert profilecheck.certainly_valid(data)
        values = VALUES + ["a.b", "a.b.c", "1a", "_x", "a-b", "01-31", "02-29", "A"]
        for broken in broken_copies(data, rng, 400, values, depth=8, descend=0.75):
            assert profilecheck.certainly_valid(broken) == _interpreted(schema, broken)
            proven += profilecheck.certainly_valid(broken)
    assert proven > 50


def test_written_checks_answer_as_the_interpreter_on_any_schema():
    """Random schemas of every shape, with parts that cannot decide under oneOf/anyOf (see
    test_quickschema): the written module answers as the interpreter."""
    from test_quickschema import _random_schema, _random_value

    rng = random.Random(7)
    for _ in range(2500):
        root = _random_schema(rng)
        schema = {"$defs": {"leaf": {"type": "string", "maxLength": 1}}, **(root if isinstance(root, dict) else {})}
        try:
            check = _compile(schema)
        except schemacode.GenerationError:
            continue  # what quickschema leaves to jsonschema (a reference to nothing): not written
        for _ in range(12):
            value = _random_value(rng)
            assert check(value) == _interpreted(schema, value), (schema, value)


@pytest.mark.parametrize("pattern", sorted(quickschema._FAST_PATTERNS))
def test_pattern_shortcuts_only_say_matches_when_the_pattern_matches(pattern):
    fast = quickschema._FAST_PATTERNS[pattern]
    inline = quickschema._FAST_INLINE.get(pattern)
    rng = random.Random(pattern)
    alphabet = "aZz_09.-\n é1-2."
    samples = ["", "a", "_", "a.b", "a.b.c", "a..c", ".a", "a.", "1a", "a1", "A-b", "a-", "-a", "01-31", "02-29",
               "02-28", "13-01", "04-31", "00-10", "1-01", "ab\n", "é", "a.b.c.d", "a.1b.c"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 7))) for _ in range(20000)]
    samples += [f"{m:02d}-{d:02d}" for m in range(0, 14) for d in range(0, 33)]
    parts = ["a", "_", "a1", "1a", "", "é", "Z_", "a-b", "a\n"]
    samples += [".".join(rng.choice(parts) for _ in range(rng.randint(1, 4))) for _ in range(5000)]
    said = 0
    for s in samples:
        if fast(s):
            said += 1
            assert re.search(pattern, s), s
        if inline is not None:
            assert eval(inline.format(v="s")) == fast(s), s  # noqa: S307 - a test of the written expression
    assert said > 10
