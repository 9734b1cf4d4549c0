"""Normalisation, the first stage of analysis: NFKC (full-width → half-width),
traditional → simplified Chinese (character by character, so every character keeps
its offset) and lower case, with a map back to the original offsets where the
lengths differ.

Most paragraphs are made only of characters that normalise alone, each to one
character, whatever stands next to them (Chinese, ASCII, full-width forms, common
punctuation): those are folded through a lookup table, about 7× faster than NFKC on
the whole text, with the same result."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

CJK_RANGES = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_CHAR = re.compile(f"[{CJK_RANGES}]")
_CJK_RUN = re.compile(f"[{CJK_RANGES}]+")
# Combining marks can make NFKC shorten one place and lengthen another.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a]")
_CLUSTER = re.compile(rf"{_COMBINING.pattern}+|.{_COMBINING.pattern}*", re.DOTALL)
# Where the characters that may fold one by one are looked for (see ``_by_character``).
_SIMPLE_BLOCKS = (
    (0x09, 0x0D),  # tab, line breaks
    (0x20, 0x7E),  # ASCII
    (0xA0, 0xFF),  # Latin-1
    (0x2000, 0x206F),  # general punctuation
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF01, 0xFF5E),  # full-width ASCII
)


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


class Translation:
    """``str.translate`` by a table of characters, replacing only the characters found:
    CPython's ``translate`` looks every character of a non-ASCII text up in the table,
    one by one (most of the time reading a corpus took), where a text has few to change."""

    def __init__(self, table: dict[int, str | int | None]):
        self.table = {chr(code): _as_text(to) for code, to in table.items()}
        self.found = re.compile("[" + "".join(_ranges(sorted(table))) + "]")

    def __call__(self, text: str) -> str:
        return self.found.sub(lambda found: self.table[found.group()], text)


def _ranges(codes: list[int]) -> Iterator[str]:
    """A character class's items for sorted codes, runs as ranges: a class of many single
    characters beyond the Basic Multilingual Plane is tried one by one by ``re``."""
    start = 0
    for k in range(1, len(codes) + 1):
        if k == len(codes) or codes[k] != codes[k - 1] + 1:
            first, last = re.escape(chr(codes[start])), re.escape(chr(codes[k - 1]))
            yield first if start == k - 1 else f"{first}-{last}"
            start = k


def _as_text(to: str | int | None) -> str:
    return chr(to) if isinstance(to, int) else to or ""


def _simplified_slowly(text: str) -> str:
    """NFKC and the folds, on the whole text."""
    return _folds()(unicodedata.normalize("NFKC", text))


@cache
def _folds() -> Translation:
    return Translation(_fold_table())


def _fold(text: str) -> str:
    return _simplified_slowly(text).lower()


@cache
def _by_character(lower: bool = True) -> tuple[re.Pattern[str], np.ndarray, np.ndarray]:
    """A pattern for texts made only of characters that fold alone, one for one (no
    combining mark in or out, nothing outside the Basic Multilingual Plane), the table
    of what each UTF-16 code unit folds to and whether it is one of them; ``lower``:
    lower-cased too (the analysis), else case kept (``to_simplified``)."""
    fold = _fold if lower else _simplified_slowly
    table = np.arange(0x10000, dtype=np.uint16)
    alone = np.zeros(0x10000, dtype=bool)
    for first, last in _SIMPLE_BLOCKS:
        for code in range(first, last + 1):
            char = chr(code)
            folded = fold(char)
            if _folds_alone(char, folded):
                alone[code] = True
                table[code] = ord(folded)
    simple = "".join(re.escape(chr(code)) for code in np.flatnonzero(alone).tolist())
    return re.compile(f"[{simple}]*"), table, alone


def _folds_alone(char: str, folded: str) -> bool:
    """One character for one, in the Basic Multilingual Plane, no combining mark in or out."""
    if len(folded) != 1 or ord(folded) >= 0x10000 or _COMBINING.match(char):
        return False
    return not unicodedata.combining(char) and not unicodedata.combining(folded)


def normalize_joined(texts: list[str]) -> tuple[str, np.ndarray, np.ndarray]:
    """The texts joined by line breaks and folded character by character in one pass;
    where each starts in the result, and whether that was its normalisation (every
    character of it folds alone: the other texts' parts are not to be used)."""
    joined = "\n".join(texts)
    starts = np.cumsum([0] + [len(text) + 1 for text in texts[:-1]])
    codes = np.frombuffer(joined.encode("utf-32-le"), np.uint32)
    _, table, alone = _by_character()
    plane = codes < 0x10000
    units = np.where(plane, codes, 0)
    folded = np.where(plane, table[units], codes).astype(np.uint32)
    simple = np.ones(len(texts), dtype=bool)
    simple[np.searchsorted(starts, np.flatnonzero(~(plane & alone[units])), side="right") - 1] = False
    return folded.tobytes().decode("utf-32-le"), starts, simple


def normalize(text: str) -> Normalized:
    simple, table, _ = _by_character()
    if simple.fullmatch(text):  # one lookup per character: the same as NFKC and the folds on the whole text
        return Normalized(_looked_up(table, text))
    folded = _fold(text)
    combining = _COMBINING.search(text)
    if len(folded) == len(text) and not combining:
        return Normalized(folded)  # one character for one: offsets are unchanged
    if not combining:  # each character is a cluster of its own
        return _one_by_one(text)
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for cluster in _CLUSTER.finditer(text):  # a character with its combining marks: é stays é
        folded = _fold(cluster.group())
        parts.append(folded)
        starts.extend([cluster.start()] * len(folded))
        ends.extend([cluster.end()] * len(folded))
    return Normalized("".join(parts), starts, ends)


@lru_cache(maxsize=1 << 16)
def _fold_character(char: str) -> str:
    return _fold(char)


def _one_by_one(text: str) -> Normalized:
    """Each character folded alone (cached), with where each result character came from."""
    parts = [_fold_character(char) for char in text]
    sources = np.repeat(np.arange(len(text)), np.fromiter(map(len, parts), np.int64, len(parts)))
    return Normalized("".join(parts), sources.tolist(), (sources + 1).tolist())


def to_simplified(text: str) -> str:
    """NFKC and traditional → simplified, case kept: for reading metadata from text."""
    simple, table, _ = _by_character(lower=False)
    return _looked_up(table, text) if simple.fullmatch(text) else _simplified_slowly(text)


def _looked_up(table: np.ndarray, text: str) -> str:
    """Each character of a text of the Basic Multilingual Plane replaced by the table's."""
    return table[np.frombuffer(text.encode("utf-16-le"), np.uint16)].tobytes().decode("utf-16-le")


def is_cjk(char: str) -> bool:
    return bool(_CJK_CHAR.fullmatch(char))


def count_cjk(text: str) -> int:
    """How many CJK characters a text has (by runs: a regex per character was most of
    the time the metadata took)."""
    return sum(map(len, _CJK_RUN.findall(text)))


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))
