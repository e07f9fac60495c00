"""What a figure is and whom a target group covers, as page pieces: a key figure's kind,
period, area and note, a capacity row's kind, and a target group's ages, criteria and legal
basis, each with its source. fact_tables and the templates call these; they write through
Helpers (render/html_writer.py), so every value from the data is escaped."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from ..danish.writing import number
from ..model.dates import span
from ..model.labels import CRITERION_KIND, FIGURE_KIND, FIGURE_KIND_UNSET
from .citations import Citations
from .helpers import Helpers
from .labels import date_da, enum_value

RIGHT = "right"


def figure_kind(kind: Any) -> str:
    """'Faktisk', 'Budget', 'Prognose', 'Mål', or 'Ikke angivet' for a figure without kind."""
    return FIGURE_KIND[enum_value(kind)] if kind is not None else FIGURE_KIND_UNSET


def figure_period(figure: Any) -> str:
    """The period a key figure covers ('2017–2019'), else its date, else a dash."""
    if figure.periode:
        return span(figure.periode).danish()
    return date_da(figure.dato)


def figure_area(h: Helpers, figure: Any) -> Markup:
    """'Hele landet', a link to the region or municipality, or a dash."""
    if figure.hele_landet:
        return Markup("Hele landet")
    return h.maybe("organisationer", figure.geografi)


def key_figure_table(h: Helpers, c: Citations, figures: Iterable[Any]) -> Markup:
    """Name, value, kind, period, area, note and source of each key figure; the area and note
    columns only when some figure has one."""
    figures = list(figures)
    with_area = any(f.geografi or f.hele_landet for f in figures)
    with_note = any(f.note for f in figures)
    headers = ["Betegnelse", "Værdi", "Art", "Gælder"]
    align: list[str | None] = [None, RIGHT, None, None]
    if with_area:
        headers.append("Geografi")
        align.append(None)
    if with_note:
        headers.append("Note")
        align.append(None)
    headers.append("Kilde")
    align.append(None)
    rows = []
    for f in figures:
        row: list[Any] = [f.betegnelse, ("ca. " if f.cirka else "") + number(f.vaerdi)
                          + (f" {f.enhed}" if f.enhed else ""), figure_kind(f.art),
                          figure_period(f)]
        if with_area:
            row.append(figure_area(h, f))
        if with_note:
            row.append(f.note or "")
        row.append(c.cite(f.kilde))
        rows.append(row)
    return h.block(h.html.table(headers, rows, align))


def capacity_kind_note(row: Any) -> str:
    """A capacity row's note, led by its kind when that is not actual ('Budget. …')."""
    kind = enum_value(row.art) if row.art is not None else "faktisk"
    lead = "" if kind == "faktisk" else f"{FIGURE_KIND[kind]}."
    return " ".join(part for part in (lead, row.note or "") if part)


def age_text(age: Any) -> str:
    """'12–18 år', 'fra 18 år', 'til 17 år', with the note after a comma."""
    if age.fra is not None and age.til is not None:
        text = f"{age.fra}–{age.til} år"
    elif age.fra is not None:
        text = f"fra {age.fra} år"
    else:
        text = f"til {age.til} år"
    return text + (f", {age.note}" if age.note else "")


def eligibility(h: Helpers, c: Citations, group: Any) -> Markup:
    """Ages, criteria (who is in, who is not) and legal basis of a target group, as one list
    with a source on every line; empty when the data have none of them."""
    items: list[Markup] = []
    if group.alder is not None:
        items.append(Markup("<strong>Alder:</strong> ") + h.html.text(age_text(group.alder))
                     + c.cite(group.alder.kilde))
    for kind in CRITERION_KIND:
        for criterion in (k for k in group.kriterier if enum_value(k.type) == kind):
            items.append(Markup("<strong>") + h.html.text(CRITERION_KIND[kind])
                         + Markup(":</strong> ") + h.html.text(criterion.tekst)
                         + c.cite(criterion.kilde))
    for basis in group.hjemmel:
        items.append(Markup("<strong>Lovgrundlag:</strong> ") + h.html.text(basis.tekst)
                     + (Markup(" (") + h.html.text(basis.note) + Markup(")") if basis.note
                        else Markup("")) + c.cite(basis.kilde))
    if not items:
        return Markup("")
    return h.block(Markup("<ul>\n") + Markup("").join(Markup("<li>") + i + Markup("</li>\n")
                                                      for i in items) + Markup("</ul>"))
