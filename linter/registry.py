"""The rule registry: every rule, built-in or third-party, comes through the ``reportlint.rules``
entry-point group.

An entry point names a module (or an object) that declares one rule::

    CODE = "SEC002"               # family prefix (2-5 capitals) + 3 digits
    NAME = "missing-section"      # kebab-case
    SUMMARY = "An official section is missing"
    SUMMARY_ZH = "缺少规定章节"      # optional
    SEVERITY = "error"            # error | warning | info
    OPTIONS = {...}               # optional: JSON Schema of the options, with defaults
    REQUIRES_PROFILE = True       # optional: skip documents whose profile is unknown
    CHECKS_INPUT = False          # optional: also run on files that could not be read as text
    NETWORK = False               # optional: uses the network; runs only when asked
                                  # (``reportlint check --check-external``)

    def check(doc, profile, options):   # yields reportlint.api.Finding
        ...

The module docstring is the rule's documentation (``reportlint rules --explain CODE``).
Repository-wide rules set ``SCOPE = "repository"`` and define ``collect(doc, profile, options)``
(runs per document) and ``check_repository(items, options)`` which receives ``[(path, data),
...]`` and yields ``(path, Finding)`` pairs.

**What ``collect`` returns must be plain JSON-able data** — dicts with string keys, lists,
strings, finite numbers, booleans, None — because the result cache keeps it as JSON
(``reportlint.resultdata``). ``check_repository`` always receives it as JSON gives it back
(tuples become lists), from the cache or not, and rebuilds its own objects from it (e.g.
``LocalLinkData.from_plain``), checking the shape: a cache is data, never trusted code. Data that
is not plain (a named tuple, a set, an object) still reaches ``check_repository`` unchanged, but
the file's result is then not cached (``-v`` says so). A finding's ``data`` must be plain too.
A repository rule that also sets ``CONTEXT = True`` is called as
``check_repository(items, options, context)`` with a :class:`reportlint.api.RepositoryContext`
(the configuration's ``[repository]`` lists of expected reports); the path it yields may then be
that of a configuration file.
Rules about suppression comments (the SUP family) set ``SCOPE = "suppressions"``: their
``check(suppressions, options)`` runs after suppressions and waivers have been applied to the
other findings, and receives the file's :class:`reportlint.api.Suppressions`.
A plugin that fails to load is reported and skipped; the run goes on.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from .diagnostics import SEVERITIES, Message
from .records import Record

ENTRY_POINT_GROUP = "reportlint.rules"
CODE_RE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
_SELECTOR_RE = re.compile(r"^[A-Za-z]{2,5}[0-9]{0,3}$")  # a code or a family prefix
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
SCOPES = ("document", "repository", "suppressions")


class Rule(Record):
    code: str
    name: str
    summary: Message
    severity: str
    check: Callable | None
    options_schema: dict[str, Any]
    scope: str
    requires_profile: bool
    checks_input: bool
    doc: str
    origin: str
    collect: Callable | None
    check_repository: Callable | None
    network: bool
    uses_context: bool  # check_repository(items, options, context)
    source_file: str  # the file that implements the rule (for the result cache)

    def __init__(
            self, code: str, name: str, summary: Message, severity: str, check: Callable | None,
            options_schema: dict[str, Any] | None = None, scope: str = "document",
            requires_profile: bool = True, checks_input: bool = False, doc: str = "", origin: str = "",
            collect: Callable | None = None, check_repository: Callable | None = None, network: bool = False,
            uses_context: bool = False, source_file: str = "") -> None:
        self.code = code
        self.name = name
        self.summary = summary
        self.severity = severity
        self.check = check
        self.options_schema = {} if options_schema is None else options_schema
        self.scope = scope
        self.requires_profile = requires_profile
        self.checks_input = checks_input
        self.doc = doc
        self.origin = origin
        self.collect = collect
        self.check_repository = check_repository
        self.network = network
        self.uses_context = uses_context
        self.source_file = source_file

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    def defaults(self) -> dict[str, Any]:
        props = (self.options_schema or {}).get("properties", {})
        return {k: v["default"] for k, v in props.items() if isinstance(v, dict) and "default" in v}


class RuleLoadError(Exception):
    pass


def rule_from_object(obj: Any, origin: str) -> Rule:
    """Build a :class:`Rule` from a module or object with the attributes described above."""
    if isinstance(obj, Rule):
        return obj

    def attr(name: str, default: Any = ...):
        val = getattr(obj, name, default)
        if val is ...:
            raise RuleLoadError(f"missing {name}")
        return val

    code = attr("CODE")
    name = attr("NAME")
    severity = attr("SEVERITY")
    summary = attr("SUMMARY")
    scope = attr("SCOPE", "document")
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise RuleLoadError(f"CODE {code!r} must be a family prefix of 2-5 capitals and 3 digits, e.g. SEC001")
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise RuleLoadError(f"NAME {name!r} must be kebab-case, e.g. missing-section")
    if severity not in SEVERITIES:
        raise RuleLoadError(f"SEVERITY {severity!r} must be one of {', '.join(SEVERITIES)}")
    if scope not in SCOPES:
        raise RuleLoadError(f"SCOPE {scope!r} must be one of {', '.join(map(repr, SCOPES))}")
    options = attr("OPTIONS", {}) or {}
    if not isinstance(options, dict):
        raise RuleLoadError("OPTIONS must be a JSON Schema object")
    check, collect, check_repo = _callables(obj, scope)
    doc = (getattr(obj, "__doc__", None) or "").strip()
    return Rule(
        code=code, name=name,
        summary=Message(str(summary), str(attr("SUMMARY_ZH", summary))),
        severity=severity, check=check, options_schema=options, scope=scope,
        requires_profile=bool(attr("REQUIRES_PROFILE", True)),
        checks_input=bool(attr("CHECKS_INPUT", False)), doc=doc, origin=origin,
        collect=collect, check_repository=check_repo, network=bool(attr("NETWORK", False)),
        uses_context=scope == "repository" and bool(attr("CONTEXT", False)),
    )


def _callables(obj: Any, scope: str) -> tuple[Callable | None, Callable | None, Callable | None]:
    """``check``, ``collect`` and ``check_repository`` of a rule's module or object (RuleLoadError
    when those its ``scope`` needs are not callable)."""
    check = getattr(obj, "check", None)
    collect = getattr(obj, "collect", None)
    check_repo = getattr(obj, "check_repository", None)
    if scope == "document" and not callable(check):
        raise RuleLoadError("a document rule needs a callable check(doc, profile, options)")
    if scope == "suppressions" and not callable(check):
        raise RuleLoadError("a suppressions rule needs a callable check(suppressions, options)")
    if scope == "repository" and not (callable(collect) and callable(check_repo)):
        raise RuleLoadError("a repository rule needs collect(doc, profile, options) and check_repository(items, options)")
    return check, collect, check_repo


class Registry(Record):
    rules: dict[str, Rule]
    errors: list[str]
    _fingerprint: list | None
    _stamps: dict[str, tuple[int, int]] = {}  # (size, mtime) of rule modules, as the registry cache checked them

    def __init__(
            self, rules: dict[str, Rule] | None = None, errors: list[str] | None = None,
            _fingerprint: list | None = None) -> None:
        self.rules = {} if rules is None else rules
        self.errors = [] if errors is None else errors
        self._fingerprint = _fingerprint
        self._names: dict[int, dict[str, set[str]]] = {}  # {number of rules: {rule name: codes}}

    def add(self, rule: Rule) -> None:
        if rule.code in self.rules:
            other = self.rules[rule.code]
            self.errors.append(f"rule {rule.code} from {rule.origin} ignored: the code is already "
                               f"used by {other.origin}")
            return
        if any(r.name == rule.name for r in self.rules.values()):
            self.errors.append(f"rule {rule.code} from {rule.origin} ignored: the name {rule.name!r} "
                               "is already used")
            return
        self.rules[rule.code] = rule

    def fingerprint(self) -> list:
        """What the rules' results depend on (for the result cache): every rule's code and origin
        (package and version), and the size and modification time of the code that implements
        them (the rule modules and reportlint's own package, so an edited rule invalidates it)."""
        if self._fingerprint is None:
            import os

            files = {rule.source_file for rule in self.rules.values() if rule.source_file}
            here = os.path.dirname(os.path.abspath(__file__))
            for folder in (here, os.path.join(here, "formatters")):
                try:
                    files.update(e.path for e in os.scandir(folder) if e.name.endswith(".py"))
                except OSError:
                    pass
            stamps = []
            for f in sorted(files):
                known = self._stamps.get(f)
                if known is not None:  # read a moment ago
                    stamps.append((f, *known))
                    continue
                try:
                    st = os.stat(f)
                    stamps.append((f, st.st_size, st.st_mtime_ns))
                except OSError:
                    stamps.append((f, 0, 0))
            self._fingerprint = [sorted((r.code, r.origin) for r in self.rules.values()), stamps]
        return self._fingerprint

    def sorted(self) -> list[Rule]:
        return [self.rules[c] for c in sorted(self.rules)]

    def match(self, selector: str) -> set[str]:
        """Codes a selector names: ``ALL``, a code, a family prefix (``SEC``, ``SEC00``) or a name.
        (Settings ask for every rule of every file: a code and a name are looked up.)"""
        sel = selector.strip()
        if not sel:
            return set()
        up = sel.upper()
        if up == "ALL":
            return set(self.rules)
        if CODE_RE.match(up):  # a whole code is the prefix of no other
            out = {up} if up in self.rules else set()
        elif _SELECTOR_RE.match(sel):
            out = {c for c in self.rules if c.startswith(up)}
        else:
            out = set()
        names = self._names.get(len(self.rules))
        if names is None:
            names = {}
            for r in self.rules.values():
                names.setdefault(r.name, set()).add(r.code)
            self._names = {len(self.rules): names}
        return out | names.get(sel.lower(), set())


_REGISTRY: Registry | None = None


def load_registry() -> Registry:
    """The registry of this process. What each rule declares (code, name, summaries, severity,
    options schema, scope, flags, docstring) is kept as plain data in the user's cache folder
    (scanning installed packages and importing every rule costs more than linting a report); a
    rule's module is then imported only when the rule runs, so a ``--select``ed run or a run
    served from the result cache imports only what it uses. The entry is keyed on the
    distributions on the Python path (:func:`_environment_key`), checked against each rule
    module's size and time, and each cached entry point must be one its distribution's
    ``entry_points.txt`` declares. ``--no-cache`` scans and imports every rule."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = _cached_scan()
    return _REGISTRY


class LazyRule(Rule):
    """A rule known from the registry cache: its module is imported on first use (``target``:
    its entry point, ``module`` or ``module:attribute``)."""

    _fields = Rule._fields

    def __init__(
            self, code: str, name: str, summary: Message, severity: str, options_schema: dict[str, Any],
            scope: str, requires_profile: bool, checks_input: bool, doc: str, origin: str, network: bool,
            uses_context: bool, source_file: str, target: str) -> None:
        self.code = code
        self.name = name
        self.summary = summary
        self.severity = severity
        self.options_schema = options_schema
        self.scope = scope
        self.requires_profile = requires_profile
        self.checks_input = checks_input
        self.doc = doc
        self.origin = origin
        self.network = network
        self.uses_context = uses_context
        self.source_file = source_file
        self._target = target

    def _ensure(self) -> None:
        if "_loaded" in self.__dict__:
            return
        self.__dict__["_loaded"] = True
        module, _, attr = self._target.partition(":")
        import importlib

        obj = importlib.import_module(module)
        for part in filter(None, attr.split(".")):
            obj = getattr(obj, part)
        # the module is the one the cache describes (its size and time were checked): only what
        # runs is taken from it
        if isinstance(obj, Rule):
            check, collect, check_repository = obj.check, obj.collect, obj.check_repository
        else:
            check, collect, check_repository = _callables(obj, self.scope)
        self.__dict__.update(_check=check, _collect=collect, _check_repository=check_repository)

    def _get(name):  # noqa: N805 - a property factory
        def fget(self):
            self._ensure()
            return self.__dict__["_" + name]

        def fset(self, value):
            self.__dict__["_" + name] = value

        return property(fget, fset)

    check = _get("check")
    collect = _get("collect")
    check_repository = _get("check_repository")
    del _get


def _environment_key() -> str:
    """What the installed rules depend on: reportlint's and Python's versions, and every
    distribution on the Python path (the name and time of its ``.dist-info`` / ``.egg-info``
    folder: installing, upgrading or removing a package changes them). Folders on the path
    that hold no distribution (the working folder with ``python -m``) do not count."""
    import os
    import sys

    from . import __version__

    parts = [__version__, sys.version, sys.executable]
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as it:
                dists = sorted(f"{e.name}:{e.stat().st_mtime_ns}" for e in it
                               if e.name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue  # a zip file or a folder that does not exist
        if dists:
            parts.append(f"{os.path.abspath(entry or '.')}:{','.join(dists)}")
    return "\n".join(parts)


def _cached_scan() -> Registry:
    from . import cache

    if not cache.enabled():
        return _scan()
    env = _environment_key()
    stored = cache.store()
    key = cache.digest("registry", CACHE_FORM, env)
    found = stored.get("registry", key) if stored is not None else None
    if found is not None:
        try:
            reg = _from_plain(found)
        except (ValueError, KeyError, TypeError, IndexError, OSError) as exc:
            cache.note(f"cache: the rule registry entry was not usable ({exc}); rules scanned again")
            reg = None
        if reg is not None:
            return reg
    reg, targets = _scan(with_targets=True)
    # kept only when every rule's entry point can be checked against its distribution's files
    if stored is not None and all(code in targets and targets[code][2] for code in reg.rules):
        stored.put("registry", key, _to_plain(reg, targets), compress=False)  # read by every run
    return reg


# The cached registry: ``{"files": [[path, size, mtime], ...], "dists": [folder, ...], "errors":
# [...], "rules": [rule, ...]}``, where ``files`` are the rule modules (checked against the files
# when read back), ``dists`` the distribution folders that declare the entry points, and a rule is
# ``[code, name, severity, scope, summary, summary_zh, doc, origin, options_schema,
# [requires_profile, checks_input, network, uses_context], file, entry_name, entry_value, dist]``
# (``file`` and ``dist``: indexes into ``files`` and ``dists``, ``file`` -1 for none).
CACHE_FORM = "registry/2"
_TARGET_RE = re.compile(r"^[A-Za-z_][\w.]*(:[A-Za-z_][\w.]*)?$")


def _to_plain(reg: Registry, targets: dict[str, tuple[str, str, str]]) -> dict:
    """What the registry cache keeps: each rule's metadata (plain data) and the entry point
    that loads it; the size and time of every rule module, checked when it is read back."""
    files = sorted({r.source_file for r in reg.rules.values() if r.source_file})
    dists = sorted({targets[code][2] for code in reg.rules})
    rules = []
    for r in reg.rules.values():
        name, value, dist = targets[r.code]
        rules.append([r.code, r.name, r.severity, r.scope, r.summary.en, r.summary.zh, r.doc, r.origin,
                      r.options_schema, [r.requires_profile, r.checks_input, r.network, r.uses_context],
                      files.index(r.source_file) if r.source_file else -1, name, value, dists.index(dist)])
    return {"files": [[f, *_stamp(f)] for f in files], "dists": dists, "errors": list(reg.errors), "rules": rules}


def _declared_entry_points(folder: str) -> set[tuple[str, str]]:
    """``(name, value)`` of the ``reportlint.rules`` entry points that the distribution folder
    ``folder`` (a ``.dist-info`` / ``.egg-info`` folder directly on the Python path) declares."""
    import os
    import sys

    parent, name = os.path.split(os.path.abspath(folder))
    on_path = {os.path.abspath(p or ".") for p in sys.path}
    if parent not in on_path or not name.endswith((".dist-info", ".egg-info")):
        raise ValueError(f"{folder} is not a distribution on the Python path")
    out: set[tuple[str, str]] = set()
    group = None
    with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("[") and line.endswith("]"):
                group = line[1:-1].strip()
            elif group == ENTRY_POINT_GROUP and "=" in line:
                k, _, v = line.partition("=")
                out.add((k.strip(), v.strip()))
    return out


def _strings(value: Any) -> bool:
    return type(value) is list and all(type(x) is str for x in value)


def _from_plain(data: Any) -> Registry | None:
    """The registry from :func:`_to_plain`'s data, every part checked (ValueError when one is
    of the wrong type); None when a rule module changed since (scan again)."""
    if type(data) is not dict or data.keys() != {"files", "dists", "errors", "rules"}:
        raise ValueError("not a registry")
    files, dists, errors, rules = data["files"], data["dists"], data["errors"], data["rules"]
    if type(files) is not list or not _strings(dists) or not _strings(errors) or type(rules) is not list:
        raise ValueError("not a registry")
    paths = []
    stamps: dict[str, tuple[int, int]] = {}
    for entry in files:
        if type(entry) is not list or len(entry) != 3 or type(entry[0]) is not str:
            raise ValueError("files")
        f, size, mtime = entry
        stamp = _stamp(f)
        if [size, mtime] != list(stamp):
            return None
        paths.append(f)
        if stamp[0] >= 0:
            stamps[f] = stamp
    declared: list[set[tuple[str, str]] | None] = [None] * len(dists)
    reg = Registry(errors=list(errors))
    reg._stamps = stamps
    for meta in rules:
        if type(meta) is not list or len(meta) != 14:
            raise ValueError("rule")
        (code, name, severity, scope, summary, summary_zh, doc, origin, options, flags, file, entry_name,
         entry_value, dist) = meta
        if not (type(code) is str and CODE_RE.match(code) and type(name) is str and NAME_RE.match(name)
                and type(severity) is str and severity in SEVERITIES and type(scope) is str and scope in SCOPES
                and type(summary) is str and type(summary_zh) is str and type(doc) is str and type(origin) is str
                and type(options) is dict and type(flags) is list and len(flags) == 4
                and type(flags[0]) is bool and type(flags[1]) is bool and type(flags[2]) is bool
                and type(flags[3]) is bool and type(file) is int and -1 <= file < len(paths)
                and type(entry_name) is str and type(entry_value) is str and _TARGET_RE.match(entry_value)
                and type(dist) is int and 0 <= dist < len(dists)) or code in reg.rules:
            raise ValueError(f"rule {code!r}" if type(code) is str else "rule")
        # only what an installed distribution declares is ever imported, whatever the cache says
        if declared[dist] is None:
            declared[dist] = _declared_entry_points(dists[dist])
        if (entry_name, entry_value) not in declared[dist]:
            raise ValueError(f"{entry_value} is not an entry point of {dists[dist]}")
        requires_profile, checks_input, network, uses_context = flags
        reg.rules[code] = LazyRule(
            code, name, Message(summary, summary_zh), severity, options, scope, requires_profile, checks_input, doc,
            origin, network, uses_context, paths[file] if file >= 0 else "", entry_value)
    return reg


def _stamp(path: str) -> tuple[int, int]:
    import os

    try:
        st = os.stat(path)
        return st.st_size, st.st_mtime_ns
    except OSError:
        return -1, -1


def _scan(with_targets: bool = False):
    import sys
    from importlib.metadata import entry_points

    reg = Registry()
    targets: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.value, e.name)):
        dist = getattr(ep, "dist", None)
        dist_name = _dist_label(dist)
        key = (ep.name, ep.value)
        if key in seen:  # the same distribution visible twice on sys.path
            continue
        seen.add(key)
        origin = f"{ep.value} ({dist_name})"
        try:
            obj = ep.load()
            rule = rule_from_object(obj, origin)
        except RuleLoadError as exc:
            reg.errors.append(f"plugin rule {ep.name!r} from {origin} is invalid: {exc}")
            continue
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not take the run down
            reg.errors.append(f"plugin rule {ep.name!r} from {origin} could not be loaded: "
                              f"{type(exc).__name__}: {exc}")
            continue
        if rule.code != ep.name:
            reg.errors.append(f"plugin rule {ep.name!r} from {origin}: the entry point name must be "
                              f"the rule's code {rule.code!r}; loaded anyway")
        module = sys.modules.get(ep.value.partition(":")[0])
        rule.source_file = getattr(module, "__file__", "") or ""
        if rule.code not in reg.rules:
            targets[rule.code] = (ep.name, ep.value, str(getattr(dist, "_path", "") or ""))
        reg.add(rule)
    return (reg, targets) if with_targets else reg


def _dist_label(dist) -> str:
    """``name version`` of a distribution, read from its folder name when possible (parsing
    the METADATA file of every distribution costs ~1 ms each)."""
    if dist is None:
        return "unknown package"
    folder = getattr(dist, "_path", None)
    name = getattr(folder, "name", "")
    for suffix in (".dist-info", ".egg-info"):
        if name.endswith(suffix) and "-" in name[: -len(suffix)]:
            n, v = name[: -len(suffix)].split("-", 1)
            return f"{n} {v}"
    return f"{dist.metadata['Name']} {dist.version}"
