"""The benchmark's lock (requirements-bench.lock, adds Zensical) agrees with requirements.lock.

`make bench` installs it into the same venv, so a pin that differed would silently change what
the tests and the build run with.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.support import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)", re.MULTILINE)


def _pins(path: Path) -> dict[str, str]:
    return {name.lower(): version for name, version in PIN.findall(path.read_text("utf-8"))}


def test_bench_lock_pins_what_the_main_lock_pins() -> None:
    main, bench = _pins(ROOT / "requirements.lock"), _pins(ROOT / "requirements-bench.lock")
    assert "zensical" in bench and "zensical" not in main
    assert "properdocs" in main  # the ProperDocs build test runs in `make test`
    differing = {name: (main[name], bench[name]) for name in main.keys() & bench.keys()
                 if main[name] != bench[name]}
    assert differing == {}
    assert {"mkdocs", "mkdocs-material", "pymdown-extensions"} <= main.keys() & bench.keys()
