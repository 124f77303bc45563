"""The tables carry labels of the other edition of the format.

Reports on 2021 and later follow the 2021 format (国办公开办函〔2021〕30号), reports on 2019-2020
the 2019 format (〔2019〕60号). Real reports mix them up: a 2021 report with 本年新制作数量 /
本年新公开数量 / 对外公开总数量, 上一年项目数量, 本年增/减, a 第二十条第（九）项 block (政府集中采购), or a
single row （六）其他处理 instead of its three sub-rows. One finding per table names every such label
and the edition it belongs to; the rows and columns it replaces are not reported again.
"""
from reportlint.api import finding, table_model

CODE = "TBL014"
NAME = "other-edition-labels"
SUMMARY = "A table uses labels of the other edition of the format"
SUMMARY_ZH = "表格使用了另一版格式的标题"
SEVERITY = "error"


def _edition(profile, eid):
    ed = profile.profile.editions.get(eid)
    return f"{eid} ({ed.doc_no})" if ed is not None and ed.doc_no else eid


def check(doc, profile, options):
    model = table_model(doc, profile)
    here = _edition(profile, profile.id)
    for lt in model.tables.values():
        if not lt.foreign:
            continue
        by_edition = {}
        for f in lt.foreign:
            by_edition.setdefault(f.edition, []).append(f)
        for eid, items in by_edition.items():
            labels = "、".join(dict.fromkeys(f.written.replace("\n", "") for f in items))
            cols = [f for f in items if f.kind == "column"]
            rows = [f for f in items if f.kind == "row"]
            wants = []
            if cols:
                wants.append("、".join(lt.column_label(c.key) for c in lt.spec.data_columns))
            for f in rows:
                # the other edition's single row that we split into sub-rows (（六）其他处理 in 2021) …
                group = next((r for r in lt.spec.rows if not r.data and r.label and r.label == f.official), None)
                if group is not None:
                    subs = [r.label for r in lt.spec.rows if r.parent == group.key]
                    wants.append(f"{group.label}（" + "、".join(subs) + "）")
                    continue
                # … or the other edition's sub-rows of what is one row here (2021 sub-rows in 2019)
                other = profile.profile.editions[eid].tables.get(lt.id)
                spec = other.row(f.key) if other is not None else None
                parent = other.row(spec.parent) if spec is not None and spec.parent else None
                single = next((r for r in lt.spec.rows if r.data and parent is not None and r.label == parent.label), None)
                if single is not None and single.label not in wants:
                    wants.append(single.label)
            want = "；".join(wants)
            want_en = f"; edition {here} has {want}" if want else f"; edition {here} does not have them"
            want_zh = f"；{profile.id} 版应为：{want}" if want else f"；{profile.id} 版没有这些标题"
            yield finding(items[0].span, f"{lt.name} uses labels of edition {_edition(profile, eid)}: {labels}{want_en}",
                          f"{lt.name}使用了 {eid} 版格式的标题：{labels}{want_zh}",
                          data={"table": lt.id, "edition": eid, "labels": [f.written for f in items]})
    for ft in model.foreign_tables:
        labels = "、".join(ft.labels) if ft.labels else ft.spec.caption or ft.spec.id
        caption = ft.spec.caption or ft.spec.name.zh
        yield finding(ft.span, f"{caption} ({labels}) belongs to edition {_edition(profile, ft.edition)}; "
                               f"edition {here} has no such table",
                      f"{caption}（{labels}）属于 {ft.edition} 版格式，{profile.id} 版没有此表",
                      data={"table": ft.spec.id, "edition": ft.edition})
