"""Writing a JSON Schema's checks as Python source: ``reportlint.quickschema`` ahead of time.

``quickschema.certainly_valid(schema, value)`` compiles the schema into functions in every
process that uses it, then calls one function per value. For the profile schema, which every run
checks a cached profile against (~3,000 values), both cost more than the rest of reading the
profile back. :func:`generate` writes the same checks as the source of a module instead (compiled
once into its ``.pyc``), with the checks of simple values written inline: ``linter/profilecheck.py``
is written from ``schemas/profile.schema.json`` by::

    python -m reportlint.schemacode schemas/profile.schema.json > linter/profilecheck.py

The module's ``certainly_valid(value)`` answers exactly as ``quickschema.certainly_valid(schema,
value)`` (a test compares them on valid and broken profiles and on random schemas), and it names
the digest of the schema it was written from: a profile checked against another schema (the
schema edited, the module not written again) is checked by ``quickschema`` instead, and a test
fails until the module is written again. Only what quickschema knows is written; anything else
(a keyword it does not know, an argument of an unusual type) stops :func:`generate` with an error.

The semantics are quickschema's (see its comments): the usual shapes are checked in the value's
order, except under ``oneOf``/``anyOf`` where a shape with a part that can raise is checked
keyword by keyword in the schema's order.
"""
from __future__ import annotations

import json
import re
import sys
from typing import Any

from .cache import digest
from .quickschema import (
    _ANNOTATIONS, _ARRAY_KEYS, _FAST_INLINE, _FAST_PATTERNS, _OBJECT_KEYS, _STRING_KEYS, _number)


class GenerationError(Exception):
    """The schema uses something :func:`generate` does not write."""


_TYPE_EXPR = {
    "string": "isinstance({v}, str)",
    "integer": "(isinstance({v}, int) and not isinstance({v}, bool))",
    "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
    "boolean": "isinstance({v}, bool)",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    "null": "{v} is None",
}


def generate(schema: Any, schema_bytes: bytes, name: str) -> str:
    """The source of a module whose ``certainly_valid(value)`` is
    ``quickschema.certainly_valid(schema, value)`` (``schema_bytes``: the schema file's bytes,
    ``name``: its file name, for the header)."""
    gen = _Writer(schema)
    root, _ = gen.expr(schema, False, "value")
    head = [
        f'"""The checks of {name}, written by reportlint.schemacode: do not edit. When the schema',
        "changes, write them again with",
        "",
        f"    python -m reportlint.schemacode schemas/{name} > <this file>",
        "",
        "(until then, the schema is checked by reportlint.quickschema).",
        '"""',
        "# flake8: noqa",
        "from __future__ import annotations",
        "",
        "from .quickschema import _Unknown, _check_key, _enum, _searcher",
        "",
        f'SCHEMA_DIGEST = "{digest(schema_bytes)}"  # reportlint.cache.digest of the schema file',
        "",
    ]
    head += [f"_P{i} = _searcher({p!r})" for p, i in gen.patterns.items()]
    head += [f"_E{i} = {opts!r}" for opts, i in gen.enums.items()]
    head += [f"_S{i} = frozenset(_E{i})" for opts, i in gen.enums.items() if all(type(o) is str for o in opts)]
    head += [f"_K{i} = frozenset({tuple(sorted(keys))!r})" for keys, i in gen.keysets.items()]
    tail = [
        "",
        "",
        "def certainly_valid(value):",
        f"    try:\n        return {root}",
        "    except (_Unknown, RecursionError, TypeError, ValueError, KeyError):",
        "        return False",
        "",
    ]
    return "\n".join(head) + "\n" + "".join(gen.functions) + "\n".join(tail)


