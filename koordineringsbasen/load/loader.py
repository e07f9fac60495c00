"""Load every data file, validate it, resolve every reference, and build the catalog.

All problems are collected and reported together; nothing is returned unless the data are
entirely valid.
"""

from __future__ import annotations

import gc
import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..catalog import KINDS, Catalog, Key, build_catalog
from ..model import ENTITY_MODELS, Glossary, Source
from ..model.common import PathKey, Strict
from ..model.references import Citation, IdRef, walk
from ..settings import seeds_dir
from ..texts.seedtext import SeedTexts
from .checks import agenda_decisions, cited_values, consistency, personal_data
from .checks import links as link_checks
from .checks import sources as source_checks
from .checks.validation import validate_document
from .datacache import DataCache, Entry, Memory, file_key
from .problems import DataError, Problem
from .record import LoadedFile
from .yamlsource import MAX_BYTES, YamlDocument, YamlProblem, read_yaml

GLOSSARY_FILE = "ordliste.yml"
default_seeds_dir = seeds_dir  # the name the rest of the code and the tests use


def _relative(path: Path, base: Path) -> str:
    """`path` relative to `base` (the resolved parent of the data folder)."""
    try:
        # Resolve the folder, not the file: a symlinked file is shown by its own name.
        return (_resolved(path.parent) / path.name).relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=64)
def _resolved(folder: Path) -> Path:
    return folder.resolve()


def _read(path: Path, rel: str, problems: list[Problem]) -> YamlDocument | None:
    try:
        return read_yaml(path, rel)
    except YamlProblem as exc:
        problems.append(exc.problem)
        return None


def _check_file(kind: str, file: os.DirEntry[str], rel: str, problems: list[Problem],
                cache: DataCache | None) -> LoadedFile | None:
    """One file on its own: parse, validate, find links and file-local problems (cached)."""
    raw = key = None
    if cache is not None and file.stat(follow_symlinks=False).st_size <= MAX_BYTES:
        with open(file.path, "rb") as handle:  # a file too large is left to read_yaml
            raw = handle.read()
        key = file_key(kind, raw)
        entry = cache.get_entry(key)
        if entry is not None:
            # Positions come from the text, computed only if a cross-file check needs one.
            doc = YamlDocument(None, raw.decode("utf-8"), rel)
            return LoadedFile(entry.entity, rel, doc, links=entry.links, local=entry.local,
                           cache_key=key)
    path = Path(file.path)
    try:
        doc = read_yaml(path, rel, raw)
    except YamlProblem as exc:
        problems.append(exc.problem)
        return None
    entity, errors = validate_document(ENTITY_MODELS[kind], doc, rel)
    problems.extend(errors)
    if entity is None:
        return None
    links, local = tuple(walk(entity)), _local_findings(entity, doc.text)
    if cache is not None and key is not None:
        cache.put_entry(key, Entry(entity, links, local))
    return LoadedFile(entity, rel, doc, links=links, local=local, cache_key=key)


def _load_kind(kind: str, folder: Path, data_dir: Path, problems: list[Problem],
               invalid_ids: set[str], cache: DataCache | None) -> dict[str, LoadedFile]:
    loaded: dict[str, LoadedFile] = {}
    base = data_dir.resolve().parent
    folder_rel = _relative(folder, base)
    with os.scandir(folder) as listing:  # directory entries know their type: no stat each
        entries = sorted(listing, key=lambda e: e.name)
    for dir_entry in entries:
        name = dir_entry.name
        rel = f"{folder_rel}/{name}"  # as _relative(path, base): the file is not resolved
        if dir_entry.is_symlink() or not dir_entry.is_file(follow_symlinks=False):
            # A link could point anywhere on the machine; a folder or pipe is no data file.
            problems.append(Problem(rel, 1, 1, "", f"kun almindelige .yml-filer hører hjemme i "
                                                   f"{kind}/ (ikke mapper eller links)"))
            continue
        stem, dot, suffix = name.rpartition(".")
        if not dot or not stem or suffix not in ("yml", "yaml"):  # as Path.suffix
            problems.append(Problem(rel, 1, 1, "", "kun .yml-filer hører hjemme i data/"))
            continue
        item = _check_file(kind, dir_entry, rel, problems, cache)
        if item is None:
            # Known but invalid (reported already): references to it are not news.
            invalid_ids.add(stem)
            continue
        entity_id = item.entity.id  # type: ignore[attr-defined]
        if entity_id != stem:
            problems.append(item.problem(("id",), f"id '{entity_id}' skal være lig filnavnet "
                                                   f"'{stem}'"))
        if entity_id in loaded:
            problems.append(item.problem(("id",), f"id '{entity_id}' findes også i "
                                                   f"{loaded[entity_id].rel}"))
            continue
        loaded[entity_id] = item
    return loaded


