"""How the terms a typed pinyin fits (``lexicon.Lexicon.read``) are ordered: each is
weighed by its count; SPLIT_WEIGHT as much for each initial its reading has beyond the
reading with the fewest (readings with two-letter initials, sh-a-d, come after all
others); RARE_READING_WEIGHT as much when its usual reading (pypinyin's, with phrase
context: 银行 yinhang, 蚌埠 bengbu) is not what was typed; an n-gram that is no dictionary
word FREE_NGRAM_WEIGHT as much, or NOT_A_WORD_WEIGHT when it is a fragment (平不, of
水平不断, read as bengbu); a place name of the typed length by its own weight. A softer
order than reading by reading: 幼儿园 (y-e-y) is far more frequent than any word of ye-y.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from indexer.pinyin.place_names import place_weight
from indexer.pinyin.syllables import Units, split_cost, usual_readings

RANKED_CANDIDATES = 60  # the most frequent matches are weighed by how they were read
RARE_READING_WEIGHT = 0.2
NOT_A_WORD_WEIGHT = 0.1  # an n-gram no dictionary knows, a fragment (平不 of 水平不断), ranks below real words
FREE_NGRAM_WEIGHT = 0.3  # one that is no fragment (大数据) ranks between
SPLIT_WEIGHT = 0.5  # each initial a reading has beyond the fewest (yey: ye-y 1, y-e-y 3)
LONGER_WEIGHT = 0.05  # typed initials: a longer term than typed must be 20 times as frequent to rank above


class Vocabulary(Protocol):
    """What ranking reads of a lexicon (``lexicon.Lexicon``): its terms' arrays."""

    terms: np.ndarray  # the terms, sorted
    counts: np.ndarray  # how often each occurs
    words: np.ndarray  # whether each is a word of the dictionaries
    free: np.ndarray  # whether an n-gram no dictionary knows is no fragment of a longer one
    places: np.ndarray  # whether each is a place's name


@dataclass(frozen=True)
class Suggestion:
    text: str
    pinyin: str
    count: int

    def as_dict(self) -> dict:
        return {"text": self.text, "pinyin": self.pinyin, "count": self.count}


def ranked(
    lexicon: Vocabulary, found: np.ndarray, which: np.ndarray, readings: list[Units], limit: int
) -> list[Suggestion]:
    """The ``limit`` best of the terms ``found`` (indices into the lexicon), each fitted by
    the reading ``which`` names in ``readings``: the RANKED_CANDIDATES most frequent
    (places first) are weighed as the module says."""
    costs = np.array([split_cost(units) for units in readings], dtype=np.int64).reshape(-1, 2)
    two_letter, initials_ = costs[which, 0], costs[which, 1]
    lengths = np.char.str_len(lexicon.terms[found])
    place = lexicon.places[found] & (lengths == np.array([len(units) for units in readings])[which])
    split = SPLIT_WEIGHT ** (initials_ - costs[:, 1].min())
    by_count = lexicon.counts[found] * split
    top = np.lexsort((-by_count, ~place, two_letter))[:RANKED_CANDIDATES].tolist()
    text_of = {i: str(lexicon.terms[found[i]]) for i in top}
    units_of = {i: readings[which[i]] for i in top}
    weighted = {
        i: by_count[i]
        * (place_weight(text_of[i]) if place[i] else kind_weight(lexicon.words[found[i]], lexicon.free[found[i]]))
        * length_weight(int(lengths[i]), units_of[i])
        * reading_weight(text_of[i], units_of[i])
        for i in top
    }
    best = sorted(top, key=lambda i: (two_letter[i], -weighted[i], lengths[i], text_of[i]))[:limit]
    return [Suggestion(text_of[i], display(text_of[i], units_of[i]), int(lexicon.counts[found[i]])) for i in best]


def kind_weight(word: bool, free: bool) -> float:
    return 1.0 if word else FREE_NGRAM_WEIGHT if free else NOT_A_WORD_WEIGHT


def length_weight(length: int, units: Units) -> float:
    """Typed initials mean a term of as many characters unless a longer one is far
    more frequent (gjc: 公交车 before 供给侧结构性改革)."""
    typed_initials = any(u.kind == "ini" for u in units)
    return LONGER_WEIGHT if typed_initials and length > len(units) else 1.0


def reading_weight(term: str, units: Units) -> float:
    """RARE_READING_WEIGHT where the term's usual reading is not what was typed."""
    usual = usual_readings(term)
    for unit, reading in zip(units, usual, strict=False):
        if unit.kind == "syl" and unit.text != reading:
            return RARE_READING_WEIGHT
        if unit.kind in ("ini", "pre") and not reading.startswith(unit.text):
            return RARE_READING_WEIGHT
    return 1.0


def display(term: str, units: Units) -> str:
    """The term's pinyin as typed where it was typed in full, else its usual reading."""
    usual = usual_readings(term)
    typed = [u.text if u.kind == "syl" else r for u, r in zip(units, usual, strict=False)]
    return " ".join([*typed, *usual[len(typed) :]])
