"""The exporter protocol: open with the build's context, take document pairs one at a time, close
with a report. One streaming pass over the pipeline's output feeds every exporter."""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from ..pipeline import DocPair

T = TypeVar("T")
Offload = Callable[..., Future[Any]]  # runs fn(*args) in a spare process: offload(fn, *args)


@dataclass
class ExportContext:
    """What exporters know about the build: where to write, the date, the glossary, the signature."""

    out_dir: Path  # corpus products (JSONL, HF, glossary, plain text)
    tmx_dir: Path  # TMX and SRX
    date: dt.datetime
    glossary: Any = None  # a loaded Glossary or None
    signature: dict[str, Any] = field(default_factory=dict)  # zhcorpus.signature.build_signature()
    corpus: dict[str, Any] = field(default_factory=dict)  # the manifest's [corpus] table
    tmx_codes: str = "region"
    alignment_eval: Path | None = None  # measured aligner F1 quoted in the dataset card
    qa_allowlist: Path | None = None  # reviewed QA findings (<seeds>/qa_allowlist.tsv)
    dataset_path: str = ""  # the final dataset folder (e.g. corpus/hf), for the card's usage snippet
    _latest: dict[str, tuple[DocPair, Any]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def per_pair(self, name: str, pair: DocPair, make: Callable[[], T]) -> T:
        """What several exporters derive alike from one pair (*name* says what), made once: the
        latest pair's is kept, since every exporter takes the pair before the next one comes."""
        latest = self._latest.get(name)
        if latest is not None and latest[0] is pair:
            return latest[1]
        value = make()
        self._latest[name] = (pair, value)
        return value


class Exporter:
    """Base class: ``open(ctx)``, ``add(pair)`` per document pair in manifest order, ``close()``
    → a JSON-ready report (``{}`` when there is nothing to say); ``abort()`` after a failure."""

    name: ClassVar[str]
    description: ClassVar[str]  # one line for the dataset card's list of exports
    spare_imports: ClassVar[tuple[str, ...]] = ()  # modules a spare process for start_close imports ahead

    def open(self, ctx: ExportContext) -> None:
        """Prepare to write (files are opened here, not in ``__init__``)."""
        self.ctx = ctx

    def add(self, pair: DocPair) -> None:
        """Take one finished document pair."""

    def close(self) -> dict[str, Any]:
        """Finish writing; the report."""
        return {}

    def abort(self) -> None:
        """Stop after a failure elsewhere (the build removes the staging folders)."""

    def start_close(self, offload: Offload) -> Callable[[], dict[str, Any]] | None:
        """Hand the closing work to *offload* (a spare process) and return the function that
        waits for it and gives the report, or None to be closed in the build's process (the
        default: only a heavy, self-contained last step is worth sending away)."""
        return None


_END = object()


class PullExporter(Exporter):
    """An exporter around a function that *pulls* units from an iterable (``consume(units)``), run
    in a thread fed one pair's units at a time through a bounded queue: memory stays flat, the function
    needs no change, and every exporter still sees the single pass."""

    def consume(self, units: Iterable[Any]) -> dict[str, Any]:
        """Read every unit and write; return the report."""
        raise NotImplementedError

    def open(self, ctx: ExportContext) -> None:
        super().open(ctx)
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=16)  # pairs (about 35 units each)
        self._result: dict[str, Any] = {}
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"export-{self.name}", daemon=True)
        self._thread.start()

    def _items(self) -> Iterator[Any]:
        while True:
            batch = self._queue.get()  # one pair's units at a time: a queue operation per unit cost more than the work
            if batch is _END:
                return
            yield from batch

    def _run(self) -> None:
        try:
            self._result = self.consume(self._items())
        except BaseException as exc:  # noqa: BLE001 - re-raised in the build's thread by close()
            self._error = exc
            for _ in self._items():  # drain, so that add() never blocks on a dead consumer
                pass

    def add(self, pair: DocPair) -> None:
        if pair.units:
            self._queue.put(list(pair.units))

    def close(self) -> dict[str, Any]:
        self._queue.put(_END)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result

    def abort(self) -> None:
        if self._thread.is_alive():
            self._queue.put(_END)
            self._thread.join()


def run_exporters(exporters: list[Exporter], pairs: Iterable[DocPair],
                  on_pair: Callable[[DocPair], None] | None = None) -> None:
    """Feed every pair to every exporter (one pass); *on_pair* sees each pair first."""
    for pair in pairs:
        if on_pair is not None:
            on_pair(pair)
        for e in exporters:
            e.add(pair)
