"""YAML front matter, parsed with ruamel.yaml so every key and value keeps its position.

The block starts with a line ``---`` on the first line of the file and ends with ``---`` or
``...``. Aliases are resolved by reference; a document whose aliases would expand past
:data:`MAX_NODES` nodes (a "billion laughs" bomb) is rejected before anything walks it.
"""
from __future__ import annotations

import datetime as _dt
import re
import warnings
from typing import Any

from .diagnostics import Span
from .lazyre import LazyPattern
from .records import Record

MAX_NODES = 10_000
MAX_BYTES = 256 * 1024


class FrontMatterError(Record):
    """Why the front matter block could not be read (FM002), in both languages."""

    message_en: str
    message_zh: str
    span: Span

    def __init__(self, message_en: str, message_zh: str, span: Span) -> None:
        self.message_en = message_en
        self.message_zh = message_zh
        self.span = span


class FrontMatter(Record):
    """The YAML front matter block: its lines, its data, and the spans of its keys and values."""

    start_line: int  # the opening ``---``
    end_line: int  # the closing ``---`` (or the last line when unclosed)
    raw: str
    data: dict[str, Any] | None
    error: FrontMatterError | None
    key_spans: dict[tuple, Span]
    value_spans: dict[tuple, Span]

    def __init__(
            self, start_line: int, end_line: int, raw: str, data: dict[str, Any] | None = None,
            error: FrontMatterError | None = None, key_spans: dict[tuple, Span] | None = None,
            value_spans: dict[tuple, Span] | None = None) -> None:
        self.start_line = start_line
        self.end_line = end_line
        self.raw = raw
        self.data = data
        self.error = error
        self.key_spans = {} if key_spans is None else key_spans
        self.value_spans = {} if value_spans is None else value_spans

    @property
    def span(self) -> Span:
        """The opening delimiter: where findings about the whole block (a missing key) go."""
        return Span(self.start_line, 1, self.start_line, 4)

    def key_span(self, *path: Any) -> Span:
        return self.key_spans.get(tuple(path), self.span)

    def value_span(self, *path: Any) -> Span:
        return self.value_spans.get(tuple(path)) or self.key_spans.get(tuple(path), self.span)

    def get(self, key: str, default: Any = None) -> Any:
        return (self.data or {}).get(key, default)


def split_front_matter(lines: list[str]) -> tuple[int, int, bool] | None:
    """Find the front matter block: (first_line, last_line, closed), 1-based, or None."""
    if not lines or lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return 1, i + 1, True
    return 1, len(lines), False


def parse_front_matter(lines: list[str]) -> FrontMatter | None:
    found = split_front_matter(lines)
    if found is None:
        return None
    start, end, closed = found
    body = lines[start:end - 1] if closed else lines[start:]
    raw = "\n".join(body)
    fm = FrontMatter(start, end, raw)
    if not closed:
        fm.error = FrontMatterError(
            "front matter starts with '---' on line 1 but is never closed with '---'",
            "文件第 1 行以 '---' 开始前置元数据，但没有以 '---' 结束",
            Span(start, 1, start, 4))
        return fm
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        fm.error = FrontMatterError(
            f"front matter is larger than {MAX_BYTES // 1024} KB; not parsed",
            f"前置元数据超过 {MAX_BYTES // 1024} KB，未解析", fm.span)
        return fm
    if not _load_simple(fm, raw, start):
        _load(fm, raw, start)
    return fm


# Front matter is nearly always a few ``key: value`` lines. Those are read here directly, with
# exactly the values and positions ruamel.yaml gives (a test compares both on every fixture);
# anything else (nesting, flow collections, anchors, block scalars, tags, escapes, numbers other
# than plain decimal integers, booleans, nulls, duplicate keys) goes to ruamel.yaml.
_SIMPLE_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(.*?))?[ ]*$")
_PLAIN_INT = re.compile(r"^(?:0|[1-9][0-9]*)$")
_PLAIN_STR_START = set("-?:,[]{}#&*!|>'\"%@`<=~.+0123456789")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


