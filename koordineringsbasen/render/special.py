"""Cross-cutting pages: risk matrix, deadlines, front-page lists, glossary. Python builds the
tables and lists (the HTML writer); the prose and headings are templates/*.md.j2."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..model.dates import date_order
from ..model.deadlines import GRACE_DAYS, OVERDUE, deadline_state
from ..model.labels import field_label
from .abbreviations import glossary_abbreviations
from .changes import CORRECTED
from .citations import Citations
from .context import RenderContext
from .deadlines import HEADERS as DEADLINE_HEADERS
from .deadlines import deadline_rows, outcomes, place_link
from .environment import environment, render_template
from .freshness import newest_source_dates
from .helpers import Helpers, deadline_passed, risk_badge
from .html_writer import HtmlWriter, change_marker, sortable
from .labels import RISK, date_da
from .links import SPECIAL_PAGES


def risk_rounds(ctx: RenderContext) -> list[tuple[str, str]]:
    """(runde, earliest date) for every risk-assessment round, oldest first."""
    rounds: dict[str, str] = {}
    for group in ctx.catalog.all("maalgrupper"):
        for rating in group.risiko:
            rounds[rating.runde] = min(rounds.get(rating.runde, rating.dato), rating.dato,
                                       key=date_order)
    return sorted(rounds.items(), key=lambda item: date_order(item[1]))


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
    return change_marker(symbol, html.text(text))


def missing_natko_numbers(ctx: RenderContext) -> list[int]:
    """NATKO numbers below the highest one that no target group in the data has."""
    numbers = {g.natko_nr for g in ctx.catalog.all("maalgrupper") if g.natko_nr}
    return [n for n in range(1, max(numbers, default=0) + 1) if n not in numbers]


def _numbers_da(numbers: list[int]) -> str:
    text = [str(n) for n in numbers]
    return text[0] if len(text) == 1 else ", ".join(text[:-1]) + " og " + text[-1]


def risk_matrix(ctx: RenderContext) -> str:
    page = SPECIAL_PAGES["risikomatrix"]
    h, c = Helpers(ctx, page), ctx.citations(page)
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
    table = h.block(sortable(h.html.table(["Nr.", "Målgruppe", *rounds], rows), compact=True))
    missing = missing_natko_numbers(ctx)
    # (round, [(level, count, list)]), newest round first; the lists cite in page order.
    sections = []
    for name in reversed(rounds):
        levels = []
        for level in ("roed", "gul", "groen"):
            entries = [(g, r) for g in rated for r in g.risiko
                       if r.runde == name and r.niveau.value == level]
            if entries:
                levels.append((level, len(entries), h.block(h.html.items(
                    _justification(h, c, group, rating) for group, rating in entries))))
        sections.append((name, levels))
    return render_template("risikomatrix.md.j2", c=c, rated=len(rated), rounds=rounds,
                           table=table, missing=missing,
                           missing_text=_numbers_da(missing) if missing else "",
                           sections=sections, risk_badge=risk_badge)


def _justification(h: Helpers, c: Citations, group: Any, rating: Any) -> Markup:
    """A rating's reason (and next step) in the risk matrix's list for its round and level."""
    step = (f" {h.html.em('Næste skridt:')} {h.html.text(rating.naeste_skridt)}"
            if rating.naeste_skridt else "")
    # Every piece is Markup, escaped where it was made.
    return Markup(f"{h.entity('maalgrupper', group.id)}: {h.html.text(rating.begrundelse)}"
                  f"{step}{c.cite(rating.kilde)}")


def deadlines_page(ctx: RenderContext, calendar_href: str = "../../frister.ics") -> str:
    page = SPECIAL_PAGES["frister"]
    h, c = Helpers(ctx, page), ctx.citations(page)
    deadlines = ctx.catalog.deadlines()
    upcoming = [d for d in deadlines if not deadline_passed(d.dato, ctx.today)]
    passed = [d for d in deadlines if deadline_passed(d.dato, ctx.today)]
    overdue = [d for d in passed if deadline_state(d.dato, outcomes(d), ctx.today) == OVERDUE]
    tables = []
    for title, items in (("Kommende frister", upcoming), ("Passerede frister", list(reversed(passed)))):
        rows = deadline_rows(items, h, c)
        tables.append((title, h.block(h.html.table(DEADLINE_HEADERS, rows)) if rows else None))
    notifications = []
    for n in sorted({d.entity.id: d.entity for d in deadlines if d.kind == "udmeldinger"}.values(),
                    key=lambda n: n.navn):
        result_cite = c.cite(n.resultat.kilde) if n.resultat else None
        # Without a sender the answer's summary says who answered ("Nordjysk høringssvar").
        answers = [h.html.strong(date_da(s.dato))
                   + (Markup(", ") + h.entity("organisationer", s.fra) if s.fra else Markup(""))
                   + Markup(": ") + h.html.text(s.resume) + c.cite(s.kilde)
                   for s in sorted(n.svar, key=lambda s: date_order(s.dato))]
        notifications.append((n, result_cite, h.block(h.html.items(answers)) if answers else None))
    return render_template("frister.md.j2", c=c, today=ctx.today.isoformat(),
                           upcoming=len(upcoming), passed=len(passed), overdue=len(overdue), grace_days=GRACE_DAYS,
                           calendar_href=calendar_href, tables=tables,
                           notifications=notifications)


def _front_page(macro: str, *values: Any) -> str:
    """One of the front page's lists (templates/forside.md.j2)."""
    return str(getattr(environment().get_template("forside.md.j2").module, macro)(*values)).strip()


