"""A running `mkdocs serve --dirty` on a loopback port bound beforehand (port 0), for the incremental-preview tests.

The server reads data from KOORDINERINGSBASEN_DATA (watched by the hook's on_serve). Each build
stamps the pages it serves with a new live-reload epoch, which is how a test knows that the
rebuild after an edit has finished; the search index, which serve builds after the pages, is
done when the log says so.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from koordineringsbasen.site import csp
from tests.support import ROOT, require_build_marker, stop_process

EPOCH = re.compile(rb"livereload\((\d+), \d+\);")
# What the preview server adds to every HTML page: mkdocs' live-reload script before </body>.
LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>", re.DOTALL)
MOUNT = "/koordineringsbasen/"  # the path of site_url in mkdocs.yml


def clock() -> int:
    """The server's clock: its build epochs are time.monotonic() in milliseconds, and Linux's
    monotonic clock is the same in every process."""
    return round(time.monotonic() * 1000)


class PreviewServer:
    def __init__(self, data: Path, seeds: Path, log: Path, env: dict[str, str] | None = None):
        require_build_marker("mkdocs serve")
        # The server's socket, bound here on port 0 and handed to the server process.
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        self.port = listener.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}{MOUNT}"
        # Builds to compare with get the same SITE_URL: the address the server gives itself.
        self.env = {**os.environ, **(env or {}), "KOORDINERINGSBASEN_DATA": str(data),
                    "KOORDINERINGSBASEN_SEEDS": str(seeds), "NO_MKDOCS_2_WARNING": "1",
                    "SITE_URL": self.base, "KB_TEST_SERVE_FD": str(listener.fileno())}
        self.log_path = log
        self._log = log.open("w")
        with listener:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.serve_on_socket", "serve", "--dirty", "-a",
                 f"127.0.0.1:{self.port}"], cwd=ROOT, env=self.env, stdout=self._log,
                stderr=subprocess.STDOUT, pass_fds=[listener.fileno()])

    def get(self, path: str, timeout: float = 30) -> tuple[int, bytes]:
        """Status and body of `path` below the site's mount point."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def epoch(self) -> int | None:
        try:
            status, body = self.get("", timeout=30)
        except (urllib.error.URLError, OSError):
            return None
        found = EPOCH.search(body) if status == 200 else None
        return int(found.group(1)) if found else None

    def wait_for_build(self, since: int | None, timeout: float = 300) -> int:
        """Wait for a finished build that started at or after `since` (a reading of `clock()`
        taken before the edit; None: any build) with no build or search index still to come,
        and return its epoch. Polls for these conditions until a deadline, never sleeps a guess."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("mkdocs serve stopped:\n" + self.output())
            epoch = self.epoch()
            if epoch is not None and (since is None or epoch >= since) and self.settled():
                return epoch
            time.sleep(0.1)  # the polling interval, not a wait for something to happen
        raise TimeoutError("no new build within the time limit:\n" + self.output())

    def settled(self) -> bool:
        """Whether every rebuild the server started has finished and has its search index."""
        log = self._log_text()
        return log.count("Detected file changes") <= log.count("Reloading browsers") and \
            self.indexed()

    def indexed(self) -> bool:
        """Whether the search index of every finished build is written (serve builds it after
        serving the pages)."""
        log = self._log_text()
        return log.count("Søgeindeks bygget") + log.count("Søgeindekset kunne ikke") >= \
            log.count("Documentation built")

    def output(self) -> str:
        return self._log_text()[-5000:]

    def _log_text(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        stop_process(self.proc, self._log)


def normalise(body: bytes) -> bytes:
    """A served file as a build writes it: without the live-reload script and the hash by which
    the served page's policy allows it."""
    script = csp.reload_script(body)
    if script is not None:
        body = body.replace(csp._sha256(script.decode("utf-8")).encode() + b" ", b"", 1)
    return LIVERELOAD.sub(b"", body)
