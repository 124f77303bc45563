"""markdown-it-py parsers, built once per process (importing markdown-it costs ~40 ms, so
only documents that are actually parsed pay for it)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=None)
def full_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


@lru_cache(maxsize=None)
def block_parser():
    """Block structure only: inline content stays unparsed in each ``inline`` token's content,
    which is all headings, paragraphs and tables need (about half the cost of a full parse)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable(["inline", "text_join"])
