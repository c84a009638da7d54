"""Shared fixtures: the ingested seeds, their gold alignment and units built from it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from zhcorpus.ingest import ingest_manifest
from zhcorpus.manifest import load_manifest
from zhcorpus.model import Document, Unit
from zhcorpus.units import make_units

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("ZHCORPUS_SHARED") or ROOT.parent / "shared")  # ZHCORPUS_SHARED: from a worktree
GOLD = ROOT / "tests" / "data" / "gold" / "seeds.jsonl"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only shared material (../shared); tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seed_pairs() -> list[tuple[Document, Document]]:
    """Every seed document and its English translation, ingested (cleaned and segmented)."""
    pairs = list(ingest_manifest(load_manifest(SEEDS / "manifest.toml")))
    assert all(en is not None for _, en in pairs)
    return pairs  # type: ignore[return-value]


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    """The hand-made gold alignment of the seeds, by document id."""
    return {d["doc"]: d for d in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines())}


@pytest.fixture(scope="session")
def gold_units(seed_pairs, gold) -> list[Unit]:
    """Translation units of the seeds built from the gold alignment (score 1.0)."""
    units: list[Unit] = []
    for zh, en in seed_pairs:
        links = [(z, e, 1.0) for z, e in gold[zh.pair_id]["gold"]]
        units.extend(make_units(zh, en, links))
    return units


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI (ZHCORPUS_REQUIRE_INTEGRATION=1) an integration test may not skip: a skip is a failure."""
    outcome = yield
    report = outcome.get_result()
    if (report.skipped and item.get_closest_marker("integration") is not None
            and os.environ.get("ZHCORPUS_REQUIRE_INTEGRATION") == "1"):
        report.outcome = "failed"
        report.longrepr = f"integration test skipped in CI, where its tools must be installed: {report.longrepr}"
