"""The public rule API. Rules (built-in and plugins) import from here and nowhere else:

    from reportlint.api import finding, label_key

A rule never sees the CLI, configuration loading or output formats. See ``reportlint.registry``
for how a rule module declares itself.

Names are imported from their module on first use, so a rule pays only for what it uses (an
editor lints one file per keystroke; importing every analysis would cost more than linting).
"""
from __future__ import annotations

import importlib
from typing import Any

# name -> the module of this package that defines it
_EXPORTS = {
    # reportlint.diagnostics
    "Edit": "diagnostics", "Finding": "diagnostics", "Fix": "diagnostics", "Message": "diagnostics",
    "Span": "diagnostics", "finding": "diagnostics", "span_of": "diagnostics",
    # reportlint.document
    "Block": "document", "Document": "document", "FileProblem": "document", "Heading": "document",
    "Paragraph": "document", "Section": "document", "strip_comments": "document",
    # reportlint.frontmatter
    "FrontMatter": "frontmatter",
    # reportlint.profile
    "ColumnSpec": "profile", "Edition": "profile", "MentionSpec": "profile", "Profile": "profile",
    "RowSpec": "profile", "SectionSpec": "profile", "TableSpec": "profile", "load_profile": "profile",
    # reportlint.relations
    "Ref": "relations", "Relation": "relations", "Term": "relations", "compare": "relations",
    # reportlint.structure
    "SectionHit": "structure", "SectionMap": "structure", "section_map": "structure",
    # reportlint.tables
    "Cell": "tables", "Row": "tables", "Table": "tables",
    # reportlint.text
    "compact": "text", "core_key": "text", "label_key": "text", "leading_numbering": "text", "nfkc": "text",
    "parse_chinese_number": "text", "strip_numbering": "text", "CompactText": "text",
    # reportlint.cellvalue
    "Value": "cellvalue", "parse_value": "cellvalue",
    # reportlint.arith
    "Cellref": "arith", "Culprit": "arith", "Evaluation": "arith", "describe": "arith",
    "document_evaluations": "arith", "evaluate": "arith", "likely_culprits": "arith",
    "model_lookup": "arith", "num": "arith", "relation_findings": "arith", "cell_data": "arith",
    "relation_data": "arith",
    # reportlint.tablemodel
    "CellHit": "tablemodel", "ColumnHit": "tablemodel", "LogicalTable": "tablemodel", "RowHit": "tablemodel",
    "TableModel": "tablemodel", "cell_fix": "tablemodel", "row_span": "tablemodel",
    "table_model": "tablemodel",
    # reportlint.prose
    "Breakdown": "prose", "Claim": "prose", "Concept": "prose", "Figure": "prose", "ProseAnalysis": "prose",
    "Statement": "prose",
    # reportlint.crosscheck
    "ASSUMED": "crosscheck", "ClaimReading": "crosscheck", "Contradiction": "crosscheck", "PercentCheck": "crosscheck",
    "fits": "crosscheck", "stated_values": "crosscheck", "whole_confirmed": "crosscheck",
    "Reading": "crosscheck", "claim_readings": "crosscheck", "contradiction": "crosscheck", "excerpt": "crosscheck",
    "percent_check": "crosscheck", "prose_of": "crosscheck", "quote": "crosscheck", "readings": "crosscheck",
    "same_value": "crosscheck", "table_sum": "crosscheck", "table_value": "crosscheck",
    # reportlint.anchors
    "closest_anchor": "anchors", "document_anchors": "anchors", "file_anchors": "anchors",
    "github_slug": "anchors",
    # reportlint.invisible
    "BIDI": "invisible", "INVISIBLE_RE": "invisible", "ZERO_WIDTH": "invisible", "char_name": "invisible",
    # reportlint.safefile
    "KIND_WORDS": "safefile",
    # reportlint.cachedir
    "user_cache_dir": "cachedir",
    # reportlint.links
    "MARKDOWN_SUFFIXES": "links", "Link": "links", "LinkIndex": "links", "LocalLink": "links",
    "LocalLinkData": "links", "RefUse": "links", "Suspect": "links", "Target": "links", "classify": "links",
    "collect_local_links": "links", "links_of": "links", "local_link_items": "links", "local_links": "links",
    "resolved_links": "links", "shown_path": "links",
    # reportlint.progress
    "progress": "progress",
    # reportlint.urlcheck
    "CheckOptions": "urlcheck", "UrlResult": "urlcheck", "check_urls": "urlcheck",
    "parse_max_age": "urlcheck",
    # reportlint.quickschema
    "certainly_valid": "quickschema",
    # reportlint.publication (a repository's reports: who, which year, when published)
    "org_key": "publication", "parse_date": "publication", "publication_deadline": "publication",
    "report_identity": "publication", "timeliness": "publication",
    # reportlint.sentences (REP003, TXT006)
    "Sentence": "sentences", "fold_paragraph": "sentences", "sentences": "sentences",
    # reportlint.repository (what repository rules receive besides the files' data)
    "Manifest": "repository", "RepositoryContext": "repository",
    # reportlint.gitlog (REP004: a report's versions in git)
    "Commit": "gitlog", "GitHistory": "gitlog", "git_history": "gitlog",
    # reportlint.document
    "decode_document": "document",
    # reportlint.hashing (content digests without loading OpenSSL)
    "blake2b": "hashing",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__.rpartition(".")[0]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(_EXPORTS)


__all__ = sorted(_EXPORTS)
