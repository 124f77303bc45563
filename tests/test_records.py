"""Records (linter/records.py) behave as the dataclasses they replaced: fields from ``__init__``,
value equality, hashing only when frozen, identity with eq=False, replace, repr, pickling."""
from __future__ import annotations

import pickle

import pytest

from reportlint.api import Finding, Message, Span
from reportlint.diagnostics import Edit, Fix
from reportlint.records import Record, replace


class Point(Record, frozen=True):
    __slots__ = ("x", "y")

    def __init__(self, x: int, y: int = 0) -> None:
        self.x = x
        self.y = y


class Box(Record):
    def __init__(self, items: list | None = None) -> None:
        self.items = [] if items is None else items


class Node(Record, eq=False):
    def __init__(self, name: str) -> None:
        self.name = name


class Named(Record):
    _fields = ("name",)  # __init__ takes something else

    def __init__(self, first: str, last: str) -> None:
        self.name = f"{first} {last}"


def test_fields_are_the_parameters_of_init_in_order():
    assert Point._fields == ("x", "y")
    assert Box._fields == ("items",)
    assert Named._fields == ("name",)


def test_value_equality_of_the_same_class_only():
    assert Point(1, 2) == Point(1, 2)
    assert Point(1, 2) != Point(1, 3)
    assert Box([1]) == Box([1]) and Box() != Box([1])

    class OtherPoint(Point):
        pass

    assert Point(1, 2) != OtherPoint(1, 2)  # as a dataclass: same class only
    assert (Point(1, 2) == (1, 2)) is False


def test_frozen_records_hash_by_value_others_are_unhashable():
    assert hash(Point(1, 2)) == hash(Point(1, 2))
    assert len({Point(1, 2), Point(1, 2), Point(2, 1)}) == 2
    with pytest.raises(TypeError):
        hash(Box())


def test_eq_false_keeps_identity():
    a = Node("a")
    assert a == a and a != Node("a")
    assert len({a, Node("a")}) == 2


def test_replace_copies_with_changes_and_rejects_unknown_fields():
    p = Point(1, 2)
    assert replace(p, y=5) == Point(1, 5) and p == Point(1, 2)
    with pytest.raises(TypeError, match="no field z"):
        replace(p, z=1)


def test_repr_names_every_field():
    assert repr(Point(1, 2)) == "Point(x=1, y=2)"
    assert repr(Message("a", "甲")) == "Message(en='a', zh='甲')"


def test_slots_are_kept():
    with pytest.raises(AttributeError):
        Point(1).z = 3  # type: ignore[attr-defined]


def test_api_records_pickle_and_compare_as_before():
    span = Span(1, 1, 1, 4)
    fix = Fix((Edit(span, "x"),), Message("fix", "修正"), "unsafe")
    finding = Finding(span, Message("m", "消息"), fix=fix)
    assert finding.data == {} and finding.severity is None
    assert Finding(span, Message("m", "消息")).data is not Finding(span, Message("m", "消息")).data
    again = pickle.loads(pickle.dumps(finding))
    assert again == finding and again.fix == fix and hash(again.fix) == hash(fix)
    assert Finding(span=span, message=Message("m", "消息"), severity="warning").severity == "warning"
