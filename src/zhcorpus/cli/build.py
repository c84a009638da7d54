"""`corpus build`: rebuild the whole corpus from seeds/, with progress and a summary table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..build import STAGES, BuildOptions, BuildResult, make_options, run_build
from ..errors import InputError
from .stepopts import parse_settings


def _console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _summary(result: BuildResult, opts: BuildOptions) -> Any:
    from rich.table import Table

    s = result.stats
    t = Table(title="corpus build", show_header=False, title_justify="left")
    t.add_column(style="bold")
    t.add_column()
    t.add_row("documents", f"{s.documents}" + (f" ({len(s.failures)} failed)" if s.failures else ""))
    t.add_row("segments", ", ".join(f"{k} {v}" for k, v in sorted(s.segments.items())))
    t.add_row("beads", ", ".join(f"{k}: {v}" for k, v in sorted(s.beads.items(), key=lambda kv: -kv[1])))
    if s.score_mean is not None:
        t.add_row("alignment score", f"mean {s.score_mean:.3f}, lowest {s.score_min:.3f} ({s.score_min_unit})")
    t.add_row("flagged units", f"{s.flagged_units}" + (f" ({', '.join(f'{k} {v}' for k, v in sorted(s.flags.items()))})" if s.flags else ""))
    gl = result.exports.get("glossary", {})
    if s.terms or gl:
        t.add_row("glossary", f"{sum(s.terms.values())} term hits in {len(s.terms)} concepts; "
                  f"{gl.get('misses', 'n/a')} misses")
    if opts.verbose:
        for name, size in sorted(result.files.items()):
            t.add_row("wrote", f"{name} ({size:,} bytes)")
    else:
        groups: dict[str, list[int]] = {}
        for name, size in result.files.items():
            parts = name.split("/")
            key = "/".join(parts[:2]) + "/" if len(parts) > 2 else parts[0] + "/"
            groups.setdefault(key, []).append(size)
        for key, sizes in sorted(groups.items()):
            t.add_row("wrote", f"{key}: {len(sizes)} file(s), {sum(sizes):,} bytes")
    for stage, secs in result.stage_times.items():
        t.add_row("time", f"{stage}: {secs:.2f} s")
    return t


@click.command()
@click.option("--seeds", type=click.Path(path_type=Path), default=None,
              help="Folder with manifest.toml, the documents and glossary.tsv [seeds].")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Folder for the corpus products: JSONL, HF dataset, glossary exports, report [corpus].")
@click.option("--tmx-out", type=click.Path(path_type=Path), default=None, help="Folder for the TMX and SRX files [tmx].")
@click.option("--glossary", type=click.Path(path_type=Path), default=None, help="Glossary TSV [SEEDS/glossary.tsv].")
@click.option("--cache", type=click.Path(path_type=Path), default=None, help="Stage cache folder [.zhcorpus-cache].")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, help="Worker processes for the per-document stages [1].")
@click.option("--engine", type=click.Choice(["local", "ray"]), default=None, help="Where the per-document stages run [local].")
@click.option("--address", default=None, help="Ray cluster address (auto, ray://HOST:PORT); with --engine ray.")
@click.option("--input", "input_", default=None, help="Parquet shards of document pairs to read instead of the manifest (--engine ray): a glob, or an fsspec URL such as s3://bucket/pairs/*.parquet.")
@click.option("--only", type=click.Choice(STAGES), default=None, help="Run this stage alone (earlier results from the cache).")
@click.option("--from", "start", type=click.Choice(STAGES), default=None, help="Run from this stage on.")
@click.option("--force", is_flag=True, default=None, help="Rebuild even when everything is up to date.")
@click.option("--keep-going", is_flag=True, default=None,
              help="When a document fails, build the others, list the failures and exit 1 "
                   "(default: stop at the first failure, outputs untouched).")
@click.option("-q", "--quiet", is_flag=True, default=None, help="Print nothing but errors.")
@click.option("-v", "--verbose", count=True, help="More detail (per-document log lines).")
@click.option("--set", "settings", multiple=True, metavar="STEP.FIELD=VALUE",
              help="A step setting over corpus.toml's [STEP] section (repeatable), e.g. align.low_score=0.3.")
def build(seeds: Path | None, out: Path | None, tmx_out: Path | None, glossary: Path | None, cache: Path | None,
          jobs: int | None, engine: str | None, address: str | None, input_: str | None, only: str | None,
          start: str | None, force: bool | None, keep_going: bool | None, quiet: bool | None, verbose: int,
          settings: tuple[str, ...]) -> None:
    """Rebuild the corpus: ingest/clean → segment → variants → align → glossary → exports → report.

    Defaults come from corpus.toml (or [tool.zhcorpus] in pyproject.toml); options override them.
    Outputs are built in staging folders and swapped in only when every stage succeeded.

    \b
    Example:
      corpus build                      # in the repository root
      corpus build --jobs 2 -v
      corpus build --only align         # one stage, earlier stages from the cache
      corpus build --from exports
      corpus build --set align.segmenter=dictionary --keep-going
    """
    try:
        opts = make_options({"seeds": seeds, "out": out, "tmx_out": tmx_out, "glossary": glossary, "cache": cache,
                         "jobs": jobs, "engine": engine, "address": address, "input": input_, "only": only,
                         "start": start, "force": force or None, "keep_going": keep_going or None, "quiet": quiet or None, "verbose": verbose or None},
                        steps=parse_settings(settings))
    except InputError as exc:
        if exc.path != "--set":
            raise
        raise click.BadParameter(exc.message, param_hint="--set") from None
    if opts.engine != "ray" and (opts.input or opts.address):
        raise click.UsageError("--input and --address go with --engine ray")
    console = _console()
    tty = sys.stderr.isatty() and not opts.quiet

    def log(msg: str) -> None:
        if not opts.quiet:
            console.print(msg, highlight=False)

    if tty:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        bar = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                       console=console, transient=False)
        tasks: dict[str, Any] = {}

        def progress(stage: str, advance: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], advance=advance, total=total)

        with bar:
            result = run_build(opts, progress, log)
    else:
        counts: dict[str, int] = {}

        def progress(stage: str, advance: int, total: int | None) -> None:
            counts[stage] = counts.get(stage, 0) + advance
            if advance and (opts.verbose or counts[stage] == total):
                log(f"{stage}: {counts[stage]}/{total}")

        result = run_build(opts, progress, log)
    if result.up_to_date:
        log(f"up to date: {opts.out}/ and {opts.tmx_out}/ match the inputs (use --force to rebuild)")
        return
    if not opts.quiet:
        console.print(_summary(result, opts))
    if result.stats.failures:  # only with --keep-going: the others were built
        for f in result.stats.failures:
            click.echo(f"FAILED {f['document']}: {f['error']}", err=True)
        click.echo(f"error: {len(result.stats.failures)} document(s) failed and are missing from the outputs "
                   f"(listed in {opts.out}/report.json); the other documents were built", err=True)
        sys.exit(1)
