"""Partial dates: the days they mean, when they are past, how they read in Danish."""

from __future__ import annotations

import datetime as dt

import pytest

from koordineringsbasen.model.dates import period


@pytest.mark.parametrize(("value", "first", "last", "danish"), [
    ("2025-05-14", dt.date(2025, 5, 14), dt.date(2025, 5, 14), "14. maj 2025"),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "februar 2024"),
    ("2023-12", dt.date(2023, 12, 1), dt.date(2023, 12, 31), "december 2023"),
    ("2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31), "2022"),
])
def test_the_days_a_date_means_and_its_danish(value: str, first: dt.date, last: dt.date,
                                              danish: str) -> None:
    found = period(value)
    assert (found.first, found.last, found.danish()) == (first, last, danish)


def test_a_month_is_past_only_when_all_of_it_is() -> None:
    assert not period("2025-05").is_past(dt.date(2025, 5, 31))
    assert period("2025-05").is_past(dt.date(2025, 6, 1))
    assert not period("2025-05-14").is_past(dt.date(2025, 5, 14))
    assert period("2025-05-14").is_past(dt.date(2025, 5, 15))
