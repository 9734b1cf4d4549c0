"""Which of a report's units (``indexer.analysis.report_units``) are its expressions, with what
the whole corpus says of them (``indexer.index.expressions`` asks): a unit the report uses
twice or quotes is one; a unit used once is one when the corpus knows it as a unit
(``own_expressions``' ``known``). A unit that is a verb or function word in front of
another unit of the report (发展新质生产力 around 新质生产力) is none, nor is a piece of a
longer name.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from indexer.analysis.report_units import MIN_CHARS, Units
from indexer.analysis.segment import jieba_words, known_words
from indexer.analysis.unit_edges import FUNCTION, is_lead, tag

MIN_COUNT = 2  # in the report, unless quoted or known to the corpus
MIN_WRAPPED = 3  # 发展 + 新质生产力 is a clause; 首发 + 经济 (a two-character word) is a term


def own_expressions(
    units: Units, known: Callable[[str], bool], fragment: Callable[[str], bool] = lambda u: False
) -> set[str]:
    """The units that are the report's expressions: used twice, quoted, or ``known`` to
    the corpus as a unit (a doubtful one: quoted or known); without a verb or function
    word wrapped around another unit; unless quoted, no piece of a longer name: used
    twice or more and always beside the same word here, or used once and a ``fragment``
    by what the corpus says (``unit_context``)."""
    chosen = {
        u
        for u, n in units.counts.items()
        if u in units.quoted
        or (not _is_piece(u, n, units, fragment) and (known(u) or (n >= MIN_COUNT and u not in units.doubtful)))
    }
    return {u for u in chosen if u in units.quoted or not wraps_a_unit(u, units.counts.__contains__)}


def _is_piece(unit: str, count: int, units: Units, fragment: Callable[[str], bool]) -> bool:
    """Attached here (used twice or more) or by the corpus (once); a word of the
    dictionaries never is a piece (双循环 of 国内国际双循环 names the policy itself)."""
    if unit in known_words():
        return False
    return unit in units.attached if count >= MIN_COUNT else fragment(unit)


def wraps_a_unit(term: str, is_unit_here: Callable[[str], bool]) -> bool:
    """Whether ``term`` is words of two characters or more that are verbs, adverbs or
    function words in front of a unit of three characters or more (发展新质生产力,
    大力发展低空经济, not 保市场主体), or a unit with a function word after it (新质生产力的).
    A word of the dictionaries wraps nothing (供给侧结构性改革 is one term, not 供给/侧 before
    结构性改革)."""
    if term in known_words():
        return False
    for cut in range(MIN_CHARS, len(term) - MIN_WRAPPED + 1):
        if is_unit_here(term[cut:]) and _all_wrapping(term[:cut]):
            return True
    for cut in range(MIN_WRAPPED, len(term)):
        if is_unit_here(term[:cut]) and all(tag(w) in FUNCTION for w in jieba_words(term[cut:])):
            return True
    return False


@cache
def _all_wrapping(text: str) -> bool:
    """Words that all lead into what follows; a verbal noun with a verb after it (污染/防治,
    供给/侧) is a compound that names the thing, not a lead (污染防治攻坚战)."""
    words = jieba_words(text)
    return all(map(is_lead, words)) and not (len(words) > 1 and tag(words[0]) == "vn")
