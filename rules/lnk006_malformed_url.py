"""A URL or link destination is malformed.

Reported, with what is wrong:

- a link with no target: ``[文字]()``, ``[文字](#)``;
- an unknown or misspelled scheme: ``htp://``, ``hhttp://``, ``http//`` (no colon), ``foo:…``;
- full-width characters typed with a Chinese input method: ``http：//``, ``https：／／``, a ``，`` or
  ``。`` inside a link destination (the URL really ends before it), ``[文字]（http://…）`` with
  full-width brackets (not a link at all);
- a web address without a scheme as a link destination (``[门户网站](www.beijing.gov.cn)`` is
  taken as a file in the repository);
- ``http:/x`` or ``http:///x`` (two slashes needed), ``http://`` without a host, a bad port,
  characters that cannot appear in a host name;
- spaces: ``[文字](http://a b)`` is not a link, ``http:// www…`` has a space after the scheme.

Safe fixes replace full-width ``：`` ``／`` and brackets with ASCII ones; the scheme guesses
(``htp`` → ``http``, adding ``https://``) are unsafe fixes (``--unsafe-fixes``).
A bare URL running into the Chinese text after it is LNK007.
"""
from reportlint.api import Edit, Fix, Message, classify, finding, links_of

CODE = "LNK006"
NAME = "malformed-url"
SUMMARY = "A URL or link destination is malformed"
SUMMARY_ZH = "网址或链接目标格式错误"
SEVERITY = "error"
REQUIRES_PROFILE = False


# problems of a link destination (see reportlint.api.classify): English and Chinese templates
_PROBLEM = {
    "empty": ("link has no target", "链接没有目标地址"),
    "misspelled": ("unknown scheme '{scheme}:' in '{url}'; did you mean '{sug}:'?",
                   "“{url}”中的协议“{scheme}:”无法识别，是否应为“{sug}:”？"),
    "unknown-scheme": ("unknown scheme '{scheme}:' in '{url}'; the link will not open",
                       "“{url}”中的协议“{scheme}:”无法识别，链接无法打开"),
    "fullwidth": ("full-width character in the scheme of '{url}'; write '{sug}'", "“{url}”的协议部分含全角字符，应写作“{sug}”"),
    "fullwidth-end": ("the URL '{url}' ends with the full-width '{sug}'; the URL really ends before it",
                      "网址“{url}”以全角字符“{sug}”结尾，网址应在其之前结束"),
    "fullwidth-char": ("full-width '{sug}' inside the URL '{url}'; URLs use ASCII punctuation",
                       "网址“{url}”中含全角字符“{sug}”，网址应使用半角标点"),
    "missing-colon": ("'{url}' lacks the colon after the scheme; write '{sug}'", "“{url}”的协议后缺少冒号，应写作“{sug}”"),
    "missing-scheme": ("'{url}' has no scheme, so it is taken as a file in the repository; write '{sug}'",
                       "“{url}”缺少协议，会被当作仓库中的文件，应写作“{sug}”"),
    "slashes": ("'{url}' needs exactly two slashes after the scheme ('{sug}')", "“{url}”的协议后应有两个斜杠（“{sug}”）"),
    "no-host": ("URL '{url}' has no host name", "网址“{url}”缺少主机名"),
    "port": ("URL '{url}' has an invalid port", "网址“{url}”的端口无效"),
    "space": ("URL '{url}' contains a space; encode it as %20", "网址“{url}”含空格，应编码为 %20"),
    "host": ("invalid character in the host name of '{url}'", "网址“{url}”的主机名含无效字符"),
    "mailto": ("'{url}' has no e-mail address", "“{url}”缺少电子邮件地址"),
}


def _problem(problem: str, url: str, sug: str, scheme: str) -> tuple[str, str]:
    if problem == "fullwidth-char" and url.rstrip().endswith(sug):
        problem = "fullwidth-end"
    en, zh = _PROBLEM.get(problem, ("malformed URL '{url}'", "网址“{url}”格式错误"))
    return en.format(url=url, sug=sug, scheme=scheme), zh.format(url=url, sug=sug, scheme=scheme)


