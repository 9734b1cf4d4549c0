"""New and vanished expressions (新提法): what a report says that the same place's
earlier reports never said (it is their first use: ``indexer.search.first_use``), and
what the previous report said that this one drops. A year's new vocabulary is in
``indexer.search.novelty_year``.

Built on the generation's expression counts (``indexer.index.expression_matrix``), which
count every occurrence as the phrase search finds it: a "new" expression occurs in
none of the compared reports, not only as a different jieba word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from indexer.analysis import normalize
from indexer.errors import QueryError, read_number
from indexer.index.expression_matrix import ExpressionCounts
from indexer.search import budget
from indexer.search.first_use import first_uses, news, same_place, use_order
from indexer.search.keyness import log_likelihood, log_ratio
from indexer.search.novelty_pieces import Candidate, term_automaton, without_fragments, without_pieces
from indexer.search.snapshot import Snapshot
from indexer.search.spread import Spread, spreads

DEFAULT_COMPARE = 3
MAX_COMPARE = 50
ALL = "all"
WORK_REPORT = "work-report"


class UnknownReport(LookupError):
    """No report has this doc_id."""


@dataclass
class NewTerm:
    term: str
    count: int  # in this report
    keyness: float  # log-likelihood against every report of earlier years (any place)
    log_ratio: float  # its effect size: log₂ of its rate here over its rate there
    first_anywhere: bool  # no report of an earlier year has it
    paragraphs: list[int] = field(default_factory=list)  # where it occurs in this report
    before: Spread = field(default_factory=lambda: Spread(0, 0, 0.0))  # over every report of earlier years
    taken_up: Spread = field(default_factory=lambda: Spread(0, 0, 0.0))  # by the year's and later reports


@dataclass
class DroppedTerm:
    term: str
    count_before: int  # in the previous report
    keyness: float  # of the previous report against every report of the years before it
    log_ratio: float
    paragraphs_before: list[int] = field(default_factory=list)  # where it occurred in the previous report


@dataclass
class NewTerms:
    doc: dict
    compare: int | None  # how many earlier reports were asked for (None: all)
    compared_with: list[dict]  # the earlier reports, newest first
    new: list[NewTerm]
    dropped: list[DroppedTerm]


def read_compare(text: str | None) -> int | None:
    """The ``compare`` parameter: a number of earlier reports (1–50), or ``all`` (None)."""
    if text is not None and text.strip().lower() == ALL:
        return None
    return read_number("compare", text, DEFAULT_COMPARE, MAX_COMPARE, code="number_range_or_all")


def earlier_reports(snap: Snapshot, doc: dict, compare: int | None) -> list[dict]:
    """The same place's reports of the same type and language before this one in use
    order (``indexer.search.first_use``), newest first."""
    earlier = [d for d in snap.documents.values() if same_place(doc, d) and use_order(d) < use_order(doc)]
    earlier.sort(key=use_order, reverse=True)
    return earlier if compare is None else earlier[:compare]


def new_terms(snap: Snapshot, doc_id: str, compare: int | None = DEFAULT_COMPARE) -> NewTerms:
    """The report's new expressions against its place's ``compare`` earlier reports
    (None: all of them), and those the previous report used that it drops. OutOfTime
    when the request's budget runs out between its steps."""
    doc = snap.documents.get(doc_id)
    if doc is None:
        raise UnknownReport(doc_id)
    if (doc.get("lang") or "zh") != "zh":
        raise QueryError("english_report")
    matrix = snap.expressions
    earlier = earlier_reports(snap, doc, compare)
    row = matrix.row(doc_id)
    rows = matrix.rows(d["doc_id"] for d in earlier)
    if row is None or not rows:
        return NewTerms(doc, compare, earlier, [], [])
    previous = earlier[0]
    reference = reference_before(snap, matrix, doc.get("year"))
    new = ranked(matrix, row, first_used_here(matrix, [*reversed(rows), row]), reference)
    new = without_pieces(matrix, row, new, report_text(snap, doc_id))
    budget.check("new_terms_out_of_time")
    before = spreads(snap, reference.rows, [c.id for c in new])
    budget.check("new_terms_out_of_time")
    taken_up = spreads(snap, later_reports(snap, doc), [c.id for c in new], own_only=True)
    gone = _own(matrix, rows[0])
    gone = gone[matrix.totals([row])[gone] == 0]
    dropped = ranked(matrix, rows[0], gone, reference_before(snap, matrix, previous.get("year")))
    budget.check("new_terms_out_of_time")
    _add_paragraphs(snap, doc_id, new)
    _add_paragraphs(snap, previous["doc_id"], dropped)
    return NewTerms(
        doc,
        compare,
        earlier,
        [
            NewTerm(c.term, c.count, c.keyness, c.ratio, c.first_anywhere, c.paragraphs, s, u)
            for c, s, u in zip(new, before, taken_up, strict=True)
        ],
        [DroppedTerm(c.term, c.count, c.keyness, c.ratio, c.paragraphs) for c in dropped],
    )


