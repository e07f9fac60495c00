"""`make build`: one build at a time per checkout, each in its own folder, swapped in whole.

    python -m koordineringsbasen.site.publish [--root DIR] -- COMMAND … {dir} …

1. A lock (`.site.lock`, flock) lets one build run per checkout; a second is refused with a
   Danish message naming the holder (pid, start time). The kernel releases the lock when the
   holder dies, so a killed build never blocks the next.
2. COMMAND builds into a new folder `site.build-<id>/` ({dir} in the command).
3. `site` is a symlink to the published build. The swap makes a new symlink and renames it over
   `site` (rename(2) is atomic), so `site` always names one complete build, old or new, even if
   the process is killed between any two steps. A `site/` that is still a real folder (from
   before) is exchanged with the new symlink by renameat2(RENAME_EXCHANGE) where the kernel has
   it; elsewhere it is moved aside first (a moment without `site`, once per checkout).
4. Builds that are no longer published (old, failed or killed ones) are removed afterwards.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import datetime as dt
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

SITE = "site"
LOCK = ".site.lock"
BUILD_PREFIX = "site.build-"
LINK_PREFIX = ".site.link-"
OK, REFUSED = 0, 1
# For the tests: the process dies (as if killed) right after the named step of the swap.
FAULT_ENV = "KOORDINERINGSBASEN_PUBLISH_FAULT"
STEPS = ("built", "linked", "swapped", "cleaned")
RENAME_EXCHANGE = 2
AT_FDCWD = -100


class BuildLocked(Exception):
    """Another build holds the checkout's lock."""


def _step(name: str) -> None:
    if os.environ.get(FAULT_ENV) == name:
        os._exit(137)  # as SIGKILL would end it: no cleanup, no finally


def acquire_lock(root: Path) -> int:
    """Hold the checkout's build lock (returns its file descriptor) or raise BuildLocked."""
    fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 400, 0).decode("utf-8", "replace").strip() or "ukendt proces"
        os.close(fd)
        raise BuildLocked(holder) from None
    started = dt.datetime.now().strftime("%H:%M:%S")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()}, startet kl. {started}\n".encode(), 0)
    return fd


def release_lock(fd: int) -> None:
    os.ftruncate(fd, 0)
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names atomically with renameat2(RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second),
                       RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(first))


def swap_in(root: Path, build: Path) -> None:
    """Publish `build` (a folder in `root`) as `root/site`; `site` is complete at every step."""
    site = root / SITE
    link = root / f"{LINK_PREFIX}{build.name.removeprefix(BUILD_PREFIX)}"
    link.unlink(missing_ok=True)
    link.symlink_to(build.name)  # relative: the checkout may move
    _step("linked")
    if site.is_symlink() or not site.exists():
        os.replace(link, site)
    elif _exchange(link, site):
        shutil.rmtree(link)  # now the old real folder
    else:
        aside = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX + "old-", dir=root))
        os.replace(site, aside / SITE)
        os.replace(link, site)
    _step("swapped")
    remove_unpublished(root)
    _step("cleaned")


def remove_unpublished(root: Path) -> None:
    """Remove every build folder and link that `site` does not point to (old builds, and
    what killed or failed builds left). Only called under the lock."""
    site = root / SITE
    current = os.readlink(site) if site.is_symlink() else None
    for path in root.iterdir():
        if path.name.startswith(LINK_PREFIX) and path.is_symlink():
            path.unlink()
        elif path.name.startswith(BUILD_PREFIX) and path.name != current \
                and not path.is_symlink() and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def publish(root: Path, build_into: Callable[[Path], int]) -> int:
    """Build with `build_into(folder)` under the lock and swap the result in on success."""
    fd = acquire_lock(root)
    try:
        remove_unpublished(root)  # leftovers of a killed build
        build = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=root))
        build.chmod(0o755)  # mkdtemp's 0700 would hide the site from a web server
        code = build_into(build)
        if code != 0:
            shutil.rmtree(build, ignore_errors=True)
            print(f"Bygget fejlede (kode {code}); {SITE}/ er uændret.", file=sys.stderr)
            return code
        _step("built")
        swap_in(root, build)
        return OK
    finally:
        release_lock(fd)


def run_command(command: Sequence[str]) -> Callable[[Path], int]:
    def build_into(folder: Path) -> int:
        args = [part.replace("{dir}", str(folder)) for part in command]
        return subprocess.run(args, check=False).returncode
    return build_into


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m koordineringsbasen.site.publish",
                                     description="Byg sitet i en ny mappe og skift det ind.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="arbejdskopien")
    parser.add_argument("command", nargs="+", help="byggekommandoen; {dir} er mappen")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        return publish(root, run_command(args.command))
    except BuildLocked as exc:
        print(f"Et andet byg kører allerede i {root} ({exc}); dette byg er ikke startet. "
              f"Vent, til det andet er færdigt, og prøv igen.", file=sys.stderr)
        return REFUSED


if __name__ == "__main__":
    raise SystemExit(main())
