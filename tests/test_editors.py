"""Editor integration: --stdin-filename and the README recipes for VS Code, Vim, Neovim, Emacs."""
import json
import re
import shutil
import subprocess

import pytest

from clihelp import CLEAN, VARIANT, VARIANT_LINE, make_repo, run_cli, snippet

EXPECTED_SEC006 = ("warning", "SEC006", VARIANT_LINE, 4)


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path, {"reports/2024/a.md": VARIANT, "drafts/x.md": VARIANT,
                                ".reportlint.toml": ('exclude = ["drafts"]\n'
                                                     '[per-file-ignores]\n"reports/2019/**" = ["SEC006"]\n')})


# --------------------------------------------------------------------------- --stdin-filename


def test_stdin_filename_lints_standard_input_as_that_file(repo):
    # the buffer differs from the file on disk: the finding is where the buffer has it
    buffer = VARIANT.replace("## 一、总体情况", "前言。\n\n## 一、总体情况", 1)
    proc = run_cli("check", "--format", "gcc", "--stdin-filename", "reports/2024/a.md", "-", cwd=repo, input=buffer)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (f"reports/2024/a.md:{VARIANT_LINE + 2}:4: warning: SEC006 section title "
                           "'五、政府信息公开工作存在的主要问题及改进情况' differs from the official title '五、存在的主要问题及改进情况'\n")
    # without '-' too, and JSON positions
    proc = run_cli("check", "--format", "json", "--stdin-filename", "reports/2024/a.md", cwd=repo, input=VARIANT)
    d = json.loads(proc.stdout)[0]
    assert (d["path"], d["line"], d["column"], d["end_line"], d["end_column"]) == (
        "reports/2024/a.md", VARIANT_LINE, 4, VARIANT_LINE, 4 + len("五、政府信息公开工作存在的主要问题及改进情况"))


def test_stdin_filename_uses_the_configuration_of_that_path(repo):
    # per-file-ignores for reports/2019/** apply because of the name given, not the content
    proc = run_cli("check", "--format", "gcc", "--stdin-filename", "reports/2019/b.md", cwd=repo, input=VARIANT)
    assert proc.returncode == 0 and proc.stdout == ""
    # an excluded path stays excluded
    proc = run_cli("check", "--stdin-filename", "drafts/y.md", cwd=repo, input=VARIANT)
    assert proc.stdout == "All checks passed (0 files).\n"
    # an absolute path from an editor in another folder finds the same configuration
    proc = run_cli("check", "--format", "gcc", "--stdin-filename", str(repo / "reports/2019/b.md"), cwd="/",
                   input=VARIANT)
    assert proc.stdout == ""
    proc = run_cli("check", "--format", "gcc", "--stdin-filename", str(repo / "reports/2024/b.md"), cwd="/",
                   input=VARIANT)
    assert f"{repo}/reports/2024/b.md:{VARIANT_LINE}:4: warning: SEC006" in proc.stdout


def test_stdin_with_bom_crlf_and_show_source(repo):
    data = ("\ufeff" + VARIANT).replace("\n", "\r\n").encode("utf-8")
    proc = run_cli("check", "--show-source", "--stdin-filename", "reports/2024/a.md", cwd=repo, input=data)
    assert f"reports/2024/a.md:{VARIANT_LINE}:4: SEC006" in proc.stdout
    assert f"{VARIANT_LINE} | ## 五、政府信息公开工作存在的主要问题及改进情况\n" in proc.stdout


def test_stdin_usage_errors(repo):
    proc = run_cli("check", "--stdin-filename", "a.md", "reports", cwd=repo, input="")
    assert proc.returncode == 2 and "standard input" in proc.stderr
    proc = run_cli("check", "--fix", "--stdin-filename", "a.md", cwd=repo, input="")
    assert proc.returncode == 2


# --------------------------------------------------------------------------- recipes


def gcc_output(repo):
    proc = run_cli("check", "--format", "gcc", "reports/2024/a.md", "--select", "SEC,FM", cwd=repo)
    assert proc.stdout
    return proc.stdout


