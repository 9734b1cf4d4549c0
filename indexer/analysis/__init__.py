"""Text analysis: the one place that turns text into index terms, used identically
when indexing and when querying.

Stages, in the order text meets them (one module each):

1. ``normalize`` — NFKC, traditional → simplified, lower case, offsets kept.
2. ``segment`` — jieba words with the policy-term dictionary.
3. ``tokenizers`` — CJK runs and words; ``WordTokenizer`` makes jieba words (for
   ranking), ``GramTokenizer`` character bigrams (for exact matching of any run).
4. Whoosh filters, composed with ``|`` here: stop words and stemming for the word field.
"""

from __future__ import annotations

from whoosh.analysis import StemFilter, StopFilter
from whoosh.analysis.analyzers import Analyzer
from whoosh.lang.porter import stem

from indexer.analysis.normalize import (
    CJK_RANGES,
    Normalized,
    Translation,
    count_cjk,
    has_cjk,
    is_cjk,
    normalize,
    to_simplified,
)
from indexer.analysis.segment import known_words
from indexer.analysis.tokenizers import GramTokenizer, WordTokenizer, units

ENGLISH_STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the to was were will with this which we our".split()
)


def word_analyzer() -> Analyzer:
    """Ranking field: jieba words and stemmed English words without stop words."""
    return WordTokenizer() | StopFilter(stoplist=ENGLISH_STOP_WORDS, minsize=1) | StemFilter()


def exact_analyzer() -> Analyzer:
    """Matching field: CJK unigrams+bigrams and unstemmed words, for exact phrases."""
    return GramTokenizer()


def word_terms(text: str) -> list[str]:
    """The word-field terms of a query text, in order."""
    return [t.text for t in word_analyzer()(text, mode="query")]


def exact_terms(text: str) -> list[str]:
    """The exact-field terms of a query text, in order (one per consecutive position)."""
    return [t.text for t in exact_analyzer()(text, mode="query")]


def stem_word(word: str) -> str:
    return stem(word)


__all__ = [
    "CJK_RANGES",
    "ENGLISH_STOP_WORDS",
    "GramTokenizer",
    "Normalized",
    "Translation",
    "WordTokenizer",
    "count_cjk",
    "exact_analyzer",
    "exact_terms",
    "has_cjk",
    "is_cjk",
    "known_words",
    "normalize",
    "stem_word",
    "to_simplified",
    "units",
    "word_analyzer",
    "word_terms",
]
