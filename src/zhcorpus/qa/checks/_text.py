"""Small text helpers shared by the checks."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ...model import Unit

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_SPACE = re.compile(r"\s+")


def source_key(unit: Unit) -> str:
    """The Chinese side in Simplified (so 002's Traditional and 000's Simplified compare), NFKC, spaces collapsed."""
    return _key(unit.variants.get("zh-Hans") or unit.zh)


def target_key(unit: Unit) -> str:
    """The English side, NFKC, spaces collapsed (case kept: Title Case vs sentence case is a difference)."""
    return _key(unit.en)


@lru_cache(maxsize=16384)  # texts repeat across units
def _key(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def aligned(units: list[Unit] | tuple[Unit, ...]) -> list[Unit]:
    """The units with text on both sides."""
    return [u for u in units if u.zh_ids and u.en_ids and u.zh.strip() and u.en.strip()]


def short(text: str, n: int = 60) -> str:
    """*text* cut to *n* characters with an ellipsis."""
    return text if len(text) <= n else text[:n - 1] + "…"
