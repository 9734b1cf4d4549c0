"""The live index, opened: one ``SearchIndex`` per process follows the index
directory's CURRENT pointer and opens the new generation after a rebuild (Whoosh's
own ``up_to_date()`` cannot see a swapped directory). A ``Snapshot`` is one
generation: a searcher per thread, the documents' metadata, every facet column as
an array (read once, so that filtering and counting any query's matches is numpy),
a small cache of scored queries, the pinyin lexicon and the reports' expressions.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import cached_property
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.searching import Searcher

from indexer.analysis import normalize
from indexer.analysis.segment import jieba_words, known_words, word_tags
from indexer.index import store
from indexer.index.columns import DOC, Column, load_characters, load_columns, load_lengths
from indexer.index.expression_matrix import ExpressionCounts
from indexer.index.reports import ReportTexts
from indexer.index.texts import TextFile, load_texts
from indexer.index.tokens import Tokens
from indexer.pinyin.lexicon import Lexicon
from indexer.pinyin.syllables import code_points_by_reading
from indexer.search.scoring import ArrayScorer, NotVectorised
from indexer.targets.panel import Panel

CACHE_BYTES = 64 * 2**20  # scored queries kept, by the size of their arrays (a common word on
# the full corpus is 4 MB); the oldest go first
REFERENCE_BYTES = 32 * 2**20  # the vocabulary's counts before a few years (a year's reports share one)


class Snapshot:
    def __init__(self, generation: Path):
        self.generation = generation
        self.index = whoosh_index.open_dir(str(generation))
        self._local = threading.local()
        state = store.read_state(generation)
        self.documents: dict[str, dict] = {d["doc_id"]: d for s in state["sources"].values() for d in s["documents"]}
        columns = load_columns(generation)
        self.doc_column = columns.pop(DOC)
        self.columns = columns
        self.report_values = {name: _per_report(self.doc_column, column) for name, column in columns.items()}
        self.lengths = load_lengths(generation)
        self._lexicon_lock = threading.Lock()
        self._lexicon: Lexicon | None = None
        self._scored = Recent(CACHE_BYTES)
        self.orders = Recent(CACHE_BYTES)  # the concordance's lines in order, by request
        self.references = Recent(REFERENCE_BYTES)  # what was said before a year (indexer.search.novelty)

    @property
    def searcher(self) -> Searcher:
        """This thread's searcher: Whoosh searchers are not shared between threads,
        so one long query does not hold up the others."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._local.searcher = self.index.searcher()
        return searcher

    @property
    def scorer(self) -> ArrayScorer:
        """This thread's array scorer, over its searcher."""
        scorer = getattr(self._local, "scorer", None)
        if scorer is None:
            scorer = self._local.scorer = ArrayScorer(self.searcher, self.lengths, self._scored)
        return scorer

    def scored(self, query: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        """Every paragraph matching ``query`` and its score, in one pass over the
        index; recent results are kept (up to CACHE_BYTES), since paging, facet clicks,
        the CSV export and the document page ask for the same text query again."""
        return self._scored.get(repr(query), lambda: self.scored_by_arrays(query) or self.scored_by_matchers(query))

    def scored_by_arrays(self, query: wq.Query) -> tuple[np.ndarray, np.ndarray] | None:
        """Matches and scores from whole posting lists (``indexer.search.scoring``);
        None for a query it does not take."""
        try:
            scored = self.scorer.score(query)
        except NotVectorised:
            return None
        return scored.ids, scored.scores

    def scored_by_matchers(self, query: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        """Matches and scores through Whoosh's matchers, a paragraph at a time."""
        docnums: list[int] = []
        scores: list[float] = []
        searcher = self.searcher
        context = searcher.context()
        for subsearcher, offset in searcher.leaf_searchers():
            matcher = query.matcher(subsearcher, context)
            while matcher.is_active():
                docnums.append(offset + matcher.id())
                scores.append(matcher.score())
                matcher.next()
        return np.array(docnums, dtype=np.int64), np.array(scores, dtype=np.float64)

    @cached_property
    def characters(self) -> np.ndarray:
        """Each paragraph's text length (read on first use: only trends need it)."""
        return load_characters(self.generation)

    @cached_property
    def expressions(self) -> ExpressionCounts:
        """Every report's expressions, counted (memory-mapped on first use: the
        new-expression and keyness views need them)."""
        return ExpressionCounts.load(self.generation)

    @cached_property
    def targets(self) -> Panel:
        """Every work report's stated targets and the outcomes of the next (read on first use)."""
        return Panel.load(self.generation)

    @cached_property
    def tokens(self) -> Tokens | None:
        """Every paragraph's words (memory-mapped on first use: the collocations need
        them); None for a generation built before they were saved."""
        return Tokens.load(self.generation)

    @property
    def lexicon(self) -> Lexicon:
        """The pinyin lexicon, loaded on first use."""
        with self._lexicon_lock:
            if self._lexicon is None:
                self._lexicon = Lexicon.load(self.generation)
            return self._lexicon

    def english_hits(self, word: str) -> int:
        """Paragraphs containing a word as written (the pinyin reader's rival reading)."""
        return self.searcher.doc_frequency("exact", word)

    def forget_cached_queries(self) -> None:
        self._scored.clear()
        self.orders.clear()
        self.references.clear()

    def stored(self, docnum: int) -> dict:
        """A paragraph's stored fields: doc_id, paragraph, section, text."""
        return self.searcher.stored_fields(docnum)

    @cached_property
    def _texts(self) -> TextFile | None:
        return load_texts(self.generation)

    def texts(self, docnums: np.ndarray) -> list[str]:
        """These paragraphs' texts, in the same order, from the generation's text file
        (their stored fields for a generation built before there was one)."""
        texts = self._texts
        return texts.texts(docnums) if texts else [self.stored(int(d))["text"] for d in docnums]

    def paragraph_numbers(self, docnums: np.ndarray) -> np.ndarray:
        """Each paragraph's number in its report."""
        texts = self._texts
        if texts:
            return np.asarray(texts.numbers[docnums], dtype=np.int64)
        return np.array([self.stored(int(d))["paragraph"] for d in docnums], dtype=np.int64)

    def reports_of(self, docnums: np.ndarray) -> np.ndarray:
        """The reports (codes of the doc_id column) these paragraphs belong to, each once."""
        return np.flatnonzero(np.bincount(self.doc_column.codes[docnums], minlength=len(self.doc_column.values)))

    def doc_id_of(self, docnum: int) -> str:
        return self.doc_column.values[self.doc_column.codes[docnum]]

    def paragraphs(self, doc_id: str) -> list[dict]:
        return sorted(self.searcher.documents(doc_id=doc_id), key=lambda f: f["paragraph"])

    @cached_property
    def _reports(self) -> ReportTexts | None:
        texts = self._texts
        return ReportTexts(texts, self.doc_column) if texts is not None else None

    def report_texts(self, doc_id: str) -> list[tuple[int, str]]:
        """A report's paragraphs as (paragraph number, text), in order: from the text file
        (the stored fields of a generation built before there was one)."""
        reports = self._reports
        if reports is None:
            return [(f["paragraph"], f.get("text") or "") for f in self.paragraphs(doc_id)]
        return reports.numbered(doc_id)

    @property
    def built_at(self) -> float:
        """When this generation was published (its directory's time)."""
        return self.generation.stat().st_mtime

    def sorted_documents(self) -> list[dict]:
        """Every document's metadata, newest first, then by province."""
        return sorted(self.documents.values(), key=lambda d: (-(d["year"] or 0), d["province"] or "", d["doc_id"]))


class Recent:
    """Results kept by key, by the size of their arrays: past ``limit`` bytes the least
    recently used go first (the newest always stays)."""

    def __init__(self, limit: int):
        self.limit = limit
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, tuple] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], tuple]) -> tuple:
        """The result kept for ``key``, or ``compute()``'s (a tuple of arrays), kept."""
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        result = compute()
        with self._lock:
            self._kept[key] = result
            while len(self._kept) > 1 and self.nbytes > self.limit:
                self._kept.popitem(last=False)
        return result

    @property
    def nbytes(self) -> int:
        return sum(getattr(part, "nbytes", 0) for result in self._kept.values() for part in result)

    def __len__(self) -> int:
        return len(self._kept)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def _per_report(reports: Column, column: Column) -> np.ndarray:
    """A report's value of a column (each of its paragraphs has it), by report code."""
    values = np.zeros(len(reports.values), dtype=np.int64)
    values[reports.codes] = column.codes
    return values


def warm_up_process() -> None:
    """Load jieba's dictionary and make normalisation's and pinyin's tables: the same in
    every process, read only (a server makes them before forking its workers)."""
    jieba_words("预热")
    word_tags()
    known_words()  # new expressions' fragments: 0.2 s of a worker's first such request
    normalize("预热")
    code_points_by_reading()


class SearchIndex:
    def __init__(self, root: Path):
        self.root = root
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Open the live generation and make what every query needs now, so that the
        first user after a start does not wait for them."""
        warm_up_process()
        self.snapshot()

    def snapshot(self) -> Snapshot:
        """The live generation, reopened when a rebuild has swapped it."""
        generation = store.require_generation(self.root)
        with self._lock:
            if self._snapshot is None or self._snapshot.generation != generation:
                self._snapshot = Snapshot(generation)  # the old one closes when unreferenced
            return self._snapshot
