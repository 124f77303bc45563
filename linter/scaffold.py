"""``reportlint new``: a complete blank report written from a profile.

Everything comes from the profile (no code per report kind): the front matter keys from its
front matter schema, the H1 from its name, the sections with their ``hint`` as a Markdown
comment, and every table of the edition with its official row and column labels and every
number cell blank. Column hierarchies (``parent``) become multi-row headers, row hierarchies
become ``row_label_levels`` label columns, tables that share a ``physical`` table become one
table with a caption row before each part. The layout is :class:`Grid`, rendered as a pipe
table (merged cells written once, at their top-left slot, as real reports do) or in the pandoc
HTML shape with ``rowspan``/``colspan``.
"""
from __future__ import annotations

import json
import re

from .gridtable import Grid, GridCell, render_html, render_pipe
from .profile import Edition, Profile, TableSpec


# --------------------------------------------------------------------------- tables from the profile


def _children(items) -> dict[str | None, list]:
    out: dict[str | None, list] = {}
    for it in items:
        out.setdefault(it.parent, []).append(it)
    return out


def _table_layout(spec: TableSpec) -> tuple[Grid, int]:
    """The grid of one logical table (header and data rows, no caption) and its width."""
    kids = _children(spec.columns)
    label_col = next((c for c in spec.columns if c.kind == "row_label" and c.parent is None), None)

    # value-column tree: every node with the slots it covers
    nodes: list[tuple[int, int, int, object]] = []  # (depth, first leaf, leaf count, spec)
    leaves: list = []

    def walk(col, depth: int) -> int:
        first = len(leaves)
        sub = kids.get(col.key, [])
        if col.kind == "group" and sub:
            for child in sub:
                walk(child, depth + 1)
        else:
            leaves.append(col)
        nodes.append((depth, first, len(leaves) - first, col))
        return len(leaves) - first

    for col in kids.get(None, []):
        if col is not label_col:
            walk(col, 0)
    depth = 1 + max((d for d, _, _, c in nodes if not (c.kind == "group" and kids.get(c.key))), default=0)

    rkids = _children(spec.rows)
    has_labels = label_col is not None or any(r.label for r in spec.rows)

    def row_depth(row, seen=0) -> int:
        parent = spec.row(row.parent) if row.parent else None
        return 0 if parent is None else 1 + row_depth(parent)

    levels = 0
    if has_labels:
        levels = max([spec.row_label_levels] + [row_depth(r) + 1 for r in spec.rows if r.data])
    width = levels + len(leaves)
    grid = Grid(width)

    header: list[list[GridCell]] = [[] for _ in range(depth)]
    if levels:
        corner = label_col.label if label_col is not None else (spec.corner_note or "")
        header[0].append(GridCell(corner, rowspan=depth, colspan=levels, header=True))
    for d, first, count, col in sorted(nodes, key=lambda n: (n[0], n[1])):
        is_group = col.kind == "group" and kids.get(col.key)
        header[d].append(GridCell(col.label, rowspan=1 if is_group else depth - d, colspan=count, header=True))
    grid.rows += header
    grid.header_rows = depth

    def data_rows_under(key: str) -> int:
        return sum(1 if r.data else data_rows_under(r.key) for r in rkids.get(key, []))

    started: set[str] = set()
    for row in spec.rows:
        if not row.data:
            continue
        cells: list[GridCell] = []
        if levels:
            chain = []
            p = spec.row(row.parent) if row.parent else None
            while p is not None:
                chain.insert(0, p)
                p = spec.row(p.parent) if p.parent else None
            for anc in chain:
                if anc.key not in started:
                    started.add(anc.key)
                    cells.append(GridCell(anc.label or "", rowspan=data_rows_under(anc.key)))
            cells.append(GridCell(row.label or "", colspan=levels - len(chain)))
        cells += [GridCell("") for _ in leaves]
        grid.rows.append(cells)
    return grid, width


