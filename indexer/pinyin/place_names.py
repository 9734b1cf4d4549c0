"""Place names as pinyin vocabulary: every province's, city's and county's name is a
term however rarely it occurs, and is ranked up among the terms of its exact pinyin
(cd: 成都 among 重点, 重大, 程度)."""

from __future__ import annotations

from functools import cache

from indexer import cities, places
from indexer.analysis import is_cjk
from indexer.analysis.segment import word_frequency
from indexer.pinyin.ngrams import MAX_CHARS

PLACE_WEIGHT = 100  # a province's or city's name typed in full or as initials
COUNTY_WEIGHT = 10  # a county's (djy: 都江堰 among 的就业, 的教育)
COMMON_WORD = 500  # jieba's frequency from which a county's name is rather a word (都江堰 177, 合作 13,478)


@cache
def place_names() -> frozenset[str]:
    """Every province's, city's and county's name, short and full (成都, 成都市,
    都江堰, 安吉县): vocabulary however rarely it occurs, ranked up among the terms of
    its exact pinyin. A county's short name that is also a common word (合作, 资源,
    通道, 和平) is left out: ranked up it would push away the words of its initials."""
    counties = {name for name in cities.county_names() if word_frequency(name) < COMMON_WORD}
    return _cjk_names(counties) | _province_and_city_names()


@cache
def _province_and_city_names() -> frozenset[str]:
    names = {name for p in places.PROVINCES for name in (p.short, p.full)}
    return _cjk_names(names | {name for c in cities.cities() for name in (c.short, c.full)})


def _cjk_names(names: set[str]) -> frozenset[str]:
    return frozenset(n for n in names if 2 <= len(n) <= MAX_CHARS and all(map(is_cjk, n)))


def place_weight(name: str) -> float:
    """A province or city is ranked up the most; a county less, as its name is more
    often a piece of other words (乐业 of 安居乐业, 兴业)."""
    return PLACE_WEIGHT if name in _province_and_city_names() else COUNTY_WEIGHT
