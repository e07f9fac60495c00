"""What a site generator is given, and what is written into the site it has built.

Given: the hand-written pages in docs/ plus one stub per entity (front matter and one macro
call). The mkdocs hook hands the stubs to mkdocs as virtual files; `write_pages` writes the same
pages to a folder for a generator that runs no hooks (with `expand`, one without a macros plugin
too). After the build, `write_site_exports` adds the open data (api/, frister.ics, the feed).
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from .. import settings
from ..catalog import Catalog
from ..exports import SiteInfo, write_exports
from ..exports.page_tables import write_page_tables
from ..render.blocks import Blocks, restore
from ..render.context import RenderContext
from ..render.links import page_uri
from ..render.source_text import text_pages
from ..settings import DOCS_DIR
from . import output_dirs
from .macro_expansion import MacrosEnv

# Entity pages hide the primary sidebar (Material's page meta): on them it is empty, and the
# tables need the width.
STUB = ("---\nrender_macros: true\nhide:\n  - navigation\n---\n\n"
        "{{{{ entity_page('{kind}', '{id}') }}}}\n")
TEXT_STUB = "---\nrender_macros: true\n---\n\n{{{{ source_text('{id}', {index}) }}}}\n"


def edit_base(repo: str | None) -> str | None:
    """Base of the "Ret data" links: the GitHub repository from CI, else `repo` (owner/name)."""
    repo = settings.github_repository() or repo
    return f"https://github.com/{repo}/edit/main/" if repo else None


def entity_stubs(catalog: Catalog) -> dict[str, str]:
    """Every entity page as the generator is given it: source path -> Markdown."""
    # ids are validated slugs ([a-z0-9-]), so they are safe inside the Jinja stub.
    return {page_uri(kind, entity_id): STUB.format(kind=kind, id=entity_id)
            for kind, entities in catalog.entities.items() for entity_id in entities}


def source_text_stubs(ctx: RenderContext) -> dict[str, str]:
    """Every source-text page (only when the build has the texts): source path -> Markdown."""
    return {uri: TEXT_STUB.format(id=source_id, index=index)
            for source_id, parts in text_pages(ctx) for index, uri in parts}


def write_pages(ctx: RenderContext, out: Path, expand: bool = False,
                docs_dir: Path = DOCS_DIR, data_dir: Path | None = None) -> list[Path]:
    """Write docs_dir (assets included) and every entity stub into `out`; return the pages.

    With `expand`, every macro is expanded: plain Markdown for any generator, built with
    `mkdocs_yml.without_glue` (which carries the glossary's abbreviations, as the hook gives them
    to the abbr extension). `out` is replaced whole, and only once every page is written.
    The macros render with `ctx`, whatever the build object holds; the blocks and footnote
    markers they register (render/blocks.py) are written back into each page's Markdown.
    """
    if ctx.blocks is None:
        ctx = dataclasses.replace(ctx, blocks=Blocks())
    register = ctx.blocks
    assert register is not None
    # Only folders this command made are ever deleted (output_dirs): `out` and its .tmp.
    protected = output_dirs.protected_folders(
        {settings.ROOT / "data", data_dir or settings.data_dir()}, settings.ROOT)
    tmp = out.with_name(out.name + ".tmp")
    output_dirs.check_replaceable(out, protected)
    output_dirs.check_replaceable(tmp, protected)
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(docs_dir, tmp)
    output_dirs.mark(tmp)
    for uri, text in {**entity_stubs(ctx.catalog), **source_text_stubs(ctx)}.items():
        path = tmp / uri
        if path.exists():
            raise FileExistsError(f"{path.relative_to(tmp)}: both in {docs_dir} and generated")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    pages = sorted(tmp.rglob("*.md"))
    if expand:
        macros = MacrosEnv(ctx)
        for path in pages:
            uri = path.relative_to(tmp).as_posix()
            text, blocks = register.finish(uri, macros.expand(path.read_text(encoding="utf-8"),
                                                              uri))
            register.take(uri)
            path.write_text(restore(text, blocks), encoding="utf-8")
    output_dirs.replace(tmp, out, protected)
    return [out / p.relative_to(tmp) for p in pages]


def write_site_exports(ctx: RenderContext, site_dir: Path, site_url: str,
                       directory_urls: bool = True) -> list[Path]:
    """Write the open data into the built site `site_dir`; return the files written."""
    info = SiteInfo(site_url, directory_urls, ctx.today, ctx.changed)
    return [*write_exports(ctx.catalog, site_dir, info, ctx.history),
            *write_page_tables(ctx, site_dir)]
