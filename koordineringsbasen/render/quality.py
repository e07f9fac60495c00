"""The data-quality page: where the people who keep the data should look next."""

from __future__ import annotations

import difflib
import re
from typing import Any

from markupsafe import Markup

from ..model.deadlines import GRACE_DAYS, OVERDUE, deadline_state
from .context import RenderContext
from .deadlines import outcomes as deadline_outcomes
from .deadlines import place_link
from .entity import capacity_groups
from .environment import render_template
from .field_gaps import field_gaps
from .freshness import newest_source_dates
from .helpers import Helpers, deadline_passed
from .labels import KIND_SINGULAR, date_da, dated
from .links import SPECIAL_PAGES

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
SPELLING_SIMILARITY = 0.85
# Offers whose agreement covers a part of the country: the ones that should say which
# municipalities they serve (Offer.kommuner).
COVERAGE_CATEGORIES = ("landsdelsdaekkende-undervisning",)


def unanswered_deadlines(ctx: RenderContext) -> list[Any]:
    """Overdue deadlines: passed with no answer, report, ruling or outcome recorded from the
    deadline until GRACE_DAYS after it (the one rule: model/deadlines.py), and follow-ups not
    done by their deadline."""
    return [d for d in ctx.catalog.deadlines()
            if deadline_state(d.dato, deadline_outcomes(d), ctx.today) == OVERDUE]


def disagreement_rank(disagreement: Any) -> int:
    """0: every value states figures and they differ; 1: different wording; 2: spelling
    variants (the same letters and digits, nearly)."""
    values = [v.vaerdi for v in disagreement.vaerdier]
    figures = [tuple(sorted(NUMBER.findall(v))) for v in values]
    # Figures conflict when every value states some and they are not the same ones.
    if all(figures) and len(set(figures)) > 1:
        return 0
    folded = ["".join(ch for ch in v.casefold() if ch.isalnum()) for v in values]
    similar = all(difflib.SequenceMatcher(None, folded[0], other).ratio() >= SPELLING_SIMILARITY
                  for other in folded[1:])
    return 2 if similar else 1


DISAGREEMENT_KIND = {0: "Forskellige tal", 1: "Forskellig ordlyd", 2: "Stavemåde"}


def missing_figures(ctx: RenderContext) -> list[tuple[str, str, str]]:
    missing = []
    for g in ctx.catalog.all("maalgrupper"):
        if g.art.value == "natko" and not g.risiko:
            missing.append(("maalgrupper", g.id, "ingen risikovurdering"))
        if not g.stoerrelse:
            missing.append(("maalgrupper", g.id, "ingen tal for målgruppens størrelse"))
    for o in ctx.catalog.all("tilbud"):
        if not o.kapacitet:
            missing.append(("tilbud", o.id, "ingen tal for pladser eller belægning"))
        if not o.driftsherre:
            missing.append(("tilbud", o.id, "ingen driftsherre"))
        if ctx.catalog.region_of("tilbud", o.id) is None:
            missing.append(("tilbud", o.id, "ingen region (hverken egen eller driftsherrens)"))
        if not o.maalgrupper:
            missing.append(("tilbud", o.id, "ikke knyttet til nogen målgruppe"))
        if not o.kommuner and o.kategori.value in COVERAGE_CATEGORIES:
            missing.append(("tilbud", o.id, "ingen oplysning om, hvilke kommuner det dækker"))
    for m in ctx.catalog.municipalities():
        if ctx.catalog.region_of("organisationer", m.id) is None:
            missing.append(("organisationer", m.id, "kommune uden region: filteret 'Dækker "
                                                    "kommune' kan ikke finde dens tilbud"))
    for r in ctx.catalog.all("reformer"):
        if not r.milepaele:
            missing.append(("reformer", r.id, "ingen milepæle på tidslinjen"))
        if not (r.maalgrupper or r.tilbud or r.udmeldinger or r.organisationer):
            missing.append(("reformer", r.id, "angår ingen målgruppe, tilbud, udmelding eller "
                                              "organisation i data"))
    for n in ctx.catalog.all("udmeldinger"):
        if not any(e.type.value == "frist" for e in n.haendelser):
            missing.append(("udmeldinger", n.id, "ingen frist registreret"))
        if n.resultat is None:
            missing.append(("udmeldinger", n.id, "intet resultat registreret"))
    return sorted(missing)


