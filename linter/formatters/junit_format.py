"""JUnit XML for CI test-report views: one test suite per file, one failing test case per
finding (its type is the severity and code), one passing test case for a clean file.

XML 1.0 cannot hold most control characters at all, not even as character references, and CI
pages show the text to people: control, bidi and other invisible characters in paths and
messages are written as escapes (``\\x1b``, ``\\u202e``), so the file is always well-formed."""
from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from ..invisible import escape


def render(report) -> str:
    by_file = defaultdict(list)
    for d in report.diagnostics:
        by_file[d.path].append(d)
    for p in report.options.get("paths") or ():
        by_file.setdefault(p, [])
    root = ET.Element("testsuites", name="reportlint")
    total = failures = 0
    for raw_path in sorted(by_file):
        diags = by_file[raw_path]
        path = escape(raw_path)
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(max(1, len(diags))),
                              failures=str(len(diags)), errors="0", skipped="0", time="0")
        if not diags:
            ET.SubElement(suite, "testcase", classname=path, name="reportlint", file=path, time="0")
        for d in diags:
            msg = escape(d.message.get(report.lang))
            case = ET.SubElement(suite, "testcase", classname=path, name=f"{d.code} {d.name} ({d.line}:{d.column})",
                                 file=path, line=str(d.line), time="0")
            fail = ET.SubElement(case, "failure", message=msg, type=f"{d.severity} {d.code}")
            fail.text = f"{path}:{d.line}:{d.column}: {d.severity}: {d.code} {msg}"
        total += max(1, len(diags))
        failures += len(diags)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root) if hasattr(ET, "indent") else None
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
