"""Sentence segmentation for Chinese and English, by readable rules (exportable as SRX)."""

from .en import split_en
from .zh import split_zh

__all__ = ["split_en", "split_zh", "split"]


def split(text: str, lang: str) -> list[tuple[str, str]]:
    """Split a paragraph into (sentence, whitespace-after) pairs; joined they give *text* back."""
    if lang == "zh":
        return split_zh(text)
    if lang == "en":
        return split_en(text)
    raise ValueError(f"unsupported language {lang!r} (expected 'zh' or 'en')")
