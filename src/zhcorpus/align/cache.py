"""Where the aligner keeps processed resources: ``$XDG_CACHE_HOME/zhcorpus`` or ``~/.cache/zhcorpus``.

Processed forms are keyed by the sha256 of their source, so a changed source is never read stale;
an unwritable cache directory only costs speed (the resource is rebuilt in memory).
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..atomic import atomic_write


def cache_dir() -> Path:
    """The zhcorpus cache directory (``ZHCORPUS_CACHE`` overrides it)."""
    env = os.environ.get("ZHCORPUS_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zhcorpus"


def cached_pickle(name: str, key: str, build: Callable[[], Any]) -> Any:
    """Load ``<cache>/<name>-<key>.pickle``, or build it with *build* and store it atomically
    (removing the same resource's files under other keys)."""
    path = cache_dir() / f"{name}-{key[:16]}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError):
        with open(path, "rb") as fh:
            return pickle.load(fh)
    value = build()
    with contextlib.suppress(OSError):
        with atomic_write(path, "wb", fsync=False) as fh:  # a bad entry is rebuilt when read back
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        for old in path.parent.glob(f"{name}-*.pickle"):  # processed by an older version
            if old != path:
                old.unlink(missing_ok=True)
    return value
