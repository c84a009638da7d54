"""Sentence features of the first seed document, shared by the aligner's bit-identity tests."""

from __future__ import annotations

from pathlib import Path

from zhcorpus.align import features as feat
from zhcorpus.align.cedict import load_cedict
from zhcorpus.ingest import ingest_file

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed_sentences(path: Path, lang: str) -> list[str]:
    """The sentences of one seed file, as the build segments them."""
    return [s.text for p in ingest_file(path, f"x.{lang}", lang).paragraphs for s in p.segments]


def first_seed_features(zh_count: int, en_count: int) -> feat.DocFeatures:
    """The features of the first seed's first *zh_count* Chinese and *en_count* English sentences."""
    zh_file = sorted((SEEDS / "zh").glob("*.txt"))[0]
    return feat.build_features(seed_sentences(zh_file, "zh")[:zh_count],
                               seed_sentences(SEEDS / "en" / zh_file.name, "en")[:en_count], load_cedict())
