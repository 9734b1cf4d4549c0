"""The vocabulary pinyin is read into: the characters of the indexed text and the
runs of 2–9 of them that occur at least twice, with their counts, looked up by the initials of
their readings. Pinyin is turned into words that are really in the corpus, never
matched as pinyin tokens (that floods results with homophones: 景点 for 经典).

Built at the end of every index build from the paragraphs of the new generation
(``indexer.pinyin.lexicon_build``) and saved beside the index as arrays
(``lexicon-*.npy``); here a generation's lexicon is loaded, memory-mapped, and read.
"""

from __future__ import annotations

from itertools import combinations, product, takewhile
from pathlib import Path

import numpy as np

from indexer import arrays
from indexer.pinyin.ngrams import MAX_CHARS
from indexer.pinyin.ranking import RANKED_CANDIDATES, Suggestion, ranked, reading_weight
from indexer.pinyin.syllables import (
    Units,
    code_points,
    parse_input,
    split_cost,
)

MAX_READINGS = 8  # initials keys per term (長 zhang/chang × 行 xing/hang …)
PREFIX = "lexicon-"  # lexicon-terms.npy, lexicon-counts.npy … in the generation
ARRAYS = ("terms", "counts", "words", "keys", "key_terms", "places", "free")
ONE_UNIT_ARRAYS = ("one_unit-readings", "one_unit-starts", "one_unit-terms")


def initials_keys(options: list[tuple[str, ...]]) -> list[str]:
    """Up to MAX_READINGS keys from each position's possible initials: the first
    option everywhere, then every key that differs in one position, then in two …
    so that each reading of each character of a long term counts (长三角一体化 is
    csjyth as well as zsjyth), where taking the product in order would spend every
    key on the first character's first reading."""
    base = [choices[0] for choices in options]
    varying = [i for i, choices in enumerate(options) if len(choices) > 1]
    keys = ["".join(base)]
    for depth in range(1, len(varying) + 1):
        for positions in combinations(varying, depth):
            for others in product(*(options[i][1:] for i in positions)):
                key = base.copy()
                for i, letter in zip(positions, others, strict=True):
                    key[i] = letter
                keys.append("".join(key))
                if len(keys) >= MAX_READINGS:
                    return keys
    return keys


