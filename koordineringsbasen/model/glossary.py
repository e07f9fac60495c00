"""The glossary (data/ordliste.yml): abbreviations and the domain terms a reader meets."""

from __future__ import annotations

from pydantic import Field, RootModel, model_validator

from .common import Reference, Strict, Text


class GlossaryEntry(Strict):
    """One abbreviation (`forkortelse`) or one domain term (`begreb`), never both."""

    forkortelse: Text | None = Field(
        None,
        description="Forkortelsen som den skrives, fx 'CU'",
        pattern=r"^[0-9A-Za-zÆØÅæøå§][0-9A-Za-zÆØÅæøå§./-]*$",
    )
    begreb: Text | None = Field(
        None,
        description="Fagordet som det skrives i teksten, fx 'objektiv finansiering'",
        pattern=r"^[A-Za-zÆØÅæøå§][0-9A-Za-zÆØÅæøå§ /-]*$",
    )
    betydning: Text = Field(
        description="Hvad forkortelsen står for, eller hvad begrebet betyder, på dansk"
    )
    forklaring: Text | None = Field(None, description="Kort forklaring med egne ord")
    kilde: Reference | None = Field(None, description="Hvor ordet bruges; påkrævet for begreber")

    @model_validator(mode="after")
    def _one_headword(self) -> GlossaryEntry:
        if (self.forkortelse is None) == (self.begreb is None):
            raise ValueError("angiv enten 'forkortelse' eller 'begreb' (ikke begge)")
        if self.begreb is not None and self.kilde is None:
            raise ValueError("et begreb skal have en kilde, der viser hvor det bruges")
        return self

    @property
    def ord(self) -> str:
        """The headword: the abbreviation or the term."""
        return self.forkortelse or self.begreb or ""


class Glossary(RootModel[list[GlossaryEntry]]):
    """A list of abbreviations and terms; each headword once."""