def test_vscode_task_and_problem_matcher(repo):
    tasks = json.loads(snippet("vscode"))
    task = tasks["tasks"][0]
    matcher = task["problemMatcher"]
    pattern = matcher["pattern"]
    # run the task's command as VS Code would, with ${file} and ${workspaceFolder} substituted
    args = [a.replace("${file}", str(repo / "reports/2024/a.md")) for a in task["args"]]
    assert task["command"] == "reportlint" and task["options"]["cwd"] == "${workspaceFolder}"
    proc = run_cli(*args, cwd=repo)
    lines = proc.stdout.splitlines()
    assert lines, proc.stderr
    rx = re.compile(pattern["regexp"])  # the same syntax in JavaScript and Python for this pattern
    parsed = []
    for ln in lines:
        m = rx.match(ln)
        assert m, f"the problem matcher does not match {ln!r}"
        parsed.append((m.group(pattern["severity"]), m.group(pattern["code"]), int(m.group(pattern["line"])),
                       int(m.group(pattern["column"])), m.group(pattern["file"])))
    assert parsed == [EXPECTED_SEC006 + ("reports/2024/a.md",)]


def errorformat_regexes(efm: str):
    """Translate the errorformat items used in the recipes (%f %l %c %t %m, '\\ ') to regexes."""
    out = []
    for item in re.split(r"(?<!\\),", efm):
        rx, kinds = "", []
        i = 0
        while i < len(item):
            if item.startswith("\\ ", i):
                rx += " "
                i += 2
            elif item[i] == "%":
                k = item[i + 1]
                rx += {"f": r"(.+?)", "l": r"(\d+)", "c": r"(\d+)", "t": r"(.)", "m": r"(.*)"}[k]
                kinds.append(k)
                i += 2
            else:
                rx += re.escape(item[i])
                i += 1
        out.append((re.compile("^" + rx + "$"), kinds))
    return out


def parse_efm(efm: str, text: str):
    items = errorformat_regexes(efm)
    out = []
    for ln in text.splitlines():
        for rx, kinds in items:
            m = rx.match(ln)
            if m:
                g = dict(zip(kinds, m.groups()))
                out.append((g["t"], g["m"].split(" ", 1)[0], int(g["l"]), int(g["c"]), g["f"]))
                break
        else:
            raise AssertionError(f"errorformat matches no item for {ln!r}")
    return out


def vim_settings():
    text = snippet("vim")
    makeprg = re.search(r"^setlocal makeprg=(.*)$", text, re.M).group(1)
    efm = re.search(r"^setlocal errorformat=(.*)$", text, re.M).group(1)
    return makeprg.replace("\\ ", " "), efm


def test_vim_errorformat_parses_the_output(repo):
    makeprg, efm = vim_settings()
    assert makeprg == "reportlint check --format gcc %"
    cmd = makeprg.replace("%", "reports/2024/a.md").split()
    assert cmd[0] == "reportlint"
    proc = run_cli(*cmd[1:], cwd=repo)
    parsed = parse_efm(efm.replace("\\ ", " ").replace(" ", "\\ "), proc.stdout)
    assert parsed == [("w", "SEC006", VARIANT_LINE, 4, "reports/2024/a.md")]
    # every severity has an item: error and info lines parse too
    sample = "a.md:1:2: error: FM001 x\na.md:3:4: info: FM006 y\n"
    assert [p[0] for p in parse_efm(efm, sample)] == ["e", "i"]


@pytest.mark.skipif(shutil.which("vim") is None, reason="vim is not installed")
def test_vim_itself_reads_the_output_into_quickfix(repo, tmp_path):
    _, efm = vim_settings()
    out = tmp_path / "out.txt"
    out.write_text(run_cli("check", "--format", "gcc", "reports/2024/a.md", cwd=repo).stdout
                   + "reports/2024/a.md:1:1: error: FM001 demo\n", encoding="utf-8")
    result = tmp_path / "qf.json"
    script = tmp_path / "t.vim"
    script.write_text("set encoding=utf-8\n"
                      f"setlocal errorformat={efm}\n"
                      f"cgetfile {out}\n"
                      "call writefile([json_encode(map(getqflist(), "
                      "{_, e -> [e.type, e.lnum, e.col, bufname(e.bufnr), e.text]}))], "
                      f"'{result}')\n"
                      "qa!\n", encoding="utf-8")
    subprocess.run(["vim", "-Nu", "NONE", "-i", "NONE", "-es", "-S", str(script)], cwd=repo, timeout=60,
                   capture_output=True)
    qf = json.loads(result.read_text(encoding="utf-8"))
    assert [q[:4] for q in qf] == [["w", VARIANT_LINE, 4, "reports/2024/a.md"], ["e", 1, 1, "reports/2024/a.md"]]
    assert qf[0][4].startswith("SEC006 section title")


