"""Coverage: which offers in the data serve each target group in each region.

Computed from the offers' target groups and `Catalog.region_of`; an offer without a region in
the data counts under "Ingen region i data". An empty cell means the data holds no such offer,
not that none exists.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from markupsafe import Markup

from ..model import Region
from .context import RenderContext
from .environment import render_template
from .filters import UNKNOWN_REGION, region_value
from .helpers import Helpers
from .html_writer import none_note, sortable
from .labels import REGION
from .links import SPECIAL_PAGES

EMPTY = none_note("ingen tilbud i data")


def coverage(ctx: RenderContext) -> dict[tuple[str, str], list[Any]]:
    """(target group id, region value or 'ukendt') -> the offers serving it there, by name."""
    cells: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for offer in sorted(ctx.catalog.all("tilbud"), key=lambda o: o.navn):
        region = region_value(ctx.catalog, "tilbud", offer.id)[0]
        for group_id in dict.fromkeys(link.id for link in offer.maalgrupper):
            cells[(group_id, region)].append(offer)
    return cells


def coverage_page(ctx: RenderContext) -> str:
    h = Helpers(ctx, SPECIAL_PAGES["daekning"])
    cells = coverage(ctx)
    columns = [r.value for r in Region] + [UNKNOWN_REGION]
    headers = ["Nr.", "Målgruppe", *(REGION[r.value] for r in Region), "Ingen region i data"]
    groups = sorted(ctx.catalog.all("maalgrupper"), key=lambda g: (g.natko_nr or 999, g.navn))
    rows = []
    for group in groups:
        row: list[Any] = [group.natko_nr or "–", h.entity("maalgrupper", group.id)]
        for column in columns:
            offers = cells.get((group.id, column), [])
            row.append(Markup("<br>").join(h.entity("tilbud", o.id) for o in offers) or EMPTY)
        rows.append(row)
    return render_template(
        "daekning.md.j2", groups=len(groups), served=len({group_id for group_id, _ in cells}),
        links=sum(len(v) for v in cells.values()),
        unknown=sum(len(v) for (_, region), v in cells.items() if region == UNKNOWN_REGION),
        table=h.block(sortable(h.html.table(headers, rows), compact=True)))
