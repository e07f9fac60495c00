"""The CSV files of the comparison pages, Frister and the risk matrix (api/tabeller/*.csv), in
the format of every other CSV export (write_csv: semicolons, UTF-8 with BOM, CRLF, formula
guard); the rows are the page's own (render/page_tables.py)."""

from __future__ import annotations

from pathlib import Path

from ..render.context import RenderContext
from ..render.page_tables import PAGES, PageTable, page_tables
from . import write_csv
from .guards import csv_cell
from .tables import Column, Table


def as_table(table: PageTable) -> Table:
    """A page table as an export table: one text column per column of the page."""
    columns = tuple(Column(header, "tekst", header, lambda row: row) for header in table.headers)
    rows = tuple(tuple(csv_cell(value) for value in row) for row in table.rows)
    return Table(table.name, table.title or table.name, columns, rows)


def write_page_tables(ctx: RenderContext, out_dir: Path) -> list[Path]:
    """Write every page table below the built site `out_dir`; return the files written."""
    return [write_csv(out_dir / table.path, as_table(table))
            for key in PAGES for table in page_tables(ctx, key)]
