"""What a reader (Word, HTML) hands to the Markdown writer: the document as a list of blocks,
what the source says about itself, and what could not be mapped."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..gridtable import Grid


class ImportFailure(Exception):
    """The input cannot be read (a missing file, a corrupt or unsupported one): exit code 2."""


@dataclass
class Para:
    """A paragraph: its text (line breaks inside it kept as ``\\n``) and how it is formatted."""

    text: str
    heading: int | None = None  # the level of a heading style (Heading 1, 标题 2, <h3>), 0 for a Title style
    bold: bool = False  # all of its text is bold
    centered: bool = False


@dataclass
class TableBlock:
    grid: Grid
    where: str = ""  # how the reader names it in notes, e.g. "table 3"


@dataclass
class Source:
    """A document as read: blocks in order, metadata the source states, and notes on what was
    not imported (images, text boxes, footnotes …)."""

    blocks: list = field(default_factory=list)  # Para | TableBlock
    titles: list[str] = field(default_factory=list)  # titles the page states outside its text (ArticleTitle, <h1>, <title>)
    published: str | None = None  # YYYY-MM-DD when the source says when it was published
    notes: list[str] = field(default_factory=list)
