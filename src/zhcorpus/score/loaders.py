"""Read the segments of a reference, hypothesis or source: plain text (one segment per line),
TMX, project units JSONL or an exported Hugging Face subset (Parquet with a ``translation``
column). Structured formats hold several languages; the caller picks one with a tag.

Plain-text lines are read like the sacrebleu command line reads them (trailing whitespace
stripped, a final newline ends the last line), after :mod:`zhcorpus.reading` has detected the
encoding and NFC-normalised the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..reading import read_text
from .langs import base_lang, guess_lang, normalise_tag, script_of

FORMATS = ("text", "tmx", "jsonl", "parquet")
_JSONL_SIDES = ("zh", "en")


@dataclass
class Segments:
    """The segments of one file in one language, with an id per segment for messages."""

    path: str
    format: str
    lang: str | None  # the tag chosen or guessed; None when the text has no letters
    texts: list[str]
    ids: list[str]
    lang_guessed: bool = False
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)  # what the reader skipped or converted

    def __len__(self) -> int:
        return len(self.texts)


def detect_format(path: str | Path) -> str:
    """The format of *path* by its name: a folder or ``.parquet`` is an HF subset."""
    p = Path(path)
    name = p.name.lower()
    if p.is_dir() or name.endswith(".parquet") or (
            not p.exists() and p.parent.is_dir() and any(p.parent.glob(f"{p.name}-*.parquet"))):
        return "parquet"
    if name.endswith(".tmx"):
        return "tmx"
    if name.endswith(".jsonl"):
        return "jsonl"
    return "text"


def _pick(path: str, want: str | None, available: Iterable[str], flag: str) -> str:
    """The available language key matching *want*: the same tag, else the only one of its base."""
    keys = sorted(set(available))
    if not keys:
        raise InputError(path, "no language found in the file")
    listing = ", ".join(keys)
    if want is None:
        raise InputError(path, f"holds several languages ({listing}): choose one with {flag}")
    norm = {normalise_tag(k): k for k in keys}
    tag = normalise_tag(want)
    if tag in norm:
        return norm[tag]
    # zh-Hant finds zh-TW, zh-CN finds zh-Hans: the same language in the same script
    same_script = [k for n, k in norm.items() if base_lang(n) == base_lang(tag) and script_of(tag)
                   and script_of(n) == script_of(tag)]
    if len(same_script) == 1:
        return same_script[0]
    same_base = [k for n, k in norm.items() if base_lang(n) == base_lang(tag)]
    if len(same_base) == 1:
        return same_base[0]
    raise InputError(path, f"no unambiguous language {want!r} (available: {listing}); "
                     f"choose one with {flag}")


def load_text(path: str | Path, lang: str | None = None, encoding: str | None = None) -> Segments:
    """One segment per line; empty lines are empty segments, as in sacrebleu. *encoding*
    (``--encoding``) overrides detection; English is never guessed as a Chinese encoding."""
    hint = "en" if lang and lang.lower().startswith("en") else None
    dec = read_text(path, encoding=encoding, lang=hint)
    lines = dec.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    texts = [ln.rstrip() for ln in lines]
    seg = Segments(str(path), "text", normalise_tag(lang) if lang else None, texts,
                   [f"line {i}" for i in range(1, len(texts) + 1)], encoding=dec.encoding)
    if dec.encoding not in ("utf-8", "utf-8-sig"):
        seg.notes.append(f"decoded as {dec.encoding}")
    if dec.nfc_changed:
        seg.notes.append(f"{dec.nfc_changed} characters NFC-normalised")
    if seg.lang is None:
        seg.lang = guess_lang(texts)
        seg.lang_guessed = True
    return seg


def load_jsonl(path: str | Path, lang: str | None, flag: str = "--ref-lang") -> Segments:
    """Project units JSONL (``Unit.to_dict()`` per line): the aligned units' ``zh``, ``en`` or a
    Chinese variant (``zh-Hans``, ``zh-Hant``, ``zh-TW``, ``zh-HK``); unaligned units are skipped."""
    from ..jsonl import read_jsonl

    p = str(path)
    records = list(read_jsonl(path))  # an InputError naming the file if it cannot be opened
    if not records:
        raise InputError(p, "empty file: no units")
    langs: set[str] = set(_JSONL_SIDES)
    for r in records:
        if isinstance(r, dict):
            langs.update((r.get("variants") or {}).keys())
    key = _pick(p, lang, langs, flag)
    texts, ids, skipped = [], [], 0
    for n, r in enumerate(records, 1):
        if not isinstance(r, dict) or not all(k in r for k in ("id", *_JSONL_SIDES)):
            raise InputError(p, "not a unit record (needs id, zh and en; is this units.jsonl?)",
                             where=f"line {n}")
        if not (r["zh"] and r["en"]):
            skipped += 1
            continue
        if key in _JSONL_SIDES:
            text = r[key]
        else:
            text = (r.get("variants") or {}).get(key)
            if text is None:
                raise InputError(p, f"unit {r['id']} has no {key} variant", where=f"line {n}")
        texts.append(" ".join(text.split("\n")).rstrip())
        ids.append(str(r["id"]))
    if not texts:
        raise InputError(p, f"no aligned units (all {skipped} have an empty side)")
    seg = Segments(p, "jsonl", normalise_tag(key), texts, ids)
    if skipped:
        seg.notes.append(f"skipped {skipped} unaligned units")
    return seg


def _parquet_files(path: Path) -> list[Path]:
    """The Parquet files of one subset split: a file, a folder, or ``<folder>/<split>`` naming the
    Hub's shards ``<split>-00000-of-0000N.parquet`` in that folder."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        shards = sorted(path.parent.glob(f"{path.name}-*.parquet")) if path.parent.is_dir() else []
        if shards:
            return shards
        raise InputError(path, "no such file or folder")
    files = sorted(path.rglob("*.parquet"))
    if not files:
        raise InputError(path, "folder holds no .parquet files")
    groups = sorted({f"{f.parent.relative_to(path)}/{f.name.split('-')[0].split('.')[0]}" for f in files})
    if len(groups) > 1:
        raise InputError(path, "holds several subsets or splits (" + ", ".join(g.lstrip("./") for g in groups)
                         + "): give one, e.g. <folder>/test for the test shards")
    return files


