"""Only under `mkdocs serve`: incremental rebuilds, the preview banner, the watcher."""
