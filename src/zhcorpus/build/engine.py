"""The local engine: the per-document steps in this process (`--jobs 1`) or a process pool.

Results come back in manifest order whatever the number of jobs, so `--jobs N` gives output
identical to `--jobs 1`. The pool is started when the run is made, before the build loads its
exporters, so the workers are forked from a small process; only a few documents per worker are
handed out ahead of the one the build is waiting for, so finished documents never pile up in the
build process when its exports are slower than the workers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

import msgspec

from ..manifest import Entry
from ..pipeline import DocPair
from .worker import DocWorker, WorkerConfig

AHEAD = 4  # documents per worker submitted ahead of the one whose result is awaited

_WORKER: DocWorker | None = None


def _init(config: WorkerConfig) -> None:
    global _WORKER
    _WORKER = DocWorker(config)


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(DocPair)


def _run(entry: Entry) -> bytes | DocPair:
    """The processed pair, as msgpack (several times cheaper to send back than a pickle)."""
    assert _WORKER is not None
    pair = _WORKER(entry)
    try:
        return _ENCODER.encode(pair)
    except (TypeError, msgspec.EncodeError):  # something msgpack cannot hold: pickled as it is
        return pair


def _pair(result: bytes | DocPair) -> DocPair:
    return _DECODER.decode(result) if isinstance(result, bytes) else result


class LocalRun:
    """The pairs of *entries*, in input order, as an iterator; :meth:`close` stops the workers
    (the documents not started yet are dropped)."""

    def __init__(self, entries: Iterable[Entry], config: WorkerConfig, jobs: int = 1) -> None:
        self._entries = iter(entries)
        self._config = config
        self._pool: ProcessPoolExecutor | None = None
        self._pending: deque[Future[bytes | DocPair]] = deque()
        self._worker: DocWorker | None = None
        if jobs > 1:
            self._pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(config,))
            for e in islice(self._entries, jobs * AHEAD):  # the first submission starts the workers
                self._pending.append(self._pool.submit(_run, e))

    def __iter__(self) -> Iterator[DocPair]:
        return self

    def __next__(self) -> DocPair:
        if self._pool is None:
            entry = next(self._entries)
            if self._worker is None:
                self._worker = DocWorker(self._config)
            return self._worker(entry)
        if not self._pending:
            raise StopIteration
        pair = _pair(self._pending.popleft().result())
        for e in islice(self._entries, 1):
            self._pending.append(self._pool.submit(_run, e))
        return pair

    def close(self) -> None:
        """Stop the workers, dropping the documents not started yet."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pending.clear()


def run_local(entries: Iterable[Entry], config: WorkerConfig, jobs: int = 1) -> LocalRun:
    """Process entries (the workers start now), yielding DocPairs in input order."""
    return LocalRun(entries, config, jobs)
