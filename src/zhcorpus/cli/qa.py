"""`corpus qa`: translation QA checks over units JSONL, a TMX file or an aligned pair of text files."""

from __future__ import annotations

from pathlib import Path

import click

from ..atomic import atomic_write_text
from ..errors import CheckFailed
from ..qa import all_checks, format_text, load_units, run_qa, to_html, to_json

DEFAULT_UNITS = Path("corpus/units.jsonl")
DEFAULT_GLOSSARY = Path("seeds/glossary.tsv")
DEFAULT_ALLOWLIST = Path("seeds/qa_allowlist.tsv")


@click.command()
@click.argument("source", type=click.Path(path_type=Path), required=False)
@click.option("--en", "en_path", type=click.Path(path_type=Path), default=None,
              help="With SOURCE a Chinese text file: the English file, line-aligned with it.")
@click.option("--glossary", "glossary_path", type=click.Path(path_type=Path), default=None,
              help=f"Glossary TSV for the glossary check (default: {DEFAULT_GLOSSARY} when present).")
@click.option("--no-glossary", is_flag=True, help="Skip the glossary check.")
@click.option("--allowlist", type=click.Path(path_type=Path), default=None,
              help=f"Reviewed findings to mark as explained (default: {DEFAULT_ALLOWLIST} when checking "
              f"the default {DEFAULT_UNITS}).")
@click.option("--check", "checks", multiple=True, type=click.Choice(list(all_checks())),
              help="Run only this check (repeatable; default: all).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="What to print on stdout.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), default=None, help="Also write the JSON report here.")
@click.option("--html", "html_path", type=click.Path(path_type=Path), default=None,
              help="Also write a self-contained HTML report here.")
@click.option("--strict", is_flag=True, help="Exit with status 3 if any error remains (warnings do not fail).")
@click.option("-v", "--verbose", is_flag=True, help="Also list the findings the allowlist explains.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
def qa(source: Path | None, en_path: Path | None, glossary_path: Path | None, no_glossary: bool,
       allowlist: Path | None, checks: tuple[str, ...], fmt: str, json_path: Path | None, html_path: Path | None,
       strict: bool, verbose: bool, quiet: bool) -> None:
    """Check translations as Xbench or Verifika do: inconsistent translations, numbers that differ,
    untranslated targets, glossary misses, unbalanced brackets and quotes, doubled words and spaces,
    empty segments and length outliers. Each finding has a check id, a severity (error, warning,
    info) and the unit it concerns.

    SOURCE is units JSONL (default: corpus/units.jsonl from `corpus build`), a TMX file, a TSV
    with a header (id, zh-…, en-…: corpus/tsv/, `corpus align -o x.tsv`), or a Chinese text file
    with --en (line n translates line n).

    \b
    Example:
      corpus qa                                   # the build's units, glossary and allowlist
      corpus qa --strict --html /tmp/qa.html
      corpus qa tmx/zhcorpus_zh-CN_en-US.tmx --check numbers --check untranslated
      corpus qa corpus/tsv/zhcorpus_zh-CN_en-US.tsv -q
      corpus qa zh.txt --en en.txt --format json
    """
    if en_path is not None and source is None:
        raise click.UsageError("--en needs SOURCE: the Chinese text file it is line-aligned with")
    units_path = source if source is not None else DEFAULT_UNITS
    units = load_units(units_path, en_path)
    glossary = None
    if not no_glossary:
        path = glossary_path or (DEFAULT_GLOSSARY if DEFAULT_GLOSSARY.is_file() else None)
        if path is not None:
            from ..glossary import load_glossary

            glossary = load_glossary(path)
    if allowlist is None and source is None and DEFAULT_ALLOWLIST.is_file():
        allowlist = DEFAULT_ALLOWLIST
    report = run_qa(units, glossary, checks=list(checks) or None, allowlist=allowlist)
    if json_path is not None:
        atomic_write_text(json_path, to_json(report))
    if html_path is not None:
        atomic_write_text(html_path, to_html(report))
    if fmt == "json":
        click.echo(to_json(report), nl=False)
    elif quiet:
        click.echo(report.summary())
    else:
        click.echo(format_text(report, show_allowed=verbose))
    if strict and report.errors:
        raise CheckFailed(f"{report.errors} QA error(s)")
