"""Cross-cutting pages: risk matrix, deadline timeline, front-page lists, glossary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .citations import Citations
from .context import RenderContext
from .currency import newest_source_dates
from .helpers import Helpers, deadline_badge, deadline_passed, risk_badge
from .labels import EVENT_TYPE, RISK_MEANING, date_da
from .links import SPECIAL_PAGES
from .text import md


def _table(headers: list[str], rows: list[list[Any]]) -> Markup:
    lines = ["| " + " | ".join(md(h) for h in headers) + " |",
             "|" + "---|" * len(headers)]
    for row in rows:
        lines.append("| " + " | ".join(c if isinstance(c, Markup) else md(c) for c in row) + " |")
    return Markup("\n".join(lines))


def _sortable(table: Markup) -> Markup:
    return Markup('<div class="kb-sortable" markdown>\n\n') + table + Markup("\n\n</div>")


def risk_rounds(ctx: RenderContext) -> list[tuple[str, str]]:
    """(runde, earliest date) for every risk-assessment round, oldest first."""
    rounds: dict[str, str] = {}
    for group in ctx.catalog.all("maalgrupper"):
        for rating in group.risiko:
            rounds[rating.runde] = min(rounds.get(rating.runde, rating.dato), rating.dato)
    return sorted(rounds.items(), key=lambda item: item[1])


def risk_matrix(ctx: RenderContext) -> str:
    page = SPECIAL_PAGES["risikomatrix"]
    h, c = Helpers(ctx, page), Citations(ctx.catalog, page, ctx.texts)
    rounds = [name for name, _ in risk_rounds(ctx)]
    rated = sorted((g for g in ctx.catalog.all("maalgrupper") if g.risiko),
                   key=lambda g: (g.natko_nr or 999, g.navn))
    rows = []
    for group in rated:
        by_round = {r.runde: r for r in group.risiko}
        cells: list[Any] = [group.natko_nr or "–", h.entity("maalgrupper", group.id)]
        for name in rounds:
            rating = by_round.get(name)
            cells.append(risk_badge(rating.niveau) + c.cite(rating.kilde) if rating else "–")
        rows.append(cells)
    out = [_sortable(_table(["Nr.", "Målgruppe", *rounds], rows)), ""]
    for name in reversed(rounds):
        out.append(f"## {md(name)}\n")
        for level in ("roed", "gul", "groen"):
            entries = [(g, r) for g in rated for r in g.risiko
                       if r.runde == name and r.niveau.value == level]
            if not entries:
                continue
            out.append(f"### {risk_badge(level)} {len(entries)} målgrupper: "
                       f"{md(RISK_MEANING[level])}\n")
            for group, rating in entries:
                step = f" *Næste skridt:* {md(rating.naeste_skridt)}" if rating.naeste_skridt else ""
                out.append(f"- {h.entity('maalgrupper', group.id)}: {md(rating.begrundelse)}"
                           f"{step}{c.cite(rating.kilde)}")
            out.append("")
    out += ["## Kilder { #kilder data-search-exclude }\n", "///Footnotes Go Here///\n", c.footnotes()]
    return "\n".join(str(x) for x in out)


@dataclass(frozen=True)
class Deadline:
    notification: Any
    event: Any


def all_deadlines(ctx: RenderContext) -> list[Deadline]:
    found = [Deadline(n, e) for n in ctx.catalog.all("udmeldinger") for e in n.haendelser
             if e.type.value in ("frist", "fristforlaengelse")]
    return sorted(found, key=lambda d: (d.event.dato, d.notification.id))


def deadlines_page(ctx: RenderContext) -> str:
    page = SPECIAL_PAGES["frister"]
    h, c = Helpers(ctx, page), Citations(ctx.catalog, page, ctx.texts)
    deadlines = all_deadlines(ctx)
    upcoming = [d for d in deadlines if not deadline_passed(d.event.dato, ctx.today)]
    passed = [d for d in deadlines if deadline_passed(d.event.dato, ctx.today)]
    out = [f"Opgjort {md(date_da(ctx.today.isoformat()))}: {len(upcoming)} kommende og "
           f"{len(passed)} overskredne frister.\n"]
    for title, items in (("Kommende frister", upcoming), ("Overskredne frister", list(reversed(passed)))):
        out.append(f"## {title}\n")
        if not items:
            out.append("Ingen.\n")
            continue
        rows = [[date_da(d.event.dato), h.entity("udmeldinger", d.notification.id),
                 EVENT_TYPE[d.event.type.value] + (f" ({d.event.dato_tekst})" if d.event.dato_tekst else ""),
                 deadline_badge(d.event.dato, ctx.today), md(d.event.beskrivelse) + c.cite(d.event.kilde)]
                for d in items]
        out += [_table(["Dato", "Udmelding", "Type", "Status", "Beskrivelse"], rows), ""]
    out += ["## Kilder { #kilder data-search-exclude }\n", "///Footnotes Go Here///\n", c.footnotes()]
    return "\n".join(str(x) for x in out)


def upcoming_deadlines(ctx: RenderContext, page: str, limit: int = 5) -> str:
    h = Helpers(ctx, page)
    deadlines = all_deadlines(ctx)
    upcoming = [d for d in deadlines if not deadline_passed(d.event.dato, ctx.today)][:limit]
    if not upcoming:
        latest = [d for d in deadlines][-3:]
        intro = "Ingen kommende frister i data. Seneste frister:\n\n"
        items = reversed(latest)
    else:
        intro, items = "", upcoming
    lines = [f"- **{md(date_da(d.event.dato))}**: {h.entity('udmeldinger', d.notification.id)}: "
             f"{md(d.event.beskrivelse)}" for d in items]
    return intro + "\n".join(lines)


def red_groups(ctx: RenderContext, page: str) -> str:
    h = Helpers(ctx, page)
    lines = []
    for group in sorted(ctx.catalog.all("maalgrupper"), key=lambda g: (g.natko_nr or 999)):
        latest = max(group.risiko, key=lambda r: r.dato) if group.risiko else None
        if latest and latest.niveau.value == "roed":
            lines.append(f"- {risk_badge('roed')} {h.entity('maalgrupper', group.id)} "
                         f"({md(latest.runde)})")
    return "\n".join(lines) or "Ingen målgrupper er vurderet røde i den seneste runde."


def newest_facts(ctx: RenderContext, page: str, limit: int = 8) -> str:
    """The pages whose newest fact comes from the newest sources (by the sources' dates)."""
    h = Helpers(ctx, page)
    dated = sorted(((date, key) for key, date in newest_source_dates(ctx.catalog).items()
                    if key[0] != "kilder"), key=lambda t: (t[0], t[1]), reverse=True)[:limit]
    if not dated:
        return "Ingen oplysninger med kilde endnu."
    return "\n".join(f"- {md(date_da(date))}: {h.entity(kind, entity_id, with_kind=True)}"
                     for date, (kind, entity_id) in dated)


def recent_corrections(ctx: RenderContext, page: str, limit: int = 8) -> str:
    """Data files whose content was corrected after they were added, newest first."""
    h = Helpers(ctx, page)
    by_file = {path: key for key, path in ctx.catalog.files.items()}
    dated = sorted(((date, by_file[path]) for path, date in ctx.corrected.items()
                    if path in by_file), reverse=True)[:limit]
    if not dated:
        return "Ingen rettelser registreret i versionshistorikken endnu."
    return "\n".join(f"- {md(date_da(date))}: {h.entity(kind, entity_id, with_kind=True)}"
                     for date, (kind, entity_id) in dated)


def source_texts_notice(ctx: RenderContext) -> str:
    """Om data: whether this build shows the source texts."""
    if ctx.texts.available:
        return ("Kildeteksterne er med i denne udgave af sitet: hver kilde har en side med sin "
                "tekst og nummererede linjer, og hver fodnote citerer de linjer, den henviser "
                "til, og linker til dem i teksten.")
    return ('!!! warning "Uden kildetekster"\n    Denne udgave af sitet er bygget uden '
            "kildeteksterne. Fodnoterne angiver kilde, dagsordenspunkt og linjer, men viser "
            "ikke citater og linker ikke til teksten.")


def glossary_page(ctx: RenderContext) -> str:
    """Two sorted tables, domain terms first, then abbreviations; each entry cites its source."""
    c = Citations(ctx.catalog, SPECIAL_PAGES["ordliste"], ctx.texts)
    entries = sorted(ctx.catalog.glossary, key=lambda e: e.ord.lower())
    out = []
    for heading, header, terms in (("Begreber", "Begreb", True),
                                   ("Forkortelser", "Forkortelse", False)):
        rows = [[Markup(f"**{md(e.ord)}**"), e.betydning,
                 md(e.forklaring or "") + (c.cite(e.kilde) if e.kilde else "")]
                for e in entries if (e.begreb is not None) == terms]
        if rows:
            out += [f"## {heading}\n", str(_sortable(_table([header, "Betydning", "Forklaring"],
                                                              rows))), ""]
    if len(c):
        out += ["", str(c.footnotes())]
    return "\n".join(out)


def abbreviation_definitions(ctx: RenderContext) -> str:
    """Markdown abbreviation definitions, appended to every page (pymdownx/abbr)."""
    lines = []
    for entry in ctx.catalog.glossary:
        if entry.forkortelse is None:  # a domain term is explained on the glossary page only
            continue
        title = " ".join(entry.betydning.split()).replace("]", ")")
        lines.append(f"*[{entry.forkortelse}]: {title}")
    return "\n".join(lines)