def _scalar(text: str) -> tuple[object, int] | None:
    """(value, width in characters) of one simple scalar, comment stripped, or None."""
    if text.startswith('"'):
        end = text.find('"', 1)
        if end == -1 or "\\" in text[:end]:
            return None
        if not _only_comment(text[end + 1:]):
            return None
        return text[1:end], end + 1
    if text.startswith("'"):
        end = text.find("'", 1)
        if end == -1 or text[end + 1:end + 2] == "'":
            return None
        if not _only_comment(text[end + 1:]):
            return None
        return text[1:end], end + 1
    cut = text.find(" #")
    value = (text[:cut] if cut != -1 else text).rstrip()
    if not value:
        return None
    if _PLAIN_INT.match(value):
        return int(value), len(value)
    if _DATE.match(value):  # a timestamp: kept as the string it was written as (see _yaml)
        return value, len(value)
    if value[0] in _PLAIN_STR_START or value.lower() in _RESERVED or ": " in value or value.endswith(":"):
        return None
    return value, len(value)


def _only_comment(rest: str) -> bool:
    return not rest.strip() or (rest[0] == " " and rest.lstrip().startswith("#"))


def _load_simple(fm: FrontMatter, raw: str, first_line: int) -> bool:
    data: dict[str, object] = {}
    key_spans: dict[tuple, Span] = {}
    value_spans: dict[tuple, Span] = {}
    for k, line in enumerate(raw.split("\n")):
        if not line.strip() or line.startswith("#"):
            continue
        m = _SIMPLE_KEY.match(line)
        if not m or m.group(2) is None or "\t" in line:
            return False
        key, text = m.group(1), m.group(2)
        if key in data or key.lower() in _RESERVED:
            return False
        parsed = _scalar(text)
        if parsed is None:
            return False
        lineno = first_line + 1 + k
        col = m.start(2) + 1
        data[key] = parsed[0]
        key_spans[(key,)] = Span(lineno, 1, lineno, 1 + len(key))
        value_spans[(key,)] = Span(lineno, col, lineno, col + parsed[1])
    fm.data, fm.key_spans, fm.value_spans = data, key_spans, value_spans
    return True


_YAML_CLASS = None


def _yaml():
    """A round-trip YAML loader that keeps dates as the strings they were written as (so an
    impossible date is a schema finding at its value, not a crash of the loader)."""
    global _YAML_CLASS
    from ruamel.yaml import YAML

    if _YAML_CLASS is None:
        from ruamel.yaml.constructor import RoundTripConstructor

        class _Constructor(RoundTripConstructor):
            pass

        _Constructor.add_constructor(
            "tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node))
        _YAML_CLASS = _Constructor
    yaml = YAML(typ="rt")
    yaml.Constructor = _YAML_CLASS
    yaml.allow_duplicate_keys = False
    return yaml


def _load(fm: FrontMatter, raw: str, first_line: int) -> None:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if _flow_depth(raw) > MAX_DEPTH:
        fm.error = FrontMatterError(
            f"front matter nests [ ] or {{ }} more than {MAX_DEPTH} levels deep; not processed",
            f"前置元数据中 [ ] 或 {{ }} 嵌套超过 {MAX_DEPTH} 层，未处理", fm.span)
        return
    yaml = _yaml()
    offset = first_line  # YAML line 0 is file line first_line + 1
    try:
        with warnings.catch_warnings():
            # ruamel.yaml warns (ReusedAnchorWarning …) on stderr; findings are our job
            warnings.simplefilter("ignore")
            tree = yaml.load(raw)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + offset + 1) if mark else first_line
        col = (mark.column + 1) if mark else 1
        problem = exc.problem or exc.context or str(exc).splitlines()[0]
        if exc.context and exc.problem and exc.context_mark is not None and exc.context_mark is not mark:
            cl = exc.context_mark.line + offset + 1
            problem = f"{problem} ({exc.context} started at line {cl}, column {exc.context_mark.column + 1})"
        fm.error = FrontMatterError(f"front matter is not valid YAML: {problem}",
                                    f"前置元数据不是有效的 YAML：{problem}",
                                    Span(line, col, line, col + 1))
        return
    except (YAMLError, RecursionError, ValueError) as exc:
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        fm.error = FrontMatterError(f"front matter is not valid YAML: {msg}",
                                    f"前置元数据不是有效的 YAML：{msg}", fm.span)
        return
    if tree is None:
        fm.data = {}
        return
    if _count_nodes(tree) > MAX_NODES:
        fm.error = FrontMatterError(
            f"front matter expands to more than {MAX_NODES} values through YAML aliases "
            "(an alias bomb?); not processed",
            f"前置元数据通过 YAML 别名展开后超过 {MAX_NODES} 个值（疑似别名炸弹），未处理", fm.span)
        return
    if not isinstance(tree, dict):
        fm.error = FrontMatterError(
            "front matter must be a mapping of keys to values (key: value)",
            "前置元数据必须是键值映射（key: value）", Span(first_line + 1, 1, first_line + 1, 2))
        return
    lines = raw.split("\n")
    _positions(fm, tree, (), offset, lines)
    fm.data = plain(tree)


