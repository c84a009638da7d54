"""The Ray engine: the same per-document steps on a Ray cluster, with Ray Data on an actor pool.

Document pairs are read from Parquet shards (``--input GLOB``, or shards written from the
manifest), processed by :class:`RayDocWorker` actors (one DocWorker each: converters, dictionary
and glossary automaton loaded once per actor) and written back as one Parquet file per input
shard with a deterministic name. A shard whose output exists is skipped, so a crashed run
resumes. The driver then yields the pairs in input order, and the global stages run exactly as
with the local engine, so the outputs are identical.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from ..atomic import atomic_write
from ..errors import InputError
from ..manifest import Manifest
from ..pipeline import DocPair
from ..signature import build_signature
from ..source import Source
from .cache import hash_parts, sha256_file
from .options import BuildOptions
from .worker import DocWorker, WorkerConfig

SHARD_SIZE = 64
FAULT_ENV = "ZHCORPUS_FAULT_INJECT"  # "crash-once:<doc id>:<marker file>" — kills the actor once (tests)


class RayDocWorker:
    """A Ray Data callable class: one DocWorker per actor, applied to batches of Source rows."""

    def __init__(self, config: WorkerConfig) -> None:
        self.worker = DocWorker(config)

    def __call__(self, batch: Any) -> Any:
        """Process a batch (a pyarrow table of Source rows plus shard/seq) into result rows."""
        import pyarrow as pa

        out = []
        for row in batch.to_pylist():
            _maybe_crash(str(row["id"]))
            pair = self.worker(Source.from_row(row))
            out.append({"shard": row["shard"], "seq": int(row["seq"]), "id": pair.id, "status": pair.status,
                        "error": pair.error or "",
                        "pair": json.dumps(pair.to_dict(), ensure_ascii=False, sort_keys=True) if pair.status == "ok" else ""})
        return pa.Table.from_pylist(out, schema=RESULT_SCHEMA())


def RESULT_SCHEMA() -> Any:  # noqa: N802 - a constant that needs pyarrow imported lazily
    """The schema of result rows."""
    import pyarrow as pa

    return pa.schema([("shard", pa.string()), ("seq", pa.int64()), ("id", pa.string()), ("status", pa.string()),
                      ("error", pa.string()), ("pair", pa.large_string())])


def _maybe_crash(doc_id: str) -> None:
    spec = os.environ.get(FAULT_ENV, "")
    if spec.startswith("crash-once:"):
        _, target, marker = spec.split(":", 2)
        if target == doc_id and not os.path.exists(marker):
            Path(marker).write_text("crashed\n", encoding="utf-8")
            os._exit(1)


def _write_parquet(path: Path, rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows)
    with atomic_write(path, "wb") as fh:
        pq.write_table(table, fh, compression="zstd")


def manifest_shards(manifest: Manifest, root: Path, folder: Path, shard_size: int = SHARD_SIZE) -> list[Path]:
    """Write the manifest's document pairs as Parquet shards of Source rows (deterministic names)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    entries = manifest.entries
    for k in range(0, len(entries), shard_size):
        rows = []
        for seq, e in enumerate(entries[k:k + shard_size], start=k):
            try:
                row = Source.from_entry(e, root).to_row()
            except InputError as exc:
                # keep the document: the worker reports it as a failed status row
                row = Source(id=e.id, lang=e.lang, zh_name=e.path.as_posix(), zh_bytes=b"", error=str(exc)).to_row()
            row["seq"] = seq
            rows.append(row)
        path = folder / f"pairs-{k // shard_size:05d}.parquet"
        _write_parquet(path, rows)
        paths.append(path)
    return paths


class InputShards:
    """The Parquet shards to process: local paths, or fsspec URLs (``s3://``, ``gs://``,
    ``file://`` …) read through one fsspec filesystem."""

    def __init__(self, paths: list[str], fs: Any = None) -> None:
        self.paths, self.fs = paths, fs

    def key(self, path: str) -> str:
        """A content key for the shard: its sha256 (local), else the store's checksum (ETag …)."""
        if self.fs is None:
            return sha256_file(Path(path))
        return hash_parts(path, str(self.fs.checksum(path)))

    def rows(self, path: str) -> int:
        """The number of rows in the shard (from the Parquet footer)."""
        import pyarrow.parquet as pq

        if self.fs is None:
            return pq.ParquetFile(path).metadata.num_rows
        with self.fs.open(path, "rb") as fh:
            return pq.ParquetFile(fh).metadata.num_rows

    def ray_filesystem(self) -> Any:
        """The filesystem argument for ``ray.data.read_parquet`` (None: local paths)."""
        if self.fs is None:
            return None
        from pyarrow.fs import FSSpecHandler, PyFileSystem

        return PyFileSystem(FSSpecHandler(self.fs))


