"""Legal references read down to the paragraph: 'SEL § 108, stk. 6' and '§ 108' are both 'SEL § 108'.

The data write a legal basis as the source does ("SEL § 108, stk. 6", "SEL §§ 107 og 108",
"BL § 43, stk. 1 nr. 6 / § 107/108"). A filter or a facet on the legal basis compares
paragraphs: `paragraphs` gives every paragraph a text names, each with its law's abbreviation.
A paragraph written without a law belongs to the law before it in the same text after "," or
"og" ("BL § 43, § 50"), else (at the start, after "/" or ";") to the service act (serviceloven,
"SEL"), the law of the offers ("§ 108", "BL § 43, stk. 1 nr. 6 / § 107/108"); text other than a separator before
the "§" ("Bekendtgørelse 219 af 10.02.2022 § 22") is kept as the law's name.
"""

from __future__ import annotations

import re

SERVICE_ACT = "SEL"
NUMBER = r"\d+(?:\s?[a-z]\b)?"  # 108, 13 b
# "SEL §§ 107 og 108", "§ 107/108", "BL § 43": a law's abbreviation (optional), the sign, the
# numbers under it.
REFERENCE = re.compile(
    rf"(?:\b(?P<law>[A-ZÆØÅ]{{2,6}})\s*)?§§?\s*(?P<numbers>{NUMBER}(?:\s*(?:og|,|/)\s*{NUMBER})*)")
# What may stand between two references: the first one's subdivisions ("stk. 1 nr. 6"), a
# separator, "og"/"samt".
BETWEEN = re.compile(r"^(?:[\s,/;]|\b(?:og|samt)\b|\b(?:stk|nr|pkt|litra)\.?\s*\d+\s?[a-z]?\b)*")


def paragraphs(reference: str) -> list[str]:
    """'SEL §§ 107 og 108, stk. 2' -> ['SEL § 107', 'SEL § 108']; a text without '§' as it is
    (whitespace tidied): 'VEJ nr. 49 af 30/06/2009'."""
    text = " ".join(reference.split())
    found: list[str] = []
    at = 0
    previous: str | None = None
    for match in REFERENCE.finditer(text):
        before = text[at:match.start()]
        law = match.group("law")
        if law is None:
            named = re.split(r"[/;]", before)[-1]
            named = named[BETWEEN.match(named).end():].strip(" ,")  # type: ignore[union-attr]
            # "BL § 43, § 50": the same law; "BL § 43 / § 107", or at the start: the service act.
            same = previous is not None and not re.search(r"[/;]", before)
            law = named or (previous if same else SERVICE_ACT)
        previous = law
        for number in re.findall(NUMBER, match.group("numbers")):
            found.append(f"{law} § {' '.join(number.split())}")
        at = match.end()
    if not found:
        return [text] if text else []
    return list(dict.fromkeys(found))


def paragraph_order(paragraph: str) -> tuple[str, int, str]:
    """Sort key: by law, then by number ('SEL § 12' before 'SEL § 103'), then letter."""
    law, _, rest = paragraph.partition(" § ")
    digits = re.match(r"\d+", rest)
    return (law.casefold(), int(digits.group()) if digits else -1, rest)
