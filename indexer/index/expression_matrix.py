"""The expressions of every report as a sparse report × term matrix, what the
new-expression and keyness views read (``indexer.search.novelty``,
``indexer.search.keyness``); counted by the index build (``indexer.index.expressions``).

Saved as ``expressions-*.npy`` beside the generation and memory-mapped when read:
rows are reports by sorted doc_id; each entry a term, its count and whether it is one
of the report's own expressions (or only occurs inside other words there).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from indexer import arrays
from indexer.analysis.report_units import MAX_CHARS

PREFIX = "expressions-"
ARRAYS = ("terms", "reports", "indptr", "indices", "counts", "own", "characters", "spread")
TOTALS_BATCH = 1_000_000  # entries summed at a time


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
        arrays.save(generation, PREFIX, {name: getattr(self, name) for name in ARRAYS})

    @classmethod
    def load(cls, generation: Path) -> ExpressionCounts:
        """A generation's counts, memory-mapped (empty for a generation built without them)."""
        saved = arrays.load(generation, PREFIX, ARRAYS)
        return matrix_of([], [], []) if saved is None else cls(**saved)


@dataclass
class Row:
    """A report's entries (as Counters the full corpus's rows took gigabytes)."""

    indices: np.ndarray
    counts: np.ndarray
    own: np.ndarray
    characters: int


def matrix_of(vocabulary: list[str], doc_ids: list[str], rows: list[Row]) -> ExpressionCounts:
    """The matrix of these reports' rows over the vocabulary (sorted), its spread not yet counted."""
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
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)
