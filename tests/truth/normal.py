"""The tests' own normaliser: NFKC, the corpus's traditional characters as simplified
(tests/data/traditional.txt, a hand-checked table), and lower case. A search for 发展
finds 發展, and ＧＤＰ is gdp: what a reader of the reports expects, written without the
product's code."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "data" / "traditional.txt"


@cache
def _table() -> dict[int, str]:
    pairs = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split()
            pairs[ord(traditional)] = simplified
    return pairs


def fold(text: str) -> str:
    """``text`` as a search reads it; every character stays one character (the table
    maps one to one), so offsets into the folded text are offsets into NFKC's."""
    return unicodedata.normalize("NFKC", text).translate(_table()).lower()


def count(text: str, term: str) -> int:
    """Occurrences of ``term`` in folded ``text``, none overlapping (as a reader counts them)."""
    return text.count(term)


@cache
def _fold_char(char: str) -> str:
    return fold(char)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` character by character, and for each folded character the offset
    of the original character it came from (NFKC may turn one into several: ㈠ → (一))."""
    pieces = list(map(_fold_char, text))
    folded = "".join(pieces)
    if len(folded) == len(text):  # every character one character: each its own origin
        return folded, list(range(len(text)))
    origins: list[int] = []
    for k, piece in enumerate(pieces):
        origins.extend([k] * len(piece))
    return folded, origins
