"""Speed and memory of the glossary steps on the seeds and on N-fold copies of their units.

Measures: building the term matcher, Chinese term matching (characters/s), the consistency check
(units/s), term extraction (units/s) and all exports; prints a Markdown table with peak RSS.

    python bench/glossary.py                 # the seeds, x1 and x20
    python bench/glossary.py --copies 1 100
"""

from __future__ import annotations

import argparse
import copy
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhcorpus.glossary import (  # noqa: E402
    TermMatcher,
    annotate_units,
    check_units,
    export_glossary,
    extract_candidates,
    load_glossary,
)
from zhcorpus.glossary.sources import gold_units  # noqa: E402


def _timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 20])
    args = ap.parse_args()
    glossary = load_glossary(ROOT / "seeds" / "glossary.tsv")
    base = gold_units(ROOT / "tests" / "data" / "gold" / "seeds.jsonl", ROOT / "seeds" / "manifest.toml")
    matcher, t_build = _timed(lambda: TermMatcher(glossary))
    print(f"glossary: {len(glossary)} concepts; matcher built in {t_build * 1000:.1f} ms\n")
    print("| copies | units | zh chars | match chars/s | annotate units/s | check units/s | extract units/s | export s | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.copies:
        _row(n, _copies(base, n), glossary, matcher)


def _copies(base: list, n: int) -> list:
    units = []
    for k in range(n):
        for u in base:
            c = copy.copy(u)
            c.id = f"{u.doc_id}-{k}/{u.id.split('/')[1]}"
            c.doc_id = f"{u.doc_id}-{k}"
            units.append(c)
    return units


def _row(n: int, units: list, glossary, matcher) -> None:
    chars = sum(len(u.zh) for u in units)
    _, t_match = _timed(lambda: [matcher.find(u.zh) for u in units])
    _, t_ann = _timed(lambda: list(annotate_units(units, matcher)))
    report, t_check = _timed(lambda: check_units(units, glossary, matcher))
    assert report.ok
    _, t_ext = _timed(lambda: extract_candidates(units, glossary, top=200))
    with tempfile.TemporaryDirectory() as d:
        _, t_exp = _timed(lambda: export_glossary(glossary, Path(d)))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| {n} | {len(units)} | {chars} | {chars / t_match:,.0f} | {len(units) / t_ann:,.0f} | "
          f"{len(units) / t_check:,.0f} | {len(units) / t_ext:,.0f} | {t_exp:.2f} | {rss:.0f} |")

if __name__ == "__main__":
    main()
