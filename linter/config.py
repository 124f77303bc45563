"""Configuration files: discovery, validation and the effective settings of each file (reading
a file with the position of every key: :mod:`reportlint.configfile`; globs:
:mod:`reportlint.globs`).

Where: ``.reportlint.toml``, ``.reportlint.yaml`` (or ``.yml``) or ``[tool.reportlint]`` in
``pyproject.toml``, in that order of preference within one folder. For each linted file the
nearest configuration wins, found by walking up from the file's folder and stopping at the
repository root (the folder holding ``.git``). ``--config FILE`` uses one file for every path;
``--isolated`` uses none.

What: the keys of ``schemas/config.schema.json``. Every key and value is checked: an unknown
key, a selector that names no rule, an option a rule does not have or a value of the wrong
type is a :class:`ConfigError` naming the file, line, column and key (exit code 2). A typo
never silently does nothing.

How a file's settings are built: the configuration's top level, then every ``overrides`` glob
that matches the file (in file order), then ``per-file-ignores``, then the command line. At
each layer ``select`` starts the selection afresh, ``extend-select`` adds rules and ``ignore``
removes them (like ruff); a layer's ``severity`` for a selector replaces what earlier layers
said about the rules it covers. Globs are relative to the configuration file's folder; ``**`` spans
folders, ``*`` does not; a glob without ``/`` matches at any depth; a glob that matches a folder
matches everything in it.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .configfile import ConfigError, Source, _display, read_source
from .globs import Glob, glob_regex  # noqa: F401 - glob_regex: part of the configuration's interface
from .records import Record, replace
from .settings import Settings, SettingsError

CONFIG_NAMES = (".reportlint.toml", ".reportlint.yaml", ".reportlint.yml", "pyproject.toml")
_LAYER_KEYS = ("select", "extend-select", "ignore")


# --------------------------------------------------------------------------- validation


_SCHEMA: dict | None = None
_SCHEMA_VALIDATOR = None


def _schema() -> dict:
    global _SCHEMA
    if _SCHEMA is None:
        from .profile import schema_dir

        _SCHEMA = json.loads((schema_dir() / "config.schema.json").read_text(encoding="utf-8"))
    return _SCHEMA


def _validator():
    global _SCHEMA_VALIDATOR
    if _SCHEMA_VALIDATOR is None:
        import jsonschema

        _SCHEMA_VALIDATOR = jsonschema.Draft202012Validator(_schema())
    return _SCHEMA_VALIDATOR


def _schema_errors(data: Any) -> list:
    """jsonschema's errors, sorted; jsonschema is imported only when the data is not proven
    valid by :func:`reportlint.quickschema.certainly_valid` (the usual case costs nothing)."""
    from .quickschema import certainly_valid

    if certainly_valid(_schema(), data):
        return []
    return sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])


def _suggest(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Layer(Record):
    """One level of settings: the top level, an override, per-file-ignores or the command line."""

    select: list[str] | None
    extend_select: list[str]
    ignore: list[str]
    severity: dict[str, str]
    options: dict[str, dict[str, Any]]  # rule code -> options
    profile: str | None
    edition: str | None
    origin: str

    def __init__(
            self, select: list[str] | None = None, extend_select: list[str] | None = None,
            ignore: list[str] | None = None, severity: dict[str, str] | None = None,
            options: dict[str, dict[str, Any]] | None = None, profile: str | None = None,
            edition: str | None = None, origin: str = "") -> None:
        self.select = select
        self.extend_select = [] if extend_select is None else extend_select
        self.ignore = [] if ignore is None else ignore
        self.severity = {} if severity is None else severity
        self.options = {} if options is None else options
        self.profile = profile
        self.edition = edition
        self.origin = origin

    def apply(self, enabled: set[str], registry) -> set[str]:
        if self.select is not None:
            enabled = set()
            for s in self.select:
                enabled |= registry.match(s)
        for s in self.extend_select:
            enabled = enabled | registry.match(s)
        for s in self.ignore:
            enabled = enabled - registry.match(s)
        return enabled


class Config(Record):
    """A validated configuration file (or none: the defaults)."""

    source: Source | None
    top: Layer
    exclude: list[Glob]
    per_file_ignores: list[tuple[Glob, list[str]]]
    overrides: list[tuple[Glob, Layer]]
    profile_paths: tuple[str, ...]
    max_file_size: int | None
    repository: Any  # reportlint.repository.Manifest: the [repository] table, when there is one
    _relative: dict[str, str]

    def __init__(
            self, source: Source | None, top: Layer | None = None, exclude: list[Glob] | None = None,
            per_file_ignores: list[tuple[Glob, list[str]]] | None = None,
            overrides: list[tuple[Glob, Layer]] | None = None, profile_paths: tuple[str, ...] = (),
            max_file_size: int | None = None, repository: Any = None, _relative: dict[str, str] | None = None) -> None:
        self.source = source
        self.top = Layer() if top is None else top
        self.exclude = [] if exclude is None else exclude
        self.per_file_ignores = [] if per_file_ignores is None else per_file_ignores
        self.overrides = [] if overrides is None else overrides
        self.profile_paths = profile_paths
        self.max_file_size = max_file_size
        self.repository = repository
        self._relative = {} if _relative is None else _relative

    @property
    def folder(self) -> Path | None:
        return self.source.folder if self.source else None

    def relative(self, path: str | Path) -> str:
        """``path`` relative to the configuration's folder, with ``/`` (what globs match)."""
        key = os.fspath(path)
        rel = self._relative.get(key)
        if rel is None:
            from .files import cwd, real_path

            real, base = real_path(path), real_path(self.folder or cwd())
            if real.startswith(base) and real[len(base):len(base) + 1] == os.sep:
                rel = real[len(base) + 1:].replace(os.sep, "/")
            else:
                try:
                    rel = os.path.relpath(real, base).replace(os.sep, "/")
                except ValueError:
                    rel = key
            self._relative[key] = rel
        return rel

    def is_excluded(self, path: str | Path) -> str | None:
        """The exclude glob that matches ``path``, or None."""
        rel = self.relative(path)
        for g in self.exclude:
            if g.matches(rel):
                return g.pattern
        return None

    def layers_for(self, path: str | Path) -> list[Layer]:
        rel = self.relative(path)
        layers = [self.top]
        layers += [layer for g, layer in self.overrides if g.matches(rel)]
        ignores = [s for g, sels in self.per_file_ignores if g.matches(rel) for s in sels]
        if ignores:
            origin = ", ".join(g.pattern for g, _ in self.per_file_ignores if g.matches(rel))
            layers.append(Layer(ignore=ignores, origin=f"per-file-ignores {origin}"))
        return layers


