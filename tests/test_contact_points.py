"""Contact points on organisations and offers: validation (http allowed, nothing that runs),
the shared-mailbox rule of the personal-data guard, the "Kontakt" line and the exports."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from koordineringsbasen.exports import write_exports
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import DataError
from koordineringsbasen.model.contact import ContactPoint, is_role_mailbox
from koordineringsbasen.model.sources import PublicDocument
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.entity import render_entity
from koordineringsbasen.tools.scaffold import scaffold_text
from koordineringsbasen.urls import SiteInfo
from tests.support import FIXTURE_SEEDS, anchor_citations

CITATION = {"kilde": "testrapport-2025", "linjer": "105"}


def point(**fields: object) -> ContactPoint:
    return ContactPoint.model_validate({**fields, "kilde": CITATION})


@pytest.mark.parametrize("url", ["http://www.nordjysksocialaftale.dk/",
                                 "https://sekretariatmidtjylland.viborg.dk/",
                                 "https://www.kl.dk/kkr-nordjylland"])
def test_http_and_https_websites_are_stored(url: str) -> None:
    assert point(hjemmeside=url).hjemmeside == url
    assert PublicDocument(titel="T", adresse=url, linjer="1").adresse == url


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>",
                                 "ftp://example.dk/", "www.soh.rm.dk", "http://x",
                                 'https://a.dk/"onmouseover="alert(1)'])
def test_anything_but_a_web_address_is_refused(url: str) -> None:
    with pytest.raises(ValidationError, match="er ikke en webadresse"):
        point(hjemmeside=url)
    with pytest.raises(ValidationError, match="er ikke en webadresse"):
        PublicDocument(titel="T", adresse=url, linjer="1")


def test_a_postal_address_needs_postcode_and_town() -> None:
    full = point(adresse="Tagdækkervej 10", postnummer=8450, by="Hammel")
    assert full.postnummer == "8450"  # an unquoted postcode is read as text
    assert full.postal_address == "Tagdækkervej 10, 8450 Hammel"
    with pytest.raises(ValidationError, match="postnummer og by"):
        point(adresse="Tagdækkervej 10")
    with pytest.raises(ValidationError, match="ikke et postnummer"):
        point(adresse="Tagdækkervej 10", postnummer="845", by="Hammel")
    with pytest.raises(ValidationError, match="hjemmeside, postkasse eller adresse"):
        point()
    with pytest.raises(ValidationError, match="ikke en e-mailadresse"):
        point(postkasse="post@")


@pytest.mark.parametrize("address, names", [
    ("post@aalborg.dk", []), ("sekretariat@kommune.dk", []), ("Sekretariatet@x.dk", []),
    ("takst@viborg.dk", []), ("post.aalborg@aalborg.dk", []),
    ("Nordjysksocialaftale@aalborg.dk", ["Sekretariat for Nordjysk Socialaftale"]),
    ("soh@social.rm.dk", ["Neurorehabilitering Midt", "SOH"]),
])
def test_shared_mailboxes(address: str, names: list[str]) -> None:
    assert is_role_mailbox(address, names)


@pytest.mark.parametrize("address", ["jens.hansen@aalborg.dk", "j.hansen@aalborg.dk",
                                     "jens_hansen@viborg.dk", "HAST@kl.dk", "anne.webster@x.dk",
                                     "postmand.jensen@x.dk"])
def test_a_persons_mailbox_is_no_shared_one(address: str) -> None:
    assert not is_role_mailbox(address, ["KKR Nordjylland", "KKR"])


def _with_contact(data: Path, rel: str, block: str) -> None:
    path = data / rel
    path.write_text(path.read_text("utf-8") + block, encoding="utf-8")


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """The fixture texts, line 140 (cited by nothing else) giving a contact point."""
    seed = next(FIXTURE_SEEDS.glob("*.txt"))
    folder = tmp_path / "seeds"
    folder.mkdir()
    lines = seed.read_text("utf-8").splitlines()
    lines[139] = "Kontakt: Testvej 1, 9000 Aalborg, Post@test.dk, TR@test.dk, www.test.dk/"
    (folder / seed.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


CONTACT = ("kontakt:\n"
           "  - hjemmeside: http://www.test.dk/\n"
           "    postkasse: {mailbox}\n"
           "    adresse: Testvej 1\n"
           "    postnummer: \"9000\"\n"
           "    by: Aalborg\n"
           "    kilde: {{kilde: testrapport-2025, linjer: \"140\"}}\n")


def test_a_persons_mailbox_in_a_contact_point_is_refused(fixture_data: Path, seeds: Path) -> None:
    _with_contact(fixture_data, "organisationer/testraadet.yml",
                  CONTACT.format(mailbox="jens.hansen@test.dk"))
    anchor_citations(fixture_data, seeds)
    with pytest.raises(DataError) as info:
        load_catalog(fixture_data, seeds)
    [problem] = [str(p) for p in info.value.problems if "persons" in str(p)]
    assert problem.startswith("data/organisationer/testraadet.yml:")
    assert "kontakt[0].postkasse: 'jens.hansen@test.dk' ligner en persons e-mailadresse" in problem


def test_a_shared_mailbox_is_stored_shown_and_exported(fixture_data: Path, seeds: Path,
                                                      tmp_path: Path) -> None:
    _with_contact(fixture_data, "tilbud/testtilbud.yml", CONTACT.format(mailbox="post@test.dk"))
    _with_contact(fixture_data, "organisationer/testraadet.yml",
                  CONTACT.format(mailbox="tr@test.dk"))  # its abbreviation, TR
    anchor_citations(fixture_data, seeds)
    catalog = load_catalog(fixture_data, seeds)
    [contact] = catalog.get("tilbud", "testtilbud").kontakt
    assert contact.hjemmeside == "http://www.test.dk/"

    ctx = RenderContext(catalog, today=dt.date(2025, 6, 1))
    page = render_entity(ctx, "tilbud", "testtilbud")
    [line] = [ln for ln in page.splitlines() if ">Kontakt</dt>" in ln]
    assert '<a href="http://www.test.dk/">www\\.test\\.dk</a>' in line
    assert '<a href="mailto:post@test.dk">' in line
    assert "Testvej 1, 9000 Aalborg" in line
    assert 'class="footnote-ref"' in line or "[^" in line  # cited like every fact
    assert ">Kontakt</dt>" in render_entity(ctx, "organisationer", "testraadet")

    write_exports(catalog, tmp_path, SiteInfo("https://example.org/kb/"))
    with (tmp_path / "api" / "tilbud-kontakt.csv").open(encoding="utf-8-sig") as handle:
        [row] = list(csv.DictReader(handle, delimiter=";"))
    assert (row["tilbud_id"], row["hjemmeside"], row["postkasse"], row["postnummer"]) == (
        "testtilbud", "http://www.test.dk/", "post@test.dk", "9000")
    assert row["kilde"] == "testrapport-2025" and row["kilde_linjer"] == "140"
    record = json.loads((tmp_path / "api" / "tilbud" / "testtilbud.json").read_text("utf-8"))
    assert record["data"]["kontakt"][0]["by"] == "Aalborg"
    package = json.loads((tmp_path / "api" / "datapackage.json").read_text("utf-8"))
    assert {"tilbud-kontakt", "organisationer-kontakt"} <= {r["name"] for r in package["resources"]}


def test_the_scaffold_lists_the_contact_fields() -> None:
    for kind in ("tilbud", "organisationer"):
        text = scaffold_text(kind, "x", "X", "schema.json")
        assert "kontakt: " in text
        assert "(felter: hjemmeside, postkasse, adresse, postnummer, by, kilde)" in text


@pytest.mark.parametrize("old, new, field", [
    ("by: Aalborg", "by: Aalborg Ø", "postnummer"),
    ("postkasse: post@test.dk", "postkasse: info@test.dk", "postkasse"),
    ("hjemmeside: http://www.test.dk/", "hjemmeside: http://www.test.dk/ny/", "hjemmeside"),
])
def test_a_contact_value_must_stand_in_its_cited_lines(fixture_data: Path, seeds: Path,
                                                       old: str, new: str, field: str) -> None:
    _with_contact(fixture_data, "tilbud/testtilbud.yml",
                  CONTACT.format(mailbox="post@test.dk").replace(old, new))
    anchor_citations(fixture_data, seeds)
    with pytest.raises(DataError) as info:
        load_catalog(fixture_data, seeds)
    assert [str(p).split(": ", 1)[1] for p in info.value.problems] == [
        f"kontakt[0].{field}: '{new.split(': ', 1)[1].replace('Aalborg Ø', '9000 Aalborg Ø')}' "
        "står ikke i linje 140 i 'testrapport-2025'; skriv det præcis som i kilden"]
