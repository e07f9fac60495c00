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

from koordineringsbasen import csp, generator, site
from koordineringsbasen.problems import DataError, format_problems

log = logging.getLogger("mkdocs.plugins.koordineringsbasen")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    edit_base = generator.edit_base(config.extra.get("github_repo"))
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
    for uri, content in generator.entity_stubs(site.current().catalog).items():
        files.append(File.generated(config, uri, content=content,
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Runs after mkdocs-macros (hooks come after plugins): glossary abbreviations everywhere.
    return generator.finish_markdown(markdown, site.current())


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # Content-Security-Policy meta tag (see csp.py); `mkdocs serve` needs its inline reload script.
    if csp.is_dev_server(config.site_url):
        return output
    return csp.add_policy(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Static theme pages (404.html) get the same policy as content pages.
    if not template_name.endswith(".html") or csp.is_dev_server(config.site_url):
        return output_content
    return csp.add_policy(output_content, template_name)


def on_post_build(config: MkDocsConfig) -> None:
    # Open data (api/, frister.ics, aendringer.xml) is written next to the built pages.
    written = generator.write_site_exports(site.current(), Path(config.site_dir),
                                           config.site_url or "", config.use_directory_urls)
    log.info("Skrev %d åbne datafiler", len(written))


def on_serve(server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
    # `watch: [data]` covers the repository's own data; a data folder given through
    # KOORDINERINGSBASEN_DATA (tests, benchmark) is watched here so edits there rebuild too.
    external = os.environ.get("KOORDINERINGSBASEN_DATA")
    if external:
        server.watch(str(Path(external).resolve()))
    return server
