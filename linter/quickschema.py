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
from typing import Any

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
        return _valid(schema, instance, schema)
    except (_Unknown, RecursionError, TypeError, ValueError, KeyError):
        return False


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
