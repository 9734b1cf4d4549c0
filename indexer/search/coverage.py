"""What the indexed reports cover: each report's value of a facet (its year, province,
city) by report code, and a place's years with reports — first, last and the gaps —
which the trend shows beside every first appearance ("first 2016" rests on reports
that start in 2004 and miss 2013–2015); and which reports the filters let through."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from indexer.query.tree import Selection
from indexer.search.facets import let_through
from indexer.search.snapshot import Snapshot


@dataclass
class Coverage:
    """A place's years with reports: first, last, and the runs between without any."""

    first: int
    last: int
    gaps: list[tuple[int, int]]


def report_column(snap: Snapshot, name: str, missing: object = None) -> np.ndarray:
    """Each report's value of a facet, by report code."""
    values = np.array([missing if v is None else v for v in snap.columns[name].values], dtype=object)
    return values[snap.report_values[name]]


def coverage_by_place(places: np.ndarray, years: np.ndarray, counted: np.ndarray) -> dict[object, Coverage]:
    """Each place's coverage (``places`` and ``years`` by report code), over the reports
    ``counted`` (a mask by report code) that have a year."""
    seen: dict[object, set[int]] = {}
    for r in np.flatnonzero(counted & (years > 0)).tolist():
        seen.setdefault(places[r], set()).add(int(years[r]))
    return {place: coverage(sorted(ys)) for place, ys in seen.items()}


def coverage(years: list[int]) -> Coverage:
    """The coverage of these years (sorted, at least one)."""
    gaps = [(a + 1, b - 1) for a, b in itertools.pairwise(years) if b - a > 1]
    return Coverage(years[0], years[-1], gaps)


def reports_let_through(snap: Snapshot, selections: list[Selection]) -> np.ndarray:
    """Per report code: whether the filters let it through (one paragraph of each report
    stands for it, since filters are report metadata)."""
    codes = snap.doc_column.codes
    _, representatives = np.unique(codes, return_index=True)
    keep = let_through(snap, representatives.astype(np.int64), selections)
    indexed = np.zeros(len(snap.doc_column.values), dtype=bool)
    indexed[codes[representatives[keep]]] = True
    return indexed
