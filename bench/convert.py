"""Benchmark the variant conversion: chars/s sentence by sentence on the seeds repeated to ≥ 10 MB.

Prints, as Markdown tables:
- each OpenCC configuration on its natural input (Simplified configs on the seeds in Simplified,
  Traditional configs on the seeds in Taiwan-form Traditional), through the raw binding;
- each target variant through VariantConverter.convert (control-character guard, length check,
  and for zh-TW the Taiwan phrase list);
- the whole stage, add_variants (壹 repair, script detection, four variants, round trip);
- OpenCC's own test suite pass rate per configuration, and the round trip on the raw seed files.

Run: /work/venv/bin/python bench/convert.py [--mb 10] [--suite ../shared/opencc/testcases.json]
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import sys
import time
from pathlib import Path

from zhcorpus.ingest import ingest_manifest
from zhcorpus.manifest import load_manifest
from zhcorpus.reading import decode_bytes
from zhcorpus.variants import VariantConverter, add_variants
from zhcorpus.variants.script import changed_positions
from zhcorpus.variants.suite import CORE_CONFIGS, load_cases, run_suite

ROOT = Path(__file__).resolve().parents[1]
HANS_CONFIGS = ("s2t", "s2tw", "s2hk")
HANT_CONFIGS = ("t2s", "tw2s", "tw2t", "t2tw", "t2hk", "hk2s", "hk2t")


def repeat_to(sentences: list[str], mb: float) -> list[str]:
    """The sentences repeated until their UTF-8 size reaches *mb* megabytes."""
    size = sum(len(s.encode("utf-8")) for s in sentences)
    return sentences * (int(mb * 1_000_000 // size) + 1)


def rate(fn, sentences: list[str], rounds: int = 3) -> tuple[float, float]:
    """Best-of-*rounds* characters per second of *fn* sentence by sentence: (wall clock, CPU time).

    CPU time is reported too because the machine is shared: under load the wall-clock rate
    measures the neighbours as much as the converter.
    """
    chars = sum(map(len, sentences))
    wall = cpu = float("inf")
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        for s in sentences:
            fn(s)
        wall, cpu = min(wall, time.perf_counter() - t), min(cpu, time.process_time() - c)
    return chars / wall, chars / cpu


def row(*cells: object) -> str:
    """A Markdown table row."""
    return "| " + " | ".join(f"{c / 1e6:.2f}" if isinstance(c, float) else str(c) for c in cells) + " |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="corpus size in MB of UTF-8 (default 10)")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds, best kept (default 3)")
    ap.add_argument("--suite", type=Path, default=ROOT.parent / "shared" / "opencc" / "testcases.json")
    args = ap.parse_args()

    conv = VariantConverter()
    docs = [zh for zh, _ in ingest_manifest(load_manifest(ROOT / "seeds" / "manifest.toml"))]
    for d in docs:
        add_variants(copy.deepcopy(d), conv)  # warm up: OpenCC dictionaries, jieba
    hans = [s.variants["zh-Hans"] for d in docs for s in add_variants(copy.deepcopy(d), conv).segments()]
    tw = [conv.run("s2tw", s) for s in hans]
    hans_big, tw_big = repeat_to(hans, args.mb), repeat_to(tw, args.mb)
    mb = sum(len(s.encode("utf-8")) for s in hans_big) / 1e6
    print(f"# variant conversion benchmark\n\nPython {platform.python_version()}, {platform.machine()}, "
          f"backend {conv.description}; {len(hans)} seed sentences repeated to {len(hans_big):,} sentences, "
          f"{mb:.1f} MB, {sum(map(len, hans_big)):,} characters; best of {args.rounds}.\n")

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("| OpenCC config (raw binding) | input | M chars/s wall | M chars/s CPU |\n|---|---|---|---|")
    for config in HANS_CONFIGS + HANT_CONFIGS:
        data = hans_big if config in HANS_CONFIGS else tw_big
        w, c = rate(lambda s, k=config: conv.backend.convert(k, s), data, args.rounds)
        print(row(config, "Simplified" if config in HANS_CONFIGS else "Taiwan-form Traditional", w, c))

    print("\n| variant (VariantConverter.convert, guarded) | from | M chars/s wall | M chars/s CPU |\n|---|---|---|---|")
    for to, source, data in (("zh-Hant", "zh-Hans", hans_big), ("zh-TW", "zh-Hans", hans_big),
                             ("zh-HK", "zh-Hans", hans_big), ("zh-Hans", "zh-TW", tw_big),
                             ("zh-Hant", "zh-TW", tw_big), ("zh-HK", "zh-TW", tw_big),
                             ("zh-TW", "auto", hans_big)):
        w, c = rate(lambda s, t=to, f=source: conv.convert(s, t, f), data, args.rounds)
        print(row(to, source, w, c))

    copies = max(1, int(args.mb * 1_000_000 // sum(len(d.text.encode("utf-8")) for d in docs) // 10))
    stage_docs = [copy.deepcopy(d) for _ in range(copies) for d in docs]
    chars = sum(len(d.text) for d in stage_docs)
    t, c = time.perf_counter(), time.process_time()
    for d in stage_docs:
        add_variants(d, conv)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    print(f"\nadd_variants (whole stage: 壹 repair, detection, 4 variants, round trip): {len(stage_docs)} documents, "
          f"{chars:,} characters in {wall:.2f} s wall, {cpu:.2f} s CPU = {chars / wall / 1e6:.2f} M chars/s wall, "
          f"{chars / cpu / 1e6:.2f} M chars/s CPU")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    if args.suite.is_file():
        result = run_suite(conv.backend, load_cases(args.suite))
        passed, total = result.overall(CORE_CONFIGS)
        print(f"\nOpenCC test suite ({args.suite.name}): core configs {passed}/{total} = {passed / total:.1%}")
        print("| config | passed | cases |\n|---|---|---|")
        for config in sorted(result.total):
            print(f"| {config} | {result.passed.get(config, 0)} | {result.total[config]} |")

    print("\nRound trip on the raw seed files (before cleaning), plain OpenCC configs:")
    for zh in docs:
        raw = decode_bytes((ROOT / zh.meta["path"]).read_bytes(), zh.meta["path"]).text
        fwd, back = ("s2t", "t2s") if zh.script == "Hans" else ("t2s", "s2t")
        n = len(changed_positions(raw, conv.run(back, conv.run(fwd, raw))))
        print(f"  {zh.id} {zh.script} {fwd}→{back}: {n} of {len(raw):,} characters changed")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
