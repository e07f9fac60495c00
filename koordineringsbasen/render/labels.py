"""Danish display labels for kinds and enum values."""

from __future__ import annotations

from ..danish.writing import number
from ..model import labels
from ..model.dates import label, period
from ..model.kinds import KINDS

KIND_SINGULAR = {folder: kind.singular for folder, kind in KINDS.items()}
KIND_PLURAL = {folder: kind.plural for folder, kind in KINDS.items()}
# The enum labels are declared beside the model (model/labels.py); these names are the pages'.
RISK = labels.RISK
SCOPE = labels.SCOPE
REGION = labels.REGION
OFFER_CATEGORY = labels.OFFER_CATEGORY
OFFER_STATUS = labels.OFFER_STATUS
NOTIFICATION_STATE = labels.NOTIFICATION_STATE
EVENT_TYPE = labels.EVENT_TYPE
SOURCE_TYPE = labels.SOURCE_TYPE
ORG_TYPE = labels.ORG_TYPE
RISK_MEANING = labels.RISK_MEANING
REFORM_TYPE = labels.REFORM_TYPE
FOLLOW_UP_STATUS = labels.FOLLOW_UP_STATUS
RESPONSIBLE_ROLE = labels.RESPONSIBLE_ROLE

def date_da(value: str | None) -> str:
    """'2024-05-14' -> '14. maj 2024'; '2024-05' -> 'maj 2024'; '2024' -> '2024'."""
    return period(value).danish() if value else "–"


def dated(value: str, wording: str | None) -> str:
    """A date with the source's wording, written once (model/dates.label)."""
    return label(value, wording)


def price_amount(price: object) -> str:
    """'4.107 kr. pr. døgn', or for a change of the tariff 'stigning på 119 kr. pr. døgn'."""
    amount = f"{number(price.beloeb)} {price.enhed}"  # type: ignore[attr-defined]
    change = getattr(price, "aendring", None)
    return f"{labels.PRICE_CHANGE[change.value]} på {amount}" if change else amount


def enum_value(value: object) -> str:
    return getattr(value, "value", str(value))
