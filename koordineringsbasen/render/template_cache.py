"""Compiled Jinja templates kept between builds (Jinja's own bytecode cache).

mkdocs makes a new theme environment for every build, so Material's templates were parsed and
compiled again each time (half a second of every rebuild under `mkdocs serve`). Jinja keys each
entry by the template's name and source checksum and checks the Python version, so a changed
template is compiled again. The cache lives beside the data cache, safe to delete; without a
writable cache folder templates are simply compiled as before.
"""

from __future__ import annotations

import os

from jinja2 import BytecodeCache, FileSystemBytecodeCache

from .. import settings


def bytecode_cache() -> BytecodeCache | None:
    base = settings.cache_dir()
    if base is None:
        return None
    folder = base / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None
