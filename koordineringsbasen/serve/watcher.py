"""`mkdocs serve` sees a saved file when it is saved, not at its next poll.

mkdocs watches with watchdog's polling observer: every 0.5 s it compares the modification times
of every watched file, so an edit waits 0.25 s on average (up to 0.5 s) before the rebuild
starts. watchdog's native observer (inotify on Linux, FSEvents on macOS, ReadDirectoryChanges on
Windows) is told of the write at once. It also reports files being opened and read, which the
build itself does, so it listens to writes only; otherwise every build would start the next.

Only public parts of mkdocs' server are used: its `observer`, `watch` and `unwatch`. Where the
native observer cannot start (a full inotify table, an unusual file system), mkdocs keeps
polling.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver, PollingObserverVFS

log = logging.getLogger("mkdocs.plugins.koordineringsbasen")

# What saving, adding, renaming or deleting a file gives; not opening or reading one.
WRITE_EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent, FileClosedEvent]


class WriteObserver(Observer):  # type: ignore[misc,valid-type]
    """The platform's native observer, told only of writes."""

    def schedule(self, event_handler: FileSystemEventHandler, path: str | Path, *,
                 recursive: bool = False, event_filter: Any = None, follow_symlink: bool = False
                 ) -> Any:
        return super().schedule(event_handler, path, recursive=recursive,
                                event_filter=event_filter or WRITE_EVENTS,
                                follow_symlink=follow_symlink)


def native_available(path: str) -> bool:
    """Can the native observer watch `path` here? (Started and stopped once to find out.)"""
    if issubclass(cast(type, Observer), (PollingObserver, PollingObserverVFS)):
        return False  # watchdog found nothing better than polling on this system
    probe = WriteObserver()
    try:
        probe.schedule(FileSystemEventHandler(), path, recursive=True)
        probe.start()
    except OSError as exc:  # e.g. the inotify watch or instance limit is reached
        log.debug("Native file watching unavailable (%s); mkdocs keeps polling", exc)
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
    return True


def use_native_observer(server: Any, watched: Iterable[str]) -> bool:
    """Move `server`'s watches among `watched` (the paths mkdocs may have watched before the
    on_serve event) to the native observer; later `server.watch` calls go there too."""
    candidates = list(dict.fromkeys(str(p) for p in watched if p))
    if not candidates or not native_available(candidates[0]):
        return False
    moved = []
    for path in candidates:
        while True:  # as often as it was watched
            try:
                server.unwatch(path)
            except KeyError:  # (no longer) watched, e.g. a theme folder without --watch-theme
                break
            moved.append(path)
    server.observer = WriteObserver()
    for path in moved:
        server.watch(path)
    return True
