"""A web link is broken (checked over the network, only with ``--check-external``).

Every ``http``/``https`` link, image and bare URL is requested once per run (``HEAD``, then
``GET`` when needed), following redirects. Reported: a page that does not exist (404, 410) or
a host that does not exist (errors); other client errors (401, 403, 412 … — many government
sites refuse robots), rate limiting that outlasts the retries, server errors, timeouts, TLS
and connection failures, too many redirects (warnings: the link may work for a person); and
a host that resolves to a loopback, private, link-local or metadata address, which is never
requested (warning).

Never part of a normal run: it needs the network, so it runs only with
``reportlint check --check-external`` (meant for CI). Results are cached in the user's cache
folder (``cache-max-age``, default one day; 429, 5xx and network errors are not cached), keyed
by the URL and every option that changes the verdict (``allow-networks``, ``accept-status``, the
limits, the user agent); ``--no-cache`` neither reads nor writes them.

Options: ``timeout`` (seconds per request), ``max-concurrency``, ``max-per-host``,
``max-redirects``, ``retries`` and ``max-retry-wait`` (for 429/503, honouring Retry-After),
``max-response-bytes``, ``exclude`` (regular expressions of URLs not to check),
``accept-status`` (statuses to treat as fine, e.g. ``[403]``), ``allow-networks`` (CIDR networks
that may be requested although private, e.g. ``["10.0.0.0/8"]`` for an intranet mirror),
``cache``, ``cache-max-age`` (seconds or ``30m``, ``12h``, ``7d``), ``cache-dir`` (relative to the
configuration file that sets it), ``user-agent``,
``max-total-time`` (seconds for the whole check, default 120: a pull request full of links to
slow or rate-limiting servers must not hold CI for long; links left when it runs out are
reported as not checked, a warning).
"""
import os

from reportlint.api import Span, classify, finding, links_of, progress, user_cache_dir

