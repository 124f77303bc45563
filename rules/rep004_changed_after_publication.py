"""A table figure was changed in a commit made after the report's ``published`` date, and the
front matter has no ``revised:`` entry for the change.

A published report is a public record: evaluations note reports whose content changed after
publication without notice (CASS 2016: 部分评估对象年度报告发布后有变动). A correction is legitimate
when it is declared::

    revised:
      - date: 2025-03-02
        reason: 更正表三“本年新收政府信息公开申请数量”

The rule reads the file's history with ``git log`` (only inside a git repository, and only for the
files that commits changed after their ``published`` date: one ``git log`` per repository and run).
The published version is the file as committed on or before the ``published`` date (commit dates,
the committer's calendar day); when the repository did not hold the report by then (reports added
later), nothing is said. For each table figure whose value in the last commit differs from the
published version, the finding sits on the figure, gives both values and the commit that last
changed it. The change counts as declared when a ``revised:`` entry dated on or after ``published``
was added in that commit or later. Uncommitted changes are never reported: while the file's tables
differ from its last commit, the rule says nothing about it. A file renamed after publication is
followed from its new name only (its published version is not found: nothing is said). CI needs the
full history (``fetch-depth: 0``); in a shallow clone the published version is usually not there.
"""
from array import array
from collections import OrderedDict
from datetime import timedelta

from reportlint.api import (blake2b, decode_document, finding, git_history, load_profile, parse_date,
                            report_identity, table_model)

CODE = "REP004"
NAME = "changed-after-publication"
SUMMARY = "A table figure changed after publication without a revised: entry"
SUMMARY_ZH = "报告发布后表格数据被修改且未注明修订"
SEVERITY = "warning"
SCOPE = "repository"
MAX_VERSIONS = 50  # commits after publication read per file (the newest)


def _cells(doc, edition):
    """The document's table cells, in order: each one's key and value as text
    (``t3.r_total.c_total\x1f12``), the four numbers of each one's span (one flat list), and the
    cell hits."""
    texts, numbers, hits = [], [], []
    for lt in table_model(doc, edition).tables.values():
        tid = lt.spec.id
        for (row, col), hit in lt.cells.items():
            value = hit.value
            texts.append(f"{tid}.{row}.{col}\x1f{str(value) if value is not None else ' '.join(hit.cell.text.split())}")
            numbers += hit.cell.span
            hits.append(hit)
    return texts, numbers, hits


def _digest(texts, numbers):
    """What the tables say and where (the same text gives the same cells in the same order), from
    :func:`_cells` (hundreds of cells per report: spans are hashed as numbers, not written out)."""
    h = blake2b("\x1e".join(texts).encode("utf-8", "surrogatepass"), digest_size=16)
    h.update(array("q", numbers).tobytes())
    return h.hexdigest()


def _figures(doc, edition):
    """(cell key -> [value as text, span, label] of every table cell of the document, its digest)."""
    texts, numbers, hits = _cells(doc, edition)
    figures = {}
    for text, hit in zip(texts, hits):
        key, value = text.split("\x1f", 1)  # keys are the profile's: no \x1f in them
        figures[key] = [value, list(hit.cell.span), hit.label]
    return figures, _digest(texts, numbers)


def _revisions(fm):
    data = fm.data if fm is not None and fm.error is None and isinstance(fm.data, dict) else {}
    out = []
    for entry in data.get("revised") or [] if isinstance(data.get("revised"), list) else []:
        if isinstance(entry, dict) and parse_date(entry.get("date")) is not None:
            out.append([str(entry.get("date")).strip(), " ".join(str(entry.get("reason") or "").split())])
    return out


def collect(doc, profile, options):
    facts = report_identity(doc, profile.profile_id)
    if facts is None or facts["published"] is None:
        return None
    return {"published": facts["published"], "revised": _revisions(doc.front_matter),
            "figures": _digest(*_cells(doc, profile)[:2]),
            "edition": [str(profile.profile.path), profile.id]}


