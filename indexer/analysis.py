"""Text analysis: the one module that turns text into index terms, used identically
when indexing and when querying.

Stages, in the order text meets them:

1. ``normalize`` — NFKC (full-width → half-width), traditional → simplified Chinese
   (character by character, so every character keeps its offset), lower case.
   It returns the normalised text with a map back to the original offsets.
2. ``PolicyTokenizer`` — splits normalised text into runs of CJK characters and
   other words (Latin, digits, decimals); a subclass decides what a CJK run becomes:
   - ``WordTokenizer``: jieba words (with the policy-term dictionary), for ranking;
   - ``GramTokenizer``: character unigrams and bigrams sharing one position per
     character, for exact substring matching of any run of Chinese characters.
3. Whoosh filters, composed with ``|``: stop words and stemming for the word field.

Tokens carry offsets into the *original* text (``chars=True``), positions
(``positions=True``) and honour ``start_pos``, ``start_char``, ``mode`` and
``tokenize`` like Whoosh's own tokenizers. The analyzer classes are pickled into
the index schema by Whoosh: keep them at this import path.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from whoosh.analysis import StemFilter, StopFilter, Token, Tokenizer
from whoosh.analysis.analyzers import Analyzer
from whoosh.lang.porter import stem

CJK_RANGES = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_CHAR = re.compile(f"[{CJK_RANGES}]")
# A CJK run, or a word of letters/digits (no CJK, no "_"). 7.5 is two words, 7 and 5,
# at consecutive positions: "7.5" finds it as a phrase, and "5" finds 7.5万 too.
_UNITS = re.compile(rf"(?P<cjk>[{CJK_RANGES}]+)|(?P<word>[^\W_{CJK_RANGES}]+)")
# Combining marks can make NFKC shorten one place and lengthen another.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a]")
_CLUSTER = re.compile(rf"{_COMBINING.pattern}+|.{_COMBINING.pattern}*", re.DOTALL)
POLICY_TERMS = Path(__file__).parent / "data" / "policy_terms.txt"

ENGLISH_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "to",
        "was",
        "were",
        "will",
        "with",
        "this",
        "which",
        "we",
        "our",
    ]
)


# ---------------------------------------------------------------- normalisation


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


# ---------------------------------------------------------------- segmenters

_jieba_lock = threading.Lock()


@cache
def _jieba():
    """A jieba tokenizer with the policy-term dictionary (loaded once per process)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    with _jieba_lock:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        if POLICY_TERMS.exists():
            tokenizer.load_userdict(str(POLICY_TERMS))
    return tokenizer


@cache
def known_words() -> frozenset[str]:
    """Words of jieba's dictionary and of the policy-term dictionary."""
    return frozenset(word for word, frequency in _jieba().FREQ.items() if frequency)


def jieba_words(run: str) -> list[str]:
    """jieba's precise-mode words for a run of CJK characters (no overlaps)."""
    return [w for w in _jieba().cut(run, HMM=True) if w]


# A piece of a CJK run: (term, start, end, position offset within the run).
Piece = tuple[str, int, int, int]


# ---------------------------------------------------------------- tokenizers


class PolicyTokenizer(Tokenizer):
    """Normalise, then split into CJK runs and words; CJK runs go to ``segment_cjk``."""

    def segment_cjk(self, run: str, mode: str, followed: bool) -> tuple[list[Piece], int]:
        """Pieces of a CJK run and how many positions the run takes."""
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        norm = normalize(value)

        def emit(text: str, start: int, end: int, pos: int) -> Token:
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                begin, finish = norm.original_span(start, end)
                token.startchar = start_char + begin
                token.endchar = start_char + finish
            return token

        if not tokenize:
            yield emit(norm.text, 0, len(norm.text), 0)
            return
        units = list(_UNITS.finditer(norm.text))
        pos = 0
        for k, unit in enumerate(units):
            if unit.lastgroup == "word":
                yield emit(unit.group(), unit.start(), unit.end(), pos)
                pos += 1
                continue
            pieces, width = self.segment_cjk(unit.group(), mode, k + 1 < len(units))
            base = unit.start()
            for text, start, end, offset in pieces:
                yield emit(text, base + start, base + end, pos + offset)
            pos += width


class WordTokenizer(PolicyTokenizer):
    """CJK runs become jieba words, one position each (precise mode: no overlaps)."""

    def segment_cjk(self, run: str, mode: str, followed: bool) -> tuple[list[Piece], int]:
        pieces: list[Piece] = []
        start = 0
        for offset, word in enumerate(jieba_words(run)):
            pieces.append((word, start, start + len(word), offset))
            start += len(word)
        return pieces, len(pieces)


class GramTokenizer(PolicyTokenizer):
    """CJK runs become one position per character holding the bigram it starts; the
    first and last character of a run also get their unigram.

    That is enough for exact matching of any CJK text: a query run of n ≥ 2
    characters is the phrase of its n-1 bigrams; a lone character is found as the
    prefix of the terms at its positions (every occurrence either starts a bigram or
    ends a run); inside a longer phrase a character next to a word is always at a
    run boundary in the text, where its unigram is indexed. Indexing every unigram
    would cost a third more postings for nothing.
    """

    def segment_cjk(self, run: str, mode: str, followed: bool) -> tuple[list[Piece], int]:
        n = len(run)
        if mode == "query":
            if n == 1:
                return [(run, 0, 1, 0)], 1
            pieces = [(run[i : i + 2], i, i + 2, i) for i in range(n - 1)]
            if followed:
                pieces.append((run[-1], n - 1, n, n - 1))
            return pieces, n
        pieces = []
        for i in range(n):
            if i == 0 or i == n - 1:
                pieces.append((run[i], i, i + 1, i))
            if i + 1 < n:
                pieces.append((run[i : i + 2], i, i + 2, i))
        return pieces, n


# ---------------------------------------------------------------- analyzers


def word_analyzer() -> Analyzer:
    """Ranking field: jieba words and stemmed English words without stop words."""
    return WordTokenizer() | StopFilter(stoplist=ENGLISH_STOP_WORDS, minsize=1) | StemFilter()


def exact_analyzer() -> Analyzer:
    """Matching field: CJK unigrams+bigrams and unstemmed words, for exact phrases."""
    return GramTokenizer()


def word_terms(text: str) -> list[str]:
    """The word-field terms of a query text, in order."""
    return [t.text for t in word_analyzer()(text, mode="query")]


def exact_terms(text: str) -> list[str]:
    """The exact-field terms of a query text, in order (one per consecutive position)."""
    return [t.text for t in exact_analyzer()(text, mode="query")]


def stem_word(word: str) -> str:
    return stem(word)


def units(normalized: str) -> list[tuple[str, str, int, int]]:
    """(kind, text, start, end) of each CJK run and word of normalised text."""
    return [(m.lastgroup or "", m.group(), m.start(), m.end()) for m in _UNITS.finditer(normalized)]