_SUSPECT = {
    "space-in-destination": ("not a link: the destination '{t}' contains a space (write %20, or put it in <…>)",
                             "不是链接：目标“{t}”含空格（应写作 %20，或放在 <…> 中）"),
    "fullwidth-brackets": ("not a link: '{t}' uses full-width brackets; Markdown needs ASCII '(' and ')'",
                           "不是链接：“{t}”使用了全角括号，Markdown 链接须使用半角“(”“)”"),
    "fullwidth": ("full-width character in '{t}'; write '{s}'", "“{t}”含全角字符，应写作“{s}”"),
    "misspelled": ("'{t}' is not a URL scheme; did you mean '{s}'?", "“{t}”不是有效的网址协议，是否应为“{s}”？"),
    "missing-colon": ("'{t}' lacks the colon; write '{s}'", "“{t}”缺少冒号，应写作“{s}”"),
    "slashes": ("'{t}' needs exactly two slashes; write '{s}'", "“{t}”应有两个斜杠，应写作“{s}”"),
    "space-after-scheme": ("space after '{t}': the URL is cut in two", "“{t}”之后有空格，网址被截断"),
    "no-host": ("'{t}' is not followed by a host name", "“{t}”之后缺少主机名"),
}


def check(doc, profile, options):
    index = links_of(doc)
    for link in index.links:
        t = classify(link.dest)
        if t.kind not in ("malformed", "empty"):
            continue
        problem = t.problem or "empty"
        en, zh = _problem(problem, link.dest, t.suggestion, t.scheme)
        yield finding(link.span, en, zh, fix=_fix(link, t), data={"problem": problem})
    for s in index.suspects:
        en, zh = _SUSPECT[s.reason]
        fix = None
        if s.fix:
            fix = Fix(tuple(Edit(span, rep) for span, rep in s.fix),
                      Message("use ASCII characters", "改为半角字符"))
        elif s.suggestion and s.reason in ("misspelled", "missing-colon", "slashes"):
            fix = Fix((Edit(s.span, s.suggestion),), Message(f"write '{s.suggestion}'", f"改为“{s.suggestion}”"),
                      "unsafe")
        yield finding(s.span, en.format(t=s.text, s=s.suggestion), zh.format(t=s.text, s=s.suggestion),
                      fix=fix, data={"problem": s.reason})


def _fix(link, t):
    """Repairs of a destination: the scheme's full-width characters (safe); a guessed scheme
    (unsafe)."""
    raw = link.raw
    if link.span.line != link.span.end_line or raw != link.dest:
        return None
    sp = link.span
    if t.problem == "fullwidth" and t.suggestion.endswith("://"):
        head = len(t.scheme) + 1
        while head < len(raw) and raw[head] in "/／" and head < len(t.scheme) + 3:
            head += 1
        new = t.suggestion + raw[head:]
        return Fix((Edit(sp, new),), Message(f"write '{t.suggestion}'", f"改为“{t.suggestion}”"))
    if t.problem in ("misspelled", "missing-colon", "slashes") and t.suggestion:
        colon = raw.find(":")
        rest = raw[colon + 1:] if colon != -1 else raw[len(t.scheme):]
        rest = rest.lstrip("/")
        sug = t.suggestion if t.suggestion.endswith("://") else t.suggestion + ("://" if t.suggestion != "mailto" else ":")
        return Fix((Edit(sp, sug + rest),), Message(f"write '{sug}'", f"改为“{sug}”"), "unsafe")
    if t.problem == "missing-scheme":
        return Fix((Edit(sp, t.suggestion),), Message(f"write '{t.suggestion}'", f"改为“{t.suggestion}”"), "unsafe")
    return None
