"""The data's change history, read from git: which commit changed which data file, and how.

One `git log --raw -M` over the data folder lists every commit with the files it touched and
their blob ids before and after (renames followed); the versions not yet known are read with
one `git cat-file --batch`. Each version is validated on its own (no cross-file checks: an old
version need not fit today's other files) and kept in a cache by blob id, so a build reads
only the versions added since the last one. Without the history (no git, a shallow clone, a
tarball) there is none: `read_history` gives None and the pages say so.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..catalog import Catalog
from ..load.datacache import code_fingerprint
from ..load.yamlsource import YamlProblem, read_yaml
from ..model import ENTITY_MODELS
from ..render.changes import Change, entity_changes
from ..render.history import Commit, History, Revision

ZERO = "0" * 40
LOG_FORMAT = "%x00%H%x09%cI"
GIT_TIMEOUT = 60
UNREADABLE = Change("oplysningerne blev ændret (den ældre udgave kan ikke vises i detaljer)")


@dataclass(frozen=True)
class FileChange:
    """One file in one commit, as `git log --raw` gives it."""

    status: str  # A, M, D or R (renamed, maybe changed)
    old_path: str | None
    new_path: str | None
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class LogEntry:
    commit: str
    date: str
    files: tuple[FileChange, ...]


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=repo,
                              input=stdin, capture_output=True, check=True,
                              timeout=GIT_TIMEOUT).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def read_log(repo: Path, folder: str) -> list[LogEntry] | None:
    """Every commit touching `folder` (relative to `repo`), newest first, with its files'
    paths relative to `repo`; None without a full history (no git, a shallow clone)."""
    shallow = _git(repo, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != b"false":
        return None
    output = _git(repo, "log", "--raw", "-M", "--no-abbrev", "--relative", "--no-color",
                  f"--format={LOG_FORMAT}", "--", folder)
    if output is None:
        return None
    entries = []
    for block in output.decode("utf-8", "replace").split("\x00")[1:]:
        lines = block.splitlines()
        commit, date = lines[0].split("\t", 1)
        files = [_file_change(line) for line in lines[1:] if line.startswith(":")]
        entries.append(LogEntry(commit, date, tuple(f for f in files if f is not None)))
    return entries


def _file_change(line: str) -> FileChange | None:
    # ":100644 100644 <old> <new> M\tpath" or "... R093\told\tnew"
    meta, *paths = line.split("\t")
    _, _, old_blob, new_blob, status = meta.split(" ")
    letter = status[:1]
    old = None if old_blob == ZERO else old_blob
    new = None if new_blob == ZERO else new_blob
    if letter == "R" and len(paths) == 2:
        return FileChange("R", paths[0], paths[1], old, new)
    if letter in "AMT" and paths:
        return FileChange("A" if letter == "A" else "M", paths[0] if old else None, paths[0],
                          old, new)
    if letter == "D" and paths:
        return FileChange("D", paths[0], None, old, None)
    return None


def read_blobs(repo: Path, blobs: list[str]) -> dict[str, bytes]:
    """The contents of `blobs`, read by one `git cat-file --batch`."""
    if not blobs:
        return {}
    output = _git(repo, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in blobs).encode())
    found: dict[str, bytes] = {}
    position = 0
    while output is not None and position < len(output):
        end = output.index(b"\n", position)
        header = output[position:end].split(b" ")
        position = end + 1
        if len(header) != 3:  # "<blob> missing"
            continue
        size = int(header[2])
        found[header[0].decode()] = output[position:position + size]
        position += size + 1
    return found


def git_blob_id(raw: bytes) -> str:
    """The id git gives a file with these bytes."""
    return hashlib.sha1(b"blob %d\x00" % len(raw) + raw, usedforsecurity=False).hexdigest()


def kind_of(path: str, folder: str) -> str | None:
    """'data/tilbud/x.yml' -> 'tilbud' (None: no entity file)."""
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == folder and parts[1] in ENTITY_MODELS:
        return parts[1]
    return None


def parse_version(kind: str, raw: bytes, rel: str) -> Any | None:
    """One version of an entity file, validated on its own; None when it does not fit."""
    try:
        data = read_yaml(Path(rel), rel, raw).data
    except YamlProblem:  # refused characters and the like: read it as plain YAML
        try:
            data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            return None
    return _lenient(ENTITY_MODELS[kind], data)


LENIENT_ROUNDS = 25  # fields dropped one error round at a time, at most this often


def _lenient(model: Any, data: Any) -> Any | None:
    """`data` validated by `model`, leaving out what today's model refuses: an old version
    written before a field changed shape (a decision that was plain text, say) still shows
    its other values, and the reshaped field reads as new. None when nothing is left to drop."""
    for _ in range(LENIENT_ROUNDS):
        try:
            return model.model_validate(data)
        except ValidationError as error:
            # Deepest paths first, so dropping one does not move another's list index.
            paths = sorted({tuple(e["loc"]) for e in error.errors()}, key=len, reverse=True)
            if not any(_drop(data, path) for path in paths):
                return None
    return None


def _drop(data: Any, path: tuple[Any, ...]) -> bool:
    """Remove the value at `path` (or, for a required field missing there, the row holding
    it) from `data`; False when the path leads nowhere (a whole-file rule has none)."""
    if not path:
        return False
    *parents, last = path
    holder = data
    trail: list[tuple[Any, Any]] = []
    for step in parents:
        if isinstance(holder, dict) and step in holder:
            trail.append((holder, step))
            holder = holder[step]
        elif isinstance(holder, list) and isinstance(step, int) and step < len(holder):
            trail.append((holder, step))
            holder = holder[step]
        else:
            return False
    if isinstance(holder, dict) and last in holder:
        del holder[last]
        return True
    if isinstance(holder, list) and isinstance(last, int) and last < len(holder):
        del holder[last]
        return True
    if trail:  # a required field is missing: drop the row (or block) that lacks it
        container, key = trail[-1]
        del container[key]
        return True
    return False


@dataclass
class VersionMemory:
    """What this process has read of the history (the build object keeps one: `mkdocs
    serve`): the worded changes and names by blob, and the validated versions."""

    words: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, Any] | None = None  # read from disk only when a version is needed


class _Store:
    """One pickled dict in the cache folder, bound to the loading code's fingerprint."""

    def __init__(self, directory: Path | None, name: str):
        fingerprint = code_fingerprint()[:16]
        self.path = directory / f"history-{name}-{fingerprint}.pickle" if directory else None
        self.fresh = False

    def read(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            stored = pickle.loads(self.path.read_bytes())
            return stored if isinstance(stored, dict) else {}
        except Exception:  # noqa: BLE001 - a missing or damaged cache: read git again
            return {}

    def write(self, values: dict[str, Any]) -> None:
        if not self.fresh or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for stale in self.path.parent.glob(self.path.name.rsplit("-", 1)[0] + "-*.pickle"):
                if stale != self.path:  # another code version's
                    stale.unlink(missing_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.path.parent, delete=False,
                                             suffix=".tmp") as handle:
                handle.write(pickle.dumps(values, pickle.HIGHEST_PROTOCOL))
            os.replace(handle.name, self.path)
            self.fresh = False
        except OSError:
            pass  # a cache that cannot be written only costs time


class VersionCache:
    """The history's cache: the changes between two versions in words and each version's
    name, by blob ids (small: read by every build), and the validated versions themselves
    (read only when a commit not seen before needs them). Kept on disk between builds and
    in memory between the rebuilds of one process."""

    def __init__(self, directory: Path | None, memory: VersionMemory | None = None):
        self.memory = memory if memory is not None else VersionMemory()
        self._words, self._versions = _Store(directory, "words"), _Store(directory, "versions")
        if not self.memory.words:
            self.memory.words.update(self._words.read())

    @property
    def words(self) -> dict[str, Any]:
        return self.memory.words

    def put_words(self, key: str, value: Any) -> None:
        self.memory.words[key] = value
        self._words.fresh = True

    @property
    def versions(self) -> dict[str, Any]:
        if self.memory.versions is None:
            self.memory.versions = self._versions.read()
        return self.memory.versions

    def put_version(self, key: str, value: Any) -> None:
        self.versions[key] = value
        self._versions.fresh = True

    def save(self) -> None:
        self._words.write(self.memory.words)
        if self.memory.versions is not None:
            self._versions.write(self.memory.versions)


def _versions(repo: Path, wanted: dict[str, tuple[str, str, str]], catalog: Catalog,
              cache: VersionCache) -> dict[str, Any]:
    """(kind:blob) key -> validated model (or None) for each version `wanted` (key -> kind,
    blob, path)."""
    found = {key: cache.versions[key] for key in wanted if key in cache.versions}
    if len(found) < len(wanted):
        # Today's versions are the catalog's own entities: no need to read them again.
        for (kind, entity_id), rel in catalog.files.items():
            key = f"{kind}:{_blob_of(repo / rel)}"
            if key in wanted and key not in found:
                found[key] = catalog.get(kind, entity_id)
                cache.put_version(key, found[key])
    missing = [key for key in wanted if key not in found]
    raws = read_blobs(repo, [wanted[key][1] for key in missing])
    for key in missing:
        kind, blob, path = wanted[key]
        raw = raws.get(blob)
        found[key] = parse_version(kind, raw, path) if raw is not None else None
        cache.put_version(key, found[key])
    return found


def _blob_of(path: Path) -> str:
    try:
        return git_blob_id(path.read_bytes())
    except OSError:
        return ""


def _current_paths(log: list[LogEntry]) -> dict[tuple[str, str], str]:
    """(commit, path then) -> the path the file has today, following renames backwards."""
    today: dict[str, str] = {}  # a path in the past -> its path today
    paths: dict[tuple[str, str], str] = {}
    for entry in log:  # newest first
        for change in entry.files:
            if change.status == "R" and change.old_path and change.new_path:
                now = today.get(change.new_path, change.new_path)
                today[change.old_path] = now
                paths[(entry.commit, change.new_path)] = now
            else:
                path = change.new_path or change.old_path or ""
                paths[(entry.commit, path)] = today.get(path, path)
    return paths


def _names_key(catalog: Catalog) -> str:
    """What the wording of a change reads from today's catalog: the names of linked entities."""
    names = sorted((kind, entity_id, getattr(entity, "navn", ""))
                   for kind, entities in catalog.entities.items()
                   for entity_id, entity in entities.items())
    return hashlib.sha256(repr(names).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class _Version:
    kind: str
    blob: str
    path: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.blob}"


def _words(repo: Path, log: list[LogEntry], folder: str, catalog: Catalog,
           cache: VersionCache) -> dict[str, Any]:
    """Each version's name ("name:kind:blob") and the changes between the two versions of
    every modified file ("changes:names:old:new"), from the cache or worked out now."""
    names = _names_key(catalog)
    wanted: dict[str, tuple[_Version, ...]] = {}
    for entry in log:
        for change in entry.files:
            versions = tuple(_Version(kind, blob, path or "") for path, blob in (
                (change.old_path, change.old_blob), (change.new_path, change.new_blob))
                if blob and (kind := kind_of(path or "", folder)))
            for version in versions:
                wanted[f"name:{version.key}"] = (version,)
            if change.status in ("M", "R") and len(versions) == 2:
                wanted[f"changes:{names}:{versions[0].key}:{versions[1].blob}"] = versions
    words = {key: cache.words[key] for key in wanted if key in cache.words}
    missing = [key for key in wanted if key not in words]
    if not missing:
        return words
    needed = {v.key: (v.kind, v.blob, v.path) for key in missing for v in wanted[key]}
    models = _versions(repo, needed, catalog, cache)
    for key in missing:
        first, *other = [models.get(v.key) for v in wanted[key]]
        second = other[0] if other else None
        if key.startswith("name:"):
            value: Any = getattr(first, "navn", "") or ""
        elif first is None or second is None or type(first) is not type(second):
            value = (UNREADABLE,)
        else:
            value = tuple(c for c in entity_changes(first, second, catalog)
                          if not c.text.startswith("id "))  # the id is the address: renamed
        words[key] = value
        cache.put_words(key, value)
    return words


def build_history(repo: Path, log: list[LogEntry], folder: str, catalog: Catalog,
                  cache: VersionCache) -> History:
    """Every commit's revisions, worded against today's catalog (names of linked entities)."""
    words = _words(repo, log, folder, catalog, cache)
    names = _names_key(catalog)
    paths = _current_paths(log)
    seen: dict[str, dict[str, str]] = defaultdict(dict)  # path today -> blob -> first date
    last_blob: dict[str, str | None] = {}
    commits: list[Commit] = []
    for entry in reversed(log):  # oldest first: a version seen before is a revert
        revisions = []
        for change in entry.files:
            path = change.new_path or change.old_path or ""
            kind = kind_of(path, folder)
            if kind is None:
                continue
            today = paths[(entry.commit, path)]
            old_kind = kind_of(change.old_path or "", folder)
            name = (words.get(f"name:{kind}:{change.new_blob}")
                    or words.get(f"name:{old_kind}:{change.old_blob}") or "")
            changes = words.get(f"changes:{names}:{old_kind}:{change.old_blob}:{change.new_blob}",
                                ())
            revision = _revision(entry, change, today, name, changes, seen[today],
                                 last_blob.get(today))
            last_blob[today] = change.new_blob
            if change.new_blob:
                seen[today].setdefault(change.new_blob, entry.date)
            if revision is not None:
                revisions.append(revision)
        if revisions:
            commits.append(Commit(entry.commit, entry.date, tuple(revisions)))
    commits.reverse()
    by_file: dict[str, list[Revision]] = defaultdict(list)
    for commit in commits:
        for revision in commit.revisions:
            if not revision.removed:
                by_file[revision.path].append(revision)
    return History(tuple(commits), {path: tuple(items) for path, items in by_file.items()})


def _revision(entry: LogEntry, change: FileChange, today: str, name: str,
              changes: tuple[Change, ...], seen: dict[str, str],
              previous: str | None) -> Revision | None:
    if change.status == "A":
        return Revision(entry.commit, entry.date, today, (), added=True, name=name)
    if change.status == "D":
        return Revision(entry.commit, entry.date, today, (), removed=True, name=name)
    renamed = change.status == "R" and change.old_path != change.new_path
    if not changes and not renamed:
        return None  # only anchors, comments or layout changed: nothing a reader sees
    reverted = (seen.get(change.new_blob) if change.new_blob and change.new_blob != previous
                else None)
    return Revision(entry.commit, entry.date, today, changes, renamed=renamed,
                    reverted_to=reverted, name=name)


def read_history(data_dir: Path, catalog: Catalog, cache_dir: Path | None,
                 memory: VersionMemory | None = None) -> History | None:
    """The history of `data_dir` (None without git's full history)."""
    repo = data_dir.resolve().parent
    log = read_log(repo, data_dir.name)
    if log is None:
        return None
    cache = VersionCache(cache_dir, memory)
    history = build_history(repo, log, data_dir.name, catalog, cache)
    cache.save()
    return history