class Lexicon:
    """The vocabulary as sorted arrays, saved beside the index and memory-mapped when
    read: every process that serves the generation shares one copy in the page cache,
    and opening it costs nothing (as Python objects it took 500 MB and 5 s).

    ``terms`` (sorted), their ``counts`` and whether each is a dictionary ``word``;
    ``keys``: the initials keys of every term (sorted) and ``key_terms`` the term each
    belongs to; ``places``: whether a term is a province's, city's or county's name; ``free``:
    whether an n-gram no dictionary knows is no fragment of a longer one (大数据)."""

    def __init__(
        self,
        terms: np.ndarray,
        counts: np.ndarray,
        words: np.ndarray,
        keys: np.ndarray,
        key_terms: np.ndarray,
        places: np.ndarray,
        free: np.ndarray,
    ):
        self.terms, self.counts, self.words, self.keys, self.key_terms = terms, counts, words, keys, key_terms
        self.places, self.free = places, free
        self._one_unit_fits: dict[tuple, np.ndarray] = {}

    @classmethod
    def empty(cls) -> Lexicon:
        """A lexicon of no term (a generation built without one)."""
        none = np.zeros(0, dtype=bool)
        terms, keys = np.zeros(0, dtype=f"U{MAX_CHARS}"), np.zeros(0, dtype=f"S{MAX_CHARS}")
        return cls(terms, np.zeros(0, dtype=np.int64), none, keys, np.zeros(0, dtype=np.int32), none, none)

    def _seed_one_unit_fits(self, names: np.ndarray, starts: np.ndarray, terms: np.ndarray) -> None:
        """The one-unit table saved with the lexicon (``lexicon_build.one_unit_table``), as ``rankable`` keeps it."""
        for k, name in enumerate(names):
            key = (_reading_of_name(bytes(name)), True)
            self._one_unit_fits[key] = terms[starts[k] : starts[k + 1]]

    @classmethod
    def load(cls, folder: Path) -> Lexicon:
        """The lexicon of a generation, memory-mapped (empty when the generation has none)."""
        saved = arrays.load(folder, PREFIX, ARRAYS[:-1])
        if saved is None:
            return cls.empty()
        # a generation built before "free" (PIPELINE_VERSION 13) has none
        free = arrays.load(folder, PREFIX, ARRAYS[-1:]) or {"free": np.zeros(len(saved["terms"]), dtype=bool)}
        lexicon = cls(**saved, **free)
        table = arrays.load(folder, PREFIX, ONE_UNIT_ARRAYS)
        if table is not None:  # else (before PIPELINE_VERSION 16) each is read when asked
            lexicon._seed_one_unit_fits(*table.values())
        return lexicon

    def _index(self, term: str) -> int | None:
        if len(term) > MAX_CHARS or not len(self.terms):
            return None
        k = int(np.searchsorted(self.terms, term))
        return k if k < len(self.terms) and self.terms[k] == term else None

    def count(self, term: str) -> int:
        """How often the term occurs in the corpus (0: not in the lexicon)."""
        k = self._index(term)
        return int(self.counts[k]) if k is not None else 0

    def has_terms(self, terms: list[str]) -> list[bool]:
        """Which of ``terms`` are in the lexicon, in one vectorised lookup."""
        if not terms or not len(self.terms):
            return [False] * len(terms)
        asked = np.array(terms, dtype=f"U{MAX_CHARS + 1}")  # a longer term is never found
        k = np.minimum(np.searchsorted(self.terms, asked), len(self.terms) - 1)
        return (np.asarray(self.terms)[k] == asked).tolist()

    def is_word(self, term: str) -> bool:
        k = self._index(term)
        return k is not None and bool(self.words[k])

    def dictionary_words(self, min_chars: int, max_chars: int, min_count: int) -> list[str]:
        lengths = np.char.str_len(self.terms)
        chosen = self.words & (lengths >= min_chars) & (lengths <= max_chars) & (self.counts >= min_count)
        return [str(t) for t in self.terms[chosen]]

    def _by_initials(self, units: Units, prefix: bool) -> np.ndarray:
        """The terms whose initials keys the units' initials give (a term with two keys
        that begin alike comes twice: 行长 is xz and xc for the prefix x)."""
        ranges = [np.empty(0, dtype=np.int64)]
        for key in initials_keys([u.initials() for u in units]):
            if len(key) > MAX_CHARS:
                continue
            raw = key.encode("ascii", "replace")
            lo = int(np.searchsorted(self.keys, raw, "left"))
            hi = int(np.searchsorted(self.keys, raw + b"\xff" if prefix else raw, "right"))
            ranges.append(self.key_terms[lo:hi])
        return np.concatenate(ranges).astype(np.int64)

    def _starting_with(self, characters: str) -> np.ndarray:
        """The terms that begin with these characters: one range of the sorted terms
        (the initials of 双 would give every term in s)."""
        lo = int(np.searchsorted(self.terms, characters, "left"))
        return np.arange(lo, int(np.searchsorted(self.terms, characters + "\U0010ffff", "left")), dtype=np.int64)

    def _fitting(self, candidates: np.ndarray, units: Units, prefix: bool, keyed: bool) -> np.ndarray:
        """The candidates whose characters match the units one for one (and that end with
        them, unless ``prefix``), tested on code points a position at a time. Candidates
        found by their initials (``keyed``) have the length and, wherever a single
        letter was typed, the character already: a reading of initials only is not
        tested at all (jj: 0.1 M candidates on the full corpus)."""
        n = len(units)
        tested = [(i, u) for i, u in enumerate(units) if not (keyed and u.kind in ("ini", "pre") and len(u.text) == 1)]
        if n > MAX_CHARS or not len(candidates):
            return candidates[:0]
        if not tested:  # the initials keys said it all
            return candidates
        codes = self.terms[candidates].view("<u4").reshape(len(candidates), MAX_CHARS)
        fits = codes[:, n - 1] != 0
        if not prefix and n < MAX_CHARS:
            fits &= codes[:, n] == 0
        for i, unit in tested:
            if unit.kind == "han":
                fits &= codes[:, i] == ord(unit.text)
            else:  # a lookup table over the code points' range, not a sort of the column
                fits &= np.isin(codes[:, i], code_points(unit), kind="table")
        return candidates[fits]

    def read(self, text: str, limit: int = 10, prefix: bool = False) -> list[Suggestion]:
        """Corpus terms the typed text may stand for, best first (``ranking.ranked``).
        Without ``prefix`` a term must match the whole input, unit for character; with
        it, the term may go on after the input (suggestions as you type). Every reading
        of the input is tried (``yey``: ye-y and y-e-y; ``xian``: xian, xi-an, x-i-an)."""
        readings = sorted(parse_input(text, prefix=prefix), key=split_cost)
        found, which = self._found(readings, prefix)
        return ranked(self, found, which, readings, limit) if len(found) else []

    def _found(self, readings: list[Units], prefix: bool) -> tuple[np.ndarray, np.ndarray]:
        """Every term some reading fits, and the (cheapest) reading of each, by its place
        in ``readings`` — for a place name, the cheapest of its length: numpy arrays, as
        a single letter fits a tenth of the lexicon."""
        found, which = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)]
        placed = np.empty(0, dtype=np.int64)
        tried: set[tuple] = set()
        for r, units in enumerate(readings):
            if (matching := matches_of(units)) in tried:
                continue  # shuang-ch typed as an initial finds what shuang-ch(…) found
            tried.add(matching)
            fits = self.rankable(units, prefix)
            places = np.setdiff1d(self._places_among(fits, len(units)), placed, assume_unique=True)
            if len(places := places[[reading_weight(str(self.terms[p]), units) == 1 for p in places]]):
                # found before by a reading of another length, where it was no place:
                # sh is sh(ang) and s-h, and 上海 is a place for s-h (nan is na-n, but
                # 南宁 is no place for it: 南 is na only in rare words)
                found, which = _without(places, found, which)
                placed = np.union1d(placed, places)
            fits = np.setdiff1d(fits, np.concatenate(found), assume_unique=True)
            found.append(fits)
            which.append(np.full(len(fits), r, dtype=np.int64))
        return np.concatenate(found), np.concatenate(which)

    def rankable(self, units: Units, prefix: bool) -> np.ndarray:
        """The terms a reading fits that can rank (sorted): the RANKED_CANDIDATES most
        frequent (ties: lexicon order) and the places of the reading's length — no
        other can be among the first RANKED_CANDIDATES of all readings, since a later
        reading weighs a term no more than an earlier one. A reading of one syllable or
        initial fits up to a third of the lexicon (jia: 0.8 M candidates on the full
        corpus, 60 ms) and there are only about a thousand of them: each is kept."""
        if len(units) > 1 or units[0].kind == "han":
            return self._rankable_fits(units, prefix)
        key = (matches_of(units), prefix)
        if key not in self._one_unit_fits:  # threads may both read it the first time: same result
            self._one_unit_fits[key] = self._rankable_fits(units, prefix)
        return self._one_unit_fits[key]

    def _rankable_fits(self, units: Units, prefix: bool) -> np.ndarray:
        lead = "".join(u.text for u in takewhile(lambda u: u.kind == "han", units))
        if lead and len(lead) < MAX_CHARS:
            fits = self._fitting(self._starting_with(lead), units, prefix, keyed=False)
        else:
            fits = self._fitting(self._by_initials(units, prefix), units, prefix, keyed=True)
        return np.union1d(self._most_frequent(fits), self._places_among(fits, len(units)))

    def _most_frequent(self, terms: np.ndarray) -> np.ndarray:
        """The RANKED_CANDIDATES most frequent of these terms, each once (ties: lexicon
        order). Many are first cut to those at least as frequent as the
        RANKED_CANDIDATES × MAX_READINGS-th: that many entries are at least as many
        terms, as a term comes at most MAX_READINGS times."""
        enough = RANKED_CANDIDATES * MAX_READINGS
        if len(terms) > 4 * enough:
            counts = self.counts[terms]
            terms = terms[counts >= np.partition(counts, len(counts) - enough)[len(counts) - enough]]
        terms = np.unique(terms)
        if len(terms) <= RANKED_CANDIDATES:
            return terms
        return terms[np.argsort(-self.counts[terms], kind="stable")[:RANKED_CANDIDATES]]

    def _places_among(self, terms: np.ndarray, length: int) -> np.ndarray:
        places = np.unique(terms[self.places[terms]])
        return places[np.char.str_len(self.terms[places]) == length]


def _without(terms: np.ndarray, found: list[np.ndarray], which: list[np.ndarray]) -> tuple[list, list]:
    kept = [~np.isin(f, terms) for f in found]
    return [f[k] for f, k in zip(found, kept, strict=True)], [w[k] for w, k in zip(which, kept, strict=True)]


def matches_of(units: Units) -> tuple[tuple[bool, str], ...]:
    """What a reading matches, character by character: an initial and the start of a
    syllable match alike (a reading's characters start with the letters)."""
    return tuple((unit.kind in ("han", "syl"), unit.text) for unit in units)


def reading_name(matching: tuple[tuple[bool, str], ...]) -> bytes:
    """A one-unit reading as saved: b"1jia" the syllable, b"0jia" its start."""
    ((whole, text),) = matching
    return f"{int(whole)}{text}".encode("ascii")


def _reading_of_name(name: bytes) -> tuple[tuple[bool, str], ...]:
    return ((name[:1] == b"1", name[1:].decode("ascii")),)
