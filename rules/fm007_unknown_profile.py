"""The front matter names a ``profile`` that reportlint does not know.

Built-in profiles live in ``schemas/profiles``; more can be added with the configuration key
``profile-paths``. Without a known profile only the file and front matter checks run.
"""
from reportlint.api import finding

CODE = "FM007"
NAME = "unknown-profile"
SUMMARY = "Front matter names an unknown profile"
SUMMARY_ZH = "前置元数据指定了未知的报告类型"
SEVERITY = "error"
REQUIRES_PROFILE = False


def check(doc, profile, options):
    if doc.profile_error is None or doc.problem is not None:
        return
    fm = doc.front_matter
    at = fm.value_span("profile") if fm is not None else doc.line_span(1)
    pid, known = doc.profile_error["id"], ", ".join(doc.profile_error["known"]) or "-"
    yield finding(at, f"unknown profile '{pid}'; known profiles: {known}",
                  f"未知的报告类型 '{pid}'；已知的报告类型：{known}", data={"profile": pid})
