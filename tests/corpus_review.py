"""The reviewed findings of the real reports: every finding, and why it is there.

Each real-report fixture ``tests/fixtures/corpus/NAME.md`` has next to it ``NAME.findings``: the
list of EVERY finding reportlint gives on it with the default rule selection, each with the reason
a reviewer read it against the report and accepted it::

    # free comment lines (kept by --update)
    52:40 TBL004 warning  表二（五） lists Beijing's local sub-rows 行政检查/行政确认 …
    97:4 SEC006 warning  FALSE: … (issue 12 class 4)
    12:1 FM003 error  REASON NEEDED

``LINE:COL CODE SEVERITY`` identify the finding; the rest of the line is its reason:

* a plain reason says why the finding is true (quote the cells or the sentence);
* ``FALSE: …`` marks a finding that is wrong today and says why and which class of issue 12 it
  belongs to; the fix that removes the finding removes the line (run ``--update``);
* ``REASON NEEDED`` is what ``--update`` writes for a finding nobody has reviewed yet; it fails the
  test until a reviewer replaces it with a reason (or ``FALSE: …``).

The reports are linted together, like ``reportlint check tests/fixtures/corpus`` does, so that the
repository rules (SUM004, the previous year's report) see the reports of the same organisation.
``tests/test_corpus_review.py`` fails when a finding appears or disappears without the list being
updated, and on every ``REASON NEEDED``.

    python tests/corpus_review.py              # what differs from the lists (nothing written)
    python tests/corpus_review.py --update     # rewrite the lists: reasons kept, new findings
                                               #   get REASON NEEDED, vanished ones are dropped
    python tests/corpus_review.py --show [NAME …]   # each finding with its message and its reason
    python tests/corpus_review.py --false      # every FALSE entry (what the fixes must remove)

A finding's identity is its position, code and severity: a finding that moves or changes severity
is a new finding and needs its reason written again (``--update`` shows the old reason next to the
placeholder when it can tell which one it was).
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

CORPUS = HERE / "fixtures" / "corpus"
SUFFIX = ".findings"
PLACEHOLDER = "REASON NEEDED"
FALSE = "FALSE:"
ENTRY = re.compile(r"^(\d+):(\d+)\s+([A-Z]{2,5}\d{3})\s+([a-z]+)\s+(.*?)\s*$")
HEADER = (
    "# Reviewed findings of {name} (default rule selection), one per line:\n"
    "#   LINE:COL CODE SEVERITY  why it is true | FALSE: why it is false (issue 12 class N) | REASON NEEDED\n"
    "# Check and update with: python tests/corpus_review.py [--update|--show|--false] (see tests/README.md)\n"
)

Key = tuple  # (line, column, code, severity)


@dataclass
class Entry:
    line: int
    column: int
    code: str
    severity: str
    reason: str

    @property
    def key(self) -> Key:
        return (self.line, self.column, self.code, self.severity)

    @property
    def false(self) -> bool:
        return self.reason.startswith(FALSE)

    @property
    def needs_reason(self) -> bool:
        return self.reason.startswith(PLACEHOLDER)

    def render(self) -> str:
        return f"{self.line}:{self.column} {self.code} {self.severity}  {self.reason}"


@dataclass
class Review:
    path: Path
    comments: list[str]
    entries: list[Entry]


def fixtures() -> list[Path]:
    """The real-report fixtures (every Markdown file of tests/fixtures/corpus/)."""
    return sorted(CORPUS.glob("*.md"))


def list_path(fixture: Path) -> Path:
    return fixture.with_suffix(SUFFIX)


def read_review(path: Path) -> Review:
    comments, entries = [], []
    if not path.exists():
        return Review(path, [], [])
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        if raw.lstrip().startswith("#"):
            if not entries:
                comments.append(raw)
            continue
        m = ENTRY.match(raw)
        if not m or not m.group(5):
            raise ValueError(f"{path}:{n}: want 'LINE:COL CODE SEVERITY  reason', got {raw!r}")
        entries.append(Entry(int(m.group(1)), int(m.group(2)), m.group(3), m.group(4), m.group(5)))
    return Review(path, comments, entries)


def write_review(review: Review, name: str) -> None:
    head = review.comments or HEADER.format(name=name).splitlines()
    body = [e.render() for e in sorted(review.entries, key=lambda e: e.key)]
    review.path.write_text("\n".join(head + body) + "\n", encoding="utf-8")


def lint_corpus(paths: list[Path] | None = None):
    """Lint the real-report fixtures together; returns {fixture path: sorted diagnostics}."""
    from expectations import read_fixture
    from reportlint.engine import Linter
    from reportlint.settings import Settings

    paths = fixtures() if paths is None else paths
    linter = Linter(Settings())
    results = [linter.lint_text(read_fixture(p).source, str(p)) for p in paths]
    diags = [d for r in results for d in r.diagnostics] + linter.run_repository_rules(results)
    errors = linter.errors + [e for r in results for e in r.errors]
    assert not errors, errors
    out = {p: [] for p in paths}
    for d in diags:
        out[Path(d.path)].append(d)
    return {p: sorted(ds, key=lambda d: (d.line, d.column, d.code)) for p, ds in out.items()}


def diff(review: Review, diags) -> tuple[list, list[Entry]]:
    """(findings not in the list, entries with no finding)."""
    want = Counter(e.key for e in review.entries)
    got = Counter((d.line, d.column, d.code, d.severity) for d in diags)
    new = [d for d in diags if got[k := (d.line, d.column, d.code, d.severity)] > want[k]]
    gone = [e for e in review.entries if want[e.key] > got[e.key]]
    return new, gone


def updated(review: Review, diags) -> tuple[Review, list[Entry], list[Entry]]:
    """The list rewritten for ``diags``: (review, entries added, entries dropped)."""
    old = {}
    for e in review.entries:
        old.setdefault(e.key, []).append(e)
    got = Counter((d.line, d.column, d.code, d.severity) for d in diags)
    kept, added = [], []
    for key, n in got.items():
        before = old.get(key, [])
        if len(before) == n:
            kept += before
            continue
        for i in range(n):  # new, or a different number of findings at one place: review them all
            hint = _hint(review.entries, got, key, before[i] if i < len(before) else None)
            added.append(Entry(*key, PLACEHOLDER + (f" (was: {hint})" if hint else "")))
    dropped = [e for e in review.entries if len(old[e.key]) != got.get(e.key, 0)]
    return Review(review.path, review.comments, kept + added), added, dropped


def _hint(entries: list[Entry], got: Counter, key: Key, same: Entry | None) -> str:
    """The old reason of the entry a new finding most likely replaces, to be re-read."""
    if same is not None:
        return f"{same.render()}"
    line, col, code, _ = key
    vanished = [e for e in entries if e.key not in got and e.code == code]
    for e in vanished:
        if e.line == line:
            return e.render()
    by_col = [e for e in vanished if e.column == col]
    return by_col[0].render() if len(by_col) == 1 else ""


def _describe(d) -> str:
    return f"{d.line}:{d.column} {d.code} {d.severity}  {d.message.en}"


def main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python tests/corpus_review.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--update", action="store_true", help="rewrite the lists (reasons kept, new findings get REASON NEEDED)")
    ap.add_argument("--show", action="store_true", help="print each finding with its message and its reason")
    ap.add_argument("--false", action="store_true", help="print every entry marked FALSE")
    ap.add_argument("names", nargs="*", help="fixture names (default: all); a prefix such as 010 is enough")
    args = ap.parse_args(argv)
    paths = fixtures()
    if args.names:
        paths = [p for p in paths if any(p.name.startswith(n) for n in args.names)]
    found = lint_corpus(fixtures())  # always all together: cross-year rules need the whole set
    status = 0
    for path in paths:
        review = read_review(list_path(path))
        diags = found[path]
        rel = path.relative_to(HERE.parent)
        if args.show:
            reasons = {}
            for e in review.entries:
                reasons.setdefault(e.key, []).append(e.reason)
            print(f"== {rel}")
            for d in diags:
                key = (d.line, d.column, d.code, d.severity)
                why = reasons.get(key, []).pop(0) if reasons.get(key) else "(not in the list)"
                print(f"{rel}:{_describe(d)}\n    reason: {why}")
            continue
        if args.false:
            for e in review.entries:
                if e.false:
                    print(f"{rel}:{e.render()}")
            continue
        if args.update:
            new_review, added, dropped = updated(review, diags)
            if added or dropped or not list_path(path).exists():
                write_review(new_review, path.name)
                print(f"{list_path(path).relative_to(HERE.parent)}: {len(added)} added, {len(dropped)} dropped")
            for e in dropped:
                print(f"  - {e.render()}")
            for e in added:
                print(f"  + {e.render()}")
            continue
        new, gone = diff(review, diags)
        if new or gone or not list_path(path).exists():
            status = 1
            print(f"{rel}: the findings differ from {list_path(path).name}")
            for d in new:
                print(f"  + {_describe(d)}")
            for e in gone:
                print(f"  - {e.render()}")
        for e in review.entries:
            if e.needs_reason:
                status = 1
                print(f"{rel}:{e.render()}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
