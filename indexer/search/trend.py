"""How a phrase spread: for each of up to five terms, its occurrences year by year
and province by province, where each province first wrote it, and how many
provinces had written it by each year — as data, for the page, the API, the CSV
panel and the command line.

An occurrence is a match of the term's exact run of characters, as the phrase
search defines it, counted from the positions in the index (for an unquoted
English word: its stem). A query that is not one such run (several words, a lone
character, an OR) counts the paragraphs that match it instead, and says so in
``unit``. Rates are per 10,000 characters of the reports indexed for that year
(or province) under the same filters, so that years with more or longer reports
do not look bigger; a year without any indexed report is missing, not zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from indexer.errors import QueryError
from indexer.facets import FACETS
from indexer.places import NATIONAL
from indexer.query.compile import build_query, required_query
from indexer.query.prepare import SearchRequest, prepare
from indexer.query.syntax import Selection, Text
from indexer.search.facets import filter_masks
from indexer.search.scoring import NotVectorised
from indexer.search.snapshot import Snapshot

MAX_TERMS = 5
MAX_TERM_LENGTH = 100
OCCURRENCES, PARAGRAPHS = "occurrences", "paragraphs"


@dataclass
class Counts:
    occurrences: int = 0
    paragraphs: int = 0
    reports: int = 0
    reports_indexed: int = 0
    characters: int = 0

    @property
    def per_10k(self) -> float | None:
        return round(self.occurrences * 10_000 / self.characters, 3) if self.characters else None


@dataclass
class YearRow:
    year: int
    counts: Counts | None  # None: no report indexed that year (under the filters)


@dataclass
class PlaceRow:
    province: str
    counts: Counts
    first_year: int | None = None
    first: tuple[str, int] | None = None  # (doc_id, paragraph) of the first occurrence


@dataclass
class TermTrend:
    term: str
    unit: str  # OCCURRENCES or PARAGRAPHS: what ``occurrences`` counts
    years: list[YearRow]
    provinces: list[PlaceRow]  # most occurrences first
    cells: dict[tuple[str, int], Counts]  # (province, year) → counts: the heat map and the panel
    adoption: list[tuple[int, int]]  # (year, provincial units that had used the term by then)


@dataclass
class Trend:
    query: str
    terms: list[TermTrend]
    selections: list[Selection] = field(default_factory=list)


def split_terms(q: str) -> list[str]:
    """The terms of ``a|b|c``; QueryError when there are none, too many or one too long."""
    terms = [t.strip() for t in q.split("|") if t.strip()]
    if not terms:
        raise QueryError("Type a term to follow over the years, or several separated by |.")
    if len(terms) > MAX_TERMS:
        raise QueryError(f"At most {MAX_TERMS} terms at once (separate them with |); {len(terms)} were given.")
    if too_long := [t for t in terms if len(t) > MAX_TERM_LENGTH]:
        raise QueryError(f"A term can be at most {MAX_TERM_LENGTH} characters; {too_long[0][:20]}… is longer.")
    return terms


def trend(snap: Snapshot, q: str, filters: dict[str, list[str]], literal: bool = False) -> Trend:
    """The trend of every term of ``q`` under the same filters."""
    terms = split_terms(q)
    prepared = [prepare(SearchRequest(term, filters, literal=literal), snap) for term in terms]
    return Trend(q, [_term_trend(snap, p) for p in prepared], prepared[0].selections)


def _reports_under(snap: Snapshot, selections: list[Selection]) -> list[dict]:
    """The indexed reports the filters let through: the denominators."""
    chosen = [(f, [s.value for s in selections if s.facet == f.name]) for f in FACETS]
    chosen = [(f, values) for f, values in chosen if values]
    return [
        doc
        for doc in snap.documents.values()
        if all(any(f.selects(v, doc.get(f.name)) for v in values) for f, values in chosen)
    ]


def _term_trend(snap: Snapshot, prepared) -> TermTrend:
    under = _reports_under(snap, prepared.selections)
    docnums, counts, unit = _matches(snap, prepared)
    per_report = _per_report(snap, docnums, counts)
    return TermTrend(
        prepared.request.q,
        unit,
        _years(under, per_report),
        _provinces(snap, under, per_report, docnums),
        _cells(under, per_report),
        _adoption(under, per_report),
    )


def _matches(snap: Snapshot, prepared) -> tuple[np.ndarray, np.ndarray, str]:
    """The matching paragraphs (after every filter) and what each counts."""
    root = prepared.parsed.root
    matched, _ = snap.scored(build_query(prepared.parsed))
    masks = filter_masks(snap, matched, prepared.selections)
    keep = np.ones(len(matched), dtype=bool)
    for mask in masks.values():
        keep &= mask
    docnums = np.sort(matched[keep])
    if isinstance(root, Text):
        try:
            counted = snap.scorer.occurrences(required_query(root))
        except NotVectorised:
            counted = None
        if counted is not None:
            where = np.searchsorted(counted.ids, docnums)
            return docnums, counted.scores[where].astype(np.int64), OCCURRENCES
    return docnums, np.ones(len(docnums), dtype=np.int64), PARAGRAPHS


def _per_report(snap: Snapshot, docnums: np.ndarray, counts: np.ndarray) -> dict[str, tuple[int, int]]:
    """doc_id → (occurrences, paragraphs) of the reports the term is in."""
    codes = snap.doc_column.codes[docnums]
    size = len(snap.doc_column.values)
    occurrences = np.bincount(codes, weights=counts, minlength=size)
    paragraphs = np.bincount(codes, minlength=size)
    return {
        snap.doc_column.values[code]: (int(occurrences[code]), int(paragraphs[code]))
        for code in np.flatnonzero(paragraphs)
    }


def _add(counts: Counts, doc: dict, found: tuple[int, int] | None) -> None:
    counts.reports_indexed += 1
    counts.characters += doc.get("characters") or 0
    if found:
        counts.occurrences += found[0]
        counts.paragraphs += found[1]
        counts.reports += 1


def _years(reports: list[dict], per_report: dict) -> list[YearRow]:
    by_year: dict[int, Counts] = {}
    for doc in reports:
        if doc.get("year"):
            _add(by_year.setdefault(doc["year"], Counts()), doc, per_report.get(doc["doc_id"]))
    if not by_year:
        return []
    return [YearRow(year, by_year.get(year)) for year in range(min(by_year), max(by_year) + 1)]


def _provinces(snap: Snapshot, reports: list[dict], per_report: dict, docnums: np.ndarray) -> list[PlaceRow]:
    rows: dict[str, PlaceRow] = {}
    firsts: dict[str, tuple] = {}  # province → (year, date, doc_id) of its first report with the term
    for doc in reports:
        if not doc.get("province"):
            continue
        row = rows.setdefault(doc["province"], PlaceRow(doc["province"], Counts()))
        found = per_report.get(doc["doc_id"])
        _add(row.counts, doc, found)
        if found and doc.get("year"):
            key = (doc["year"], doc.get("date") or "", doc["doc_id"])
            firsts[doc["province"]] = min(firsts.get(doc["province"], key), key)
    for province, (year, _, doc_id) in firsts.items():
        rows[province].first_year = year
        rows[province].first = (doc_id, _first_paragraph(snap, doc_id, docnums))
    return sorted(rows.values(), key=lambda r: (-r.counts.occurrences, -(r.counts.per_10k or 0), r.province))


def _first_paragraph(snap: Snapshot, doc_id: str, docnums: np.ndarray) -> int:
    """The report's first matching paragraph (a report's paragraphs may be spread over
    the segments that a build's processes write, so docnums are not in paragraph order)."""
    code = snap.doc_column.values.index(doc_id)
    return min(int(snap.stored(int(d))["paragraph"]) for d in docnums[snap.doc_column.codes[docnums] == code])


def _cells(reports: list[dict], per_report: dict) -> dict[tuple[str, int], Counts]:
    cells: dict[tuple[str, int], Counts] = {}
    for doc in reports:
        if doc.get("province") and doc.get("year"):
            _add(cells.setdefault((doc["province"], doc["year"]), Counts()), doc, per_report.get(doc["doc_id"]))
    return cells


def _adoption(reports: list[dict], per_report: dict) -> list[tuple[int, int]]:
    years = sorted({d["year"] for d in reports if d.get("year")})
    first: dict[str, int] = {}
    for doc in reports:
        if doc["doc_id"] in per_report and doc.get("year") and doc.get("province") not in (None, NATIONAL):
            first[doc["province"]] = min(first.get(doc["province"], doc["year"]), doc["year"])
    return [(year, sum(y <= year for y in first.values())) for year in years]
