"""``certainly_valid`` may only say True when jsonschema says valid (it exists to skip importing
jsonschema for the usual, valid front matter and configuration)."""
from __future__ import annotations

import json
import random

import jsonschema

from reportlint.profile import schema_dir
from reportlint.quickschema import certainly_valid

FRONT = json.loads((schema_dir() / "gov-info-disclosure.frontmatter.schema.json").read_text(encoding="utf-8"))
CONFIG = json.loads((schema_dir() / "config.schema.json").read_text(encoding="utf-8"))
GOOD_FRONT = {"profile": "gov-info-disclosure", "edition": "2021", "title": "某某局2024年政府信息公开工作年度报告",
              "organization": "某某局", "year": 2024, "level": "department", "published": "2025-01-20"}
VALUES = [None, True, False, 0, 1, -1, 2024, 2024.0, 2024.5, "", "2021", "2019", "2020", "x", "2025-01-20",
          "2025-13-45", "2025-1-2", "20250120", "２０２５-01-20", "government", "department", "township", "city",
          "gov-info-disclosure", [], ["SEC"], {}, {"a": 1}, 10 ** 9, "SEC001", "ALL", "reports/**", "error",
          "warning", {"select": ["SEC"]}, [1, 2], 5242880]


def agree(schema, instance):
    if certainly_valid(schema, instance):
        checker = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        assert not list(checker.iter_errors(instance)), instance


def test_valid_front_matter_is_proven_valid():
    assert certainly_valid(FRONT, GOOD_FRONT)
    assert certainly_valid(FRONT, {k: v for k, v in GOOD_FRONT.items() if k != "edition"})


def test_never_true_when_jsonschema_says_invalid_front_matter():
    rng = random.Random(0)
    keys = list(FRONT["properties"]) + ["author", "Year"]
    for _ in range(4000):
        inst = dict(GOOD_FRONT)
        for _ in range(rng.randint(1, 3)):
            k = rng.choice(keys)
            if rng.random() < 0.2:
                inst.pop(k, None)
            else:
                inst[k] = rng.choice(VALUES)
        agree(FRONT, inst)


def test_never_true_when_jsonschema_says_invalid_configuration():
    rng = random.Random(1)
    keys = list(CONFIG.get("properties", {}))
    assert certainly_valid(CONFIG, {"select": ["SEC", "TBL"], "ignore": ["SEC006"], "exclude": ["drafts/**"]})
    for _ in range(4000):
        inst = {}
        for _ in range(rng.randint(1, 4)):
            k = rng.choice(keys + ["selekt"])
            inst[k] = rng.choice(VALUES)
        agree(CONFIG, inst)


def _interpreted(schema, instance) -> bool:
    """What the interpreter (the keyword-by-keyword reading of the schema) says."""
    from reportlint import quickschema

    try:
        return quickschema._valid(schema, instance, schema)
    except (quickschema._Unknown, RecursionError, TypeError, ValueError, KeyError):
        return False


def broken_copies(data, rng, count, values, depth, descend):
    """``count`` copies of ``data`` with one value somewhere (up to ``depth`` levels down) replaced
    by one of ``values``."""
    out = []
    for _ in range(count):
        broken = json.loads(json.dumps(data))
        node = broken
        for _ in range(rng.randint(1, depth)):
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = rng.choice(keys)
            if isinstance(node[key], (dict, list)) and node[key] and rng.random() < descend:
                node = node[key]
                continue
            node[key] = rng.choice(values)
            break
        out.append(broken)
    return out


