"""Compiled Jinja templates kept between builds (Jinja's own bytecode cache).

mkdocs makes a new theme environment for every build, so Material's templates were parsed and
compiled again each time (half a second of every rebuild under `mkdocs serve`). Jinja keys each
entry by the template's name and source checksum and checks the Python version, so a changed
template is compiled again. The cache lives beside the data cache, safe to delete; without a
writable cache folder templates are simply compiled as before. A damaged entry (a truncated
file, garbage) is discarded with a notice and the template compiled again: never fatal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket

from .. import settings


class TolerantBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache, but a damaged file is a cache miss (and removed), not an error."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception as exc:  # noqa: BLE001 - any damage (EOF, unpickling, marshal) is a miss
            bucket.reset()
            path = Path(self._get_cache_filename(bucket))
            print(f"Bemærk: skabelon-cachen {path} var beskadiget ({type(exc).__name__}) og er "
                  "kasseret; skabelonen oversættes igen.", file=sys.stderr)
            path.unlink(missing_ok=True)


def bytecode_cache() -> BytecodeCache | None:
    base = settings.cache_dir()
    if base is None:
        return None
    folder = base / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return TolerantBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None
