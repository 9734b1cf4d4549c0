"""What the keyness and collocation tables leave out unless asked for everything
(``all=1``): place names, which set any two places apart without saying anything about
their policies (广东, 贵阳, 广东省委), and function words (以上, 左右, 我们, 的).

A place name is a province's, city's or county's name (``indexer.pinyin.place_names``:
the division data the project reads) or an expression that starts with a province's name
(广东省委, 贵州茅台). jieba's place tag (``ns``) is not used: it tags 城市, 海洋 and 新区 too.
A function word is a word jieba's dictionary tags as an adverb, pronoun, preposition,
conjunction, particle, numeral, measure word, time word, direction word (``f``: 以上, 左右)
or interjection, a number (2024), or one of a few light verbs and pieces (达到, 进行; 东西
of 东西部协作).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy as np

from indexer import places
from indexer.analysis.segment import word_tags
from indexer.pinyin.place_names import place_names

FUNCTION_TAGS = frozenset(
    {"d", "p", "c", "u", "uj", "ul", "ud", "ug", "uv", "uz", "r", "m", "q", "t", "f", "e", "y", "o"}
)
STOP_WORDS = frozenset(  # light verbs, and pieces of longer words
    {
        "达到",
        "进行",
        "加以",
        "予以",
        "给予",
        "成为",
        "作为",
        "是",
        "有",
        "为",
        "在",
        "将",
        "要",
        "把",
        "使",
        "东西",
        "南北",
    }
)


def is_place_name(term: str) -> bool:
    if term == places.NATIONAL:  # 全国: nationwide, no place
        return False
    return term in place_names() or term.startswith(_province_names())


def is_function_word(term: str) -> bool:
    return _tag(term) in FUNCTION_TAGS or term in STOP_WORDS or term.isdigit()


def is_hidden(term: str) -> bool:
    """Left out of the tables unless everything is asked for."""
    return is_function_word(term) or is_place_name(term)


def shown(terms: Iterable[str]) -> np.ndarray:
    """Which of the terms the tables show by default (a boolean array)."""
    return np.array([not is_hidden(t) for t in terms], dtype=bool)


@cache
def _province_names() -> tuple[str, ...]:
    return tuple(
        name for p in places.PROVINCES for name in (p.short, p.full) if len(name) >= 2 and p.short != places.NATIONAL
    )


def _tag(word: str) -> str:
    """jieba's part-of-speech tag of a word of its dictionary ("" for the others)."""
    return word_tags().get(word, "")
