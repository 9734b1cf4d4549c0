"""How a phrase spread: its counts by year, province and city, built as data once
(the page, the JSON, the CSV panel and the command line only render a ``Trend``).

Each term runs as a search (the query language and filters of ``prepare``); its matching paragraphs
are counted per report with numpy, and a table (by year, by province, by province and year…) sums
reports by their metadata. An occurrence is a match of the term's exact run of characters, counted
from the positions in the index (``ArrayScorer.occurrences``); a query that is not one run of text
(an AND of several words, an OR, an English word matched by its stem) counts paragraphs instead, and
says so in ``unit``.

The denominators are the reports that the filters let through: a year without one is missing, not zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from whoosh import query as wq

from indexer import cities, places
from indexer.errors import QueryError
from indexer.query.compile import build_query
from indexer.query.phrase import ExactPhrase
from indexer.search import budget
from indexer.search.coverage import Coverage, coverage_by_place, report_column, reports_let_through
from indexer.search.facets import let_through
from indexer.search.first_use import first_uses, use_order
from indexer.search.keyness import per_10k
from indexer.search.prepare import SearchRequest, prepare
from indexer.search.scoring import ArrayScorer
from indexer.search.snapshot import Snapshot

MAX_TERMS = 5
MAX_TERM_LENGTH = 100  # characters: a trend follows a word or phrase, not a passage
GROUPS = ("province", "city", "year")  # what a table can be grouped by
OCCURRENCES, PARAGRAPHS = "occurrences", "paragraphs"
ONE, NONE = np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64)  # a report that uses the term, one that does not


def split_terms(values: list[str], most: int = MAX_TERMS, kind: str = "trend") -> list[str]:
    """The terms of ``q`` (``a|b`` or repeated ``q``): one to ``most``, each once
    (``kind`` names the errors' messages: ``trend_empty``, ``panel_too_many``…)."""
    terms = list(dict.fromkeys(t.strip() for v in values for t in v.split("|") if t.strip()))
    if not terms:
        raise QueryError(f"{kind}_empty")
    if len(terms) > most:
        raise QueryError(f"{kind}_too_many", most=most, count=len(terms))
    if too_long := [t for t in terms if len(t) > MAX_TERM_LENGTH]:
        raise QueryError("trend_term_too_long", most=MAX_TERM_LENGTH, length=len(too_long[0]))
    return terms


def parse_by(written: str) -> tuple[str, ...]:
    """``province,year`` → ("province", "year"); QueryError for anything else."""
    by = tuple(dict.fromkeys(p.strip() for p in written.split(",") if p.strip()))
    unknown = [p for p in by if p not in GROUPS]
    if unknown or not by:
        raise QueryError("trend_bad_by", choices=", ".join(GROUPS), value=written)
    return by


@dataclass
class Cell:
    """One row of a table: a group (e.g. province and year) and its counts; counts are
    None where the group has no indexed report (missing, not zero)."""

    key: dict
    occurrences: int | None
    paragraphs: int | None
    reports: int | None
    reports_indexed: int
    characters: int

    @property
    def per_10k(self) -> float | None:
        if self.occurrences is None or not self.characters:
            return None
        return round(float(per_10k(self.occurrences, self.characters)), 4)


@dataclass
class First:
    """Where a term first occurs in a place: the earliest year, then the first paragraph."""

    year: int
    doc_id: str
    paragraph: int


@dataclass
class TermTrend:
    term: str
    interpreted: str
    unit: str  # OCCURRENCES or PARAGRAPHS
    occurrences: np.ndarray  # per report code
    paragraphs: np.ndarray  # per report code
    first_docnums: np.ndarray  # its matching paragraphs, earliest year first (then index order)


@dataclass
class Trend:
    query: str
    terms: list[TermTrend]
    snap: Snapshot
    indexed: np.ndarray  # per report code: let through by the filters
    filters: dict[str, list[str]] = field(default_factory=dict)
    _values: dict[str, np.ndarray] = field(default_factory=dict, repr=False)  # report_column by facet
    _firsts: dict[tuple[int, str], dict] = field(default_factory=dict, repr=False)  # (term index, by) → firsts
    _tables: dict[tuple[int, tuple], list] = field(default_factory=dict, repr=False)  # (term index, by) → cells
    _coverage: dict[str, dict] = field(default_factory=dict, repr=False)  # by → coverage

    @cached_property
    def report_years(self) -> np.ndarray:
        return report_column(self.snap, "year", missing=0).astype(np.int64)

    @cached_property
    def characters(self) -> np.ndarray:
        """Per report code: its paragraphs' characters."""
        return np.bincount(
            self.snap.doc_column.codes, weights=self.snap.characters, minlength=len(self.snap.doc_column.values)
        ).astype(np.int64)

    @cached_property
    def years(self) -> list[int]:
        """Every year from the first to the last with an indexed report."""
        known = self.report_years[self.indexed & (self.report_years > 0)]
        return list(range(int(known.min()), int(known.max()) + 1)) if len(known) else []

    def group_keys(self, name: str) -> np.ndarray:
        """Each report's year, province or city, by report code."""
        if name == "year":
            return self.report_years
        if name not in self._values:
            self._values[name] = report_column(self.snap, name)
        return self._values[name]

    def table(self, term: TermTrend, by: tuple[str, ...]) -> list[Cell]:
        """The term's counts per group of reports (every group with an indexed report;
        by year alone, every year in range, missing ones with None). Kept: the page,
        its JSON and its charts ask for the same tables."""
        key = (self._term_index(term), by)
        if key not in self._tables:
            self._tables[key] = self._table(term, by)
        return self._tables[key]

    def _term_index(self, term: TermTrend) -> int:
        return next(i for i, t in enumerate(self.terms) if t is term)

    def _table(self, term: TermTrend, by: tuple[str, ...]) -> list[Cell]:
        keys = list(zip(*(self.group_keys(name).tolist() for name in by), strict=True))
        sums: dict[tuple, list[int]] = {}
        for r in np.flatnonzero(self.indexed).tolist():
            row = sums.setdefault(keys[r], [0, 0, 0, 0, 0])
            row[0] += int(term.occurrences[r])
            row[1] += int(term.paragraphs[r])
            row[2] += int(term.paragraphs[r] > 0)
            row[3] += 1
            row[4] += int(self.characters[r])
        if by == ("year",):
            for year in self.years:
                sums.setdefault((year,), None)  # type: ignore[arg-type]
        cells = [_cell(dict(zip(by, key, strict=True)), counts) for key, counts in sums.items()]
        return sorted(cells, key=lambda c: tuple(_sort_key(c.key[name]) for name in by))

    def first_appearances(self, term: TermTrend, by: str) -> dict[object, First]:
        """For each province (or city): the earliest year the term occurs, and where
        (kept: the page asks for it several times)."""
        key = (self._term_index(term), by)
        if key not in self._firsts:
            self._firsts[key] = self._first_appearances(term, by)
        return self._firsts[key]

    def _first_appearances(self, term: TermTrend, by: str) -> dict[object, First]:
        """The first use of ``indexer.search.first_use``, each value of ``by`` a place
        made of the reports the filters let through."""
        codes = self.snap.doc_column.codes
        doc_ids = self.snap.doc_column.values
        places: dict[object, list[dict]] = {}
        for code in np.flatnonzero(self.indexed).tolist():
            value = self.group_keys(by)[code]
            if value is not None:
                places.setdefault(value, []).append(self.snap.documents[doc_ids[code]])
        code_of = {doc_id: code for code, doc_id in enumerate(doc_ids)}
        _, earliest = np.unique(codes[term.first_docnums], return_index=True)
        first_paragraph = dict(
            zip(codes[term.first_docnums[earliest]].tolist(), term.first_docnums[earliest].tolist(), strict=True)
        )
        found: dict[object, First] = {}
        for value, reports in places.items():
            reports.sort(key=use_order)
            used = (ONE if term.paragraphs[code_of[d["doc_id"]]] else NONE for d in reports)
            position = int(first_uses(used, 1)[0])
            if position >= 0:
                doc = reports[position]
                paragraph = self.snap.stored(first_paragraph[code_of[doc["doc_id"]]])["paragraph"]
                found[value] = First(int(doc.get("year") or 0), doc["doc_id"], int(paragraph))
        return dict(
            sorted(found.items(), key=lambda item: (use_order(self.snap.documents[item[1].doc_id]), _sort_key(item[0])))
        )

    def coverage(self, by: str) -> dict[object, Coverage]:
        """Each province's (or city's) years with a report the filters let through."""
        if by not in self._coverage:
            self._coverage[by] = coverage_by_place(self.group_keys(by), self.report_years, self.indexed)
        return self._coverage[by]

    def adoption(self, term: TermTrend) -> list[tuple[int, int]]:
        """By each year: how many provinces had used the term (national documents aside)."""
        firsts = [f.year for p, f in self.first_appearances(term, "province").items() if p != places.NATIONAL]
        return [(year, sum(y <= year for y in firsts)) for year in self.years]


def _cell(key: dict, counts: list[int] | None) -> Cell:
    if counts is None:
        return Cell(key, None, None, None, 0, 0)
    return Cell(key, counts[0], counts[1], counts[2], counts[3], counts[4])


def _sort_key(value: object) -> tuple:
    return (value is None, str(value) if not isinstance(value, int) else f"{value:06d}")


def english_label(name: str, value: object) -> str | None:
    """A province's or city's English name."""
    if value is None:
        return None
    if name == "province":
        province = places.by_short(str(value))
        return province.en if province else ("National" if value == places.NATIONAL else None)
    city = cities.by_short(str(value))
    return city.en if city else None


def build_trend(snap: Snapshot, terms: list[str], filters: dict[str, list[str]], literal: bool = False) -> Trend:
    """Every term's counts per report, and which reports the filters let through (OutOfTime: ``budget.each``)."""
    each = budget.each(terms, "terms_out_of_time", "terms")  # a trend without some terms would look whole
    counted = [_term_trend(snap, SearchRequest(term, filters, literal=literal)) for term in each]
    return Trend(
        " | ".join(terms),
        counted,
        snap,
        reports_let_through(snap, prepare(SearchRequest(terms[0], filters, literal=literal), snap).selections),
        filters,
    )


def _term_trend(snap: Snapshot, request: SearchRequest) -> TermTrend:
    prepared = prepare(request, snap)
    query = build_query(prepared.parsed)
    counted = _countable(query)
    docnums, per_paragraph = _matches(snap, query, counted, prepared.selections)
    reports = snap.doc_column.codes[docnums]
    size = len(snap.doc_column.values)
    years = report_column(snap, "year", missing=0).astype(np.int64)[reports]
    return TermTrend(
        term=request.q,
        interpreted=prepared.parsed.interpreted(),
        unit=PARAGRAPHS if counted is None else OCCURRENCES,
        occurrences=np.bincount(reports, weights=per_paragraph, minlength=size).astype(np.int64),
        paragraphs=np.bincount(reports, minlength=size).astype(np.int64),
        first_docnums=docnums[np.lexsort((docnums, years))],
    )


def _matches(snap: Snapshot, query: wq.Query, counted: wq.Term | ExactPhrase | None, selections: list):
    """The paragraphs the query matches and its filters let through, in docnum order, and what
    each counts: the exact run's occurrences, read once from its postings, which are also its
    matches (a scored search read them twice) — or 1 for a query that is not one run of text."""
    if counted is None:
        ids = np.sort(snap.scored(query)[0])
        per_paragraph = np.ones(len(ids))
    else:
        found = ArrayScorer(snap.searcher, snap.lengths).occurrences(counted)
        ids, per_paragraph = found.ids, found.scores
    keep = let_through(snap, ids, selections)
    return ids[keep], per_paragraph[keep]


def _countable(query: wq.Query) -> wq.Term | ExactPhrase | None:
    """The exact run of characters a one-text query requires, if that is what it is."""
    if isinstance(query, wq.AndMaybe):
        query = query.a
    if isinstance(query, ExactPhrase) or (isinstance(query, wq.Term) and query.fieldname == "exact"):
        return query
    return None
