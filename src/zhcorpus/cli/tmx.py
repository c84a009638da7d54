"""`corpus tmx`: export, import, validate, inspect and merge TMX files; write the SRX rules."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ..errors import EXIT_CHECK, EXIT_DATA, InputError
from ..jsonl import read_jsonl
from ..model import Unit
from ..tmx.dedup import CONFLICT_POLICIES, DUPLICATE_POLICIES
from ..tmx.export import export_tmx
from ..tmx.importer import FORMATS, import_tmx
from ..tmx.langs import DEFAULT_PAIRS, PROFILES, REGION_CODES, lang
from ..tmx.merge import merge_per_pair, merge_tmx
from ..tmx.srx import write_srx
from ..tmx.stats import tmx_stats
from ..tmx.text import tmx_date
from ..tmx.validate import validate_tmx

_DUP_HELP = "Identical TUs: merge them into the first (count in x-count) or keep every one."
_CONFLICT_HELP = ("One source, several translations: keep all (reported), the first, the most frequent "
                  "or the best-scoring one.")


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return tmx_date(value)
    except ValueError as exc:
        if value is None:  # the date came from the environment: bad input, not a usage error
            raise InputError("SOURCE_DATE_EPOCH", f"{exc} (seconds since 1970, up to year 9999)") from None
        raise click.BadParameter(str(exc)) from None


def _pairs(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    if not value:
        return DEFAULT_PAIRS
    out = []
    for item in value:
        src, sep, tgt = item.partition(":")
        if not sep:
            raise click.BadParameter(f"{item!r}: write a pair as SRC:TGT, e.g. zh-CN:en-US")
        try:
            out.append((lang(src).code, lang(tgt).code))
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    return tuple(out)


def _units(path: Path) -> Iterator[Unit]:
    n = 0
    for n, record in enumerate(read_jsonl(path), 1):
        try:
            yield Unit.from_dict(record)
        except (TypeError, KeyError, AttributeError) as exc:
            raise InputError(path, f"not a unit record: {exc}", where=f"record {n}") from None
    if n == 0:
        raise InputError(path, "no unit records (the file is empty): nothing to export")


def _scripts(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    out = {}
    for doc in read_jsonl(path):
        if doc.get("lang") == "zh" and doc.get("script") in ("Hans", "Hant"):
            out[str(doc["id"]).rsplit(".", 1)[0]] = doc["script"]
    return out


@click.group()
def tmx() -> None:
    """TMX 1.4b translation memories that CAT tools (OmegaT, Trados, memoQ, Phrase) import whole.

    \b
    Example:
      corpus tmx export corpus/units.jsonl -o tmx/
      corpus tmx validate tmx/zhcorpus_zh-CN_en-US.tmx
    """


@tmx.command("export")
@click.argument("units", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("tmx"),
              show_default=True, help="Folder for the TMX files.")
@click.option("--codes", type=click.Choice(PROFILES), default="region", show_default=True,
              help="Language codes: region (zh-CN, zh-TW, zh-HK) or script (zh-Hans, zh-Hant, zh-Hant-HK).")
@click.option("--pair", "pairs", multiple=True, callback=_pairs, metavar="SRC:TGT",
              help=f"A pair to write (repeatable; codes {', '.join(REGION_CODES)}). "
                   "Default: zh-CN:en-US, zh-TW:en-US, zh-HK:en-US, zh-CN:zh-TW.")
@click.option("--multilingual", is_flag=True, help="One file with every language instead of a file per pair "
              "(Trados reads only one pair of it).")
@click.option("--gzip", "gz", is_flag=True, help="Write .tmx.gz.")
@click.option("--date", callback=_date, metavar="DATE",
              help="creationdate (YYYY-MM-DD, ISO date-time or epoch seconds). Default: SOURCE_DATE_EPOCH, else none.")
@click.option("--duplicates", type=click.Choice(DUPLICATE_POLICIES), default="merge", show_default=True, help=_DUP_HELP)
@click.option("--conflicts", type=click.Choice(CONFLICT_POLICIES), default="all", show_default=True, help=_CONFLICT_HELP)
@click.option("--documents", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="documents.jsonl, for the script of units that have no variants yet (Hant -> zh-TW).")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON on stdout.")
def export_cmd(units: Path, out: Path, codes: str, pairs: tuple[tuple[str, str], ...], multilingual: bool,
               gz: bool, date: str | None, duplicates: str, conflicts: str, documents: Path | None,
               as_json: bool) -> None:
    """Write the units of UNITS (JSONL, one unit a line) as TMX files, one per language pair.

    Units with an empty side or without the variant a file needs are counted, not written.

    \b
    Example:
      corpus tmx export corpus/units.jsonl -o tmx/ --date 2026-11-24
      corpus tmx export corpus/units.jsonl --pair zh-CN:en-US --codes script --gzip
    """
    result = export_tmx(_units(units), out, codes=codes, pairs=pairs, creation_date=date, gzip=gz,
                        multilingual=multilingual, duplicates=duplicates, conflicts=conflicts,
                        scripts=_scripts(documents))
    if as_json:
        click.echo(json.dumps({k: r.to_dict() for k, r in result.reports.items()}, ensure_ascii=False,
                              indent=2, sort_keys=True))
    for rep in result.reports.values():
        click.echo(rep.summary(), err=True)


@tmx.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", default="-", show_default=True, help="JSONL output file ('-' for stdout).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="units", show_default=True,
              help="units: the project's unit records; raw: every TU field, inline codes included.")
@click.option("--zh", metavar="TAG", help="Which Chinese segment becomes the unit's text when a TU has several.")
def import_cmd(file: Path, out: str, fmt: str, zh: str | None) -> None:
    """Read FILE (TMX 1.1-1.4b, UTF-8 or UTF-16, .tmx.gz) and write it as JSONL.

    \b
    Example:
      corpus tmx import tmx/zhcorpus_zh-CN_en-US.tmx -o units.jsonl
      corpus tmx import vendor.tmx --format raw | head
    """
    target = sys.stdout if out == "-" else Path(out)
    rep = import_tmx(file, target, fmt=fmt, zh=zh)
    click.echo(rep.summary(), err=True)


@tmx.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help=f"Warnings fail too (exit {EXIT_CHECK}).")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def validate_cmd(files: tuple[Path, ...], strict: bool, as_json: bool) -> None:
    """Check FILES against the TMX 1.4b DTD and what CAT tools need: language codes, header, empty
    or padded segments, illegal characters, dates, duplicate tuids, one pair per file.

    Exit 0 when valid, 1 on errors, 3 with --strict on warnings.

    \b
    Example:
      corpus tmx validate tmx/*.tmx
    """
    failed = warned = False
    out = []
    for f in files:
        rep = validate_tmx(f)
        failed |= not rep.ok
        warned |= rep.warnings > 0
        if as_json:
            out.append({"path": str(f), "ok": rep.ok, "tus": rep.tus, "errors": rep.errors, "warnings": rep.warnings,
                        "issues": [i.__dict__ for i in rep.issues]})
            continue
        for issue in rep.issues:
            click.echo(issue.render(str(f)))
        hidden = len(rep.issues) < rep.errors + rep.warnings
        verdict = "valid" if rep.ok else "INVALID"
        click.echo(f"{f}: {verdict}, {rep.tus} TUs, {rep.errors} errors, {rep.warnings} warnings"
                   + (" (first 20 of each kind shown)" if hidden else ""))
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(EXIT_DATA)
    if strict and warned:
        sys.exit(EXIT_CHECK)


@tmx.command("stats")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def stats_cmd(file: Path, as_json: bool) -> None:
    """Count what FILE holds: TUs, languages, lengths, bead types, documents, duplicates, conflicts.

    \b
    Example:
      corpus tmx stats tmx/zhcorpus_zh-CN_en-US.tmx
    """
    st = tmx_stats(file)
    click.echo(json.dumps(st.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) if as_json else st.render())


@tmx.command("merge")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The merged TMX (.tmx or .tmx.gz).")
@click.option("--srclang", metavar="TAG", help="Source language. Default: the first file's srclang.")
@click.option("--duplicates", type=click.Choice(DUPLICATE_POLICIES), default="merge", show_default=True, help=_DUP_HELP)
@click.option("--conflicts", type=click.Choice(CONFLICT_POLICIES), default="all", show_default=True, help=_CONFLICT_HELP)
@click.option("--date", callback=_date, metavar="DATE", help="creationdate of the merged file (as for export).")
@click.option("--per-pair", is_flag=True, help="Files of different language pairs: one merged file per pair, "
              "named OUT_<src>_<tgt>.tmx (otherwise such a merge is refused: units would be dropped).")
def merge_cmd(files: tuple[Path, ...], out: Path, srclang: str | None, duplicates: str, conflicts: str,
              date: str | None, per_pair: bool) -> None:
    """Merge FILES into one TMX: identical TUs merged, conflicting translations reported.

    A TU without the source language is never dropped silently: the merge is refused (nothing
    written) unless --per-pair writes each language pair to its own file.

    \b
    Example:
      corpus tmx merge a.tmx b.tmx.gz -o all.tmx --conflicts most-frequent
      corpus tmx merge zh-CN_en-US.tmx zh-TW_en-US.tmx -o all.tmx --per-pair
    """
    if per_pair:
        if srclang:
            raise click.UsageError("--per-pair takes each file's own source language; drop --srclang")
        for path, rep in merge_per_pair(files, out, duplicates=duplicates, conflicts=conflicts,
                                        creation_date=date).items():
            click.echo(f"{path}: {rep.summary()}", err=True)
        return
    rep = merge_tmx(files, out, srclang=srclang, duplicates=duplicates, conflicts=conflicts, creation_date=date)
    click.echo(rep.summary(), err=True)
    if rep.conflict_examples:
        click.echo("conflicting translations, e.g. tuids: " + ", ".join(rep.conflict_examples), err=True)


@tmx.command("srx")
@click.argument("out", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), default=Path("-"))
def srx_cmd(out: Path) -> None:
    """Write the project's sentence-segmentation rules as SRX 2.0 to OUT (default: standard
    output), so a CAT tool segments new documents the way the translation memory was built.

    \b
    Example:
      corpus tmx srx tmx/zhcorpus.srx
    """
    if str(out) == "-":
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            click.echo(write_srx(Path(tmp) / "zhcorpus.srx").read_text(encoding="utf-8"), nl=False)
        return
    click.echo(f"wrote {write_srx(out)}", err=True)
