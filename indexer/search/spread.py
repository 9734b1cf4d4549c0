"""How expressions spread over a set of reports: in how many reports and provinces
each occurs, and Gries's DP (2008) over the reports, sized in characters — what the
comparison and a report's new expressions show beside the keyness.

Computed over the reports' entries of the expression counts at once (in batches, like
``ExpressionCounts.totals``), not report by report: a report's new expressions are
measured against every earlier report. DP's sum over the reports where an expression
is absent is their share of the text, so only the reports that use it are visited:
DP = ½ (1 + Σ_used (|c_r/C − s_r/S| − s_r/S))."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer.index.expression_matrix import TOTALS_BATCH
from indexer.search.snapshot import Snapshot


@dataclass
class Spread:
    """How an expression spreads over one set of reports."""

    reports: int  # reports using it
    provinces: int  # provinces (全国 counts as one) of those reports
    dp: float  # Gries's DP over the reports, sized in characters


def spreads(snap: Snapshot, rows: list[int], terms: list[int], own_only: bool = False) -> list[Spread]:
    """How each of these terms (vocabulary numbers) spreads over these reports (matrix rows);
    ``own_only``: only the reports where it is one of their own expressions (taken up as
    a unit, not only occurring inside a longer word)."""
    matrix = snap.expressions
    wanted = np.array(sorted(set(terms)), dtype=np.int64)
    if not rows or not len(wanted):
        return [Spread(0, 0, 0.0) for _ in terms]
    row_of, column, count = _hits(matrix, rows, wanted, own_only)
    sizes = np.asarray(matrix.characters[rows], dtype=np.float64)
    part = sizes[row_of] / max(sizes.sum(), 1.0)
    totals = np.bincount(column, weights=count, minlength=len(wanted))
    share = count / np.maximum(totals[column], 1)
    dp = np.where(totals > 0, 0.5 * (1 + np.bincount(column, np.abs(share - part) - part, len(wanted))), 0.0)
    reports = np.bincount(column, minlength=len(wanted))
    names = [snap.documents.get(str(matrix.reports[r]), {}).get("province") or "" for r in rows]
    _, province_of = np.unique(np.array(names, dtype=object).astype(str), return_inverse=True)
    pairs = np.unique(np.stack([column, province_of[row_of]]), axis=1) if len(column) else np.zeros((2, 0), np.int64)
    provinces = np.bincount(pairs[0], minlength=len(wanted))
    at = {int(t): k for k, t in enumerate(wanted.tolist())}
    return [Spread(int(reports[at[t]]), int(provinces[at[t]]), float(dp[at[t]])) for t in terms]


def _hits(matrix, rows: list[int], wanted: np.ndarray, own_only: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The entries of the wanted terms in the rows: which row (its place in ``rows``),
    which wanted term (its place in ``wanted``), how often."""
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    spans: list[tuple[int, slice]] = []
    size = 0
    for k, row in enumerate(rows):
        spans.append((k, matrix.entries(row)))
        size += spans[-1][1].stop - spans[-1][1].start
        if size >= TOTALS_BATCH or k == len(rows) - 1:
            found.append(_batch_hits(matrix, spans, wanted, own_only))
            spans, size = [], 0
    return tuple(np.concatenate(parts) for parts in zip(*found, strict=True))  # type: ignore[return-value]


def _batch_hits(matrix, spans: list[tuple[int, slice]], wanted: np.ndarray, own_only: bool):
    lengths = np.array([s.stop - s.start for _, s in spans], dtype=np.int64)
    picked = np.concatenate([np.arange(s.start, s.stop) for _, s in spans]) if spans else np.zeros(0, np.int64)
    owner = np.repeat(np.array([k for k, _ in spans], dtype=np.int64), lengths)
    indices = np.asarray(matrix.indices[picked], dtype=np.int64)
    hit = np.isin(indices, wanted)
    if own_only:
        hit &= np.asarray(matrix.own[picked], dtype=bool)
    counts = np.asarray(matrix.counts[picked][hit], dtype=np.float64)
    return owner[hit], np.searchsorted(wanted, indices[hit]), counts