def _local_findings(entity: BaseModel, text: str) -> tuple[tuple[PathKey, str], ...]:
    """Problems one file (YAML `text`) has on its own: duplicate rows, personal data, agenda
    items' decisions and follow-ups."""
    return (*_unique_findings(entity), *personal_data.scan(entity, text),
            *agenda_decisions.findings(entity))


def _unique_findings(entity: Any) -> list[tuple[PathKey, str]]:
    """Rows whose model says they are unique (`unique_rows`: one value per year and ydelse,
    one rating per round, each link once) appear once per identity (`row_key`)."""
    problems: list[tuple[PathKey, str]] = []
    for name, rows in entity:
        if not (isinstance(rows, list) and rows and isinstance(rows[0], Strict)
                and rows[0].unique_rows):
            continue
        key = rows[0].row_key
        seen: dict[tuple[Any, ...], int] = {}
        for index, row in enumerate(rows):
            value = tuple(getattr(row, k) for k in key)
            if value in seen:
                problems.append(((name, index), f"samme {'/'.join(key)} som "
                                 f"{name}[{seen[value]}]; skriv en anden kilde som "
                                 f"uenighed i 'uenigheder'"))
            seen.setdefault(value, index)
    return problems


def _check_cited_values(item: LoadedFile, found: list[IdRef | Citation], sources: dict[str, Source],
                        source_keys: dict[str, str], texts: SeedTexts, cache: DataCache | None
                        ) -> tuple[tuple[PathKey, str], ...]:
    """Cited numbers and dates, and a source's public addresses, against the seed text.

    Cached by the file's bytes and what the check reads of the cited sources (the seed texts
    are in the cache's fingerprint)."""
    citations = [c for c in found if isinstance(c, Citation)]
    key = None
    if cache is not None and item.cache_key is not None:
        depends = cited_values.dependencies(citations, source_keys)
        key = hashlib.sha256(f"cited\0{item.cache_key}\0{depends}".encode()).hexdigest()
        cached = cache.get_derived(key)
        if cached is not None:
            return cached
    problems = cited_values.check_entity(item.entity, citations, sources, texts)
    if isinstance(item.entity, Source):
        problems.extend(cited_values.check_source(item.entity, texts))
    if key is not None and cache is not None:
        cache.put_derived(key, tuple(problems))
    return tuple(problems)


def _load_glossary(data_dir: Path, problems: list[Problem]) -> tuple[Any, LoadedFile | None]:
    path = data_dir / GLOSSARY_FILE
    if not path.exists() and not path.is_symlink():
        return (), None
    rel = _relative(path, data_dir.resolve().parent)
    if path.is_symlink() or not path.is_file():
        problems.append(Problem(rel, 1, 1, "", "ordlisten skal være en almindelig fil"))
        return (), None
    doc = _read(path, rel, problems)
    if doc is None:
        return (), None
    glossary, errors = validate_document(Glossary, doc, rel)
    problems.extend(errors)
    if glossary is None:
        return (), None
    item = LoadedFile(glossary, rel, doc, prefix=("root",), links=tuple(walk(glossary)),
                   local=_local_findings(glossary, doc.text))
    seen: dict[str, int] = {}
    for index, entry in enumerate(glossary.root):  # type: ignore[attr-defined]
        field = "forkortelse" if entry.forkortelse else "begreb"
        if entry.ord in seen:
            problems.append(item.problem(("root", index, field), f"'{entry.ord}'"
                                         f" står allerede som nr. {seen[entry.ord] + 1}"))
        seen.setdefault(entry.ord, index)
    return tuple(glossary.root), item  # type: ignore[attr-defined]


