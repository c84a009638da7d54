"""The learned bead score: CRF gradient against finite differences, gold paths, grid and general
scoring paths agreeing, the hand-set score as a weight vector, and a deterministic fit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from zhcorpus.align import Aligner, beadscore, crf, similarity
from zhcorpus.align.goldfile import read_gold
from zhcorpus.align.search import ALL_TYPES, NEG, Band
from zhcorpus.align.similarity import BeadScorer, ScoreParams

SEEDS = Path(__file__).parent / "data" / "gold" / "seeds.jsonl"


@pytest.fixture(scope="module")
def doc_lattice() -> tuple[crf.Lattice, object]:
    """A lattice of the first 30 sentences of a seed document (gold path and aligner path)."""
    d = next(iter(read_gold(SEEDS)))
    gold = [(z, e) for z, e in d.gold if all(i < 30 for i in z) and all(j < 30 for j in e)]
    n = max(i for z, _ in gold for i in z) + 1
    m = max(j for _, e in gold for j in e) + 1
    zh, en = d.zh[:n], d.en[:m]
    aligner = Aligner()
    path, f, params = aligner.search(zh, en)
    return crf.lattice(f, replace(params, weights=None), [path], crf.gold_path(gold, n, m)), f


def test_gradient_matches_finite_differences(doc_lattice: tuple) -> None:
    lat, _f = doc_lattice
    rng = np.random.default_rng(0)
    p = ScoreParams()
    w = beadscore.hand_weights(p.type_penalty, p.skip, p.length_weight) + rng.normal(0, 0.2, len(beadscore.FEATURES))
    for cost in (0.0, 1.0):
        _ll, grad = crf.log_likelihood(w, lat, cost)
        for k in range(len(w)):
            e = np.zeros(len(w))
            e[k] = 1e-5
            fd = (crf.log_likelihood(w + e, lat, cost)[0] - crf.log_likelihood(w - e, lat, cost)[0]) / 2e-5
            assert grad[k] == pytest.approx(fd, abs=1e-4, rel=1e-4), beadscore.FEATURES[k]


def test_log_likelihood_is_a_log_probability(doc_lattice: tuple) -> None:
    lat, _f = doc_lattice
    p = ScoreParams()
    ll, _g = crf.log_likelihood(beadscore.hand_weights(p.type_penalty, p.skip, p.length_weight), lat)
    assert ll < 0.0


def test_fit_raises_likelihood_and_is_deterministic(doc_lattice: tuple) -> None:
    lat, _f = doc_lattice
    p = ScoreParams()
    prior = beadscore.hand_weights(p.type_penalty, p.skip, p.length_weight)
    w1 = crf.fit([lat], prior, 1.0, iterations=30)
    w2 = crf.fit([lat], prior, 1.0, iterations=30)
    assert np.array_equal(w1, w2)
    assert crf.objective(w1, [lat], prior, 1.0)[0] < crf.objective(prior, [lat], prior, 1.0)[0]


def test_lbfgs_minimises_a_quadratic() -> None:
    a = np.array([[3.0, 0.5], [0.5, 1.0]])
    b = np.array([1.0, -2.0])
    x = crf.lbfgs(lambda x: (0.5 * x @ a @ x - b @ x, a @ x - b), np.zeros(2), tol=1e-12)
    assert np.allclose(x, np.linalg.solve(a, b), atol=1e-6)


def test_gold_path_merges_crossing_and_splits_unknown_beads() -> None:
    # zh 1 ↔ en 2 and zh 2 ↔ en 1 cross: one 2-2 bead; 3-5 is not a search type: split
    gold = [([0], [0]), ([1], [2]), ([2], [1]), ([3, 4, 5], [3, 4, 5, 6, 7]), ([6], [])]
    path = crf.gold_path(gold, 7, 8)
    assert path[0] == (0, 1, 0, 1) and path[1] == (1, 3, 1, 3) and path[-1] == (6, 7, 8, 8)
    assert all((i1 - i0, j1 - j0) in ALL_TYPES for i0, i1, j0, j1 in path)
    assert [b[0] for b in path[1:]] == [b[1] for b in path[:-1]]  # contiguous
    assert path[2][0] == 3 and path[-2][1] == 6 and path[-2][3] == 8


def test_hand_weights_reproduce_the_hand_set_score(doc_lattice: tuple) -> None:
    _lat, f = doc_lattice
    p = ScoreParams(weights=None)
    w = tuple(beadscore.hand_weights(p.type_penalty, p.skip, p.length_weight))
    n, m = len(f.zh), len(f.en)
    hand = BeadScorer(f, Band.full(n, m), p, reach=6).band_scores(ALL_TYPES)
    learned = BeadScorer(f, Band.full(n, m), replace(p, weights=w), reach=6).band_scores(ALL_TYPES)
    ok = hand > NEG / 2
    assert np.allclose(hand[ok], learned[ok], atol=1e-9)


def test_grid_and_general_learned_scores_agree(doc_lattice: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    _lat, f = doc_lattice
    rng = np.random.default_rng(1)
    p = ScoreParams(weights=tuple(rng.normal(0, 1, len(beadscore.FEATURES))))
    n, m = len(f.zh), len(f.en)
    grid = BeadScorer(f, Band.full(n, m), p, reach=6)
    scores = grid.band_scores(ALL_TYPES)
    assert grid._grid is not None
    monkeypatch.setattr(similarity._GridScores, "suits", classmethod(lambda cls, s, w: False))
    plain = BeadScorer(f, Band.full(n, m), p, reach=6)  # scores each bead on its own
    for t, (a, b) in enumerate(ALL_TYPES):
        ii, jj = np.meshgrid(np.arange(n + 1), np.arange(m + 1), indexing="ij")
        ok = (ii >= a) & (jj >= b)
        assert np.allclose(scores[t][ok], plain.score(ii[ok], jj[ok], a, b), atol=1e-12)


def test_policy_skip_shifts_learned_null_beads() -> None:
    w = tuple(np.arange(len(beadscore.FEATURES), dtype=float))
    p = ScoreParams(weights=w)
    assert p.null_score(0, 1) - replace(p, skip=0.5).null_score(0, 1) == pytest.approx(-0.32)
    assert ScoreParams(weights=None, skip=0.5).null_score() == -0.5


def test_written_weights_reproduce_from_the_fit(root, shared) -> None:
    """bench/align_crf.py --write's weights are what a fit on the same documents gives again."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("align_crf", root / "bench" / "align_crf.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    if not bench.MAC.is_file():
        pytest.skip("MAC-Dev not available")
    assert beadscore.WEIGHTS, "no fitted weights written"
    base = Aligner(bench.AlignOptions(score=ScoreParams(weights=None)))
    mac, extra = bench.training_docs()
    lats = bench.lattices(mac, base, bench.MARGIN) + bench.lattices(extra, base, bench.MARGIN)
    p = ScoreParams(weights=None)
    w = crf.fit(lats, beadscore.hand_weights(p.type_penalty, p.skip, p.length_weight), bench.LAMBDA)
    assert np.allclose(w, beadscore.default_weights(), atol=1e-5)


