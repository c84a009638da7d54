"""The scores equal the sacrebleu command line's on the same files and options."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys

import pytest

from zhcorpus.score import ScoreOptions, load_inputs, score
from zhcorpus.score.metrics import MetricConfig, sentence_scores

N_UNITS = 90  # enough segments for stable intervals, few enough to keep TER fast


def _pairs(gold: dict[str, dict]) -> list[tuple[str, str]]:
    out = []
    for doc in sorted(gold):
        d = gold[doc]
        for z, e in d["gold"]:
            if z and e:
                out.append(("".join(d["zh"][i] for i in z), " ".join(d["en"][i] for i in e)))
    return out


def _degrade_en(text: str, rng: random.Random, p: float) -> str:
    return " ".join(w for w in text.split() if rng.random() > p)


def _degrade_zh(text: str, rng: random.Random, p: float) -> str:
    return "".join(("的" if rng.random() < 0.5 else "") if rng.random() < p else ch for ch in text)


@pytest.fixture(scope="module")
def files(gold, tmp_path_factory):
    pairs = _pairs(gold)[:N_UNITS]
    d = tmp_path_factory.mktemp("parity")
    rng = random.Random(7)

    def write(name: str, lines: list[str]) -> str:
        (d / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return str(d / name)

    return {
        "en.ref": write("en.ref", [e for _, e in pairs]),
        "en.a": write("en.a", [_degrade_en(e, rng, 0.1) for _, e in pairs]),
        "en.b": write("en.b", [_degrade_en(e, rng, 0.15) for _, e in pairs]),
        "zh.ref": write("zh.ref", [z for z, _ in pairs]),
        "zh.a": write("zh.a", [_degrade_zh(z, rng, 0.1) for z, _ in pairs]),
    }


@pytest.fixture(autouse=True)
def _default_seed(monkeypatch):
    monkeypatch.delenv("SACREBLEU_SEED", raising=False)


def run_cli(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "sacrebleu", *args, "-w", "6", "-q"], capture_output=True,
                          text=True, check=True, env={"NO_COLOR": "1", "PATH": ""}).stdout


def sacrebleu_cli(*args: str) -> list[dict]:
    """Single-system results as JSON (one metric gives an object, several a list)."""
    res = json.loads(run_cli(*args, "-f", "json"))
    return res if isinstance(res, list) else [res]


def paired_cli(*args: str) -> tuple[list[float], list[float]]:
    """The numbers of the second system's (args[3]) row of sacrebleu's paired-test table, and its p-values.

    (The text table, since sacrebleu's JSON output of a paired chrF test fails on a float32.)
    """
    lines = run_cli(*args, "-f", "text").splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("│") and args[3] in line.split("│")[1])
    nums = [float(x) for x in re.findall(r"-?\d+\.\d+", "".join(lines[i].split("│")[2:]))]
    ps = [float(x) for x in re.findall(r"p = (\d+\.\d+)", lines[i + 1])]
    return nums, ps


def cli_options(config: MetricConfig, keys: tuple[str, ...]) -> list[str]:
    """One sacrebleu command's options for several metrics (chrF and chrF++ need two commands)."""
    metrics, opts = [], []
    for key in keys:
        args = config.cli_args(key)
        metrics.append(args[1])
        opts += args[2:]
    return ["-m", *metrics, *opts]


def test_english_target_equals_cli(files):
    ref, hyps, _ = load_inputs(files["en.ref"], [files["en.a"]])
    report = score(ref, hyps)
    assert report.target == "en"
    cfg = report.config
    assert cfg.names() == ("bleu", "chrf", "chrf++", "ter")
    scores = report.systems[0].scores
    cli = sacrebleu_cli(files["en.ref"], "-i", files["en.a"], *cli_options(cfg, ("bleu", "chrf", "ter")), "-ci")
    cli += sacrebleu_cli(files["en.ref"], "-i", files["en.a"], *cfg.cli_args("chrf++"), "-ci")
    by_name = {c["name"]: c for c in cli}
    for key, ours in scores.items():
        theirs = by_name[ours.name]
        assert round(ours.score, 6) == theirs["score"], key
        assert round(ours.mean, 6) == theirs["confidence_mean"], key
        assert round(ours.ci, 6) == theirs["confidence_var"], key
        assert ours.signature == theirs["signature"], key
    assert "tok:13a" in scores["bleu"].signature


def test_chinese_target_uses_zh_tokenizer_and_equals_cli(files):
    ref, hyps, _ = load_inputs(files["zh.ref"], [files["zh.a"]])
    report = score(ref, hyps, options=ScoreOptions(n_bootstrap=0))
    assert report.target.startswith("zh")
    scores = report.systems[0].scores
    assert set(scores) == {"bleu", "chrf", "ter"}  # chrF++ counts words: not by default for Chinese
    assert "tok:zh" in scores["bleu"].signature
    assert "asian:yes" in scores["ter"].signature
    # BLEU's tokenizer as sacrebleu picks it by itself for a Chinese target (-l en-zh, no --tokenize)
    opts = [a for a in cli_options(report.config, ("bleu", "chrf", "ter")) if a not in ("--tokenize", "zh")]
    by_name = {c["name"]: c for c in sacrebleu_cli(files["zh.ref"], "-i", files["zh.a"], *opts, "-l", "en-zh")}
    for key, ours in scores.items():
        assert round(ours.score, 6) == by_name[ours.name]["score"], key
        assert ours.signature == by_name[ours.name]["signature"].replace("|l:en-zh", ""), key
    # the 13a tokenizer would see each unsegmented Chinese clause as one word: a meaningless BLEU
    wrong = score(ref, hyps, options=ScoreOptions(metrics=("bleu",), tokenize="13a", n_bootstrap=0))
    assert abs(wrong.systems[0].scores["bleu"].score - scores["bleu"].score) > 10


def test_paired_significance_equals_cli(files):
    ref, hyps, _ = load_inputs(files["en.ref"], [files["en.a"], files["en.b"]])
    opts = ScoreOptions(metrics=("bleu", "chrf"), n_bootstrap=0, paired_bs_n=1000, paired_ar_n=1000)
    report = score(ref, hyps, options=opts)
    sig = report.significance
    assert sig is not None and sig.baseline == files["en.a"]
    rows = {(r.system, r.metric): r for r in sig.rows}
    bleu, chrf = rows[(files["en.b"], "bleu")], rows[(files["en.b"], "chrf")]
    common = (files["en.ref"], "-i", files["en.a"], files["en.b"], "-m", "bleu", "chrf", "--tokenize", "13a",
              "--chrf-word-order", "0")
    nums, ps = paired_cli(*common, "--paired-bs", "--paired-bs-n", "1000")
    assert nums == [round(x, 6) for x in (bleu.score, bleu.mean, bleu.ci, chrf.score, chrf.mean, chrf.ci)]
    assert ps == [round(bleu.p_bs, 4), round(chrf.p_bs, 4)]
    nums, ps = paired_cli(*common, "--paired-ar", "--paired-ar-n", "1000")
    assert nums == [round(bleu.score, 6), round(chrf.score, 6)]
    assert ps == [round(bleu.p_ar, 4), round(chrf.p_ar, 4)]
    assert all(r.significant is not None for r in sig.rows if r.delta is not None)


def test_sentence_scores_equal_cli_sentence_level(files):
    ref, hyps, _ = load_inputs(files["en.ref"], [files["en.a"]])
    cfg = MetricConfig("en", ("bleu",))
    ours = sentence_scores(hyps[0].texts, ref.texts, cfg)
    out = subprocess.run([sys.executable, "-m", "sacrebleu", files["en.ref"], "-i", files["en.a"], "-m", "bleu",
                          "--tokenize", "13a", "-sl", "-b", "-w", "6", "-q"],
                         capture_output=True, text=True, check=True, env={"NO_COLOR": "1", "PATH": ""})
    cli = [float(x) for x in out.stdout.split()]
    assert [round(r["bleu"], 6) for r in ours] == cli


def test_sentence_scores_of_every_metric_equal_sentence_score(files):
    ref, hyps, _ = load_inputs(files["zh.ref"], [files["zh.a"]])
    cfg = MetricConfig(ref.lang or "zh", ("bleu", "chrf", "chrf++", "ter"))
    rows = sentence_scores(hyps[0].texts[:30], ref.texts[:30], cfg)
    for key in cfg.names():
        metric = cfg.build_sentence(key)
        expected = [metric.sentence_score(h, [r]).score for h, r in zip(hyps[0].texts[:30], ref.texts[:30], strict=True)]
        assert [row[key] for row in rows] == pytest.approx(expected, abs=1e-9), key
