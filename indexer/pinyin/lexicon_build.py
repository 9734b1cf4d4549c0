"""Building a generation's pinyin lexicon (``indexer.pinyin.lexicon``): the corpus's
n-grams counted (``ngrams``) with the place names, made into the lexicon's sorted
arrays with every term's initials keys, and saved beside the index with the table of
what every one-unit reading fits (so that no server process computes it while users
wait). Run at the end of every index build."""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path

import numpy as np

from indexer import arrays
from indexer.analysis import known_words
from indexer.pinyin.lexicon import (
    ARRAYS,
    ONE_UNIT_ARRAYS,
    PREFIX,
    Lexicon,
    initials_keys,
    matches_of,
    reading_name,
)
from indexer.pinyin.ngrams import MAX_CHARS, count_ngrams
from indexer.pinyin.place_names import place_names
from indexer.pinyin.syllables import Unit, Units, initials, one_unit_readings

KEYED_BLOCK = 100_000  # terms whose initials keys are made at a time


def lexicon_from_texts(texts: Iterable[str]) -> Lexicon:
    """The lexicon of these paragraphs: their n-grams and the place names; a dictionary
    word is one jieba knows, or a single character."""
    names = place_names()
    counts, free = count_ngrams(texts, always=names)
    known = known_words()
    return lexicon_from_counts(counts, {t for t in counts if len(t) == 1 or t in known}, names, free)


def lexicon_from_counts(
    counts: dict[str, int], words: set[str], names: frozenset[str] = frozenset(), free: Set[str] = frozenset()
) -> Lexicon:
    """The lexicon of the terms ``counts`` counts: each a dictionary word if in ``words``
    or ``names`` (a place), a place if in ``names``, no fragment if in ``free``."""
    ordered = sorted(counts)
    terms = np.array(ordered, dtype=f"U{MAX_CHARS}")
    keys, owners = _keyed(ordered)
    order = np.argsort(keys, kind="stable")
    is_word = np.array([t in words or t in names for t in ordered], dtype=bool)
    is_place = np.array([t in names for t in ordered], dtype=bool)
    is_free = np.array([t in free for t in ordered], dtype=bool)
    term_counts = np.array([counts[t] for t in ordered], dtype=np.int64)
    return Lexicon(terms, term_counts, is_word, keys[order], owners[order], is_place, is_free)


def save_lexicon(lexicon: Lexicon, generation: Path) -> None:
    arrays.save(generation, PREFIX, {name: getattr(lexicon, name) for name in ARRAYS})
    arrays.save(generation, PREFIX, dict(zip(ONE_UNIT_ARRAYS, one_unit_table(lexicon), strict=True)))


def one_unit_table(lexicon: Lexicon) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What every reading of one syllable, syllable start or initial fits and can
    rank, as you type (about 900 readings, 7 s on the full corpus): each reading's
    name, where its terms start, and the terms, one after the other."""
    readings = sorted({matches_of((unit,)) for unit in one_unit_readings()})
    fits = [lexicon.rankable(_as_units(matching), prefix=True) for matching in readings]
    names = np.array([reading_name(matching) for matching in readings], dtype="S16")
    starts = np.cumsum([0, *map(len, fits)], dtype=np.int64)
    return names, starts, np.concatenate([np.empty(0, dtype=np.int64), *fits])


def _keyed(terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every term's initials keys and the term each belongs to, made KEYED_BLOCK terms at
    a time (as one list of pairs, the full corpus's 7.7 million took 800 MB)."""
    keys, owners = [], []
    for first in range(0, len(terms), KEYED_BLOCK):
        block = [_initials_keys(term) for term in terms[first : first + KEYED_BLOCK]]
        keys.append(np.array([key for term_keys in block for key in term_keys], dtype=f"S{MAX_CHARS}"))
        owners.append(np.repeat(np.arange(first, first + len(block), dtype=np.int32), list(map(len, block))))
    return np.concatenate([np.zeros(0, f"S{MAX_CHARS}"), *keys]), np.concatenate([np.zeros(0, np.int32), *owners])


def _initials_keys(term: str) -> list[str]:
    return initials_keys([initials(char) for char in term])


def _as_units(matching: tuple[tuple[bool, str], ...]) -> Units:
    return tuple(Unit("syl" if whole else "pre", text) for whole, text in matching)
