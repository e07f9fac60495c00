"""Cross-cutting pages: risk matrix, deadline timeline, front-page lists, glossary."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .abbreviations import glossary_abbreviations
from .citations import Citations
from .context import RenderContext
from .freshness import newest_source_dates
from .helpers import Helpers, HtmlHelpers, deadline_badge, deadline_passed, risk_badge
from .html_writer import HtmlWriter, sortable
from .labels import EVENT_TYPE, NOTIFICATION_STATE, RISK, RISK_MEANING, date_da
from .links import SPECIAL_PAGES
from .sources_footer import footer
from .text import attr, md


def risk_rounds(ctx: RenderContext) -> list[tuple[str, str]]:
    """(runde, earliest date) for every risk-assessment round, oldest first."""
    rounds: dict[str, str] = {}
    for group in ctx.catalog.all("maalgrupper"):
        for rating in group.risiko:
            rounds[rating.runde] = min(rounds.get(rating.runde, rating.dato), rating.dato)
    return sorted(rounds.items(), key=lambda item: item[1])


SEVERITY = {"groen": 0, "gul": 1, "roed": 2}


def risk_change(previous: Any | None, current: Any, html: HtmlWriter) -> Markup:
    """The change from the group's previous rating, as symbol and text ("▲ forværret fra gul")."""
    if previous is None:
        return Markup("")
    before, now = previous.niveau.value, current.niveau.value
    if before == now:
        symbol, text = "=", "uændret"
    elif SEVERITY[now] > SEVERITY[before]:
        symbol, text = "▲", f"forværret fra {RISK[before].lower()}"
    else:
        symbol, text = "▼", f"forbedret fra {RISK[before].lower()}"
    return Markup(f'<br><span class="kb-change"><span aria-hidden="true">{symbol}</span> '
                  f"{html.text(text)}</span>")


def missing_natko_numbers(ctx: RenderContext) -> list[int]:
    """NATKO numbers below the highest one that no target group in the data has."""
    numbers = {g.natko_nr for g in ctx.catalog.all("maalgrupper") if g.natko_nr}
    return [n for n in range(1, max(numbers, default=0) + 1) if n not in numbers]


def _numbers_da(numbers: list[int]) -> str:
    text = [str(n) for n in numbers]
    return text[0] if len(text) == 1 else ", ".join(text[:-1]) + " og " + text[-1]


def risk_matrix(ctx: RenderContext) -> str:
    page = SPECIAL_PAGES["risikomatrix"]
    h, c = HtmlHelpers(ctx, page), ctx.citations(page)
    rounds = [name for name, _ in risk_rounds(ctx)]
    rated = sorted((g for g in ctx.catalog.all("maalgrupper") if g.risiko),
                   key=lambda g: (g.natko_nr or 999, g.navn))
    rows = []
    for group in rated:
        by_round = {r.runde: r for r in group.risiko}
        cells: list[Any] = [group.natko_nr or "–", h.entity("maalgrupper", group.id)]
        previous = None
        for name in rounds:
            rating = by_round.get(name)
            if rating is None:
                cells.append("Ikke vurderet")
                continue
            cells.append(risk_badge(rating.niveau) + c.cite(rating.kilde)
                         + risk_change(previous, rating, h.html))
            previous = rating
        rows.append(cells)
    out = [f"{len(rated)} målgrupper med risikovurdering i {len(rounds)} "
           f"{'vurderingsrunde' if len(rounds) == 1 else 'vurderingsrunder'}. Under hver "
           "vurdering står ændringen fra målgruppens forrige vurdering: ▲ forværret, "
           "▼ forbedret, = uændret.\n",
           h.block(sortable(h.html.table(["Nr.", "Målgruppe", *rounds], rows), compact=True)),
           ""]
    missing = missing_natko_numbers(ctx)
    if missing:
        out.append(f"NATKO's liste har ingen målgruppe med {'nummer' if len(missing) == 1 else 'numrene'} "
                   f"{_numbers_da(missing)}: numrene findes ikke i de kilder, basen bygger på, "
                   "og kilderne forklarer ikke hvorfor. Numrene i tabellen er NATKO's egne.\n")
    for name in reversed(rounds):
        out.append(f"## {md(name)}\n")
        for level in ("roed", "gul", "groen"):
            entries = [(g, r) for g in rated for r in g.risiko
                       if r.runde == name and r.niveau.value == level]
            if not entries:
                continue
            out.append(f"### {risk_badge(level)} {len(entries)} målgrupper: "
                       f"{md(RISK_MEANING[level])}\n")
            out += [h.block(h.html.items(_justification(h, c, group, rating)
                                         for group, rating in entries)), ""]
    out += footer(c)
    return "\n".join(str(x) for x in out)


def _justification(h: HtmlHelpers, c: Citations, group: Any, rating: Any) -> Markup:
    """A rating's reason (and next step) in the risk matrix's list for its round and level."""
    step = (f" {h.html.em('Næste skridt:')} {h.html.text(rating.naeste_skridt)}"
            if rating.naeste_skridt else "")
    # Every piece is Markup, escaped where it was made.
    return Markup(f"{h.entity('maalgrupper', group.id)}: {h.html.text(rating.begrundelse)}"
                  f"{step}{c.cite(rating.kilde)}")