def _input_shards(opts: BuildOptions, manifest: Manifest, config: WorkerConfig, work: Path) -> InputShards:
    if opts.input and "://" in opts.input:
        try:
            import fsspec
        except ImportError:  # pragma: no cover - fsspec comes with datasets
            raise InputError(opts.input, "fsspec URLs need the fsspec package") from None
        try:
            fs, pattern = fsspec.core.url_to_fs(opts.input)
            files = sorted(fs.glob(pattern))
        except (ImportError, ValueError, OSError) as exc:
            raise InputError(opts.input, f"cannot list the --input shards: {exc}") from None
        if not files:
            raise InputError(opts.input, "no Parquet files match --input")
        return InputShards(files, fs)
    if opts.input:
        files = sorted(Path(p).resolve().as_posix() for p in glob.glob(opts.input))
        if not files:
            raise InputError(opts.input, "no Parquet files match --input")
        return InputShards(files)
    return InputShards([p.resolve().as_posix() for p in manifest_shards(manifest, config.root, work / "input")])


def run_ray(manifest: Manifest, config: WorkerConfig, opts: BuildOptions) -> Iterator[DocPair]:
    """Process every document pair on Ray; yield DocPairs in input order."""
    try:
        import pyarrow.parquet as pq
        import ray
        import ray.data
    except ImportError:
        raise InputError(None, "the Ray engine needs the ray extra: pip install 'zhcorpus[ray]'") from None
    # actors run in their own working directory: give them absolute paths
    cache = (config.cache or Path(".zhcorpus-cache")).resolve()
    config = replace(config, cache=cache, glossary=config.glossary.resolve() if config.glossary else None)
    work = cache / "ray"
    inputs = _input_shards(opts, manifest, config, work)
    # outputs are keyed by the input shard's content and the worker settings
    signature = json.dumps(build_signature(config.steps, config.glossary), sort_keys=True)
    run_key = hash_parts(signature, json.dumps([config.last, list(config.forced)]))[:16]
    out_dir = work / "output" / run_key
    out_dir.mkdir(parents=True, exist_ok=True)
    targets: dict[str, Path] = {}  # in input order
    todo: list[tuple[str, str]] = []
    for path in inputs.paths:
        shard = f"{PurePosixPath(path).name.removesuffix('.parquet')}-{inputs.key(path)[:12]}"
        targets[shard] = out_dir / f"{shard}.parquet"
        if not targets[shard].exists():
            todo.append((shard, path))
    if todo:
        if not ray.is_initialized():
            ray.init(address=opts.address, include_dashboard=False, log_to_driver=False,
                     ignore_reinit_error=True, logging_level="warning")
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = opts.verbose > 0
        ctx.print_on_execution_start = False
        cpus = int(ray.cluster_resources().get("CPU", 1))
        pool = max(1, cpus - 1)  # leave a CPU for the read and write tasks
        by_path = {p: s for s, p in todo}
        ds = ray.data.read_parquet([p for _, p in todo], include_paths=True, filesystem=inputs.ray_filesystem())
        ds = ds.map_batches(_tag_shard(by_path), batch_format="pyarrow")
        ds = ds.map_batches(RayDocWorker, fn_constructor_args=(config,), batch_size=8, batch_format="pyarrow",
                            compute=ray.data.ActorPoolStrategy(min_size=1, max_size=pool),
                            runtime_env={"env_vars": {FAULT_ENV: os.environ[FAULT_ENV]}} if os.environ.get(FAULT_ENV) else None)
        # Ray Data restarts crashed actors and retries their tasks by default
        expected = {s: inputs.rows(p) for s, p in todo}
        pending: dict[str, list[dict[str, Any]]] = {s: [] for s in expected}
        for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
            for row in batch.to_pylist():
                pending[row["shard"]].append(row)
                if len(pending[row["shard"]]) == expected[row["shard"]]:
                    rows = sorted(pending.pop(row["shard"]), key=lambda r: (r["seq"], r["id"]))
                    _write_parquet(targets[row["shard"]], rows)
    for shard in targets:
        table = pq.read_table(targets[shard])
        for r in sorted(table.to_pylist(), key=lambda r: (r["seq"], r["id"])):
            if r["status"] == "ok":
                yield DocPair.from_dict(json.loads(r["pair"]))
            else:
                yield DocPair(id=r["id"], zh=None, status="failed", error=r["error"])


def _tag_shard(by_path: dict[str, str]) -> Any:
    def tag(table: Any) -> Any:
        import pyarrow as pa

        shards = [by_path[p] if p in by_path else by_path[p.split("://", 1)[-1]]
                  for p in table.column("path").to_pylist()]
        table = table.drop_columns(["path"])
        if "seq" not in table.column_names:  # user shards without an order column: ordered by id
            table = table.append_column("seq", pa.array([-1] * table.num_rows, pa.int64()))
        return table.append_column("shard", pa.array(shards, pa.string()))

    return tag
