"""Diagnostics: what rules report and what formatters print.

Positions are 1-based. Columns count characters (Unicode code points), not bytes and not
display width: a CJK character is one column, exactly like an ASCII letter. ``end_column``
is exclusive (the column just after the last character of the span).
"""
from __future__ import annotations

import re
from collections import namedtuple
from typing import Any

from .records import Record

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


# Named tuples here are made with collections.namedtuple: a typing.NamedTuple class turns each
# of its annotations (text, under ``from __future__ import annotations``) into a ForwardRef,
# compiling it, ~0.2 ms per class at every start.
class Span(namedtuple("Span", "line column end_line end_column")):
    """A source range: 1-based line/column (ints), end column exclusive."""

    __slots__ = ()


class Message(Record, frozen=True):
    """A message in both languages. ``en`` is the reference text, ``zh`` what users read."""

    en: str
    zh: str

    def __init__(self, en: str, zh: str) -> None:
        self.en = en
        self.zh = zh

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Edit(Record, frozen=True):
    """Replace the text in ``span`` with ``replacement`` (a fix is a list of edits)."""

    span: Span
    replacement: str

    def __init__(self, span: Span, replacement: str) -> None:
        self.span = span
        self.replacement = replacement


class Fix(Record, frozen=True):
    """A fix a rule offers. ``safe`` fixes are applied by ``--fix``; ``unsafe`` ones only with
    ``--unsafe-fixes`` (they may change meaning, e.g. guessing a number)."""

    edits: tuple[Edit, ...]
    description: Message
    applicability: str

    def __init__(self, edits: tuple[Edit, ...], description: Message, applicability: str = "safe") -> None:
        self.edits = edits
        self.description = description
        self.applicability = applicability


class Diagnostic(Record):
    """A finding of a rule in a file, as the formatters receive it."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: str
    message: Message
    fix: Fix | None
    data: dict[str, Any]
    # set when an active waiver suppresses the finding: {line, column, codes, until, reason}
    waiver: dict[str, Any] | None

    def __init__(
            self, path: str, line: int, column: int, end_line: int, end_column: int, code: str, name: str,
            severity: str, message: Message, fix: Fix | None = None, data: dict[str, Any] | None = None,
            waiver: dict[str, Any] | None = None) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.fix = fix
        self.data = {} if data is None else data
        self.waiver = waiver

    def sort_key(self) -> tuple:
        # findings at one place keep the order their rule gave them (SEC002 lists missing
        # sections in the official order, not in the alphabetical order of their messages)
        return (self.path, self.line, self.column, self.code)

    def to_dict(self, lang: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message.get(lang),
            "messages": {"en": self.message.en, "zh": self.message.zh},
        }
        if self.fix is not None:
            out["fix"] = {
                "applicability": self.fix.applicability,
                "description": self.fix.description.get(lang),
                "edits": [
                    {
                        "line": e.span.line,
                        "column": e.span.column,
                        "end_line": e.span.end_line,
                        "end_column": e.span.end_column,
                        "replacement": e.replacement,
                    }
                    for e in self.fix.edits
                ],
            }
        if self.data:
            out["data"] = self.data
        if self.waiver is not None:
            out["suppressed"] = True
            out["waiver"] = self.waiver
        return out


class Finding(Record):
    """What a rule's check function yields. The engine turns it into a :class:`Diagnostic`
    by adding the file path, the rule's code and name and the configured severity."""

    span: Span
    message: Message
    severity: str | None  # None: the rule's (configured) severity
    fix: Fix | None
    data: dict[str, Any]

    def __init__(
            self, span: Span, message: Message, severity: str | None = None, fix: Fix | None = None,
            data: dict[str, Any] | None = None) -> None:
        self.span = span
        self.message = message
        self.severity = severity
        self.fix = fix
        self.data = {} if data is None else data


MAX_MESSAGE = 1000  # characters of a message; longer ones are shortened (see :func:`shorten`)
_LONG_RUN = re.compile(r"[^\s'\"“”‘’]{201,}")  # a word, URL or quote of more than 200 characters
_SHORTENED = {"en": " [message shortened]", "zh": "（消息已截短）"}


def shorten(text: str, lang: str = "en", limit: int = MAX_MESSAGE) -> str:
    """``text`` when it has at most ``limit`` characters; else each run of more than 200
    characters without a space or quote (a long cell, URL or line quoted whole) keeps its first
    80 and last 40 characters around '…', the rest is cut at ``limit``, and the message says it
    was shortened. One finding on a 1 MB line must not print megabytes."""
    if len(text) <= limit:
        return text
    out = _LONG_RUN.sub(lambda m: m.group()[:80] + "…" + m.group()[-40:], text)
    if len(out) > limit:
        out = out[:limit] + "…"
    return out + _SHORTENED["zh" if lang == "zh" else "en"]


def shorten_message(message: Message) -> Message:
    if len(message.en) <= MAX_MESSAGE and len(message.zh) <= MAX_MESSAGE:
        return message
    return Message(shorten(message.en, "en"), shorten(message.zh, "zh"))


def shorten_data(data: dict[str, Any]) -> dict[str, Any]:
    """A finding's ``data`` with long strings shortened like messages (it informs; fixes carry
    the exact text)."""
    if not any(isinstance(v, str) and len(v) > MAX_MESSAGE for v in data.values()):
        return data
    return {k: shorten(v) if isinstance(v, str) else v for k, v in data.items()}


def span_of(at: Any) -> Span:
    """Accept a Span, a 4-tuple, a (line, column) pair or any object with a ``span``."""
    if isinstance(at, Span):
        return at
    sp = getattr(at, "span", None)
    if isinstance(sp, Span):
        return sp
    if isinstance(at, tuple):
        if len(at) == 4:
            return Span(*at)
        if len(at) == 2:
            return Span(at[0], at[1], at[0], at[1] + 1)
    raise TypeError(f"cannot take a source position from {at!r}")


def finding(at: Any, en: str, zh: str, *, severity: str | None = None, fix: Fix | None = None,
            data: dict[str, Any] | None = None) -> Finding:
    """Shorthand used by rules: ``yield finding(cell, "English …", "中文……")``."""
    return Finding(span_of(at), Message(en, zh), severity, fix, data or {})
