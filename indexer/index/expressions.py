"""Every report's expressions, counted once per generation: what the new-expression
and keyness views read (``indexer.search.novelty``, ``indexer.search.keyness``).

Two passes over the reports' texts. The first finds each report's units
(``indexer.analysis.expressions``: jieba words, lexicon terms, quoted slogans, the items
of enumerations), then which of them are its expressions, knowing in how many reports
each is a unit (a unit used once is an expression when the corpus knows it); their
union is the vocabulary. The second counts every occurrence of every vocabulary term
in every report with an Aho–Corasick automaton (pyahocorasick) — as substrings of the
normalised text, as the phrase search finds them, so "absent from the earlier
reports" means a phrase search finds nothing there. Finding the units, choosing each
report's expressions and counting run in a worker process per core (``_mapped``).

Saved as a sparse report × term matrix (``expressions-*.npy``, memory-mapped when
read): rows are reports by sorted doc_id; each entry a term, its count and whether
it is one of the report's own expressions (or only occurs inside other words there).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property, partial
from operator import itemgetter
from pathlib import Path
from typing import Any

import ahocorasick
import numpy as np

from indexer.analysis import normalize
from indexer.analysis.expressions import MAX_CHARS, MIN_COUNT, Units, own_expressions
from indexer.index import arrays, store
from indexer.index.reports import ReportTexts
from indexer.index.run_words import UnitReader

PREFIX = "expressions-"
_ARRAYS = ("terms", "reports", "indptr", "indices", "counts", "own", "characters", "spread")
PARALLEL_CHARACTERS = 2_000_000  # below this the first pass runs in the building process
CHUNK = 4  # reports a worker reads and analyses at a time: few, so that both end together
TOTALS_BATCH = 1_000_000  # entries summed at a time
MIN_REPORTS = 3  # a unit used once is an expression when at least this many reports use it as a unit
BOUND_SHARE = 0.5  # … and it is a unit at this share of its occurrences
ATTACHED_SHARE = 0.8  # a unit beside one word (``unit_context``) in this share of its reports is a piece of a name


@dataclass
class ExpressionCounts:
    terms: np.ndarray  # the vocabulary, sorted
    reports: np.ndarray  # doc_ids, sorted: row r is reports[r]
    indptr: np.ndarray  # row r's entries are indptr[r]:indptr[r + 1]
    indices: np.ndarray  # each entry's term
    counts: np.ndarray  # how often the term occurs in the report
    own: np.ndarray  # whether the term is one of the report's own expressions
    characters: np.ndarray  # each report's length in characters
    spread: np.ndarray  # each term: in how many reports it is an own expression

    @cached_property
    def occurrences(self) -> np.ndarray:
        """Every term's count over the whole corpus (summed on first use, then kept): every
        entry at once, without the batches of ``totals``."""
        return np.bincount(self.indices, weights=self.counts, minlength=len(self.terms)).astype(np.int64)

    def row(self, doc_id: str) -> int | None:
        """The row of a report (None: no such report)."""
        k = int(np.searchsorted(self.reports, doc_id))
        return k if k < len(self.reports) and self.reports[k] == doc_id else None

    def rows(self, doc_ids: Iterable[str]) -> list[int]:
        """The rows of the reports that have one, in the order given."""
        return [r for r in map(self.row, doc_ids) if r is not None]

    def entries(self, row: int) -> slice:
        return slice(int(self.indptr[row]), int(self.indptr[row + 1]))

    def totals(self, rows: Iterable[int], own_only: bool = False) -> np.ndarray:
        """Every term's count summed over the rows (a dense vector over the vocabulary);
        ``own_only``: only where the term is one of the report's own expressions. Read
        in batches, so that summing the whole corpus never holds its entries at once."""
        out = np.zeros(len(self.terms), dtype=np.int64)
        batch: list[slice] = []
        size = 0
        for row in rows:
            batch.append(self.entries(row))
            size += batch[-1].stop - batch[-1].start
            if size >= TOTALS_BATCH:
                self._add(out, batch, own_only)
                batch, size = [], 0
        self._add(out, batch, own_only)
        return out

    def _add(self, out: np.ndarray, spans: list[slice], own_only: bool) -> None:
        if not spans:
            return
        picked = np.concatenate([np.arange(s.start, s.stop) for s in spans])
        weights = self.counts[picked] * self.own[picked] if own_only else self.counts[picked]
        out += np.bincount(self.indices[picked], weights=weights, minlength=len(self.terms)).astype(np.int64)

    def save(self, generation: Path) -> None:
        arrays.save(generation, PREFIX, {name: getattr(self, name) for name in _ARRAYS})

    @classmethod
    def load(cls, generation: Path) -> ExpressionCounts:
        """A generation's counts, memory-mapped (empty for a generation built without them)."""
        saved = arrays.load(generation, PREFIX, _ARRAYS)
        return _matrix([], [], []) if saved is None else cls(**saved)


