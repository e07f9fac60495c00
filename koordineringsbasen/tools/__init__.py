"""The contributors' commands: scaffolding, importing, finding and diffing data."""
