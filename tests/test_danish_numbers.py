"""The Danish number and date matcher: every notation the seeds use, and no false hits."""

from __future__ import annotations

import random
import re

import pytest

from koordineringsbasen.danish import reading as danish_numbers
from koordineringsbasen.danish.reading import numbers_in, states_date, states_number


@pytest.mark.parametrize(("text", "value"), [
    ("i alt 4107 kr.", 4107),
    ("taksten er 4.107 kr. pr. døgn", 4107),
    ("taksten er 4 107 kr. pr. døgn", 4107),
    ("taksten er 4\u00a0107 kr.", 4107),
    ("ca. 4,2 mio. kr.", 4_200_000),
    ("ca. 4,2 mio. kr.", 4.2),
    ("i alt 4.200.000 kr.", 4_200_000),
    ("15,6 millioner kroner", 15_600_000),
    ("1,5 mia. kr.", 1_500_000_000),
    ("420 t.kr.", 420_000),
    ("fra 0,7 til 1 mio. kr.", 700_000),
    ("fra 0,7 til 1 mio. kr.", 1_000_000),
    ("2-3 mio. kr.", 2_000_000),
    ("belægning 33 %", 33),
    ("belægning 33%", 33),
    ("33,5 pct.", 33.5),
    ("Pladstal 47,0 68,0 68,0 67,0", 68),
    ("Pladsforbrug 65,9 69,6 73,6", 69.6),
    ("Pladsforbrug 65,90", 65.9),
    ("1.234,5 timer", 1234.5),
    ("cirka 80.", 80),
    # A number at a PDF line break, and its unit on the next line.
    ("i alt ca. 4,2\nmio. kr.", 4_200_000),
    ("belægningen var 107\n%", 107),
])
def test_states_the_number_in_any_danish_notation(text: str, value: float) -> None:
    assert states_number(text, value)


@pytest.mark.parametrize(("text", "value"), [
    ("belægning 133 %", 33),
    ("frem til 2033", 33),
    ("33,5 pct.", 33),
    ("3.300 kr.", 33),
    ("3.300 kr.", 3.3),
    ("punkt 9.3", 9.3),
    ("mødet 18.11.2022", 18),
    ("fil 002_11df9207c278767b.txt", 11),
    ("4,2 mio. kr.", 42),
    ("2024-2028", 20242028),
    ("47,0 68,0", 47.68),
    ("ni tilbud", 9),
])
def test_never_finds_a_number_inside_another(text: str, value: float) -> None:
    assert not states_number(text, value)


def test_a_hyphenated_word_over_a_line_break_is_mended_but_a_range_is_not() -> None:
    assert numbers_in("2018-\n2019") == {2018, 2019}
    assert states_date("speci-\nalundervisning i marts 2025", "2025-03")


@pytest.mark.parametrize(("text", "date"), [
    ("KKR-møde d. 18. november 2022", "2022-11-18"),
    ("KKR-møde d. 18. nov. 2022", "2022-11-18"),
    ("KKR-møde 18.11.2022", "2022-11-18"),
    ("KKR-møde 18-11-22", "2022-11-18"),
    ("KKR-møde 18/11-2022", "2022-11-18"),
    ("KKR-møde 2022-11-18", "2022-11-18"),
    ("godkendte på møde den 18. november indstillingen", "2022-11-18"),
    ("dagsorden 5/12", "2024-12-05"),
    ("fristen den 31. dec. 2024", "2024-12-31"),
    ("udsendt i november 2019", "2019-11"),
    ("behandling i kommunerne april måned 2025", "2025-04"),
    ("den 18. november 2022", "2022-11"),
    ("frist 06.2023", "2023-06"),
    ("senest i 2023", "2023"),
    ("den 17.03.2025", "2025"),
    ("i perioden 2018-2020", "2020"),
    ("mødet den 18.\nnovember 2022", "2022-11-18"),
])
def test_states_the_date_in_any_danish_form(text: str, date: str) -> None:
    assert states_date(text, date)


@pytest.mark.parametrize(("text", "date"), [
    ("den 18. november 2021", "2022-11-18"),
    ("den 18. november 2022", "2022-11-08"),
    ("den 8. november 2022", "2022-11-18"),
    ("i november 2022", "2022-11-18"),
    ("i november", "2022-11"),
    ("i december 2022", "2022-11"),
    ("frem til 20233", "2023"),
    ("punkt 9.3", "2024-03-09"),
    ("Jan Hansen", "2024-01"),
])
def test_does_not_state_another_date(text: str, date: str) -> None:
    assert not states_date(text, date)


# The patterns in their plain form, look-behind first. danish_numbers writes them digit first
# (the regex engine then jumps from digit to digit) and joins lines by splitting: both must
# find exactly what these find.
PLAIN = {
    "TOKEN": r"(?<![\w.,])(?<!\d[.,])\d+(?:[.,]\d+)*(?![\w])(?![.,]\d)",
    "SPACED": r"(?<![\w.,])(?<!\d[.,] )\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?(?![\w])(?![.,]\d)",
    "NUMERIC_DATE": r"(?<![\w.,])(\d{1,2})(?:([./-])\s?(\d{1,2})\2\s?(\d{4}|\d{2})|/(\d{1,2})"
                    r"(?:[-/ ]((?:19|20)\d\d|\d{2}))?)(?!\d)(?![.,]\d)",
    "ISO_DATE": r"(?<![\w.,])((?:19|20)\d\d)-(\d{2})(?:-(\d{2}))?(?!\d)",
    "MONTH_YEAR": r"(?<![\w.,])(\d{1,2})[./-]((?:19|20)\d\d)(?!\d)",
    "YEAR": r"(?<!\d)((?:19|20)\d\d)(?!\d)",
    "HYPHEN_BREAK": r"(?<=[^\W\d])-[ \t]*\n[ \t]*(?=[^\W\d])",
}
PIECES = [*"0123456789" * 3, *".,-–/ \n\tabø_", "\u00a0", "  ", "19", "20", "2022", "1999",
          "mio.", "mia", "tusind", "t.", "til", "kr", "nov.", "november", "marts", "måned"]


def _random_texts(count: int) -> list[str]:
    rng = random.Random(20261201)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30))) for _ in range(count)]


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_fast_patterns_find_what_the_plain_forms_find(name: str) -> None:
    plain, fast = re.compile(PLAIN[name]), getattr(danish_numbers, name)
    for text in _random_texts(20_000):
        assert [m.span() + m.groups() for m in fast.finditer(text)] == \
            [m.span() + m.groups() for m in plain.finditer(text)], repr(text)


def test_lines_are_joined_as_the_plain_substitution_joins_them() -> None:
    hyphen, line_break = re.compile(PLAIN["HYPHEN_BREAK"]), re.compile(r"[ \t]*\n[ \t]*")
    for text in [*_random_texts(20_000), "a \n \n b", "\n", " \n ", "speci-\n  alundervisning"]:
        assert danish_numbers.tidy(text) == line_break.sub(" ", hyphen.sub("", text)), repr(text)