def test_learned_score_aligns_the_seeds(root) -> None:
    """The opt-in learned score, end to end: the seeds still align at the target."""
    from zhcorpus.align import AlignOptions
    from zhcorpus.align.goldfile import evaluate_gold

    aligner = Aligner(AlignOptions(bead_score="learned"))
    assert evaluate_gold(root / "tests/data/gold/seeds.jsonl", aligner).report.strict.f1 >= 0.99


def test_typical_similarity_moves_only_the_learned_score(doc_lattice: tuple) -> None:
    _lat, f = doc_lattice
    n, m = len(f.zh), len(f.en)
    w = beadscore.default_weights()
    hand = [BeadScorer(f, Band.full(n, m), ScoreParams(weights=None, typical=t), reach=6).band_scores(ALL_TYPES)
            for t in (0.4, 0.8)]
    learned = [BeadScorer(f, Band.full(n, m), ScoreParams(weights=w, typical=t), reach=6).band_scores(ALL_TYPES)
               for t in (0.4, 0.8)]
    assert np.array_equal(hand[0], hand[1])
    assert not np.array_equal(learned[0], learned[1])
    assert ScoreParams(weights=w, typical=0.4).null_score(1, 0) != ScoreParams(weights=w, typical=0.8).null_score(1, 0)


