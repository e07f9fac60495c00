"""A content-addressed cache of validated data files, so a build re-reads only changed files.

Each entry is keyed by the data file's kind and bytes (SHA-256) and holds what checking that one
file produced: the validated model, its links and its file-local findings. The whole cache is
bound to a fingerprint of the loading code (every module of this package, pydantic, PyYAML,
Python) and of the seed texts, so it is never trusted across a model change. Entries are stored
pickled, one checksum each: a corrupt, foreign or stale entry is discarded and the file is read
again. The cache lives in `.cache/koordineringsbasen/` (git-ignored, outside site/) and is safe
to delete at any time. Results that depend on other files too (cited values, link checks) are
stored as derived entries, keyed by everything they read (`put_derived`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pydantic
import yaml

from .. import settings

MAGIC = b"KBCACHE1"
KEEP_PACKS = 12  # one pack per data folder; the least recently used beyond this are removed
PACKAGE = settings.PACKAGE


@dataclass(frozen=True)
class Entry:
    """What checking one file produced on its own (no cross-file checks)."""

    entity: Any
    links: tuple[Any, ...]
    local: tuple[tuple[tuple[str | int, ...], str], ...]  # (path, message): unique/personal data


@cache
def code_fingerprint() -> str:
    """Every module of the package plus the versions that shape parsing and validation."""
    digest = hashlib.sha256()
    for text in (sys.version, platform.machine(), pydantic.VERSION, yaml.__version__,
                 str(yaml.__with_libyaml__)):
        digest.update(text.encode() + b"\0")
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def seeds_fingerprint(seeds: Path | None) -> str:
    """Names and contents of the seed texts the data are checked against."""
    digest = hashlib.sha256()
    if seeds is not None and seeds.is_dir():
        for path in sorted(p for p in seeds.iterdir() if p.is_file()):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


default_dir = settings.cache_dir  # KOORDINERINGSBASEN_CACHE, see settings.py


def file_key(kind: str, raw: bytes) -> str:
    return hashlib.sha256(kind.encode() + b"\0" + raw).hexdigest()


class Memory(dict[str, dict[str, Any]]):
    """Entries decoded in this process, by fingerprint and key, for the loads that share it:
    `mkdocs serve` rebuilds in one process, and its build object keeps one (build_state), so
    after the first build only changed files are unpickled or read. Only the newest
    fingerprint's entries are kept."""

    def entries(self, fingerprint: str) -> dict[str, Any]:
        for stale in [f for f in self if f != fingerprint]:
            del self[stale]
        return self.setdefault(fingerprint, {})


DERIVED = "derived:"  # key prefix of results that depend on more than one file


class DataCache:
    """One data folder's pack: read once, looked up per file, written back when it changed."""

    def __init__(self, directory: Path, data_dir: Path, seeds: Path | None,
                 memory: Memory | None = None):
        self.fingerprint = hashlib.sha256(
            (code_fingerprint() + seeds_fingerprint(seeds)).encode()).hexdigest()
        name = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
        self.path = directory / f"data-{name}.pickle"
        self.hits = self.misses = self.discarded = 0
        self._blobs = self._read_pack()
        self._memory = (memory if memory is not None else Memory()).entries(self.fingerprint)
        self._used: set[str] = set()
        self._fresh: set[str] = set()  # checked in this load: not in the pack yet

    def _read_pack(self) -> dict[str, tuple[str, bytes]]:
        try:
            raw = self.path.read_bytes()
        except OSError:
            return {}
        try:
            if raw[:8] != MAGIC or raw[8:72].decode() != self.fingerprint:
                raise ValueError("another format or fingerprint")
        except Exception:  # noqa: BLE001 - a foreign or stale pack: normal, quietly replaced
            self.discarded += 1
            return {}
        try:
            blobs = pickle.loads(raw[72:])
            if not isinstance(blobs, dict):
                raise ValueError("not a pack")
            return blobs
        except Exception as exc:  # noqa: BLE001 - any damage means: ignore the whole pack
            self.discarded += 1
            print(f"Bemærk: datacachen {self.path} var beskadiget ({type(exc).__name__}) og er "
                  "kasseret; alle filer tjekkes igen.", file=sys.stderr)
            return {}

    def get_entry(self, key: str) -> Entry | None:
        """The entry for a file's `file_key`, or None (then check the file and `put_entry` it)."""
        return self._lookup(key, Entry)

    def get_derived(self, key: str) -> tuple[Any, ...] | None:
        """A result stored with `put_derived` under `key` (which names all it depends on)."""
        return self._lookup(DERIVED + key, tuple)

    def _lookup(self, key: str, expected: type) -> Any:
        entry = self._memory.get(key)
        if entry is None and key in self._blobs:
            entry = self._decode(key, expected)
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used.add(key)
        return entry

    def _decode(self, key: str, expected: type) -> Any:
        try:
            if not self._intact(key):
                raise ValueError("checksum mismatch")
            entry = pickle.loads(self._blobs[key][1])
            if not isinstance(entry, expected):
                raise ValueError("not an entry")
        except Exception:  # noqa: BLE001 - a damaged entry is discarded, never used
            if not self.discarded:
                print(f"Bemærk: en post i datacachen {self.path} var beskadiget og er kasseret; "
                      "filen tjekkes igen.", file=sys.stderr)
            self.discarded += 1
            self._blobs.pop(key, None)
            return None
        self._memory[key] = entry
        return entry

    def _intact(self, key: str) -> bool:
        stored = self._blobs.get(key)
        return (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[1], bytes)
                and hashlib.sha256(stored[1]).hexdigest() == stored[0])

    def put_entry(self, key: str, entry: Entry) -> None:
        self._store(key, entry)

    def put_derived(self, key: str, value: tuple[Any, ...]) -> None:
        self._store(DERIVED + key, value)

    def _store(self, key: str, value: Any) -> None:
        self._memory[key] = value
        self._used.add(key)
        self._fresh.add(key)

    def save(self) -> None:
        """Write the entries used by this load (dropping the rest), atomically; never raises."""
        if not self._fresh and not self.discarded and self._used == set(self._blobs):
            return
        blobs: dict[str, tuple[str, bytes]] = {}
        for key in sorted(self._used):
            if key in self._fresh or not self._intact(key):
                blob = pickle.dumps(self._memory[key], protocol=pickle.HIGHEST_PROTOCOL)
                blobs[key] = (hashlib.sha256(blob).hexdigest(), blob)
            else:
                blobs[key] = self._blobs[key]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            body = MAGIC + self.fingerprint.encode() + pickle.dumps(blobs, pickle.HIGHEST_PROTOCOL)
            with tempfile.NamedTemporaryFile(dir=self.path.parent, delete=False,
                                             suffix=".tmp") as handle:
                handle.write(body)
            os.replace(handle.name, self.path)
            self._blobs, self._fresh, self.discarded = blobs, set(), 0
            _prune(self.path.parent)
        except OSError:
            pass  # a cache that cannot be written only costs time


def _prune(directory: Path) -> None:
    packs = sorted(directory.glob("data-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in packs[KEEP_PACKS:]:
        old.unlink(missing_ok=True)
    for stale in directory.glob("*.tmp"):
        if time.time() - stale.stat().st_mtime > 600:  # left by a killed process
            stale.unlink(missing_ok=True)