class _Writer:
    def __init__(self, root: Any) -> None:
        self.root = root
        self.functions: list[str] = []
        self.names: dict[tuple[str, bool], tuple[str, bool]] = {}
        self.refs: dict[tuple[str, bool], tuple[str, bool]] = {}
        self.pending: dict[tuple[str, bool], str] = {}
        self.patterns: dict[str, int] = {}
        self.enums: dict[tuple, int] = {}
        self.keysets: dict[frozenset, int] = {}
        self.inline: dict[str, str] = {}  # reference -> the expression that checks its target, "{v}" for the value

    # expressions ------------------------------------------------------------------------------
    def expr(self, schema: Any, exact: bool, v: str) -> tuple[str, bool]:
        """A Python expression that checks the value named ``v`` (a plain name), and whether it can raise."""
        if schema is True:
            return "True", False
        if schema is False or not isinstance(schema, dict):
            return "False", False
        keys = _keywords(schema)
        if not keys:
            return "True", False
        names = set(keys)
        if names == {"type"} and isinstance(schema["type"], str) and schema["type"] in _TYPE_EXPR:
            return _TYPE_EXPR[schema["type"]].format(v=v), False
        if names == {"$ref"}:
            name, raises = self.ref(schema["$ref"], exact)
            inline = self.inline.get(name)
            return (inline.format(v=v) if inline is not None else f"{name}({v})"), raises
        if names == {"enum"} and isinstance(schema["enum"], list) \
                and not any(isinstance(o, (dict, list)) for o in schema["enum"]):
            i = self.enums.setdefault(tuple(schema["enum"]), len(self.enums))
            if schema["enum"] and all(type(o) is str for o in schema["enum"]):
                return f"({v} in _S{i} if type({v}) is str else _enum({v}, _E{i}))", True
            return f"_enum({v}, _E{i})", bool(schema["enum"])
        if names <= _STRING_KEYS and schema.get("type", "string") == "string" and len(names) > 1:
            inline = self.string(schema, v)
            if inline is not None:
                return inline, False
        name, raises = self.function(schema, exact)
        return f"{name}({v})", raises

    def string(self, schema: dict, v: str) -> str | None:
        lo = schema.get("minLength", 0)
        hi = schema.get("maxLength", None)
        pattern = schema.get("pattern", "")
        if not _number(lo) or hi is not None and not _number(hi) or type(pattern) is not str:
            return None
        if pattern and pattern not in _FAST_PATTERNS:
            try:
                re.compile(pattern)
            except re.error:
                return None
        parts = []
        if lo:
            parts.append(f"len({v}) >= {lo!r}")
        if hi is not None:
            parts.append(f"len({v}) <= {hi!r}")
        if pattern:
            fast = _FAST_INLINE.get(pattern)
            search = f"_P{self.pattern(pattern)}({v})"
            parts.append(f"({fast.format(v=v)} or {search})" if fast else search)
        if "type" in schema:
            return "(" + " and ".join([f"isinstance({v}, str)"] + parts) + ")"
        return f"(not isinstance({v}, str) or " + " and ".join(parts) + ")"

    def pattern(self, pattern: str) -> int:
        return self.patterns.setdefault(pattern, len(self.patterns))

    def ref(self, arg: Any, exact: bool) -> tuple[str, bool]:
        """The name of the function that checks the target of ``$ref`` ``arg`` (a target that is a
        simple value is also written inline where it is referred to: ``self.inline``)."""
        if not isinstance(arg, str) or not arg.startswith("#/"):
            raise GenerationError(f"$ref {arg!r}: only references into the same schema are written")
        key = (arg, exact)
        if key in self.refs:
            return self.refs[key]
        other = self.refs.get((arg, not exact))
        if other is not None and not other[1]:
            return other
        if key in self.pending:  # a recursive schema: a call by name, counted as one that can raise
            return self.pending[key], True
        target: Any = self.root
        try:
            for part in arg[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
        except Exception:  # noqa: BLE001
            raise GenerationError(f"$ref {arg!r} names nothing") from None
        name = f"_{'x' if exact else 'd'}_{re.sub(r'[^0-9A-Za-z_]', '_', arg[2:])}"
        self.pending[key] = name
        try:
            template, raises = self.expr(target, exact, "{v}")
        finally:
            del self.pending[key]
        call = re.fullmatch(r"(_c\d+)\(\{v\}\)", template)
        if call:  # the target's function itself
            self.functions.append(f"\n\n{name} = {call.group(1)}\n")
        else:
            if template.replace("{v}", "").count("{") == 0 and "}" not in template.replace("{v}", ""):
                self.inline[name] = template
            self.functions.append(f"\n\ndef {name}(v):\n    return {template.format(v='v')}\n")
        self.refs[key] = (name, raises)
        return name, raises

    # functions --------------------------------------------------------------------------------
    def function(self, schema: dict, exact: bool) -> tuple[str, bool]:
        key = (json.dumps(schema, sort_keys=True), exact)  # the same schema object in several places: one function
        if key in self.names:
            return self.names[key]
        name = f"_c{len(self.names)}"
        self.names[key] = (name, True)  # (a recursive schema: reached again while being written)
        names = set(_keywords(schema))
        body = None
        raises = False
        if names <= _OBJECT_KEYS and schema.get("type", "object") == "object":
            body, raises = self.object(schema, exact) or (None, False)
        elif names <= _ARRAY_KEYS and schema.get("type", "array") == "array":
            body, raises = self.array(schema, exact) or (None, False)
        if body is None:
            body, raises = self.keywords(schema, exact)
        self.names[key] = (name, raises)
        self.functions.append(f"\n\ndef {name}(v):\n" + "".join("    " + line + "\n" for line in _joined(body)))
        return name, raises

    def object(self, schema: dict, exact: bool) -> tuple[list[str], bool] | None:
        typed = "type" in schema
        required = schema.get("required", [])
        props = schema.get("properties", {})
        lo = schema.get("minProperties", 0)
        hi = schema.get("maxProperties", None)
        if (type(required) is not list or not all(type(k) is str for k in required) or not isinstance(props, dict)
                or not all(type(k) is str for k in props) or not _number(lo) or hi is not None and not _number(hi)):
            return None
        raises = False
        checks = []
        for k, sub in props.items():
            e, r = self.expr(sub, exact, "x")
            checks.append((k, e))
            raises = raises or r
        extra = None
        if "additionalProperties" in schema:
            extra, r = self.expr(schema["additionalProperties"], exact, "x")
            raises = raises or r
        if raises and exact:
            return None
        body = ["if not isinstance(v, dict):", f"    return {not typed}"]
        if required:
            body += ["if " + " or ".join(f"{k!r} not in v" for k in required) + ":", "    return False"]
        if checks or extra not in (None, "True"):
            body.append("for k, x in v.items():")
            for i, (k, e) in enumerate(checks):
                body.append(f"    {'if' if i == 0 else 'elif'} k == {k!r}:")
                body += [f"        if not {e}:", "            return False"] if e != "True" else ["        pass"]
            if extra not in (None, "True"):
                indent = "    "
                if checks:
                    body.append("    else:")
                    indent = "        "
                body += [f"{indent}if not {extra}:", f"{indent}    return False"] if extra != "False" \
                    else [f"{indent}return False"]
        end = [f"len(v) >= {lo!r}"] if lo else []
        end += [f"len(v) <= {hi!r}"] if hi is not None else []
        body.append("return " + (" and ".join(end) if end else "True"))
        return body, raises

    def array(self, schema: dict, exact: bool) -> tuple[list[str], bool] | None:
        typed = "type" in schema
        lo = schema.get("minItems", 0)
        hi = schema.get("maxItems", None)
        if not _number(lo) or hi is not None and not _number(hi):
            return None
        item, raises = self.expr(schema["items"], exact, "x") if "items" in schema else ("True", False)
        if raises and exact:
            return None
        body = ["if not isinstance(v, list):", f"    return {not typed}"]
        if lo:
            body += [f"if len(v) < {lo!r}:", "    return False"]
        if hi is not None:
            body += [f"if len(v) > {hi!r}:", "    return False"]
        if item != "True":
            body += ["for x in v:", f"    if not {item}:", "        return False"]
        body.append("return True")
        return body, raises

    def keywords(self, schema: dict, exact: bool) -> tuple[list[str], bool]:  # noqa: C901 - one case per keyword
        """One keyword after the other, in the schema's order (as the interpreter checks them)."""
        body: list[str] = []
        raises = False
        for key, arg in schema.items():
            if key in _ANNOTATIONS or key.startswith("x-"):
                continue
            if key == "$ref":
                e, r = self.ref(arg, exact)
                body += [f"if not {e}(v):", "    return False"]
                raises = raises or r
            elif key == "type":
                names = [arg] if isinstance(arg, str) else arg
                if not isinstance(names, list) or not names or not all(n in _TYPE_EXPR for n in names):
                    raise GenerationError(f"type {arg!r}")
                body += ["if not (" + " or ".join(_TYPE_EXPR[n].format(v="v") for n in names) + "):",
                         "    return False"]
            elif key in ("enum", "const"):
                options = arg if key == "enum" else [arg]
                if not isinstance(options, list) or any(isinstance(o, (dict, list)) for o in options):
                    raise GenerationError(f"{key} {arg!r}: only lists of plain values are written")
                i = self.enums.setdefault(tuple(options), len(self.enums))
                body += [f"if not _enum(v, _E{i}):", "    return False"]
                raises = raises or bool(options)
            elif key in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
                         "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
                if not _number(arg):
                    raise GenerationError(f"{key} {arg!r}")
                kind = {"Length": "str", "Items": "list", "Properties": "dict"}.get(key[3:])
                if kind is not None:
                    op = "<" if key.startswith("min") else ">"
                    body += [f"if isinstance(v, {kind}) and len(v) {op} {arg!r}:", "    return False"]
                else:
                    op = {"minimum": "<", "maximum": ">", "exclusiveMinimum": "<=", "exclusiveMaximum": ">="}[key]
                    body += [f"if isinstance(v, (int, float)) and not isinstance(v, bool) and v {op} {arg!r}:",
                             "    return False"]
            elif key == "required":
                if not isinstance(arg, list) or not all(type(k) is str for k in arg):
                    raise GenerationError(f"required {arg!r}")
                if arg:
                    body += ["if isinstance(v, dict) and (" + " or ".join(f"{k!r} not in v" for k in arg) + "):",
                             "    return False"]
            elif key == "properties":
                if not isinstance(arg, dict):
                    raise GenerationError(f"properties {arg!r}")
                body.append("if isinstance(v, dict):")
                for k, sub in arg.items():
                    e, r = self.expr(sub, exact, "x")
                    raises = raises or r
                    body += [f"    if {k!r} in v:", f"        x = v[{k!r}]", f"        if not {e}:",
                             "            return False"]
                body.append("    pass")
            elif key == "additionalProperties":
                known = schema.get("properties", {})
                if not isinstance(known, dict):
                    raise GenerationError("additionalProperties beside properties that are not an object")
                if "patternProperties" in schema:
                    body += ["if isinstance(v, dict):", "    raise _Unknown"]
                    raises = True
                    continue
                e, r = self.expr(arg, exact, "x")
                raises = raises or r
                i = self.keysets.setdefault(frozenset(known), len(self.keysets))
                body += ["if isinstance(v, dict):", "    for k, x in v.items():",
                         f"        if k not in _K{i} and not {e}:", "            return False"]
            elif key == "propertyNames":
                e, r = self.expr(arg, exact, "x")
                raises = raises or r
                body += ["if isinstance(v, dict):", "    for x in v:", f"        if not {e}:",
                         "            return False"]
            elif key == "items":
                e, r = self.expr(arg, exact, "x")
                raises = raises or r
                body += ["if isinstance(v, list):", "    for x in v:", f"        if not {e}:",
                         "            return False"]
            elif key in ("oneOf", "anyOf"):
                if not isinstance(arg, list):
                    raise GenerationError(f"{key} {arg!r}")
                branches = [self.expr(sub, True, "v") for sub in arg]
                if any(r for _, r in branches):  # every branch: _Unknown anywhere is unknown
                    body.append("n = " + (" + ".join(f"bool({e})" for e, _ in branches) or "0"))
                    body += [f"if n {'!= 1' if key == 'oneOf' else '== 0'}:", "    return False"]
                    raises = True
                elif key == "anyOf":
                    body += ["if not (" + (" or ".join(e for e, _ in branches) or "False") + "):", "    return False"]
                else:
                    body.append("n = 0")
                    for e, _ in branches:
                        body += [f"if {e}:", "    if n:", "        return False", "    n = 1"]
                    body += ["if not n:", "    return False"]
            elif key == "pattern":
                try:
                    re.compile(arg)
                except (re.error, TypeError):
                    raise GenerationError(f"pattern {arg!r}") from None
                body += [f"if isinstance(v, str) and not _P{self.pattern(arg)}(v): return False"]
            else:  # format and anything else: as the interpreter does it, when a value reaches it
                body += [f"if not _check_key({{{key!r}: {arg!r}}}, {key!r}, {arg!r}, v, None):", "    return False"]
                raises = True
        body.append("return True")
        return body, raises


def _joined(lines: list[str]) -> list[str]:
    """``if ...:`` and a ``return`` alone under it, on one line."""
    out: list[str] = []
    for line in lines:
        stripped = line.lstrip()
        if out and stripped.startswith("return ") and out[-1].rstrip().endswith(":") \
                and out[-1].lstrip().startswith(("if ", "elif ", "else")) \
                and len(line) - len(stripped) == len(out[-1]) - len(out[-1].lstrip()) + 4:
            out[-1] = out[-1] + " " + stripped
        else:
            out.append(line)
    return out


def _keywords(schema: dict) -> list[str]:
    return [k for k in schema if not (k in _ANNOTATIONS or k.startswith("x-"))]


def main(argv: list[str] | None = None) -> int:
    from pathlib import Path

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m reportlint.schemacode SCHEMA.json > MODULE.py", file=sys.stderr)
        return 2
    raw = Path(args[0]).read_bytes()
    sys.stdout.write(generate(json.loads(raw), raw, Path(args[0]).name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
