"""The checks of profile.schema.json, written by reportlint.schemacode: do not edit. When the schema
changes, write them again with

    python -m reportlint.schemacode schemas/profile.schema.json > <this file>

(until then, the schema is checked by reportlint.quickschema).
"""
# flake8: noqa
from __future__ import annotations

from .quickschema import _Unknown, _check_key, _enum, _searcher

SCHEMA_DIGEST = "d09866cc0eb177a92885b28ff7fb22cdc4e48f0f"  # reportlint.cache.digest of the schema file

_P0 = _searcher('^[a-z0-9][a-z0-9-]*$')
_P1 = _searcher('^[A-Za-z_][A-Za-z0-9_]*$')
_P2 = _searcher('^[A-Za-z_][A-Za-z0-9_.]*$')
_P3 = _searcher('^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$')
_P4 = _searcher('^(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))$')
_E0 = ('integer', 'decimal', 'text', 'group', 'row_label')
_E1 = ('stated', 'structural', 'heuristic', 'cross_year')
_E2 = ('error', 'warning', 'info')
_E3 = ('whole', 'part')
_E4 = ('before', 'rest')
_S0 = frozenset(_E0)
_S1 = frozenset(_E1)
_S2 = frozenset(_E2)
_S3 = frozenset(_E3)
_S4 = frozenset(_E4)
_K0 = frozenset(())
_K1 = frozenset(('after', 'before', 'clears', 'concept', 'continues', 'core', 'for_each', 'near', 'one_of', 'paragraph', 'rest', 'scope', 'section', 'segment', 'sentence', 'sentence_before', 'topic', 'units', 'unless', 'words'))


def _c1(v):
    if not isinstance(v, dict): return False
    if 'zh' not in v or 'en' not in v: return False
    for k, x in v.items():
        if k == 'zh':
            if not isinstance(x, str): return False
        elif k == 'en':
            if not isinstance(x, str): return False
        else: return False
    return True


_d__defs_text = _c1


