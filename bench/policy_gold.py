"""The policy-domain gold set (tests/data/gold/policy.jsonl): the Basic Law of the Hong Kong SAR.

The source text is tests/data/gold/sources/basic-law.tsv (one article a row: article, Chinese,
official English, copied verbatim from the stored source named in tests/data/gold/README.md).
The hand-made gold beads are tests/data/gold/sources/basic-law-beads.tsv: one article a row,
its beads as ``zh:en`` pairs of 1-based sentence numbers within the article (``3,4:3`` is a 2-1
bead, ``2:-`` a Chinese sentence left untranslated), and a note wherever the reviewed gold differs
from the aligner's proposal. The aligner only proposes; the gold is that file.

    python bench/policy_gold.py propose   # the aligner's proposal, in the bead-file format
    python bench/policy_gold.py review [--articles 1-42] [--diff]   # beads side by side
    python bench/policy_gold.py build     # write policy.jsonl (assembly-law line kept first)
    python bench/policy_gold.py check     # policy.jsonl is what build writes (exit 1 if not)
    python bench/policy_gold.py stats     # counts and bead types per document

Run with PYTHONPATH=src.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from zhcorpus.ingest import build_document

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "data" / "gold"
POLICY = GOLD_DIR / "policy.jsonl"
SOURCE = GOLD_DIR / "sources" / "basic-law.tsv"
BEADS = GOLD_DIR / "sources" / "basic-law-beads.tsv"
KEPT_DOC = "assembly-law"  # the first gold document, made earlier by hand; kept as it is

# (document, first article, last article, chapters)
DOCUMENTS = [
    ("basic-law-1", 1, 42, "I-III: general principles; central authorities and the Region; rights and duties"),
    ("basic-law-2", 43, 104, "IV: political structure"),
    ("basic-law-3", 105, 160, "V-IX: economy; education, culture, religion, labour; external affairs; "
                              "interpretation and amendment; supplementary provisions"),
]

_NOTE = {"zh": re.compile(r"\s*註：.*$"), "en": re.compile(r"\s*Note:.*$")}
_MARK = re.compile(r"(^|\s)[#*]\s*")
_SECTION = re.compile(r"\s*Section \d+[A-Z].*$")
_ITEM = re.compile(r"\s*•\s*")


@dataclass
class Article:
    """One row of the source table."""

    number: int
    zh: str
    en: str


def clean_article(text: str, lang: str) -> str:
    """The source's web annotations removed (README "Cleaning"): the trailing 註：/Note: list of
    NPCSC interpretations, the # and * markers that point to it, and an English-only section
    heading glued to the end of the last article of a section ("...Chief Executive. Section 2The
    Executive Authorities"), which the Chinese side of the source does not have. The items of a
    list (• in the source, (一)/(1) in the official layout) are put on lines of their own."""
    text = _NOTE[lang].sub("", text)
    if lang == "en":
        text = _SECTION.sub("", text)
    text = _MARK.sub(r"\1", text).strip()
    return "\n".join(_ITEM.split(text))


def read_source(path: Path = SOURCE) -> list[Article]:
    """The articles of the source table, checked to be 1..n in order."""
    rows = path.read_text(encoding="utf-8").splitlines()
    if rows[0].split("\t") != ["article", "zh", "en"]:
        raise SystemExit(f"{path}: header must be article<TAB>zh<TAB>en")
    out = []
    for k, row in enumerate(rows[1:], 2):
        parts = row.split("\t")
        if len(parts) != 3 or not parts[0].isdigit():
            raise SystemExit(f"{path}:{k}: expected article<TAB>zh<TAB>en")
        out.append(Article(int(parts[0]), parts[1], parts[2]))
    if [a.number for a in out] != list(range(1, len(out) + 1)):
        raise SystemExit(f"{path}: articles must be numbered 1, 2, ... in order")
    return out


def segment(doc: str, lang: str, articles: list[Article]) -> tuple[list[str], list[str], list[int]]:
    """Sentences, ids (``<doc>.<lang>/<line>/<sentence>``) and article numbers of one side of a
    document, split by the project's own reader (clean_text + segment.split): an article is a
    line, and so is each item of a list."""
    lines = [clean_article(getattr(a, lang), lang).split("\n") for a in articles]
    d = build_document(f"{doc}.{lang}", lang, "\n".join(x for ls in lines for x in ls) + "\n")
    owner = [a for a, ls in zip(articles, lines, strict=True) for _ in ls]
    if len(d.paragraphs) != len(owner):
        raise SystemExit(f"{doc}.{lang}: {len(d.paragraphs)} paragraphs for {len(owner)} lines")
    sents, ids, arts = [], [], []
    for p, a in zip(d.paragraphs, owner, strict=True):
        for s in p.segments:
            sents.append(s.text)
            ids.append(s.id)
            arts.append(a.number)
    return sents, ids, arts


def _local(arts: list[int]) -> dict[int, list[int]]:
    """Article number → the document indices of its sentences."""
    out: dict[int, list[int]] = {}
    for i, a in enumerate(arts):
        out.setdefault(a, []).append(i)
    return out


def parse_beads(spec: str) -> list[tuple[list[int], list[int]]]:
    """``"1:1 2,3:2"`` → [([1], [1]), ([2, 3], [2])] (1-based, ``-`` for an empty side)."""
    out = []
    for tok in spec.split():
        z, _, e = tok.partition(":")
        out.append(([int(i) for i in z.split(",")] if z != "-" else [],
                    [int(j) for j in e.split(",")] if e != "-" else []))
    return out


def format_beads(beads: list[tuple[list[int], list[int]]]) -> str:
    """The inverse of :func:`parse_beads`."""
    return " ".join(f"{','.join(map(str, z)) or '-'}:{','.join(map(str, e)) or '-'}" for z, e in beads)


def read_bead_file(path: Path = BEADS) -> dict[int, tuple[str, str]]:
    """Article → (bead spec, note)."""
    out = {}
    for k, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if k == 1 or not row.strip():
            continue
        parts = row.split("\t")
        if len(parts) != 3:
            raise SystemExit(f"{path}:{k}: expected article<TAB>beads<TAB>note")
        out[int(parts[0])] = (parts[1], parts[2])
    return out


def check_article(n: int, beads: list[tuple[list[int], list[int]]], nz: int, ne: int) -> None:
    """Every sentence of the article in exactly one bead, in order, no empty bead."""
    zs = [i for z, _ in beads for i in z]
    es = [j for _, e in beads for j in e]
    if zs != list(range(1, nz + 1)) or es != list(range(1, ne + 1)) or any(not z and not e for z, e in beads):
        raise SystemExit(f"article {n}: beads {format_beads(beads)} do not cover {nz} zh and {ne} en "
                         "sentences exactly once, in order")


def documents(articles: list[Article] | None = None) -> list[dict]:
    """The gold records of the Basic Law documents, from the source table and the bead file."""
    spec = read_bead_file()
    recs = []
    for rec in documents_unaligned(articles):
        zl, el = _local(rec["zh_art"]), _local(rec["en_art"])
        gold = []
        for n in rec["articles"]:
            if n not in spec:
                raise SystemExit(f"{BEADS}: no beads for article {n}")
            beads = parse_beads(spec[n][0])
            check_article(n, beads, len(zl[n]), len(el[n]))
            gold += [[[zl[n][i - 1] for i in z], [el[n][j - 1] for j in e]] for z, e in beads]
        recs.append({**{k: rec[k] for k in ("doc", "zh", "en", "zh_ids", "en_ids")}, "gold": gold})
    return recs


def kept_line() -> str:
    """The assembly-law record of policy.jsonl, unchanged."""
    for line in POLICY.read_text(encoding="utf-8").splitlines():
        if json.loads(line)["doc"] == KEPT_DOC:
            return line
    raise SystemExit(f"{POLICY}: no {KEPT_DOC} record")


def render() -> str:
    """The whole policy.jsonl text."""
    return kept_line() + "\n" + "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in documents())


def propose() -> dict[int, str]:
    """The aligner's beads for every article, in the bead-file format (a proposal to review)."""
    from zhcorpus.align import Aligner

    aligner = Aligner()
    out = {}
    for rec in documents_unaligned():
        zp = [int(i.split("/")[1]) for i in rec["zh_ids"]]
        ep = [int(i.split("/")[1]) for i in rec["en_ids"]]
        beads = aligner.align(rec["zh"], rec["en"], zh_paragraphs=zp, en_paragraphs=ep)
        zl, el = _local(rec["zh_art"]), _local(rec["en_art"])
        per: dict[int, list[tuple[list[int], list[int]]]] = {}
        for b in beads:
            a = rec["zh_art"][b.zh[0]] if b.zh else rec["en_art"][b.en[0]]
            per.setdefault(a, []).append(([zl[a].index(i) + 1 for i in b.zh], [el[a].index(j) + 1 for j in b.en]))
        out.update({a: format_beads(v) for a, v in per.items()})
    return out


def documents_unaligned(articles: list[Article] | None = None) -> list[dict]:
    """Sentences, ids and article numbers of each document (its articles, and each sentence's),
    without beads."""
    articles = articles or read_source()
    recs = []
    for doc, first, last, _ in DOCUMENTS:
        arts = articles[first - 1:last]
        zh, zh_ids, zh_art = segment(doc, "zh", arts)
        en, en_ids, en_art = segment(doc, "en", arts)
        recs.append({"doc": doc, "zh": zh, "en": en, "zh_ids": zh_ids, "en_ids": en_ids,
                     "zh_art": zh_art, "en_art": en_art, "articles": [a.number for a in arts]})
    return recs


def review(lo: int, hi: int, diff: bool) -> None:
    """Print the gold beads of articles lo..hi side by side (with --diff only where the aligner
    proposes something else, showing its proposal too)."""
    spec = read_bead_file() if BEADS.is_file() else {}
    prop = propose() if diff or not spec else {}
    for rec in documents_unaligned():
        zl, el = _local(rec["zh_art"]), _local(rec["en_art"])
        for a in sorted(zl):
            if not lo <= a <= hi:
                continue
            mine = spec.get(a, (prop.get(a, ""), ""))
            if diff and prop.get(a) == mine[0]:
                continue
            print(f"=== article {a} ({rec['doc']}) gold: {mine[0]}" + (f"  aligner: {prop[a]}" if diff else "")
                  + (f"  note: {mine[1]}" if mine[1] else ""))
            for z, e in parse_beads(mine[0]):
                print(f"  [{len(z)}-{len(e)}]")
                for i in z:
                    print(f"    zh{i}: {rec['zh'][zl[a][i - 1]]}")
                for j in e:
                    print(f"    en{j}: {rec['en'][el[a][j - 1]]}")


def stats() -> None:
    """Sentence and bead counts per document and bead types."""
    total: Counter[str] = Counter()
    nz = ne = 0
    for r in documents():
        types = Counter(f"{len(z)}-{len(e)}" for z, e in r["gold"])
        total += types
        nz, ne = nz + len(r["zh"]), ne + len(r["en"])
        print(f"{r['doc']}: {len(r['zh'])} zh, {len(r['en'])} en, {len(r['gold'])} beads {dict(sorted(types.items()))}")
    print(f"Basic Law: {nz} zh, {ne} en, {sum(total.values())} beads {dict(sorted(total.items()))}")


def main(argv: list[str] | None = None) -> int:
    """Command line: propose, review, build, check, stats."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("propose")
    rv = sub.add_parser("review")
    rv.add_argument("--articles", default="1-160")
    rv.add_argument("--diff", action="store_true")
    sub.add_parser("build")
    sub.add_parser("check")
    sub.add_parser("stats")
    args = ap.parse_args(argv)
    if args.cmd == "propose":
        print("article\tbeads\tnote")
        for a, s in sorted(propose().items()):
            print(f"{a}\t{s}\t")
    elif args.cmd == "review":
        lo, _, hi = args.articles.partition("-")
        review(int(lo), int(hi or lo), args.diff)
    elif args.cmd == "build":
        POLICY.write_text(render(), encoding="utf-8")
        print(f"wrote {POLICY}")
    elif args.cmd == "check":
        if POLICY.read_text(encoding="utf-8") != render():
            print(f"{POLICY} is not what `build` writes from {SOURCE.name} and {BEADS.name}", file=sys.stderr)
            return 1
        print("ok")
    else:
        stats()
    return 0


if __name__ == "__main__":
    sys.exit(main())
