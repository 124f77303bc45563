"""Plain record classes: what ``@dataclass`` gives, without its cost at every start.

A ``@dataclass`` writes its methods (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, …) as
source text and compiles it with ``exec`` when the class is created: about 0.25 ms per class on
Python 3.11, some 25 ms of every ``reportlint check`` for the ~90 classes a check creates, which
is most of what separates a cold one-file run from its goal. A :class:`Record` writes its
``__init__`` in its own source, which Python compiles once into the ``.pyc``, and takes
``__repr__``, ``__eq__`` and ``__hash__`` from here, written once for every record::

    class Edit(Record, frozen=True):
        \"\"\"Replace the text in ``span`` with ``replacement``.\"\"\"

        __slots__ = ("span", "replacement")

        def __init__(self, span: Span, replacement: str) -> None:
            self.span = span
            self.replacement = replacement

The fields are the parameters of ``__init__``, in order (``_fields`` set in the class body names
them instead, when ``__init__`` takes other parameters). As with dataclasses, records compare
equal when they are of the same class and their fields are equal, and a record that compares by
value is not hashable unless it is declared ``frozen=True`` (its fields must then not be changed:
nothing enforces it). ``eq=False`` keeps identity comparison and hashing. ``__slots__`` is
optional; use it for records made by the thousand (it saves memory and attribute time).
:func:`replace` is :func:`dataclasses.replace` for records.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Any, TypeVar


def _no_fields(record: Any) -> tuple:
    return ()


class Record:
    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _key: Any = None

    def __init_subclass__(cls, *, frozen: bool = False, eq: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "_fields" not in cls.__dict__:
            code = cls.__init__.__code__
            cls._fields = code.co_varnames[1:code.co_argcount + code.co_kwonlyargcount]
        fields = cls._fields
        cls._key = staticmethod(attrgetter(*fields) if fields else _no_fields)
        if not eq:
            if "__eq__" not in cls.__dict__:
                cls.__eq__ = object.__eq__  # type: ignore[method-assign]
            if "__hash__" not in cls.__dict__:
                cls.__hash__ = object.__hash__  # type: ignore[method-assign]
        elif "__hash__" not in cls.__dict__:
            cls.__hash__ = Record._hash_fields if frozen else None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({fields})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key(self) == self._key(other)
        return NotImplemented

    def _hash_fields(self) -> int:
        return hash(self._key(self))


R = TypeVar("R", bound=Record)  # not bound="Record": a forward reference compiles its text (~1 ms)


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with ``changes`` to its fields (:func:`dataclasses.replace`)."""
    values = {name: getattr(record, name) for name in record._fields}
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(record).__qualname__} has no field {', '.join(sorted(unknown))}")
    values.update(changes)
    return type(record)(**values)
