"""Give memory freed by large transient texts back to the operating system.

Ingesting a large file makes and drops several copies of its text (one per cleaning pass). glibc
serves such blocks from its heap once a large block has been freed (its mmap threshold rises),
and the holes they leave stay resident: for a 5 MB Chinese file about twice the file's size that
no later object reuses (Python's small objects live in separate arenas). ``malloc_trim`` returns
those free pages. Elsewhere (macOS, musl, Windows) this is a no-op.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import lru_cache

LARGE = 1 << 20  # characters: below this, the holes are too small to matter and the call is skipped


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


def release_freed(size: int) -> None:
    """After a text of *size* characters was dropped: return the C heap's free pages if it was large."""
    if size >= LARGE and (trim := _malloc_trim()) is not None:
        trim(0)
