"""Writing numbers as Danish readers read them: on pages (1.234,5) and for Danish Excel (1234,5).

Reading them back from the source texts is danish/reading.py.
"""

from __future__ import annotations


def number(value: float | int | None, decimals: int | None = None) -> str:
    """Danish number formatting: 1.234,5 ; at most two decimals unless given; None -> dash."""
    if value is None:
        return "–"
    text = f"{value:,.{2 if decimals is None else decimals}f}"
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def count(value: int) -> str:
    """A count in running text: 'ingen' for none (never '0 kommende frister'), else digits."""
    return "ingen" if value == 0 else number(value)


def excel_number(value: float) -> str:
    """Decimal comma, as Danish Excel reads numbers; whole numbers without decimals."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value).replace(".", ",") if isinstance(value, float) else str(value)
