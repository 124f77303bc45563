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
(runs per document, returns picklable data) and ``check_repository(items, options)`` which
receives ``[(path, data), ...]`` and yields ``(path, Finding)`` pairs. ``collect`` returns plain
JSON-able data (dict, list, str, int, float, bool, None): it is cached and may come from a worker
process. A repository rule that also sets ``CONTEXT = True`` is called as
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
from dataclasses import dataclass, field
from typing import Any, Callable

from .diagnostics import SEVERITIES, Message

ENTRY_POINT_GROUP = "reportlint.rules"
CODE_RE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
SCOPES = ("document", "repository", "suppressions")


@dataclass
class Rule:
    code: str
    name: str
    summary: Message
    severity: str
    check: Callable | None
    options_schema: dict[str, Any] = field(default_factory=dict)
    scope: str = "document"
    requires_profile: bool = True
    checks_input: bool = False
    doc: str = ""
    origin: str = ""
    collect: Callable | None = None
    check_repository: Callable | None = None
    network: bool = False
    uses_context: bool = False  # check_repository(items, options, context)
    source_file: str = ""  # the file that implements the rule (for the result cache)

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
    check = attr("check", None)
    collect = attr("collect", None)
    check_repo = attr("check_repository", None)
    if scope == "document" and not callable(check):
        raise RuleLoadError("a document rule needs a callable check(doc, profile, options)")
    if scope == "suppressions" and not callable(check):
        raise RuleLoadError("a suppressions rule needs a callable check(suppressions, options)")
    if scope == "repository" and not (callable(collect) and callable(check_repo)):
        raise RuleLoadError("a repository rule needs collect(doc, profile, options) and check_repository(items, options)")
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


@dataclass
class Registry:
    rules: dict[str, Rule] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    _fingerprint: list | None = field(default=None, repr=False, compare=False)

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
        """Codes a selector names: ``ALL``, a code, a family prefix (``SEC``, ``SEC00``) or a name."""
        sel = selector.strip()
        if not sel:
            return set()
        if sel.upper() == "ALL":
            return set(self.rules)
        up = sel.upper()
        out = {c for c in self.rules if c.startswith(up)} if re.match(r"^[A-Za-z]{2,5}[0-9]{0,3}$", sel) else set()
        out |= {r.code for r in self.rules.values() if r.name == sel.lower()}
        return out


_REGISTRY: Registry | None = None


def load_registry() -> Registry:
    """The registry of this process. The entry points and what each rule declares are kept in
    the user's cache folder (scanning installed packages and importing every rule costs more
    than linting a report); a rule's module is then imported only when the rule runs. The cache
    is keyed on the Python path and the modification times of its folders (installing or
    removing a package changes them) and checked against each rule module's size and time."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = _cached_scan()
    return _REGISTRY


class LazyRule(Rule):
    """A rule known from the registry cache: its module is imported on first use."""

    def _ensure(self) -> None:
        if "_loaded" in self.__dict__:
            return
        self.__dict__["_loaded"] = True
        module, _, attr = self.__dict__["_target"].partition(":")
        import importlib

        obj = importlib.import_module(module)
        for part in filter(None, attr.split(".")):
            obj = getattr(obj, part)
        real = rule_from_object(obj, self.origin)
        self.__dict__.update(_check=real.check, _collect=real.collect, _check_repository=real.check_repository)

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


_META = ("code", "name", "severity", "options_schema", "scope", "requires_profile", "checks_input", "doc",
         "origin", "network", "uses_context", "source_file")


def _environment_key() -> str:
    import os
    import sys

    from . import __version__

    parts = [__version__, sys.version, sys.executable]
    for entry in sys.path:
        try:
            parts.append(f"{entry}:{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            parts.append(f"{entry}:-")
    return "\n".join(parts)


def _cached_scan() -> Registry:
    import hashlib
    import os
    import pickle

    from . import cache

    if not cache.enabled():
        return _scan()
    from .cachedir import user_cache_dir

    env = _environment_key()
    path = user_cache_dir() / "registry" / (hashlib.blake2b(env.encode(), digest_size=16).hexdigest() + ".pickle")
    try:
        with open(path, "rb") as fh:
            stored = pickle.load(fh)
        if stored["env"] == env and all(_stamp(f) == st for f, st in stored["files"]):
            reg = Registry(errors=list(stored["errors"]))
            for meta, summary, target in stored["rules"]:
                rule = LazyRule(summary=Message(*summary), check=None, **meta)
                rule.__dict__["_target"] = target
                reg.rules[rule.code] = rule
            return reg
    except Exception:  # noqa: BLE001 - missing, stale or foreign: scan again
        pass
    reg, targets = _scan(with_targets=True)
    files = sorted({r.source_file for r in reg.rules.values() if r.source_file})
    record = {
        "env": env,
        "files": [(f, _stamp(f)) for f in files],
        "errors": reg.errors,
        "rules": [({k: getattr(r, k) for k in _META}, (r.summary.en, r.summary.zh), targets[r.code])
                  for r in reg.rules.values() if r.code in targets],
    }
    if len(record["rules"]) == len(reg.rules):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, path)
        except Exception:  # noqa: BLE001 - an unwritable cache folder only costs time
            pass
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
            targets[rule.code] = ep.value
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
