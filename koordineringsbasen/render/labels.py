"""Danish display labels for kinds and enum values."""

from __future__ import annotations

from ..model.dates import period
from ..model.kinds import KINDS

KIND_SINGULAR = {folder: kind.singular for folder, kind in KINDS.items()}
KIND_PLURAL = {folder: kind.plural for folder, kind in KINDS.items()}
RISK = {"roed": "Rød", "gul": "Gul", "groen": "Grøn"}
RISK_MEANING = {
    "roed": "anledning til bekymring",
    "gul": "behov for intensiveret monitorering eller vidensformidling",
    "groen": "den generelle monitorering kan fastholdes",
}
SCOPE = {"natko": "National målgruppe (NATKO)", "regional": "Regional målgruppe",
         "ad-hoc": "Ad hoc-målgruppe"}
REGION = {"nordjylland": "Region Nordjylland", "midtjylland": "Region Midtjylland",
          "syddanmark": "Region Syddanmark", "hovedstaden": "Region Hovedstaden",
          "sjaelland": "Region Sjælland"}
OFFER_CATEGORY = {
    "landsdaekkende-undervisning": "Landsdækkende undervisningstilbud",
    "landsdelsdaekkende-undervisning": "Landsdelsdækkende undervisningstilbud",
    "landsdaekkende-socialt": "Landsdækkende socialt tilbud",
    "oevrigt-landsdaekkende": "Øvrigt landsdækkende tilbud",
    "sikret-afdeling": "Sikret afdeling",
    "saerlige-pladser": "Særlige pladser",
    "specialiseret-regionalt": "Specialiseret regionalt tilbud",
    "kommunalt": "Kommunalt tilbud",
    "sundhedsvaesen": "Sundhedsvæsenet",
    "projekt": "Projekt",
}
OFFER_STATUS = {
    "foelges-skaerpet": "Følges skærpet",
    "foelges-lokalt": "Følges lokalt",
    "ikke-laengere-skaerpet": "Ikke længere skærpet opfølgning",
    "planlagt": "Planlagt",
    "under-etablering": "Under etablering",
    "i-drift": "I drift",
    "noedspor": "Nødspor",
    "lukket": "Lukket",
}
NOTIFICATION_STATE = {"aaben": "Åben", "afventer-afgoerelse": "Afventer afgørelse",
                      "vurderet": "Vurderet, ikke afsluttet", "afsluttet": "Afsluttet"}
EVENT_TYPE = {
    "udsendt": "Udsendt", "anmodning": "Anmodning", "fornyet-behandling": "Fornyet behandling",
    "frist": "Frist", "fristforlaengelse": "Fristforlængelse", "afrapportering": "Afrapportering",
    "svar": "Svar", "hoering": "Høring", "moede": "Møde", "beslutning": "Beslutning",
    "afgoerelse": "Afgørelse", "etablering": "Etablering", "lukning": "Lukning", "andet": "Andet",
}
SOURCE_TYPE = {"referat": "Referat", "dagsorden": "Dagsorden", "rapport": "Rapport",
               "notat": "Notat", "skrivelse": "Skrivelse", "aftale": "Aftale",
               "praesentation": "Præsentation", "andet": "Dokument"}
ORG_TYPE = {
    "ministerium": "Ministerium", "styrelse": "Styrelse", "region": "Region",
    "kommune": "Kommune", "kommunalt-samarbejde": "Kommunalt samarbejde", "raad": "Råd",
    "forum": "Forum", "sekretariat": "Sekretariat",
    "interesseorganisation": "Interesseorganisation",
    "uddannelsesinstitution": "Uddannelsesinstitution", "forskning": "Forskning og analyse",
    "sundhedsvaesen": "Sundhedsvæsen", "fond": "Fond", "virksomhed": "Virksomhed",
    "andet": "Anden organisation",
}


def date_da(value: str | None) -> str:
    """'2024-05-14' -> '14. maj 2024'; '2024-05' -> 'maj 2024'; '2024' -> '2024'."""
    return period(value).danish() if value else "–"


def enum_value(value: object) -> str:
    return getattr(value, "value", str(value))
