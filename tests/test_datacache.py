"""The data cache: only changed files are read again, and a cache that cannot be trusted is not.

`read_yaml` is counted to see which files the loader really parsed. The in-process memory layer
is cleared before each load so that every load goes through the cache file on disk.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from koordineringsbasen import settings
from koordineringsbasen.load import datacache, loader
from koordineringsbasen.load.problems import DataError
from tests.support import FIXTURE_SEEDS

ENTITY_FILES = 9  # the fixture's entity files (the glossary is read every time)


def _record_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str,
                  label: Callable[..., str]) -> list[str]:
    """Wrap `owner.name` so that every call is recorded as `label(*args)`; the record."""
    seen: list[str] = []
    real = getattr(owner, name)

    def recording(*args: Any) -> Any:
        seen.append(label(*args))
        return real(*args)

    monkeypatch.setattr(owner, name, recording)
    return seen


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the loader really parsed."""
    return _record_calls(monkeypatch, loader, "read_yaml", lambda path, rel, *_: rel)


def load(data: Path, cache: Path):  # type: ignore[no-untyped-def]
    return loader.load_catalog(data, FIXTURE_SEEDS, cache_dir=cache)


def entity_reads(reads: list[str]) -> list[str]:
    return [r for r in reads if not r.endswith("ordliste.yml")]


def test_a_warm_load_reads_no_file_and_gives_the_same_catalog(
    fixture_data: Path, tmp_path: Path, reads: list[str]
) -> None:
    cold = load(fixture_data, tmp_path)
    assert len(entity_reads(reads)) == ENTITY_FILES
    reads.clear()
    warm = load(fixture_data, tmp_path)
    assert entity_reads(reads) == []
    assert warm.entities == cold.entities and warm.backlinks == cold.backlinks
    assert warm.citations == cold.citations and warm.files == cold.files
    assert warm == loader.load_catalog(fixture_data, FIXTURE_SEEDS)


def test_only_a_changed_file_is_read_again(fixture_data: Path, tmp_path: Path,
                                           reads: list[str]) -> None:
    load(fixture_data, tmp_path)
    path = fixture_data / "tilbud" / "testtilbud.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("pladser: 12", "pladser: 14"),
                    encoding="utf-8")
    reads.clear()
    catalog = load(fixture_data, tmp_path)
    assert entity_reads(reads) == ["data/tilbud/testtilbud.yml"]
    assert catalog.get("tilbud", "testtilbud").kapacitet[-1].pladser == 14