def load_catalog(data_dir: Path, seeds_dir: Path | None = None,
                 cache_dir: Path | None = None, texts: SeedTexts | None = None,
                 memory: Memory | None = None) -> Catalog:
    """Load, validate and cross-check `data_dir`; raise DataError listing every problem.

    The data are checked against the seed texts through `texts`, the build's one reader of them
    (its pages quote the same), else through a reader of `seeds_dir` (default: the setting).

    With `cache_dir`, files whose bytes were checked before (under the same code and seeds) are
    taken from the data cache (and from `memory`, when the caller keeps one across loads); the reference and line-range checks run over everything, a file's
    findings reused only while nothing they read changed (link_checks). With
    `texts=SeedTexts(None)` the data are not checked against the source texts (`diff` compares
    data, not citations).
    """
    # Loading builds 100,000s of small objects that all stay alive: the cyclic garbage
    # collector would only walk them again and again (a fifth of a warm load).
    enabled = gc.isenabled()
    gc.disable()
    try:
        if texts is None:
            seeds = seeds_dir if seeds_dir is not None else default_seeds_dir()
            texts = SeedTexts(seeds if seeds.is_dir() else None)
        return _load_catalog(data_dir, texts, cache_dir, memory)
    finally:
        if enabled:
            gc.enable()


def _load_catalog(data_dir: Path, texts: SeedTexts, cache_dir: Path | None,
                  memory: Memory | None) -> Catalog:
    seeds = texts.folder
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise DataError([Problem(str(data_dir), 1, 1, "", "mappen findes ikke")])
    data_rel = _relative(data_dir / "x", data_dir.resolve().parent).rpartition("/")[0]
    for path in sorted(data_dir.iterdir()):
        if path.is_dir() and path.name not in KINDS:
            problems.append(Problem(_relative(path, data_dir.resolve().parent), 1, 1, "",
                                    f"ukendt mappe; brug en af: {', '.join(KINDS)}"))
    problems.extend(consistency.stray_root_files(data_dir, {GLOSSARY_FILE}, data_rel))
    invalid: dict[str, set[str]] = {kind: set() for kind in KINDS}
    cache = DataCache(cache_dir, data_dir, seeds, memory) if cache_dir is not None else None
    loaded = {kind: (_load_kind(kind, data_dir / kind, data_dir, problems, invalid[kind], cache)
                     if (data_dir / kind).is_dir() else {}) for kind in KINDS}
    problems.extend(consistency.empty_kinds(loaded, invalid, data_rel))
    problems.extend(consistency.check(loaded))
    glossary, glossary_item = _load_glossary(data_dir, problems)
    everything = [((kind, key), item) for kind in KINDS for key, item in loaded[kind].items()]
    if glossary_item is not None:
        everything.append((("ordliste", ""), glossary_item))
    sources: dict[str, Source] = {k: v.entity for k, v in loaded["kilder"].items()}  # type: ignore[misc]
    links: dict[Key, list[IdRef | Citation]] = {}
    links_against = link_checks.link_context(
        loaded, invalid, source_checks.citation_context(loaded["kilder"], texts))
    source_keys = cited_values.source_keys(sources)
    for key, item in everything:
        # Walked once (or cached): the same links are checked here and indexed by the catalog.
        links[key] = list(item.links)
        found = (*link_checks.check_links(item, links_against, cache), *item.local)
        if seeds is not None:
            found += _check_cited_values(item, links[key], sources, source_keys, texts, cache)
        problems.extend(item.problem(path, message) for path, message in found)
    if cache is not None:
        cache.save()  # valid files are worth keeping even when another file has a problem
    problems.extend(source_checks.check_source_spans(loaded["kilder"], texts))
    if problems:
        raise DataError(problems)
    entities = {kind: {k: v.entity for k, v in loaded[kind].items()} for kind in KINDS}
    files: dict[Key, str] = {(kind, k): v.rel for kind in KINDS for k, v in loaded[kind].items()}
    return build_catalog(entities, files, glossary, links)
