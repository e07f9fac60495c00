"""The data-quality page: where the people who keep the data should look next."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .citations import Citations
from .context import RenderContext
from .entity import capacity_groups
from .helpers import Helpers, deadline_passed
from .labels import KIND_SINGULAR, date_da
from .links import SPECIAL_PAGES
from .special import all_deadlines
from .tables import markdown_table as _table
from .text import md

ANSWER_TYPES = ("afrapportering", "svar", "afgoerelse", "beslutning")
GRACE_DAYS = 90


def _as_date(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def unanswered_deadlines(ctx: RenderContext) -> list[Any]:
    """Passed deadlines with no report, answer or decision recorded within 90 days after."""
    result = []
    for deadline in all_deadlines(ctx):
        if not deadline_passed(deadline.event.dato, ctx.today):
            continue
        due = _as_date(deadline.event.dato)
        answered = any(e.type.value in ANSWER_TYPES and
                       _as_date(e.dato) <= due + dt.timedelta(days=GRACE_DAYS) and
                       _as_date(e.dato) >= due - dt.timedelta(days=365)
                       for e in deadline.notification.haendelser)
        if not answered:
            result.append(deadline)
    return result


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
    for n in ctx.catalog.all("udmeldinger"):
        if not any(e.type.value == "frist" for e in n.haendelser):
            missing.append(("udmeldinger", n.id, "ingen frist registreret"))
        if n.resultat is None:
            missing.append(("udmeldinger", n.id, "intet resultat registreret"))
    return sorted(missing)


def newest_source_dates(ctx: RenderContext) -> dict[tuple[str, str], str]:
    """For every citing entity, the date of the newest source it cites."""
    newest: dict[tuple[str, str], str] = {}
    for source_id, facts in ctx.catalog.citations.items():
        date = ctx.catalog.get("kilder", source_id).dato
        for fact in facts:
            if date > newest.get(fact.entity, ""):
                newest[fact.entity] = date
    return newest


def quality_page(ctx: RenderContext) -> str:
    page = SPECIAL_PAGES["datakvalitet"]
    h, c = Helpers(ctx, page), Citations(ctx.catalog, page)
    out: list[str] = []
    disagreements = [(kind, e, u) for kind in ("maalgrupper", "tilbud", "udmeldinger",
                                              "organisationer")
                     for e in ctx.catalog.all(kind) for u in e.uenigheder]
    out.append(f"## Uenige kilder ({len(disagreements)})\n")
    rows = [[h.entity(kind, e.id), u.felt,
             md(u.note) + md(" Værdier: ") + md("; ".join(v.vaerdi for v in u.vaerdier))
             + "".join(str(c.cite(v.kilde)) for v in u.vaerdier)]
            for kind, e, u in disagreements]
    out += [str(_table(["Side", "Oplysning", "Uenighed"], rows)) if rows else "Ingen.", ""]

    unanswered = unanswered_deadlines(ctx)
    out.append(f"## Overskredne frister uden registreret resultat ({len(unanswered)})\n")
    rows = [[date_da(d.event.dato), h.entity("udmeldinger", d.notification.id),
             md(d.event.beskrivelse) + c.cite(d.event.kilde)] for d in unanswered]
    out += [str(_table(["Frist", "Udmelding", "Beskrivelse"], rows)) if rows else "Ingen.", ""]

    mismatches = [(o, ydelse, r) for o in ctx.catalog.all("tilbud")
                  for ydelse, rows_, _ in capacity_groups(o) for r in rows_ if r.mismatch]
    out.append(f"## Belægning der ikke stemmer med pladser og forbrug ({len(mismatches)})\n")
    rows = [[h.entity("tilbud", o.id), ydelse or "–", r.row.aar,
             f"{r.row.belaegning_procent:g} %", f"{r.computed:.0f} %"] for o, ydelse, r in mismatches]
    out += [str(_table(["Tilbud", "Ydelse", "År", "Kildens tal", "Beregnet"], rows))
            if rows else "Ingen.", ""]

    missing = missing_figures(ctx)
    out.append(f"## Manglende nøgletal ({len(missing)})\n")
    rows = [[h.entity(kind, entity_id), KIND_SINGULAR[kind], what]
            for kind, entity_id, what in missing]
    out += [str(_table(["Side", "Type", "Mangler"], rows)) if rows else "Ingen.", ""]

    newest = newest_source_dates(ctx)
    aged = sorted(((newest.get((kind, e.id), "0000"), kind, e)
                   for kind in ("maalgrupper", "tilbud", "udmeldinger")
                   for e in ctx.catalog.all(kind)), key=lambda t: t[0])[:15]
    out.append("## Ældste oplysninger\n")
    out.append("Siderne hvis nyeste kilde er ældst; de trænger mest til en opdatering.\n")
    rows = [[date_da(date), h.entity(kind, e.id), KIND_SINGULAR[kind]] for date, kind, e in aged]
    out += [str(_table(["Nyeste kilde", "Side", "Type"], rows)), ""]
    out += ["## Kilder { #kilder data-search-exclude }\n", "///Footnotes Go Here///\n", str(c.footnotes())]
    return "\n".join(out)