def physical_tables(edition: Edition, section_id: str) -> list[list[TableSpec]]:
    """The tables of a section in profile order, those sharing a ``physical`` table together."""
    out: list[list[TableSpec]] = []
    by_physical: dict[str, list[TableSpec]] = {}
    for spec in edition.tables.values():
        if spec.section != section_id:
            continue
        if spec.physical:
            if spec.physical in by_physical:
                by_physical[spec.physical].append(spec)
                continue
            by_physical[spec.physical] = [spec]
            out.append(by_physical[spec.physical])
        else:
            out.append([spec])
    return out


def table_grid(parts: list[TableSpec]) -> Grid:
    """One physical table: each part's caption row (spanning the table), header and rows; a
    narrower part's last column spans the rest (as the official 表二 does)."""
    layouts = [_table_layout(spec) for spec in parts]
    width = max(w for _, w in layouts)
    grid = Grid(width)
    single = len(parts) == 1 and not parts[0].caption
    for spec, (sub, w) in zip(parts, layouts):
        if spec.caption:
            grid.rows.append([GridCell(spec.caption, colspan=width)])
        extra = width - w
        if extra:  # the cells that reach the right edge widen
            for r, slots in enumerate(sub.slots()):
                for c, cell in enumerate(slots):
                    if cell is not None and c + cell.colspan == w:
                        cell.colspan += extra
        for row in sub.rows:
            grid.rows.append([GridCell(c.text, c.rowspan, c.colspan, c.header and single) for c in row])
    if single:
        grid.header_rows = layouts[0][0].header_rows
    return grid


# --------------------------------------------------------------------------- the report


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9][^#]*$")


def yaml_scalar(value) -> str:
    """One YAML scalar: integers as they are, strings plain when that is safe, else quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text  # a date, as the reports write it
    if _PLAIN.match(text) and ": " not in text and not text.endswith(":") and \
            text.lower() not in ("true", "false", "yes", "no", "null", "on", "off", "~"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _front_matter_schema(profile: Profile) -> dict:
    if profile.front_matter_schema is None:
        return {}
    return json.loads(profile.front_matter_schema.read_text(encoding="utf-8"))


def front_matter(profile: Profile, values: dict) -> str:
    """The front matter block: the schema's keys in order, the known values filled in, the
    required ones left empty when unknown, with a ``# TODO`` comment saying what to write."""
    schema = _front_matter_schema(profile)
    props = schema.get("properties") or {}
    required = set(schema.get("required") or [])
    order = list(props) + [k for k in values if k not in props]
    lines = ["---"]
    for key in order:
        value = values.get(key)
        if value is None and key not in required:
            continue
        line = f"{key}: {yaml_scalar(value)}".rstrip()
        if value is None:
            what = (props.get(key) or {}).get("x-zh") or (props.get(key) or {}).get("description") or ""
            line += f"  # TODO: {what}".rstrip()
        lines.append(line)
    lines.append("---")
    return "\n".join(lines) + "\n"


def default_title(profile: Profile, organization: str, year: int) -> str:
    return f"{organization}{year}年{profile.name.zh}"


def empty_keys(profile: Profile, values: dict) -> list[str]:
    """The required front matter keys that ``values`` leaves empty."""
    required = _front_matter_schema(profile).get("required") or []
    return [k for k in required if values.get(k) is None]


def scaffold(profile: Profile, edition: Edition, *, organization: str, year: int, level: str | None,
             published: str | None = None, html_tables: bool = False) -> tuple[str, list[str]]:
    """The blank report (Markdown with front matter), and the front matter keys left to fill in."""
    title = default_title(profile, organization, year)
    values = {"profile": profile.id, "edition": edition.id, "title": title, "organization": organization,
              "year": year, "level": level, "published": published}
    out = [front_matter(profile, values), f"# {title}", ""]
    for section in edition.sections:
        out += [f"## {section.title}", ""]
        if section.hint:
            out += [f"<!-- {section.hint} -->", ""]
        for parts in physical_tables(edition, section.id):
            grid = table_grid(parts)
            out.append(render_html(grid) if html_tables else render_pipe(grid))
    return "\n".join(out).rstrip("\n") + "\n", empty_keys(profile, values)
