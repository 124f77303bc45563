"""What a reader (Word, HTML) hands to the Markdown writer: the document as a list of blocks,
what the source says about itself, and what could not be mapped."""
from __future__ import annotations


from ..gridtable import Grid
from ..records import Record


class ImportFailure(Exception):
    """The input cannot be read (a missing file, a corrupt or unsupported one): exit code 2."""


class Para(Record):
    """A paragraph: its text (line breaks inside it kept as ``\\n``) and how it is formatted."""

    text: str
    heading: int | None  # the level of a heading style (Heading 1, 标题 2, <h3>), 0 for a Title style
    bold: bool  # all of its text is bold
    centered: bool

    def __init__(
            self, text: str, heading: int | None = None, bold: bool = False, centered: bool = False) -> None:
        self.text = text
        self.heading = heading
        self.bold = bold
        self.centered = centered


class TableBlock(Record):
    grid: Grid
    where: str  # how the reader names it in notes, e.g. "table 3"

    def __init__(self, grid: Grid, where: str = "") -> None:
        self.grid = grid
        self.where = where


class Source(Record):
    """A document as read: blocks in order, metadata the source states, and notes on what was
    not imported (images, text boxes, footnotes …)."""

    blocks: list  # Para | TableBlock
    titles: list[str]  # titles the page states outside its text (ArticleTitle, <h1>, <title>)
    published: str | None  # YYYY-MM-DD when the source says when it was published
    notes: list[str]

    def __init__(
            self, blocks: list | None = None, titles: list[str] | None = None, published: str | None = None,
            notes: list[str] | None = None) -> None:
        self.blocks = [] if blocks is None else blocks
        self.titles = [] if titles is None else titles
        self.published = published
        self.notes = [] if notes is None else notes
