"""The file is not UTF-8 text.

Reports must be saved as UTF-8. Windows editors often save Chinese text as GB18030/GBK; when the
bytes look like that, the message says so. A UTF-16 or UTF-32 file (recognised by its byte-order
mark) is reported too. The file is not checked further.

Fix: re-save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8).
"""
from reportlint.api import finding

CODE = "FILE001"
NAME = "not-utf8"
SUMMARY = "File is not valid UTF-8"
SUMMARY_ZH = "文件不是有效的 UTF-8 编码"
SEVERITY = "error"
REQUIRES_PROFILE = False
CHECKS_INPUT = True


def check(doc, profile, options):
    p = doc.problem
    if p is None or p.kind != "encoding":
        return
    enc = p.detail.get("encoding")
    if enc in ("UTF-16", "UTF-32"):
        yield finding(p.span, f"file is {enc}, not UTF-8; re-save it as UTF-8",
                      f"文件是 {enc} 编码而不是 UTF-8，请另存为 UTF-8 编码")
        return
    byte = p.detail.get("byte")
    where_en = f"invalid byte 0x{byte:02X}" if isinstance(byte, int) else "invalid bytes"
    where_zh = f"无效字节 0x{byte:02X}" if isinstance(byte, int) else "无效字节"
    if enc == "GB18030":
        yield finding(p.span,
                      f"file is not valid UTF-8 ({where_en}); it looks like GB18030/GBK, as Windows editors "
                      "save Chinese text: re-save it as UTF-8",
                      f"文件不是有效的 UTF-8 编码（{where_zh}），看起来是 Windows 编辑器常用的 GB18030/GBK 编码，"
                      "请另存为 UTF-8 编码")
    else:
        yield finding(p.span, f"file is not valid UTF-8 ({where_en}); re-save it as UTF-8",
                      f"文件不是有效的 UTF-8 编码（{where_zh}），请另存为 UTF-8 编码")
