"""Counting the n-grams of the corpus that become the lexicon's vocabulary: every
CJK character, and the runs of 2–9 of them that a dictionary knows or that occur
often enough and are not always part of one longer run."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

import ahocorasick
import numpy as np

from indexer.analysis import CJK_RANGES, known_words, normalize

MAX_CHARS = 9
# The rolling hash's base: above every code point, and odd, so that it has an inverse
# modulo 2**64 and an n-gram's inner (n-1)-grams' hashes are computed back from its own.
_HASH_BASE = 0x10FFFF + 8
_BASE = np.uint64(_HASH_BASE)
_INVERSE = np.uint64(pow(_HASH_BASE, -1, 2**64))
_MASK = 2**64 - 1
MIN_COUNT = 2
MIN_COUNT_NOT_A_WORD = 3  # an n-gram no dictionary knows needs one more occurrence (fewer fragments)
BOUND_SHARE = 0.5  # an n-gram half of whose occurrences continue one way is a fragment (业园 of 产业园)
_RUN = re.compile(f"[{CJK_RANGES}]+")


class Ngrams(NamedTuple):
    counts: dict[str, int]  # every n-gram kept, with its count
    free: set[str]  # those no dictionary knows that continue in no one way half the time (大数据, not 的十九)


def count_ngrams(texts: Iterable[str], always: Iterable[str] = ()) -> Ngrams:
    """Counts of every CJK character, and of the n-grams (2..MAX_CHARS characters)
    that jieba's dictionary or the policy terms know as words and occur at least
    MIN_COUNT times, or that occur MIN_COUNT_NOT_A_WORD times and are *closed*: not
    always part of one longer n-gram (双城经济圈建 always continues as 双城经济圈建设).
    The terms ``always`` (place names) are counted whenever they occur at all.

    Of the n-grams no dictionary knows, the *free* ones are told apart: fewer than
    BOUND_SHARE of their occurrences start or end one same longer n-gram. Those
    are terms the dictionaries lack (大数据: 13 % 大数据中心) rather than fragments of
    one (的十九: 99 % 的十九大; 业园: 75 % 产业园).

    Vectorised with numpy: one array holds at each position the rolling hash of the
    n-gram that starts there, extended in place by one character a level (a new array
    a level, and the array of positions, took 2.4 GB on the full corpus); n-grams are
    counted only where both (n-1)-grams inside were frequent. Every test is done on
    hashes; only the n-grams that are kept become strings (the full corpus has 11
    million frequent n-grams and keeps a fifth of them).
    """
    text = "\x00".join(filter(None, map(_cjk_runs, texts)))
    if not text:
        return Ngrams({}, set())
    encoded = text.encode("utf-32-le")
    del text  # while the n-grams are counted (their arrays are the peak of memory); decoded again for the places
    codes = np.frombuffer(encoded, dtype=np.uint32)
    chars, number = np.unique(codes[codes != 0], return_counts=True)
    counts = {chr(int(c)): int(k) for c, k in zip(chars, number, strict=True)}  # single characters: 班 for "ban"
    levels = _frequent_levels(codes)
    known = _known_hashes()
    free: set[str] = set()
    while levels:
        level = levels.pop(0)  # let go of each level's arrays once read
        word = np.isin(level.hashes, known.get(level.n, []))
        kept = word | (~level.open & (level.counts >= MIN_COUNT_NOT_A_WORD))
        unbound = ~word & (level.widest < BOUND_SHARE * level.counts)
        grams = _strings(codes, level.starts[kept], level.n)
        for gram, count, is_free in zip(grams, level.counts[kept].tolist(), unbound[kept].tolist(), strict=True):
            counts[gram] = count
            if is_free:
                free.add(gram)
    counts.update(_occurrences(encoded.decode("utf-32-le"), set(always) - counts.keys()))
    return Ngrams(counts, free)


def _strings(codes: np.ndarray, starts: np.ndarray, n: int) -> list[str]:
    """The n-grams starting at ``starts``, as strings: each row of n code points read as
    one numpy string of n characters (UTF-32, as the codes are)."""
    rows = codes[starts[:, np.newaxis] + np.arange(n)]
    return rows.view(f"<U{n}").ravel().tolist()


def _frequent_levels(codes: np.ndarray) -> list[_Level]:
    """The frequent n-grams of every length from 2 to MAX_CHARS (``count_ngrams``)."""
    levels: list[_Level] = []
    frequent = codes != 0
    hashes = codes.astype(np.uint64)  # at each position, the hash of the n-gram that starts there
    for n in range(2, min(MAX_CHARS, len(codes)) + 1):
        size = len(codes) - n + 1
        grams = hashes[:size]
        np.multiply(grams, _BASE, out=grams)
        np.add(grams, codes[n - 1 :], out=grams)
        candidates = frequent[:size] & frequent[1 : size + 1]  # both (n-1)-grams frequent: no break inside
        if not candidates.any():
            break
        frequent = np.zeros(size, dtype=bool)
        level = _frequent_grams(n, grams, candidates, frequent)
        if levels:
            levels[-1].add_longer(_first_inner(level, codes), level.counts)
            levels[-1].add_longer(_last_inner(level, codes), level.counts)
        levels.append(level)
    return levels


def _cjk_runs(text: str) -> str:
    """A paragraph's runs of CJK characters, a NUL between two: joined a paragraph at a
    time (the full corpus's runs one by one were 700 MB of small strings at once)."""
    return "\x00".join(_RUN.findall(normalize(text).text))


def _occurrences(text: str, terms: set[str]) -> Counter[str]:
    """How often each term occurs in the text, in one pass of an Aho–Corasick automaton
    (a ``str.count`` per term took 30 s on the default corpus for the counties' names,
    most of which never occur)."""
    if not terms:
        return Counter()
    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, term)
    automaton.make_automaton()
    return Counter(term for _, term in automaton.iter(text))


