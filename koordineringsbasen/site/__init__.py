"""Everything that runs inside an mkdocs build: build state, generated pages, search, CSP."""
