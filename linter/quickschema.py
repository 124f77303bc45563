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
# does, without looking up every keyword of every schema object again for each value; ``$ref`` is
# resolved once, when compiling. Whatever is unusual about a keyword's argument is left to
# ``_check_key``, the interpreter below, at the time the value is checked.
#
# The usual shapes (an object with known properties, an array of items, a string with a length or
# a pattern) become one function each, which checks the parts of a value in the value's order and
# stops at the first failure, where the interpreter goes keyword by keyword in the schema's order.
# The answer is the same — True when every check holds — except that a check that cannot decide
# (``_Unknown``, or anything else raised) may be met before or after one that fails. That matters
# only under ``oneOf``/``anyOf``, where a failing branch is counted and an undecided one makes
# the whole answer undecided: there (``exact``) the compiler knows which functions can raise, and
# a shape with a part that can is checked keyword by keyword in the schema's order.

_COMPILED: dict[int, tuple[Any, Callable[[Any], bool]]] = {}


def _compiled(schema: Any) -> Callable[[Any], bool]:
    hit = _COMPILED.get(id(schema))
    if hit is None or hit[0] is not schema:
        if len(_COMPILED) >= 64:
            _COMPILED.clear()
        hit = _COMPILED[id(schema)] = (schema, _Compiler(schema).node(schema, False)[0])
    return hit[1]


def _true(value: Any) -> bool:
    return True


def _false(value: Any) -> bool:
    return False


def _unknown(value: Any) -> bool:
    raise _Unknown


def _number(v: Any) -> bool:
    return type(v) is int or type(v) is float


def _is_str(v: Any) -> bool:
    return isinstance(v, str)


_TYPES["string"] = _is_str  # a named function: arrays of strings are checked without a call per item


# The patterns of the profile schema, each with a check of string methods that says True only for
# strings the pattern matches (a test tries them on many strings): valid data passes without the
# pattern ever being compiled (~0.1 ms each, a few ms for all at every start); any other string
# goes to the pattern itself.
def _identifier(v: str) -> bool:
    return v.isascii() and v.isidentifier()


def _dotted_name(v: str) -> bool:
    return v.isascii() and v[:1] != "." and v.replace(".", "_").isidentifier()


def _cell_name(v: str) -> bool:
    parts = v.split(".")
    return len(parts) == 3 and v.isascii() and parts[0].isidentifier() and parts[1].isidentifier() \
        and parts[2].isidentifier()


def _slug(v: str) -> bool:
    return v.isascii() and v[:1] != "-" and v.replace("-", "").isalnum() and v == v.lower()


def _month_day(v: str) -> bool:
    if len(v) != 5 or v[2] != "-" or not v.isascii() or not (v[:2].isdigit() and v[3:].isdigit()):
        return False
    month, day = int(v[:2]), int(v[3:])
    last = 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30 if month in (4, 6, 9, 11) else 28
    return 1 <= month <= 12 and 1 <= day <= last


_FAST_PATTERNS: dict[str, Callable[[str], bool]] = {
    "^[A-Za-z_][A-Za-z0-9_]*$": _identifier,
    "^[A-Za-z_][A-Za-z0-9_.]*$": _dotted_name,
    r"^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$": _cell_name,
    "^[a-z0-9][a-z0-9-]*$": _slug,
    "^(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))$": _month_day,
}


# the two checks above that are one expression, as ``reportlint.schemacode`` writes them inline
_FAST_INLINE = {
    "^[A-Za-z_][A-Za-z0-9_]*$": "({v}.isascii() and {v}.isidentifier())",
    "^[A-Za-z_][A-Za-z0-9_.]*$": "({v}.isascii() and {v}[:1] != '.' and {v}.replace('.', '_').isidentifier())",
}


def _searcher(pattern: str) -> Callable[[str], bool]:
    """``bool(re.search(pattern, v))`` for a string ``v``, compiling the pattern only when a
    string is not proven to match by the pattern's check of string methods."""
    fast = _FAST_PATTERNS.get(pattern)
    compiled: list = []

    def search(v: str) -> bool:
        if not compiled:
            compiled.append(re.compile(pattern).search)
        return compiled[0](v) is not None
    if fast is None:
        return search
    return lambda v: fast(v) or search(v)
_OBJECT_KEYS = frozenset(("type", "required", "properties", "additionalProperties", "minProperties",
                          "maxProperties"))
_ARRAY_KEYS = frozenset(("type", "items", "minItems", "maxItems"))
_STRING_KEYS = frozenset(("type", "minLength", "maxLength", "pattern"))

Check = Callable[[Any], bool]


