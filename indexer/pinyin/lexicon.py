"""The vocabulary pinyin is read into: the characters of the indexed text and the
runs of 2–9 of them that occur at least twice, with their counts, looked up by the initials of
their readings. Pinyin is turned into words that are really in the corpus, never
matched as pinyin tokens (that floods results with homophones: 景点 for 经典).

Built at the end of every index build from the paragraphs of the new generation
and saved beside the index (``lexicon.json``).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice, product
from pathlib import Path

import numpy as np

from indexer.analysis import CJK_RANGES, known_words, normalize
from indexer.pinyin.syllables import Units, initials, parse_input, split_cost, usual_readings

MAX_CHARS = 9
_HASH_BASE = np.uint64(0x10FFFF + 7)
MIN_COUNT = 2
MIN_COUNT_NOT_A_WORD = 3  # an n-gram no dictionary knows needs one more occurrence (fewer fragments)
MAX_READINGS = 8  # initials keys per term (長 zhang/chang × 行 xing/hang …)
RANKED_CANDIDATES = 60  # the most frequent matches are weighed by how they were read
RARE_READING_WEIGHT = 0.2
NOT_A_WORD_WEIGHT = 0.1  # an n-gram no dictionary knows (和非 of 和非物质) ranks below real words
FILE = "lexicon.json"
_RUN = re.compile(f"[{CJK_RANGES}]+")


def count_ngrams(texts: Iterable[str]) -> dict[str, int]:
    """Counts of every CJK character, and of the n-grams (2..MAX_CHARS characters)
    that jieba's dictionary or the policy terms know as words and occur at least
    MIN_COUNT times, or that occur MIN_COUNT_NOT_A_WORD times and are *closed*: not
    always part of one longer n-gram (双城经济圈建 always continues as 双城经济圈建设).

    Vectorised with numpy: each level extends a rolling hash of the level below by
    one character, and only where both (n-1)-grams inside were frequent.
    """
    text = "\x00".join(m.group() for t in texts for m in _RUN.finditer(normalize(t).text))
    if not text:
        return {}
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    breaks = codes == 0
    hashes = codes.copy()
    frequent = ~breaks
    chars, number = np.unique(codes[frequent], return_counts=True)
    counts = {chr(int(c)): int(k) for c, k in zip(chars, number, strict=True)}  # single characters: 班 for "ban"
    levels: list[dict[str, int]] = []
    for n in range(2, MAX_CHARS + 1):
        hashes = hashes[:-1] * _HASH_BASE + codes[n - 1 :]
        candidate = frequent[:-1] & frequent[1:]  # both (n-1)-grams frequent, so no break inside
        positions = np.flatnonzero(candidate)
        if not len(positions):
            break
        _, first, inverse, number = np.unique(
            hashes[positions], return_index=True, return_inverse=True, return_counts=True
        )
        keep = number >= MIN_COUNT
        frequent = np.zeros(len(hashes), dtype=bool)
        frequent[positions[keep[inverse]]] = True
        level = {text[p : p + n]: int(c) for p, c in zip(positions[first[keep]], number[keep], strict=True)}
        levels.append(level)
    known = known_words()
    for shorter, longer in zip(levels, [*levels[1:], {}], strict=True):
        open_grams = set()
        for gram, count in longer.items():
            if shorter.get(gram[:-1]) == count:
                open_grams.add(gram[:-1])
            if shorter.get(gram[1:]) == count:
                open_grams.add(gram[1:])
        counts.update(
            (g, c) for g, c in shorter.items() if g in known or (g not in open_grams and c >= MIN_COUNT_NOT_A_WORD)
        )
    return counts


def _initials_keys(term: str) -> list[str]:
    return ["".join(p) for p in islice(product(*map(initials, term)), MAX_READINGS)]


@dataclass
class Suggestion:
    text: str
    pinyin: str
    count: int

    def as_dict(self) -> dict:
        return {"text": self.text, "pinyin": self.pinyin, "count": self.count}


class Lexicon:
    def __init__(self, counts: dict[str, int], words: set[str]):
        self.counts = counts
        self.words = words  # the terms that jieba's or our dictionary knows as words
        keyed = sorted((key, term) for term in counts for key in _initials_keys(term))
        self._keys = [k for k, _ in keyed]
        self._terms = [t for _, t in keyed]

    @classmethod
    def build(cls, texts: Iterable[str]) -> Lexicon:
        counts = count_ngrams(texts)
        known = known_words()
        return cls(counts, {t for t in counts if len(t) == 1 or t in known})

    def save(self, folder: Path) -> None:
        data = {"counts": self.counts, "words": sorted(self.words)}
        (folder / FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Lexicon:
        try:
            data = json.loads((folder / FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls({}, set())
        return cls(data["counts"], set(data["words"]))

    def weight(self, term: str) -> float:
        return 1.0 if term in self.words else NOT_A_WORD_WEIGHT

    def _candidates(self, units: Units, prefix: bool) -> set[str]:
        found: set[str] = set()
        for key in islice(("".join(p) for p in product(*(u.initials() for u in units))), MAX_READINGS):
            lo = bisect.bisect_left(self._keys, key)
            hi = bisect.bisect_right(self._keys, key + "\uffff") if prefix else bisect.bisect_right(self._keys, key)
            found.update(self._terms[lo:hi])
        return found

    def read(self, text: str, limit: int = 10, prefix: bool = False) -> list[Suggestion]:
        """Corpus terms the typed text may stand for, best first. Without ``prefix`` a
        term must match the whole input, unit for character; with it, the term may go
        on after the input (suggestions as you type).

        Readings with the fewest initials come first (``yshj`` is y-s-h-j before
        y-sh-j; ``xian`` is xi-an or xian before x-i-an), later ones only fill up to
        ``limit``; within one, terms rank by count, a term whose usual reading (pypinyin's, with
        phrase context: 银行 yinhang, 蚌埠 bengbu) is not what was typed counting
        RARE_READING_WEIGHT as much, an n-gram that is no dictionary word
        NOT_A_WORD_WEIGHT as much (平不, of 水平不断, read as bengbu)."""
        groups: dict[tuple[int, int], list[Units]] = {}
        for units in parse_input(text, prefix=prefix):
            groups.setdefault(split_cost(units), []).append(units)
        found: dict[str, tuple[int, Units]] = {}
        for rank, (_, sequences) in enumerate(sorted(groups.items())):
            if len(found) >= limit:
                break
            for units in sequences:
                for term in self._candidates(units, prefix):
                    if term not in found and _fits(term, units, prefix):
                        found[term] = (rank, units)
        top = sorted(found, key=lambda t: (found[t][0], -self.counts[t]))[:RANKED_CANDIDATES]
        weighted = {t: self.counts[t] * self.weight(t) * _reading_weight(t, found[t][1]) for t in top}
        best = sorted(top, key=lambda t: (found[t][0], -weighted[t], len(t), t))[:limit]
        return [Suggestion(t, _display(t, found[t][1]), self.counts[t]) for t in best]


def _fits(term: str, units: Units, prefix: bool) -> bool:
    if len(term) < len(units) or (not prefix and len(term) != len(units)):
        return False
    return all(unit.matches(char) for unit, char in zip(units, term, strict=False))


def _reading_weight(term: str, units: Units) -> float:
    usual = usual_readings(term)
    for unit, reading in zip(units, usual, strict=False):
        if unit.kind == "syl" and unit.text != reading:
            return RARE_READING_WEIGHT
        if unit.kind in ("ini", "pre") and not reading.startswith(unit.text):
            return RARE_READING_WEIGHT
    return 1.0


def _display(term: str, units: Units) -> str:
    """The term's pinyin as typed where it was typed in full, else its usual reading."""
    usual = usual_readings(term)
    typed = [u.text if u.kind == "syl" else r for u, r in zip(units, usual, strict=False)]
    return " ".join(typed + usual[len(typed) :])
