"""Normalisation, the first stage of analysis: NFKC (full-width → half-width),
traditional → simplified Chinese (character by character, so every character keeps
its offset) and lower case, with a map back to the original offsets where the
lengths differ."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

CJK_RANGES = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_CHAR = re.compile(f"[{CJK_RANGES}]")
# Combining marks can make NFKC shorten one place and lengthen another.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a]")
_CLUSTER = re.compile(rf"{_COMBINING.pattern}+|.{_COMBINING.pattern}*", re.DOTALL)


@cache
def _fold_table() -> dict[int, str]:
    """Single-character folds applied after NFKC: traditional → simplified, quotes."""
    import opencc

    chars = [chr(c) for c in range(0x3400, 0xA000)] + [chr(c) for c in range(0xF900, 0xFB00)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    table = {ord(a): b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}
    table.update({ord("\u2019"): "'", ord("\u2018"): "'"})
    return table


@dataclass(frozen=True)
class Normalized:
    """Normalised text and, when lengths differ, where each character came from:
    the start and end of its source cluster in the original text."""

    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None or self.ends is None or end <= start:
            return start, end
        return self.starts[start], self.ends[end - 1]


def normalize(text: str) -> Normalized:
    table = _fold_table()
    folded = unicodedata.normalize("NFKC", text).translate(table).lower()
    if len(folded) == len(text) and not _COMBINING.search(text):
        return Normalized(folded)  # one character for one: offsets are unchanged
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for cluster in _CLUSTER.finditer(text):  # a character with its combining marks: é stays é
        folded = unicodedata.normalize("NFKC", cluster.group()).translate(table).lower()
        parts.append(folded)
        starts.extend([cluster.start()] * len(folded))
        ends.extend([cluster.end()] * len(folded))
    return Normalized("".join(parts), starts, ends)


def to_simplified(text: str) -> str:
    """NFKC and traditional → simplified, case kept: for reading metadata from text."""
    return unicodedata.normalize("NFKC", text).translate(_fold_table())


def is_cjk(char: str) -> bool:
    return bool(_CJK_CHAR.fullmatch(char))


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))