class _Compiler:
    def __init__(self, root: Any) -> None:
        self.root = root
        self.refs: dict[tuple[str, bool], tuple[Check, bool]] = {}
        self._pending: set[tuple[str, bool]] = set()

    def node(self, schema: Any, exact: bool) -> tuple[Check, bool]:
        """The check of one schema object, and whether it can raise."""
        if schema is True:
            return _true, False
        if schema is False or not isinstance(schema, dict):
            return _false, False
        keys = [(key, arg) for key, arg in schema.items() if not (key in _ANNOTATIONS or key.startswith("x-"))]
        if not keys:
            return _true, False
        names = {key for key, _ in keys}
        shape = None
        if names <= _OBJECT_KEYS and schema.get("type", "object") == "object":
            shape = self.object
        elif names <= _ARRAY_KEYS and schema.get("type", "array") == "array":
            shape = self.array
        elif names <= _STRING_KEYS and schema.get("type", "string") == "string" and len(names) > 1:
            shape = self.string
        if shape is not None:
            try:
                fused = shape(schema, exact)
            except Exception:  # noqa: BLE001 - anything odd: checked keyword by keyword
                fused = None
            if fused is not None:
                return fused
        checks = []
        raises = False
        for key, arg in keys:
            try:
                check, r = self.keyword(schema, key, arg, exact)
            except Exception:  # noqa: BLE001 - anything odd: checked as the interpreter would
                check, r = self.generic(schema, key, arg)
            checks.append(check)
            raises = raises or r
        if len(checks) == 1:
            return checks[0], raises
        checks_t = tuple(checks)

        def all_of(v: Any) -> bool:
            for check in checks_t:
                if not check(v):
                    return False
            return True
        return all_of, raises

    # the usual shapes (None: checked keyword by keyword) ---------------------------------------
    def object(self, schema: dict, exact: bool) -> tuple[Check, bool] | None:
        typed = "type" in schema
        required = schema.get("required", [])
        props = schema.get("properties", {})
        lo = schema.get("minProperties", 0)
        hi = schema.get("maxProperties", None)
        if (type(required) is not list or not all(type(k) is str for k in required)
                or not isinstance(props, dict) or not _number(lo) or hi is not None and not _number(hi)):
            return None
        required_t = tuple(required)
        raises = False
        subs: dict[str, Check] = {}
        for k, sub in props.items():
            subs[k], r = self.node(sub, exact)
            raises = raises or r
        extra: Check | None = None
        if "additionalProperties" in schema:
            extra, r = self.node(schema["additionalProperties"], exact)
            raises = raises or r
        if raises and exact:
            return None
        if extra is None and not required_t and lo == 0 and hi is None and all(c is _true for c in subs.values()):
            return ((lambda v: isinstance(v, dict)) if typed else _true), False
        get = subs.get

        def obj(v: Any) -> bool:
            if not isinstance(v, dict):
                return not typed
            for k in required_t:
                if k not in v:
                    return False
            for k, x in v.items():
                check = get(k)
                if check is None:
                    if extra is not None and not extra(x):
                        return False
                elif not check(x):
                    return False
            return lo <= len(v) and (hi is None or len(v) <= hi)
        return obj, raises

    def array(self, schema: dict, exact: bool) -> tuple[Check, bool] | None:
        typed = "type" in schema
        lo = schema.get("minItems", 0)
        hi = schema.get("maxItems", None)
        if not _number(lo) or hi is not None and not _number(hi):
            return None
        item, raises = self.node(schema["items"], exact) if "items" in schema else (_true, False)
        if raises and exact:
            return None
        if item is _is_str:
            def strings(v: Any) -> bool:
                if not isinstance(v, list):
                    return not typed
                if len(v) < lo or hi is not None and len(v) > hi:
                    return False
                for x in v:
                    if not isinstance(x, str):
                        return False
                return True
            return strings, False

        def array(v: Any) -> bool:
            if not isinstance(v, list):
                return not typed
            if len(v) < lo or hi is not None and len(v) > hi:
                return False
            for x in v:
                if not item(x):
                    return False
            return True
        return array, raises

    def string(self, schema: dict, exact: bool) -> tuple[Check, bool] | None:
        typed = "type" in schema
        lo = schema.get("minLength", 0)
        hi = schema.get("maxLength", None)
        pattern = schema.get("pattern", "")
        if not _number(lo) or hi is not None and not _number(hi) or type(pattern) is not str:
            return None
        if pattern not in _FAST_PATTERNS:
            re.compile(pattern)  # not a pattern: checked keyword by keyword (as the interpreter does)
        search = _searcher(pattern) if pattern else None

        def string(v: Any) -> bool:
            if not isinstance(v, str):
                return not typed
            if len(v) < lo or hi is not None and len(v) > hi:
                return False
            return search is None or search(v)
        return string, False

    # one keyword at a time -------------------------------------------------------------------
    def generic(self, schema: dict, key: str, arg: Any) -> tuple[Check, bool]:
        root = self.root
        return (lambda v: _check_key(schema, key, arg, v, root)), True

    def keyword(self, schema: dict, key: str, arg: Any, exact: bool) -> tuple[Check, bool]:  # noqa: C901
        if key == "$ref":
            if not isinstance(arg, str) or not arg.startswith("#/"):
                return _unknown, True
            return self.ref(arg, exact)
        if key == "type":
            names = [arg] if isinstance(arg, str) else list(arg)
            if not names or not all(type(n) is str and n in _TYPES for n in names):
                return self.generic(schema, key, arg)
            if len(names) == 1:
                return _TYPES[names[0]], False
            funcs = tuple(_TYPES[n] for n in names)
            return (lambda v: any(f(v) for f in funcs)), False
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
            return one_of_these, bool(options)
        if key in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
                   "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            if not _number(arg):
                return self.generic(schema, key, arg)
            if key in ("minLength", "maxLength"):
                if key == "minLength":
                    return (lambda v: not (isinstance(v, str) and len(v) < arg)), False
                return (lambda v: not (isinstance(v, str) and len(v) > arg)), False
            if key in ("minItems", "maxItems"):
                if key == "minItems":
                    return (lambda v: not (isinstance(v, list) and len(v) < arg)), False
                return (lambda v: not (isinstance(v, list) and len(v) > arg)), False
            if key in ("minProperties", "maxProperties"):
                if key == "minProperties":
                    return (lambda v: not (isinstance(v, dict) and len(v) < arg)), False
                return (lambda v: not (isinstance(v, dict) and len(v) > arg)), False
            return self.generic(schema, key, arg)  # numbers: rare, as the interpreter does
        if key == "required":
            names = list(arg)
            # a name that is not hashable raises (TypeError) when the value is an object
            raises = not all(type(k) is str for k in names)
            return (lambda v: not (isinstance(v, dict) and any(k not in v for k in names))), raises
        if key == "properties":
            if not isinstance(arg, dict):
                return self.generic(schema, key, arg)
            compiled = [(k, self.node(sub, exact)) for k, sub in arg.items()]
            props = tuple((k, check) for k, (check, _) in compiled)

            def properties(v: Any) -> bool:
                if isinstance(v, dict):
                    for k, check in props:
                        if k in v and not check(v[k]):
                            return False
                return True
            return properties, any(r for _, (_, r) in compiled)
        if key == "additionalProperties":
            known = schema.get("properties", {})
            if not isinstance(known, dict):
                return self.generic(schema, key, arg)
            patterned = "patternProperties" in schema
            sub, raises = self.node(arg, exact)

            def additional(v: Any) -> bool:
                if isinstance(v, dict):
                    if patterned:
                        raise _Unknown
                    for k, x in v.items():
                        if k not in known and not sub(x):
                            return False
                return True
            return additional, raises or patterned
        if key == "propertyNames":
            sub, raises = self.node(arg, exact)
            return (lambda v: not (isinstance(v, dict) and not all(sub(k) for k in v))), raises
        if key == "items":
            sub, raises = self.node(arg, exact)

            def items(v: Any) -> bool:
                if isinstance(v, list):
                    for x in v:
                        if not sub(x):
                            return False
                return True
            return items, raises
        if key in ("oneOf", "anyOf"):
            compiled = [self.node(s, True) for s in arg]
            subs = tuple(check for check, _ in compiled)
            if any(r for _, r in compiled):  # every branch: _Unknown anywhere is unknown
                if key == "oneOf":
                    return (lambda v: sum(1 for f in subs if f(v)) == 1), True
                return (lambda v: sum(1 for f in subs if f(v)) != 0), True
            if key == "anyOf":
                return (lambda v: any(f(v) for f in subs)), False

            def one_of(v: Any) -> bool:
                passed = False
                for f in subs:
                    if f(v):
                        if passed:
                            return False
                        passed = True
                return passed
            return one_of, False
        return self.generic(schema, key, arg)  # format and anything unknown

    def ref(self, arg: str, exact: bool) -> tuple[Check, bool]:
        """The target's check, compiled once; a reference inside the schema object it names (a
        recursive schema) looks the check up when checking, and counts as one that can raise."""
        key = (arg, exact)
        hit = self.refs.get(key)
        if hit is not None:
            return hit
        other = self.refs.get((arg, not exact))
        if other is not None and not other[1]:  # it cannot raise: the same in both
            return other
        if key in self._pending:
            refs = self.refs
            return (lambda v: refs[key][0](v)), True
        self._pending.add(key)
        try:
            target: Any = self.root
            for part in arg[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
        except Exception:  # noqa: BLE001 - a reference to nothing: the interpreter raises when checking
            hit = (_unknown, True)
        else:
            hit = self.node(target, exact)
        finally:
            self._pending.discard(key)
        self.refs[key] = hit
        return hit


# --------------------------------------------------------------------------- the interpreter


def _enum(value: Any, options: tuple) -> bool:
    """``enum`` of plain values (for ``reportlint.schemacode``): as ``_same`` on each."""
    if isinstance(value, (dict, list)):
        if options:
            raise _Unknown
        return False
    t = type(value)
    return any(type(o) is t and o == value for o in options)


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