def validate(source: Source, registry, profiles_factory=None) -> Config:
    """Check a configuration file completely and build its :class:`Config`. Every problem is
    collected; all of them are raised together as one :class:`ConfigError`."""
    display = _display(source.path)
    problems: list[tuple[str, int, int, str]] = []

    def problem(path: tuple, message: str, *, value: Any = None, key: bool = False) -> None:
        line, col = source.where(path, value=value, key=key)
        problems.append((display, line, col, f"{source.key_name(path)}: {message}"))

    data = source.data
    for err in _schema_errors(data):
        path = tuple(err.absolute_path)
        if err.validator == "additionalProperties":
            known = list(err.schema.get("properties", {}))
            for extra in sorted(set(err.instance) - set(known)):
                problem(path + (extra,), f"unknown key{_suggest(extra, known)}; known keys: {', '.join(known)}",
                        key=True)
        elif err.validator == "enum":
            problem(path, f"{err.instance!r} is not one of {', '.join(map(str, err.validator_value))}",
                    value=err.instance)
        elif err.validator == "type":
            want = err.validator_value if isinstance(err.validator_value, str) else " or ".join(err.validator_value)
            problem(path, f"expected {_TYPE_WORDS.get(want, want)}, got {_describe(err.instance)}", value=err.instance)
        else:
            problem(path, err.message, value=err.instance)
    # the checks of meaning below skip values of the wrong type (already reported), so that one
    # run reports every problem of the file
    schema_ok = not problems

    def strings(v) -> list:
        return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []

    def mapping(v) -> dict:
        return v if isinstance(v, dict) else {}

    def layer(d: dict, base: tuple, origin: str) -> Layer:
        out = Layer(origin=origin)
        d = mapping(d)
        for key, attr in (("select", "select"), ("extend-select", "extend_select"), ("ignore", "ignore")):
            if key in d:
                sels = []
                for i, sel in enumerate(strings(d[key])):
                    if not registry.match(sel):
                        problem(base + (key, i), f"{sel!r} names no rule (not a code, a family prefix, a rule "
                                                 f"name or ALL; see `reportlint rules`){_suggest_rule(sel, registry)}",
                                value=sel)
                    else:
                        sels.append(sel)
                setattr(out, attr, sels)
        for sel, sev in mapping(d.get("severity")).items():
            if not registry.match(sel):
                problem(base + ("severity", sel), f"{sel!r} names no rule{_suggest_rule(sel, registry)}", key=True)
            out.severity[sel] = sev
        for name, opts in mapping(d.get("options")).items():
            if not isinstance(opts, dict):
                continue
            codes = registry.match(name)
            exact = [c for c in codes if c == name.upper() or registry.rules[c].name == name.lower()]
            if len(exact) != 1:
                problem(base + ("options", name), f"{name!r} is not the code or name of one rule"
                                                  f"{_suggest_rule(name, registry)}", key=True)
                continue
            rule = registry.rules[exact[0]]
            _check_options(rule, opts, base + ("options", name), problem)
            out.options.setdefault(rule.code, {}).update(_resolve_paths(rule, opts, source.folder))
        if isinstance(d.get("profile"), str):
            out.profile = d["profile"]
        if isinstance(d.get("edition"), (str, int)) and not isinstance(d.get("edition"), bool):
            out.edition = str(d["edition"])
        return out

    cfg = Config(source)
    cfg.top = layer(data, (), "top level")
    for pattern, sels in mapping(data.get("per-file-ignores")).items():
        sels = strings(sels)
        for i, sel in enumerate(sels):
            if not registry.match(sel):
                problem(("per-file-ignores", pattern, i), f"{sel!r} names no rule{_suggest_rule(sel, registry)}",
                        value=sel)
        cfg.per_file_ignores.append((Glob.of(pattern), [s for s in sels if registry.match(s)]))
    for pattern, d in mapping(data.get("overrides")).items():
        cfg.overrides.append((Glob.of(pattern), layer(d, ("overrides", pattern), f"overrides {pattern!r}")))
    cfg.exclude = [Glob.of(p) for p in strings(data.get("exclude", []))]
    folder = source.folder
    paths = []
    for i, p in enumerate(strings(data.get("profile-paths", []))):
        full = (folder / p).resolve()
        if not full.exists():
            problem(("profile-paths", i), f"{p!r}: no such file or folder (relative to {_display(folder) or '.'})",
                    value=p)
        paths.append(str(full))
    cfg.profile_paths = tuple(paths)
    cfg.max_file_size = data.get("max-file-size") if schema_ok else None
    _check_profiles(cfg, problem, profiles_factory)
    if "repository" in data:
        from .profile import ProfileRegistry
        from .repository import read_manifest

        profiles = (profiles_factory or ProfileRegistry)([Path(p) for p in cfg.profile_paths]) \
            if isinstance(mapping(data["repository"]).get("profile"), str) else None
        cfg.repository = read_manifest(source, data, problem, cfg.top.profile or Settings().profile, profiles)
    if problems:
        raise ConfigError(sorted(problems, key=lambda p: (p[1], p[2])))
    return cfg


