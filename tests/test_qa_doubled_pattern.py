"""The doubled-word pattern of the QA check (possessive, for speed) finds exactly what the plain
backtracking pattern finds, on random texts full of the characters where the two could differ."""

from __future__ import annotations

import random
import re

from zhcorpus.qa.checks.doubled import _WORD

PLAIN = re.compile(r"\b([A-Za-z]+)\s+\1\b", re.IGNORECASE)
# ASCII letters and their case-insensitive relatives (ſ, K, ı, İ), word characters that are not
# letters, every kind of space, punctuation and Chinese
ALPHABET = "abAB tThe\u017f\u212ak\u0131\u0130iIsS_9é \t\n\u3000\xa0.,'-中文"


def test_same_matches_as_the_backtracking_pattern() -> None:
    rng = random.Random(15)
    words = ["the", "The", "THE", "a", "A", "is", "ſs", "Kk", "k", "iı", "İi", "é", "_a", "a9", "中"]
    for _ in range(20000):
        if rng.random() < 0.5:
            text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30)))
        else:
            text = rng.choice(["", " ", "  ", "\t", "\u3000", ".", "-"]).join(
                rng.choice(words) + rng.choice(["", " ", "  ", "\t", "\u3000", ".", "-", "\n"])
                for _ in range(rng.randint(0, 8)))
        assert [(m.span(), m.group(1)) for m in _WORD.finditer(text)] == \
               [(m.span(), m.group(1)) for m in PLAIN.finditer(text)], text
