"""Fault injection for the `corpus` command: hostile inputs, full disks, bad output places.

Each case makes its inputs in a fresh folder under WORK, runs one `corpus` command in-process
(Click's runner) and classifies the outcome:

* ``clean``      — the expected exit code, one ``error:`` line naming the file (and place);
* ``traceback``  — a Python exception escaped (or a traceback was printed);
* ``silent``     — exit 0 (or the wrong code) where an error was due, or a wrong output;
* ``data-loss``  — a file that existed before the run was changed or removed by a failing run;
* ``unclear``    — the right exit code but a message that does not name the file.

The disk-full cases run in one child process whose file size limit is RLIMIT_FSIZE (SIGXFSZ
ignored, so a write past the limit fails with EFBIG as it would with ENOSPC). Build, lock and
publication faults are in tests/test_faults.py (they need a project and kills).

Run: PYTHONPATH=src /work/venv/bin/python bench/faults.py [--work DIR] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ZH = "今年是脱贫攻坚战最后一年。习近平总书记指出，各项工作任务更重、要求更高。\n\n要抓好三个重点。\n"
EN = "This is the final year of the battle against poverty. The tasks are heavier.\n\nFocus on three priorities.\n"
UNIT = {"bead": "1-1", "doc_id": "000", "en": "Focus on three priorities.", "en_ids": ["000.en/2/1"], "flags": [],
        "id": "000/1", "paragraph": 2, "score": 0.9, "terms": [], "variants": {}, "zh": "要抓好三个重点。",
        "zh_ids": ["000.zh/2/1"]}
TU = '<tu tuid="{n}"><tuv xml:lang="zh-CN"><seg>要抓好三个重点{n}。</seg></tuv><tuv xml:lang="en-US"><seg>Focus {n}.</seg></tuv></tu>\n'
TMX_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" '
            'segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>\n')
TMX = TMX_HEAD + TU.format(n=1) + '</body></tmx>\n'
BIG_TMX = TMX_HEAD + "".join(TU.format(n=i) for i in range(1, 201)) + '</body></tmx>\n'
GLOSSARY_HEAD = "id\tzh_hans\tzh_hant\tzh_tw\tzh_variants\ten\ten_alt\tdefinition\tdomain\tpos\tsource\tsource_date\tstatus\tnotes\n"
MANIFEST_HEAD = '[corpus]\nname = "t"\ndate = "2026-01-01"\n\n'
BAD_NAME = os.fsdecode(b"bad\xff.txt")


def _unit_line(**changes: object) -> str:
    return json.dumps({**UNIT, **changes}, ensure_ascii=False) + "\n"


def _manifest(doc: str, extra: str = "") -> str:
    return MANIFEST_HEAD + extra + "[[document]]\n" + doc


DOC = 'id = "000"\nfile = "zh.txt"\nlang = "zh"\n'
TR = '\n[document.translation]\nfile = "en.txt"\nlang = "en"\n'


@dataclass
class Case:
    """One command run against prepared files, and what must come of it."""

    name: str
    kind: str  # the traceback class / fault family it covers
    argv: list[str]
    files: dict[str, bytes | str] = field(default_factory=dict)
    expect: tuple[int, ...] = (1,)
    mention: str | None = None  # the error must name this (file, place)
    env: dict[str, str] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None
    keep: tuple[str, ...] = ()  # files a failing run must leave as they were
    stdin: bytes | None = None
    check: Callable[[Path, str], str | None] | None = None  # on success: a problem with the output, or None


def _symlink_loop(d: Path) -> None:
    (d / "loop.txt").symlink_to("loop.txt")


def _bad_name(d: Path) -> None:
    (d / BAD_NAME).write_text(ZH, encoding="utf-8")


def cases() -> list[Case]:
    """Every input-fault case (the disk-full ones are :func:`disk_full_cases`)."""
    base = {"zh.txt": ZH, "en.txt": EN, "units.jsonl": _unit_line()}
    c: list[Case] = []
    # --- missing / unreadable input: exit 1 in every command
    for cmd in (["segment", "nope.txt"], ["ingest", "--lang", "zh", "nope.txt"], ["convert", "--to", "zh-TW", "nope.txt"],
                ["align", "nope.txt", "en.txt"], ["tmx", "validate", "nope.tmx"], ["tmx", "import", "nope.tmx"],
                ["tmx", "export", "nope.jsonl", "-o", "t"], ["score", "--ref", "nope.txt", "--hyp", "en.txt"],
                ["glossary", "check", "--glossary", "nope.tsv", "--units", "units.jsonl"],
                ["hf", "import", "nope.parquet"], ["variants", "nope.jsonl", "-o", "v.jsonl"]):
        c.append(Case(f"missing input: {cmd[0]} {cmd[1]}", "missing input", cmd, dict(base), mention="nope"))
    # --- symlink loops
    for cmd in (["ingest", "--lang", "zh", "loop.txt"], ["convert", "--to", "zh-TW", "loop.txt"],
                ["score", "--ref", "loop.txt", "--hyp", "en.txt"], ["segment", "loop.txt"], ["align", "loop.txt", "en.txt"]):
        c.append(Case(f"symlink loop: {cmd[0]}", "symlink loop", cmd, dict(base), setup=_symlink_loop, mention="loop.txt"))
    # --- file names with non-UTF-8 bytes (readable: must work or fail cleanly, never crash)
    for cmd in (["segment", BAD_NAME], ["ingest", "--lang", "zh", BAD_NAME, "-o", "d.jsonl"],
                ["convert", "--to", "zh-TW", BAD_NAME, "-o", "o.txt"], ["convert", "--to", "zh-TW", "zh.txt", "-o", BAD_NAME],
                ["score", "--ref", BAD_NAME, "--hyp", BAD_NAME, "--no-terms"]):
        # works, or a one-line error naming the file (ingest cannot put an undecodable name in UTF-8 JSON)
        c.append(Case(f"non-UTF-8 file name: {' '.join(cmd[:2])}", "non-UTF-8 name", cmd, dict(base),
                      setup=_bad_name, expect=(0, 1), mention="bad"))
    c.append(Case("non-UTF-8 name missing", "non-UTF-8 name", ["segment", os.fsdecode(b"gone\xfe.txt")], dict(base),
                  mention="gone"))
    # --- JSONL inputs: invalid UTF-8 and records of the wrong shape
    bad_jsonl = {"invalid UTF-8": _unit_line().encode() + b'{"id": "\xff\xfe"}\n', "array record": _unit_line() + "[1, 2]\n",
                 "missing keys": _unit_line() + '{"x": 1}\n', "wrong types": _unit_line(zh_ids="abc", score="high"),
                 "null record": _unit_line() + "null\n", "bad JSON": _unit_line() + "{oops\n"}
    jsonl_cmds = {"score": ["score", "--ref", "u.jsonl", "--hyp", "en.txt", "--ref-lang", "en"],
                  "tmx export": ["tmx", "export", "u.jsonl", "-o", "tmxout"],
                  "glossary check": ["glossary", "check", "--glossary", "g.tsv", "--units", "u.jsonl"],
                  "variants": ["variants", "u.jsonl", "-o", "v.jsonl"],
                  "hf import": ["hf", "import", "u.jsonl", "-o", "i.jsonl"]}
    glossary = GLOSSARY_HEAD + "T1\t脱贫\t脫貧\t\t\tpoverty alleviation\t\t\t\t\t\t\tseed\t\n"
    for what, data in bad_jsonl.items():
        for cname, cmd in jsonl_cmds.items():
            c.append(Case(f"JSONL {what}: {cname}", "JSONL record", cmd, {**base, "u.jsonl": data, "g.tsv": glossary},
                          mention="u.jsonl"))
    # --- manifest fields of the wrong type, bad values, escaping paths
    bad_manifests = {
        "file = 5": _manifest(DOC.replace('"zh.txt"', "5")),
        "document = [1, 2]": MANIFEST_HEAD + "document = [1, 2]\n",
        'translation = "x"': _manifest(DOC + 'translation = "x"\n'),
        "corpus = 5": "corpus = 5\n[[document]]\n" + DOC,
        'date = "not-a-date"': _manifest(DOC + 'date = "not-a-date"\n'),
        'corpus date = "not-a-date"': '[corpus]\ndate = "not-a-date"\n[[document]]\n' + DOC,
        "invalid UTF-8": (_manifest(DOC) + "note = \"").encode() + b"\xff\xfe\"\n",
        'script = "Klingon"': _manifest(DOC + 'script = "Klingon"\n'),
        'lang = "ja"': _manifest(DOC.replace('"zh"', '"ja"')),
        "same file twice": _manifest(DOC) + '\n[[document]]\nid = "001"\nfile = "./zh.txt"\nlang = "zh"\n',
        "id = [1]": _manifest(DOC.replace('"000"', "[1]")),
        "absolute path outside": _manifest(DOC.replace('"zh.txt"', '"/etc/hostname"')),
        "../ outside": _manifest(DOC.replace('"zh.txt"', '"../../../../../../etc/hostname"')),
        "symlink outside": _manifest(DOC.replace('"zh.txt"', '"link.txt"')),
    }
    for what, text in bad_manifests.items():
        setup = None
        if what == "symlink outside":
            def setup(d: Path) -> None:
                (d / "outside").mkdir()
                (d / "outside" / "x.txt").write_text(ZH, encoding="utf-8")
                (d / "m").mkdir(exist_ok=True)
                (d / "m" / "link.txt").symlink_to(d / "outside" / "x.txt")
        c.append(Case(f"manifest {what}", "manifest field", ["ingest", "--manifest", "m/manifest.toml", "-o", "d.jsonl"],
                      {**base, "m/manifest.toml": text, "m/zh.txt": ZH, "m/en.txt": EN}, mention="manifest.toml",
                      setup=setup))
    # --- -o pointing at a folder or an impossible place; earlier outputs kept
    for cmd in (["convert", "--to", "zh-TW", "zh.txt", "-o", "adir"], ["ingest", "--lang", "zh", "zh.txt", "-o", "adir"],
                ["align", "zh.txt", "en.txt", "-o", "adir"], ["tmx", "import", "t.tmx", "-o", "adir"],
                ["hf", "import", "hf.jsonl", "-o", "adir"], ["variants", "docs.jsonl", "-o", "adir"],
                ["score", "--ref", "en.txt", "--hyp", "en.txt", "--segments", "adir"],
                ["convert", "--to", "zh-TW", "zh.txt", "-o", "afile.txt/sub/o.txt"],
                ["tmx", "export", "units.jsonl", "-o", "afile.txt"], ["glossary", "export", "--glossary", "g.tsv", "-o", "afile.txt"]):
        c.append(Case(f"-o unusable: {cmd[0]} {cmd[-1]}", "-o directory/unwritable", cmd,
                      {**base, "t.tmx": TMX, "afile.txt": "keep me\n", "g.tsv": glossary, "adir/keep.txt": "keep\n",
                       "hf.jsonl": '{"translation": {"zh": "要抓好三个重点。", "en": "Focus."}}\n',
                       },
                      mention=cmd[-1].split("/")[0], keep=("afile.txt", "adir/keep.txt"), setup=_docs_jsonl))
    # --- environment and configuration
    c.append(Case("SOURCE_DATE_EPOCH overflow: tmx export", "SOURCE_DATE_EPOCH", ["tmx", "export", "units.jsonl", "-o", "t"],
                  dict(base), env={"SOURCE_DATE_EPOCH": "99999999999999999999"}, mention="SOURCE_DATE_EPOCH"))
    c.append(Case("SOURCE_DATE_EPOCH text: tmx export", "SOURCE_DATE_EPOCH", ["tmx", "export", "units.jsonl", "-o", "t"],
                  dict(base), env={"SOURCE_DATE_EPOCH": "soon"}, mention="SOURCE_DATE_EPOCH"))
    for key, value in (("jobs", '"many"'), ("out", "5"), ("low_score", '"low"'), ("force", '"yes"')):
        c.append(Case(f"corpus.toml {key} = {value}", "build setting type", ["build", "-q"],
                      {**base, "corpus.toml": f"[build]\n{key} = {value}\n"}, mention="corpus.toml"))
    # --- dataset card with broken YAML
    c.append(Case("dataset card broken YAML", "dataset card", ["hf", "push", "user/x", "--folder", "hf", "--dry-run"],
                  {**base, "hf/README.md": "---\nlicense: [cc-by-4.0\n---\n# x\n", "hf/data/train.parquet": b"PAR1"},
                  mention="README.md"))
    # --- TMX: gzip with a bad CRC, no <body>, huge attribute lists, duplicate tuids
    good_gz = gzip.compress(TMX.encode(), mtime=0)
    bad_gz = good_gz[:-8] + b"\x00\x00\x00\x00" + good_gz[-4:]
    c.append(Case("gzip TMX bad CRC: validate", "gzip CRC", ["tmx", "validate", "t.tmx.gz"], {"t.tmx.gz": bad_gz},
                  mention="t.tmx.gz"))
    c.append(Case("gzip TMX bad CRC: import", "gzip CRC", ["tmx", "import", "t.tmx.gz"], {"t.tmx.gz": bad_gz},
                  mention="t.tmx.gz"))
    c.append(Case("gzip TMX truncated: stats", "gzip CRC", ["tmx", "stats", "t.tmx.gz"], {"t.tmx.gz": good_gz[:40]},
                  mention="t.tmx.gz"))
    no_body = TMX.split("<body>")[0] + "</tmx>\n"
    c.append(Case("TMX without <body>: validate", "TMX structure", ["tmx", "validate", "t.tmx"], {"t.tmx": no_body},
                  mention="t.tmx"))
    # --- glossary: over-long fields and control characters (check must refuse what export would choke on)
    huge = GLOSSARY_HEAD + "T1\t脱贫\t脫貧\t\t\t" + "x" * 140_000 + "\t\t\t\t\t\t\tseed\t\n"
    ctrl = GLOSSARY_HEAD + "T1\t脱贫\t脫貧\t\t\tpoverty\x07alleviation\t\t\t\t\t\t\tseed\t\n"
    for what, g in (("field over 131,072 characters", huge), ("control character", ctrl)):
        for cmd in (["glossary", "check", "--glossary", "g.tsv", "--units", "units.jsonl"],
                    ["glossary", "export", "--glossary", "g.tsv", "-o", "gx"]):
            c.append(Case(f"glossary {what}: {cmd[1]}", "glossary field", cmd, {**base, "g.tsv": g}, mention="g.tsv"))
    # --- convert: empty input never empties -o
    for what, data in (("empty", b""), ("whitespace-only", b" \n\t\n"), ("BOM-only", b"\xef\xbb\xbf")):
        c.append(Case(f"convert {what} input", "empty input", ["convert", "--to", "zh-TW", "in.txt", "-o", "out.txt"],
                      {"in.txt": data, "out.txt": "earlier output\n"}, mention="in.txt", keep=("out.txt",)))
    # --- score: TER on an over-long segment is refused, not an OOM
    long_line = ("word " * 250_000).strip() + "\n"
    c.append(Case("score TER on a 1 MB segment", "resource limit", ["score", "--ref", "r.txt", "--hyp", "h.txt", "-m", "ter",
                                                                    "--ref-lang", "en", "--no-terms"],
                  {"r.txt": long_line, "h.txt": long_line}, mention="r.txt"))
    # --- a folder or an empty file where a file is read
    readers = {"segment": ["segment", "{f}"], "ingest": ["ingest", "--lang", "zh", "{f}", "-o", "d.jsonl"],
               "align": ["align", "{f}", "en.txt"], "score": ["score", "--ref", "{f}", "--hyp", "en.txt"],
               "tmx import": ["tmx", "import", "{f}"], "tmx validate": ["tmx", "validate", "{f}"],
               "tmx stats": ["tmx", "stats", "{f}"], "tmx export": ["tmx", "export", "{f}", "-o", "t"],
               "glossary check": ["glossary", "check", "--glossary", "{f}", "--units", "units.jsonl"],
               "hf import": ["hf", "import", "{f}.jsonl", "-o", "i.jsonl"], "variants": ["variants", "{f}", "-o", "v.jsonl"]}
    for what, name in (("a folder", "adir"), ("an empty file", "empty")):
        for cname, cmd in readers.items():
            argv = [a.replace("{f}", name) for a in cmd]
            files = {**base, "empty": b"", "empty.jsonl": b""}
            c.append(Case(f"{what} as input: {cname}", "empty or folder input", argv, files, mention=name))
    for cmd in (["glossary", "check", "--glossary", "g.tsv", "--units", "units.jsonl", "--json", "adir"],
                ["score", "--ref", "en.txt", "--hyp", "en.txt", "--report", "adir"]):
        c.append(Case(f"-o unusable: {' '.join(cmd[:2])} {cmd[-2]}", "-o directory/unwritable", cmd,
                      {**base, "g.tsv": glossary, "adir/keep.txt": "keep\n"}, mention="adir", keep=("adir/keep.txt",)))
    # --- TMX resource limits: 50,000 attributes (linear, refused), a segment over 10 MB
    attrs = " ".join(f'a{i}="v"' for i in range(50_000))
    c.append(Case("TMX <tu> with 50,000 attributes", "resource limit", ["tmx", "import", "t.tmx", "-o", "o.jsonl"],
                  {"t.tmx": TMX.replace('<tu tuid="1">', f'<tu tuid="1" {attrs}>')}, mention="attributes"))
    c.append(Case("TMX segment over 10 MB", "resource limit", ["tmx", "import", "t.tmx", "-o", "o.jsonl"],
                  {"t.tmx": TMX.replace("Focus 1.", "x" * 10_500_000)}, mention="10 MB"))
    # --- TMX import: repeated tuids become unique unit ids, with a warning
    dup = TMX_HEAD + TU.format(n=1) + TU.format(n=1).replace("重点1", "重点2") + "</body></tmx>\n"
    c.append(Case("tmx import duplicate tuids", "duplicate ids", ["tmx", "import", "t.tmx", "-o", "o.jsonl"],
                  {"t.tmx": dup}, expect=(0,), check=_unique_ids))
    # --- convert reads GB18030, Big5 and UTF-16 files (the README says so)
    for enc, text in (("gb18030", "今年是脱贫攻坚战最后一年。\n"), ("big5", "決戰決勝脫貧攻堅。\n"),
                      ("utf-16", "今年是脱贫攻坚战最后一年。\n")):
        c.append(Case(f"convert {enc} input", "encodings", ["convert", "--to", "zh-Hans", "in.txt", "-o", "out.txt"],
                      {"in.txt": text.encode(enc)}, expect=(0,), check=_converted(text)))
    return c


def _unique_ids(d: Path, output: str) -> str | None:
    ids = [json.loads(line)["id"] for line in (d / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    if len(ids) != 2 or len(set(ids)) != 2:
        return f"unit ids not unique: {ids}"
    return None if "warning" in output else "no warning about the repeated tuid"


def _converted(source: str) -> Callable[[Path, str], str | None]:
    def check(d: Path, output: str) -> str | None:
        import opencc

        want = opencc.OpenCC("t2s").convert(source)
        got = (d / "out.txt").read_text(encoding="utf-8")
        return None if got == want else f"converted to {got!r}, expected {want!r}"
    return check


def _prepare(case: Case, d: Path) -> None:
    for rel, data in case.files.items():
        p = d / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            p.write_text(data, encoding="utf-8")
        else:
            p.write_bytes(data)
    (d / "adir").mkdir(exist_ok=True)
    if case.setup:
        case.setup(d)


def _snapshot(d: Path, names: tuple[str, ...]) -> dict[str, bytes | None]:
    return {n: (d / n).read_bytes() if (d / n).is_file() else None for n in names}


def run_case(case: Case, d: Path, prepare: bool = True) -> dict[str, object]:
    """Run *case* in folder *d* (its files made there first, unless *prepare* is False); returns its outcome."""
    from click.testing import CliRunner

    from zhcorpus.cli import main

    if prepare:
        _prepare(case, d)
    before = _snapshot(d, case.keep)
    old_cwd = os.getcwd()
    os.chdir(d)
    try:
        r = CliRunner().invoke(main, case.argv, env=case.env, input=case.stdin)
    finally:
        os.chdir(old_cwd)
    err = r.stderr if hasattr(r, "stderr") else r.output
    exc = r.exception if r.exception is not None and not isinstance(r.exception, SystemExit) else None
    out = r.output + ("" if err in r.output else err)
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")] or [ln for ln in out.splitlines() if "error" in ln]
    if exc is not None or "Traceback" in r.output:
        outcome = "traceback"
        detail = "".join(traceback.format_exception(exc)) if exc else r.output
    elif r.exit_code not in case.expect:
        outcome, detail = "silent" if r.exit_code == 0 else "wrong-exit", f"exit {r.exit_code}: {err.strip()[:300]}"
    elif r.exit_code != 0 and (not lines or (case.mention and case.mention not in lines[0]
                                             and os.fsencode(case.mention).decode("utf-8", "backslashreplace") not in lines[0])):
        outcome, detail = "unclear", err.strip()[:300]
    else:
        outcome, detail = "clean" if r.exit_code else "ok", (lines[0] if lines else "")
    if outcome == "ok" and case.check is not None:
        problem = case.check(d, out)
        if problem:
            outcome, detail = "silent", problem
    if r.exit_code != 0 and _snapshot(d, case.keep) != before:
        outcome, detail = "data-loss", f"changed: {case.keep}"
    return {"name": case.name, "kind": case.kind, "outcome": outcome, "exit": r.exit_code, "detail": detail[-2000:]}


def disk_full_cases() -> list[Case]:
    """One case per writer: the output is bigger than the file size limit of the child process."""
    base = {"zh.txt": ZH * 40, "en.txt": EN * 40, "units.jsonl": _unit_line() * 200, "t.tmx": BIG_TMX,
            "g.tsv": GLOSSARY_HEAD + "".join(f"T{i}\t脱贫{chr(0x4e00 + i)}\t脫貧{chr(0x4e00 + i)}\t\t\tpoverty alleviation {i}"
                                             f"\t\t\t\t\t\t\tseed\t\n" for i in range(1, 60)),
            "out.txt": "earlier output\n"}
    cmds = {"convert": ["convert", "--to", "zh-TW", "zh.txt", "-o", "out.txt"],
            "ingest": ["ingest", "--lang", "zh", "zh.txt", "-o", "out.txt"],
            "align": ["align", "zh.txt", "en.txt", "-o", "out.txt"],
            "tmx export": ["tmx", "export", "units.jsonl", "-o", "tx"],
            "tmx import": ["tmx", "import", "t.tmx", "-o", "out.txt"],
            "tmx merge": ["tmx", "merge", "t.tmx", "t.tmx", "-o", "out.txt"],
            "tmx srx": ["tmx", "srx", "out.txt"],
            "glossary export": ["glossary", "export", "--glossary", "g.tsv", "-o", "gx"],
            "hf export": ["hf", "export", "--units", "units.jsonl", "--documents", "docs.jsonl", "--out", "hfo"],
            "hf import": ["hf", "import", "units.jsonl", "-o", "out.txt"],
            "score segments": ["score", "--ref", "en.txt", "--hyp", "en.txt", "--segments", "out.txt", "--no-terms"],
            "variants": ["variants", "docs.jsonl", "-o", "out.txt"]}
    return [Case(f"disk full: {name}", "disk full", cmd, dict(base), mention=None, keep=("out.txt",))
            for name, cmd in cmds.items()]


def _docs_jsonl(d: Path) -> None:
    from zhcorpus.ingest import build_document
    from zhcorpus.jsonl import dumps

    docs = [build_document("000.zh", "zh", ZH * 40), build_document("000.en", "en", EN * 40)]
    (d / "docs.jsonl").write_text("".join(dumps(x.to_dict()) + "\n" for x in docs), encoding="utf-8")


def run_disk_full(work: Path, limit: int = 2048) -> list[dict[str, object]]:
    """Run the disk-full cases in one child process limited to *limit* bytes per file."""
    dirs = []
    for i, case in enumerate(disk_full_cases()):
        d = work / f"disk{i:02d}"
        d.mkdir(parents=True)
        _prepare(case, d)
        _docs_jsonl(d)
        dirs.append(str(d))
    code = (
        "import json, resource, signal, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "import faults\n"
        "from pathlib import Path\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "out = [faults.run_case(c, Path(d), False) for c, d in zip(faults.disk_full_cases(), json.loads(sys.argv[2]))]\n"
        "sys.stdout.write(json.dumps(out))\n"
    )
    child = [sys.executable, "-c", code, str(Path(__file__).parent), json.dumps(dirs)]
    r = subprocess.run(child, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"}, check=False)
    if r.returncode != 0:
        raise RuntimeError(f"disk-full child failed: {r.stderr[-2000:]}")
    results = json.loads(r.stdout)
    for res in results:  # a writer that finished within the limit proves nothing: count it as not tried
        if res["exit"] == 0:
            res["outcome"], res["detail"] = "silent", "exit 0 although the output exceeds the file size limit"
    return results


def run_all(work: Path, skip: tuple[str, ...] = ()) -> dict[str, object]:
    """Every case (but those whose name contains a *skip* string); the summary (counts per outcome) and the records."""
    records = []
    for i, case in enumerate(cases()):
        if any(s in case.name for s in skip):
            continue
        d = work / f"case{i:03d}"
        d.mkdir(parents=True)
        records.append(run_case(case, d))
    records += run_disk_full(work)
    counts: dict[str, int] = {}
    for r in records:
        counts[str(r["outcome"])] = counts.get(str(r["outcome"]), 0) + 1
    summary = {"cases": len(records), "clean errors": counts.get("clean", 0), "worked": counts.get("ok", 0),
               "tracebacks": counts.get("traceback", 0), "silent wrong outputs": counts.get("silent", 0),
               "data loss": counts.get("data-loss", 0), "unclear messages": counts.get("unclear", 0),
               "wrong exit codes": counts.get("wrong-exit", 0)}
    return {"summary": summary, "records": records}


def main() -> None:
    """Run the suite and print the summary (and the failures)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=None, help="Folder for the cases' files [a temporary folder].")
    ap.add_argument("--json", action="store_true", help="Print every record as JSON.")
    ap.add_argument("--skip", action="append", default=[],
                    help="Skip the cases whose name contains this (repeatable); e.g. 'TER' on code without the TER cap, "
                    "which needs > 20 GB there.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="zhcorpus-faults-") as tmp:
        result = run_all(args.work or Path(tmp), tuple(args.skip))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    for r in result["records"]:  # type: ignore[union-attr]
        if r["outcome"] not in ("clean", "ok"):
            print(f"{r['outcome']:10} {r['name']}: {str(r['detail']).strip().splitlines()[-1][:200] if r['detail'] else ''}")
    print(json.dumps(result["summary"]))


if __name__ == "__main__":
    main()