def build_expressions(generation: Path, done: Callable[[], None] = lambda: None) -> ExpressionCounts:
    """Count the expressions of every report of a generation and save them beside it
    (``done``: called as each report's units are found)."""
    matrix = count_expressions(generation, done)
    matrix.save(generation)
    return matrix


def count_expressions(generation: Path, done: Callable[[], None] = lambda: None) -> ExpressionCounts:
    """The expressions of every report of a generation, counted."""
    state = store.read_state(generation)
    doc_ids = sorted(d["doc_id"] for s in state["sources"].values() for d in s["documents"])
    characters = sum(s.get("characters", 0) for s in state["sources"].values())
    parallel = characters >= PARALLEL_CHARACTERS
    units = _Units.read(_mapped(UnitReader.__call__, doc_ids, UnitReader(generation), parallel), done)
    chosen = list(_mapped(_chosen, list(range(len(doc_ids))), units, parallel))
    vocabulary = sorted(set().union(*chosen)) if chosen else []
    ids = {term: k for k, term in enumerate(vocabulary)}
    counting = _Counting(ReportTexts.open(generation), _automaton(vocabulary))
    found = _mapped(_counted, doc_ids, counting, parallel)
    rows = [
        _row(indices, counts, mine, ids, length) for (indices, counts, length), mine in zip(found, chosen, strict=True)
    ]
    matrix = _matrix(vocabulary, doc_ids, rows)
    matrix.own &= units.stable(matrix, ids)
    matrix.spread = np.bincount(matrix.indices[matrix.own], minlength=len(vocabulary)).astype(np.int32)
    return matrix


_shared: object = None  # what the forked workers of ``_mapped`` read: set before they fork


def _mapped(function: Callable[[Any, list], list], items: list, shared: object, parallel: bool) -> Iterator:
    """``function(shared, chunk)`` over the items, CHUNK at a time, its results in order:
    in a worker process per core (two at most) forked from this one, so that they share
    ``shared`` (the corpus's units, the automaton) with it and nothing large is pickled;
    or here. Both cores stay busy to the end of the stage (its one-core tail was a third
    of it)."""
    chunks = [items[k : k + CHUNK] for k in range(0, len(items), CHUNK)]
    if not parallel:
        for chunk in chunks:
            yield from function(shared, chunk)
        return
    global _shared
    _shared = shared
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1), mp_context=context) as pool:
            for part in pool.map(partial(_with_shared, function), chunks):
                yield from part
    finally:
        _shared = None


def _with_shared(function: Callable[[Any, list], list], chunk: list) -> list:
    return function(_shared, chunk)


def _chosen(units: _Units, rows: list[int]) -> list[set[str]]:
    return [units.chosen(r) for r in rows]


@dataclass
class _Counting:
    texts: ReportTexts
    automaton: ahocorasick.Automaton  # made only when it has words


def _counted(counting: _Counting, doc_ids: list[str]) -> list[tuple[np.ndarray, np.ndarray, int]]:
    """Each report's vocabulary terms (ids) with their counts, and its length as stored."""
    found = []
    for _, paragraphs, _ in counting.texts.paragraphs(doc_ids):
        text = "\n".join(normalize(t).text for t in paragraphs)
        terms = _occurrences(counting.automaton, text) if len(counting.automaton) else np.zeros(0, np.int32)
        indices, counts = np.unique(terms, return_counts=True)
        found.append((indices.astype(np.int32), counts.astype(np.int32), sum(map(len, paragraphs))))
    return found