def check_repository(items, options):
    items = [(p, d) for p, d in items if d.get("published")]
    if not items:
        return
    git = git_history()
    by_top = {}
    for path, data in items:
        top = git.top(path)
        if top is not None:
            by_top.setdefault(top, []).append((path, data))
    for top, group in sorted(by_top.items()):
        since = min(parse_date(d["published"]) for _, d in group)
        rels = {path: git.relpath(path, top) for path, _ in group}
        changed = git.changed_since(top, (since - timedelta(days=2)).isoformat(),
                                    sorted(rels.values()) if len(rels) <= 100 else None)
        for path, data in group:
            rel = rels[path]
            if not any(c.date > data["published"] for c in changed.get(rel, [])):
                continue
            yield from _check_file(git, top, rel, path, data)


_VERSIONS = OrderedDict()  # (top, rel, sha, edition id) -> (edition, figures, revisions, digest): an editor asks often


def _versions(git, top, rel, path, shas, edition):
    """(figures, revisions, digest of the figures) of the file at each commit, or None when one
    cannot be read."""
    def key(sha):
        return (top, rel, sha, id(edition))

    todo = [sha for sha in shas if _VERSIONS.get(key(sha), (None,))[0] is not edition]
    blobs = git.read(top, rel, todo) if todo else {}
    for sha in todo:
        if sha not in blobs:
            return None
        doc = decode_document(path, blobs[sha])
        if doc.problem is not None:
            return None
        figures, digest = _figures(doc, edition)
        _VERSIONS[key(sha)] = (edition, figures, {tuple(r) for r in _revisions(doc.front_matter)}, digest)
    out = []
    for sha in shas:
        _VERSIONS.move_to_end(key(sha))
        out.append(_VERSIONS[key(sha)][1:])
    while len(_VERSIONS) > 256:
        _VERSIONS.popitem(last=False)
    return out


def _check_file(git, top, rel, path, data):
    published = data["published"]
    commits = git.commits(top, rel)  # newest first
    base = next((i for i, c in enumerate(commits) if c.date <= published), None)
    if base is None or base == 0:
        return  # not in the repository when published, or nothing committed since
    after = list(reversed(commits[:base]))[-MAX_VERSIONS:]  # oldest first
    chain = [commits[base]] + after
    profile_path, edition_id = data["edition"]
    edition = load_profile(profile_path).editions.get(edition_id)
    if edition is None:
        return
    versions = _versions(git, top, rel, path, [c.sha for c in chain], edition)
    if versions is None:
        return
    head, _, digest = versions[-1]
    if digest != data["figures"]:
        return  # the file's tables differ from its last commit: uncommitted changes are not judged
    revised_now = {tuple(r) for r in data["revised"] if r[0] >= published}

    def value_at(i, key):
        return versions[i][0].get(key, (None,))[0]

    for key, (value, span, label) in head.items():
        old = value_at(0, key)
        if old == value:
            continue
        last = max(i for i in range(1, len(versions)) if value_at(i, key) != value_at(i - 1, key))
        if revised_now - versions[last - 1][1]:
            continue  # a revised: entry was added with the change or after it
        commit = chain[last]
        was = old if old not in (None, "") else ("blank" if old == "" else "not in the table")
        was_zh = old if old not in (None, "") else ("空白" if old == "" else "表中没有此项")
        shown = value if value != "" else "blank"
        yield path, finding(
            tuple(span),
            f"{label} = {shown} since commit {commit.sha[:10]} of {commit.date}; it was {was} in the version "
            f"published on {published} (commit {chain[0].sha[:10]}), and no revised: entry in the front matter "
            f"declares the change (add one with its date and reason)",
            f"{label} 在 {commit.date} 的提交 {commit.sha[:10]} 中改为 {value or '空白'}；{published} 发布时为 "
            f"{was_zh}（提交 {chain[0].sha[:10]}），前置元数据中没有说明此次修改的 revised 条目（请补充修订日期和原因）",
            data={"published": published, "was": old, "now": value, "commit": commit.sha, "date": commit.date})