def _check_profiles(cfg: Config, problem, profiles_factory) -> None:
    """``profile`` must name a known profile and ``edition`` one of its editions."""
    from .profile import ProfileError, ProfileRegistry

    try:
        profiles = (profiles_factory or ProfileRegistry)([Path(p) for p in cfg.profile_paths])
    except ProfileError as exc:
        problem(("profile-paths",), str(exc))
        return
    default = Settings().profile
    for base, lay in [((), cfg.top)] + [(("overrides", g.pattern), lay) for g, lay in cfg.overrides]:
        pid = lay.profile or cfg.top.profile or default
        try:
            prof = profiles.get(pid)
        except ProfileError as exc:
            problem(base + ("profile",), f"profile {pid!r} is invalid: {exc}", key=True)
            continue
        if prof is None:
            problem(base + ("profile",), f"unknown profile {pid!r}{_suggest(pid, profiles.ids())}; "
                                         f"known: {', '.join(profiles.ids())}", value=pid)
            continue
        ed = lay.edition if lay.edition is not None else (cfg.top.edition if lay is not cfg.top else None)
        if ed is not None and ed not in prof.editions:
            problem(base + ("edition",), f"profile {pid!r} has no edition {ed!r}; editions: "
                                         f"{', '.join(prof.editions)}", value=ed)


_FORMAT_WORDS = {"regex": "a regular expression", "ip-network": "an IP address or network (CIDR)"}


@lru_cache(maxsize=1)
def _option_formats():
    """The ``format`` keywords a rule's option schema can rely on: jsonschema's own (``regex``,
    ``date``, ``ipv4``…) plus ``ip-network`` (an address or CIDR network, ``10.0.0.0/8``) and
    ``path`` (a file or folder, relative to the configuration file that sets it). A value
    that is not of its format is a configuration error, like any other invalid option."""
    import ipaddress

    import jsonschema

    checker = jsonschema.FormatChecker()

    @checker.checks("path")
    def _path(value: object) -> bool:  # any string: resolved against the configuration file
        return True

    @checker.checks("ip-network", raises=ValueError)
    def _ip_network(value: object) -> bool:
        if isinstance(value, str):
            ipaddress.ip_network(value, strict=False)
        return True

    return checker


