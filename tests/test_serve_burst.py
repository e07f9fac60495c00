"""A burst of requests to `mkdocs serve` during edits is answered, also when a rebuild fails
(issue 23, class 15).

mkdocs' preview server holds each page request until the rebuild under way has finished; a
rebuild that raised used to leave every request hanging until a later rebuild succeeded. Here a
docs page with a dead link (a strict-mode warning: the rebuild aborts) is added while a burst of
requests is under way. Loopback only; the count, the concurrency and every wait are bounded.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from koordineringsbasen.site import csp
from tests.preview_server import EPOCH, MOUNT
from tests.support import FIXTURE_SEEDS, ROOT, stop_process

pytestmark = pytest.mark.build

BURST = 200
WORKERS = 40
REQUEST_TIMEOUT = 20.0
PAGES = ["", "tilbud/", "tilbud/testtilbud/", "maalgrupper/", "om-data/", "ordliste/",
         "assets/kb.css", "findes-ikke/"]


def _get(url: str) -> int | str:
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:  # a timeout or a refused connection: unanswered
        return f"{type(error).__name__}: {error}"


@pytest.fixture
def server(tmp_path: Path, fixture_data: Path):  # type: ignore[no-untyped-def]
    box = tmp_path / "projekt"
    box.mkdir()
    for name in ("mkdocs.yml", "macros.py", "koordineringsbasen", "overrides"):
        (box / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", box / "docs")
    (box / "data").symlink_to(fixture_data)  # mkdocs.yml watches data/
    # The server's socket, bound here on port 0 and handed over (tests/serve_on_socket.py):
    # no other process can take the port between finding it and binding it.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    base = f"http://127.0.0.1:{port}{MOUNT}"
    env = {**os.environ, "KOORDINERINGSBASEN_DATA": str(fixture_data),
           "KOORDINERINGSBASEN_SEEDS": str(FIXTURE_SEEDS), "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": base, "KOORDINERINGSBASEN_CACHE": str(tmp_path / "cache"),
           "KB_TEST_SERVE_FD": str(listener.fileno()),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    log = (tmp_path / "serve.log").open("w")
    with listener:
        proc = subprocess.Popen([sys.executable, "-m", "tests.serve_on_socket", "serve",
                                 "--dirty", "-a", f"127.0.0.1:{port}"], cwd=box, env=env,
                                stdout=log, stderr=subprocess.STDOUT,
                                pass_fds=[listener.fileno()])
    try:
        deadline = time.monotonic() + 180
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "serve never answered"
            status = _get(base)
            if status == 200:
                break
            time.sleep(0.3)
        yield box, base, tmp_path / "serve.log"
    finally:
        stop_process(proc, log)


def test_a_burst_during_a_failing_rebuild_is_answered(server) -> None:  # type: ignore[no-untyped-def]
    box, base, log = server
    with urllib.request.urlopen(base, timeout=REQUEST_TIMEOUT) as response:
        page = response.read()
    assert EPOCH.search(page)
    # The preview keeps the published site's policy, and it allows the reload script it adds.
    script = csp.reload_script(page)
    policy = csp.POLICY_CONTENT.search(page)
    assert script is not None and policy is not None
    assert csp._sha256(script.decode()).encode() in policy.group(1)
    (box / "docs" / "kaputt.md").write_text("# Kaputt\n\n[Død](findes-ikke.md)\n",
                                            encoding="utf-8")
    urls = [base + PAGES[i % len(PAGES)] for i in range(BURST)]
    started = time.monotonic()
    with ThreadPoolExecutor(WORKERS) as pool:
        answers = list(pool.map(_get, urls))
    took = time.monotonic() - started
    unanswered = [(u, a) for u, a in zip(urls, answers, strict=True) if isinstance(a, str)]
    assert not unanswered, f"{len(unanswered)} unanswered, e.g. {unanswered[:3]}\n" + \
        log.read_text(errors="replace")[-3000:]
    assert {a for a in answers} <= {200, 404}
    assert answers.count(404) == BURST // len(PAGES)  # only findes-ikke/
    # The rebuild failed and said so; the server still answers afterwards, at once.
    deadline = time.monotonic() + 60
    while "Genopbygningen fejlede" not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
        time.sleep(0.3)
    assert [_get(base + page) for page in ("", "tilbud/testtilbud/")] == [200, 200]
    assert took < BURST * REQUEST_TIMEOUT / WORKERS