def load_parquet(path: str | Path, lang: str | None, flag: str = "--ref-lang") -> Segments:
    """An exported Hugging Face subset: Parquet rows with a ``translation`` column (a dict keyed by
    language, as ``datasets.Translation``) or one string column per language."""
    import pyarrow.parquet as pq

    p = Path(path)
    texts: list[str] = []
    ids: list[str] = []
    key: str | None = None
    for f in _parquet_files(p):
        try:
            table = pq.read_table(f)
        except Exception as exc:  # pyarrow raises several types for a corrupt file
            raise InputError(f, f"cannot read as Parquet: {exc}") from None
        cols = table.column_names
        rows = table.to_pylist()
        if "translation" in cols:
            langs = {k for r in rows for k in (r["translation"] or {})}
        else:
            langs = {c for c in cols if _looks_like_tag(c)}
        k = _pick(str(f), lang, langs, flag)
        key = key or k
        for n, r in enumerate(rows):
            value = (r["translation"] or {}).get(k) if "translation" in cols else r.get(k)
            rid = str(r["id"]) if r.get("id") is not None else f"{f.name} row {n + 1}"
            if value is None:
                raise InputError(f, f"no {k} text in {rid}", where=f"row {n + 1}")
            texts.append(" ".join(str(value).split("\n")).rstrip())
            ids.append(rid)
    if not texts:
        raise InputError(p, "no rows")
    return Segments(str(p), "parquet", normalise_tag(key or "und"), texts, ids)


def _looks_like_tag(name: str) -> bool:
    try:
        return base_lang(name) in ("zh", "en") and len(name) <= 10
    except ValueError:
        return False


def load_tmx(path: str | Path, lang: str | None, flag: str = "--ref-lang") -> Segments:
    """The segments of one language from every translation unit of a TMX file, in file order."""
    from ..tmx import read_tmx

    p = str(path)
    units = list(read_tmx(path))  # an InputError naming the file if it cannot be opened
    if not units:
        raise InputError(p, "no translation units")
    key = _pick(p, lang, {k for u in units for k in u.segs}, flag)
    norm = normalise_tag(key)
    texts, ids = [], []
    for n, u in enumerate(units, 1):
        match = [v for k, v in u.segs.items() if normalise_tag(k) == norm]
        tuid = u.tuid or f"tu {n}"
        if not match:
            raise InputError(p, f"translation unit {tuid} has no {key} segment",
                             where=f"{u.line}" if u.line else f"tu {n}")
        texts.append(" ".join(match[0].split("\n")).rstrip())
        ids.append(str(tuid))
    return Segments(p, "tmx", norm, texts, ids)


def load_segments(path: str | Path, lang: str | None = None, *, fmt: str | None = None,
                  flag: str = "--ref-lang", encoding: str | None = None) -> Segments:
    """Read *path* in its format (by name unless *fmt* is given), choosing language *lang*.

    *flag* names the option that chooses the language, for the error message when a file holds
    several languages and none was chosen.
    """
    fmt = fmt or detect_format(path)
    if fmt == "text":
        return load_text(path, lang, encoding)
    if fmt == "jsonl":
        return load_jsonl(path, lang, flag)
    if fmt == "parquet":
        return load_parquet(path, lang, flag)
    if fmt == "tmx":
        return load_tmx(path, lang, flag)
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def check_counts(ref: Segments, hyps: Sequence[Segments], src: Segments | None = None) -> None:
    """Every file must have as many segments as the reference; the error names both counts."""
    for other in [*hyps, *([src] if src is not None else [])]:
        if len(other) != len(ref):
            raise InputError(other.path, f"has {len(other)} segments but the reference {ref.path} has "
                             f"{len(ref)}: the lines must correspond one to one")