def quality_page(ctx: RenderContext) -> str:
    page = SPECIAL_PAGES["datakvalitet"]
    h, c = Helpers(ctx, page), ctx.citations(page)

    def _table(headers: list[str], rows: list[list[Any]]) -> Markup:
        return h.block(h.html.table(headers, rows))
    disagreements = [(kind, e, u) for kind in ("maalgrupper", "tilbud", "udmeldinger",
                                              "organisationer")
                     for e in ctx.catalog.all(kind) for u in e.uenigheder]
    ranked = sorted(disagreements, key=lambda t: disagreement_rank(t[2]))
    rows = [[DISAGREEMENT_KIND[disagreement_rank(u)], h.entity(kind, e.id), u.felt,
             # Each value followed by its own source's marker: one claim, one marker.
             h.html.text(f"{u.note} Værdier: ")
             + Markup("; ").join(h.html.text(v.vaerdi) + c.cite(v.kilde) for v in u.vaerdier)]
            for kind, e, u in ranked]
    disagreement_table = _table(["Art", "Side", "Oplysning", "Uenighed"], rows) if rows else None

    unanswered = unanswered_deadlines(ctx)
    passed = [d for d in ctx.catalog.deadlines() if deadline_passed(d.dato, ctx.today)]
    rows = [[dated(d.dato, d.dato_tekst), place_link(h, d),
             h.html.text(d.beskrivelse) + c.cite(d.kilde)] for d in unanswered]
    unanswered_table = _table(["Frist", "Gælder", "Beskrivelse"], rows) if rows else None

    mismatches = [(o, ydelse, r) for o in ctx.catalog.all("tilbud")
                  for ydelse, rows_, _ in capacity_groups(o) for r in rows_ if r.mismatch]
    rows = [[h.entity("tilbud", o.id), ydelse or "–", r.row.aar,
             f"{r.row.belaegning_procent:g} %", f"{r.computed:.0f} %"] for o, ydelse, r in mismatches]
    mismatch_table = (_table(["Tilbud", "Ydelse", "År", "Kildens tal", "Beregnet"], rows)
                      if rows else None)

    missing = missing_figures(ctx)
    rows = [[h.entity(kind, entity_id), KIND_SINGULAR[kind], what]
            for kind, entity_id, what in missing]
    missing_table = _table(["Side", "Type", "Mangler"], rows) if rows else None

    rows = [[g.what, g.missing, g.total] for g in field_gaps(ctx.catalog)]
    gaps_table = h.block(h.html.table(["Felt", "Mangler", "Af"], rows, [None, "right", "right"]))

    newest = newest_source_dates(ctx.catalog)
    aged = sorted(((newest.get((kind, e.id), "0000"), kind, e)
                   for kind in ("maalgrupper", "tilbud", "udmeldinger")
                   for e in ctx.catalog.all(kind)), key=lambda t: t[0])[:15]
    rows = [[date_da(date), h.entity(kind, e.id), KIND_SINGULAR[kind]] for date, kind, e in aged]
    return render_template(
        "datakvalitet.md.j2", c=c, grace_days=GRACE_DAYS,
        disagreements=len(disagreements), disagreement_table=disagreement_table,
        unanswered=len(unanswered), passed=len(passed), unanswered_table=unanswered_table,
        mismatches=len(mismatches), mismatch_table=mismatch_table,
        missing=len(missing), missing_table=missing_table, gaps_table=gaps_table,
        aged_table=_table(["Nyeste kilde", "Side", "Type"], rows))
