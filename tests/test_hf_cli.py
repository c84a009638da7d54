"""`corpus hf export | import | push`: the thin CLI over the library, run as a user would."""

# ruff: noqa: F811  (pytest fixtures imported from test_hf_fixtures are parameters here)
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from test_hf_fixtures import (  # noqa: F401  (fixtures)
    BUILD_INFO,
    hf_docs,
    hf_glossary,
    hf_offline,
    hf_units,
)
from zhcorpus.cli import main
from zhcorpus.glossary import write_glossary
from zhcorpus.jsonl import read_jsonl, write_jsonl
from zhcorpus.model import Unit


@pytest.fixture
def corpus_dir(tmp_path, hf_units, hf_docs, hf_glossary):
    """A folder laid out like the build's output: units, documents, build info, glossary."""
    c = tmp_path / "corpus"
    write_jsonl(c / "units.jsonl", (u.to_dict() for u in hf_units))
    write_jsonl(c / "documents.jsonl", (d.to_dict() for d in hf_docs))
    (c / "build_info.json").write_text(json.dumps(BUILD_INFO), encoding="utf-8")
    write_glossary(tmp_path / "glossary.tsv", hf_glossary)
    return c


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def export_args(c, *extra):
    return ("hf", "export", "--units", str(c / "units.jsonl"), "--documents", str(c / "documents.jsonl"),
            "--build-info", str(c / "build_info.json"), "--glossary", str(c.parent / "glossary.tsv"),
            "--out", str(c / "hf"), *extra)


def test_help_has_examples():
    for cmd in (["hf"], ["hf", "export"], ["hf", "import"], ["hf", "push"]):
        r = run(*cmd, "--help")
        assert r.exit_code == 0 and "Example" in r.output, cmd


def test_export_import_push_dry_run(corpus_dir, hf_units):
    r = run(*export_args(corpus_dir))
    assert r.exit_code == 0, r.output
    assert "en-zh_Hans: train" in r.stderr and "glossary: train 3" in r.stderr
    assert "warning" not in r.stderr
    out = corpus_dir / "units_hant.jsonl"
    r = run("hf", "import", str(corpus_dir / "hf"), "--config", "en-zh_Hant", "-o", str(out))
    assert r.exit_code == 0, r.output
    back = [Unit.from_dict(d) for d in read_jsonl(out)]
    assert [u.id for u in back] == [u.id for u in hf_units if u.aligned]
    assert all(u.variants.keys() == {"zh-Hant"} for u in back)
    r = run("hf", "push", "me/zh-en-policy", "--folder", str(corpus_dir / "hf"), "--dry-run")
    assert r.exit_code == 0 and "README.md" in r.stdout
    assert "en-zh_Hans/train-00000-of-00001.parquet" in r.stdout
    assert "would upload" in r.stderr


def test_push_without_token_is_one_line(corpus_dir):
    assert run(*export_args(corpus_dir)).exit_code == 0
    r = run("hf", "push", "me/ds", "--folder", str(corpus_dir / "hf"))
    assert r.exit_code == 1
    assert r.stderr.strip().count("\n") == 0 and "no Hugging Face token" in r.stderr


def test_bad_units_file_names_file_and_line(corpus_dir):
    units = corpus_dir / "units.jsonl"
    lines = units.read_text(encoding="utf-8").splitlines()
    lines[2] = '{"id": "000/3", "unexpected": 1}'
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run(*export_args(corpus_dir))
    assert r.exit_code == 1
    assert r.stderr.startswith(f"error: {units}:3: not a unit record")
    assert not (corpus_dir / "hf").exists()


def test_unit_of_unknown_document_names_the_units_file(corpus_dir, hf_units):
    stray = Unit.from_dict({**hf_units[0].to_dict(), "id": "777/1", "doc_id": "777"})
    write_jsonl(corpus_dir / "units.jsonl", [u.to_dict() for u in [*hf_units, stray]])
    r = run(*export_args(corpus_dir))
    assert r.exit_code == 1 and f"{corpus_dir / 'units.jsonl'}:777/1:" in r.stderr


def test_bad_build_info_names_the_file(corpus_dir):
    (corpus_dir / "build_info.json").write_text('{"stages": "all"}', encoding="utf-8")
    r = run(*export_args(corpus_dir))
    assert r.exit_code == 1 and f"{corpus_dir / 'build_info.json'}:stages:" in r.stderr


def test_export_takes_the_licence_from_the_manifest(corpus_dir, root):
    (corpus_dir / "build_info.json").write_text("{}", encoding="utf-8")
    r = run(*export_args(corpus_dir, "--manifest", str(root / "seeds" / "manifest.toml")))
    assert r.exit_code == 0, r.output
    card = (corpus_dir / "hf" / "README.md").read_text(encoding="utf-8")
    assert "offered under CC-BY-4.0" in card and "remain their publishers' texts" in card
    assert "license: other" in card  # derived: the seeds state no licence for their Chinese texts


def test_import_missing_path(tmp_path):
    r = run("hf", "import", str(tmp_path / "nope"), "-o", str(tmp_path / "u.jsonl"))
    assert r.exit_code == 1 and "no such file or folder" in r.stderr
    assert not (tmp_path / "u.jsonl").exists()
