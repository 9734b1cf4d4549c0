"""Expressions: the words and fixed phrases of a report that a reader would list as
its vocabulary, what the "new expressions" and keyness views count.

A report's expressions are its jieba words of 2–10 Chinese characters and the runs of
two or three adjacent words of two characters or more that the corpus lexicon knows
as one term (长三角 一体化 → 长三角一体化), kept when they occur at least twice in the report; and every quoted
Chinese phrase of 2–10 characters, however rare (a slogan: “十五五”). Character
n-grams are never candidates by themselves: 三角一 is no expression.

The text is expected normalised (``indexer.analysis.normalize``), as the index holds it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache

from indexer.analysis.normalize import CJK_RANGES
from indexer.analysis.segment import jieba_words

MIN_CHARS = 2
MAX_CHARS = 10
MAX_WORDS = 3  # a multi-word term joins up to three jieba words
MIN_COUNT = 2  # in the report, unless quoted
# jieba's tags: function words (adverb, preposition, conjunction, particles, pronoun) and verbs
NOT_LAST = frozenset({"d", "p", "c", "u", "r", "uj", "ul", "ud", "ug", "uv", "uz"})
NOT_FIRST = NOT_LAST | {"v", "vd"}
_RUN = re.compile(f"[{CJK_RANGES}]+")
# After normalisation “ ” are still curly (NFKC keeps them); 「」『』 and straight quotes too.
_QUOTED = re.compile(f'[“"「『]([{CJK_RANGES}]{{{MIN_CHARS},{MAX_CHARS}}})[”"」』]')


def word_runs(text: str) -> list[list[str]]:
    """jieba's words of each run of Chinese characters, in order."""
    return [jieba_words(run) for run in _RUN.findall(text)]


def joined_pieces(words: list[str]) -> Iterable[str]:
    """Every run of 2..MAX_WORDS adjacent words of 2 characters or more, at most
    MAX_CHARS characters in all, joined, that starts with neither a verb nor an adverb
    or function word, and ends with no function word. A one-character word makes a
    fragment (经济等, 中了解, 高质量发展和高水平), a verb in front a clause (打造乡村振兴,
    推动产业有序); a verb at the end is fine (乡村全面振兴)."""
    for i in range(len(words)):
        if len(words[i]) < MIN_CHARS or _tag(words[i]) in NOT_FIRST:
            continue
        piece = words[i]
        for following in words[i + 1 : i + MAX_WORDS]:
            piece += following
            if len(following) < MIN_CHARS or len(piece) > MAX_CHARS:
                break
            if _tag(following) not in NOT_LAST:
                yield piece


def whole_words(term: str) -> bool:
    """Whether a run of characters begins and ends on a word boundary, by the rule the
    pieces above follow: jieba's first and last words of it are no one-character word
    and no function word (营商业 of 国营商业, 营商环境的 and 经济圈建设的重 are not)."""
    words = jieba_words(term)
    first, last = words[0], words[-1]
    return len(first) >= MIN_CHARS and len(last) >= MIN_CHARS and _tag(last) not in NOT_LAST


def _tag(word: str) -> str:
    """jieba's part-of-speech tag of a dictionary word ("n" for the others: policy terms)."""
    return _tags().get(word, "n")


@cache
def _tags() -> dict[str, str]:
    """jieba's part-of-speech tag of every word of its dictionary."""
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


def quoted(text: str) -> set[str]:
    """The quoted Chinese phrases of 2–10 characters (“十五五”, 「放管服」)."""
    return set(_QUOTED.findall(text))


def expressions(text: str, known_terms: Callable[[list[str]], list[bool]]) -> set[str]:
    """The report's expressions (see the module's docstring). ``known_terms`` says which
    of a list of joined words the corpus lexicon knows as terms (asked once per report)."""
    counts: Counter[str] = Counter()
    pieces: Counter[str] = Counter()
    for words in word_runs(text):
        counts.update(w for w in words if MIN_CHARS <= len(w) <= MAX_CHARS)
        pieces.update(joined_pieces(words))
    asked = list(pieces)
    counts.update({piece: pieces[piece] for piece, known in zip(asked, known_terms(asked), strict=True) if known})
    return {term for term, count in counts.items() if count >= MIN_COUNT} | quoted(text)
