"""Danish labels of the model's enum values and fields: what a reader sees for each.

Declared here, beside the model, once; `ENUM_LABELS` finds them by the enum type (the change
summary, the exports), and tests/test_model_labels.py checks that every value has its label.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType

from .common import EventType, FigureKind, Region
from .entities import (
    CriterionKind,
    NotificationState,
    OfferCategory,
    OfferField,
    OfferStatus,
    OrganisationType,
    PriceChange,
    RiskLevel,
    TargetGroupScope,
)
from .reforms import ReformType
from .sources import FollowUpStatus, ResponsibleRole, SourceType

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
PRICE_CHANGE = {"stigning": "stigning", "fald": "fald"}
SOURCE_TYPE = {"referat": "Referat", "dagsorden": "Dagsorden", "rapport": "Rapport",
               "notat": "Notat", "skrivelse": "Skrivelse", "aftale": "Aftale",
               "praesentation": "Præsentation", "andet": "Dokument"}
FOLLOW_UP_STATUS = {"aftalt": "Aftalt", "i-gang": "I gang", "udfoert": "Udført",
                    "opgivet": "Opgivet"}
RESPONSIBLE_ROLE = {"sekretariatet": "Sekretariatet", "formandskabet": "Formandskabet",
                    "medlemmerne": "Medlemmerne", "driftsherren": "Driftsherren",
                    "kommunerne": "Kommunerne", "arbejdsgruppen": "Arbejdsgruppen"}
ORG_TYPE = {
    "ministerium": "Ministerium", "styrelse": "Styrelse", "region": "Region",
    "kommune": "Kommune", "kommunalt-samarbejde": "Kommunalt samarbejde", "raad": "Råd",
    "forum": "Forum", "sekretariat": "Sekretariat",
    "interesseorganisation": "Interesseorganisation",
    "uddannelsesinstitution": "Uddannelsesinstitution", "forskning": "Forskning og analyse",
    "sundhedsvaesen": "Sundhedsvæsen", "fond": "Fond", "virksomhed": "Virksomhed",
    "andet": "Anden organisation",
}

FIGURE_KIND = {"faktisk": "Faktisk", "budget": "Budget", "prognose": "Prognose", "maal": "Mål"}
# How a figure with no kind reads: the data do not say (counted on Datakvalitet).
FIGURE_KIND_UNSET = "Ikke angivet"
CRITERION_KIND = {"inklusion": "Omfatter", "eksklusion": "Omfatter ikke"}
OFFER_FIELD = {"kategori": "Kategori", "lovgrundlag": "Lovgrundlag",
               "finansiering": "Finansiering", "beliggenhed": "Beliggenhed",
               "driftsherre": "Driftsherre"}


REFORM_TYPE = {"reform": "Reform", "planlaegning": "Planlægning", "aftale": "Aftale",
               "plan": "Plan"}
ENUM_LABELS: Mapping[type[Enum], Mapping[str, str]] = MappingProxyType({
    RiskLevel: RISK, TargetGroupScope: SCOPE, Region: REGION, OfferCategory: OFFER_CATEGORY,
    OfferStatus: OFFER_STATUS, NotificationState: NOTIFICATION_STATE, EventType: EVENT_TYPE,
    SourceType: SOURCE_TYPE, OrganisationType: ORG_TYPE, FigureKind: FIGURE_KIND,
    CriterionKind: CRITERION_KIND, OfferField: OFFER_FIELD, ReformType: REFORM_TYPE,
    FollowUpStatus: FOLLOW_UP_STATUS, ResponsibleRole: RESPONSIBLE_ROLE, PriceChange: PRICE_CHANGE,
})


# A field as a reader names it, where its name is not already a Danish word as it stands (an
# ASCII-folded name, or a list whose row is named in the singular: 'priser' -> 'pris').
FIELD_LABELS: Mapping[str, str] = MappingProxyType({
    "aar": "år", "belaegning_procent": "belægning %", "over_kapacitet": "over kapacitet",
    "risiko": "risiko", "priser": "pris", "beloeb": "beløb", "noegletal": "nøgletal",
    "haendelser": "hændelse", "stoerrelse": "størrelse", "maalgrupper": "målgruppe",
    "uenigheder": "uenighed", "punkter": "punkt", "aliaser": "alias", "kilder": "kilde",
    "spoergsmaal": "spørgsmål", "datatilgaengelighed": "datatilgængelighed",
    "naeste_skridt": "næste skridt", "paa_vegne_af": "på vegne af", "indgaar_i": "indgår i",
    "natko_nr": "NATKO-nr.", "dato_tekst": "datotekst", "undersoegelse": "undersøgelse",
    "antal_til": "antal til", "vaerdi": "værdi", "vaerdier": "værdier", "belaeg": "belæg",
    "foer": "før", "hele_landet": "hele landet", "kilder_felter": "feltkilde",
    "milepaele": "milepæl", "undtagen": "undtagen", "opfoelgning": "opfølgning",
    "frist_tekst": "fristtekst", "aendring": "ændring", "saetning": "sætning",
})


def field_label(name: str) -> str:
    """How the change summary names field `name`: 'belaegning_procent' -> 'belægning %'."""
    return FIELD_LABELS.get(name, name.replace("_", " "))


def enum_label(value: Enum) -> str:
    """The Danish label of an enum value (its stored value when the enum has no labels)."""
    return ENUM_LABELS.get(type(value), {}).get(value.value, value.value)
