"""The contributors' commands: scaffolding, importing, anchoring, finding and diffing data."""
