"""Acceptance with real TMX readers: the seeds' TMX files pass ../shared/cat/tmx_accept.sh (DTD,
translate-toolkit, XML::TMX, OmegaT 3.6) and OmegaT pre-translates at least 85% of the segments
it finds in the seeds' cleaned Chinese text.

Needs the Debian packages ``omegat`` and ``libxml-tmx-perl`` and the pip package
``translate-toolkit``; skipped, with the reason, only when one of them is absent.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zhcorpus.model import Document, Unit
from zhcorpus.tmx import export_tmx_pairs, read_tmx, write_srx
from zhcorpus.tmx.srx import OMEGAT_ZH_RULES, sentences
from zhcorpus.units import make_units

pytestmark = pytest.mark.integration

OMEGAT_JAR = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))
MIN_FILLED = 0.85
# the files the issue names: (pair name, source tag, target tag, variant of the source text)
FILES = [("zh-CN_en-US", "zh-CN", "en-US", "zh-Hans"), ("zh-TW_en-US", "zh-TW", "en-US", "zh-TW"),
         ("zh-CN_zh-TW", "zh-CN", "zh-TW", "zh-Hans")]


def _missing_tools(shared: Path) -> str | None:
    script = shared / "cat" / "tmx_accept.sh"
    if not script.is_file():
        return f"{script} not found"
    if not OMEGAT_JAR.is_file():
        return f"OmegaT not installed ({OMEGAT_JAR}; apt-get install omegat)"
    if shutil.which("java") is None:
        return "java not found (apt-get install omegat brings it)"
    if subprocess.run(["perl", "-MXML::TMX::Reader", "-e", "1"], capture_output=True).returncode != 0:
        return "XML::TMX not installed (apt-get install libxml-tmx-perl)"
    try:
        import translate.storage.tmx  # noqa: F401
    except ImportError:
        return "translate-toolkit not installed (pip install translate-toolkit)"
    return None


def _with_variants(seed_pairs, gold) -> tuple[list[Unit], dict[str, list[str]]]:
    """The seeds' units with every Chinese variant, and the cleaned text of each variant (one
    paragraph a line). Uses the project's variants stage; plain OpenCC where it is not built yet."""
    try:
        from zhcorpus.variants import add_variants
    except ImportError:
        add_variants = _opencc_variants
    units: list[Unit] = []
    text: dict[str, list[str]] = {v: [] for _, _, _, v in FILES}
    for zh, en in seed_pairs:
        zh = copy.deepcopy(zh)
        add_variants(zh)
        for p in zh.paragraphs:
            for v in text:
                text[v].append("".join(s.variants[v] + s.space_after for s in p.segments))
        units.extend(make_units(zh, en, [(z, e, 1.0) for z, e in gold[zh.pair_id]["gold"]]))
    return units, text


def _opencc_variants(doc: Document) -> Document:
    import opencc

    configs = {"Hans": {"zh-Hans": None, "zh-Hant": "s2t", "zh-TW": "s2twp", "zh-HK": "s2hk"},
               "Hant": {"zh-Hans": "t2s", "zh-Hant": None, "zh-TW": "t2tw", "zh-HK": "t2hk"}}[doc.script or "Hans"]
    conv = {k: opencc.OpenCC(c) if c else None for k, c in configs.items()}
    for s in doc.segments():
        s.variants = {k: c.convert(s.text) if c else s.text for k, c in conv.items()}
    return doc


def _accept(shared: Path, tmx: Path, src: str, tgt: str, source: Path) -> subprocess.Popen:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.Popen(["bash", str(shared / "cat" / "tmx_accept.sh"), str(tmx), src, tgt, str(source)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)


def test_seed_tmx_files_pass_every_reader_and_omegat_fills_85_percent(shared, seed_pairs, gold, tmp_path):
    reason = _missing_tools(shared)
    if reason:
        pytest.skip(reason)
    units, text = _with_variants(seed_pairs, gold)
    files = export_tmx_pairs(units, tmp_path / "tmx", creation_date="2026-11-24")
    write_srx(tmp_path / "tmx" / "zhcorpus.srx")
    runs = []
    for name, src, tgt, variant in FILES:
        source = tmp_path / f"source.{variant}.txt"
        source.write_text("\n".join(text[variant]) + "\n", encoding="utf-8")
        runs.append((name, variant, files[name], _accept(shared, files[name], src, tgt, source)))
    for name, variant, path, proc in runs:
        out, _ = proc.communicate(timeout=900)
        assert proc.returncode == 0, f"{path.name}:\n{out}"
        assert out.count("PASS ") == 4, out
        m = re.search(r"source_segments=(\d+) unique_segments=\d+ filled_from_tmx=(\d+)", out)
        assert m, out
        total, filled = int(m.group(1)), int(m.group(2))
        assert total > 200 and filled / total >= MIN_FILLED, f"{name}: OmegaT filled {filled}/{total}\n{out}"
        # OmegaT fills exactly the segments (by its own rules) that are some TU's source: the rest
        # are parts of TUs whose source it splits, which the export report counts
        sources = {next(iter(tu.segs.values())) for tu in read_tmx(path)}
        segments = [s for line in text[variant] for s in sentences(line, OMEGAT_ZH_RULES)]
        assert (total, filled) == (len(segments), sum(s in sources for s in segments)), name
        print(f"{name}: OmegaT filled {filled} of {total} segments ({filled / total:.1%})")
        assert files.reports[name].omegat_split > 0