def _resolve_paths(rule, opts: dict, folder: Path) -> dict:
    """Options whose schema says ``"format": "path"`` (e.g. LNK009's ``cache-dir``) are relative
    to the configuration file that sets them, like ``profile-paths``, not to the working folder."""
    props = (rule.options_schema or {}).get("properties") or {}
    out = dict(opts)
    for key, value in opts.items():
        if isinstance(value, str) and value and (props.get(key) or {}).get("format") == "path":
            out[key] = str(folder / os.path.expanduser(value))  # an absolute value stays as it is
    return out


def _check_options(rule, opts: dict, path: tuple, problem) -> None:
    import jsonschema

    schema = rule.options_schema or {}
    known = list((schema.get("properties") or {}))
    for key in opts:
        if key not in known:
            hint = f"; its options: {', '.join(known)}" if known else "; it has no options"
            problem(path + (key,), f"rule {rule.code} ({rule.name}) has no option {key!r}"
                                   f"{_suggest(key, known)}{hint}", key=True)
    merged = {**rule.defaults(), **opts}
    if schema:
        validator = jsonschema.Draft202012Validator(schema, format_checker=_option_formats())
        for err in validator.iter_errors(merged):
            sub = tuple(err.absolute_path)
            if (sub and sub[0] not in opts) or (err.validator == "additionalProperties" and not sub):
                continue  # a default value, or an unknown option (reported above)
            message = err.message
            if err.validator == "format":
                what = _FORMAT_WORDS.get(str(err.validator_value), f"a valid {err.validator_value}")
                message = f"{err.instance!r} is not {what}" + (f" ({err.cause})" if err.cause else "")
            problem(path + sub, f"invalid option of rule {rule.code} ({rule.name}): {message}",
                    value=err.instance)


def _suggest_rule(sel: str, registry) -> str:
    """' (did you mean …?)' for a selector that names no rule: the closest family prefix, code
    or rule name (``SUMM`` → ``SUM``, ``SUM0055`` → ``SUM005``, ``row-summ`` → ``row-sum``)."""
    import difflib

    codes = sorted({r.family for r in registry.rules.values()}) + sorted(registry.rules)
    names = sorted(r.name for r in registry.rules.values())
    best, score = "", 0.0
    for word, choices in ((sel.upper(), codes), (sel.lower(), names)):
        for choice in choices:  # families first: on a tie the family wins
            ratio = difflib.SequenceMatcher(None, word, choice).ratio()
            if ratio > score:
                best, score = choice, ratio
    return f" (did you mean '{best}'?)" if score >= 0.6 else ""


_TYPE_WORDS = {"array": "a list", "object": "a table/mapping", "string": "a string", "integer": "an integer",
               "string or integer": "a string or an integer"}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table/mapping"
    return type(value).__name__


# --------------------------------------------------------------------------- per-file settings


class CommandLine(Record):
    """What the command line adds on top of the configuration (the last layer)."""

    select: list[str] | None
    extend_select: list[str]
    ignore: list[str]
    network: bool  # --check-external: rules that use the network may run

    def __init__(
            self, select: list[str] | None = None, extend_select: list[str] | None = None,
            ignore: list[str] | None = None, network: bool = False) -> None:
        self.select = select
        self.extend_select = [] if extend_select is None else extend_select
        self.ignore = [] if ignore is None else ignore
        self.network = network

    def layer(self) -> Layer:
        return Layer(self.select, list(self.extend_select), list(self.ignore), origin="command line")


