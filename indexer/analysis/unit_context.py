"""What stands around a report's units (``indexer.analysis.report_units``): the words
right before and after each of their occurrences.

Two things are read from them:

- **attached** units: every occurrence of the unit in the report follows the same content
  word (成渝/地区双城经济圈建设, 新/阶段现代化幸福六安) or precedes the same one
  (新时代中国/特色, 区域公共/品牌, 涉企行政/事业性收费): there it is part of a longer name.
  A function word, verb or adverb next to a unit is a boundary, not an attachment
  (党的/二十大, 推动/成渝地区双城经济圈, 双城经济圈/建设, 发展/新质生产力), and so is a
  numeral or measure word (34个/大模型) or an adjective of two characters before it
  (壮大/耐心资本). A word of the dictionaries is never a piece
  (国内国际/双循环: ``indexer.analysis.report_units``).
- **clauses**: a unit that ends in a verb and is followed, every time, by a noun that
  differs from one occurrence to another is a verb with its objects (着力缓解/企业…,
  着力缓解/民生…), not a term: a term ending in a verb (乡村振兴) stands before
  punctuation, a particle or one fixed word. So is one that ends in a verb with a figure
  after it, once is enough (事项超过/1000项, 人次达到/1300万, 有力应对/2008年): the verb
  states a quantity, a term never takes one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import ahocorasick

from indexer.analysis.normalize import CJK_RANGES
from indexer.analysis.segment import jieba_words, known_words
from indexer.analysis.unit_edges import OBJECTS, VERBS, WRAPPING, tag

_CJK = re.compile(f"[{CJK_RANGES}]")
BOUNDARY = ""  # what stands next to a unit that is no attachment: punctuation, a function word, a verb
CONTEXT = 4  # characters read on each side: the word of the dictionaries next to the unit
MIN_CLAUSE_OBJECTS = 2  # different nouns after a verb-final unit that make it a clause
# what is no attachment beside a unit: function words, verbs and adverbs, numerals and measure words (34个/大模型)
NOT_ATTACHING = WRAPPING | {"m", "q"}


@dataclass
class Context:
    """A report's attached units and its clauses (see the module's docstring)."""

    attached: dict[str, str] = field(default_factory=dict)  # unit → its word, "<" before it or ">" after
    clauses: set[str] = field(default_factory=set)


def unit_context(text: str, units: Iterable[str]) -> Context:
    """The attached units and clauses of ``units`` in ``text`` (every occurrence, as a
    substring, is read)."""
    automaton = ahocorasick.Automaton()
    for unit in units:
        automaton.add_word(unit, unit)
    if not len(automaton):
        return Context()
    automaton.make_automaton()
    before: dict[str, set[str]] = {}
    after: dict[str, list[str]] = {}
    figures: set[str] = set()  # the units a figure follows somewhere
    for end, unit in automaton.iter(text):
        start = end - len(unit) + 1
        before.setdefault(unit, set()).add(word_before(text[max(start - CONTEXT, 0) : start]))
        after.setdefault(unit, []).append(word_after(text[end + 1 : end + 1 + CONTEXT]))
        if text[end + 1 : end + 2].isdigit():
            figures.add(unit)
    context = Context()
    for unit, words in after.items():
        if _one_word(before[unit]):
            context.attached[unit] = "<" + next(iter(before[unit]))
        elif _one_word(set(words)):
            context.attached[unit] = ">" + words[0]
        elif _is_clause(unit, words) or (unit in figures and _ends_in_a_verb(unit)):
            context.clauses.add(unit)
    return context


def _one_word(words: set[str]) -> bool:
    return len(words) == 1 and BOUNDARY not in words


def _is_clause(unit: str, following: list[str]) -> bool:
    if len(set(following)) < MIN_CLAUSE_OBJECTS or not all(following):
        return False
    return tag(jieba_words(unit)[-1]) == "v" and all(tag(w) in OBJECTS for w in following)


def _ends_in_a_verb(unit: str) -> bool:
    """Its last word is a verb by jieba's tag, a verbal noun too (年/突破/1万亿元)."""
    return tag(jieba_words(unit)[-1]) in VERBS


@cache  # unbounded: with 2**16 kept, the units pass took 37 % longer (its workers: ~1 GB each on the full corpus)
def word_before(context: str) -> str:
    """The content word that ends right before a unit (BOUNDARY: none): the longest word
    of the dictionaries that ends there, else the character."""
    if not context or not _CJK.match(context[-1]):
        return BOUNDARY
    word = next(context[-k:] for k in range(len(context), 0, -1) if k == 1 or context[-k:] in known_words())
    return BOUNDARY if tag(word) in NOT_ATTACHING or _is_attribute(word) else word


def _is_attribute(word: str) -> bool:
    """An adjective of two characters or more before a unit describes it or, as official
    prose uses many (壮大/耐心资本, 做强/…), acts as a verb on it: no longer name."""
    return len(word) > 1 and tag(word) == "a"


@cache
def word_after(context: str) -> str:
    """The content word that begins right after a unit (BOUNDARY: none): the longest word
    of the dictionaries that begins there, else the character."""
    if not context or not _CJK.match(context[0]):
        return BOUNDARY
    word = next(context[:k] for k in range(len(context), 0, -1) if k == 1 or context[:k] in known_words())
    return BOUNDARY if tag(word) in NOT_ATTACHING else word