def _answer_summary(n: Any, html: HtmlWriter) -> Markup:
    if not n.svar:
        return Markup("Ingen svar i data")
    dates = sorted(s.dato for s in n.svar)
    span = date_da(dates[0]) + (f"–{date_da(dates[-1])}" if dates[-1] != dates[0] else "")
    return html.link("", f"{len(n.svar)} svar, {span}", f"svar-{n.id}")


def _result(n: Any, c: Citations) -> Markup:
    if n.resultat is None:
        return Markup("Intet resultat i data")
    r = n.resultat
    when = f" ({date_da(r.dato)})" if r.dato else ""
    return Markup(f"**{md(NOTIFICATION_STATE[r.status.value] + when)}:** {md(r.beskrivelse)}") \
        + c.cite(r.kilde)


def _answers_section(n: Any, h: HtmlHelpers, c: Citations) -> list[Any]:
    out: list[Any] = [f"### {md(n.navn)} {{ #svar-{n.id} }}\n",
                      Markup("**Resultat:** ") + _result(n, c) + "\n"]
    answers = [h.html.strong(date_da(s.dato)) + Markup(", ")
               + (h.entity("organisationer", s.fra) if s.fra else Markup("Afsender ikke angivet"))
               + Markup(": ") + h.html.text(s.resume) + c.cite(s.kilde)
               for s in sorted(n.svar, key=lambda s: s.dato)]
    out.append(h.block(h.html.items(answers)) if answers else "Ingen svar i data.")
    return [*out, ""]


def deadlines_page(ctx: RenderContext, calendar_href: str = "../../frister.ics") -> str:
    page = SPECIAL_PAGES["frister"]
    h, c = HtmlHelpers(ctx, page), ctx.citations(page)
    deadlines = ctx.catalog.deadlines()
    upcoming = [d for d in deadlines if not deadline_passed(d.event.dato, ctx.today)]
    passed = [d for d in deadlines if deadline_passed(d.event.dato, ctx.today)]
    out = [f"Opgjort {md(date_da(ctx.today.isoformat()))}: {len(upcoming)} kommende og "
           f"{len(passed)} overskredne frister.\n",
           f'<p><a href="{attr(calendar_href)}" class="md-button">Abonnér i kalender</a> '
           "Kalenderfilen (iCalendar) har alle frister og opdateres, når basen gør.</p>\n"]
    for title, items in (("Kommende frister", upcoming), ("Overskredne frister", list(reversed(passed)))):
        out.append(f"## {title}\n")
        if not items:
            out.append("Ingen.\n")
            continue
        rows = [[date_da(d.event.dato) + (f" ({d.event.dato_tekst})" if d.event.dato_tekst else ""),
                 h.entity("udmeldinger", d.notification.id),
                 h.html.text(EVENT_TYPE[d.event.type.value]) + deadline_badge(d.event.dato, ctx.today),
                 h.html.text(d.event.beskrivelse) + c.cite(d.event.kilde),
                 _answer_summary(d.notification, h.html),
                 NOTIFICATION_STATE[d.notification.resultat.status.value]
                 if d.notification.resultat else "–"]
                for d in items]
        out += [h.block(h.html.table(["Frist", "Udmelding", "Type og status", "Beskrivelse",
                                      "Svar", "Resultat"], rows)), ""]
    out.append("## Svar og resultat pr. udmelding\n")
    for n in sorted({d.notification.id: d.notification for d in deadlines}.values(),
                    key=lambda n: n.navn):
        out += _answers_section(n, h, c)
    out += footer(c)
    return "\n".join(str(x) for x in out)


def upcoming_deadlines(ctx: RenderContext, page: str, limit: int = 5) -> str:
    h = Helpers(ctx, page)
    deadlines = ctx.catalog.deadlines()
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
    page = SPECIAL_PAGES["ordliste"]
    c, html = ctx.citations(page), HtmlWriter(page, ctx.catalog.glossary)
    entries = sorted(ctx.catalog.glossary, key=lambda e: e.ord.lower())
    out = []
    for heading, header, terms in (("Begreber", "Begreb", True),
                                   ("Forkortelser", "Forkortelse", False)):
        rows = [[html.strong(e.ord), e.betydning,
                 html.text(e.forklaring or "") + (c.cite(e.kilde) if e.kilde else "")]
                for e in entries if (e.begreb is not None) == terms]
        if rows:
            out += [f"## {heading}\n",
                    str(ctx.block(page, sortable(html.table([header, "Betydning", "Forklaring"],
                                                             rows)))), ""]
    if len(c):
        out += ["", str(c.footnotes())]
    return "\n".join(out)


def abbreviations(ctx: RenderContext) -> dict[str, str]:
    """The glossary's abbreviations with their meaning, for the abbr extension's glossary option.

    Given to Python-Markdown once per build (mkdocs_hooks.on_config) rather than as `*[X]: ...`
    lines under every page: parsing those lines was two fifths of the Markdown time."""
    return glossary_abbreviations(ctx.catalog.glossary)