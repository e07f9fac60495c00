"""The serve watcher: saved files are seen at once, files the build reads are not news."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from koordineringsbasen.serve import watcher

pytestmark = pytest.mark.skipif(not watcher.native_available("."),
                                reason="no native file watching on this system")


class _Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []
        self.changed = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.events.append(event)
            self.changed.set()


def test_a_write_is_seen_and_reading_is_not(tmp_path: Path) -> None:
    data = tmp_path / "data.yml"
    data.write_text("navn: Egely\n", encoding="utf-8")
    seen, observer = _Seen(), watcher.WriteObserver()
    observer.schedule(seen, str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(0.2)
        for _ in range(3):  # what a build does with a data file
            data.read_text(encoding="utf-8")
        assert not seen.changed.wait(0.5), seen.events
        start = time.perf_counter()
        data.write_text("navn: Kvisten\n", encoding="utf-8")
        assert seen.changed.wait(5)
        assert time.perf_counter() - start < 0.4  # polling every 0.5 s would average 0.25 s
    finally:
        observer.stop()
        observer.join()


def test_the_servers_watches_move_to_the_native_observer(tmp_path: Path) -> None:
    docs, config, later = tmp_path / "docs", tmp_path / "mkdocs.yml", tmp_path / "data"
    for folder in (docs, later):
        folder.mkdir()
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(docs))
    server.watch(str(config))
    polling = server.observer
    before = _watches(polling)
    assert watcher.use_native_observer(server, [str(docs), str(config), str(tmp_path / "theme")])
    assert isinstance(server.observer, watcher.WriteObserver)
    assert not polling.emitters and _watches(server.observer) == before
    server.watch(str(later))  # as mkdocs watches `watch:` folders after on_serve
    assert _watches(server.observer) == before | {(str(later), True)}
    server.unwatch(str(later))  # mkdocs' own bookkeeping still works
    assert _watches(server.observer) == before


def _watches(observer: object) -> set[tuple[str, bool]]:
    return {(e.watch.path, e.watch.is_recursive) for e in observer.emitters}  # type: ignore[attr-defined]
