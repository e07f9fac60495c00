"""The serve watcher: saved files are seen at once, files the build reads are not news."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingEmitter

from koordineringsbasen.serve import watcher

pytestmark = pytest.mark.skipif(not watcher.native_available("."),
                                reason="no native file watching on this system")


class _Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []
        self.paths: set[str] = set()
        self.changed = threading.Condition()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            with self.changed:
                self.events.append(event)
                self.paths.add(str(event.src_path))
                self.changed.notify_all()

    def wait_for(self, path: Path, timeout: float = 10) -> bool:
        """Whether an event for `path` arrives before the deadline."""
        with self.changed:
            return self.changed.wait_for(lambda: str(path) in self.paths, timeout=timeout)


def test_a_write_is_seen_and_reading_is_not(tmp_path: Path) -> None:
    data, mark = tmp_path / "data.yml", tmp_path / "mark.yml"
    data.write_text("navn: Egely\n", encoding="utf-8")
    seen, observer = _Seen(), watcher.WriteObserver()
    observer.schedule(seen, str(tmp_path), recursive=True)
    observer.start()  # the inotify watch exists when start() returns
    try:
        # Told by the system, not found by polling every 0.5 s: no emitter polls.
        assert observer.emitters and not any(
            isinstance(e, PollingEmitter) for e in observer.emitters), observer.emitters
        for _ in range(3):  # what a build does with a data file
            data.read_text(encoding="utf-8")
        # The events of one watch arrive in order: once the write of `mark` is seen, any event
        # of the reads before it would have been seen too.
        mark.write_text("x\n", encoding="utf-8")
        assert seen.wait_for(mark)
        assert str(data) not in seen.paths, seen.events
        data.write_text("navn: Kvisten\n", encoding="utf-8")
        assert seen.wait_for(data)
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
