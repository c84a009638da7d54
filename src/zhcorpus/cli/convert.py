"""`corpus convert` (stream text into one variant) and `corpus variants` (the build stage)."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from ..atomic import atomic_write
from ..errors import InputError
from ..jsonl import dumps, read_jsonl
from ..model import VARIANT_TAGS, Document
from ..pipeline import DocPair
from ..reading import open_input
from ..steps.base import StepContext
from ..steps.variants import VariantsConfig, VariantsStep, make_converter
from ..variants import (
    BACKENDS,
    ControlCharacterError,
    RoundTrip,
    VariantConverter,
    format_report,
    strip_unsafe,
)
from ..variants.converter import MIXED, ROUTES

F = TypeVar("F", bound=Callable[..., Any])

SOURCES = ("auto", *ROUTES)


def _converter_options(f: F) -> F:
    """The options that choose the converter (see :func:`_converter`), shared by both commands."""
    f = click.option("--backend", type=click.Choice(sorted(BACKENDS)), default="opencc", show_default=True,
                     help="Conversion engine.")(f)
    f = click.option("--glossary", type=click.Path(path_type=Path), default=None,
                     help="Also use the zh_tw forms of this glossary TSV as Taiwan phrases.")(f)
    return click.option("--no-tw-phrases", is_flag=True,
                        help="zh-TW by characters only, without the Taiwan phrase list.")(f)


def _config(backend: str, no_tw_phrases: bool, glossary: Path | None) -> VariantsConfig:
    """The variants step's config for these options (= ``[variants]`` in corpus.toml)."""
    return VariantsConfig(backend=backend, tw_phrases=not no_tw_phrases, glossary_phrases=glossary is not None)


def _converter(backend: str, no_tw_phrases: bool, glossary: Path | None) -> VariantConverter:
    return make_converter(_config(backend, no_tw_phrases, glossary), glossary)


def _lines(fh: IO[bytes], name: str) -> Iterator[tuple[int, str, str]]:
    """(line number, text, line end) for each line of a UTF-8 byte stream; bad bytes name the place."""
    for n, raw in enumerate(fh, 1):
        body = raw.rstrip(b"\r\n")
        end = raw[len(body):].decode("ascii")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            col = len(body[:exc.start].decode("utf-8", errors="replace")) + 1
            raise InputError(name, f"not valid UTF-8 (byte 0x{body[exc.start]:02X})", where=f"{n}:{col}") from None
        if n == 1 and text.startswith("\ufeff"):
            text = text[1:]
        yield n, text, end


@click.command()
@click.argument("file", type=click.Path(path_type=Path, allow_dash=True), default="-")
@click.option("--to", "to", type=click.Choice(VARIANT_TAGS), required=True, help="The variant to write.")
@click.option("--from", "source", type=click.Choice(SOURCES), default="auto", show_default=True,
              help="The input form; auto detects the script (and the Traditional regional standard) "
              "line by line, a line with no evidence keeping the previous line's form.")
@click.option("-o", "--output", type=click.Path(path_type=Path, allow_dash=True), default="-",
              help="Write here (atomically) instead of stdout.")
@click.option("--strip-controls", is_flag=True,
              help="Remove control characters (NUL truncates OpenCC output) instead of failing.")
