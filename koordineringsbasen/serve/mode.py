"""How this mkdocs process runs: a full build, or the preview server (`mkdocs serve`).

Under `mkdocs serve` invalid data keep the last good data on screen (see preview.py), and with
`--dirty` (as `make serve` runs it) only changed pages are rebuilt (see incremental.py).
"""

from __future__ import annotations

import logging

from ..site import build_state

DIRTY_NOTICE = "A 'dirty' build is being performed"


def _not_dirty_notice(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(DIRTY_NOTICE)


def start(command: str, dirty: bool) -> build_state.Build:
    """The process starts: a new build object that knows how it runs (see build_state)."""
    build = build_state.start(command, dirty)
    if incremental():
        # mkdocs warns on every --dirty build that navigation may be stale; with `strict: true`
        # that warning alone would abort each rebuild. Here pages are rebuilt by content (see
        # incremental.py), so the notice does not apply; every other warning still counts.
        logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_notice)
    return build


def serving() -> bool:
    return build_state.build().serving


def incremental() -> bool:
    build = build_state.build()
    return build.serving and build.dirty


def keeps_last_good() -> bool:
    """Invalid data after a good build: keep showing that build's data (preview only)."""
    return serving() and build_state.loaded()
