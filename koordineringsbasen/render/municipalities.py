"""Which municipalities an offer serves (Offer.kommuner; Catalog.covers is the rule): the list
on an offer's page, the offers on a municipality's page, and the page "Tilbud der dækker min
kommune" with one section per municipality in the data, grouped by region."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..model import Region
from .citations import Citations
from .context import RenderContext
from .environment import render_template
from .helpers import Helpers
from .labels import REGION
from .links import SPECIAL_PAGES


def coverage_row(h: Helpers, c: Citations, row: Any) -> Markup:
    """'Region Midtjylland: alle regionens kommuner undtagen Favrskov Kommune, …' with its
    citation; a municipality is named alone."""
    named = h.ctx.catalog.entities["organisationer"].get(row.id)
    text = h.entity("organisationer", row.id)
    if named is not None and named.type.value == "region":
        text += Markup(": alle regionens kommuner")
        if row.undtagen:
            text += Markup(" undtagen ") + Markup(", ").join(
                h.entity("organisationer", excepted) for excepted in row.undtagen)
    return text + c.cite(row.kilde)


def offer_coverage(h: Helpers, c: Citations, offer: Any) -> Markup | None:
    """The offer's coverage as a list block, or None when the data do not give it."""
    if not offer.kommuner:
        return None
    return h.block(h.html.items(coverage_row(h, c, row) for row in offer.kommuner))


def serving_offers(h: Helpers, municipality: Any) -> Markup | None:
    """The offers serving a municipality, as a list block (None when it is no municipality
    or no offer in the data covers it)."""
    if municipality.type.value != "kommune":
        return None
    offers = h.ctx.catalog.offers_serving(municipality.id)
    if not offers:
        return None
    return h.block(h.html.items(h.entity("tilbud", offer.id) for offer in offers))


def municipalities_page(ctx: RenderContext) -> str:
    page = SPECIAL_PAGES["kommuner"]
    h, prose = Helpers(ctx, page), Helpers(ctx, page, in_markdown=True)
    catalog = ctx.catalog
    with_coverage = [o for o in catalog.all("tilbud") if o.kommuner]
    regions: list[tuple[str, list[tuple[Any, Markup | None]]]] = []
    for region in [*Region, None]:
        members = [m for m in catalog.municipalities()
                   if catalog.region_of("organisationer", m.id) == region]
        if members:
            label = REGION[region.value] if region else "Ingen region i data"
            regions.append((label, [(m, serving_offers(h, m)) for m in members]))
    return render_template("kommuner.md.j2", regions=regions, offers=len(with_coverage),
                           entity=prose.entity,
                           overview=prose.html.link("tilbud/index.md", "oversigten over tilbud"))
