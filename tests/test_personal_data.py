"""Personal data: CPR numbers, e-mail addresses and phone numbers are refused with a location;
amounts, years, periods, line ranges and registry numbers are not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from koordineringsbasen.load.checks.personal_data import LINE_FIELDS, MAILBOX_FIELD, find
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import DataError
from koordineringsbasen.load.yamlsource import read_yaml
from tests.support import FIXTURE_SEEDS, ROOT

PERSONAL = [
    ("010190-1234", "CPR-nummer"),
    ("0101901234", "CPR-nummer"),
    ("010190 1234", "CPR-nummer"),
    ("311299-4321", "CPR-nummer"),
    ("jens.hansen@example.dk", "e-mailadresse"),
    ("Mette+sag@sub.kommune.dk", "e-mailadresse"),
    ("12345678", "telefonnummer"),
    ("12 34 56 78", "telefonnummer"),
    ("1234 5678", "telefonnummer"),
    ("+45 12 34 56 78", "telefonnummer"),
    ("+4512345678", "telefonnummer"),
    ("+45 1234 5678", "telefonnummer"),
]

NOT_PERSONAL = [
    "33.816.902 kr.", "4.107 kr. pr. døgn", "12.345.678", "2.500.000-3.000.000 kr.",
    "12345678 kr.", "kr. 12345678", "1,5 mio. kr.", "33,5 %", "2024", "2024-2028", "2019-2024",
    "2024-12-31", "31.12.2024", "linje 120-134", "linjer 1-999", "SEL § 108, stk. 6",
    "punkt 9.3", "kl. 10.30-12.00", "CVR 29189846", "CVR-nr.: 29189846", "sagsnr. 24/12345678",
    "EAN 5798000000000", "320190-1234",  # day 32
    "011390-1234",  # month 13
    "000_3101901234abcdef.txt", "100.000.000", "0800",
]


@pytest.mark.parametrize("value, kind", PERSONAL)
@pytest.mark.parametrize("template", ["{}", "Kontakt: {}.", "({})", "Ring {}, eller skriv"])
def test_personal_data_is_found(value: str, kind: str, template: str) -> None:
    (description,) = find(template.format(value))
    assert description == f"'{value}' " + ("er en" if kind == "e-mailadresse" else "ligner et") \
        + f" {kind}"


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_numbers_that_are_not_personal_data(text: str) -> None:
    assert find(text) == []
    assert find(f"Ifølge referatet: {text}.") == []


def test_an_e_mail_address_in_free_text_is_refused_even_a_shared_one() -> None:
    assert find("Skriv til Nordjysksocialaftale@aalborg.dk.") == [
        "'Nordjysksocialaftale@aalborg.dk' er en e-mailadresse"]
    assert find("Nordjysksocialaftale@aalborg.dk", shared_mailbox=True) == []


# (file, old, new, expected problem as path:line:col: field: message)
IN_DATA = [
    ("organisationer/testraadet.yml", "resume: Et råd, der kun findes i testene.",
     "resume: Et råd. Formand Jens (010190-1234).",
     ("data/organisationer/testraadet.yml:6:9: resume: '010190-1234' ligner et CPR-nummer; "
     "personoplysninger må ikke stå i data")),
    ("tilbud/testtilbud.yml", "aliaser: [Osterlund]", "aliaser: [Osterlund, tlf. +45 12 34 56 78]",
     ("data/tilbud/testtilbud.yml:4:22: aliaser[1]: '+45 12 34 56 78' ligner et telefonnummer; "
     "personoplysninger må ikke stå i data")),
    ("udmeldinger/cu-test.yml", "beskrivelse: Frist for afrapportering.,",
     "beskrivelse: Svar til leder@kommune.dk,",
     ("data/udmeldinger/cu-test.yml:17:50: haendelser[1].beskrivelse: 'leder@kommune.dk' er en "
     "e-mailadresse; personoplysninger må ikke stå i data")),
    ("maalgrupper/natko-25-testgruppe.yml", "    begrundelse: Der mangler viden.",
     "    begrundelse: Barnet med CPR 0101901234 mangler tilbud.",
     ("data/maalgrupper/natko-25-testgruppe.yml:14:18: risiko[0].begrundelse: '0101901234' ligner "
     "et CPR-nummer; personoplysninger må ikke stå i data")),
    ("ordliste.yml", "betydning: Testrådet}", "betydning: Testrådet på 1234 5678}",
     ("data/ordliste.yml:3:32: root[1].betydning: '1234 5678' ligner et telefonnummer; "
     "personoplysninger må ikke stå i data")),
    ("kilder/testmoede-2025-01-01.yml", "tekst: Rådet tog orienteringen til efterretning.",
     "tekst: Sagsbehandler 12 34 56 78 følger op.",
     ("data/kilder/testmoede-2025-01-01.yml:22:14: punkter[1].beslutning.tekst: '12 34 56 78' ligner et "
     "telefonnummer; personoplysninger må ikke stå i data")),
]


@pytest.mark.parametrize("rel, old, new, expected", IN_DATA, ids=[c[0] for c in IN_DATA])
def test_personal_data_in_a_data_file_is_refused_with_location(
    fixture_data: Path, rel: str, old: str, new: str, expected: str
) -> None:
    path = fixture_data / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalog(fixture_data, FIXTURE_SEEDS)
    assert [str(p) for p in info.value.problems] == [expected]


def test_all_personal_data_in_one_file_is_reported_at_once(fixture_data: Path) -> None:
    path = fixture_data / "organisationer" / "testraadet.yml"
    text = path.read_text(encoding="utf-8").replace(
        "resume: Et råd, der kun findes i testene.",
        "resume: Kontakt 010190-1234, a@b.dk eller 12 34 56 78.\nbeskrivelse: Budget 33.816.902 "
        "kr. i 2024-2028 (linje 120-134).")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalog(fixture_data, FIXTURE_SEEDS)
    assert sorted(p.message.split(";")[0] for p in info.value.problems) == [
        "'010190-1234' ligner et CPR-nummer", "'12 34 56 78' ligner et telefonnummer",
        "'a@b.dk' er en e-mailadresse"]
    assert {(p.line, p.field) for p in info.value.problems} == {(6, "resume")}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            # line numbers, and a citation's anchor (it quotes the published source text),
            # as the check skips them
            if key != "anker" and key not in LINE_FIELDS:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _mailboxes(path: Path) -> set[str]:
    data = read_yaml(path, path.name).data
    points = data.get("kontakt", []) if isinstance(data, dict) else []
    return {p[MAILBOX_FIELD] for p in points if isinstance(p, dict) and MAILBOX_FIELD in p}


def test_real_data_has_no_false_positives() -> None:
    """Every text in the real data files (valid or not yet) passes the personal-data check
    (a contact point's shared mailbox as such: the load checks it is a shared one)."""
    data = ROOT / "data"
    files = sorted(data.rglob("*.yml"))
    assert files
    flagged = [(path.relative_to(ROOT).as_posix(), found)
               for path in files
               for text in _strings(read_yaml(path, path.name).data)
               for found in find(text, shared_mailbox=text in _mailboxes(path))]
    assert flagged == []


@pytest.mark.parametrize("resume, found", [
    (">-\n  Ring på 1234\n  5678 i dag.", "'1234 5678' ligner et telefonnummer"),  # folded
    ('"Skriv til a\\x40b.dk."', "'a@b.dk' er en e-mailadresse"),  # an escape
])
def test_the_raw_text_shortcut_misses_nothing_yaml_spells_differently(
    fixture_data: Path, resume: str, found: str
) -> None:
    """A file whose raw text shows no candidate is not scanned field by field; what YAML turns
    into a candidate only when parsed must still be found."""
    path = fixture_data / "organisationer" / "testraadet.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("resume: Et råd, der kun findes i testene.",
                                 f"resume: {resume}"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalog(fixture_data, FIXTURE_SEEDS)
    assert [p.message.split(";")[0] for p in info.value.problems] == [found]


# --- Issue 23: the patterns read the text after Unicode normalisation of dashes and spaces ---


@pytest.mark.parametrize("text, found", [
    ("født 030487\u20119912", "'030487-9912' ligner et CPR-nummer"),  # non-breaking hyphen
    ("cpr 311299\u20142345", "'311299-2345' ligner et CPR-nummer"),  # em dash
    ("cpr 150671\u202f1357", "'150671 1357' ligner et CPR-nummer"),  # narrow no-break space
    ("cpr \uff12\uff18\uff10\uff12\uff18\uff19\uff11\uff13\uff15\uff17",
     "'2802891357' ligner et CPR-nummer"),  # full-width digits
    ("mobil 4321-8765 efter kl. 16", "'4321-8765' ligner et telefonnummer"),
    ("ring 98.76.54.32", "'98.76.54.32' ligner et telefonnummer"),
    ("ring 98-76-54-32", "'98-76-54-32' ligner et telefonnummer"),
    ("ring 9876.5432", "'9876.5432' ligner et telefonnummer"),
    ("ring 98\u00a076\u00a054\u00a032", "'98 76 54 32' ligner et telefonnummer"),
    ("ring +45\u2007(98 76 54 32)", "'98 76 54 32' ligner et telefonnummer"),
    ("ring +45\u200798 76 54 32", "'+45 98 76 54 32' ligner et telefonnummer"),
    ("ring 98\u201376\u201354\u201332", "'98-76-54-32' ligner et telefonnummer"),  # en dashes
])
def test_personal_data_after_normalising_dashes_and_spaces(text: str, found: str | None) -> None:
    assert find(text) == ([found] if found else [])


@pytest.mark.parametrize("text", [
    "i perioden 2019\u20132023", "sagsnr. 2021-4411", "sag 2023-8812", "se linje 4410-4470",
    "(linjer 3301\u20133390)", "beløbet 12.345.678 kr.", "98-76.54-32", "1.2.3.4 og 98 76",
])
def test_numbers_that_are_no_personal_data_after_normalising(text: str) -> None:
    assert find(text) == []