def _c2(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if not _d__defs_text(x): return False
    return True


def _c4(v):
    if not isinstance(v, dict): return False
    if 'kind' not in v: return False
    for k, x in v.items():
        if k == 'kind':
            if not (x in _S0 if type(x) is str else _enum(x, _E0)): return False
        elif k == 'min':
            if not (isinstance(x, (int, float)) and not isinstance(x, bool)): return False
        elif k == 'zh':
            if not isinstance(x, str): return False
        elif k == 'en':
            if not isinstance(x, str): return False
        else: return False
    return True


def _c3(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if not _c4(x): return False
    return True


def _c7(v):
    if not isinstance(v, dict): return False
    if 'from' not in v: return False
    for k, x in v.items():
        if k == 'from':
            if not (isinstance(x, int) and not isinstance(x, bool)): return False
        elif k == 'to':
            if not (isinstance(x, int) and not isinstance(x, bool)): return False
        else: return False
    return True


def _d__defs_key(v):
    return (isinstance(v, str) and ((v.isascii() and v.isidentifier()) or _P1(v)))


def _c10(v):
    if not isinstance(v, list): return False
    for x in v:
        if not (isinstance(x, str) and len(x) >= 1): return False
    return True


_d__defs_labels = _c10


def _c11(v):
    if not isinstance(v, list): return False
    for x in v:
        if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
    return True


def _c9(v):
    if not isinstance(v, dict): return False
    if 'id' not in v or 'title' not in v: return False
    for k, x in v.items():
        if k == 'id':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        elif k == 'title':
            if not (isinstance(x, str) and len(x) >= 1): return False
        elif k == 'variants':
            if not _d__defs_labels(x): return False
        elif k == 'required':
            if not isinstance(x, bool): return False
        elif k == 'tables':
            if not _c11(x): return False
        elif k == 'hint':
            if not (isinstance(x, str) and len(x) >= 1): return False
        else: return False
    return True


_d__defs_section = _c9


def _c8(v):
    if not isinstance(v, list): return False
    if len(v) < 1: return False
    for x in v:
        if not _d__defs_section(x): return False
    return True


def _c14(v):
    if not ((isinstance(v, int) and not isinstance(v, bool))): return False
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v < 1: return False
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 5: return False
    return True


def _c16(v):
    if not isinstance(v, dict): return False
    if 'key' not in v or 'label' not in v or 'type' not in v: return False
    for k, x in v.items():
        if k == 'key':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        elif k == 'label':
            if not (isinstance(x, str) and len(x) >= 1): return False
        elif k == 'type':
            if not (isinstance(x, str) and len(x) >= 1): return False
        elif k == 'parent':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        elif k == 'variants':
            if not _d__defs_labels(x): return False
        elif k == 'deviations':
            if not _d__defs_labels(x): return False
        elif k == 'required':
            if not isinstance(x, bool): return False
        else: return False
    return True


_d__defs_column = _c16


def _c15(v):
    if not isinstance(v, list): return False
    if len(v) < 1: return False
    for x in v:
        if not _d__defs_column(x): return False
    return True


def _c19(v):
    if not (isinstance(v, str) or v is None): return False
    return True


def _c18(v):
    if not isinstance(v, dict): return False
    if 'key' not in v or 'label' not in v: return False
    for k, x in v.items():
        if k == 'key':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        elif k == 'label':
            if not _c19(x): return False
        elif k == 'parent':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        elif k == 'data':
            if not isinstance(x, bool): return False
        elif k == 'variants':
            if not _d__defs_labels(x): return False
        elif k == 'deviations':
            if not _d__defs_labels(x): return False
        elif k == 'required':
            if not isinstance(x, bool): return False
        else: return False
    return True


_d__defs_row = _c18


def _c17(v):
    if not isinstance(v, list): return False
    if len(v) < 1: return False
    for x in v:
        if not _d__defs_row(x): return False
    return True


def _c13(v):
    if not isinstance(v, dict): return False
    if 'id' not in v or 'name' not in v or 'section' not in v or 'columns' not in v or 'rows' not in v: return False
    for k, x in v.items():
        if k == 'id':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        elif k == 'name':
            if not _d__defs_text(x): return False
        elif k == 'section':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        elif k == 'physical':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        elif k == 'caption':
            if not isinstance(x, str): return False
        elif k == 'corner_note':
            if not isinstance(x, str): return False
        elif k == 'row_label_levels':
            if not _c14(x): return False
        elif k == 'required':
            if not isinstance(x, bool): return False
        elif k == 'columns':
            if not _c15(x): return False
        elif k == 'rows':
            if not _c17(x): return False
        else: return False
    return True


_d__defs_table = _c13


def _c12(v):
    if not isinstance(v, list): return False
    for x in v:
        if not _d__defs_table(x): return False
    return True


def _c24(v):
    if not isinstance(v, list): return False
    if len(v) < 1: return False
    for x in v:
        if not isinstance(x, str): return False
    return True


def _c25(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if k == 'rows':
            if not isinstance(x, str): return False
        elif k == 'columns':
            if not isinstance(x, str): return False
        else: return False
    return len(v) >= 1 and len(v) <= 1


def _c23(v):
    n = 0
    if _c24(v):
        if n: return False
        n = 1
    if _c25(v):
        if n: return False
        n = 1
    if not n: return False
    return True


_d__defs_for_each_value = _c23


def _c22(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if not _d__defs_for_each_value(x): return False
    return True


def _c21(v):
    if not isinstance(v, dict): return False
    if 'id' not in v or 'expr' not in v or 'severity' not in v: return False
    for k, x in v.items():
        if k == 'id':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        elif k == 'kind':
            if not (x in _S1 if type(x) is str else _enum(x, _E1)): return False
        elif k == 'severity':
            if not (x in _S2 if type(x) is str else _enum(x, _E2)): return False
        elif k == 'description':
            if not _d__defs_text(x): return False
        elif k == 'for_each':
            if not _c22(x): return False
        elif k == 'expr':
            if not (isinstance(x, str) and len(x) >= 3): return False
        elif k == 'report_at':
            if not isinstance(x, str): return False
        else: return False
    return True


_d__defs_relation = _c21


def _c20(v):
    if not isinstance(v, list): return False
    for x in v:
        if not _d__defs_relation(x): return False
    return True


def _c30(v):
    if not (isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool))): return False
    return True


def _c29(v):
    if not isinstance(v, list): return False
    for x in v:
        if not _c30(x): return False
    return True


def _c28(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if not _c29(x): return False
    return True


def _c32(v):
    if not isinstance(v, list): return False
    if len(v) < 1: return False
    for x in v:
        if not (isinstance(x, str) and len(x) >= 1): return False
    return True


def _c31(v):
    if not isinstance(v, list): return False
    if len(v) < 1: return False
    for x in v:
        if not _c32(x): return False
    return True


def _c27(v):
    if not isinstance(v, dict): return False
    if 'id' not in v or 'terms' not in v or 'description' not in v: return False
    for k, x in v.items():
        if k == 'id':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        elif k == 'when':
            if not _c28(x): return False
        elif k == 'section':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        elif k == 'severity':
            if not (x in _S2 if type(x) is str else _enum(x, _E2)): return False
        elif k == 'basis':
            if not isinstance(x, str): return False
        elif k == 'description':
            if not _d__defs_text(x): return False
        elif k == 'terms':
            if not _c31(x): return False
        else: return False
    return True


_d__defs_mention = _c27


def _c26(v):
    if not isinstance(v, list): return False
    for x in v:
        if not _d__defs_mention(x): return False
    return True


def _c6(v):
    if not isinstance(v, dict): return False
    if 'id' not in v or 'sections' not in v: return False
    for k, x in v.items():
        if k == 'id':
            if not (isinstance(x, str) and len(x) >= 1): return False
        elif k == 'name':
            if not isinstance(x, str): return False
        elif k == 'doc_no':
            if not isinstance(x, str): return False
        elif k == 'years':
            if not _c7(x): return False
        elif k == 'sections':
            if not _c8(x): return False
        elif k == 'tables':
            if not _c12(x): return False
        elif k == 'relations':
            if not _c20(x): return False
        elif k == 'mentions':
            if not _c26(x): return False
        else: return False
    return True


_d__defs_edition = _c6


def _c5(v):
    if not isinstance(v, list): return False
    if len(v) < 1: return False
    for x in v:
        if not _d__defs_edition(x): return False
    return True


def _c35(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if not isinstance(x, str): return False
    return True


def _c36(v):
    if not isinstance(v, list): return False
    for x in v:
        if not _c10(x): return False
    return True


def _c37(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if not _c10(x): return False
    return True


def _c34(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if k == 'count_units':
            if not _c10(x): return False
        elif k == 'amount_units':
            if not _c10(x): return False
        elif k == 'aliases':
            if not _c35(x): return False
        elif k == 'same_kind':
            if not _c36(x): return False
        elif k == 'approximate_before':
            if not _c10(x): return False
        elif k == 'approximate_after':
            if not _c10(x): return False
        elif k == 'not_a_unit':
            if not _c37(x): return False
        elif k == 'year':
            if not isinstance(x, str): return False
        elif k == 'other_year_scope':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        else: return False
    return True


def _c40(v):
    if not isinstance(v, list): return False
    for x in v:
        if not (isinstance(x, str) and len(x) >= 1): return False
    return True


def _c39(v):
    n = 0
    if (isinstance(v, str) and len(v) >= 1):
        if n: return False
        n = 1
    if _c40(v):
        if n: return False
        n = 1
    if not n: return False
    return True


def _c38(v):
    if not (isinstance(v, dict)): return False
    if isinstance(v, dict):
        for x in v:
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
    if isinstance(v, dict):
        for k, x in v.items():
            if k not in _K0 and not _c39(x): return False
    return True


def _c42(v):
    if not isinstance(v, dict): return False
    if 'zh' not in v or 'en' not in v or 'words' not in v: return False
    for k, x in v.items():
        if k == 'zh':
            if not isinstance(x, str): return False
        elif k == 'en':
            if not isinstance(x, str): return False
        elif k == 'words':
            if not _c10(x): return False
        elif k == 'never_a_part':
            if not isinstance(x, bool): return False
        else: return False
    return True


def _c41(v):
    if not (isinstance(v, dict)): return False
    if isinstance(v, dict):
        for x in v:
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
    if isinstance(v, dict):
        for k, x in v.items():
            if k not in _K0 and not _c42(x): return False
    return True


def _c47(v):
    if not isinstance(v, list): return False
    if len(v) < 1: return False
    for x in v:
        if not (isinstance(x, str) and len(x) >= 1): return False
    return True


def _c46(v):
    n = 0
    if (isinstance(v, str) and len(v) >= 1):
        if n: return False
        n = 1
    if _c47(v):
        if n: return False
        n = 1
    if not n: return False
    return True


_d__defs_prose_patterns = _c46


def _c49(v):
    if not isinstance(v, list): return False
    if len(v) < 1: return False
    for x in v:
        if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
    return True


def _c48(v):
    n = 0
    if (isinstance(v, str) and ((v.isascii() and v.isidentifier()) or _P1(v))):
        if n: return False
        n = 1
    if _c49(v):
        if n: return False
        n = 1
    if not n: return False
    return True


def _c45(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if k == 'before':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'core':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'after':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'words':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'sentence':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'sentence_before':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'paragraph':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'segment':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'near':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'rest':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'section':
            if not _c48(x): return False
        elif k == 'topic':
            if not _c48(x): return False
        elif k == 'continues':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        else: return False
    return len(v) >= 1


_d__defs_prose_condition = _c45


def _c44(v):
    if not isinstance(v, list): return False
    if len(v) < 1: return False
    for x in v:
        if not _d__defs_prose_condition(x): return False
    return True


def _c43(v):
    if not (isinstance(v, dict)): return False
    if isinstance(v, dict):
        for x in v:
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
    if isinstance(v, dict):
        for k, x in v.items():
            if k not in _K0 and not _c44(x): return False
    return True


def _d__defs_concept_id(v):
    return (isinstance(v, str) and ((v.isascii() and v[:1] != '.' and v.replace('.', '_').isidentifier()) or _P2(v)))


def _c53(v):
    if not isinstance(v, list): return False
    if len(v) < 1: return False
    for x in v:
        if not (isinstance(x, str) and _P3(x)): return False
    return True


def _c52(v):
    if not isinstance(v, list): return False
    for x in v:
        if not _c53(x): return False
    return True


def _c54(v):
    if not isinstance(v, list): return False
    for x in v:
        if not (isinstance(x, str) and ((x.isascii() and x[:1] != '.' and x.replace('.', '_').isidentifier()) or _P2(x))): return False
    return True


def _c56(v):
    if not isinstance(v, list): return False
    if len(v) < 2: return False
    for x in v:
        if not (isinstance(x, str) and ((x.isascii() and x[:1] != '.' and x.replace('.', '_').isidentifier()) or _P2(x))): return False
    return True


def _c55(v):
    if not isinstance(v, list): return False
    for x in v:
        if not _c56(x): return False
    return True


def _c57(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if not (isinstance(x, str) and ((x.isascii() and x[:1] != '.' and x.replace('.', '_').isidentifier()) or _P2(x))): return False
    return True


def _c51(v):
    if not isinstance(v, dict): return False
    if 'id' not in v or 'role' not in v or 'dim' not in v or 'zh' not in v or 'en' not in v: return False
    for k, x in v.items():
        if k == 'id':
            if not (isinstance(x, str) and ((x.isascii() and x[:1] != '.' and x.replace('.', '_').isidentifier()) or _P2(x))): return False
        elif k == 'role':
            if not (x in _S3 if type(x) is str else _enum(x, _E3)): return False
        elif k == 'dim':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        elif k == 'zh':
            if not isinstance(x, str): return False
        elif k == 'en':
            if not isinstance(x, str): return False
        elif k == 'cells':
            if not _c52(x): return False
        elif k == 'subs':
            if not _c54(x): return False
        elif k == 'complete':
            if not _c55(x): return False
        elif k == 'as_part_of':
            if not _c57(x): return False
        elif k == 'not_part_of':
            if not _c54(x): return False
        elif k == 'adjacent_years':
            if not isinstance(x, bool): return False
        elif k == 'residual':
            if not isinstance(x, bool): return False
        else: return False
    return True


_d__defs_concept = _c51


def _c50(v):
    if not isinstance(v, list): return False
    for x in v:
        if not _d__defs_concept(x): return False
    return True


def _c59(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if k == 'parts':
            if not _c11(x): return False
        elif k == 'unclassified':
            if not isinstance(x, bool): return False
        elif k == 'not_a_category':
            if not isinstance(x, str): return False
        else: return False
    return True


def _c58(v):
    if not (isinstance(v, dict)): return False
    if isinstance(v, dict):
        for x in v:
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
    if isinstance(v, dict):
        for k, x in v.items():
            if k not in _K0 and not _c59(x): return False
    return True


def _c62(v):
    if not (isinstance(v, str) or v is None): return False
    if isinstance(v, str) and len(v) < 1: return False
    return True


def _c64(v):
    if not isinstance(v, dict): return False
    if 'concept' not in v: return False
    for k, x in v.items():
        if k == 'before':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'core':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'after':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'words':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'sentence':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'sentence_before':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'paragraph':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'segment':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'near':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'rest':
            if not _d__defs_prose_patterns(x): return False
        elif k == 'concept':
            if not (isinstance(x, str) and ((x.isascii() and x[:1] != '.' and x.replace('.', '_').isidentifier()) or _P2(x))): return False
        elif k == 'section':
            if not _c48(x): return False
        elif k == 'topic':
            if not _c48(x): return False
        else: return False
    return True


def _c63(v):
    if not isinstance(v, list): return False
    if len(v) < 2: return False
    for x in v:
        if not _c64(x): return False
    return True


def _c66(v):
    if not isinstance(v, list): return False
    for x in v:
        if not _d__defs_prose_condition(x): return False
    return True


def _c65(v):
    n = 0
    if _d__defs_prose_condition(v):
        if n: return False
        n = 1
    if _c66(v):
        if n: return False
        n = 1
    if not n: return False
    return True


_d__defs_prose_conditions = _c65


def _c67(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if not (isinstance(x, str) and len(x) >= 1): return False
    return True


def _c69(v):
    if not isinstance(v, list): return False
    if len(v) < 1: return False
    for x in v:
        if not isinstance(x, str): return False
    return True


def _c68(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if not _c69(x): return False
    return True


def _c70(v):
    if not isinstance(v, dict): return True
    if 'concept' not in v: return False
    return True


def _c71(v):
    if not isinstance(v, dict): return True
    if 'one_of' not in v: return False
    return True


def _c61(v):
    if not (isinstance(v, dict)): return False
    if isinstance(v, dict):
        for k, x in v.items():
            if k not in _K1 and not False: return False
    if isinstance(v, dict):
        if 'before' in v:
            x = v['before']
            if not _d__defs_prose_patterns(x): return False
        if 'core' in v:
            x = v['core']
            if not _d__defs_prose_patterns(x): return False
        if 'after' in v:
            x = v['after']
            if not _d__defs_prose_patterns(x): return False
        if 'words' in v:
            x = v['words']
            if not _d__defs_prose_patterns(x): return False
        if 'sentence' in v:
            x = v['sentence']
            if not _d__defs_prose_patterns(x): return False
        if 'sentence_before' in v:
            x = v['sentence_before']
            if not _d__defs_prose_patterns(x): return False
        if 'paragraph' in v:
            x = v['paragraph']
            if not _d__defs_prose_patterns(x): return False
        if 'segment' in v:
            x = v['segment']
            if not _d__defs_prose_patterns(x): return False
        if 'near' in v:
            x = v['near']
            if not _d__defs_prose_patterns(x): return False
        if 'rest' in v:
            x = v['rest']
            if not _d__defs_prose_patterns(x): return False
        if 'concept' in v:
            x = v['concept']
            if not _c62(x): return False
        if 'one_of' in v:
            x = v['one_of']
            if not _c63(x): return False
        if 'units' in v:
            x = v['units']
            if not _c32(x): return False
        if 'topic' in v:
            x = v['topic']
            if not _c48(x): return False
        if 'section' in v:
            x = v['section']
            if not _c48(x): return False
        if 'continues' in v:
            x = v['continues']
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        if 'unless' in v:
            x = v['unless']
            if not _d__defs_prose_conditions(x): return False
        if 'scope' in v:
            x = v['scope']
            if not _c67(x): return False
        if 'clears' in v:
            x = v['clears']
            if not _c11(x): return False
        if 'for_each' in v:
            x = v['for_each']
            if not _c68(x): return False
        pass
    n = 0
    if _c70(v):
        if n: return False
        n = 1
    if _c71(v):
        if n: return False
        n = 1
    if not n: return False
    return True


_d__defs_prose_reader = _c61


def _c60(v):
    if not isinstance(v, list): return False
    for x in v:
        if not _d__defs_prose_reader(x): return False
    return True


def _c72(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if k == 'not_a_share':
            if not _d__defs_prose_conditions(x): return False
        elif k == 'of_previous':
            if not isinstance(x, str): return False
        elif k == 'names_category':
            if not isinstance(x, str): return False
        elif k == 'categories':
            if not _c60(x): return False
        else: return False
    return True


def _c74(v):
    if not isinstance(v, dict): return False
    if 'pattern' not in v or 'dims' not in v: return False
    for k, x in v.items():
        if k == 'pattern':
            if not isinstance(x, str): return False
        elif k == 'dims':
            if not _c35(x): return False
        else: return False
    return True


def _c73(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if k == 'of_previous':
            if not isinstance(x, str): return False
        elif k == 'of_dimension':
            if not _c74(x): return False
        elif k == 'implicit':
            if not isinstance(x, bool): return False
        else: return False
    return True


def _c79(v):
    if not isinstance(v, dict): return False
    if 'pattern' not in v: return False
    for k, x in v.items():
        if k == 'pattern':
            if not (isinstance(x, str) and len(x) >= 1): return False
        elif k == 'zh':
            if not isinstance(x, str): return False
        elif k == 'en':
            if not isinstance(x, str): return False
        else: return False
    return True


def _c78(v):
    n = 0
    if (isinstance(v, str) and len(v) >= 1):
        if n: return False
        n = 1
    if _c79(v):
        if n: return False
        n = 1
    if not n: return False
    return True


def _c77(v):
    if not isinstance(v, dict): return False
    if 'from' not in v: return False
    for k, x in v.items():
        if k == 'from':
            if not (x in _S4 if type(x) is str else _enum(x, _E4)): return False
        else:
            if not _c78(x): return False
    return True


def _c81(v):
    if not isinstance(v, list): return False
    if len(v) < 1: return False
    for x in v:
        if not (isinstance(x, str) and _P3(x)): return False
    return True


def _c82(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if not _c81(x): return False
    return len(v) >= 1


def _c80(v):
    n = 0
    if _c81(v):
        if n: return False
        n = 1
    if _c82(v):
        if n: return False
        n = 1
    if not n: return False
    return True


def _c76(v):
    if not isinstance(v, dict): return False
    if 'id' not in v or 'zh' not in v or 'en' not in v or 'pattern' not in v or 'contradicted_by' not in v: return False
    for k, x in v.items():
        if k == 'id':
            if not (isinstance(x, str) and ((x.isascii() and x.isidentifier()) or _P1(x))): return False
        elif k == 'zh':
            if not isinstance(x, str): return False
        elif k == 'en':
            if not isinstance(x, str): return False
        elif k == 'pattern':
            if not (isinstance(x, str) and len(x) >= 1): return False
        elif k == 'when':
            if not _d__defs_prose_conditions(x): return False
        elif k == 'unless':
            if not _d__defs_prose_conditions(x): return False
        elif k == 'subjects':
            if not _c77(x): return False
        elif k == 'contradicted_by':
            if not _c80(x): return False
        else: return False
    return True


_d__defs_claim = _c76


def _c75(v):
    if not isinstance(v, list): return False
    for x in v:
        if not _d__defs_claim(x): return False
    return True


def _c33(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if k == 'figures':
            if not _c34(x): return False
        elif k == 'words':
            if not _c38(x): return False
        elif k == 'scopes':
            if not _c41(x): return False
        elif k == 'topics':
            if not _c43(x): return False
        elif k == 'concepts':
            if not _c50(x): return False
        elif k == 'dimensions':
            if not _c58(x): return False
        elif k == 'counts':
            if not _c60(x): return False
        elif k == 'shares':
            if not _c72(x): return False
        elif k == 'breakdowns':
            if not _c73(x): return False
        elif k == 'claims':
            if not _c75(x): return False
        else: return False
    return True


_d__defs_prose = _c33


def _d__defs_month_day(v):
    return (isinstance(v, str) and _P4(v))


def _c84(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if not (isinstance(x, str) and _P4(x)): return False
    return True


def _c83(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if k == 'basis':
            if not _d__defs_text(x): return False
        elif k == 'levels':
            if not _c84(x): return False
        else: return False
    return True


def _c86(v):
    if not (isinstance(v, str)): return False
    if isinstance(v, str) and len(v) < 1: return False
    if not _check_key({'format': 'regex'}, 'format', 'regex', v, None): return False
    return True


def _c85(v):
    if not isinstance(v, list): return False
    for x in v:
        if not _c86(x): return False
    return True


def _c87(v):
    if not isinstance(v, dict): return False
    for k, x in v.items():
        if k == 'subjects':
            if not _d__defs_labels(x): return False
        elif k == 'verbs':
            if not _d__defs_labels(x): return False
        elif k == 'counting':
            if not _d__defs_labels(x): return False
        elif k == 'comparisons':
            if not _d__defs_labels(x): return False
        elif k == 'problems':
            if not _d__defs_labels(x): return False
        elif k == 'period':
            if not _d__defs_labels(x): return False
        elif k == 'opening':
            if not _d__defs_labels(x): return False
        else: return False
    return True


def _c0(v):
    if not isinstance(v, dict): return False
    if 'profile' not in v or 'name' not in v or 'editions' not in v: return False
    for k, x in v.items():
        if k == 'profile':
            if not (isinstance(x, str) and _P0(x)): return False
        elif k == 'name':
            if not _d__defs_text(x): return False
        elif k == 'front_matter_schema':
            if not isinstance(x, str): return False
        elif k == 'default_edition':
            if not isinstance(x, str): return False
        elif k == 'levels':
            if not _c2(x): return False
        elif k == 'cell_types':
            if not _c3(x): return False
        elif k == 'editions':
            if not _c5(x): return False
        elif k == 'prose':
            if not _d__defs_prose(x): return False
        elif k == 'deadlines':
            if not _c83(x): return False
        elif k == 'boilerplate':
            if not _c85(x): return False
        elif k == 'stale_year':
            if not _c87(x): return False
        else: return False
    return True


def certainly_valid(value):
    try:
        return _c0(value)
    except (_Unknown, RecursionError, TypeError, ValueError, KeyError):
        return False
