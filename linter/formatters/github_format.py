"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per
finding, on its file and line (shown on the pull request's diff), a ``::warning`` for each rule
that could not load or run, the repository overview in a folded group (when the run has one),
then the summary line. Control, bidi and other invisible characters are escaped first: the
Actions log is a terminal that honours ANSI sequences, and the annotations are read on the pull
request's page."""
from __future__ import annotations

from ..invisible import escape
from .text_format import summary

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    s = escape(s, keep="\r\n")
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(report) -> str:
    out = []
    for d in report.diagnostics:
        props = [f"file={_prop(d.path)}", f"line={d.line}", f"col={d.column}"]
        if d.end_line != d.line:
            props.append(f"endLine={d.end_line}")
        else:
            props.append(f"endColumn={d.end_column}")
        props.append(f"title={_prop(f'{d.code} ({d.name})')}")
        out.append(f"::{LEVEL.get(d.severity, 'warning')} {','.join(props)}::{_data(d.message.get(report.lang))}")
    for e in report.options.get("errors") or ():  # a rule that did not run: visible in the run's summary
        out.append(f"::warning title=reportlint rule failure::{_data(e)}")
    if report.overview:  # the repository overview, folded in the log
        from .overview import render_text

        out.append("::group::reportlint status")
        out.extend(render_text(report.overview, report.lang).rstrip("\n").split("\n"))
        out.append("::endgroup::")
    out.append(summary(report))
    return "\n".join(out) + "\n"
