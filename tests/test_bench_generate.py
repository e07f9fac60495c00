"""The benchmark's generated data stay valid at every size it is run at (N=3000 included)."""

from __future__ import annotations

from collections import Counter

from bench.generate import _Gen


def test_natko_numbers_are_unique_past_99_natko_groups() -> None:
    gen = _Gen(1000, 1)
    gen.plan_sources()
    groups = [gen.target_group(i) for i in range(gen.n["maalgrupper"])]
    assert len(groups) > 3 * 99  # more groups than NATKO numbers
    numbers = Counter(g["natko_nr"] for g in groups if "natko_nr" in g)
    assert sorted(numbers) == list(range(1, 100)) and set(numbers.values()) == {1}
    assert all(("natko_nr" in g) == (g["art"] == "natko") for g in groups)
