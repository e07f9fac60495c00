"""mkdocs-macros module: the macros pages call. Each delegates to koordineringsbasen.render."""

from __future__ import annotations

import posixpath
from typing import Any

from markupsafe import Markup

from koordineringsbasen.exports import dataset
from koordineringsbasen.exports import describe as open_data
from koordineringsbasen.render import comparisons, page_tables, special
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.coverage import coverage_page
from koordineringsbasen.render.entity import render_entity
from koordineringsbasen.render.municipalities import municipalities_page
from koordineringsbasen.render.overviews import render_overview
from koordineringsbasen.render.quality import quality_page
from koordineringsbasen.render.source_text import render_source_text
from koordineringsbasen.site import build_state


def define_env(env: Any) -> None:
    def page_uri() -> str:
        return env.page.file.src_uri

    def ctx() -> RenderContext:
        # The context this page renders through: the one a stand-in env was given
        # (generator.write_pages), else the build object's (a page of its own under serve).
        given = getattr(env, "render_context", None)
        return given if isinstance(given, RenderContext) else build_state.current(page_uri())

    def relative_file(path: str) -> str:
        # A site file (not a page) linked from the current page's URL.
        base = env.page.url if env.page.url.endswith("/") else posixpath.dirname(env.page.url)
        return posixpath.relpath(path, base.rstrip("/") or ".")

    @env.macro
    def entity_page(kind: str, entity_id: str) -> str:
        return render_entity(ctx(), kind, entity_id)

    @env.macro
    def source_text(source_id: str, index: int) -> str:
        return render_source_text(ctx(), source_id, index)

    @env.macro
    def source_texts_notice() -> str:
        return special.source_texts_notice(ctx())

    @env.macro
    def overview(kind: str) -> str:
        return render_overview(ctx(), kind)

    @env.macro
    def risk_matrix() -> str:
        return special.risk_matrix(ctx())

    @env.macro
    def deadlines() -> str:
        return special.deadlines_page(ctx(), relative_file("frister.ics"))

    @env.macro
    def comparison(name: str) -> str:
        return {"sikrede-afdelinger": comparisons.secure_units,
                "landsdaekkende": comparisons.national_offers,
                "takster": comparisons.prices,
                "daekning": coverage_page,
                "kommuner": municipalities_page}[name](ctx())

    @env.macro
    def table_downloads(key: str) -> str:
        # The "Download som CSV" links of a page's tables (render/page_tables.py).
        return str(page_tables.download_links(page_tables.page_tables(ctx(), key), relative_file))

    @env.macro
    def upcoming_deadlines(limit: int = 5) -> str:
        return special.upcoming_deadlines(ctx(), page_uri(), limit)

    @env.macro
    def red_groups() -> str:
        return special.red_groups(ctx(), page_uri())

    @env.macro
    def newest_facts(limit: int = 8) -> str:
        return special.newest_facts(ctx(), page_uri(), limit)

    @env.macro
    def recent_corrections(limit: int = 8) -> str:
        return special.recent_corrections(ctx(), page_uri(), limit)

    @env.macro
    def glossary() -> str:
        return special.glossary_page(ctx())

    @env.macro
    def data_quality() -> str:
        return quality_page(ctx())

    @env.macro
    def count(kind: str) -> int:
        return len(ctx().catalog.entities[kind])

    def block(html: str) -> str:
        # A table standing on its own, registered with the page (render/blocks.py).
        return ctx().block(page_uri(), Markup(html))

    @env.macro
    def data_fields(kind: str) -> str:
        return block(open_data.field_table(kind, ctx().catalog.glossary))

    @env.macro
    def data_files() -> str:
        return block(open_data.export_files(ctx().catalog, env.page.url))

    @env.macro
    def licence_link() -> str:
        return open_data.licence_link()

    def publisher() -> dataset.Publisher:
        return dataset.publisher_from(env.conf["extra"])

    @env.macro
    def publisher_name() -> str:
        return publisher().name

    @env.macro
    def contact_link() -> str:
        return open_data.mail_link(publisher().contact)