class Resolver:
    """Finds the configuration of each file and builds its :class:`Settings`.

    The result for a file is a plain, picklable :class:`Settings` (the same object for every
    file that shares a configuration and the same matching globs), so the per-file flow
    ``path -> settings -> document -> diagnostics`` can run in worker processes."""

    def __init__(self, registry, *, config_file: str | Path | None = None, isolated: bool = False,
                 cli: CommandLine | None = None) -> None:
        self.registry = registry
        self.isolated = isolated
        self.cli = cli or CommandLine()
        self._by_dir: dict[str, Config] = {}  # a folder's real path -> the configuration that applies there
        self._by_path: dict[str, Config] = {}
        self._by_file: dict[Path, Config] = {}
        self._settings: dict[tuple, Settings] = {}
        self._fixed: Config | None = None
        for sel in (self.cli.select or []) + self.cli.extend_select + self.cli.ignore:
            if not registry.match(sel):
                raise SettingsError(f"{sel!r} names no rule (not a code, a family prefix, a rule name or ALL; "
                                    f"see `reportlint rules`){_suggest_rule(sel, registry)}")
        if isolated:
            self._fixed = Config(None)
        elif config_file is not None:
            path = Path(config_file)
            if not path.exists():
                raise SettingsError(f"--config {config_file}: no such file")
            src = read_source(path.resolve())
            if src is None:
                raise SettingsError(f"--config {config_file}: no [tool.reportlint] table in this file")
            self._fixed = validate(src, registry)

    # ------------------------------------------------------------------ discovery

    def config_for(self, path: str | Path) -> Config:
        if self._fixed is not None:
            return self._fixed
        hit = self._by_path.get(str(path))
        if hit is None:
            hit = self._by_path[str(path)] = self._discover(path)
        return hit

    def _discover(self, path: str | Path) -> Config:
        from .files import real_path

        real = real_path(path)
        cur = real if os.path.isdir(real) else os.path.dirname(real)
        chain = []
        while True:
            found = self._by_dir.get(cur)
            if found is not None:  # the usual case: another file of an already seen folder
                break
            chain.append(cur)
            src = self._source_in(Path(cur))
            if src is not None:
                found = self._load(src)
                break
            parent = os.path.dirname(cur)
            if os.path.exists(os.path.join(cur, ".git")) or parent == cur:
                found = Config(None)
                break
            cur = parent
        for d in chain:
            self._by_dir[d] = found
        return found

    def _source_in(self, folder: Path) -> Source | None:
        for name in CONFIG_NAMES:
            p = folder / name
            if p.exists():  # a FIFO or a folder of that name is an error, not silently skipped
                src = read_source(p)
                if src is not None:
                    return src
        return None

    def _load(self, src: Source) -> Config:
        if src.path not in self._by_file:
            self._by_file[src.path] = validate(src, self.registry)
        return self._by_file[src.path]

    # ------------------------------------------------------------------ settings

    def is_excluded(self, path: str | Path) -> str | None:
        return self.config_for(path).is_excluded(path)

    def layers_for(self, path: str | Path) -> tuple[Config, list[Layer]]:
        cfg = self.config_for(path)
        return cfg, cfg.layers_for(path) + [self.cli.layer()]

    def settings_for(self, path: str | Path) -> Settings:
        cfg, layers = self.layers_for(path)
        key = (id(cfg),) + tuple(id(x) for x in layers[:-1])
        if key not in self._settings:
            self._settings[key] = self._build(cfg, layers)
        return self._settings[key]

    def _build(self, cfg: Config, layers: list[Layer]) -> Settings:
        enabled = set(self.registry.rules)
        severity: dict[str, str] = {}
        options: dict[str, dict] = {}
        s = Settings()
        profile, edition = s.profile, s.edition
        for lay in layers:
            enabled = lay.apply(enabled, self.registry)
            # a later layer's severity wins over what earlier layers said about the same rules,
            # however specific (within one layer the most specific selector wins)
            for sel in lay.severity:
                covered = self.registry.match(sel)
                for old in [k for k in severity if self.registry.match(k) <= covered]:
                    del severity[old]
            severity.update(lay.severity)
            for code, opts in lay.options.items():
                options.setdefault(code, {}).update(opts)
            profile = lay.profile or profile
            edition = lay.edition if lay.edition is not None else edition
        return replace(s, select=sorted(enabled), severity=severity, options=options, profile=profile,
                       edition=edition, max_file_size=cfg.max_file_size or s.max_file_size,
                       profile_paths=cfg.profile_paths, network=self.cli.network)

    def explain(self, path: str | Path) -> dict[str, Any]:
        """The effective settings of one file and where they come from (``config --show``)."""
        cfg, layers = self.layers_for(path)
        st = self.settings_for(path)
        reg = self.registry
        rules = []
        for code in sorted(st.select or []):
            rule = reg.rules[code]
            opts = st.options_for(rule)
            rules.append({"code": code, "name": rule.name, "severity": st.severity_of(rule, reg),
                          "options": opts, "network": rule.network})
        return {
            "file": str(path),
            "config": str(cfg.source.path) if cfg.source else None,
            "excluded_by": cfg.is_excluded(Path(path)),
            "layers": [lay.origin for lay in layers if lay.origin != "command line" or
                       (lay.select is not None or lay.extend_select or lay.ignore)],
            "profile": st.profile,
            "edition": st.edition,
            "profile_paths": list(st.profile_paths),
            "max_file_size": st.max_file_size,
            "rules": rules,
            "disabled": sorted(set(reg.rules) - set(st.select or [])),
        }