def test_a_changed_model_fingerprint_discards_the_cache(
    fixture_data: Path, tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load(fixture_data, tmp_path)
    monkeypatch.setattr(datacache, "code_fingerprint", lambda: "another model")
    reads.clear()
    load(fixture_data, tmp_path)
    assert len(entity_reads(reads)) == ENTITY_FILES


def test_changed_seed_texts_discard_the_cache(fixture_data: Path, tmp_path: Path,
                                              reads: list[str]) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for seed in FIXTURE_SEEDS.iterdir():
        (seeds / seed.name).write_bytes(seed.read_bytes())
    loader.load_catalog(fixture_data, seeds, cache_dir=tmp_path / "cache")
    seed = next(seeds.iterdir())
    seed.write_bytes(seed.read_bytes() + b"en linje mere\n")
    reads.clear()
    loader.load_catalog(fixture_data, seeds, cache_dir=tmp_path / "cache")
    assert len(entity_reads(reads)) == ENTITY_FILES


def test_a_corrupt_entry_is_discarded_and_its_file_read_again(
    fixture_data: Path, tmp_path: Path, reads: list[str]
) -> None:
    expected = load(fixture_data, tmp_path)
    pack = next(tmp_path.glob("data-*.pickle"))
    raw = pack.read_bytes()
    blobs = pickle.loads(raw[72:])
    key = datacache.file_key("tilbud", (fixture_data / "tilbud" / "testtilbud.yml").read_bytes())
    checksum, blob = blobs[key]
    blobs[key] = (checksum, blob.replace(b"Testtilbuddet", b"Falsktilbudet"))
    pack.write_bytes(raw[:72] + pickle.dumps(blobs))
    reads.clear()
    catalog = load(fixture_data, tmp_path)
    assert entity_reads(reads) == ["data/tilbud/testtilbud.yml"]
    assert catalog == expected
    reads.clear()
    load(fixture_data, tmp_path)  # the entry was written again, intact
    assert entity_reads(reads) == []


@pytest.mark.parametrize("damage", [b"", b"not a cache", b"KBCACHE1" + b"0" * 64 + b"\x80junk"])
def test_a_damaged_cache_file_is_ignored(fixture_data: Path, tmp_path: Path, reads: list[str],
                                         damage: bytes) -> None:
    expected = load(fixture_data, tmp_path)
    pack = next(tmp_path.glob("data-*.pickle"))
    pack.write_bytes(damage)
    reads.clear()
    assert load(fixture_data, tmp_path) == expected
    assert len(entity_reads(reads)) == ENTITY_FILES


def test_a_deleted_file_is_gone_from_catalog_and_cache(fixture_data: Path, tmp_path: Path) -> None:
    load(fixture_data, tmp_path)
    gone = fixture_data / "maalgrupper" / "reg-undergruppe.yml"
    key = datacache.file_key("maalgrupper", gone.read_bytes())
    gone.unlink()
    catalog = load(fixture_data, tmp_path)
    assert "reg-undergruppe" not in catalog.entities["maalgrupper"]
    blobs = pickle.loads(next(tmp_path.glob("data-*.pickle")).read_bytes()[72:])
    files = [k for k in blobs if not k.startswith(datacache.DERIVED)]
    assert key not in files and len(files) == ENTITY_FILES - 1


def test_problems_are_reported_exactly_as_without_the_cache(fixture_data: Path,
                                                            tmp_path: Path) -> None:
    load(fixture_data, tmp_path)  # every file cached while valid
    # Deleting a referenced file makes unchanged, cached files point at an unknown id.
    (fixture_data / "kilder" / "testrapport-2025.yml").unlink()
    with pytest.raises(DataError) as uncached:
        loader.load_catalog(fixture_data, FIXTURE_SEEDS)
    with pytest.raises(DataError) as cached:
        load(fixture_data, tmp_path)
    assert cached.value.problems == uncached.value.problems
    assert any(p.path == "data/tilbud/testtilbud.yml" and p.line > 1
               for p in cached.value.problems)


def test_no_cache_directory_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOORDINERINGSBASEN_CACHE", "")
    assert datacache.default_dir() is None
    monkeypatch.delenv("KOORDINERINGSBASEN_CACHE")
    assert datacache.default_dir() == settings.ROOT / ".cache" / "koordineringsbasen"


@pytest.fixture
def cited_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids whose cited values the loader really checked (not taken from the cache)."""
    return _record_calls(monkeypatch, loader.cited_values, "check_entity",
                         lambda entity, *_: getattr(entity, "id", "ordliste"))


def test_cited_values_are_checked_again_only_when_the_file_or_a_cited_source_changed(
    fixture_data: Path, tmp_path: Path, cited_checks: list[str]
) -> None:
    load(fixture_data, tmp_path)
    assert "testtilbud" in cited_checks
    cited_checks.clear()
    load(fixture_data, tmp_path)
    assert cited_checks == ["ordliste"]  # the glossary is read and checked every time
    # The date of the meeting a cited report is part of decides which dates are exempt: an
    # unchanged file citing that report is checked again.
    meeting = fixture_data / "kilder" / "testmoede-2025-01-01.yml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "dato: 2025-01-01", "dato: 2025-01-02"), encoding="utf-8")
    cited_checks.clear()
    try:
        load(fixture_data, tmp_path)
    except DataError:
        pass  # whether the data stay valid does not matter here, only what was checked
    assert {"testtilbud", "testmoede-2025-01-01"} <= set(cited_checks)


@pytest.fixture
def link_checks_run(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The citations whose lines and agenda item the loader really checked (by source id)."""
    return _record_calls(monkeypatch, loader.link_checks, "check_citation",
                         lambda cite, *_: cite.reference.kilde)


def test_link_checks_are_reused_only_while_nothing_they_read_changed(
    fixture_data: Path, tmp_path: Path, link_checks_run: list[str]
) -> None:
    catalog = load(fixture_data, tmp_path)
    checked_cold = len(link_checks_run)
    # A cold load checks each citation of every entity (and of the glossary) once.
    cited = [source for source, facts in catalog.citations.items() for _ in facts]
    cited += [entry.kilde.kilde for entry in catalog.glossary if entry.kilde is not None]
    assert cited and sorted(link_checks_run) == sorted(cited)
    link_checks_run.clear()
    load(fixture_data, tmp_path)
    warm = len(link_checks_run)  # only the glossary's citations: it is not cached
    assert warm < checked_cold
    # A figure edited: only that file's links are checked again.
    offer = fixture_data / "tilbud" / "testtilbud.yml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("pladser: 12", "pladser: 14"),
                     encoding="utf-8")
    link_checks_run.clear()
    load(fixture_data, tmp_path)
    assert warm < len(link_checks_run) < checked_cold
    # A source's span shrunk: every citation is checked again, and the ones now outside it
    # are reported exactly as a load without the cache reports them.
    report = fixture_data / "kilder" / "testrapport-2025.yml"
    report.write_text(report.read_text(encoding="utf-8").replace("linjer: 100-150",
                                                                 "linjer: 100-109"),
                      encoding="utf-8")
    link_checks_run.clear()
    with pytest.raises(DataError) as cached:
        load(fixture_data, tmp_path)
    assert len(link_checks_run) == checked_cold
    with pytest.raises(DataError) as uncached:
        loader.load_catalog(fixture_data, FIXTURE_SEEDS)
    assert cached.value.problems == uncached.value.problems
    assert any(p.path == "data/tilbud/testtilbud.yml" and "uden for kilden" in p.message
               for p in cached.value.problems)