MAX_DEPTH = 100  # ruamel.yaml's scanner slows down with every open [ or {: 2000 took seconds
_FLOW = LazyPattern(r"[\[\]{}]")  # compiled on first use: for flow collections only


def _flow_depth(raw: str) -> int:
    """The deepest nesting of flow collections (``[`` ``{``), counted without regard to quotes
    (an over-count needs over a hundred brackets inside a string)."""
    if "[" not in raw and "{" not in raw:
        return 0
    depth = deepest = 0
    for m in _FLOW.finditer(raw):
        if m.group() in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    break
        elif depth:
            depth -= 1
    return deepest


def _count_nodes(node: Any, limit: int = MAX_NODES) -> int:
    count = 0
    stack = [node]
    while stack:
        cur = stack.pop()
        count += 1
        if count > limit:
            return count
        if isinstance(cur, dict):
            stack.extend(cur.values())
            stack.extend(cur.keys())
        elif isinstance(cur, list):
            stack.extend(cur)
    return count


def _positions(fm: FrontMatter, node: Any, path: tuple, offset: int, lines: list[str]) -> None:
    lc = getattr(node, "lc", None)
    if lc is None:
        return
    if isinstance(node, dict):
        for key in node:
            try:
                kl, kc = lc.key(key)
                vl, vc = lc.value(key)
            except Exception:
                continue
            p = path + (str(key),)
            fm.key_spans[p] = Span(kl + offset + 1, kc + 1, kl + offset + 1, kc + 1 + len(str(key)))
            fm.value_spans[p] = _value_span(vl, vc, offset, lines)
            _positions(fm, node[key], p, offset, lines)
    elif isinstance(node, list):
        for i in range(len(node)):
            try:
                il, ic = lc.item(i)
            except Exception:
                continue
            p = path + (i,)
            fm.value_spans[p] = _value_span(il, ic, offset, lines)
            _positions(fm, node[i], p, offset, lines)


def _value_span(line0: int, col0: int, offset: int, lines: list[str]) -> Span:
    text = lines[line0] if 0 <= line0 < len(lines) else ""
    rest = text[col0:]
    # a value ends at a comment (" #") or the end of the line
    cut = rest.find(" #")
    if cut != -1:
        rest = rest[:cut]
    width = max(1, len(rest.rstrip()))
    return Span(line0 + offset + 1, col0 + 1, line0 + offset + 1, col0 + 1 + width)


def plain(node: Any) -> Any:
    """Plain Python values from a ruamel.yaml tree: dict, list, str, int, float, bool, date (ruamel's
    own classes would drag ruamel.yaml into every process that unpickles them, and their names
    must never reach a message). A tagged scalar (``!!str 2024``, ``!custom x``) is the text it
    holds; a set (``!!set``) a list; binary data (``!!binary``) stays bytes."""
    from collections.abc import Set

    from ruamel.yaml.comments import TaggedScalar

    if isinstance(node, TaggedScalar):
        return str(node.value) if node.value is not None else None
    if isinstance(node, Set):
        return [plain(v) for v in node]
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, _dt.datetime):
        return node if (node.hour, node.minute, node.second) != (0, 0, 0) else node.date()
    return node
