"""Proving that data is valid against a simple JSON Schema, without importing jsonschema.

Importing jsonschema costs ~80 ms, more than linting a report; an editor lints on every
keystroke, and nearly every front matter and configuration file is valid. ``certainly_valid``
answers True only when it can prove validity with the keywords it knows (a subset of draft
2020-12 with jsonschema's semantics); anything else — an unknown keyword, a float where an
integer is expected, a failing check — answers False, and the caller validates with jsonschema,
which alone produces the findings. So a False is never a finding, and a True is always right.
"""
from __future__ import annotations

import re
from typing import Any, Callable

_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "$defs",
                "definitions", "deprecated", "readOnly", "writeOnly"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


class _Unknown(Exception):
    pass


def certainly_valid(schema: Any, instance: Any) -> bool:
    try:
        return _compiled(schema)(instance)
    except (_Unknown, RecursionError, TypeError, ValueError, KeyError):
        return False


# --------------------------------------------------------------------------- compiled checks
#
# A schema is turned once into nested functions, one per schema object, that do what ``_valid``
# does (the same checks in the same order, the same exceptions), without looking up every
# keyword of every schema object again for each value: a profile (~5,500 values) is checked in
# a third of the time. Whatever is unusual about a keyword's argument is left to ``_check_key``,
# the interpreter below, at the time the value is checked, exactly as before.

_COMPILED: dict[int, tuple[Any, Callable[[Any], bool]]] = {}


def _compiled(schema: Any) -> Callable[[Any], bool]:
    hit = _COMPILED.get(id(schema))
    if hit is None or hit[0] is not schema:
        if len(_COMPILED) >= 64:
            _COMPILED.clear()
        hit = _COMPILED[id(schema)] = (schema, _Compiler(schema).node(schema))
    return hit[1]


def _true(value: Any) -> bool:
    return True


def _false(value: Any) -> bool:
    return False


def _unknown(value: Any) -> bool:
    raise _Unknown


def _number(v: Any) -> bool:
    return type(v) is int or type(v) is float


class _Compiler:
    def __init__(self, root: Any) -> None:
        self.root = root
        self.refs: dict[str, Callable[[Any], bool]] = {}

    def node(self, schema: Any) -> Callable[[Any], bool]:
        if schema is True:
            return _true
        if schema is False or not isinstance(schema, dict):
            return _false
        checks = []
        for key, arg in schema.items():
            if key in _ANNOTATIONS or key.startswith("x-"):
                continue
            try:
                checks.append(self.keyword(schema, key, arg))
            except Exception:  # noqa: BLE001 - anything odd: checked as the interpreter would
                checks.append(self.generic(schema, key, arg))
        if not checks:
            return _true
        if len(checks) == 1:
            return checks[0]
        checks_t = tuple(checks)

        def all_of(v: Any) -> bool:
            for check in checks_t:
                if not check(v):
                    return False
            return True
        return all_of

    def generic(self, schema: dict, key: str, arg: Any) -> Callable[[Any], bool]:
        root = self.root
        return lambda v: _check_key(schema, key, arg, v, root)

    def keyword(self, schema: dict, key: str, arg: Any) -> Callable[[Any], bool]:  # noqa: C901 - one case per keyword
        if key == "$ref":
            if not isinstance(arg, str) or not arg.startswith("#/"):
                return _unknown
            return self.ref(arg)
        if key == "type":
            names = [arg] if isinstance(arg, str) else list(arg)
            if not names or not all(type(n) is str and n in _TYPES for n in names):
                return self.generic(schema, key, arg)
            if len(names) == 1:
                return _TYPES[names[0]]
            funcs = tuple(_TYPES[n] for n in names)
            return lambda v: any(f(v) for f in funcs)
        if key in ("enum", "const"):
            options = list(arg) if key == "enum" else [arg]
            if type(arg) is not list and key == "enum" or any(isinstance(o, (dict, list)) for o in options):
                return self.generic(schema, key, arg)

            def one_of_these(v: Any) -> bool:
                if isinstance(v, (dict, list)):
                    if options:
                        raise _Unknown
                    return False
                t = type(v)
                return any(type(o) is t and o == v for o in options)
            return one_of_these
        if key in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
                   "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            if not _number(arg):
                return self.generic(schema, key, arg)
            if key in ("minLength", "maxLength"):
                if key == "minLength":
                    return lambda v: not (isinstance(v, str) and len(v) < arg)
                return lambda v: not (isinstance(v, str) and len(v) > arg)
            if key in ("minItems", "maxItems"):
                if key == "minItems":
                    return lambda v: not (isinstance(v, list) and len(v) < arg)
                return lambda v: not (isinstance(v, list) and len(v) > arg)
            if key in ("minProperties", "maxProperties"):
                if key == "minProperties":
                    return lambda v: not (isinstance(v, dict) and len(v) < arg)
                return lambda v: not (isinstance(v, dict) and len(v) > arg)
            return self.generic(schema, key, arg)  # numbers: rare, as the interpreter does
        if key == "required":
            names = list(arg)
            return lambda v: not (isinstance(v, dict) and any(k not in v for k in names))
        if key == "properties":
            if not isinstance(arg, dict):
                return self.generic(schema, key, arg)
            props = tuple((k, self.node(sub)) for k, sub in arg.items())

            def properties(v: Any) -> bool:
                if isinstance(v, dict):
                    for k, check in props:
                        if k in v and not check(v[k]):
                            return False
                return True
            return properties
        if key == "additionalProperties":
            known = schema.get("properties", {})
            if not isinstance(known, dict):
                return self.generic(schema, key, arg)
            patterned = "patternProperties" in schema
            sub = self.node(arg)

            def additional(v: Any) -> bool:
                if isinstance(v, dict):
                    if patterned:
                        raise _Unknown
                    for k, x in v.items():
                        if k not in known and not sub(x):
                            return False
                return True
            return additional
        if key == "propertyNames":
            sub = self.node(arg)
            return lambda v: not (isinstance(v, dict) and not all(sub(k) for k in v))
        if key == "items":
            sub = self.node(arg)

            def items(v: Any) -> bool:
                if isinstance(v, list):
                    for x in v:
                        if not sub(x):
                            return False
                return True
            return items
        if key in ("oneOf", "anyOf"):
            subs = tuple(self.node(s) for s in arg)
            if key == "oneOf":
                return lambda v: sum(1 for f in subs if f(v)) == 1  # every branch: _Unknown anywhere is unknown
            return lambda v: sum(1 for f in subs if f(v)) != 0
        return self.generic(schema, key, arg)  # format, pattern and anything unknown

    def ref(self, arg: str) -> Callable[[Any], bool]:
        def ref(v: Any) -> bool:
            check = self.refs.get(arg)
            if check is None:
                target: Any = self.root
                for part in arg[2:].split("/"):
                    target = target[part.replace("~1", "/").replace("~0", "~")]
                check = self.refs[arg] = self.node(target)
            return check(v)
        return ref


