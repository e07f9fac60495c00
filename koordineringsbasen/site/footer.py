"""What every page's footer says about who publishes the site and how to reach them: the
publisher and contact mailbox from mkdocs.yml (`extra.udgiver`, `extra.kontakt`, placeholders
when unset), the data licence, and where "Meld en fejl" leads (the mailbox; with a GitHub
repository also the issue form). The hook puts these into `config.extra` for the theme's
footer partial (overrides/partials/copyright.html)."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any
from urllib.parse import quote

from .. import settings
from ..catalog import Catalog
from ..exports.dataset import Publisher, dataset_record, json_ld_block, publisher_from
from ..exports.describe import OM_DATA
from ..exports.licence import LICENCE, LICENCE_SECTION
from ..urls import SiteInfo

ISSUE_FORM = "forkert-oplysning.yml"  # .github/ISSUE_TEMPLATE/: its field `side` is the page


def issue_form(repo: str | None) -> str | None:
    """The address of the issue form for a wrong fact, or None without a GitHub repository."""
    repo = settings.github_repository() or repo
    return f"https://github.com/{repo}/issues/new?template={ISSUE_FORM}" if repo else None


def footer_settings(extra: MutableMapping[str, Any]) -> Publisher:
    """Fill `extra` (mkdocs.yml's) with what the footer shows; return the publisher."""
    publisher = publisher_from(extra)
    extra["udgiver"], extra["kontakt"] = publisher.name, publisher.contact
    extra["kb_mailto"] = f"mailto:{quote(publisher.contact, safe='@')}"
    extra["kb_licens"] = {"kort": LICENCE.short, "titel": LICENCE.title,
                          "side": LICENCE_SECTION}
    extra["kb_sagsformular"] = issue_form(extra.get("github_repo"))
    return publisher


def placeholder_notice(publisher: Publisher) -> str | None:
    """The build log's notice while publisher or contact is a placeholder, else None."""
    if not publisher.placeholders:
        return None
    names = " og ".join(f"extra.{key}" for key in publisher.placeholders)
    return (f"ADVARSEL: {names} i mkdocs.yml er pladsholdere ({publisher.name}, "
            f"{publisher.contact}); sidefoden, \"Meld en fejl\" og datasættets beskrivelse "
            "viser dem, til de er sat (også via KOORDINERINGSBASEN_UDGIVER og "
            "KOORDINERINGSBASEN_KONTAKT)")


def add_dataset_record(html: str, src_uri: str, catalog: Catalog, site_url: str,
                       extra: MutableMapping[str, Any]) -> str:
    """The "Om data" page with the data set's JSON-LD record in its <head> (a data block, which
    the CSP leaves alone); every other page as it is."""
    if src_uri != OM_DATA or "</head>" not in html:
        return html
    record = dataset_record(catalog, SiteInfo(site_url), publisher_from(extra))
    return html.replace("</head>", f"{json_ld_block(record)}\n  </head>", 1)
