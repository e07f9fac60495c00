"""How to reach an organisation or an offer: its contact points (website, shared mailbox,
postal address), each cited like every other fact, and the one rule for telling a shared
(role) mailbox from a person's.

A person's contact details never belong in the data (load/checks/personal_data.py refuses
them); a contact point names the organisation's own channels only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from .common import Reference, Strict, Text, WebUrl

MAILBOX = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
POSTCODE = re.compile(r"^\d{4}$")

# Words that name a function, not a person: a mailbox whose name holds one is shared.
ROLE_WORDS = frozenset({
    "administration", "borgerservice", "data", "digital", "henvendelse", "info", "kontakt",
    "kundeservice", "mail", "post", "presse", "raadhus", "redaktion", "sekretariat", "service",
    "support", "takst", "visitation", "web",
})
FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe",
                      "ä": "ae"})


def _mailbox(value: Any) -> str:
    if not isinstance(value, str) or not MAILBOX.match(value.strip()):
        raise ValueError(f"'{value}' er ikke en e-mailadresse som navn@domæne.dk")
    return value.strip()


Mailbox = Annotated[
    str,
    BeforeValidator(_mailbox),
    Field(description="Fælles postkasse (fx post@… eller sekretariat@…), aldrig en persons "
                      "e-mailadresse",
          json_schema_extra={"pattern": "^[^@\\s]+@[^@\\s]+$"}),
]


def _postcode(value: Any) -> str:
    # An unquoted 8450 arrives as a number.
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) \
        else ""
    if not POSTCODE.match(text):
        raise ValueError(f"'{value}' er ikke et postnummer; skriv fire cifre, fx \"8450\"")
    return text


Postcode = Annotated[str, BeforeValidator(_postcode),
                     Field(json_schema_extra={"pattern": POSTCODE.pattern})]


def _compact(text: str) -> str:
    """Lower case, æøå folded, letters and digits only: 'Nordjysk Socialaftale' ->
    'nordjysksocialaftale'."""
    return re.sub(r"[^a-z0-9]", "", text.lower().translate(FOLD))


def is_role_mailbox(address: str, own_names: Iterable[str]) -> bool:
    """Whether `address` is a shared mailbox of the entity named `own_names` (its name, aliases
    and abbreviation): its name holds a role word (post@, post.aalborg@, sekretariatet@) or is the
    entity's own name or abbreviation (nordjysksocialaftale@, soh@ for 'SOH'). Anything else,
    firstname.lastname@ or initials such as abcd@, counts as a person's."""
    local = address.split("@", 1)[0].lower().translate(FOLD)
    parts = [p for p in re.split(r"[^a-z0-9]+", local) if p]
    if any(part == word or (len(word) >= 5 and part.startswith(word))  # sekretariatet@
           for part in parts for word in ROLE_WORDS):
        return True
    compact = _compact(local)
    names = {_compact(name) for name in own_names}
    return len(compact) >= 2 and any(compact == name or (len(compact) >= 6 and compact in name)
                                     for name in names if name)


class ContactPoint(Strict):
    """One way to reach the organisation or offer, as one source gives it."""

    row_key = ("hjemmeside", "postkasse", "adresse")

    hjemmeside: WebUrl | None = Field(None, description="Hjemmesidens adresse (http eller "
                                      "https), som i kilden; står der kun www.…, så med https:// "
                                      "foran")
    postkasse: Mailbox | None = Field(None, description="Fælles postkasse (fx post@… eller "
                                      "sekretariat@…), aldrig en persons e-mailadresse")
    adresse: Text | None = Field(None, description="Postadresse: vej og husnummer, fx "
                                                   "'Tagdækkervej 10'")
    postnummer: Postcode | None = Field(
        None, description="Postnummer (fire cifre), skrives i anførselstegn: \"8450\"")
    by: Text | None = Field(None, description="Postdistrikt, fx 'Hammel'")
    kilde: Reference

    @model_validator(mode="after")
    def _complete(self) -> ContactPoint:
        if not (self.hjemmeside or self.postkasse or self.adresse):
            raise ValueError("et kontaktpunkt skal have hjemmeside, postkasse eller adresse")
        if self.adresse and not (self.postnummer and self.by):
            raise ValueError("en adresse skal have postnummer og by")
        if (self.postnummer or self.by) and not self.adresse:
            raise ValueError("postnummer og by hører til en adresse; skriv også adresse")
        return self

    @property
    def postal_address(self) -> str | None:
        """'Tagdækkervej 10, 8450 Hammel', or None without an address."""
        return f"{self.adresse}, {self.postnummer} {self.by}" if self.adresse else None
