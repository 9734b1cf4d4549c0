"""What sets one selection of reports apart from another: the expressions over-used in
A against B and the reverse, by keyness (``indexer.search.keyness``), from the
generation's expression counts.

A selection is a set of filters written as in a query (``province:广东 year:2020-2024``);
every report they select counts, whole. A report in both selections counts in both.
Beside the keyness, each listed expression says how many reports and provinces of each
side use it and how evenly it spreads over the side's reports (Gries's DP). Place names
and function words (``indexer.search.stopwords``) are left out unless ``everything``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from indexer.errors import QueryError, read_number
from indexer.facets import FACETS
from indexer.query.syntax import parse
from indexer.query.tree import Selection
from indexer.search import budget
from indexer.search.facets import chosen_codes
from indexer.search.keyness import SIGNIFICANT, log_likelihood, log_ratio, per_10k
from indexer.search.snapshot import Snapshot
from indexer.search.spread import Spread, spreads
from indexer.search.stopwords import shown

DEFAULT_MIN_COUNT = 5
MAX_MIN_COUNT = 10_000
LIMIT = 100  # expressions listed on each side
INSIDE_SHARE = 0.8  # an expression that occurs mostly (80 %) inside a longer listed one is left out


@dataclass
class Side:
    written: str  # the filters as given
    selections: list[Selection]
    reports: list[str]  # doc_ids
    characters: int


@dataclass
class KeyTerm:
    term: str
    count_a: int
    count_b: int
    per_10k_a: float
    per_10k_b: float
    keyness: float  # log-likelihood
    log_ratio: float  # log₂ of A's rate over B's: positive when A uses it more
    spread_a: Spread
    spread_b: Spread


@dataclass
class Comparison:
    a: Side
    b: Side
    min_count: int
    everything: bool  # place names and function words listed too
    over_a: list[KeyTerm] = field(default_factory=list)  # most key first
    over_b: list[KeyTerm] = field(default_factory=list)


def read_min_count(text: str | None) -> int:
    return read_number("min", text, DEFAULT_MIN_COUNT, MAX_MIN_COUNT)


def side(snap: Snapshot, name: str, written: str) -> Side:
    """The reports a selection's filters choose; QueryError when it is empty, has
    words besides filters, or chooses no report."""
    if not written.strip():
        raise QueryError("side_required", name=name)
    parsed = parse(written)
    if parsed.root is not None:
        raise QueryError("side_filters_only", name=name, value=written)
    if not parsed.selections:
        raise QueryError("side_chooses_nothing", name=name)
    reports = selected_reports(snap, parsed.selections)
    if not reports:
        raise QueryError("side_no_report", name=name, value=written)
    matrix = snap.expressions
    rows = matrix.rows(reports)
    return Side(written.strip(), parsed.selections, reports, int(matrix.characters[rows].sum()) if rows else 0)


def selected_reports(snap: Snapshot, selections: list[Selection]) -> list[str]:
    """The doc_ids of the reports every chosen facet lets through (a facet's values OR-ed)."""
    return sorted(snap.doc_column.values[k] for k in selected_codes(snap, selections).tolist())


def selected_codes(snap: Snapshot, selections: list[Selection]) -> np.ndarray:
    """The same reports as codes of the doc_id column."""
    keep = np.ones(len(snap.doc_column.values), dtype=bool)
    for facet in FACETS:
        chosen = [s.value for s in selections if s.facet == facet.name]
        if chosen:
            keep &= np.isin(snap.report_values[facet.name], chosen_codes(facet, snap.columns[facet.name], chosen))
    return np.flatnonzero(keep)


def compare(
    snap: Snapshot, a: Side, b: Side, min_count: int = DEFAULT_MIN_COUNT, limit: int = LIMIT, everything: bool = False
) -> Comparison:
    """The expressions each side uses significantly more than the other (log-likelihood
    ≥ 15.13, p < 0.0001) and at least ``min_count`` times, by keyness. An expression is
    listed for a side only where one of its reports uses it as a word of its own (三角
    is counted inside 珠三角 but never listed for it). OutOfTime when the request's budget
    runs out between its steps (one side's list without the other's would mislead)."""
    matrix = snap.expressions
    rows_a, rows_b = matrix.rows(a.reports), matrix.rows(b.reports)
    count_a = matrix.totals(rows_a)
    budget.check("compare_out_of_time")
    count_b = matrix.totals(rows_b)
    size_a, size_b = max(a.characters, 1), max(b.characters, 1)
    keyness = log_likelihood(count_a, count_b, size_a, size_b)
    ratio = log_ratio(count_a, count_b, size_a, size_b)
    significant = keyness >= SIGNIFICANT
    result = Comparison(a, b, min_count, everything)
    sides = ((result.over_a, count_a, rows_a, 1), (result.over_b, count_b, rows_b, -1))
    for over, counts, rows, sign in sides:
        budget.check("compare_out_of_time")
        listed = significant & (counts >= min_count) & (sign * ratio > 0) & (matrix.totals(rows, own_only=True) > 0)
        chosen = np.flatnonzero(listed)
        if not everything:
            chosen = chosen[shown(str(t) for t in matrix.terms[chosen])]
        chosen = _without_fragments(matrix.terms, counts, chosen[np.argsort(-keyness[chosen], kind="stable")])[:limit]
        spread_a, spread_b = spreads(snap, rows_a, chosen), spreads(snap, rows_b, chosen)
        over.extend(
            KeyTerm(
                str(matrix.terms[t]),
                int(count_a[t]),
                int(count_b[t]),
                float(per_10k(count_a[t], size_a)),
                float(per_10k(count_b[t], size_b)),
                float(keyness[t]),
                float(ratio[t]),
                spread_a[k],
                spread_b[k],
            )
            for k, t in enumerate(chosen)
        )
    return result


def _without_fragments(terms: np.ndarray, counts: np.ndarray, ranked: np.ndarray) -> list[int]:
    """The ranked terms without those that mostly occur inside a longer one of them
    (高质 inside 高质量); looked at among the first few hundred only."""
    shortlist = ranked[: LIMIT * 4].tolist()
    words = {t: str(terms[t]) for t in shortlist}
    return [
        t
        for t in shortlist
        if not any(
            words[t] in words[u] and len(words[u]) > len(words[t]) and counts[u] >= INSIDE_SHARE * counts[t]
            for u in shortlist
        )
    ]
