"""The public rule API. Rules (built-in and plugins) import from here and nowhere else:

    from reportlint.api import finding, label_key

A rule never sees the CLI, configuration loading or output formats. See ``reportlint.registry``
for how a rule module declares itself.
"""
from __future__ import annotations

from .diagnostics import Edit, Finding, Fix, Message, Span, finding, span_of
from .document import Block, Document, FileProblem, Heading, Paragraph, Section
from .frontmatter import FrontMatter
from .profile import ColumnSpec, Edition, MentionSpec, Profile, RowSpec, SectionSpec, TableSpec, load_profile
from .relations import Ref, Relation, Term, compare
from .structure import SectionHit, SectionMap, section_map
from .tables import Cell, Row, Table
from .text import compact, core_key, label_key, leading_numbering, nfkc, parse_chinese_number, strip_numbering
from .cellvalue import Value, parse_value
from .arith import (Cellref, Culprit, Evaluation, describe, document_evaluations, evaluate, likely_culprits,
                    model_lookup, num, relation_findings)
from .tablemodel import CellHit, ColumnHit, LogicalTable, RowHit, TableModel, cell_fix, row_span, table_model
from .prose import Breakdown, Claim, Concept, Figure, ProseAnalysis, Statement
from .crosscheck import PercentCheck, Reading, contradiction, percent_check, prose_of, quote, readings, table_sum
# links (LNK rules): extraction, GitHub anchors, resolution of files, checking URLs online
from .anchors import closest_anchor, document_anchors, file_anchors, github_slug
from .cachedir import user_cache_dir
from .links import (MARKDOWN_SUFFIXES, Link, LinkIndex, LocalLink, LocalLinkData, RefUse, Suspect, Target, classify,
                    collect_local_links, links_of, resolved_links, shown_path)
from .progress import progress

# imported on first use (only runs that check links online need http, ssl, threads)
_LAZY = {"CheckOptions": "urlcheck", "UrlResult": "urlcheck", "check_urls": "urlcheck", "parse_max_age": "urlcheck"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__.rpartition(".")[0]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Block", "Cell", "ColumnSpec", "Document", "Edit", "Edition", "FileProblem", "Finding", "Fix",
    "FrontMatter", "Heading", "MentionSpec", "Message", "Paragraph", "Profile", "Ref", "Relation",
    "Row", "RowSpec", "Section", "SectionHit", "SectionMap", "SectionSpec", "Span", "Table", "TableSpec", "Term", "compact",
    "compare", "core_key", "finding", "label_key", "leading_numbering", "load_profile", "nfkc",
    "parse_chinese_number", "section_map", "span_of", "strip_numbering",
    # tables recognised by their labels (reportlint.tablemodel) and cell values (reportlint.cellvalue)
    "CellHit", "ColumnHit", "LogicalTable", "RowHit", "TableModel", "Value", "parse_value", "row_span", "cell_fix",
    "table_model",
    # relations evaluated on the recognised tables (reportlint.arith)
    "Cellref", "Culprit", "Evaluation", "describe", "document_evaluations", "evaluate", "likely_culprits",
    "model_lookup", "num", "relation_findings",
    # figures stated in prose (reportlint.prose) and read against the tables (reportlint.crosscheck)
    "Breakdown", "Claim", "Concept", "Figure", "PercentCheck", "ProseAnalysis", "Reading", "Statement",
    "contradiction", "percent_check", "prose_of", "quote", "readings", "table_sum",
    # links (reportlint.links, reportlint.anchors)
    "Link", "LinkIndex", "LocalLink", "LocalLinkData", "MARKDOWN_SUFFIXES", "RefUse", "Suspect", "Target",
    "classify", "closest_anchor", "collect_local_links", "document_anchors", "file_anchors", "github_slug",
    "links_of", "resolved_links", "shown_path",
    "CheckOptions", "UrlResult", "check_urls", "parse_max_age", "progress", "user_cache_dir",
]
