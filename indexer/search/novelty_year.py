"""A year's new vocabulary: the expressions that places used for the first time in their
work reports of a year — the nation, the provinces or the cities, one level at a time.

First use is the one definition of ``indexer.search.first_use``: a place's first report,
in use order, in which the expression occurs at all. An expression is listed for a
report when that report is the first and the expression is one of its own (a unit of
the report, not a piece of a longer word), in at least ``min_places`` places.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from indexer.errors import QueryError
from indexer.index.expression_matrix import ExpressionCounts
from indexer.search import budget
from indexer.search.first_use import PLACE_KEYS, use_order
from indexer.search.novelty import WORK_REPORT, first_used_here, paragraphs_with, ranked, reference_before
from indexer.search.novelty_pieces import term_automaton
from indexer.search.snapshot import Snapshot

LEVELS = ("national", "provincial", "city")
DEFAULT_LEVEL = "provincial"
MIN_PLACES = {"national": 1, "provincial": 2, "city": 2}  # the nation is one place


def is_work_report(doc: dict) -> bool:
    """A work report in Chinese of the nation, a province or a city."""
    return doc.get("doc_type") == WORK_REPORT and (doc.get("lang") or "zh") == "zh" and doc.get("level") in LEVELS


def read_level(text: str | None) -> str:
    """The ``level`` parameter: national, provincial (default) or city."""
    level = (text or DEFAULT_LEVEL).strip().lower()
    if level not in LEVELS:
        raise QueryError("unknown_level", choices=", ".join(LEVELS), value=text)
    return level


@dataclass
class Adopter:
    doc: dict  # the place's report of the year, its first to use the expression
    count: int  # the expression's occurrences in it
    paragraph: int | None = None  # where it first occurs


@dataclass
class YearTerm:
    term: str
    adopters: list[Adopter]
    count: int  # its occurrences in them
    first_anywhere: bool  # no report of any place or type before this year has it

    @property
    def reports(self) -> list[dict]:
        return [a.doc for a in self.adopters]


@dataclass
class YearNews:
    year: int
    level: str
    reports: list[dict]  # the year's work reports of the level that had earlier ones to compare with
    without_earlier: list[dict]  # those that had none (their place's first report in the index)
    terms: list[YearTerm]
    min_places: int  # the fewest places that first used a listed expression
    levels: dict[str, int] = field(default_factory=dict)  # every level: its work reports of the year


def year_news(snap: Snapshot, year: int, level: str = DEFAULT_LEVEL, min_places: int | None = None) -> YearNews:
    """The expressions that at least ``min_places`` places of ``level`` first used in
    their work reports of ``year``, most places first; OutOfTime when the request's
    budget runs out before the last report (a count of places from some of them would
    look complete)."""
    matrix = snap.expressions
    reference = reference_before(snap, matrix, year)
    least = MIN_PLACES[level] if min_places is None else min_places
    compared, alone, firsts = [], [], []
    for doc, rows in budget.each(_year_reports(snap, year, level), "year_news_out_of_time", "reports", year=year):
        if len(rows) < 2 or matrix.row(doc["doc_id"]) is None:
            alone.append(doc)
            continue
        compared.append(doc)
        firsts.append((doc, rows, first_used_here(matrix, rows)))
    bearing = _bearing_on_the_list(matrix, [ids for _, _, ids in firsts], least)
    adopters: dict[int, list[Adopter]] = defaultdict(list)
    for doc, rows, ids in budget.each(firsts, "year_news_out_of_time", "reports", year=year):
        for candidate in ranked(matrix, rows[-1], bearing(ids), reference):
            adopters[candidate.id].append(Adopter(doc, candidate.count))
    terms = [
        YearTerm(str(matrix.terms[t]), users, sum(a.count for a in users), bool(reference.counts[t] == 0))
        for t, users in adopters.items()
        if len(users) >= least
    ]
    terms.sort(key=lambda y: (-len(y.adopters), -y.count, y.term))
    for term in terms:
        term.adopters.sort(key=lambda a: (a.doc.get("province") or "", a.doc.get("city") or "", a.doc["doc_id"]))
    by_name = lambda d: (d.get("province") or "", d.get("city") or "")  # noqa: E731
    return YearNews(
        year, level, sorted(compared, key=by_name), sorted(alone, key=by_name), terms, least, _levels(snap, year)
    )


def _bearing_on_the_list(
    matrix: ExpressionCounts, firsts: list[np.ndarray], least: int
) -> Callable[[np.ndarray], np.ndarray]:
    """Of a report's first-used expressions, those that bear on the year's list: the ones
    that at least ``least`` of the year's reports use first (no other can be listed), and
    every longer one of the report that contains one of them (it may make it a fragment
    there: ``without_fragments``, which decides a term by the longer ones alone). A
    report's list keeps, of these, what it keeps with all its expressions; ranking the
    thousands of others (most of the year view's time) changed nothing."""
    ids, counts = np.unique(np.concatenate(firsts), return_counts=True) if firsts else (np.zeros(0, np.int64),) * 2
    wanted = ids[counts >= least]
    if not len(wanted):
        return lambda first: wanted
    automaton = term_automaton({str(t) for t in matrix.terms[wanted]})

    def bearing(first: np.ndarray) -> np.ndarray:
        listed = np.isin(first, wanted)
        here = {str(t) for t in matrix.terms[first[listed]]}
        others = first[~listed]
        holds = [any(p in here for _, p in automaton.iter(str(term))) for term in matrix.terms[others]]
        return np.union1d(first[listed], others[np.array(holds, dtype=bool)])

    return bearing


def _year_reports(snap: Snapshot, year: int, level: str) -> list[tuple[dict, list[int]]]:
    """Each work report of the year and level, with the expression rows of its place's
    reports up to it, in use order."""
    places: dict[tuple, list[dict]] = defaultdict(list)
    for doc in snap.documents.values():
        if is_work_report(doc) and (doc.get("year") or 0) <= year:
            places[tuple(doc.get(k) for k in PLACE_KEYS)].append(doc)
    found = []
    for series in places.values():
        series.sort(key=use_order)
        for position, doc in enumerate(series):
            if doc.get("year") == year and doc.get("level") == level:
                found.append((doc, snap.expressions.rows(d["doc_id"] for d in series[: position + 1])))
    return found


def _levels(snap: Snapshot, year: int) -> dict[str, int]:
    found = [d.get("level") for d in snap.documents.values() if is_work_report(d) and d.get("year") == year]
    return {level: found.count(level) for level in LEVELS}


def add_paragraphs(snap: Snapshot, terms: list[YearTerm]) -> None:
    """Where each listed expression first occurs in each report (one pass per report);
    OutOfTime when the request's budget runs out before the last report."""
    wanted: dict[str, list[tuple[str, Adopter]]] = defaultdict(list)
    for term in terms:
        for adopter in term.adopters:
            wanted[adopter.doc["doc_id"]].append((term.term, adopter))
    for doc_id, adopters in budget.each(list(wanted.items()), "year_paragraphs_out_of_time", "reports"):
        where = paragraphs_with(snap, doc_id, {term for term, _ in adopters})
        for term, adopter in adopters:
            adopter.paragraph = where[term][0] if term in where else None
