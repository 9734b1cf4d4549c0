"""Filtering and counting by facet, over the columns of a snapshot.

Every facet is a report's metadata (all its paragraphs have the same value), so a
value's reports are counted from the reports matched, not from paragraph pairs.

A facet's counts apply every filter except its own, so that choosing a second
province shows what it adds. Each value says which of the query's selections
choose it, so that a page can link to the same search without them; a chosen value
that nothing matches (决议 for a word no resolution has, a year not indexed) is
listed too, with a count of 0, so that it can be seen and removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce

import numpy as np

from indexer.facets import FACETS, Facet
from indexer.index.columns import Column
from indexer.query.tree import Selection
from indexer.search.snapshot import Snapshot


@dataclass
class FacetValue:
    value: object  # None: documents without a value
    count: int  # matching paragraphs
    documents: int  # matching reports
    selected_by: list[int] = field(default_factory=list)  # indexes of the selections that choose it
    breakdown: dict = field(default_factory=dict)  # reports by the value of the facet's ``breakdown`` facet

    @property
    def selected(self) -> bool:
        return bool(self.selected_by)


def filter_masks(snap: Snapshot, matched: np.ndarray, selections: list[Selection]) -> dict[str, np.ndarray]:
    """For each facet with a selection: which matched paragraphs it lets through
    (several values of one facet are OR-ed)."""
    masks = {}
    for facet in FACETS:
        chosen = [s.value for s in selections if s.facet == facet.name]
        if not chosen:
            continue
        column = snap.columns[facet.name]
        masks[facet.name] = np.isin(column.codes[matched], chosen_codes(facet, column, chosen))
    return masks


def let_through(snap: Snapshot, docnums: np.ndarray, selections: list[Selection]) -> np.ndarray:
    """Which paragraphs the filters let through (a facet's values OR-ed, facets AND-ed)."""
    return reduce(np.logical_and, filter_masks(snap, docnums, selections).values(), np.ones(len(docnums), dtype=bool))


def chosen_codes(facet: Facet, column: Column, chosen: list) -> list[int]:
    """The codes of the column's values that any of the chosen filter values selects."""
    return [code for code, value in enumerate(column.values) if any(facet.selects(c, value) for c in chosen)]


def count_facets(
    snap: Snapshot, matched: np.ndarray, masks: dict[str, np.ndarray], selections: list[Selection]
) -> dict[str, list[FacetValue]]:
    return {facet.name: _count(snap, facet, matched, masks, selections) for facet in FACETS}


def _count(
    snap: Snapshot, facet: Facet, matched: np.ndarray, masks: dict[str, np.ndarray], selections: list[Selection]
) -> list[FacetValue]:
    keep = np.ones(len(matched), dtype=bool)
    for other, mask in masks.items():
        if other != facet.name:
            keep &= mask
    docnums = matched[keep]
    if not len(docnums):
        return _chosen_without_matches(facet, [], selections)
    column = snap.columns[facet.name]
    codes = column.codes[docnums]
    paragraphs = np.bincount(codes, minlength=len(column.values))
    reports = snap.reports_of(docnums)
    documents = np.bincount(snap.report_values[facet.name][reports], minlength=len(column.values))
    out = []
    parts = _breakdown(snap, facet, reports)
    for code in np.flatnonzero(paragraphs):
        value = column.values[code]
        chosen = [i for i, s in enumerate(selections) if s.facet == facet.name and facet.selects(s.value, value)]
        out.append(FacetValue(value, int(paragraphs[code]), int(documents[code]), chosen, parts.get(int(code), {})))
    return _chosen_without_matches(facet, _ordered(facet, out), selections)


def _ordered(facet: Facet, values: list[FacetValue]) -> list[FacetValue]:
    if facet.order == "newest":
        return sorted(values, key=lambda v: v.value or 0, reverse=True)
    if isinstance(facet.order, tuple):
        return sorted(values, key=lambda v: facet.order.index(v.value) if v.value in facet.order else len(facet.order))
    return sorted(values, key=lambda v: (-v.count, str(v.value)))


def _chosen_without_matches(facet: Facet, values: list[FacetValue], selections: list[Selection]) -> list[FacetValue]:
    """The counted values, then each chosen value that none of them is (count 0),
    once however many times it was chosen; a year range as chosen, (from, to)."""
    listed = {i for v in values for i in v.selected_by}
    missing: dict[object, list[int]] = {}
    for i, s in enumerate(selections):
        if s.facet == facet.name and i not in listed:
            missing.setdefault(_single(s.value), []).append(i)
    return values + [FacetValue(value, 0, 0, chosen) for value, chosen in missing.items()]


def _single(value: object) -> object:
    """A range of one year is that year."""
    if isinstance(value, tuple) and value[0] == value[1]:
        return value[0]
    return value


def _breakdown(snap: Snapshot, facet: Facet, reports: np.ndarray) -> dict[int, dict]:
    """For each of this facet's values, its matching reports counted by the value of
    another facet (a province's reports: how many provincial, how many of its cities)."""
    if facet.breakdown is None:
        return {}
    other = snap.columns[facet.breakdown]
    pairs = np.stack([snap.report_values[facet.name][reports], snap.report_values[facet.breakdown][reports]])
    combinations, sizes = np.unique(pairs, axis=1, return_counts=True)
    counts: dict[int, dict] = {}
    for code, part, size in zip(*combinations.tolist(), sizes.tolist(), strict=True):
        counts.setdefault(code, {})[other.values[part]] = size
    return counts
