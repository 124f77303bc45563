"""A link uses ``http://`` where the policy asks for ``https://``.

Off until configured: set the option ``require-https`` to true (for example for a portal that
serves every page over HTTPS). ``exclude`` lists regular expressions of URLs that may stay on
``http://`` (searched in the URL). Addresses written without a scheme (``www.…``) are not
reported. The fix (unsafe: the site must really serve HTTPS) writes ``https://``.
"""
import re

from reportlint.api import Edit, Fix, Message, classify, finding, links_of

CODE = "LNK008"
NAME = "insecure-http-url"
SUMMARY = "A link uses http:// where the policy asks for https://"
SUMMARY_ZH = "链接使用 http://，而规定要求 https://"
SEVERITY = "warning"
REQUIRES_PROFILE = False
OPTIONS = {
    "type": "object",
    "properties": {
        "require-https": {"type": "boolean", "default": False,
                          "description": "report http:// links (off by default)"},
        "exclude": {"type": "array", "items": {"type": "string", "format": "regex"}, "default": [],
                    "description": "regular expressions of URLs allowed to use http://"},
    },
    "additionalProperties": False,
}


def check(doc, profile, options):
    if not options.get("require-https"):
        return
    exclude = [re.compile(p) for p in options.get("exclude") or []]
    for link in links_of(doc).links:
        if not link.raw[:5].lower() == "http:":
            continue
        t = classify(link.dest)
        if t.kind != "web" or any(p.search(link.dest) for p in exclude):
            continue
        fix = None
        if link.span.line == link.span.end_line:
            fix = Fix((Edit(link.span, "https:" + link.raw[5:]),), Message("write https://", "改为 https://"),
                      "unsafe")
        yield finding(link.span, f"'{link.dest}' uses http://; the policy asks for https://",
                      f"“{link.dest}”使用 http://，按规定应使用 https://", fix=fix)
