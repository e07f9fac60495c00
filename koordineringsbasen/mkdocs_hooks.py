"""Thin mkdocs glue: load the data once, add one virtual page per entity, finish pages.

No domain logic lives here; see koordineringsbasen.render for that.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from koordineringsbasen import csp, site
from koordineringsbasen.exports import SiteInfo, write_exports
from koordineringsbasen.problems import DataError, format_problems
from koordineringsbasen.render.links import page_uri
from koordineringsbasen.render.special import abbreviation_definitions

log = logging.getLogger("mkdocs.plugins.koordineringsbasen")
STUB = "---\nrender_macros: true\nsearch:\n  boost: {boost}\n---\n\n{{{{ entity_page('{kind}', '{id}') }}}}\n"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    repo = os.environ.get("GITHUB_REPOSITORY") or config.extra.get("github_repo")
    edit_base = f"https://github.com/{repo}/edit/main/" if repo else None
    data_dir = Path(os.environ.get("KOORDINERINGSBASEN_DATA")
                    or Path(config.config_file_path).parent / "data")
    try:
        context = site.load(data_dir, edit_base=edit_base)
    except DataError as exc:
        # Abort stops the build before anything is written: site/ keeps its last good state.
        raise Abort("Data er ugyldige; intet er bygget:\n" + format_problems(exc.problems))
    log.info("Indlæst %d enheder fra data/", context.catalog.count())
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    catalog = site.current().catalog
    for kind, entities in catalog.entities.items():
        for entity_id in entities:
            # ids are validated slugs ([a-z0-9-]), so they are safe inside the Jinja stub.
            content = STUB.format(kind=kind, id=entity_id, boost=3 if kind != "kilder" else 1)
            files.append(File.generated(config, page_uri(kind, entity_id), content=content,
                                        inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Runs after mkdocs-macros (hooks come after plugins): glossary abbreviations everywhere.
    return markdown + "\n\n" + abbreviation_definitions(site.current()) + "\n"


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # Content-Security-Policy meta tag (see csp.py); `mkdocs serve` needs its inline reload script.
    if csp.is_dev_server(config.site_url):
        return output
    return csp.add_policy(output, page.file.src_uri)


def on_post_build(config: MkDocsConfig) -> None:
    # Open data (api/, frister.ics, aendringer.xml) is written next to the built pages.
    ctx = site.current()
    info = SiteInfo(config.site_url or "", config.use_directory_urls, ctx.today, ctx.changed)
    log.info("Skrev %d åbne datafiler", len(write_exports(ctx.catalog, Path(config.site_dir), info)))


def on_serve(server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
    # `watch: [data]` covers the repository's own data; a data folder given through
    # KOORDINERINGSBASEN_DATA (tests, benchmark) is watched here so edits there rebuild too.
    external = os.environ.get("KOORDINERINGSBASEN_DATA")
    if external:
        server.watch(str(Path(external).resolve()))
    return server
