"""`corpus convert` (stream text into one variant) and `corpus variants` (the build stage)."""

from __future__ import annotations

import codecs
import contextlib
import io
import itertools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from ..atomic import atomic_write
from ..errors import InputError
from ..jsonl import dumps, read_jsonl
from ..model import VARIANT_TAGS, Document
from ..pipeline import DocPair
from ..reading import check_encoding_name, open_input
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
    f = click.option("--no-quotes", is_flag=True,
                     help="Keep “” and ‘’ in zh-TW and zh-HK (default: 「」 and 『』, as Taiwan and Hong Kong write).")(f)
    f = click.option("--no-hk-phrases", is_flag=True,
                     help="zh-HK by characters and glyphs only, without the Hong Kong phrase list.")(f)
    return click.option("--no-tw-phrases", is_flag=True,
                        help="zh-TW by characters only, without the Taiwan phrase list.")(f)


def _config(backend: str, no_tw_phrases: bool, glossary: Path | None, no_hk_phrases: bool = False,
            no_quotes: bool = False) -> VariantsConfig:
    """The variants step's config for these options (= ``[variants]`` in corpus.toml)."""
    return VariantsConfig(backend=backend, tw_phrases=not no_tw_phrases, glossary_phrases=glossary is not None,
                          hk_phrases=not no_hk_phrases, quotes=not no_quotes)


def _converter(backend: str, no_tw_phrases: bool, glossary: Path | None, no_hk_phrases: bool = False,
               no_quotes: bool = False) -> VariantConverter:
    return make_converter(_config(backend, no_tw_phrases, glossary, no_hk_phrases, no_quotes), glossary)


def _lines(fh: IO[bytes], name: str, encoding: str = "utf-8") -> Iterator[tuple[int, str, str]]:
    """(line number, text, line end) for each line of a byte stream in *encoding* (UTF-8 unless
    --encoding names an ASCII-compatible one such as gb18030 or big5); bad bytes name the place."""
    for n, raw in enumerate(fh, 1):
        body = raw.rstrip(b"\r\n")
        end = raw[len(body):].decode("ascii")
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            col = len(body[:exc.start].decode(encoding, errors="replace")) + 1
            hint = "" if encoding != "utf-8" else "; give the file's encoding with --encoding"
            label = "UTF-8" if encoding == "utf-8" else encoding
            raise InputError(name, f"not valid {label} (byte 0x{body[exc.start]:02X}){hint}",
                             where=f"{n}:{col}") from None
        if n == 1 and text.startswith("\ufeff"):
            text = text[1:]
        yield n, text, end


_SNIFF = 1 << 16


def _input_lines(fh: IO[bytes], name: str, *, from_stdin: bool,
                 encoding: str = "utf-8") -> tuple[Iterator[tuple[int, str, str]], str | None]:
    """The input's lines, and a note when the file is not UTF-8.

    UTF-8 streams line by line. A file that starts with a UTF-16 byte-order mark or whose first
    64 KB are not UTF-8 is read whole through :func:`zhcorpus.reading.decode_bytes` (GB18030,
    Big5, UTF-16 detected there; a failure names the byte offset).
    """
    if from_stdin or encoding != "utf-8":  # standard input, or --encoding given: read as told
        return _lines(fh, name, encoding), None
    head = fh.read(_SNIFF)
    if not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            head.decode("utf-8")
            utf8 = True
        except UnicodeDecodeError as exc:
            utf8 = exc.start >= len(head) - 3 and len(head) == _SNIFF  # a character cut at the sniff's end
        if utf8:
            return _lines(itertools.chain(io.BytesIO(head + fh.readline()), fh), name), None  # type: ignore[arg-type]
    from ..reading import decode_bytes

    decoded = decode_bytes(head + fh.read(), name)
    text = decoded.text
    return _decoded_lines(text), f"{name}: read as {decoded.encoding}"


def _decoded_lines(text: str) -> Iterator[tuple[int, str, str]]:
    for n, line in enumerate(text.splitlines(keepends=True), 1):
        body = line.rstrip("\n")
        yield n, body, line[len(body):]


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
@click.option("--encoding", default="utf-8", show_default=True,
              help="Encoding of FILE or stdin (ASCII-compatible: utf-8, gb18030, big5); output is UTF-8.")
