"""Smoke test of the benchmark machinery at N = 30: structure and sanity, never timings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# bench/ is a top-level folder of the repo, not part of the installed package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.__main__ import run_size, table
from bench.anchor import anchor_config
from bench.generate import counts, generate
from bench.history import ROUNDS, history_scenario
from bench.measure import build_env
from bench.zensical import zensical_build
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.site import mkdocs_yml

N = 30


def test_counts_follow_the_shares() -> None:
    assert counts(1000) == {"kilder": 100, "organisationer": 150, "maalgrupper": 300,
                            "tilbud": 350, "reformer": 20, "udmeldinger": 80}
    assert sum(counts(N).values()) == N


def test_generated_data_is_valid_and_cross_linked(tmp_path: Path) -> None:
    generate(N, tmp_path / "data", tmp_path / "seeds")
    catalog = load_catalog(tmp_path / "data", tmp_path / "seeds")
    assert catalog.count() == N
    offers = catalog.all("tilbud")
    assert all(o.maalgrupper and o.driftsherre for o in offers)
    years = {row.aar for o in offers for row in o.kapacitet}
    assert years == set(range(2018, 2026))
    assert any(row.over_kapacitet for o in offers for row in o.kapacitet)
    assert all(len(g.risiko) >= 4 for g in catalog.all("maalgrupper"))
    assert any(s.punkter for s in catalog.all("kilder"))
    assert catalog.glossary
    text = " ".join(o.resume + o.navn for o in offers)
    assert any(ch in text for ch in "æøå")


def test_anchor_config_drops_the_glue(tmp_path: Path) -> None:
    config = anchor_config(tmp_path, {"CU": "Central udmelding"})
    assert "hooks" not in config and "watch" not in config
    assert mkdocs_yml.abbreviations(config) == {"CU": "Central udmelding"}
    assert not any(isinstance(p, dict) and "macros" in p for p in config["plugins"])
    assert config["docs_dir"] == str(tmp_path)
    assert config["theme"]["name"] == "material"
    # The project's address, as mkdocs.yml gives it (SITE_URL or its default), !ENV resolved.
    assert config["site_url"] == os.environ.get(
        "SITE_URL", "https://koordineringsbasen.github.io/koordineringsbasen/")


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench")


@pytest.fixture(scope="module")
def figures(work: Path) -> dict:
    return run_size(N, work)


@pytest.mark.build
def test_both_builds_produce_the_same_pages(figures: dict) -> None:
    a, b = figures["project"], figures["anchor"]
    assert a["entity_pages"] == b["entity_pages"] == N
    assert a["pages"] == b["pages"] == b["markdown_pages"]
    # The project searches with Pagefind; the anchor keeps Material's search index.
    assert a["search_index_bytes"] == 0 and b["search_index_bytes"] > 0
    assert b["largest_entity_page_bytes"] > 0
    # The project's pages carry its search box and hidden search block; the anchor, Material's.
    assert abs(a["largest_entity_page_bytes"] - b["largest_entity_page_bytes"]) < 16384
    assert a["site_bytes"] >= b["site_bytes"] > 0


@pytest.mark.build
def test_figures_are_sane(figures: dict) -> None:
    assert figures["entities"] == N
    assert figures["load_validate_seconds"] > 0
    for build in (figures["project"], figures["anchor"]):
        assert build["seconds"] > 0 and build["max_rss_mb"] > 10
    assert figures["ratio"] == pytest.approx(
        figures["project"]["seconds"] / figures["anchor"]["seconds"], rel=0.01)
    search = figures["search"]
    assert search["pagefind_index_seconds"] > 0 and search["pagefind_index_bytes"] > 0
    assert search["first_query_bytes"]["total"] > 0 and "pagefind" in search["first_query_bytes"]
    assert search["material_index_bytes"] > 0
    rendered = table([figures])
    assert rendered.splitlines()[1].split()[0] == str(N)


@pytest.mark.build
def test_zensical_builds_the_anchor_pages_alike(figures: dict, work: Path) -> None:
    pytest.importorskip("zensical", reason="only `make bench` installs Zensical")
    zensical = zensical_build(work / "anchor", work / "site-a", build_env(None, work / "seeds"))
    assert zensical["ok"], zensical.get("error")
    assert zensical["matches"], zensical["comparison"]
    assert zensical["seconds"] > 0


def test_history_scenario_reads_every_round(tmp_path: Path) -> None:
    generate(N, tmp_path / "data", tmp_path / "seeds")
    result = history_scenario(tmp_path / "data", tmp_path)
    offers = counts(N)["tilbud"]
    # The import, then per round a capacity figure of every tenth offer (a different tenth).
    edited = sum(len(range(r % 10, offers, 10)) for r in range(ROUNDS))
    assert result["commits"] == 1 + ROUNDS
    assert result["revisions"] == N + edited
    assert result["most_revisions_per_entity"] == 2
    assert all(result[k] >= 0 for k in ("read_cold_seconds", "read_warm_disk_seconds",
                                        "read_warm_memory_seconds", "entity_feeds_seconds"))