@_converter_options
def convert(file: Path, to: str, source: str, output: Path, strip_controls: bool, no_tw_phrases: bool,
            glossary: Path | None, backend: str) -> None:
    """Convert FILE (or stdin) line by line into the variant --to, streaming to stdout.

    zh-Hans is Simplified, zh-Hant Traditional (OpenCC standard), zh-TW Traditional for Taiwan
    (OpenCC s2tw/t2tw plus the reviewed Taiwan phrase list), zh-HK Traditional for Hong Kong.
    Line ends are kept. A length change made by OpenCC is reported on stderr.

    \b
    Example:
      echo '发展数字经济，推动信息化' | corpus convert --to zh-TW
      corpus convert --to zh-Hans --from zh-TW seeds/zh/003_63451c0a4ff8f0c7.txt -o 003.hans.txt
    """
    conv = _converter(backend, no_tw_phrases, glossary)
    name = "<stdin>" if str(file) == "-" else str(file)
    stripped = mismatches = 0
    last, last_region = "zh-Hans", "zh-Hant"
    fin: IO[bytes] = sys.stdin.buffer if str(file) == "-" else open_input(file)
    to_stdout = str(output) == "-"
    with fin, (atomic_write(output, "wb") if not to_stdout else contextlib.nullcontext(sys.stdout.buffer)) as fout:
        for n, text, end in _lines(fin, name):
            if strip_controls:
                text, k = strip_unsafe(text)
                stripped += k
            try:
                result = conv.convert(text, to, source, default=last, default_region=last_region)
                if source == "auto" and text:
                    if result.source in ("zh-TW", "zh-HK", "zh-Hant"):
                        last_region = result.source
                    if result.source != MIXED:
                        last = result.source
            except ControlCharacterError as exc:
                raise InputError(name, f"{exc.message}; use --strip-controls to remove it",
                                 where=f"{n}:{exc.offset + 1}") from None
            for m in result.mismatches:
                mismatches += 1
                click.echo(f"warning: {name}:{n}: {m.config} changed the length "
                           f"({len(m.source)} → {len(m.output)} characters)", err=True)
            fout.write((result.text + end).encode("utf-8"))
            if to_stdout:
                fout.flush()  # streaming: each line is out as soon as it is converted
    if stripped:
        click.echo(f"removed {stripped} control characters", err=True)
    if mismatches:
        click.echo(f"{mismatches} conversions changed the length (see warnings above)", err=True)


@click.command()
@click.argument("source", type=click.Path(path_type=Path, allow_dash=True), default=Path("corpus/documents.jsonl"))
@click.option("-o", "--output", type=click.Path(path_type=Path, allow_dash=True), default=None,
              help="Where to write the documents (default: SOURCE itself, replaced atomically; "
              "stdout when SOURCE is -).")
@click.option("--report", is_flag=True, help="Print the round-trip report (Hans→Hant→Hans, Hant→Hans→Hant) on stderr.")
@click.option("--report-json", type=click.Path(path_type=Path), default=None,
              help="Write the round-trip report as JSON to this file.")
@_converter_options
def variants(source: Path, output: Path | None, report: bool, report_json: Path | None, no_tw_phrases: bool,
             glossary: Path | None, backend: str) -> None:
    """Add the zh-Hans, zh-Hant, zh-TW and zh-HK variants to every segment of the Chinese
    documents in SOURCE (documents JSONL as written by `corpus ingest`); repair the 壹-for-一
    artifact; detect scripts. English documents pass through unchanged.

    \b
    Example:
      corpus ingest && corpus variants --report
      corpus variants corpus/documents.jsonl -o /tmp/with-variants.jsonl
    """
    step = VariantsStep(_config(backend, no_tw_phrases, glossary), StepContext(glossary))
    from_stdin = str(source) == "-"
    if output is None:
        output = Path("-") if from_stdin else source
    if not from_stdin and not source.is_file():
        raise InputError(source, "no such file (run `corpus ingest` first)")
    trips: list[RoundTrip] = []
    summary: list[str] = []
    repairs = 0
    records = read_jsonl(source) if not from_stdin else _stdin_records()
    to_stdout = str(output) == "-"
    with (atomic_write(output) if not to_stdout else contextlib.nullcontext(sys.stdout)) as fout:
        for rec in records:
            doc = Document.from_dict(rec)
            if doc.lang == "zh":
                n_before = len(doc.meta.get("repairs", []))
                step(DocPair(id=doc.pair_id, zh=doc))
                repairs += len(doc.meta.get("repairs", [])) - n_before
                trips.append(RoundTrip.from_dict(doc.meta["round_trip"]))
                det = doc.meta["script_detection"]
                summary.append(f"{doc.id} {doc.script} ({det['confidence']:.3f})")
            fout.write(dumps(doc.to_dict()) + "\n")
    if report_json is not None:
        with atomic_write(report_json) as fh:
            fh.write(dumps([t.to_dict() for t in trips]) + "\n")
    mixed = [s for s in summary if " mixed " in s]
    click.echo(f"variants added to {len(trips)} Chinese documents: {', '.join(summary)}; "
               f"{repairs} 壹 repaired; mixed-script documents: {len(mixed) or 'none'}", err=True)
    if report:
        click.echo(format_report(trips), err=True)


def _stdin_records() -> Iterator[dict]:
    """Document records from stdin; a bad line names its number."""
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError("<stdin>", f"not valid JSON: {exc.msg}", where=f"{n}:{exc.colno}") from None
