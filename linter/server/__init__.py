"""``reportlint server``: the Language Server Protocol over stdio, for live diagnostics, quick
fixes and hover in any editor. The protocol libraries (pygls 2, lsprotocol) are the ``server``
extra: ``pip install 'reportlint[server]'``. Nothing here is imported by ``reportlint check``.
"""
from __future__ import annotations

import sys

INSTALL_HINT = "pip install 'reportlint[server]'"


def missing_libraries() -> str | None:
    """Why the language server cannot start, or None."""
    try:
        import lsprotocol.types  # noqa: F401
        from pygls.lsp.server import LanguageServer  # noqa: F401 - pygls 2 (1.x has no pygls.lsp.server)
    except ImportError as exc:
        return f"{exc}"
    return None


def run(args, lang: str) -> int:
    """``reportlint server``: exit code 2 (with what to install) when pygls is missing."""
    why = missing_libraries()
    if why is not None:
        print(f"reportlint: error: `reportlint server` needs pygls 2 and lsprotocol ({why}); "
              f"install them with: {INSTALL_HINT}", file=sys.stderr)
        return 2
    from .lsp import serve
    from .session import Options

    options = Options(lang=lang, lang_given=args.lang is not None, config=args.config, isolated=args.isolated)
    if args.debounce is not None:
        options.debounce = args.debounce / 1000
    if args.docs_url:
        options.docs_url = args.docs_url
    return serve(options)
