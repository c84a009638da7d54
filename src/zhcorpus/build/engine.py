"""The local engine: the per-document steps in this process (`--jobs 1`) or a process pool.

Results come back in manifest order whatever the number of jobs, so `--jobs N` gives output
identical to `--jobs 1`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from ..manifest import Entry
from ..pipeline import DocPair
from .worker import DocWorker, WorkerConfig

_WORKER: DocWorker | None = None


def _init(config: WorkerConfig) -> None:
    global _WORKER
    _WORKER = DocWorker(config)


def _run(entry: Entry) -> DocPair:
    assert _WORKER is not None
    return _WORKER(entry)


def run_local(entries: Iterable[Entry], config: WorkerConfig, jobs: int = 1) -> Iterator[DocPair]:
    """Process entries, yielding DocPairs in input order."""
    if jobs <= 1:
        worker = DocWorker(config)
        for e in entries:
            yield worker(e)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(config,))
    try:
        yield from pool.map(_run, entries, chunksize=1)
    finally:  # stopped early (a failed document): drop the documents not started yet
        pool.shutdown(wait=True, cancel_futures=True)
