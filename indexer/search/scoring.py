"""Every paragraph a query matches and its score, computed over whole posting lists
with numpy: the same matches and the same BM25F scores as Whoosh's matchers give
(tests compare them paragraph by paragraph), without a Python step per paragraph.

The query tree is the one ``indexer.query.compile`` builds: terms, exact phrases,
prefixes (a lone Chinese character: its unigram and every bigram it starts), And, Or,
AndMaybe and Not. Anything else (a query of nothing but exclusions) raises
``NotVectorised`` and is left to Whoosh's matchers.

What Whoosh does, done here the same way: a term scores ``bm25(idf, tf, length)``
with the whole index's idf and average length, times its boost; And and Or add
their children's scores; AndMaybe adds the second's where it matches; a Not among
a compound's children matches every paragraph not excluded and scores 1.0 (Whoosh's
``InverseMatcher``); a compound of one child is that child, boost and all. A prefix
that is not constant-scored is the Or of the terms it expands to (one term: that
term, without the prefix's boost), as ``MultiTerm.matcher`` builds it; its terms (a
common character starts thousands of bigrams) are summed in one pass, not pairwise.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import reduce
from typing import Protocol

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from indexer.query.phrase import BM25_B, BM25_K1, ExactPhrase
from indexer.search import budget
from indexer.search.postings import Postings, positions, read_postings

WORDS_BETWEEN_LOOKS = 128  # a prefix's words read between two pauses for short requests


class Cache(Protocol):
    def get(self, key: Hashable, compute: Callable[[], tuple]) -> tuple: ...


class NotVectorised(Exception):
    """A query node this module does not evaluate."""


@dataclass
class Scored:
    ids: np.ndarray  # docnums, ascending
    scores: np.ndarray

    @classmethod
    def empty(cls) -> Scored:
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


class ArrayScorer:
    """Scores queries against one searcher's index, with the scored fields' lengths
    (``indexer.index.columns``) as arrays."""

    def __init__(self, searcher: Searcher, lengths: dict[str, np.ndarray], cache: Cache | None = None):
        self.searcher = searcher
        self.lengths = lengths
        self.cache = cache  # keeps a prefix's scores: a character recurs in many queries
        self.segments = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
        self.size = searcher.doc_count_all()
        self.deleted = np.array([offset + d for r, offset in self.segments for d in _deleted(r)], dtype=np.int64)

    def score(self, query: wq.Query) -> Scored:
        """Raises NotVectorised for a query it does not take."""
        if query is wq.NullQuery:
            return Scored.empty()
        if isinstance(query, ExactPhrase):
            return self._phrase(query)
        if isinstance(query, wq.Term):
            return self._term(query)
        if isinstance(query, wq.Prefix) and query.text and not query.constantscore:
            return self._prefix(query)
        if isinstance(query, wq.AndMaybe):
            return _and_maybe(self.score(query.a), self.score(query.b))
        if type(query) in (wq.And, wq.Or):
            return self._compound(query)
        raise NotVectorised(type(query).__name__)

    def _compound(self, query: wq.CompoundQuery) -> Scored:
        parts = [self._child(q) for q in query.subqueries]
        if not parts:
            return Scored.empty()
        if len(parts) == 1:
            return parts[0]
        combined = reduce(_intersection if isinstance(query, wq.And) else _union, parts)
        return Scored(combined.ids, combined.scores * query.boost) if query.boost != 1.0 else combined

    def _child(self, query: wq.Query) -> Scored:
        if isinstance(query, wq.Not):
            excluded = np.union1d(self.score(query.query).ids, self.deleted)
            ids = np.setdiff1d(np.arange(self.size, dtype=np.int64), excluded, assume_unique=True)
            return Scored(ids, np.ones(len(ids)))
        return self.score(query)

    def _bm25(self, fieldname: str, idf: float, tf: np.ndarray, ids: np.ndarray, average: float) -> np.ndarray:
        length = self.lengths[fieldname][ids]
        return idf * ((tf * (BM25_K1 + 1)) / (tf + BM25_K1 * ((1 - BM25_B) + BM25_B * length / average)))

    def _term(self, query: wq.Term) -> Scored:
        field = self.searcher.schema[query.fieldname]
        term = field.to_bytes(query.text)
        postings = read_postings(self.segments, query.fieldname, term, values=False)
        if not len(postings.ids):
            return Scored.empty()
        idf = self.searcher.idf(query.fieldname, term)
        average = self.searcher.avg_field_length(query.fieldname) or 1
        scores = self._bm25(query.fieldname, idf, postings.weights, postings.ids, average)
        return Scored(postings.ids, scores * query.boost if query.boost != 1.0 else scores)

    def _prefix(self, query: wq.Prefix) -> Scored:
        if self.cache is None:
            return self._expanded(query)

        def compute() -> tuple[np.ndarray, np.ndarray]:
            found = self._expanded(query)
            return found.ids, found.scores

        return Scored(*self.cache.get(("prefix", query.fieldname, query.text, query.boost), compute))

    def _expanded(self, query: wq.Prefix) -> Scored:
        field = self.searcher.schema[query.fieldname]
        words = [field.from_bytes(b) for b in self.searcher.reader().expand_prefix(query.fieldname, query.text) if b]
        if len(words) <= 1:
            return self._term(wq.Term(query.fieldname, words[0])) if words else Scored.empty()
        parts = []
        for k, word in enumerate(words):
            if k and not k % WORDS_BETWEEN_LOOKS:
                budget.give_way()  # a common character starts over a thousand words
            parts.append(self._term(wq.Term(query.fieldname, word)))
        ids, where = np.unique(np.concatenate([p.ids for p in parts]), return_inverse=True)
        scores = np.bincount(where, weights=np.concatenate([p.scores for p in parts]), minlength=len(ids))
        return Scored(ids, scores * query.boost if query.boost != 1.0 else scores)

    def occurrences(self, query: wq.Term | ExactPhrase) -> Scored:
        """How often a term or an exact phrase occurs in each paragraph it occurs in
        (as ``scores``): a term's frequency, a phrase's count of start positions."""
        if isinstance(query, ExactPhrase):
            return self._phrase_occurrences(query)
        postings = read_postings(
            self.segments, query.fieldname, self.searcher.schema[query.fieldname].to_bytes(query.text), values=False
        )
        return Scored(postings.ids, postings.weights)

    def _phrase_occurrences(self, query: ExactPhrase) -> Scored:
        """Paragraphs where the phrase's terms stand in a row, and how often."""
        field = self.searcher.schema[query.fieldname]
        terms = [field.to_bytes(word) for word in query.words]
        postings = [read_postings(self.segments, query.fieldname, t, values=True) for t in terms]
        candidates = reduce(lambda a, b: np.intersect1d(a, b, assume_unique=True), (p.ids for p in postings))
        if not len(candidates):
            return Scored.empty()
        starts = None
        for offset, p in enumerate(postings):
            mine = _starts(p, candidates, offset)
            starts = mine if starts is None else np.intersect1d(starts, mine, assume_unique=True)
        docs, occurrences = np.unique(starts >> 32, return_counts=True)
        return Scored(candidates[docs], occurrences.astype(np.float64))

    def _phrase(self, query: ExactPhrase) -> Scored:
        """Paragraphs where the phrase's terms stand in a row, scored as
        ``indexer.query.phrase`` scores them: the phrase's count, the rarest term's idf."""
        found = self._phrase_occurrences(query)
        if not len(found.ids):
            return found
        ids, occurrences = found.ids, found.scores
        field = self.searcher.schema[query.fieldname]
        terms = [field.to_bytes(word) for word in query.words]
        rarest = min(terms, key=lambda t: (self.searcher.doc_frequency(query.fieldname, t), terms.index(t)))
        average = (self.searcher.field_length(query.fieldname) / max(self.size, 1)) or 1.0
        scores = self._bm25(query.fieldname, self.searcher.idf(query.fieldname, rarest), occurrences, ids, average)
        return Scored(ids, scores * query.boost)


