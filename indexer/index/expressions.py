"""The index build's expressions step: every report's expressions counted once per
generation, into the matrix the new-expression and keyness views read
(``indexer.index.expression_matrix``).

Two passes over the reports' texts. The first finds each report's units
(``indexer.analysis.report_units``: jieba words, lexicon terms, quoted slogans, the items
of enumerations), then which of them are its expressions, knowing in how many reports
each is a unit (a unit used once is an expression when the corpus knows it); their
union is the vocabulary. The second counts every occurrence of every vocabulary term
in every report with an Aho–Corasick automaton (pyahocorasick) — as substrings of the
normalised text, as the phrase search finds them, so "absent from the earlier
reports" means a phrase search finds nothing there. Finding the units, choosing each
report's expressions and counting run in a worker process per core (``_mapped``).

The corpus's units are the stage's largest holding (700 MB on the full corpus, most of
it their strings): the choice is kept as arrays of ids (``_Choice``) and the units are
let go before the counting workers fork; as sets of strings the choice alone took
1.2 GB.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

import ahocorasick
import numpy as np

from indexer.analysis import normalize
from indexer.analysis.expression_choice import MIN_COUNT, own_expressions
from indexer.analysis.report_units import Units
from indexer.index import store
from indexer.index.expression_matrix import ExpressionCounts, Row, matrix_of
from indexer.index.reports import ReportTexts
from indexer.index.run_words import UnitReader

PARALLEL_CHARACTERS = 2_000_000  # below this the first pass runs in the building process
CHUNK = 4  # reports a worker reads and analyses at a time: few, so that both end together
MIN_REPORTS = 3  # a unit used once is an expression when at least this many reports use it as a unit
BOUND_SHARE = 0.5  # … and it is a unit at this share of its occurrences
ATTACHED_SHARE = 0.8  # a unit beside one word (``unit_context``) in this share of its reports is a piece of a name


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
    choice = _choose(generation, doc_ids, parallel, done)
    counting = _Counting(ReportTexts.open(generation), _automaton(choice.vocabulary))
    found = _mapped(_counted, doc_ids, counting, parallel)
    rows = [
        Row(indices, counts, np.isin(indices, own), length)
        for (indices, counts, length), own in zip(found, choice.own, strict=True)
    ]
    matrix = matrix_of(choice.vocabulary, doc_ids, rows)
    matrix.own &= choice.stable(matrix)
    matrix.spread = np.bincount(matrix.indices[matrix.own], minlength=len(choice.vocabulary)).astype(np.int32)
    return matrix


def _choose(generation: Path, doc_ids: list[str], parallel: bool, done: Callable[[], None]) -> _Choice:
    """Every report's units found and its expressions chosen; only the choice is kept."""
    units = _Units.read(_mapped(UnitReader.__call__, doc_ids, UnitReader(generation), parallel), done)
    return units.choice(list(_mapped(_chosen, list(range(len(doc_ids))), units, parallel)))


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


def _chosen(units: _Units, rows: list[int]) -> list[np.ndarray]:
    """The reports' expressions as unit ids: small to send back from a worker."""
    return [np.array([units.ids[u] for u in units.chosen(r)], dtype=np.int32) for r in rows]


@dataclass
class _Choice:
    """What the units tell that the rest of the stage needs, over the vocabulary (every
    report's expressions, sorted): each report's own expressions and the terms it quotes
    (vocabulary ids), and how often each term is a unit in the whole corpus."""

    vocabulary: list[str]
    own: list[np.ndarray]
    quoted: list[np.ndarray]
    units: np.ndarray

    def stable(self, matrix: ExpressionCounts) -> np.ndarray:
        """Per entry of the matrix: False where a report uses a term once, unquoted, and the
        term's boundaries are not stable (a unit at fewer than BOUND_SHARE of its occurrences)."""
        term_stable = self.units >= BOUND_SHARE * matrix.totals(range(len(matrix.reports)))
        keep = term_stable[matrix.indices] | (matrix.counts >= MIN_COUNT)
        for row, said in enumerate(self.quoted):
            if len(said):
                span = matrix.entries(row)
                keep[span] |= np.isin(matrix.indices[span], said)
        return keep


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
    """Every report's units (``indexer.analysis.report_units``) as compact arrays of ids, and
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

    def choice(self, chosen: list[np.ndarray]) -> _Choice:
        """The choice of every report (``chosen``: its expressions' unit ids), over the
        vocabulary they make."""
        found = np.unique(np.concatenate([np.zeros(0, np.int32), *chosen]))
        by_term = found[np.argsort(self.terms[found], kind="stable")]
        in_vocabulary = np.full(len(self.terms), -1, dtype=np.int32)
        in_vocabulary[by_term] = np.arange(len(by_term), dtype=np.int32)
        quoted = [in_vocabulary[[self.ids[q] for q in said]] for _, _, said, *_ in self.rows]
        return _Choice(
            self.terms[by_term].tolist(),
            [np.sort(in_vocabulary[ids]) for ids in chosen],
            [np.sort(ids[ids >= 0]) for ids in quoted],
            self.total[by_term],
        )


def _automaton(vocabulary: list[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for k, term in enumerate(vocabulary):
        automaton.add_word(term, k)
    if vocabulary:
        automaton.make_automaton()
    return automaton


def _occurrences(automaton: ahocorasick.Automaton, text: str) -> np.ndarray:
    """The term of every occurrence of a vocabulary term in the text (overlaps included)."""
    return np.fromiter(map(itemgetter(1), automaton.iter(text)), dtype=np.int32)
