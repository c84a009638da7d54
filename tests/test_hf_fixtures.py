"""Fixtures for the Hugging Face tests: the seeds' units with all four variants (made here with
the official ``opencc`` package), a few unaligned beads, glossary terms and varied scores; an
offline Hub client with its caches in a temporary folder; one export shared by the tests.

Import the fixtures by name into a test module (``from test_hf_fixtures import ...``).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

# Offline and in a temporary cache before `datasets`/`huggingface_hub` read their settings.
for _k in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE"):
    os.environ[_k] = "1"

import datasets  # noqa: E402
import huggingface_hub.constants  # noqa: E402
import opencc  # noqa: E402

from zhcorpus.glossary import Concept, Glossary, TermMatcher  # noqa: E402
from zhcorpus.hf import export_hf  # noqa: E402
from zhcorpus.model import Unit  # noqa: E402
from zhcorpus.units import make_units  # noqa: E402

CONVERTERS = {  # (source script, tag) -> OpenCC config
    ("Hans", "zh-Hant"): "s2t", ("Hans", "zh-TW"): "s2twp", ("Hans", "zh-HK"): "s2hk",
    ("Hant", "zh-Hans"): "t2s", ("Hant", "zh-TW"): "t2tw", ("Hant", "zh-HK"): "t2hk",
}
BUILD_INFO = {
    "license": "CC-BY-4.0",
    "license_note": "The English translations, alignments and glossary are CC BY 4.0. The Chinese "
                    "source texts remain their publishers' texts.",
    "stages": ["ingest (read, clean, segment)", "variants (OpenCC)", "align", "terms"],
    "alignment": {"method": "gold alignment (test fixture)", "f1": 0.9731, "precision": 0.98,
                  "recall": 0.9663, "measured_on": "seeds gold"},
    "variants": "OpenCC s2t/t2s/s2twp/t2tw/s2hk/t2hk (test fixture).",
    "limitations": ["The glossary covers three concepts only (test fixture)."],
}


@pytest.fixture(scope="session", autouse=True)
def hf_offline(tmp_path_factory):
    """No network and no writes to the user's cache for the whole session."""
    home = tmp_path_factory.mktemp("hf_home")
    mp = pytest.MonkeyPatch()
    mp.setenv("HF_HOME", str(home))
    mp.setenv("HF_DATASETS_CACHE", str(home / "datasets"))
    mp.delenv("HF_TOKEN", raising=False)
    mp.setattr(datasets.config, "HF_DATASETS_OFFLINE", True)
    mp.setattr(datasets.config, "HF_HUB_OFFLINE", True, raising=False)
    mp.setattr(datasets.config, "HF_DATASETS_CACHE", home / "datasets")
    mp.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    mp.setattr(huggingface_hub.constants, "HF_HOME", str(home))
    mp.setattr(huggingface_hub.constants, "HF_TOKEN_PATH", str(home / "token"))
    mp.setattr(huggingface_hub.constants, "HF_STORED_TOKENS_PATH", str(home / "stored_tokens"))
    yield home
    mp.undo()


@pytest.fixture(scope="session")
def hf_glossary() -> Glossary:
    """Three concepts that occur in the seeds."""
    return Glossary([
        Concept(id="T001", zh_hans="脱贫攻坚", zh_hant="脫貧攻堅", en="poverty alleviation",
                en_alt=["fight against poverty"], domain="policy", source="test fixture"),
        Concept(id="T002", zh_hans="贫困人口", zh_hant="貧困人口", en="poor population",
                zh_variants=["貧困群眾"], status="seed"),
        Concept(id="T003", zh_hans="乡村振兴", zh_hant="鄉村振興", en="rural revitalization",
                status="added"),
    ])


def _links(gold_doc: dict) -> list:
    """The gold links of a document, with one 1-2 bead split into 1-1 + 0-1 and one 2-1 bead
    split into 1-1 + 1-0, so the export has unaligned beads; scores vary (4 decimals)."""
    links, split12, split21 = [], False, False
    for n, (z, e) in enumerate(gold_doc["gold"]):
        score = round(0.5 + ((n * 37) % 50) / 100 + 0.0001 * (n % 7), 4)
        if len(z) == 1 and len(e) == 2 and not split12:
            links += [(z, e[:1], score), ([], e[1:], 0.0)]
            split12 = True
        elif len(z) == 2 and len(e) == 1 and not split21:
            links += [(z[:1], e, score), (z[1:], [], 0.0)]
            split21 = True
        else:
            links.append((z, e, score))
    return links


@pytest.fixture(scope="session")
def hf_units(seed_pairs, gold, hf_glossary) -> list[Unit]:
    """The seeds' units with every variant, glossary terms, some unaligned beads."""
    conv = {k: opencc.OpenCC(v) for k, v in CONVERTERS.items()}
    matcher = TermMatcher(hf_glossary)
    units: list[Unit] = []
    for zh, en in seed_pairs:
        for u in make_units(zh, en, _links(gold[zh.pair_id])):
            variants = {}
            if u.zh:
                variants = {t: (u.zh if _script(t) == zh.script else conv[(zh.script, t)].convert(u.zh))
                            for t in ("zh-Hans", "zh-Hant", "zh-TW", "zh-HK")}
            units.append(dataclasses.replace(u, variants=variants, terms=matcher.concept_ids(u.zh)))
    return units


def _script(tag: str) -> str | None:
    return {"zh-Hans": "Hans", "zh-Hant": "Hant"}.get(tag)


@pytest.fixture(scope="session")
def hf_docs(seed_pairs) -> list:
    """Every seed document, Chinese and English."""
    return [d for pair in seed_pairs for d in pair]


@pytest.fixture(scope="session")
def exported(tmp_path_factory, hf_units, hf_docs, hf_glossary):
    """One export of the seeds' corpus, shared by the tests that only read it."""
    out = tmp_path_factory.mktemp("export") / "hf"
    return export_hf(hf_units, hf_docs, hf_glossary, out, build_info=BUILD_INFO)


def load(folder: Path, config: str, cache: Path) -> datasets.DatasetDict:
    """``load_dataset`` on the folder, as a user would, offline and with its own cache."""
    return datasets.load_dataset(str(folder), config, cache_dir=str(cache))
