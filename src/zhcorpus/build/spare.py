"""Fresh processes for the build's own work after its last document (the report's plots, the
dataset export), so that it runs on the cores the documents no longer use.

They are spawned, not forked: a fresh process holds only what its job needs, so the build's peak
memory does not grow by a copy of a worker's aligner tables or of the build process's units.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from ..errors import ZhcorpusError


def _call(fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    """*fn(*args)*; an exception that would not survive the trip back (a custom ``__init__``)
    comes back as a ZhcorpusError with the same message."""
    try:
        return fn(*args)
    except Exception as exc:
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:  # noqa: BLE001 - any failure to round-trip
            raise ZhcorpusError(str(exc)) from None
        raise


class SpareProcesses:
    """Up to *processes* spawned processes, started on the first job; :meth:`close` waits for them."""

    def __init__(self, processes: int) -> None:
        self._pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"))

    def __call__(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """*fn(*args)* in a spare process (*fn* a module-level function, the arguments picklable)."""
        return self._pool.submit(_call, fn, args)

    def close(self) -> None:
        """Wait for the running jobs and stop the processes (jobs not started are dropped)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
