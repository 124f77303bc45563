"""Configuration files as read: the settings table of a ``.reportlint.toml``, ``.reportlint.yaml``
or ``pyproject.toml`` (``[tool.reportlint]``) and where each key and value is in the file, so that
every problem names its line and column (:class:`ConfigError`). Validation and the settings of
each file are in :mod:`reportlint.config`."""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Iterable

from .diagnostics import Span
from .lazyre import LazyPattern
from .records import Record
from .settings import SettingsError

PYPROJECT_TABLE = ("tool", "reportlint")


class ConfigError(SettingsError):
    """One or more problems in a configuration file (exit code 2)."""

    def __init__(self, problems: list[tuple[str, int, int, str]]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{p}:{line}:{col}: {msg}" for p, line, col, msg in problems))


# --------------------------------------------------------------------------- positions


class Source(Record):
    """A configuration file as read: its settings table and where each key and value is."""

    path: Path
    data: dict[str, Any]
    key_spans: dict[tuple, Span]
    value_spans: dict[tuple, Span]
    prefix: tuple  # ("tool", "reportlint") for pyproject.toml
    text: str

    def __init__(
            self, path: Path, data: dict[str, Any], key_spans: dict[tuple, Span] | None = None,
            value_spans: dict[tuple, Span] | None = None, prefix: tuple = (), text: str = "") -> None:
        self.path = path
        self.data = data
        self.key_spans = {} if key_spans is None else key_spans
        self.value_spans = {} if value_spans is None else value_spans
        self.prefix = prefix
        self.text = text

    @property
    def folder(self) -> Path:
        return self.path.parent

    def where(self, path: tuple, *, value: Any = None, key: bool = False) -> tuple[int, int]:
        """Best (line, column) for a key path: the exact key or value, else the nearest parent."""
        path = tuple(path)
        if not key and path in self.value_spans:
            s = self.value_spans[path]
            return s.line, s.column
        for k in range(len(path), -1, -1):
            sub = path[:k]
            if sub in self.key_spans:
                s = self.key_spans[sub]
                if not key and isinstance(value, str) and self.text:
                    found = _find_literal(self.text, value, s.line)
                    if found:
                        return found
                return s.line, s.column
        return 1, 1

    def key_name(self, path: tuple) -> str:
        return dotted(self.prefix + tuple(path))


def dotted(path: Iterable) -> str:
    out = []
    for k in path:
        if isinstance(k, int):
            out.append(f"[{k}]")
            continue
        k = str(k)
        part = k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else json.dumps(k, ensure_ascii=False)
        out.append(("." if out else "") + part)
    return "".join(out) or "(top level)"


def _find_literal(text: str, value: str, from_line: int) -> tuple[int, int] | None:
    lines = text.split("\n")
    for q in ('"', "'"):
        lit = q + value + q
        for i in range(from_line - 1, min(len(lines), from_line + 200)):
            col = lines[i].find(lit)
            if col != -1:
                return i + 1, col + 1
    return None


_TOML_KEY = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
# compiled on first use: only a configuration in pyproject.toml needs them
_TOML_DOTTED = LazyPattern(rf"\s*({_TOML_KEY}(?:\s*\.\s*{_TOML_KEY})*)\s*=")
_TOML_HEADER = LazyPattern(rf"\s*(\[\[?)\s*({_TOML_KEY}(?:\s*\.\s*{_TOML_KEY})*)\s*\]\]?")


def _toml_key_parts(dotted_key: str) -> list[tuple[str, int]]:
    """Split a dotted TOML key into (key, offset of the key within ``dotted_key``)."""
    parts = []
    for m in re.finditer(_TOML_KEY, dotted_key):
        raw = m.group(0)
        if raw.startswith('"'):
            key = json.loads(raw)
        elif raw.startswith("'"):
            key = raw[1:-1]
        else:
            key = raw
        parts.append((key, m.start()))
    return parts


def toml_key_spans(text: str) -> dict[tuple, Span]:
    """Where each key of a TOML document is written (line based; tables, dotted keys and the
    keys of inline tables on the line of their key). Enough to point at the key a problem is
    about; values are found from their key's line."""
    spans: dict[tuple, Span] = {}
    table: tuple = ()
    in_multiline = None
    for i, line in enumerate(text.split("\n"), start=1):
        if in_multiline:
            if in_multiline in line:
                in_multiline = None
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = _TOML_HEADER.match(line)
        if m and stripped.startswith("["):
            base = m.start(2)
            parts = _toml_key_parts(m.group(2))
            table = tuple(k for k, _ in parts)
            for n, (k, off) in enumerate(parts, start=1):
                col = base + off + 1
                spans.setdefault(table[:n], Span(i, col, i, col + len(k)))
            continue
        m = _TOML_DOTTED.match(line)
        if not m:
            continue
        base = m.start(1)
        parts = _toml_key_parts(m.group(1))
        path = table
        for k, off in parts:
            path = path + (k,)
            col = base + off + 1
            spans.setdefault(path, Span(i, col, i, col + len(k)))
        rest = line[m.end():]
        for q in ('"""', "'''"):
            if rest.count(q) == 1:
                in_multiline = q
        _inline_keys(rest, m.end(), path, i, spans)
    return spans


def _inline_keys(rest: str, offset: int, path: tuple, line: int, spans: dict) -> None:
    """Keys of inline tables ``{ a = 1, b = { c = 2 } }`` on one line."""
    stack: list[tuple] = []
    last_key: tuple = path
    i = 0
    expect_key = False
    while i < len(rest):
        c = rest[i]
        if expect_key and not c.isspace():
            expect_key = False
            m = _TOML_DOTTED.match(rest, i)
            if m:
                cur = stack[-1] if stack else path
                for key, off in _toml_key_parts(m.group(1)):
                    cur = cur + (key,)
                    col = offset + m.start(1) + off + 1
                    spans.setdefault(cur, Span(line, col, line, col + len(key)))
                last_key = cur
                i = m.end()
                continue
        if c in "\"'":  # skip a string value
            j = i + 1
            while j < len(rest) and rest[j] != c:
                j += 2 if (rest[j] == "\\" and c == '"') else 1
            i = j + 1
            continue
        if c == "#":
            break
        if c == "{":
            stack.append(last_key)
            expect_key = True
        elif c == "}" and stack:
            stack.pop()
        elif c == "," and stack:
            expect_key = True
        i += 1


# --------------------------------------------------------------------------- reading


MAX_CONFIG_BYTES = 4 * 1024 * 1024


def read_source(path: Path) -> Source | None:
    """Read one configuration file; ``None`` for a pyproject.toml without ``[tool.reportlint]``."""
    from .safefile import KIND_WORDS, FileTooLarge, NotRegularFile, read_limited

    display = _display(path)
    try:
        text = read_limited(path, MAX_CONFIG_BYTES).decode("utf-8-sig")
    except NotRegularFile as exc:
        raise ConfigError([(display, 1, 1, f"cannot read configuration file: it is {KIND_WORDS[exc.kind][0]}, "
                                           "not a regular file")]) from None
    except FileTooLarge:
        raise ConfigError([(display, 1, 1, f"configuration file is larger than {MAX_CONFIG_BYTES} bytes; "
                                           "not read")]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([(display, 1, 1, f"cannot read configuration file: {exc}")]) from None
    except OSError as exc:
        raise ConfigError([(display, 1, 1, f"cannot read configuration file: {exc.strerror or exc}")]) from None
    text = text.replace("\r\n", "\n")
    if path.suffix == ".toml":
        if path.name == "pyproject.toml" and "reportlint" not in text:
            return None
        return _read_toml(path, display, text)
    return _read_yaml(path, display, text)


def _read_toml(path: Path, display: str, text: str) -> Source | None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10: tomli is the same parser (tomllib is tomli in the stdlib)
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        raise ConfigError([(display, line, col, f"invalid TOML: {re.sub(r' [(]at line.*', '', msg)}")]) from None
    spans = toml_key_spans(text)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("reportlint") if isinstance(data.get("tool"), dict) else None
        if table is None:
            return None
        prefix = PYPROJECT_TABLE
        spans = {k[2:]: v for k, v in spans.items() if k[:2] == prefix}
        data = table
    else:
        prefix = ()
    if not isinstance(data, dict):
        raise ConfigError([(display, 1, 1, f"{dotted(prefix)} must be a table")])
    return Source(path, data, spans, {}, prefix, text)


def _read_yaml(path: Path, display: str, text: str) -> Source:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from .frontmatter import FrontMatter, _count_nodes, _positions, _yaml, plain

    try:
        tree = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or str(exc).splitlines()[0]
        raise ConfigError([(display, line, col, f"invalid YAML: {problem}")]) from None
    except (YAMLError, RecursionError, ValueError) as exc:
        raise ConfigError([(display, 1, 1, f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else exc}")]) from None
    if tree is None:
        tree = {}
    if _count_nodes(tree) > 10_000:
        raise ConfigError([(display, 1, 1, "configuration expands to too many values through YAML aliases")])
    if not isinstance(tree, dict):
        raise ConfigError([(display, 1, 1, "the configuration must be a mapping of keys to values")])
    fm = FrontMatter(0, 0, text)
    _positions(fm, tree, (), 0, text.split("\n"))
    data = plain(tree)
    return Source(path, data, fm.key_spans, fm.value_spans, (), text)


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel
