"""What a node goes with in one selection and not in another (营商环境 in Guangdong and
in Guizhou): each side's collocates (``indexer.search.collocates``) side by side, and
which side a collocate prefers.

A side is a set of filters as typed in a query (``province:广东``), added to the
request's own. A collocate prefers the side where it takes the larger share of the
node's window words, when the difference is significant: log-likelihood (G², the
keyness of ``indexer.search.keyness``) of its window counts against the two sides'
window words ≥ 3.84 (p < 0.05); else it is shared.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from indexer.search.collocates import Collocate, CollocateRequest, Collocates, collocates
from indexer.search.compare import Side, side
from indexer.search.keyness import log_likelihood, log_ratio
from indexer.search.prepare import SearchRequest
from indexer.search.snapshot import Snapshot

PREFERS = 3.84  # G² for p < 0.05 with one degree of freedom
SIDE_ORDER = {"a": 0, "": 1, "b": 2}  # the table: A's collocates first, then the shared, then B's


@dataclass
class DifferenceRow:
    term: str
    a: Collocate | None  # None: never inside A's windows
    b: Collocate | None
    keyness: float  # G² of the window counts
    log_ratio: float  # log₂ of A's share over B's
    prefers: str  # "a", "b" or "" (shared)


@dataclass
class CollocateDifference:
    a: Side
    b: Side
    side_a: Collocates
    side_b: Collocates
    rows: list[DifferenceRow] = field(default_factory=list)


def difference(snap: Snapshot, request: CollocateRequest, written_a: str, written_b: str) -> CollocateDifference:
    """Both sides' collocates of the node; a collocate is listed when either side has it
    at least ``min_count`` times. QueryError when a side chooses nothing or the node
    occurs nowhere in it."""
    sides = side(snap, "a", written_a), side(snap, "b", written_b)
    a, b = (collocates(snap, _on_side(request, s)) for s in sides)
    found_a = {c.term: c for c in a.collocates}
    found_b = {c.term: c for c in b.collocates}
    terms = sorted(t for t in found_a.keys() | found_b.keys() if _most(found_a, found_b, t) >= request.min_count)
    counts_a = [found_a[t].frequency if t in found_a else 0 for t in terms]
    counts_b = [found_b[t].frequency if t in found_b else 0 for t in terms]
    keyness = log_likelihood(counts_a, counts_b, max(a.window_words, 1), max(b.window_words, 1))
    ratio = log_ratio(counts_a, counts_b, max(a.window_words, 1), max(b.window_words, 1))
    rows = [
        DifferenceRow(t, found_a.get(t), found_b.get(t), float(g), float(r), _prefers(float(g), float(r)))
        for t, g, r in zip(terms, keyness.tolist(), ratio.tolist(), strict=True)
    ]
    rows.sort(key=lambda row: (SIDE_ORDER[row.prefers], -row.keyness if row.prefers else -_total(row), row.term))
    a.collocates = [found_a[t] for t in terms if t in found_a]
    b.collocates = [found_b[t] for t in terms if t in found_b]
    return CollocateDifference(sides[0], sides[1], a, b, rows)


def _on_side(request: CollocateRequest, chosen: Side) -> CollocateRequest:
    """The request with the side's filters added, every collocate kept (the other side
    may have it often enough)."""
    filters = {name: list(values) for name, values in request.search.filters.items()}
    for selection in chosen.selections:
        filters.setdefault(selection.facet, []).append(selection.written)
    search = SearchRequest(request.search.q, filters, literal=request.search.literal)
    return replace(request, search=search, min_count=1)


def _most(found_a: dict[str, Collocate], found_b: dict[str, Collocate], term: str) -> int:
    return max(found_a[term].frequency if term in found_a else 0, found_b[term].frequency if term in found_b else 0)


def _total(row: DifferenceRow) -> int:
    return sum(c.frequency for c in (row.a, row.b) if c)


def _prefers(keyness: float, ratio: float) -> str:
    if keyness < PREFERS:
        return ""
    return "a" if ratio > 0 else "b"
