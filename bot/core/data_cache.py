"""Tables built from shipped data (CSVs, or a package's computations), cached so a start loads instead of builds.

Like Python's own bytecode cache: one file in the data directory's __pycache__ per content hash (of the sources,
the code that builds from them, and the Python version, whose marshal format it is), written whole (a temporary
file renamed), stale ones dropped. A damaged file is rebuilt; a directory we cannot write is built from at every
start, as without a cache.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger("laporbot.data_cache")
T = TypeVar("T")


def cache_file(directory: Path, kind: str, sources: Iterable[Path], version: int, extra: str = "") -> Path:
    """The cache file of `kind` built from these sources (missing ones count as missing) in this format version.

    `extra` is whatever else the content depends on (e.g. the version of the package it was computed with).
    """
    digest = hashlib.sha256(f"{kind} {version} {sys.version} {extra}".encode())
    for source in sources:
        digest.update(f"\0{source.name}\0".encode())
        digest.update(source.read_bytes() if source.exists() else b"(none)")
    return directory / "__pycache__" / f"{kind}-{digest.hexdigest()[:32]}.marshal"


def load(cache: Path, build: Callable[[], T], state_of: Callable[[T], Any], from_state: Callable[[Any], T]
         ) -> tuple[T, str]:
    """(the value, "cache") from the cache file, or (build(), "csv") written to it for the next start."""
    try:
        return from_state(marshal.loads(cache.read_bytes())), "cache"
    except FileNotFoundError:
        pass
    except (ValueError, EOFError, TypeError, IndexError, OSError) as error:
        log.warning("data cache unreadable, rebuilt", extra={"file": cache.name, "error": type(error).__name__})
    built = build()
    write(cache, state_of(built))
    return built, "csv"


def write(cache: Path, state: Any) -> None:
    """Write the cache file whole and drop the stale ones of its kind."""
    kind = cache.name.split("-", 1)[0]
    try:
        cache.parent.mkdir(exist_ok=True)
        partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(state))
        os.replace(partial, cache)
        for old in cache.parent.glob(f"{kind}-*.marshal"):
            if old != cache:
                old.unlink(missing_ok=True)
    except OSError as error:  # a read-only install: built at every start, as without a cache
        log.info("data not cached", extra={"file": cache.name, "error": type(error).__name__})