def later_reports(snap: Snapshot, doc: dict) -> list[int]:
    """The rows of every other report (any place) of the report's year or later: those
    that can take up its new expressions. Ranking by that uptake was measured and left
    out: it lifts what many places repeat (地方债务, 全国先进) over a place's own coinages
    (智赋百景, 小县大城); it is shown beside the keyness instead."""
    year = doc.get("year") or 0
    return snap.expressions.rows(
        d["doc_id"] for d in snap.documents.values() if (d.get("year") or 0) >= year and d["doc_id"] != doc["doc_id"]
    )


@dataclass
class Reference:
    """What every place said before a year: the expressions' counts and the size, against
    which a new expression's keyness is measured."""

    counts: np.ndarray
    characters: int
    rows: list[int]  # the reports' rows in the expression counts


def reference_before(snap: Snapshot, matrix: ExpressionCounts, year: int | None) -> Reference:
    """What every report of the years before ``year`` said: a sum over most of the corpus,
    kept by the snapshot for the next report of that year (``Snapshot.references``)."""

    def compute() -> tuple[np.ndarray, ...]:
        earlier = matrix.rows(d["doc_id"] for d in snap.documents.values() if (d.get("year") or 0) < (year or 0))
        counts = matrix.totals(earlier)
        counts.flags.writeable = False  # shared by the requests of the year
        return counts, np.array(int(matrix.characters[earlier].sum()) if earlier else 0), np.array(earlier, np.int64)

    counts, characters, rows = snap.references.get(year or 0, compute)
    return Reference(counts, int(characters), rows.tolist())


def first_used_here(matrix: ExpressionCounts, rows: list[int]) -> np.ndarray:
    """The own expressions of the last of ``rows`` (a place's reports in use order) that
    it is the first to use (``first_uses``)."""
    used = first_uses((matrix.indices[matrix.entries(r)] for r in rows), len(matrix.terms))
    own = news(matrix.terms, _own(matrix, rows[-1]))
    return own[used[own] == len(rows) - 1]


def _own(matrix: ExpressionCounts, row: int) -> np.ndarray:
    here = matrix.entries(row)
    return matrix.indices[here][matrix.own[here]]


def ranked(matrix: ExpressionCounts, row: int, ids: np.ndarray, reference: Reference) -> list[Candidate]:
    """Some expressions of a row, most key first, without those that only ever occur
    inside a longer one of them.

    Absent from the compared reports is what makes an expression new; its keyness
    (against everything said anywhere before) is what ranks it: 是指 is new to a
    place now and then, 新质生产力 is new to everyone."""
    here = matrix.entries(row)
    counts = matrix.counts[here][np.searchsorted(matrix.indices[here], ids)]
    before = reference.counts[ids]
    size = matrix.characters[row]
    keyness = log_likelihood(counts, before, size, max(reference.characters, 1))
    ratio = log_ratio(counts, before, size, max(reference.characters, 1))
    columns = (ids, matrix.terms[ids], counts, keyness, ratio, before == 0)
    found = [Candidate(*values) for values in zip(*(c.tolist() for c in columns), strict=True)]
    found.sort(key=lambda c: (-c.keyness, -c.count, c.term))
    return without_fragments(found, matrix.spread, matrix.occurrences)


def _add_paragraphs(snap: Snapshot, doc_id: str, found: list[Candidate]) -> None:
    """Where each expression occurs in the report (paragraph numbers)."""
    where = paragraphs_with(snap, doc_id, {c.term for c in found})
    for candidate in found:
        candidate.paragraphs = where.get(candidate.term, [])


def report_text(snap: Snapshot, doc_id: str) -> str:
    """A report's paragraphs, normalised as the expressions were counted, one a line."""
    return "\n".join(normalize(text).text for _, text in snap.report_texts(doc_id))


def paragraphs_with(snap: Snapshot, doc_id: str, terms: set[str]) -> dict[str, list[int]]:
    """The paragraphs of a report each term occurs in, in order: one Aho–Corasick pass
    over the report's paragraphs."""
    if not terms:
        return {}
    automaton = term_automaton(terms)
    where: dict[str, list[int]] = {}
    for number, text in snap.report_texts(doc_id):
        for term in {t for _, t in automaton.iter(normalize(text).text)}:
            where.setdefault(term, []).append(number)
    return {term: sorted(numbers) for term, numbers in where.items()}
