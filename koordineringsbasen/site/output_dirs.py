"""Folders a command writes and replaces whole (`pages --out`): only ones it made itself.

A folder the command creates gets a marker file. Replacing a folder that already exists is
allowed only when it is empty or carries the marker; and never the data folder, the checkout,
a folder that contains either, or a folder inside the data. So `--out ..`, `--out data` or
`--out ~/Dokumenter` is refused with a message instead of deleting anything.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

MARKER = ".koordineringsbasen-output"
Protected = tuple[tuple[Path, ...], Path]  # (data folders, the checkout)
MARKER_TEXT = "Skrevet af koordineringsbasen; mappen erstattes helt ved næste kørsel.\n"


class OutputDirRefused(Exception):
    """The folder may not be replaced; the message (Danish) says why."""


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_replaceable(path: Path, protected: Protected) -> None:
    """Raise OutputDirRefused unless `path` may be deleted and written anew."""
    target = path.resolve()
    data_dirs, root = protected
    for folder in (*(d.resolve() for d in data_dirs), root.resolve(), root.resolve().parent):
        if _within(folder, target):
            raise OutputDirRefused(f"{path} er eller rummer {folder}; intet er slettet. Vælg "
                                   "en ny eller tom mappe")
    for folder in (d.resolve() for d in data_dirs):
        if _within(target, folder):
            raise OutputDirRefused(f"{path} ligger i datamappen {folder}; intet er slettet. "
                                   "Vælg en mappe uden for data")
    if not path.exists() and not path.is_symlink():
        return
    if path.is_symlink() or not path.is_dir():
        raise OutputDirRefused(f"{path} findes og er ikke en mappe; vælg en anden")
    if (path / MARKER).is_file() or not any(path.iterdir()):
        return
    raise OutputDirRefused(f"{path} findes og er ikke skrevet af denne kommando (mangler "
                           f"{MARKER}); intet er slettet. Vælg en ny eller tom mappe")


def protected_folders(data_dirs: Iterable[Path], root: Path) -> Protected:
    """What an output folder may never be, contain or (for data) lie in: the data folders,
    the checkout `root` and its parent."""
    return tuple(data_dirs), root


def mark(folder: Path) -> None:
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def replace(tmp: Path, out: Path, protected: Protected) -> None:
    """Put the finished folder `tmp` (marked) in place of `out` (checked again first)."""
    check_replaceable(out, protected)
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
