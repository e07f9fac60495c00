"""The glossary of abbreviations (data/ordliste.yml): one shared vocabulary file."""

from __future__ import annotations

from pydantic import Field, RootModel

from .common import Reference, Strict, Text


class GlossaryEntry(Strict):
    forkortelse: Text = Field(
        description="Forkortelsen som den skrives, fx 'CU'",
        pattern=r"^[0-9A-Za-zÆØÅæøå§][0-9A-Za-zÆØÅæøå§./-]*$",
    )
    betydning: Text = Field(description="Hvad den står for, på dansk")
    forklaring: Text | None = Field(None, description="Kort forklaring med egne ord")
    kilde: Reference | None = None


class Glossary(RootModel[list[GlossaryEntry]]):
    """A list of abbreviations; each abbreviation once."""
