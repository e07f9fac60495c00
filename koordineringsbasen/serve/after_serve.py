"""Work that `mkdocs serve` does after the changed pages are served: one job at a time.

The open data and the search index describe the whole site and take seconds at a thousand
entities; the page a contributor just edited should not wait for them. Under serve the hook hands
them to this job, which runs in a thread once the build has finished; the next build waits for
it before it starts, so two runs never write the same files at once. `mkdocs build` does the
same work before it ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class AfterServe:
    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def start(self, job: Callable[[], None], failed: Callable[[Exception], None]) -> None:
        self.wait()

        def run() -> None:
            try:
                job()
            except Exception as exc:  # noqa: BLE001 - reported; the next edit tries again
                failed(exc)

        self._thread = threading.Thread(target=run, name="efter-visning", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Until the job of the previous build is done (nothing to wait for: at once)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