class _Units:
    """Every report's units (``indexer.analysis.expressions``) as compact arrays of ids, and
    what the corpus knows of each: in how many reports it is a unit, how often in all.

    A unit a report uses once is an expression of it when the corpus knows it as one: a
    unit in at least MIN_REPORTS reports, and a unit at BOUND_SHARE of its occurrences or
    more (stable boundaries: 千万工程 mostly inside 百千万工程, where no report's words
    make it a unit, is no expression of its own)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        # per report: unit ids, counts, quoted, doubtful, the units attached there and their words (``unit_context``)
        self.rows: list[tuple[np.ndarray, np.ndarray, set[str], set[str], np.ndarray, np.ndarray]] = []
        self.words: dict[str, int] = {}  # the words units are attached to
        self.terms = np.zeros(0, dtype=object)  # by id
        self.reports = np.zeros(0, dtype=np.int64)  # by id: in how many reports it is a unit
        self.total = np.zeros(0, dtype=np.int64)  # by id: how often it is a unit in all
        self.attached = np.zeros(0, dtype=np.int64)  # by id: in how many reports it is beside its most usual word
        self.known: list[bool] = []  # by id: a unit in MIN_REPORTS reports or more (as a list: asked one by one)
        self.fragments: list[bool] = []  # by id: ``fragment``

    @classmethod
    def read(cls, reports: Iterable[Units], done: Callable[[], None]) -> _Units:
        """The units of every report, in order (``done``: called after each)."""
        units = cls()
        for found in reports:
            done()
            ids = np.array([units.ids.setdefault(u, len(units.ids)) for u in found.counts], dtype=np.int32)
            counts = np.fromiter(found.counts.values(), np.int32, len(ids))
            attached = np.array([units.ids[u] for u in found.attached], dtype=np.int32)
            words = np.array([units.words.setdefault(w, len(units.words)) for w in found.attached.values()], np.int32)
            units.rows.append((ids, counts, found.quoted, found.doubtful, attached, words))
        size = len(units.ids)
        units.terms = np.array(sorted(units.ids, key=units.ids.__getitem__), dtype=object)
        units.reports = np.bincount(
            np.concatenate([np.zeros(0, np.int32), *(r[0] for r in units.rows)]), minlength=size
        )
        units.attached = units.most_attached(size)
        units.known = (units.reports >= MIN_REPORTS).tolist()
        units.fragments = (units.attached >= ATTACHED_SHARE * units.reports).tolist()
        units.total = np.zeros(size, dtype=np.int64)
        for ids, counts, *_ in units.rows:
            units.total[ids] += counts
        return units

    def chosen(self, row: int) -> set[str]:
        """A report's expressions, as far as the units tell (``own_expressions``)."""
        ids, counts, said, doubtful, attached, words = self.rows[row]
        found = Units(
            Counter(dict(zip(self.terms[ids].tolist(), counts.tolist(), strict=True))),
            said,
            doubtful,
            dict(zip(self.terms[attached].tolist(), words.tolist(), strict=True)),
        )
        return own_expressions(found, lambda u: self.known[self.ids[u]], self.fragment)

    def most_attached(self, size: int) -> np.ndarray:
        """Per unit, in how many reports it stands beside the word it stands beside most."""
        pairs = np.concatenate(
            [np.zeros(0, np.int64), *(r[4].astype(np.int64) * len(self.words) + r[5] for r in self.rows)]
        )
        found, reports = np.unique(pairs, return_counts=True)
        most = np.zeros(size, dtype=np.int64)
        np.maximum.at(most, found // max(len(self.words), 1), reports)
        return most

    def fragment(self, unit: str) -> bool:
        """A unit the corpus sees beside the same content word in most reports that have it:
        used once in a report, it is a piece of a longer name there too."""
        return self.fragments[self.ids[unit]]

    def stable(self, matrix: ExpressionCounts, ids: dict[str, int]) -> np.ndarray:
        """Per entry of the matrix: False where a report uses a term once, unquoted, and the
        term's boundaries are not stable (a unit at fewer than BOUND_SHARE of its occurrences)."""
        occurrences = matrix.totals(range(len(matrix.reports)))
        units = np.zeros(len(matrix.terms), dtype=np.int64)
        for term, k in ids.items():
            units[k] = self.total[self.ids[term]] if term in self.ids else 0
        term_stable = units >= BOUND_SHARE * occurrences
        keep = term_stable[matrix.indices] | (matrix.counts >= MIN_COUNT)
        for row, (_, _, said, *_) in enumerate(self.rows):
            if said:
                span = matrix.entries(row)
                keep[span] |= np.isin(matrix.indices[span], [ids[q] for q in said if q in ids])
        return keep


def _automaton(vocabulary: list[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for k, term in enumerate(vocabulary):
        automaton.add_word(term, k)
    if vocabulary:
        automaton.make_automaton()
    return automaton


@dataclass
class _Row:
    indices: np.ndarray
    counts: np.ndarray
    own: np.ndarray
    characters: int


def _occurrences(automaton: ahocorasick.Automaton, text: str) -> np.ndarray:
    """The term of every occurrence of a vocabulary term in the text (overlaps included)."""
    return np.fromiter(map(itemgetter(1), automaton.iter(text)), dtype=np.int32)


def _row(indices: np.ndarray, counts: np.ndarray, own: set[str], ids: dict[str, int], characters: int) -> _Row:
    """A report's entries as arrays (as Counters the full corpus's rows took gigabytes)."""
    mine = np.array(sorted(ids[t] for t in own), dtype=np.int32)
    return _Row(indices, counts, np.isin(indices, mine), characters)


def _matrix(vocabulary: list[str], doc_ids: list[str], rows: list[_Row]) -> ExpressionCounts:
    return ExpressionCounts(
        terms=np.array(vocabulary, dtype=f"U{MAX_CHARS}"),
        reports=np.array(doc_ids, dtype=f"U{max(map(len, doc_ids), default=1)}"),
        indptr=np.concatenate([[0], np.cumsum([len(r.indices) for r in rows])]).astype(np.int64),
        indices=_joined([r.indices for r in rows], np.int32),
        counts=_joined([r.counts for r in rows], np.int32),
        own=_joined([r.own for r in rows], bool),
        characters=np.array([r.characters for r in rows], dtype=np.int64),
        spread=np.zeros(len(vocabulary), dtype=np.int32),
    )


def _joined(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype)
