"""Back-references that do not keep their target alive.

The document model points both ways: a section knows its parent, which lists it among its
children; a clause knows its sentence, which lists its clauses. Held strongly, each such pair is
a reference cycle, and everything reachable from it waits for the garbage collector instead of
being freed when the document is dropped. A :class:`backref` attribute holds its value through
a weak reference: the owner (the document, its prose analysis) keeps the target alive, the
back-reference only points at it. (A cell hit, built hundreds of times per report, holds a plain
``weakref.ref`` to its logical table instead: the descriptor's ``__set__`` costs more.)
"""
from __future__ import annotations

import weakref
from typing import Any


class backref:
    """An attribute kept as a weak reference; reads give the object, or None once it has been
    freed (or when None was stored).

    ``parent: "Section | None" = backref(default=None)`` in the class body (``default`` is
    what the class itself gives; an instance gives None until it is set)."""

    _NO_DEFAULT = object()

    def __init__(self, *, default: Any = _NO_DEFAULT) -> None:
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name + "_ref"

    def __get__(self, obj: Any, objtype: type | None = None) -> Any:
        if obj is None:
            # on the class: the default (AttributeError: no default)
            if self.default is backref._NO_DEFAULT:
                raise AttributeError(self.slot)
            return self.default
        ref = obj.__dict__.get(self.slot)
        return ref() if ref is not None else None

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.slot] = weakref.ref(value) if value is not None else None