def test_bead_score_option_chooses_the_weights() -> None:
    from zhcorpus.align import AlignOptions

    assert AlignOptions().score_params() == ScoreParams()
    assert AlignOptions(bead_score="learned").score_params().weights == beadscore.default_weights()
    own = tuple(0.5 for _ in beadscore.FEATURES)
    assert AlignOptions(bead_score="learned", score=ScoreParams(weights=own)).score_params().weights == own
    with pytest.raises(ValueError, match="bead_score must be 'hand' or 'learned', not 'crf'"):
        AlignOptions(bead_score="crf")


def _align_eval(root: Path, tmp_path: Path, *args: str) -> list[dict]:
    """``corpus align-eval`` of the policy gold with *args*: its prediction records."""
    import json

    from click.testing import CliRunner

    from zhcorpus.cli import main

    pred = tmp_path / f"pred{len(list(tmp_path.iterdir()))}.jsonl"
    r = CliRunner().invoke(main, ["align-eval", str(root / "tests/data/gold/policy.jsonl"), "-j", "1",
                                  "--json", "--write-pred", str(pred), *args])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output.splitlines()[0])["strict_f1"] >= 0.99
    return [json.loads(x) for x in pred.read_text(encoding="utf-8").splitlines()]


def test_cli_align_eval_bead_score(root, tmp_path) -> None:
    """--bead-score learned: the policy set aligns the same, the scores (the CRF's potentials) move."""
    from click.testing import CliRunner

    from zhcorpus.cli import main

    hand, learned = _align_eval(root, tmp_path), _align_eval(root, tmp_path, "--bead-score", "learned")
    assert hand == _align_eval(root, tmp_path, "--bead-score", "hand")
    assert [d["align"] for d in hand] == [d["align"] for d in learned]
    assert [d["scores"] for d in hand] != [d["scores"] for d in learned]
    r = CliRunner().invoke(main, ["align-eval", str(root / "tests/data/gold/policy.jsonl"), "--bead-score", "crf"])
    assert r.exit_code == 2 and "'crf' is not one of 'hand', 'learned'" in r.output


def test_corpus_toml_bead_score_reaches_the_aligner(root, tmp_path, monkeypatch) -> None:
    """bead_score in [align] of corpus.toml: the build's align step and `corpus align` use the CRF."""
    from click.testing import CliRunner

    from test_build import make_project
    from zhcorpus.build.options import load_config
    from zhcorpus.cli import main
    from zhcorpus.steps import make_steps

    project = make_project(tmp_path / "p", root)
    toml = project / "corpus.toml"
    zh, en = "seeds/zh/001_cb556cae8a146f89.txt", "seeds/en/001_cb556cae8a146f89.txt"
    monkeypatch.chdir(project)

    def units(*args: str) -> list[str]:
        r = CliRunner().invoke(main, ["align", zh, en, "--format", "jsonl", *args])
        assert r.exit_code == 0, r.output
        return r.output.splitlines()

    hand, learned = units(), units("--bead-score", "learned")
    assert hand != learned
    toml.write_text(toml.read_text(encoding="utf-8").replace('bead_score = "hand"', 'bead_score = "learned"'),
                    encoding="utf-8")
    step = next(s for s in make_steps(load_config(project)["steps"], None) if s.name == "align")
    assert "|bead_score:learned|" in step.signature()
    assert step.aligner.options.score_params().weights == beadscore.default_weights()
    assert units() == learned and units("--bead-score", "hand") == hand