# --------------------------------------------------------------------------- the interpreter


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        raise _Unknown  # jsonschema's deep equality: leave it to jsonschema
    return type(a) is type(b) and a == b


def _valid(schema: Any, value: Any, root: dict) -> bool:
    if schema is True:
        return True
    if schema is False or not isinstance(schema, dict):
        return False
    for key, arg in schema.items():
        if key in _ANNOTATIONS or key.startswith("x-"):
            continue
        if not _check_key(schema, key, arg, value, root):
            return False
    return True


def _check_key(schema: dict, key: str, arg: Any, value: Any, root: dict) -> bool:  # noqa: C901
    """One keyword of ``schema`` (``arg``: its argument) applied to ``value``."""
    if key == "$ref":
        if not isinstance(arg, str) or not arg.startswith("#/"):
            raise _Unknown
        target: Any = root
        for part in arg[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        if not _valid(target, value, root):
            return False
    elif key == "type":
        names = [arg] if isinstance(arg, str) else arg
        if not any(_TYPES[n](value) for n in names):
            return False
    elif key == "enum":
        if not any(_same(value, option) for option in arg):
            return False
    elif key == "const":
        if not _same(value, arg):
            return False
    elif key in ("minLength", "maxLength"):
        if isinstance(value, str) and (len(value) < arg if key == "minLength" else len(value) > arg):
            return False
    elif key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            ok = {"minimum": value >= arg, "maximum": value <= arg, "exclusiveMinimum": value > arg,
                  "exclusiveMaximum": value < arg}[key]
            if not ok:
                return False
    elif key == "format" and arg == "regex":
        if isinstance(value, str):
            try:
                re.compile(value)
            except re.error:
                return False
    elif key == "format":
        if arg != "date":
            raise _Unknown
        if isinstance(value, str):
            import datetime

            if not _DATE.match(value):
                return False
            datetime.date.fromisoformat(value)  # ValueError: not certain
    elif key == "pattern":
        if isinstance(value, str) and not re.search(arg, value):
            return False
    elif key == "required":
        if isinstance(value, dict) and any(k not in value for k in arg):
            return False
    elif key == "properties":
        if isinstance(value, dict):
            for k, sub in arg.items():
                if k in value and not _valid(sub, value[k], root):
                    return False
    elif key == "additionalProperties":
        if isinstance(value, dict):
            known = schema.get("properties", {})
            if "patternProperties" in schema:
                raise _Unknown
            for k, v in value.items():
                if k not in known and not _valid(arg, v, root):
                    return False
    elif key == "propertyNames":
        if isinstance(value, dict) and not all(_valid(arg, k, root) for k in value):
            return False
    elif key == "items":
        if isinstance(value, list) and not all(_valid(arg, v, root) for v in value):
            return False
    elif key in ("minProperties", "maxProperties"):
        if isinstance(value, dict) and (len(value) < arg if key == "minProperties" else len(value) > arg):
            return False
    elif key in ("oneOf", "anyOf"):
        passed = sum(1 for sub in arg if _valid(sub, value, root))  # every branch: _Unknown anywhere is unknown
        if passed != 1 if key == "oneOf" else passed == 0:
            return False
    elif key in ("minItems", "maxItems"):
        if isinstance(value, list) and (len(value) < arg if key == "minItems" else len(value) > arg):
            return False
    else:
        raise _Unknown
    return True