def upcoming_deadlines(ctx: RenderContext, page: str, limit: int = 5) -> str:
    h = Helpers(ctx, page)
    deadlines = ctx.catalog.deadlines()
    upcoming = [d for d in deadlines if not deadline_passed(d.dato, ctx.today)][:limit]
    items = upcoming or list(reversed(deadlines[-3:]))  # else the latest ones
    lines = [h.html.strong(date_da(d.dato)) + Markup(": ") + place_link(h, d) + Markup(": ")
             + h.html.text(d.beskrivelse) for d in items]
    return _front_page("upcoming_deadlines", h.block(h.html.items(lines)) if lines else None,
                       bool(upcoming))


def red_groups(ctx: RenderContext, page: str) -> str:
    h = Helpers(ctx, page)
    lines = []
    for group in sorted(ctx.catalog.all("maalgrupper"), key=lambda g: (g.natko_nr or 999)):
        latest = group.latest_risk
        if latest and latest.niveau.value == "roed":
            lines.append(risk_badge("roed") + Markup(" ") + h.entity("maalgrupper", group.id)
                         + Markup(" (") + h.html.text(latest.runde) + Markup(")"))
    return _front_page("red_groups", h.block(h.html.items(lines)) if lines else None)


def newest_facts(ctx: RenderContext, page: str, limit: int = 8) -> str:
    """The pages whose newest fact comes from the newest sources (by the sources' dates), each
    with what those facts are (the fields citing that source)."""
    h = Helpers(ctx, page)
    dated = sorted(((date, key) for key, date in newest_source_dates(ctx.catalog).items()
                    if key[0] != "kilder"), key=lambda t: (t[0], t[1]), reverse=True)[:limit]
    fields = _fields_citing(ctx, {key: date for date, key in dated})
    return _front_page("newest_facts", _dated_entities(h, dated, fields))


def _fields_citing(ctx: RenderContext, wanted: dict[tuple[str, str], str]) -> dict[Any, str]:
    """For each entity in `wanted` (key -> source date), the labels of its fields citing a
    source of that date: "kapacitet, priser"."""
    found: dict[Any, list[str]] = {key: [] for key in wanted}
    for source_id, facts in ctx.catalog.citations.items():
        date = ctx.catalog.get("kilder", source_id).dato
        for fact in facts:
            if wanted.get(fact.entity) == date and fact.path:
                # The page's own sources back what it says in general (name, summary).
                field = str(fact.path[0])
                name = "generelle oplysninger" if field == "kilder" else field_label(field)
                if name not in found[fact.entity]:
                    found[fact.entity].append(name)
    return {key: ", ".join(names) for key, names in found.items() if names}


def recent_corrections(ctx: RenderContext, page: str, limit: int = 8) -> str:
    """The newest corrections in the history (a value fixed), one line a page: the date, the
    page and what was corrected."""
    h = Helpers(ctx, page)
    if ctx.history is None:
        return _front_page("recent_corrections", None, False)
    by_file = {path: key for key, path in ctx.catalog.files.items()}
    dated: list[tuple[str, tuple[str, str]]] = []
    what: dict[Any, str] = {}
    for commit in ctx.history.commits:
        for revision in commit.revisions:
            key = by_file.get(revision.path)
            fixes = [c.text for c in revision.changes if c.nature == CORRECTED]
            if key is None or key in what or not fixes or len(dated) >= limit:
                continue
            dated.append((revision.day, key))
            more = len(fixes) - 1
            what[key] = fixes[0] + (f" (og {more} {'rettelse' if more == 1 else 'rettelser'} "
                                    "mere)" if more else "")
    # Class kb-history, as the pages' histories: the lines quote the data's earlier values.
    return _front_page("recent_corrections", _dated_entities(h, dated, what, "kb-history"), True)


def _dated_entities(h: Helpers, dated: list[tuple[str, tuple[str, str]]],
                    what: dict[Any, str], css: str | None = None) -> Markup | None:
    """A list of "date: entity (kind): what" (of class `css`), or None when there is nothing
    to list."""
    if not dated:
        return None
    lines = [h.html.text(date_da(date)) + Markup(": ") + h.entity(kind, entity_id, with_kind=True)
             + (Markup(": ") + h.html.text(what[(kind, entity_id)])
                if (kind, entity_id) in what else Markup(""))
             for date, (kind, entity_id) in dated]
    return h.block(h.html.items(lines, css))


def source_texts_notice(ctx: RenderContext) -> str:
    """Om data: whether this build shows the source texts."""
    return render_template("kildetekster.md.j2", available=ctx.texts.available)


def glossary_page(ctx: RenderContext) -> str:
    """Two sorted tables, domain terms first, then abbreviations; each entry cites its source."""
    page = SPECIAL_PAGES["ordliste"]
    c, html = ctx.citations(page), HtmlWriter(page, ctx.catalog.glossary)
    entries = sorted(ctx.catalog.glossary, key=lambda e: e.ord.lower())
    sections = []
    for heading, header, terms in (("Begreber", "Begreb", True),
                                   ("Forkortelser", "Forkortelse", False)):
        rows = [[html.strong(e.ord), e.betydning,
                 html.text(e.forklaring or "") + (c.cite(e.kilde) if e.kilde else "")]
                for e in entries if (e.begreb is not None) == terms]
        if rows:
            sections.append((heading, ctx.block(page, sortable(
                html.table([header, "Betydning", "Forklaring"], rows)))))
    return render_template("ordliste.md.j2", c=c, sections=sections)


def abbreviations(ctx: RenderContext) -> dict[str, str]:
    """The glossary's abbreviations with their meaning, for the abbr extension's glossary option.

    Given to Python-Markdown once per build (mkdocs_hooks.on_config) rather than as `*[X]: ...`
    lines under every page: parsing those lines was two fifths of the Markdown time."""
    return glossary_abbreviations(ctx.catalog.glossary)