"""markdown-it-py parsers, built once per process (importing markdown-it costs ~40 ms, so
only documents that are actually parsed pay for it)."""
from __future__ import annotations

from functools import lru_cache


def _commonmark():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.core.ruler.at("normalize", _normalize)
    return md


def _normalize(state) -> None:
    """markdown-it-py's ``normalize`` core rule (line breaks to ``\n``, NUL to U+FFFD), which
    rewrites the whole text even when there is nothing to change, as for documents (decoding
    already turned their line breaks into ``\n``)."""
    if "\r" in state.src or "\0" in state.src:
        from markdown_it.rules_core.normalize import normalize

        normalize(state)


@lru_cache(maxsize=None)
def full_parser():
    return _commonmark()


@lru_cache(maxsize=None)
def block_parser():
    """Block structure only: inline content stays unparsed in each ``inline`` token's content,
    which is all headings and paragraphs need. Tables are recognised exactly as markdown-it-py's
    GFM table rule does, but only ``table_open``/``table_close`` (with their line map) are
    emitted: the document re-splits table lines itself to keep cell positions, so the per-cell
    tokens would be built for nothing (they are two thirds of the block parse of a report). The
    block rules that need a given first character on a line are asked only about lines that start
    with it (:data:`_FIRST_CHARS`): the same blocks, a third less work."""
    md = _commonmark().disable(["inline", "text_join"])
    md.block.ruler.at("table", _table_bounds, {"alt": ["paragraph", "reference"]})
    ruler = md.block.ruler
    for rule in ruler.__rules__:
        chars = _FIRST_CHARS.get(rule.name)
        if chars is not None:
            rule.fn = _gated(rule.fn, chars)
    ruler.__cache__ = None  # the chains are compiled again, with the gated rules
    return md


# The character a line must start with (after its indentation) for each of these block rules of
# markdown-it-py to accept it. Every rule is tried at every block start and, as a terminator, on
# every line of a paragraph; each begins with a debug-log call and several look-ups before it
# looks at that character. The gate turns a line down as the rule would, only sooner.
_FIRST_CHARS = {"fence": "~`", "blockquote": ">", "hr": "*-_", "list": "*-+0123456789", "reference": "[",
                "html_block": "<", "heading": "#"}


def _gated(rule, chars: str):
    def gate(state, startLine: int, endLine: int, silent: bool) -> bool:
        pos = state.bMarks[startLine] + state.tShift[startLine]
        if pos < state.eMarks[startLine] and state.src[pos] not in chars:
            return False
        return rule(state, startLine, endLine, silent)

    gate.__name__ = getattr(rule, "__name__", "rule")
    return gate


def _table_bounds(state, startLine: int, endLine: int, silent: bool) -> bool:
    """markdown-it-py's ``rules_block.table.table`` with the same acceptance and termination
    logic, emitting no cell tokens. It is tried at every block start and on every line of a
    paragraph: the cheapest tests that turn a line down come first."""
    if startLine + 2 > endLine:
        return False
    nextLine = startLine + 1
    src = state.src
    pos = state.bMarks[nextLine] + state.tShift[nextLine]
    end = state.eMarks[nextLine]
    if pos + 1 >= end:  # the delimiter line needs two characters at least
        return False
    first_ch = src[pos]
    if first_ch not in "|-:":
        return False
    if state.sCount[nextLine] < state.blkIndent or state.is_code_block(nextLine):
        return False
    second_ch = src[pos + 1]
    if second_ch not in "|-:" and second_ch not in " \t":
        return False
    if first_ch == "-" and second_ch in " \t":
        return False
    delim = src[pos:end]
    if delim.strip(" \t|-:"):
        return False
    from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS, headerLineRe

    columns = delim.split("|")
    aligns = 0
    for i, col in enumerate(columns):
        t = col.strip()
        if not t:
            if i == 0 or i == len(columns) - 1:
                continue
            return False
        if not headerLineRe.search(t):
            return False
        aligns += 1
    bMarks, eMarks, tShift, sCount = state.bMarks, state.eMarks, state.tShift, state.sCount
    lineText = src[bMarks[startLine] + tShift[startLine]:eMarks[startLine]].strip()
    if "|" not in lineText or state.is_code_block(startLine):
        return False
    columnCount = _cell_count(lineText)
    if columnCount == 0 or columnCount != aligns:
        return False
    if silent:
        return True
    oldParentType = state.parentType
    state.parentType = "table"
    terminatorRules = state.md.block.ruler.getRules("blockquote")
    token = state.push("table_open", "table", 1)
    token.map = tableLines = [startLine, 0]
    autocompleted = 0
    nextLine = startLine + 2
    while nextLine < endLine:
        if sCount[nextLine] < state.blkIndent:
            break
        # a block that would end the table starts with its marker (` ~ > * - _ + digit < #): a
        # line starting with a pipe, as table rows do, cannot start one
        start = bMarks[nextLine] + tShift[nextLine]
        if src[start:start + 1] != "|" and any(rule(state, nextLine, endLine, True) for rule in terminatorRules):
            break
        lineText = src[start:eMarks[nextLine]].strip()
        if not lineText or state.is_code_block(nextLine):
            break
        autocompleted += columnCount - _cell_count(lineText)
        if autocompleted > MAX_AUTOCOMPLETED_CELLS:
            break
        nextLine += 1
    state.push("table_close", "table", -1)
    tableLines[1] = nextLine
    state.parentType = oldParentType
    state.line = nextLine
    return True


def _cell_count(lineText: str) -> int:
    """The cells of a (stripped, non-empty) table line as markdown-it-py's ``escapedSplit`` and
    the removal of an empty first and last piece count them, without building them: the pipes
    not preceded by a backslash separate cells (each "\\|" is one escaped pipe: the pair cannot
    overlap itself)."""
    n = lineText.count("|") - lineText.count("\\|") + 1
    if lineText[0] == "|":
        n -= 1
    if n > 0 and lineText[-1] == "|" and not lineText.endswith("\\|"):
        n -= 1
    return n
