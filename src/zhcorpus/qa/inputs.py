"""QA inputs as :class:`~zhcorpus.model.Unit` lists: units JSONL, a TMX file, a TSV with a header
(``id``, a ``zh…`` and an ``en…`` column, as the build's ``corpus/tsv/`` and ``corpus align -o
x.tsv`` write), or an aligned pair of text files (line *n* of one translates line *n* of the other)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..jsonl import read_jsonl
from ..model import Unit


def units_from_jsonl(path: str | Path) -> list[Unit]:
    """The units of a units JSONL (``corpus/units.jsonl``); a bad record names its line."""
    if not Path(path).is_file():
        raise InputError(path, "no such file (run `corpus build` first)")
    out = []
    try:
        for n, rec in enumerate(read_jsonl(path), 1):
            try:
                out.append(Unit.from_dict(rec))
            except (TypeError, KeyError, AttributeError) as exc:
                raise InputError(path, f"not a unit record ({exc})", where=f"record {n}") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, "not valid UTF-8", where=f"byte {exc.start}") from None
    return out


def units_from_tmx(path: str | Path, zh: str = "zh", en: str = "en") -> list[Unit]:
    """One unit per ``<tu>`` with a *zh* and an *en* segment (language tags matched loosely)."""
    from ..tmx.reader import read_tmx

    out = []
    for n, tu in enumerate(read_tmx(path), 1):
        z, e = tu.text(zh), tu.text(en)
        if z is None and e is None:
            continue
        uid = tu.tuid or f"tu{n}"
        out.append(Unit(id=uid, doc_id=Path(path).name, zh_ids=[uid] if z is not None else [],
                        en_ids=[uid] if e is not None else [], zh=z or "", en=e or "", score=1.0))
    if out and not any(u.en_ids for u in out):
        raise InputError(path, "no English segments: the QA checks compare Chinese with English")
    return out


def units_from_pair(zh_path: str | Path, en_path: str | Path) -> list[Unit]:
    """One unit per line of two line-aligned UTF-8 files; different line counts are an error."""
    sides = []
    for p in (zh_path, en_path):
        try:
            sides.append(Path(p).read_text(encoding="utf-8-sig").splitlines())
        except FileNotFoundError:
            raise InputError(p, "no such file") from None
        except UnicodeDecodeError as exc:
            raise InputError(p, "not valid UTF-8", where=f"byte {exc.start}") from None
    zh, en = sides
    if len(zh) != len(en):
        short_path, n = (zh_path, len(zh)) if len(zh) < len(en) else (en_path, len(en))
        raise InputError(short_path, f"the pair is not line-aligned: {len(zh)} Chinese lines, {len(en)} English lines",
                         where=str(n + 1))
    return [Unit(id=str(i), doc_id=Path(zh_path).name, zh_ids=[str(i)], en_ids=[str(i)], zh=z, en=e, score=1.0)
            for i, (z, e) in enumerate(zip(zh, en, strict=True), 1)]


def units_from_tsv(path: str | Path) -> list[Unit]:
    """One unit per row of a TSV whose header names a ``zh…`` and an ``en…`` column (and maybe ``id``)."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, "not valid UTF-8", where=f"byte {exc.start}") from None
    if not lines:
        raise InputError(path, "empty TSV (no header row)")
    header = [h.strip().lower() for h in lines[0].split("\t")]
    zi = next((i for i, h in enumerate(header) if h.startswith("zh")), None)
    ei = next((i for i, h in enumerate(header) if h.startswith("en")), None)
    if zi is None or ei is None:
        raise InputError(path, "the header needs a zh… and an en… column (e.g. id, zh-CN, en-US)", where="1")
    ii = header.index("id") if "id" in header else None
    out = []
    for n, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise InputError(path, f"expected {len(header)} tab-separated fields, found {len(cells)}", where=str(n))
        uid = cells[ii] if ii is not None else str(n - 1)
        out.append(Unit(id=uid, doc_id=Path(path).name, zh_ids=[uid], en_ids=[uid], zh=cells[zi], en=cells[ei],
                        score=1.0))
    return out


def load_units(path: str | Path, en_path: str | Path | None = None) -> list[Unit]:
    """Units from *path* by its kind: ``.jsonl``, ``.tmx``/``.tmx.gz``, ``.tsv``, or a text file paired with *en_path*."""
    name = str(path).lower()
    if en_path is not None:
        return units_from_pair(path, en_path)
    if name.endswith((".tmx", ".tmx.gz")):
        return units_from_tmx(path)
    if name.endswith(".tsv"):
        return units_from_tsv(path)
    if name.endswith(".jsonl"):
        return units_from_jsonl(path)
    raise InputError(path, "expected units JSONL (.jsonl), a TMX file (.tmx), a TSV (.tsv), or a Chinese text file with --en")
