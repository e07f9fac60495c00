"""A Pagefind bundle by content: what two builds of the same pages must agree on.

Pagefind names its files by content hash, and writes the values of a filter in an order that
varies from run to run (HashMap order, see Pagefind issue #638), so two indexes of identical
pages can differ in the filter files and therefore in every name that depends on them
(pagefind.<hash>.pf_meta, pagefind-entry.json). Here a bundle is read the way the search reads
it, starting at pagefind-entry.json, and reduced to what it holds: the pages (by fragment hash
and word count), the word index, and each filter's values with their pages, sorted. Every
file the entry points to must be there.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
# Files whose name or content depends on the filter order; compared through `content` instead.
ORDER_DEPENDENT = re.compile(r"^pagefind/(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|filter/.+)$")

Fetch = Callable[[str], bytes]  # bundle file name (e.g. "pagefind/pagefind-entry.json") -> bytes


def _decode(data: bytes) -> Any:
    raw = gzip.decompress(data)
    assert raw.startswith(SIGNATURE), "not a Pagefind file"
    return cbor2.loads(raw[len(SIGNATURE):])


def content(fetch: Fetch) -> dict[str, Any]:
    """The bundle's content per language, independent of Pagefind's file order and names."""
    entry = json.loads(fetch("pagefind/pagefind-entry.json"))
    languages: dict[str, Any] = {}
    for language, info in sorted(entry["languages"].items()):
        version, pages, chunks, filters, *rest = _decode(fetch(f"pagefind/pagefind.{info['hash']}.pf_meta"))
        languages[language] = {
            "version": version, "page_count": info["page_count"], "pages": pages,
            "index": [(first, last, _decode(fetch(f"pagefind/index/{name}.pf_index")))
                      for first, last, name in chunks],
            "filters": {name: sorted((value, sorted(pages)) for value, pages in
                                     _decode(fetch(f"pagefind/filter/{file}.pf_filter"))[1])
                        for name, file in sorted(filters)},
            "rest": rest,
        }
    return {"version": entry["version"], "languages": languages,
            "include_characters": entry.get("include_characters")}
