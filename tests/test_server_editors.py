"""The README's language-server setups for VS Code, Neovim, Emacs and Helix: each is parsed in its
own format and must start `reportlint server` with options the server knows; the Neovim one is
run in a real Neovim, against the real server, when Neovim is installed."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

try:
    import tomllib
except ImportError:  # Python 3.10: the same parser, a dependency of reportlint there
    import tomli as tomllib

import pytest

from clihelp import ROOT, make_repo, run_cli, snippet
from reportlint.server.lsp import INIT_OPTIONS, apply_init_options
from reportlint.server.session import Options
from test_server import DEFECTIVE, LINK_LINE


def accepted(init: dict) -> Options:
    options = Options()
    assert apply_init_options(options, init, None) == []
    return options


def test_readme_options_table_lists_every_option():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| option | flag | default |"):]
    table = table[:table.index("\n\n")]
    named = set(re.findall(r"^\| `(\w+)`(?:, `(\w+)`)?(?:, `(\w+)`)?", table, re.M))
    assert {n for row in named for n in row if n} == set(INIT_OPTIONS)
    # the flags the table names exist
    help_text = run_cli("server", "--help").stdout
    for flag in re.findall(r"`(--[a-z-]+)`", table):
        assert flag in help_text, flag


def test_unknown_or_wrong_options_are_reported_and_ignored():
    options = Options()
    problems = apply_init_options(options, {"langg": "zh", "debounce": "fast", "lang": "zh"}, "en-US")
    assert problems == ["unknown option 'langg' (known: " + ", ".join(INIT_OPTIONS) + ")",
                        "option 'debounce' must be milliseconds (0 to 60000), not 'fast'"]
    assert options.lang == "zh" and options.debounce == 0.3
    assert apply_init_options(Options(), None, "zh-CN") == [] and accepted({}).lang == "en"
    locale = Options()
    apply_init_options(locale, {}, "zh-CN")
    assert locale.lang == "zh"


def test_vscode_generic_client_settings():
    settings = json.loads(snippet("vscode-lsp"))
    assert [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]] == ["reportlint", "server"]
    assert settings["glspc.server.languageId"] == ["markdown"]
    assert accepted(settings["glspc.server.initializationOptions"]).lang == "zh"


def test_helix_languages_toml():
    cfg = tomllib.loads(snippet("helix"))
    server = cfg["language-server"]["reportlint"]
    assert [server["command"], *server["args"]] == ["reportlint", "server"]
    assert accepted(server["config"]).lang == "zh"  # Helix sends `config` as initializationOptions
    markdown = next(lang for lang in cfg["language"] if lang["name"] == "markdown")
    assert "reportlint" in markdown["language-servers"]


def elisp_balanced(text: str) -> bool:
    depth = 0
    for ch in re.sub(r'"(?:\\.|[^"\\])*"', '""', text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def test_emacs_eglot():
    el = snippet("eglot")
    assert elisp_balanced(el)
    m = re.search(r'\("reportlint" "server" :initializationOptions \(([^()]*)\)\)', el)
    assert m, el
    plist = re.findall(r':(\w+) "([^"]*)"', m.group(1))
    assert accepted(dict(plist)).lang == "zh"
    assert "(markdown-mode gfm-mode)" in el and "eglot-ensure" in el


def lua_table(text: str, key: str) -> list[str]:
    m = re.search(key + r' = \{([^{}]*)\}', text)
    assert m, key
    return re.findall(r'"([^"]*)"', m.group(1))


def lua_balanced(text: str) -> bool:
    stripped = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    return all(stripped.count(a) == stripped.count(b) for a, b in ("()", "{}", "[]"))


def test_neovim_snippets():
    for name in ("nvim-lsp", "nvim-lsp-config"):
        lua = snippet(name)
        assert lua_balanced(lua), name
        assert lua_table(lua, "cmd") == ["reportlint", "server"]
        assert re.search(r'init_options = \{ lang = "zh" \}', lua)
        assert accepted({"lang": "zh"}).lang == "zh"
    assert 'pattern = "markdown"' in snippet("nvim-lsp")
    assert lua_table(snippet("nvim-lsp-config"), "filetypes") == ["markdown"]


# Neovim 0.7 (Debian 12) has no vim.lsp.start and no vim.fs: small stand-ins let it run the snippet
NVIM_SHIMS = '''
if not vim.lsp.start then
  vim.lsp.start = function(config)
    local id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(0, id)
    return id
  end
end
if not vim.fs then
  vim.fs = {
    dirname = function(p) return p and vim.fn.fnamemodify(p, ":h") end,
    find = function(names, opts)
      for _, n in ipairs(names) do
        local f = vim.fn.findfile(n, opts.path .. ";")
        if f == "" then f = vim.fn.finddir(n, opts.path .. ";") end
        if f ~= "" then return { (vim.fn.fnamemodify(f, ":p"):gsub("/$", "")) } end
      end
      return {}
    end,
  }
end
'''

# open the report, wait for the diagnostics, hover over the TBL011 cell, apply the preferred quick
# fix of the first LNK006 finding, wait for the diagnostics of the fixed text; write what was seen
NVIM_SESSION = '''
local out = {}
vim.cmd("edit reports/2024/a.md")
out.ok = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local function simple(ds)
  local r = {}
  for _, d in ipairs(ds) do
    table.insert(r, { d.lnum, d.col, d.end_lnum, d.end_col, d.code or d.user_data.lsp.code, d.severity })
  end
  table.sort(r, function(a, b) return a[1] < b[1] or (a[1] == b[1] and a[2] < b[2]) end)
  return r
end
out.diags = simple(vim.diagnostic.get(0))
local function lsp_pos(lnum, col)
  local line = vim.api.nvim_buf_get_lines(0, lnum, lnum + 1, false)[1]
  local _, c16 = vim.str_utfindex(line, col)
  return { line = lnum, character = c16 }
end
local uri = vim.uri_from_bufnr(0)
local tbl, lnk
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or d.user_data.lsp.code
  if code == "TBL011" then tbl = d end
  if code == "LNK006" and (lnk == nil or d.col < lnk.col) then lnk = d end
end
local hover = vim.lsp.buf_request_sync(0, "textDocument/hover",
  { textDocument = { uri = uri }, position = lsp_pos(tbl.lnum, tbl.col) }, 10000)
for _, res in pairs(hover or {}) do out.hover = res.result and res.result.contents.value end
local range = { start = lsp_pos(lnk.lnum, lnk.col), ["end"] = lsp_pos(lnk.end_lnum, lnk.end_col) }
local actions = vim.lsp.buf_request_sync(0, "textDocument/codeAction",
  { textDocument = { uri = uri }, range = range, context = { diagnostics = {} } }, 10000)
out.titles = {}
for _, res in pairs(actions or {}) do
  for _, a in ipairs(res.result or {}) do
    table.insert(out.titles, a.title)
    if a.isPreferred then vim.lsp.util.apply_workspace_edit(a.edit, "utf-16") end
  end
end
out.fixed_line = vim.api.nvim_buf_get_lines(0, lnk.lnum, lnk.lnum + 1, false)[1]
vim.wait(10000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.lnum == lnk.lnum and d.col == lnk.col then return false end
  end
  return true
end, 50)
out.after = simple(vim.diagnostic.get(0))
vim.fn.writefile({ vim.fn.json_encode(out) }, OUT)
vim.cmd("qa!")
'''


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed")
def test_neovim_runs_the_readme_setup_against_the_real_server(tmp_path):
    repo = make_repo(tmp_path / "repo", {"reports/2024/a.md": DEFECTIVE})
    out = tmp_path / "out.json"
    script = tmp_path / "session.lua"
    script.write_text('vim.cmd("filetype on")\n' + NVIM_SHIMS + snippet("nvim-lsp")
                      + f"OUT = {json.dumps(str(out))}\n" + NVIM_SESSION, encoding="utf-8")
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
           "LC_ALL": "C.UTF-8", "HOME": str(tmp_path)}
    env.pop("REPORTLINT_TODAY", None)
    proc = subprocess.run(["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-c", f"luafile {script}"],
                          cwd=repo, env=env, capture_output=True, timeout=120)
    assert out.exists(), proc.stderr.decode("utf-8", "replace")
    seen = json.loads(out.read_text(encoding="utf-8"))
    assert seen["ok"]
    # what `reportlint check` says, in Neovim's terms: 0-based lines, columns in UTF-8 bytes
    proc = run_cli("check", "--no-cache", "--format", "json", "--lang", "zh", "reports/2024/a.md", cwd=repo)
    lines = DEFECTIVE.split("\n")

    def col(line, c):
        return len(lines[line - 1][:c - 1].encode("utf-8"))
    sev = {"error": 1, "warning": 2, "info": 3}
    want = sorted([d["line"] - 1, col(d["line"], d["column"]), d["end_line"] - 1, col(d["end_line"], d["end_column"]),
                   d["code"], sev[d["severity"]]] for d in json.loads(proc.stdout))
    assert seen["diags"] == want
    link = next(d for d in seen["diags"] if d[4] == "LNK006")
    assert link[1] == len(LINK_LINE[:LINK_LINE.index("http：")].encode("utf-8"))  # after 𠀀 and 😀
    assert "**TBL011** `chinese-numeral`" in seen["hover"] and "中文数字" in seen["hover"]
    assert "在本行禁用 LNK006" in seen["titles"]
    assert seen["fixed_line"] == LINK_LINE.replace("http：", "http:")
    assert sorted(d[4] for d in seen["after"]) == ["LNK006", "SEC006", "TBL011"]