CODE = "LNK009"
NAME = "broken-external-link"
SUMMARY = "A web link is broken (checked online with --check-external)"
SUMMARY_ZH = "网页链接失效（使用 --check-external 联网检查）"
SEVERITY = "error"
SCOPE = "repository"
REQUIRES_PROFILE = False
NETWORK = True
OPTIONS = {
    "type": "object",
    "properties": {
        "timeout": {"type": "number", "exclusiveMinimum": 0, "default": 10},
        "max-concurrency": {"type": "integer", "minimum": 1, "maximum": 64, "default": 8},
        "max-per-host": {"type": "integer", "minimum": 1, "maximum": 16, "default": 2},
        "max-redirects": {"type": "integer", "minimum": 0, "maximum": 20, "default": 5},
        "retries": {"type": "integer", "minimum": 0, "maximum": 10, "default": 2},
        "max-retry-wait": {"type": "number", "minimum": 0, "default": 30},
        "max-response-bytes": {"type": "integer", "minimum": 1024, "default": 65536},
        "exclude": {"type": "array", "items": {"type": "string", "format": "regex"}, "default": []},
        "accept-status": {"type": "array", "items": {"type": "integer", "minimum": 100, "maximum": 599},
                          "default": []},
        "allow-networks": {"type": "array", "items": {"type": "string", "format": "ip-network"}, "default": []},
        "cache": {"type": "boolean", "default": True},
        "cache-max-age": {"oneOf": [{"type": "number", "minimum": 0},
                                    {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*[smhd]?\s*$"}],
                          "default": "1d"},
        "cache-dir": {"type": ["string", "null"], "format": "path", "default": None},
        "user-agent": {"type": ["string", "null"], "default": None},
        "max-total-time": {"type": "number", "exclusiveMinimum": 0, "default": 120},
    },
    "additionalProperties": False,
}

_REASONS = {
    "dns": ("the host '{host}' does not exist", "主机“{host}”不存在"),
    "dns-temporary": ("the host '{host}' could not be looked up ({detail})", "无法解析主机“{host}”（{detail}）"),
    "timeout": ("no answer in time ({detail})", "未在规定时间内响应（{detail}）"),
    "connect": ("could not connect ({detail})", "无法连接（{detail}）"),
    "tls": ("TLS/certificate problem ({detail})", "TLS/证书错误（{detail}）"),
    "protocol": ("the server's answer is not valid HTTP ({detail})", "服务器响应不是有效的 HTTP（{detail}）"),
    "too-large": ("the server's answer is too large ({detail})", "服务器响应过大（{detail}）"),
    "redirects": ("{detail}", "重定向过多或循环（{detail}）"),
    "scheme": ("it redirects to something that is not a web page ({detail})", "重定向到非网页地址（{detail}）"),
    "invalid": ("it cannot be requested ({detail})", "无法请求（{detail}）"),
}


def collect(doc, profile, options):
    urls = []
    for link in links_of(doc).links:
        if classify(link.dest).kind == "web":
            urls.append([link.dest, list(link.span)])  # plain data (what the result cache keeps)
    return urls or None


def _options(options):
    from reportlint.api import CheckOptions, parse_max_age  # the HTTP machinery loads only when needed

    cache_dir = options.get("cache-dir")
    folder = None
    if options.get("cache", True):
        folder = os.path.expanduser(cache_dir) if cache_dir else str(user_cache_dir())
    ua = options.get("user-agent")
    kw = {"user_agent": ua} if ua else {}
    # exclude and allow-networks were checked when the configuration loaded (formats regex and
    # ip-network in OPTIONS)
    return CheckOptions(
        timeout=float(options.get("timeout", 10)), max_concurrency=int(options.get("max-concurrency", 8)),
        max_per_host=int(options.get("max-per-host", 2)), max_redirects=int(options.get("max-redirects", 5)),
        retries=int(options.get("retries", 2)), max_retry_wait=float(options.get("max-retry-wait", 30)),
        max_bytes=int(options.get("max-response-bytes", 65536)),
        allow_networks=tuple(options.get("allow-networks") or ()), exclude=tuple(options.get("exclude") or ()),
        accept_status=tuple(options.get("accept-status") or ()), cache_dir=folder,
        cache_max_age=parse_max_age(options.get("cache-max-age", "1d")),
        max_total_time=float(options.get("max-total-time", 120)), **kw)


def check_repository(items, options):
    from reportlint.api import check_urls

    opts = _options(options)
    occurrences = [(path, url, Span(*span)) for path, data in items for url, span in data]
    if not occurrences:
        return
    results = check_urls([u for _, u, _ in occurrences], opts, progress=progress)
    for path, url, span in occurrences:
        res = results.get(url.split("#", 1)[0])
        if res is None:
            continue  # excluded
        message = _message(url, res, opts)
        if message is not None:
            severity, en, zh = message
            yield path, finding(span, en, zh, severity=severity,
                                data={"url": url, "status": res.status, "error": res.error,
                                      "final_url": res.final_url, "cached": res.cached})


def _message(url, res, opts):
    from urllib.parse import urlsplit

    if res.error == "budget":
        return ("warning", f"'{url}' was not checked: {res.detail} (option max-total-time)",
                f"未检查“{url}”：检查链接的时间上限 {opts.max_total_time:g} 秒已用完（选项 max-total-time）")
    if res.error == "refused-address" and res.redirects:
        return ("warning", f"'{url}' was not checked further: it redirects to '{res.final_url}', whose host "
                f"resolves to a private, loopback or link-local address ({res.detail}), which is never requested "
                "(see allow-networks)",
                f"未继续检查“{url}”：它重定向到“{res.final_url}”，该主机解析为内网、回环或链路本地地址（{res.detail}），"
                "出于安全不予访问（参见 allow-networks）")
    if res.error == "refused-address":
        return ("warning", f"'{url}' was not checked: its host resolves to a private, loopback or link-local "
                f"address ({res.detail}), which is never requested (see allow-networks)",
                f"未检查“{url}”：其主机解析为内网、回环或链路本地地址（{res.detail}），出于安全不予访问（参见 allow-networks）")
    if res.error:
        try:
            host = urlsplit(res.final_url or url).hostname or ""
        except ValueError:
            host = ""
        en, zh = _REASONS.get(res.error, ("{detail}", "{detail}"))
        en, zh = en.format(host=host, detail=res.detail), zh.format(host=host, detail=res.detail)
        severity = "error" if res.error == "dns" else "warning"
        return severity, f"broken link '{url}': {en}", f"链接“{url}”失效：{zh}"
    status = res.status
    if status is None or status < 400 or status in opts.accept_status:
        return None
    via = f" (after redirects to {res.final_url})" if res.redirects else ""
    via_zh = f"（经重定向至 {res.final_url}）" if res.redirects else ""
    if status in (404, 410):
        return ("error", f"broken link '{url}': HTTP {status}, the page does not exist{via}",
                f"链接“{url}”失效：HTTP {status}，页面不存在{via_zh}")
    if status == 429:
        why = f"; {res.detail}" if res.detail else ""
        why_zh = f"（{res.detail}）" if res.detail else ""
        return ("warning", f"'{url}' could not be checked: the server kept answering HTTP 429 (too many requests){why}",
                f"无法检查“{url}”：服务器持续返回 HTTP 429（请求过多）{why_zh}")
    if status >= 500:
        return ("warning", f"'{url}': the server answered HTTP {status} (a server error){via}",
                f"“{url}”：服务器返回 HTTP {status}（服务器错误）{via_zh}")
    return ("warning", f"'{url}': the server answered HTTP {status}{via}; it may refuse automated checks "
            "(add the status to accept-status if the page opens in a browser)",
            f"“{url}”：服务器返回 HTTP {status}{via_zh}，可能拒绝自动检查（若浏览器可以打开，可将该状态码加入 accept-status）")