def test_nvim_lint_recipe(repo):
    lua = snippet("nvim-lint")
    args_src = re.search(r"args = \{(.*?)\},\n", lua).group(1)
    args = []
    for tok in re.findall(r'"([^"]*)"|(function\(\).*?end)', args_src):
        args.append(tok[0] if tok[0] else "<buffer name>")
    assert args == ["check", "--format", "gcc", "--stdin-filename", "<buffer name>", "-"]
    assert re.search(r"\bstdin = true\b", lua)
    efm = re.search(r'from_errorformat\(\s*"([^"]*)"', lua).group(1)
    assert efm == vim_settings()[1].replace("\\ ", " ")
    buffer_name = str(repo / "reports/2024/a.md")
    proc = run_cli(*[buffer_name if a == "<buffer name>" else a for a in args], cwd=repo, input=VARIANT)
    assert parse_efm(efm.replace(" ", "\\ "), proc.stdout) == [("w", "SEC006", VARIANT_LINE, 4, buffer_name)]


def rx_to_regex(form: str) -> tuple[str, re.Pattern]:
    """Translate one flycheck error pattern (rx notation) as used in the recipe to a regex."""
    level, body = form.split(" ", 1)
    parts = re.findall(r'"[^"]*"|\([^()]*(?:\([^()]*\))?[^()]*\)|[\w-]+', body)
    rx = ""
    for p in parts:
        if p.startswith('"'):
            rx += re.escape(p[1:-1])
        elif p == "line-start":
            rx += "^"
        elif p == "line-end":
            rx += "$"
        elif p == "line":
            rx += r"(?P<line>\d+)"
        elif p == "column":
            rx += r"(?P<column>\d+)"
        elif p == "(file-name)":
            rx += r"(?P<file>.+?)"
        elif p == "(message)":
            rx += r"(?P<message>.+?)"
        elif p == "(id (one-or-more alnum))":
            rx += r"(?P<id>[0-9A-Za-z]+)"
        else:
            raise AssertionError(f"unexpected rx form {p!r}")
    return level, re.compile(rx)


def test_flycheck_recipe(repo):
    el = snippet("flycheck")
    cmd = re.search(r":command \((.*?)\)\n", el).group(1)
    tokens = re.findall(r'"([^"]*)"|(\S+)', cmd)
    args = [a or b for a, b in tokens]
    assert args == ["reportlint", "check", "--format", "gcc", "--stdin-filename", "source-original", "-"]
    assert ":standard-input t" in el
    patterns = [rx_to_regex(m) for m in re.findall(r"\((error|warning|info) (line-start.*?line-end)\)",
                                                   el.replace("\n", " "))
                for m in [" ".join(m)]]
    assert [p[0] for p in patterns] == ["error", "warning", "info"]
    buffer_name = str(repo / "reports/2024/a.md")
    proc = run_cli(*[buffer_name if a == "source-original" else a for a in args[1:]], cwd=repo,
                   input=VARIANT + "\n")
    text = proc.stdout + "x.md:1:1: error: FM001 demo\nx.md:2:1: info: FM006 demo\n"
    parsed = []
    for ln in text.splitlines():
        hits = [(level, m) for level, rx in patterns if (m := rx.match(ln))]
        assert len(hits) == 1, ln
        level, m = hits[0]
        parsed.append((level, m["id"], int(m["line"]), int(m["column"]), m["file"]))
    assert parsed == [("warning", "SEC006", VARIANT_LINE, 4, buffer_name),
                      ("error", "FM001", 1, 1, "x.md"), ("info", "FM006", 2, 1, "x.md")]