def test_the_compiled_checks_say_what_the_interpreter_says():
    """certainly_valid runs the schema compiled into functions; on front matter, configuration and
    profiles, valid and broken, it answers exactly as the keyword-by-keyword interpreter."""
    from reportlint.profileload import _parse

    profile_schema = json.loads((schema_dir() / "profile.schema.json").read_text(encoding="utf-8"))
    rng = random.Random(2)
    cases = []
    for path in sorted((schema_dir() / "profiles").glob("*.yaml")):
        _, data = _parse(path, path.read_text(encoding="utf-8"))
        cases.append((profile_schema, data))
        cases += [(profile_schema, broken) for broken in broken_copies(data, rng, 300, VALUES, depth=6, descend=0.7)]
    for _ in range(2000):
        inst = dict(GOOD_FRONT)
        inst[rng.choice(list(FRONT["properties"]) + ["x"])] = rng.choice(VALUES)
        cases.append((FRONT, inst))
        cases.append((CONFIG, {rng.choice(list(CONFIG.get("properties", {})) + ["y"]): rng.choice(VALUES)}))
    odd = {"type": ["string", "nonsense"], "enum": [{"a": 1}], "minLength": "3", "$ref": "#/missing",
           "format": "email", "pattern": "^a"}
    for key, arg in odd.items():
        for value in VALUES:
            cases.append(({key: arg}, value))
    assert sum(certainly_valid(s, i) for s, i in cases) > 100  # the valid ones are proven valid
    for schema, instance in cases:
        assert certainly_valid(schema, instance) == _interpreted(schema, instance), instance


def _random_schema(rng, depth=0):
    """A schema of the shapes the compiler checks in one function (objects, arrays, strings),
    with parts that cannot decide (an enum met with an object, an unknown format) and parts that
    fail, nested in oneOf/anyOf, where which of the two is met first changes the answer."""
    leaves = [{"type": "string"}, {"type": "string", "minLength": 2}, {"type": "string", "pattern": "^a"},
              {"type": "integer"}, {"enum": [1, "a"]}, {"type": "string", "format": "email"}, {"minLength": 1},
              {"type": ["string", "null"]}, True, False, {"$ref": "#/$defs/leaf"}, {"$ref": "#/$defs/nowhere"}]
    if depth >= 3 or rng.random() < 0.3:
        return rng.choice(leaves)
    kind = rng.choice(["object", "array", "oneOf", "anyOf", "all"])
    if kind == "object":
        s = {"type": "object"} if rng.random() < 0.7 else {}
        s["properties"] = {k: _random_schema(rng, depth + 1) for k in rng.sample("abcd", rng.randint(0, 3))}
        if rng.random() < 0.5:
            s["additionalProperties"] = rng.choice([False, True, _random_schema(rng, depth + 1)])
        if rng.random() < 0.3:
            s["required"] = rng.sample("abc", rng.randint(1, 2))
        if rng.random() < 0.2:
            s["minProperties"] = 1
        return s
    if kind == "array":
        s = {"type": "array", "items": _random_schema(rng, depth + 1)}
        if rng.random() < 0.3:
            s["minItems"] = 1
        return s
    if kind == "all":  # keywords of several shapes in one schema object
        return {"type": "object", "properties": {"a": _random_schema(rng, depth + 1)},
                "items": _random_schema(rng, depth + 1), "minLength": 1}
    return {kind: [_random_schema(rng, depth + 1) for _ in range(rng.randint(1, 3))]}


def _random_value(rng, depth=0):
    scalars = [None, True, 0, 1, 2.5, "", "a", "ab", "b", "x@y"]
    if depth >= 3 or rng.random() < 0.4:
        return rng.choice(scalars)
    if rng.random() < 0.5:
        return {k: _random_value(rng, depth + 1) for k in rng.sample("abcde", rng.randint(0, 4))}
    return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]


def test_compiled_shapes_answer_as_the_interpreter_where_order_matters():
    """Objects, arrays and strings are checked by one function each, in the value's order; under
    oneOf/anyOf a part that cannot decide and a part that fails may not be met in another order
    than the interpreter's, or a branch would count as failed where it is undecided."""
    rng = random.Random(3)
    proven = 0
    for _ in range(3000):
        root = _random_schema(rng)
        schema = {"$defs": {"leaf": {"type": "string", "maxLength": 1}}, **(root if isinstance(root, dict) else {})}
        for _ in range(5):
            value = _random_value(rng)
            assert certainly_valid(schema, value) == _interpreted(schema, value), (schema, value)
            proven += certainly_valid(schema, value)
    assert proven > 1000