@_converter_options
def convert(file: Path, to: str, source: str, output: Path, strip_controls: bool, encoding: str,
            no_tw_phrases: bool, glossary: Path | None, backend: str, no_hk_phrases: bool, no_quotes: bool) -> None:
    """Convert FILE (or stdin) line by line into the variant --to, streaming to stdout.

    zh-Hans is Simplified, zh-Hant Traditional (OpenCC standard), zh-TW Traditional for Taiwan
    (OpenCC s2tw/t2tw, 佈→布, the reviewed Taiwan phrase list), zh-HK Traditional as Hong Kong
    government text writes it (OpenCC s2hk, its glyphs 脫 說 稅 戶 群, the Hong Kong phrase list);
    both with 「」 quotation marks unless --no-quotes.
    Line ends are kept. A length change made by OpenCC is reported on stderr.

    \b
    Example:
      echo '发展数字经济，推动信息化' | corpus convert --to zh-TW
      corpus convert --to zh-Hans --from zh-TW seeds/zh/003_63451c0a4ff8f0c7.txt -o 003.hans.txt
    """
    conv = _converter(backend, no_tw_phrases, glossary, no_hk_phrases, no_quotes)
    name = "<stdin>" if str(file) == "-" else str(file)
    stripped = mismatches = 0
    last, last_region = "zh-Hans", "zh-Hant"
    fin: IO[bytes] = sys.stdin.buffer if str(file) == "-" else open_input(file)
    to_stdout = str(output) == "-"
    lines, note = _input_lines(fin, name, from_stdin=str(file) == "-", encoding=check_encoding_name(encoding, name))
    if note:
        click.echo(note, err=True)
    seen_text = False
    with fin, (atomic_write(output, "wb") if not to_stdout else contextlib.nullcontext(sys.stdout.buffer)) as fout:
        for n, text, end in lines:
            seen_text = seen_text or bool(text.strip())
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
        if not seen_text:  # raised inside the atomic write: an earlier -o file is kept
            raise InputError(name, "no text to convert (the input is empty or only whitespace)"
                             + ("" if to_stdout else f"; {output} was left as it was"))
    if stripped:
        click.echo(f"removed {stripped} control characters", err=True)
    if mismatches:
        click.echo(f"{mismatches} conversions changed the length (see warnings above)", err=True)


@click.command()
@click.argument("source", type=click.Path(path_type=Path, allow_dash=True), default=Path("corpus/documents.jsonl"))
@click.option("-o", "--output", type=click.Path(path_type=Path, allow_dash=True), default=None,
              help="Where to write the documents (default: a SOURCE you name is replaced atomically; "
              "stdout when SOURCE is - or not given, so the build's own documents.jsonl is never rewritten unasked).")
@click.option("--report", is_flag=True, help="Print the round-trip report (Hans→Hant→Hans, Hant→Hans→Hant) on stderr.")
@click.option("--report-json", type=click.Path(path_type=Path), default=None,
              help="Write the round-trip report as JSON to this file.")
@_converter_options
def variants(source: Path, output: Path | None, report: bool, report_json: Path | None, no_tw_phrases: bool,
             glossary: Path | None, backend: str, no_hk_phrases: bool, no_quotes: bool) -> None:
    """Add the zh-Hans, zh-Hant, zh-TW and zh-HK variants to every segment of the Chinese
    documents in SOURCE (documents JSONL as written by `corpus ingest`); repair the 壹-for-一
    artifact and reviewed converter errors (註重→注重); detect scripts. English documents pass through unchanged.

    \b
    Example:
      corpus variants --report > /tmp/with-variants.jsonl     # the build's documents, to stdout
      corpus variants corpus/documents.jsonl -o /tmp/with-variants.jsonl
    """
    step = VariantsStep(_config(backend, no_tw_phrases, glossary, no_hk_phrases, no_quotes), StepContext(glossary))
    from_stdin = str(source) == "-"
    named = click.get_current_context().get_parameter_source("source") != click.core.ParameterSource.DEFAULT
    if output is None:
        output = source if named and not from_stdin else Path("-")
    if not from_stdin and not source.is_file():
        raise InputError(source, "no such file (run `corpus ingest` first)")
    trips: list[RoundTrip] = []
    summary: list[str] = []
    repairs: Counter[str] = Counter()
    records = read_jsonl(source) if not from_stdin else _stdin_records()
    docs_seen = 0
    to_stdout = str(output) == "-"
    with (atomic_write(output) if not to_stdout else contextlib.nullcontext(sys.stdout)) as fout:
        for n, rec in enumerate(records, 1):
            docs_seen = n
            try:
                doc = Document.from_dict(rec)
            except (TypeError, KeyError, AttributeError) as exc:
                raise InputError(source, f"not a document record: {exc}", where=f"record {n}") from None
            if doc.lang == "zh":
                n_before = len(doc.repairs or [])
                step(DocPair(id=doc.pair_id, zh=doc))
                repairs.update(r["rule"] for r in (doc.repairs or [])[n_before:])
                trips.append(RoundTrip.from_dict(doc.round_trip or {}))
                det = doc.script_detection or {}
                summary.append(f"{doc.id} {doc.script} ({det['confidence']:.3f})")
            fout.write(dumps(doc.to_dict()) + "\n")
        if not docs_seen:  # inside the atomic write: an earlier output stays
            raise InputError(source, "no document records (the input is empty); nothing was written")
    if report_json is not None:
        with atomic_write(report_json) as fh:
            fh.write(dumps([t.to_dict() for t in trips]) + "\n")
    mixed = [s for s in summary if " mixed " in s]
    click.echo(f"variants added to {len(trips)} Chinese documents: {', '.join(summary)}; "
               f"{repairs['yi-repair']} 壹 repaired; {repairs['converter-error']} converter errors repaired; "
               f"mixed-script documents: {len(mixed) or 'none'}", err=True)
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
