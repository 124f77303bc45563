"""Configuration files, run through the real CLI: discovery, keys, errors with positions."""
import json
import re

from clihelp import CLEAN, VARIANT, VARIANT_LINE, as_organization, make_repo, run_cli


def findings(proc):
    return [(d["path"], d["line"], d["code"], d["severity"]) for d in json.loads(proc.stdout)]


def test_pyproject_table_select_ignore_severity(tmp_path):
    repo = make_repo(tmp_path, {"reports/a.md": VARIANT, "pyproject.toml": (
        '[project]\nname = "reports"\n\n[tool.reportlint]\nseverity = { SEC006 = "error" }\n')})
    proc = run_cli("check", "--format", "json", "reports", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert findings(proc) == [("reports/a.md", VARIANT_LINE, "SEC006", "error")]
    (repo / "pyproject.toml").write_text('[tool.reportlint]\nignore = ["section-title-variant"]\n')
    proc = run_cli("check", "--format", "json", "reports", cwd=repo)
    assert proc.returncode == 0 and findings(proc) == []


def test_nearest_configuration_wins_and_discovery_stops_at_the_repository_root(tmp_path):
    # a configuration above the repository root is not used
    (tmp_path / ".reportlint.toml").write_text('ignore = ["SEC006"]\n')
    repo = make_repo(tmp_path / "repo", {"a.md": VARIANT, "sub/b.md": as_organization(VARIANT, "淮安市某局"),
                                          "sub/.reportlint.yaml": "severity:\n  SEC006: error\n"})
    proc = run_cli("check", "--format", "json", ".", cwd=repo)
    assert findings(proc) == [("a.md", VARIANT_LINE, "SEC006", "warning"),
                              ("sub/b.md", VARIANT_LINE, "SEC006", "error")]
    # without .git the walk goes on upwards and finds the outer file
    (repo / ".git").rmdir()
    proc = run_cli("check", "--format", "json", "a.md", cwd=repo)
    assert findings(proc) == []


def test_preference_within_one_folder(tmp_path):
    repo = make_repo(tmp_path, {"a.md": VARIANT, ".reportlint.toml": 'severity = { SEC006 = "error" }\n',
                                ".reportlint.yaml": "severity: {SEC006: info}\n",
                                "pyproject.toml": '[tool.reportlint]\nignore = ["SEC006"]\n'})
    assert findings(run_cli("check", "--format", "json", "a.md", cwd=repo))[0][3] == "error"
    (repo / ".reportlint.toml").unlink()
    assert findings(run_cli("check", "--format", "json", "a.md", cwd=repo))[0][3] == "info"
    (repo / ".reportlint.yaml").unlink()
    assert findings(run_cli("check", "--format", "json", "a.md", cwd=repo)) == []


def test_config_and_isolated_override_discovery(tmp_path):
    repo = make_repo(tmp_path, {"a.md": VARIANT, ".reportlint.toml": 'ignore = ["SEC006"]\n',
                                "other.yaml": "severity: {SEC: error}\n"})
    assert findings(run_cli("check", "--format", "json", "a.md", cwd=repo)) == []
    assert findings(run_cli("check", "--format", "json", "--isolated", "a.md", cwd=repo))[0][3] == "warning"
    assert findings(run_cli("check", "--format", "json", "--config", "other.yaml", "a.md", cwd=repo))[0][3] == "error"
    proc = run_cli("check", "--config", "missing.toml", "a.md", cwd=repo)
    assert proc.returncode == 2 and "missing.toml" in proc.stderr
    proc = run_cli("check", "--config", "other.yaml", "--isolated", "a.md", cwd=repo)
    assert proc.returncode == 2 and "not allowed with" in proc.stderr


def test_unknown_keys_and_invalid_values_name_file_line_and_key(tmp_path):
    repo = make_repo(tmp_path, {"a.md": CLEAN, "pyproject.toml": (
        '[project]\nname = "x"\n\n'            # 1-3
        '[tool.reportlint]\n'                 # 4
        'selct = ["SEC"]\n'                   # 5
        'ignore = ["FM", "SEQ006"]\n'         # 6
        'severity = { SEC006 = "eror" }\n'    # 7
        '\n[tool.reportlint.overrides."reports/2019/**"]\n'  # 8-9
        'edition = "2018"\n'                  # 10
        'profle = "x"\n'                      # 11
        '\n[tool.reportlint.options.expired-waiver]\n'  # 12-13
        'warn-before-days = -1\n'             # 14
        'warn_days = 3\n')})                  # 15
    proc = run_cli("check", "a.md", cwd=repo)
    assert proc.returncode == 2
    assert proc.stdout == ""
    err = proc.stderr.splitlines()
    assert err == [
        "pyproject.toml:5:1: error: tool.reportlint.selct: unknown key (did you mean 'select'?); known keys: "
        "select, extend-select, ignore, severity, options, profile, edition, exclude, per-file-ignores, "
        "overrides, profile-paths, max-file-size, repository",
        "pyproject.toml:6:17: error: tool.reportlint.ignore[1]: 'SEQ006' names no rule (not a code, a family "
        "prefix, a rule name or ALL; see `reportlint rules`) (did you mean 'SEC006'?)",
        "pyproject.toml:7:23: error: tool.reportlint.severity.SEC006: 'eror' is not one of error, warning, info",
        "pyproject.toml:10:11: error: tool.reportlint.overrides.\"reports/2019/**\".edition: profile "
        "'gov-info-disclosure' has no edition '2018'; editions: 2019, 2021",
        "pyproject.toml:11:1: error: tool.reportlint.overrides.\"reports/2019/**\".profle: unknown key (did you "
        "mean 'profile'?); known keys: select, extend-select, ignore, severity, options, profile, edition",
        "pyproject.toml:14:1: error: tool.reportlint.options.expired-waiver.warn-before-days: invalid option of "
        "rule SUP003 (expired-waiver): -1 is less than the minimum of 0",
        "pyproject.toml:15:1: error: tool.reportlint.options.expired-waiver.warn_days: rule SUP003 "
        "(expired-waiver) has no option 'warn_days' (did you mean 'warn-before-days'?); its options: "
        "warn-before-days",
    ], proc.stderr


def test_option_values_of_the_wrong_format_are_configuration_errors(tmp_path):
    """A regular expression that does not compile or a network that is not one must stop the run
    at the configuration (exit 2, file and line), not make the rule fail or silently match nothing."""
    repo = make_repo(tmp_path, {"a.md": CLEAN, ".reportlint.yaml": (
        "options:\n"
        "  LNK008:\n"
        "    exclude: ['^http://ok\\.', '[a-']\n"
        "  broken-external-link:\n"
        "    allow-networks: [10.0.0.0/8, 10.0.0.0/33]\n")})
    for args in (["a.md"], ["--check-external", "a.md"]):
        proc = run_cli("check", *args, cwd=repo)
        assert proc.returncode == 2 and proc.stdout == ""
        assert proc.stderr.splitlines() == [
            ".reportlint.yaml:3:31: error: options.LNK008.exclude[1]: invalid option of rule LNK008 "
            "(insecure-http-url): '[a-' is not a regular expression (unterminated character set at position 0)",
            ".reportlint.yaml:5:34: error: options.broken-external-link.allow-networks[1]: invalid option of rule "
            "LNK009 (broken-external-link): '10.0.0.0/33' is not an IP address or network (CIDR) "
            "('10.0.0.0/33' does not appear to be an IPv4 or IPv6 network)",
        ], proc.stderr
    (repo / ".reportlint.yaml").write_text("options:\n  LNK009:\n    allow-networks: [10.0.0.0/8, 'fd00::/8']\n"
                                           "    exclude: ['^https://intranet\\.']\n")
    assert run_cli("check", "a.md", cwd=repo).returncode == 0


def test_yaml_errors_have_positions_too(tmp_path):
    repo = make_repo(tmp_path, {"a.md": CLEAN, ".reportlint.yaml": (
        "ignore: [FM006]\n"
        "overrides:\n"
        "  reports/2019/**:\n"
        "    edition: 2019\n"
        "    optons: {}\n"
        "exclude: drafts\n")})
    proc = run_cli("check", "a.md", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        ".reportlint.yaml:5:5: error: overrides.\"reports/2019/**\".optons: unknown key (did you mean 'options'?); "
        "known keys: select, extend-select, ignore, severity, options, profile, edition",
        ".reportlint.yaml:6:10: error: exclude: expected a list, got the string 'drafts'",
    ]
    (repo / ".reportlint.yaml").write_text("ignore: [FM006\n")
    proc = run_cli("check", "a.md", cwd=repo)
    assert proc.returncode == 2 and proc.stderr.startswith(".reportlint.yaml:2:1: error: invalid YAML")
    (repo / ".reportlint.yaml").unlink()
    (repo / ".reportlint.toml").write_text("ignore = [FM006]\n")
    proc = run_cli("check", "a.md", cwd=repo)
    assert proc.returncode == 2 and proc.stderr.startswith(".reportlint.toml:1:11: error: invalid TOML")


def test_exclude_holds_even_for_files_named_explicitly(tmp_path):
    repo = make_repo(tmp_path, {"reports/a.md": VARIANT, "drafts/b.md": VARIANT, "reports/old/c.md": VARIANT,
                                ".reportlint.toml": 'exclude = ["drafts", "reports/old/*.md"]\n'})
    proc = run_cli("check", "--format", "json", ".", cwd=repo)
    assert [f[0] for f in findings(proc)] == ["reports/a.md"]
    proc = run_cli("check", "drafts/b.md", "reports/old/c.md", cwd=repo)
    assert proc.returncode == 0 and proc.stdout == "All checks passed (0 files).\n"


def test_a_file_named_in_any_way_is_the_same_file(tmp_path):
    """./x, a/../x, absolute and symlinked names: one display path, the same exclusion."""
    repo = make_repo(tmp_path, {"reports/a.md": VARIANT, "reports/b.md": as_organization(VARIANT, "淮安市某局"),
                                "reports/c.md": as_organization(VARIANT, "淮安市另一局"), "drafts/d.md": VARIANT,
                                ".reportlint.toml": 'exclude = ["drafts"]\n'})
    (repo / "linked").symlink_to(repo / "drafts", target_is_directory=True)
    proc = run_cli("check", "--format", "json", "./reports/a.md", "drafts/../reports/b.md",
                   str(repo / "reports" / "c.md"), "linked/d.md", "reports/../drafts/d.md", cwd=repo)
    assert [f[0] for f in findings(proc)] == ["reports/a.md", "reports/b.md", "reports/c.md"], proc.stderr
    # from a subfolder: paths are shown relative to it, globs still match from the configuration's folder
    proc = run_cli("check", "--format", "json", "a.md", "../drafts/d.md", "../linked/d.md", cwd=repo / "reports")
    assert [f[0] for f in findings(proc)] == ["a.md"], proc.stderr


def test_per_file_ignores_and_overrides(tmp_path):
    old = VARIANT.replace('edition: "2021"\n', "")
    repo = make_repo(tmp_path, {"reports/2024/a.md": VARIANT,
                                "reports/2019/b.md": as_organization(old, "淮安市某某局"),
                                "reports/2020/c.md": as_organization(old, "淮安市某局"), ".reportlint.toml": (
        'ignore = ["FM006"]\n'
        '[per-file-ignores]\n"reports/2020/**" = ["section-title-variant"]\n'
        '[overrides."reports/2019/**"]\nextend-select = ["FM006"]\nseverity = { SEC = "error" }\n')})
    proc = run_cli("check", "--format", "json", ".", cwd=repo)
    assert findings(proc) == [("reports/2019/b.md", 1, "FM006", "info"),
                              ("reports/2019/b.md", VARIANT_LINE - 1, "SEC006", "error"),
                              ("reports/2024/a.md", VARIANT_LINE, "SEC006", "warning")]


def test_override_sets_the_default_edition(tmp_path):
    repo = make_repo(tmp_path, {".reportlint.yaml": "overrides:\n  reports/2019/**:\n    edition: 2019\n"})
    proc = run_cli("config", "--show", "reports/2019/x.md", "--format", "json", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    assert info["edition"] == "2019" and info["config"].endswith(".reportlint.yaml")
    assert info["layers"] == ["top level", "overrides 'reports/2019/**'"]
    info = json.loads(run_cli("config", "--show", "reports/2024/x.md", "--format", "json", cwd=repo).stdout)
    assert info["edition"] is None


def test_config_show_text(tmp_path):
    repo = make_repo(tmp_path, {".reportlint.toml": (
        'ignore = ["FM006"]\nexclude = ["drafts"]\n[options.expired-waiver]\nwarn-before-days = 30\n')})
    proc = run_cli("config", "--show", "reports/a.md", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert f"config: {repo / '.reportlint.toml'}" in out
    assert "excluded: no" in out
    assert "profile: gov-info-disclosure" in out
    assert re.search(r'^  SUP003 +expired-waiver +error \{"warn-before-days": 30\}$', out, re.M), out
    assert "disabled: FM006" in out
    # enabled, but it needs the network: say when it runs
    assert re.search(r'^  LNK009 +broken-external-link +error \(runs only with --check-external\) \{"timeout"', out,
                     re.M), out
    assert not re.search(r"^  LNK00[1-8] .*check-external", out, re.M), out
    out = run_cli("config", "--show", "drafts/x.md", cwd=repo).stdout
    assert "excluded: yes, by 'drafts'" in out


def test_profile_paths_and_profile_default(tmp_path):
    from clihelp import ROOT

    src = (ROOT / "schemas" / "profiles" / "gov-info-disclosure.yaml").read_text(encoding="utf-8")
    repo = make_repo(tmp_path, {"kinds/county-report.yaml": src.replace("profile: gov-info-disclosure",
                                                                      "profile: county-report", 1),
                                ".reportlint.toml": 'profile = "county-report"\nprofile-paths = ["kinds"]\n',
                                "a.md": CLEAN.replace("profile: gov-info-disclosure", "profile: county-report")})
    info = json.loads(run_cli("config", "--show", "a.md", "--format", "json", cwd=repo).stdout)
    assert info["profile"] == "county-report"  # the default for reports whose front matter names none
    assert info["profile_paths"] == [str(repo / "kinds")]
    # (FM003 left out: the copied profile keeps the original's front matter schema, whose
    # profile must be gov-info-disclosure)
    proc = run_cli("check", "--ignore", "FM003", "a.md", cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = run_cli("check", "--ignore", "FM003", "--isolated", "a.md", cwd=repo)
    assert "FM007" in proc.stdout  # without profile-paths the profile is unknown
    (repo / ".reportlint.toml").write_text('profile = "county-reprot"\nprofile-paths = ["kinds"]\n')
    proc = run_cli("check", "a.md", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.startswith(".reportlint.toml:1:11: error: profile: unknown profile 'county-reprot' "
                                  "(did you mean 'county-report'?)")


def test_command_line_selection_goes_on_top_of_the_configuration(tmp_path):
    repo = make_repo(tmp_path, {"a.md": VARIANT, ".reportlint.toml": 'ignore = ["SEC006"]\n'})
    assert findings(run_cli("check", "--format", "json", "a.md", cwd=repo)) == []
    assert findings(run_cli("check", "--format", "json", "--select", "SEC", "a.md", cwd=repo))[0][2] == "SEC006"
    proc = run_cli("check", "--select", "SECC", "a.md", cwd=repo)
    assert proc.returncode == 2 and "'SECC' names no rule" in proc.stderr
