"""The licence of the open data and the site's own texts: the one definition every place that
names it reads (data package, Atom feed, dataset record, "Om data", the footer).

CC BY 4.0, not the Danish "Vilkår for brug af danske offentlige data": those terms are issued
by a public authority for its own data, and Koordineringsbasen is no authority; CC BY 4.0 asks
the same of a reuser (name the source), is known to every data portal and licence checker by
its SPDX id, and is what the EU recommends for reusable public information (docs/om-data).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    spdx: str  # the SPDX / Open Definition id data portals match on
    short: str  # how the licence is named in running text
    title: str  # its Danish title
    url: str  # the licence's canonical address, which machines match on
    reader_url: str  # its summary in Danish, for readers


LICENCE = Licence(
    spdx="CC-BY-4.0",
    short="CC BY 4.0",
    title="Creative Commons Navngivelse 4.0 International",
    url="https://creativecommons.org/licenses/by/4.0/",
    reader_url="https://creativecommons.org/licenses/by/4.0/deed.da",
)
# The page section that says what the licence covers and how to credit the data.
LICENCE_SECTION = "om-data/#licens"


def rights_statement() -> str:
    """One Danish sentence for a feed's or file's rights: licence and what it asks."""
    return (f"Data og tekster må genbruges efter licensen {LICENCE.short} ({LICENCE.title}): "
            "angiv Koordineringsbasen og de kilder, oplysningerne stammer fra.")
