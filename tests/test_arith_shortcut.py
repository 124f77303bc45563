"""The relations that hold are found from the cells' values alone (arith._holds_on_values); that
shortcut must say exactly what evaluate says, for every shape a profile's relation may take: cells
of one table, cells of several tables, constants, missing cells and cells without a valid number."""
from __future__ import annotations

import random
from decimal import Decimal

from reportlint.arith import Cellref, _holds_on_values, _value_terms, evaluate
from reportlint.relations import build_relation, make_resolver

TABLES = {"a": (["r1", "r2", "r3"], ["c1", "c2"]), "b": (["r1", "r2"], ["c1"])}
RESOLVE = make_resolver(TABLES)
RELATIONS = [
    "a.r3.c1 == a.r1.c1 + a.r2.c1",
    "a.r3.* == a.r1.* - a.r2.*",
    "a.r1.c1 + b.r1.c1 == a.r2.c2",
    "a.r1.c1 <= 100 + a.r2.c1",
    "b.r2.c1 >= 0",
    "a.r1.c1 - a.r2.c1 + b.r2.c1 > a.r3.c2 - 2.5",
    "a.r1.* + a.r2.* + a.r3.* < b.r1.c1 + b.r2.c1",
]
CELLS = [(t, r, c) for t, (rows, cols) in TABLES.items() for r in rows for c in cols]


def test_the_shortcut_says_what_evaluate_says():
    rnd = random.Random(5)
    for n in range(3000):
        values = {}
        for key in CELLS:
            pick = rnd.random()
            if pick < 0.05:
                continue  # not in the report
            values[key] = None if pick < 0.1 else Decimal(rnd.choice(["0", "1", "2", "3", "7", "2.5", "-1", "100"]))

        def lookup(ref):
            key = (ref.table, ref.row, ref.col)
            if key not in values:
                return None
            return Cellref(values[key], "", "", "", None, None if values[key] is not None else "blank",
                           (False, *key))

        by_table = {}
        for (t, r, c), v in values.items():
            by_table.setdefault(t, {})[(r, c)] = v
        if n % 7 == 0:
            by_table.pop("b", None)  # a table that is not in the report
            for key in [k for k in values if k[0] == "b"]:
                del values[key]
        for i, text in enumerate(RELATIONS):
            relation = build_relation(f"x{i}", text, RESOLVE)
            holds = evaluate(relation, lookup).status == "holds"
            assert _holds_on_values(relation, _value_terms(relation), by_table) == holds, (text, values)