_BUCKETS = 16  # n-grams are grouped a part of the hash space at a time


def _frequent_grams(n: int, hashes: np.ndarray, candidates: np.ndarray, frequent: np.ndarray) -> _Level:
    """The n-grams starting where ``candidates`` is true that occur MIN_COUNT times;
    every position where one of them starts is marked in ``frequent``. Read a part of
    the hash space at a time (by its lowest bits): each part's arrays are a sixteenth."""
    position = np.int32 if len(hashes) < 2**31 - MAX_CHARS else np.int64  # where each kept n-gram starts
    low = np.bitwise_and(hashes, _BUCKETS - 1, out=np.empty(len(hashes), dtype=np.uint8), casting="unsafe")
    parts = []
    for bucket in range(_BUCKETS):
        where = np.flatnonzero(candidates & (low == bucket))
        part = hashes[where]
        order = np.argsort(part, kind="stable")  # stable: a group's first member is its first occurrence
        part = part[order]
        first = np.ones(len(part), dtype=bool)
        first[1:] = part[1:] != part[:-1]
        starts = np.flatnonzero(first)
        number = np.diff(np.append(starts, len(part)))
        keep = number >= MIN_COUNT
        frequent[where[order[np.repeat(keep, number)]]] = True
        parts.append((part[starts[keep]], number[keep].astype(np.int32), where[order[starts[keep]]].astype(position)))
    hashes_, counts, starts_ = (np.concatenate(column) for column in zip(*parts, strict=True))
    order = np.argsort(hashes_)
    return _Level(n, hashes_[order], counts[order], starts_[order])


def _first_inner(level: _Level, codes: np.ndarray) -> np.ndarray:
    """The hashes of the (n-1)-grams each n-gram of the level starts with: its own
    without its last character (``_INVERSE`` undoes a multiplication by the base)."""
    return (level.hashes - codes[level.starts + level.n - 1]) * _INVERSE


def _last_inner(level: _Level, codes: np.ndarray) -> np.ndarray:
    """The hashes of the (n-1)-grams each n-gram of the level ends with: its own without
    its first character's term (that character times the base to the power n-1)."""
    power = np.uint64(pow(_HASH_BASE, level.n - 1, 2**64))
    return level.hashes - codes[level.starts].astype(np.uint64) * power


class _Level:
    """The frequent n-grams of one length: their hashes (sorted), counts, a place each
    starts, and the count of the most frequent n-gram one longer that each starts or
    ends (``widest``): as large as its own count, it is *open* (always inside one
    longer n-gram)."""

    def __init__(self, n: int, hashes: np.ndarray, counts: np.ndarray, starts: np.ndarray):
        self.n, self.hashes, self.counts, self.starts = n, hashes, counts, starts
        self.widest = np.zeros(len(hashes), dtype=counts.dtype)

    def add_longer(self, inner: np.ndarray, longer_counts: np.ndarray) -> None:
        """Take in the n-grams one longer, by the hashes of the n-grams they start or end with."""
        at = np.minimum(np.searchsorted(self.hashes, inner), len(self.hashes) - 1)
        found = self.hashes[at] == inner
        np.maximum.at(self.widest, at[found], longer_counts[found])

    @property
    def open(self) -> np.ndarray:
        return self.widest == self.counts


@cache
def _known_hashes() -> dict[int, np.ndarray]:
    """The rolling hashes of the dictionaries' words, by length."""
    by_length: dict[int, list[int]] = {}
    for word in known_words():
        if 2 <= len(word) <= MAX_CHARS:
            h = 0
            for char in word:
                h = (h * int(_HASH_BASE) + ord(char)) & _MASK
            by_length.setdefault(len(word), []).append(h)
    return {n: np.array(sorted(hs), dtype=np.uint64) for n, hs in by_length.items()}