def _deleted(reader) -> list[int]:
    """A segment's deleted paragraphs (an incremental build deletes a changed file's)."""
    return sorted(reader.segment().deleted_docs()) if reader.has_deletions() else []


def _starts(postings: Postings, candidates: np.ndarray, offset: int) -> np.ndarray:
    """Where the phrase would start in each candidate paragraph, given this term's
    positions and its place in the phrase: (candidate's index << 32) | start."""
    rows = np.searchsorted(postings.ids, candidates)
    flat, counts = positions([postings.values[row] for row in rows.tolist()])
    owner = np.repeat(np.arange(len(candidates), dtype=np.int64), counts)
    start = flat - offset
    keep = start >= 0
    return np.unique((owner[keep] << 32) | start[keep])


def _intersection(a: Scored, b: Scored) -> Scored:
    ids, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return Scored(ids, a.scores[ia] + b.scores[ib])


def _union(a: Scored, b: Scored) -> Scored:
    ids = np.union1d(a.ids, b.ids)
    scores = np.zeros(len(ids))
    scores[np.searchsorted(ids, a.ids)] += a.scores
    scores[np.searchsorted(ids, b.ids)] += b.scores
    return Scored(ids, scores)


def _and_maybe(a: Scored, b: Scored) -> Scored:
    scores = a.scores.copy()
    _, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    scores[ia] += b.scores[ib]
    return Scored(a.ids, scores)
