"""Thin mkdocs glue: load the data once, add one virtual page per entity, finish pages.

No domain logic lives here; see koordineringsbasen.render for that. What the hooks share
between calls lives in the build object (site/build_state.py), made in on_startup.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from koordineringsbasen import settings
from koordineringsbasen.load.problems import DataError, format_problems
from koordineringsbasen.render import template_cache
from koordineringsbasen.render.special import abbreviations
from koordineringsbasen.serve import incremental, preview, watcher
from koordineringsbasen.serve import mode as serve_mode
from koordineringsbasen.serve.after_serve import AfterServe
from koordineringsbasen.site import build_state, csp, footer, generator, raw_blocks, search_index
from koordineringsbasen.site.build_state import Build

log = logging.getLogger("mkdocs.plugins.koordineringsbasen")


def _build() -> Build:
    return build_state.build()


def _incremental() -> incremental.Incremental:
    return _build().part(incremental.Incremental)


def _after_serve() -> AfterServe:
    """The open data and search index under `mkdocs serve` (after_serve.py)."""
    return _build().part(AfterServe)


def on_startup(command: str, dirty: bool) -> None:
    serve_mode.start(command, dirty)  # a new build object for this process


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _after_serve().wait()  # the previous serve build's open data and index are written
    build = _build()
    build.begin()
    if not config.use_directory_urls:
        # Footnotes are written as HTML with the addresses mkdocs gives pages (links.href).
        raise Abort("use_directory_urls: false understøttes ikke (fodnoternes links regnes "
                    "ud fra mappe-adresser)")
    seeds_problem = settings.seeds_problem()
    if seeds_problem:  # a mistyped path would build a site without any source text
        raise Abort(seeds_problem)
    notice = footer.placeholder_notice(footer.footer_settings(config.extra))
    if notice:  # INFO, not WARNING: a site without a named publisher may be built (--strict)
        log.info(notice)
    edit_base = generator.edit_base(config.extra.get("github_repo"))
    data_dir = settings.data_override() or Path(config.config_file_path).parent / "data"
    try:
        context = build.load(data_dir, edit_base=edit_base)
    except DataError as exc:
        report = format_problems(exc.problems)
        if not serve_mode.keeps_last_good():
            # Abort stops the build before anything is written: site/ keeps its last good state.
            raise Abort("Data er ugyldige; intet er bygget:\n" + report)
        # Printed, not logged: under `strict: true` a logged warning would stop the rebuild.
        print("Data er ugyldige; forhåndsvisningen viser de sidste gyldige data:\n" + report,
              file=sys.stderr, flush=True)
        build.part(preview.Problems).set(exc.problems)
        _give_abbreviations(config)
        return config
    build.part(preview.Problems).clear()
    _give_abbreviations(config)
    log.info("Indlæst %d enheder fra data/", context.catalog.count())
    if context.texts.available:
        log.info("Kildetekster fra %s", context.texts.folder)
    else:
        # INFO, not WARNING: a build without the texts is allowed and must pass --strict.
        log.info("Kildeteksterne findes ikke (%s; sæt KOORDINERINGSBASEN_SEEDS): siden bygges "
                 "uden kildetekstsider, citater og links til teksten", settings.seeds_dir())
    return config


def _give_abbreviations(config: MkDocsConfig) -> None:
    """The glossary's abbreviations become <abbr> on every page (the abbr extension's glossary)."""
    options = config.mdx_configs.setdefault("abbr", {})
    options["glossary"] = abbreviations(_build().context_for())


def on_files(files: Files, config: MkDocsConfig) -> Files:
    ctx = _build().context_for()
    stubs = {**generator.entity_stubs(ctx.catalog), **generator.source_text_stubs(ctx)}
    for uri, content in stubs.items():
        files.append(File.generated(config, uri, content=content,
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    if serve_mode.incremental():
        _incremental().plan(_build(), files, config)
    return files


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    _incremental().before_page(_build(), page)
    return page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Runs after mkdocs-macros (hooks come after plugins).
    # The page's HTML blocks are registered with it as they were made (render/blocks.py): the
    # Markdown holds their placeholders; its footnote markers get their ids in page order.
    build = _build()
    markdown, blocks = build.blocks.finish(page.file.src_uri, markdown)
    _incremental().after_markdown(build, page, markdown, blocks)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    blocks = _build().blocks.take(page.file.src_uri)
    if blocks and page.present_anchor_ids is not None:
        page.present_anchor_ids |= raw_blocks.anchor_ids(blocks)
    return raw_blocks.put_back(html, blocks)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _incremental().remember_nav(nav)
    return nav


def on_env(env, config: MkDocsConfig, files: Files):
    _incremental().before_writing()
    env.bytecode_cache = template_cache.bytecode_cache()
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # What the site search indexes (search_index.py), then the Content-Security-Policy meta tag
    # (see csp.py), on every build whatever its site_url; under `mkdocs serve` the preview
    # middleware lets the policy allow the reload script the server adds (preview.py).
    output = search_index.mark_page(output)
    output = footer.add_dataset_record(output, page.file.src_uri, _build().context_for().catalog,
                                       config.site_url or "", config.extra)
    return csp.add_policy(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Static theme pages (404.html) get the same policy as content pages.
    if not template_name.endswith(".html"):
        return output_content
    return csp.add_policy(output_content, template_name)


def on_post_build(config: MkDocsConfig) -> None:
    build = _build()
    record = build.part(incremental.Incremental)
    record.finish(config)
    site_dir, ctx = Path(config.site_dir), build.context_for()

    def site_wide() -> None:
        # The search index (Pagefind, its own process) over the pages just written, while the
        # open data (api/, frister.ics, aendringer.xml: no HTML) are written next to them.
        indexing = search_index.Indexing(site_dir)
        try:
            written = generator.write_site_exports(ctx, site_dir, config.site_url or "",
                                                   config.use_directory_urls)
        except BaseException:
            indexing.abandon()
            raise
        log.info("Skrev %d åbne datafiler", len(written))
        record.exports_written(config, written)
        _indexed(indexing.finish(ctx.catalog))

    if build.serving:
        build.part(AfterServe).start(site_wide, _site_wide_failed)  # after the changed pages are served
    else:
        site_wide()


def _indexed(seconds: float) -> None:
    log.info("Søgeindeks bygget på %.1f s", seconds)


def _site_wide_failed(error: Exception) -> None:
    # Printed, not logged: a logged error would count against the next build under strict.
    print(f"Søgeindekset kunne ikke bygges: {error}", file=sys.stderr, flush=True)


def on_serve(server, config: MkDocsConfig, builder):
    # `watch: [data]` covers the repository's own data; a data folder given through
    # KOORDINERINGSBASEN_DATA (tests, benchmark) is watched here so edits there rebuild too.
    watcher.use_native_observer(server, [config.docs_dir, config.config_file_path,
                                         *config.theme.dirs])
    external = settings.data_override()
    if external:
        server.watch(str(external.resolve()))
    # The source texts live outside the repository: a new or corrected text rebuilds too.
    seeds = settings.seeds_dir()
    if seeds.is_dir():
        server.watch(str(seeds.resolve()))
    # The problem banner (preview.py), showing the problems the build object holds.
    server.set_app(preview.middleware(server.get_app(), _build().part(preview.Problems)))
    return serve_mode.harden(server)  # no request left hanging (see serve_mode.py)


def on_shutdown() -> None:
    _after_serve().wait()  # Ctrl+C under serve: let the open data and index finish


def on_build_error(error: Exception) -> None:
    _after_serve().wait()
    _incremental().failed()
