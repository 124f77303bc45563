"""An organisation the configuration lists has no report for a year it lists.

The office that collects the reports lists who must report and on which years, in the
configuration at the root of the repository::

    [repository]                       # [tool.reportlint.repository] in pyproject.toml
    organizations = ["淮安市人民政府", "淮安市教育局"]
    years = [2023, 2024]

For every listed organisation and year without a report (front matter ``organization`` and
``year``, names compared folded: full-width and half-width forms, spaces; and the profile, by
default the configuration's) the finding is reported in the configuration file, at the line that
lists the organisation, naming the year. Reports are looked for under the configuration file's
folder, among the files the run checked; so the rule speaks only when that folder was checked as a
whole (``reportlint check .``, the ``reportlint-all`` pre-commit hook), never on a run over a few
named files (the ``reportlint`` hook, an editor), where a report not named is not missing. Every
report under the folder counts, whatever rules its own configuration runs; files the configuration
excludes do not, nor files that cannot be read (FILE rules). An organisation with a report whose
``year`` is not a number (FM003) is not reported for any year. A finding in the configuration file
cannot be suppressed by a comment: remove the organisation or the year from the lists instead.
"""
from reportlint.api import finding

CODE = "REP002"
NAME = "missing-report"
SUMMARY = "A listed organisation has no report for a listed year"
SUMMARY_ZH = "名单中的机关缺少某年度的报告"
SEVERITY = "error"
SCOPE = "repository"
CONTEXT = True


def collect(doc, profile, options):
    return None  # the run's reports come with the context, whatever rules their configuration enables


def check_repository(items, options, context):
    for manifest in context.manifests:
        if not manifest.complete:
            continue
        mine = [r for r in context.reports if manifest.covers(r["path"]) and r.get("profile") == manifest.profile]
        present = {(r["org"], r["year"]) for r in mine}
        undated = {r["org"] for r in mine if r["year"] is None}  # FM003 says why; which year is unknown
        for org in manifest.organizations:
            if org.key in undated:
                continue
            for year in manifest.years:
                if (org.key, year) in present:
                    continue
                yield manifest.path, finding(
                    org.span,
                    f"no report of {org.name} on {year}: no file under this configuration's folder has organization "
                    f"{org.name!r} and year {year} ({manifest.profile})",
                    f"缺少 {org.name} {year} 年度的报告：本配置文件所在目录下没有 organization 为“{org.name}”、"
                    f"year 为 {year} 的文件（{manifest.profile}）",
                    data={"organization": org.name, "year": year, "profile": manifest.profile})
