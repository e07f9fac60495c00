"""How this mkdocs process runs: a full build, or the preview server (`mkdocs serve`).

Under `mkdocs serve` invalid data keep the last good data on screen (see preview.py), and with
`--dirty` (as `make serve` runs it) only changed pages are rebuilt (see incremental.py).

mkdocs' preview server holds every page request until the rebuild under way has finished, and
a rebuild that raises (a strict-mode warning, a file removed mid-build) never finishes in its
eyes: every request then hangs until some later rebuild succeeds. `harden` makes a failed
rebuild count as finished (the last written pages are served, the error is printed), and gives
the server a listen backlog for a burst of requests (socketserver's default is 5).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from typing import Any

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


LISTEN_BACKLOG = 1024


def never_stuck(builder: Callable[[], None]) -> Callable[[], None]:
    """`builder` that reports its failure instead of raising it to the preview server."""

    def build() -> None:
        try:
            builder()
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - printed; the next edit retries
            # Printed, not logged: under `strict: true` a logged error would count against the
            # next rebuild.
            traceback.print_exc()
            print(f"Genopbygningen fejlede ({exc}); forhåndsvisningen viser de sidst skrevne "
                  "sider, indtil fejlen er rettet.", file=sys.stderr, flush=True)
    return build


def harden(server: Any) -> Any:
    """The preview server answering every request, also during and after a failed rebuild."""
    server.request_queue_size = LISTEN_BACKLOG  # read when the server starts listening
    server.builder = never_stuck(server.builder)
    return server
