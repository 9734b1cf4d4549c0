"""An exact phrase query for the ``exact`` field: its terms at consecutive positions.

Whoosh's ``Phrase`` checks positions through span objects, one Python object per
position; at 20× the corpus that was most of a query's time. Here the term
matchers are intersected as usual and, for each document they share, the positions
are checked with set arithmetic: a start ``p`` matches when term ``k`` occurs at
``p + k`` for every ``k``. The rarest terms are intersected first, so that the
common ones (发展, 经济) are only consulted for the few documents left.

A match scores as one term would under BM25: its frequency is the number of times
the whole phrase occurs, its idf that of the phrase's rarest term. That ranks by
the phrase itself rather than by its overlapping bigrams, and spares a scorer per
bigram per document.
"""

from __future__ import annotations

from whoosh import matching
from whoosh import query as wq
from whoosh.matching import IntersectionMatcher, WrappingMatcher
from whoosh.scoring import bm25

BM25_B = 0.75  # Whoosh's BM25F defaults
BM25_K1 = 1.2


class ExactPhrase(wq.Phrase):
    def matcher(self, searcher, context=None):
        field = searcher.schema[self.fieldname]
        reader = searcher.reader()
        whole = searcher.get_parent().reader()  # rarest in the whole index: the same order and idf in every segment
        keyed = []
        for offset, word in enumerate(self.words):
            term = field.to_bytes(word)
            if (self.fieldname, term) not in reader:
                return matching.NullMatcher()
            keyed.append((whole.doc_frequency(self.fieldname, term), offset, word))
        keyed.sort()
        boolean = searcher.boolean_context()
        terms = [wq.Term(self.fieldname, word).matcher(searcher, boolean) for _, _, word in keyed]
        child = terms[0]
        for term in terms[1:]:  # left-deep: rarest first
            child = IntersectionMatcher(child, term)
        scoring = _PhraseScoring.of(searcher, self.fieldname, field.to_bytes(keyed[0][2]), context)
        return ConsecutiveMatcher(child, [offset for _, offset, _ in keyed], scoring, boost=self.boost)


class _PhraseScoring:
    """BM25 of a whole phrase occurrence count in one document."""

    def __init__(self, reader, fieldname: str, idf: float, avg_length: float):
        self.reader = reader
        self.fieldname = fieldname
        self.idf = idf
        self.avg_length = avg_length or 1.0

    @classmethod
    def of(cls, searcher, fieldname: str, rarest: bytes, context) -> _PhraseScoring | None:
        weighting = getattr(context, "weighting", None)
        if weighting is None:
            return None
        top = searcher.get_parent()
        average = top.field_length(fieldname) / max(top.doc_count_all(), 1)
        return cls(searcher.reader(), fieldname, top.idf(fieldname, rarest), average)

    def score(self, docnum: int, occurrences: int) -> float:
        length = self.reader.doc_field_length(docnum, self.fieldname, 1)
        return bm25(self.idf, occurrences, length, self.avg_length, BM25_B, BM25_K1)


def _leaves(matcher) -> list:
    children = matcher.children()
    return [leaf for child in children for leaf in _leaves(child)] if children else [matcher]


class ConsecutiveMatcher(WrappingMatcher):
    """Passes only the documents where the child's leaf terms stand in a row: the
    i-th leaf (in tree order) belongs at ``offsets[i]`` from the phrase's start."""

    def __init__(self, child, offsets: list[int], scoring: _PhraseScoring | None = None, boost: float = 1.0):
        super().__init__(child, boost)
        self.offsets = offsets
        self.scoring = scoring
        self._terms = list(zip(_leaves(child), offsets, strict=True))
        self._occurrences = 0
        self._advance()

    def copy(self):
        return ConsecutiveMatcher(self.child.copy(), self.offsets, self.scoring, self.boost)

    def replace(self, minquality=0):
        # Whoosh may replace an exhausted intersection by a NullMatcher: then so are we.
        # An active one is kept as it is, so that leaves and offsets stay paired.
        return self if self.is_active() else matching.NullMatcher()

    def _count_in_a_row(self) -> int:
        (first, first_offset), *rest = self._terms
        starts = {p - first_offset for p in first.value_as("positions")}
        for term, offset in rest:
            starts.intersection_update(p - offset for p in term.value_as("positions"))
            if not starts:
                return 0
        return len(starts)

    def _advance(self) -> None:
        while self.child.is_active():
            self._occurrences = self._count_in_a_row()
            if self._occurrences:
                return
            self.child.next()

    def next(self):
        self.child.next()
        self._advance()

    def skip_to(self, id):
        self.child.skip_to(id)
        self._advance()

    def all_ids(self):
        while self.is_active():
            yield self.id()
            self.next()

    def supports_block_quality(self):
        return False  # block skipping would jump past the position check

    def score(self) -> float:
        if self.scoring is None:
            return 0.0
        return self.scoring.score(self.child.id(), self._occurrences) * self.boost
