"""The worked example of `corpus score` on the seeds (README): builds the files and scores them.

1. English: the seeds' English side (one line per gold alignment bead) is the reference; two
   deliberately degraded copies are the systems: "drop" loses 8% of the words at random (seeded),
   "drop+terms" is the same text with the official renderings of a few glossary terms replaced
   by plausible non-glossary wording. BLEU barely moves between the two; term accuracy does.
2. Conversion: the Traditional seed 003 is converted to Simplified (OpenCC t2s) and back to
   Traditional with four OpenCC configurations, each scored against the original Traditional text
   (character accuracy, chrF, BLEU with the zh tokenizer, term accuracy zh-Hans -> zh-Hant).
   Seed 002 is left out: its 壹-for-一 converter artifact would dominate the errors.

    python bench/score_example.py --out /tmp/score-example
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tempfile
from pathlib import Path

import opencc

from zhcorpus.glossary import load_glossary
from zhcorpus.score import ScoreOptions, format_text, load_inputs, score, write_html

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold" / "seeds.jsonl"
GLOSSARY = ROOT / "seeds" / "glossary.tsv"

# Official renderings -> wording a careless translation might use instead (case kept by the regex).
TERM_SWAPS = [
    (r"\bpoverty alleviation\b", "poverty reduction"),
    (r"\bbattle against poverty\b", "war on poverty"),
    (r"\bmoderately prosperous society\b", "well-off society"),
    (r"\btargeted poverty alleviation\b", "precise poverty reduction"),
    (r"\brelapse into poverty\b", "fall back into poverty"),
]


def beads(docs: list[str] | None = None) -> list[tuple[str, str, str]]:
    """(doc, Chinese, English) per gold bead with both sides, in document order."""
    out = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if docs and d["doc"] not in docs:
            continue
        for z, e in d["gold"]:
            if z and e:
                out.append((d["doc"], "".join(d["zh"][i] for i in z), " ".join(d["en"][i] for i in e)))
    return out


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def drop_words(text: str, rng: random.Random, p: float) -> str:
    kept = [w for w in text.split() if rng.random() >= p]
    return " ".join(kept) if kept else text.split()[0]


def swap_terms(text: str) -> str:
    for pattern, repl in TERM_SWAPS:
        text = re.sub(pattern, repl, text, flags=re.IGNORECASE)
    return text


def english_example(out: Path) -> None:
    pairs = beads()
    rng = random.Random(20201231)
    drop = [drop_words(e, rng, 0.08) for _, _, e in pairs]
    src = write_lines(out / "seeds.zh.txt", [z for _, z, _ in pairs])
    ref = write_lines(out / "seeds.en.txt", [e for _, _, e in pairs])
    a = write_lines(out / "drop.en.txt", drop)
    b = write_lines(out / "drop+terms.en.txt", [swap_terms(x) for x in drop])
    ref_s, hyps, src_s = load_inputs(ref, [a, b], src)
    report = score(ref_s, hyps, src=src_s, glossary=load_glossary(GLOSSARY),
                   options=ScoreOptions(segment_scores=True))
    write_html(out / "english.html", report)
    print(f"$ corpus score --ref {ref.name} --hyp {a.name} --hyp {b.name} --src {src.name} "
          f"--report english.html\n")
    print(format_text(report, columns=100))


def conversion_example(out: Path) -> None:
    trad = [z for _, z, _ in beads(["003"])]
    to_simp = opencc.OpenCC("t2s").convert
    simp = [to_simp(z) for z in trad]
    ref = write_lines(out / "003.zh-Hant.txt", trad)
    src = write_lines(out / "003.zh-Hans.txt", simp)
    hyps = []
    for config in ("s2t", "s2hk", "s2tw", "s2twp"):
        conv = opencc.OpenCC(config).convert
        hyps.append(write_lines(out / f"003.{config}.txt", [conv(s) for s in simp]))
    ref_s, hyp_s, src_s = load_inputs(ref, hyps, src, ref_lang="zh-Hant")
    report = score(ref_s, hyp_s, src=src_s, glossary=load_glossary(GLOSSARY),
                   options=ScoreOptions(segment_scores=True))
    write_html(out / "conversion.html", report)
    print(f"$ corpus score --ref {ref.name} --ref-lang zh-Hant --src {src.name} "
          + " ".join(f"--hyp {h.name}" for h in hyps) + " --report conversion.html\n")
    print(format_text(report, columns=100))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=None, help="folder for the files (default: a new temporary one)")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="zhcorpus-score-"))
    out.mkdir(parents=True, exist_ok=True)
    english_example(out)
    conversion_example(out)
    print(f"files and reports in {out}")


if __name__ == "__main__":
    main()
