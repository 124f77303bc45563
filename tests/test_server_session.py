"""The language server's linting, in process: a buffer within its repository."""
from __future__ import annotations

import os
from pathlib import Path

from clihelp import CLEAN, OFFICIAL_5, VARIANT_5, ROOT, make_repo
from reportlint.config import Resolver
from reportlint.engine import Linter, collect_files
from reportlint.registry import load_registry
from reportlint.server.session import Options, Session

CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def hongze(tmp_path) -> Path:
    return make_repo(tmp_path / "repo", {
        "2023/report.md": (CORPUS / "003-hongze-2023.md").read_text(encoding="utf-8"),
        "2024/report.md": (CORPUS / "004-hongze-2024.md").read_text(encoding="utf-8").replace(
            "| 行政规范性文件 | 3 | 0 | 8 |", "| 行政规范性文件 | 3 | 0 | 9 |"),
        "2024/waived.md": CLEAN.replace(OFFICIAL_5, "<!-- reportlint-waive SEC006 until=2099-01-01 reason=\"ok\" -->\n"
                                        + VARIANT_5)})


def test_lint_in_repository_is_a_whole_run_seen_from_one_file(tmp_path, monkeypatch):
    repo = hongze(tmp_path)
    monkeypatch.chdir(repo)
    reg = load_registry()
    linter = Linter(registry=reg, resolver=Resolver(reg))
    files = collect_files(["."])
    whole = linter.run(["."])
    others = [linter.lint_path(f) for f in files if str(f) != os.path.join("2024", "report.md")]
    before = [(len(r.waived), r.suppressions and [dict(d.used) for d in r.suppressions.directives]) for r in others]
    doc, settings = linter.document_of(Path("2024/report.md").read_bytes(), os.path.join("2024", "report.md"))
    run = linter.lint_in_repository(doc, settings, others)
    mine = [d for d in whole.diagnostics if d.path == os.path.join("2024", "report.md")]
    assert [(d.code, d.line, d.column, d.message) for d in run.diagnostics] == \
        [(d.code, d.line, d.column, d.message) for d in mine]
    assert "SUM004" in [d.code for d in run.diagnostics]
    # the other files' results are as they were (their waivers and suppressions not applied again)
    assert [(len(r.waived), r.suppressions and [dict(d.used) for d in r.suppressions.directives])
            for r in others] == before
    assert run.errors == [] and linter.errors == whole.errors


def test_a_repository_with_too_many_reports_is_not_read(tmp_path, monkeypatch):
    repo = hongze(tmp_path)
    monkeypatch.chdir(repo)
    path = str(repo / "2024/report.md")
    text = Path(path).read_text(encoding="utf-8")
    assert "SUM004" in [d.code for d in Session(Options(), [str(repo)]).lint(path, text).diagnostics]
    assert "SUM004" not in [d.code for d in Session(Options(max_files=1), [str(repo)]).lint(path, text).diagnostics]


def test_which_open_documents_a_changed_file_concerns(tmp_path, monkeypatch):
    repo = hongze(tmp_path)
    other = make_repo(tmp_path / "other", {"x.md": CLEAN})
    monkeypatch.chdir(repo)
    session = Session(Options(), [str(repo), str(other)])
    open_docs = [str(repo / "2024/report.md"), str(repo / "2023/report.md"), str(other / "x.md")]
    for p in open_docs:
        session.lint(p, Path(p).read_text(encoding="utf-8"))
    # another report of the same repository: that repository's open reports (not the file itself)
    assert session.files_changed([str(repo / "2023/report.md")], open_docs) == {str(repo / "2024/report.md")}
    # a configuration file: the open reports below its folder
    assert session.files_changed([str(repo / "2024/.reportlint.toml")], open_docs) == {str(repo / "2024/report.md")}
    assert session.files_changed([str(other / "pyproject.toml")], open_docs) == {str(other / "x.md")}
    # anything else: none
    assert session.files_changed([str(repo / "notes.txt")], open_docs) == set()


def test_a_changed_profile_rebuilds_the_configuration(tmp_path, monkeypatch):
    """A profile named by `profile-paths` (a folder here) is read again when a file in it changes."""
    repo = hongze(tmp_path)
    src = (ROOT / "schemas/profiles/gov-info-disclosure.yaml").read_text(encoding="utf-8")
    (repo / "profiles").mkdir()
    (repo / "profiles/mine.yaml").write_text(src.replace("\nprofile: gov-info-disclosure\n", "\nprofile: mine\n", 1), encoding="utf-8")
    (repo / ".reportlint.toml").write_text('profile-paths = ["profiles"]\nprofile = "mine"\n', encoding="utf-8")
    monkeypatch.chdir(repo)
    session = Session(Options(), [str(repo)])
    path = str(repo / "2024/waived.md")
    text = Path(path).read_text(encoding="utf-8").replace("profile: gov-info-disclosure\n", "")
    assert session.lint(path, text).problem is None
    (repo / "profiles/mine.yaml").write_text("profile: [broken\n", encoding="utf-8")
    assert session.files_changed([str(repo / "profiles/mine.yaml")], [path]) == {path}
    out = session.lint(path, text)
    assert out.problem and out.diagnostics == []
    # without a notice from the editor, the next lint sees the change too
    (repo / "profiles/mine.yaml").write_text(src.replace("\nprofile: gov-info-disclosure\n", "\nprofile: mine\n", 1),
                                             encoding="utf-8")
    assert session.lint(path, text).problem is None
    (repo / "profiles/mine.yaml").write_text("profile: [broken again\n", encoding="utf-8")
    assert session.lint(path, text).problem


def test_a_folder_that_is_no_repository_of_reports_is_not_walked_again_and_again(tmp_path, monkeypatch):
    """An editor opened on a big folder (a home folder): after MAX_FOLDERS folders the walk stops
    and the folder is not looked at again until a report in it changes."""
    from reportlint.server import session as sessionmod

    root = make_repo(tmp_path / "home", {"a.md": CLEAN, **{f"d{i}/x.txt": "" for i in range(30)}})
    monkeypatch.setattr(sessionmod, "MAX_FOLDERS", 10)
    monkeypatch.chdir(root)
    session = Session(Options(), [str(root)])
    out = session.lint(str(root / "a.md"), CLEAN)
    index = session.index_for(str(root / "a.md"))
    assert index.too_many and index.entries == {} and out.diagnostics == []
    assert index.scanned_at == float("inf")  # not again on the next keystroke
    session.files_changed([str(root / "b.md")], [str(root / "a.md")])
    assert index.scanned_at == 0.0
