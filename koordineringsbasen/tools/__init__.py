"""Contributor tools: commands that write data (the importer)."""
