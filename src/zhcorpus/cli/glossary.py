"""`corpus glossary …`: check term consistency, extract candidate terms, export TBX and CAT-tool
glossaries, annotate units, look terms up."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..atomic import atomic_write_text
from ..errors import CheckFailed
from ..glossary import TermMatcher, load_glossary
from ..glossary.check import annotate_units, check_units, format_report
from ..glossary.export import FORMATS, export_glossary, parse_pairs
from ..glossary.extract import extract_candidates, write_candidates
from ..glossary.sources import gold_units, read_units, write_units
from ..model import Unit
from .project import project_default

_GLOSSARY = click.option("--glossary", "glossary_path", type=click.Path(path_type=Path),
                         default=None, callback=project_default("glossary"),
                         help="The glossary (TSV) [the project's: sources/glossary.tsv, seeds/glossary.tsv here].")
_UNITS = click.option("--units", "units_path", type=click.Path(path_type=Path),
                      default=None, callback=project_default("units"),
                      help="Aligned translation units (JSONL, as written by `corpus build`) [the project's corpus/units.jsonl].")
_GOLD = click.option("--gold", "gold_path", type=click.Path(path_type=Path), default=None,
                     help="Use a gold alignment (tests/data/gold/seeds.jsonl format) over the "
                     "manifest's documents instead of --units.")
_MANIFEST = click.option("--manifest", "manifest_path", type=click.Path(path_type=Path),
                         default=None, callback=project_default("manifest"),
                         help="Manifest of the documents the --gold alignment refers to [the project's].")


def _units(units_path: Path, gold_path: Path | None, manifest_path: Path) -> list[Unit]:
    return gold_units(gold_path, manifest_path) if gold_path else read_units(units_path)


@click.group()
def glossary() -> None:
    """The policy-term glossary: consistency check, term extraction, TBX/OmegaT/CSV exports.

    \b
    Example:
      corpus glossary check --gold tests/data/gold/seeds.jsonl --strict
      corpus glossary export -o corpus/glossary
    """


@glossary.command()
@_GLOSSARY
@_UNITS
@_GOLD
@_MANIFEST
@click.option("--strict", is_flag=True, help="Exit with status 3 if any miss remains.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), default=None,
              help="Also write the full report (misses, paraphrases, counts per concept) as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Also list the accepted paraphrases.")
def check(glossary_path: Path, units_path: Path, gold_path: Path | None, manifest_path: Path,
          strict: bool, json_path: Path | None, verbose: bool) -> None:
    """Check that every aligned unit whose Chinese side has a glossary term renders it in English
    as the glossary says (preferred or accepted rendering; case and inflection ignored).

    Each miss is printed with its unit and segment ids, the term found, the renderings expected
    and the English. Misses the concept's notes accept (paraphrase: "...") are not misses.

    \b
    Example:
      corpus glossary check                       # corpus/units.jsonl from `corpus build`
      corpus glossary check --gold tests/data/gold/seeds.jsonl --strict -v
    """
    g = load_glossary(glossary_path)
    report = check_units(_units(units_path, gold_path, manifest_path), g)
    click.echo(format_report(report, g, show_explained=verbose))
    if json_path:
        atomic_write_text(json_path, json.dumps(report.to_dict(), ensure_ascii=False, indent=1,
                                                sort_keys=True) + "\n")
    if strict and not report.ok:
        raise CheckFailed(f"{len(report.misses)} term rendering(s) differ from the glossary")


@glossary.command()
@_GLOSSARY
@_UNITS
@_GOLD
@_MANIFEST
@click.option("-o", "--out", type=click.Path(allow_dash=True, path_type=Path), default=Path("-"),
              help="Review TSV of candidate terms [standard output; never a build output unless named].")
@click.option("--top", type=click.IntRange(min=0), default=200, show_default=True,
              help="How many candidates to write (0 = all).")
@click.option("--min-freq", type=click.IntRange(min=1), default=2, show_default=True,
              help="Minimum occurrences (distinct sentences) of a candidate.")
@click.option("--max-words", type=click.IntRange(min=1, max=8), default=4, show_default=True,
              help="Longest candidate, in jieba words.")
def extract(glossary_path: Path, units_path: Path, gold_path: Path | None, manifest_path: Path,
            out: Path, top: int, min_freq: int, max_words: int) -> None:
    """Propose new terms: Chinese n-grams over jieba words ranked by C-value, spread over
    documents, domain specificity and translation consistency, each with English renderings
    found in the aligned English (Dice over units). Known terms are left out.

    \b
    Example:
      corpus glossary extract --gold tests/data/gold/seeds.jsonl -o /tmp/candidates.tsv --top 30
    """
    g = load_glossary(glossary_path)
    cands = extract_candidates(_units(units_path, gold_path, manifest_path), g, top=top,
                               min_freq=min_freq, max_words=max_words)
    if str(out) == "-":
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            tmp_out = Path(tmp) / "candidates.tsv"
            write_candidates(tmp_out, cands)
            click.echo(tmp_out.read_text(encoding="utf-8"), nl=False)
        click.echo(f"{len(cands)} candidate terms (use -o FILE to write them to a file)", err=True)
        return
    write_candidates(out, cands)
    click.echo(f"wrote {len(cands)} candidate terms to {out}", err=True)


@glossary.command()
@_GLOSSARY
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True,
              help="Output folder (required: the build's own corpus/glossary/ is never overwritten unasked).")
@click.option("-f", "--format", "formats", type=click.Choice(FORMATS), multiple=True,
              help="Format(s) to write (repeatable; default all, or omegat with --pair): tbx-basic = "
              "TBX-Basic 2008 <martif> for OmegaT/translate-toolkit, tbx3 = TBX v3 (ISO 30042:2019), "
              "omegat = tab-separated .utf8 per language pair, csv = MultiTerm/memoQ CSV, tsv = the glossary.")
@click.option("--pair", "pair_values", multiple=True, metavar="SRC:TGT",
              help="Only this language pair (repeatable), e.g. zh-CN:en-US. One pair: its files go "
              "straight into the folder and TBX/CSV hold only its two languages; without --pair "
              "every pair's OmegaT file goes in a folder of its own (zh-CN_en-US/ ...).")
def export(glossary_path: Path, out: Path, formats: tuple[str, ...], pair_values: tuple[str, ...]) -> None:
    """Export the glossary for CAT tools and term bases; the same glossary always gives
    byte-identical files.

    OmegaT reads every glossary file in a project's glossary folder: give it one pair's folder
    (or export with --pair into the project), and one format, or each term shows up twice.

    \b
    Example:
      corpus glossary export -o /tmp/glossary     # every format, each pair's OmegaT file in its own subfolder
      corpus glossary export --pair zh-CN:en-US -o ~/omegat-project/glossary
    """
    try:
        pairs = parse_pairs(pair_values)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--pair") from None
    g = load_glossary(glossary_path)
    chosen = formats or (("omegat",) if pairs else FORMATS)
    for name, path in export_glossary(g, out, chosen, pairs=pairs or None).items():
        click.echo(f"{name}\t{path}")


@glossary.command()
@_GLOSSARY
@_UNITS
@_GOLD
@_MANIFEST
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None,
              help="Output JSONL (required, unless --in-place).")
@click.option("--in-place", is_flag=True, help="Rewrite --units itself (a build output: only when asked).")
def annotate(glossary_path: Path, units_path: Path, gold_path: Path | None, manifest_path: Path,
             out: Path | None, in_place: bool) -> None:
    """Set each unit's `terms` to the glossary concept ids its Chinese side contains.

    \b
    Example:
      corpus glossary annotate --in-place         # corpus/units.jsonl in place
      corpus glossary annotate --gold tests/data/gold/seeds.jsonl -o /tmp/units.jsonl
    """
    if gold_path and out is None:
        raise click.UsageError("--out is required with --gold")
    if out is None and not in_place:
        raise click.UsageError("give -o FILE, or --in-place to rewrite --units")
    g = load_glossary(glossary_path)
    units = list(annotate_units(_units(units_path, gold_path, manifest_path), TermMatcher(g)))
    target = out or units_path
    n = write_units(target, units)
    with_terms = sum(1 for u in units if u.terms)
    click.echo(f"wrote {n} units ({with_terms} with terms) to {target}", err=True)


@glossary.command()
@_GLOSSARY
@click.argument("query")
def lookup(glossary_path: Path, query: str) -> None:
    """Show the concepts with a Chinese or English form containing QUERY.

    \b
    Example:
      corpus glossary lookup 返贫
      corpus glossary lookup "safety net"
    """
    g = load_glossary(glossary_path)
    found = g.search(query)
    for c in found:
        zh = " / ".join(dict.fromkeys(f for f in (c.zh_hans, c.zh_hant, c.zh_tw) if f))
        click.echo(f"{c.id}\t{zh}\t{c.en}" + (f"\t(also: {'; '.join(c.en_alt)})" if c.en_alt else ""))
        if c.definition:
            click.echo(f"\t{c.definition}")
    if not found:
        click.echo(f"no concept matches {query!r}", err=True)
        sys.exit(1)


@glossary.command()
@_GLOSSARY
@click.argument("text", required=False)
def find(glossary_path: Path, text: str | None) -> None:
    """List the glossary terms in a Chinese TEXT (or stdin, line by line), longest match first.

    \b
    Example:
      corpus glossary find 利用扶贫车间、公益岗位等，促进贫困人口就近就地就业。
    """
    g = load_glossary(glossary_path)
    matcher = TermMatcher(g)
    lines = [text] if text is not None else [line.rstrip("\n") for line in sys.stdin]
    for n, line in enumerate(lines, 1):
        for h in matcher.find(line):
            c = g.get(h.concept_id)
            click.echo(f"{n}:{h.start + 1}\t{line[h.start:h.end]}\t{c.id}\t{c.en}")
