"""Where things are and what the environment says: the one place that reads os.environ.

| variable | meaning | default |
| --- | --- | --- |
| KOORDINERINGSBASEN_DATA | the data folder | data/ in the repository |
| KOORDINERINGSBASEN_SEEDS | the source texts (never committed); set but no folder: an error; empty: no texts | ../shared/seeds/ |
| KOORDINERINGSBASEN_CACHE | the validated-data cache; empty: no cache | .cache/koordineringsbasen/ |
| SOURCE_DATE_EPOCH | the build date (reproducible builds) | today |
| GITHUB_REPOSITORY | owner/name for the "Ret data" links (set in GitHub Actions) | mkdocs.yml |
| GITHUB_ACTIONS | "true": problems are also printed as GitHub annotations | - |
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository
PACKAGE = ROOT / "koordineringsbasen"
DOCS_DIR = ROOT / "docs"


def data_override() -> Path | None:
    """The data folder given through KOORDINERINGSBASEN_DATA, if any (tests, benchmark)."""
    value = os.environ.get("KOORDINERINGSBASEN_DATA")
    return Path(value) if value else None


def data_dir() -> Path:
    return data_override() or ROOT / "data"


DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"


# Where no folder can ever be (a file cannot hold one): KOORDINERINGSBASEN_SEEDS="" asks for a
# build and check without the texts, as KOORDINERINGSBASEN_CACHE="" asks for no cache.
NO_SEEDS = Path(os.devnull) / "ingen-kildetekster"


def seeds_dir() -> Path:
    """The source texts: KOORDINERINGSBASEN_SEEDS, else ../shared/seeds/. Every reader of the
    texts (the data check, the build, the tools, the tests) asks here."""
    value = os.environ.get("KOORDINERINGSBASEN_SEEDS")
    if value is None:
        return DEFAULT_SEEDS
    return Path(value) if value.strip() else NO_SEEDS


def seeds_problem() -> str | None:
    """A Danish message when KOORDINERINGSBASEN_SEEDS names no folder: a mistyped path is an
    error, not a quiet build without the texts (only the default may be absent; empty: no
    texts, on purpose)."""
    value = os.environ.get("KOORDINERINGSBASEN_SEEDS")
    if value is None or not value.strip():
        return None
    path = Path(value)
    if path.is_dir():
        return None
    state = "er ikke en mappe" if path.exists() else "findes ikke"
    return (f"KOORDINERINGSBASEN_SEEDS peger på {path}, som {state}; ret stien, eller fjern "
            f"variablen for at bruge {DEFAULT_SEEDS}")


def cache_dir() -> Path | None:
    """KOORDINERINGSBASEN_CACHE (empty: no cache), else .cache/koordineringsbasen/ in the repo."""
    value = os.environ.get("KOORDINERINGSBASEN_CACHE")
    if value is not None:
        return Path(value) if value.strip() else None
    return ROOT / ".cache" / "koordineringsbasen"


def build_date() -> dt.date:
    """Today, or the date fixed by SOURCE_DATE_EPOCH (reproducible builds and tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def github_repository() -> str | None:
    return os.environ.get("GITHUB_REPOSITORY") or None


def on_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"
