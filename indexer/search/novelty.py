"""New and vanished expressions (新提法): what a report says that the same place's
earlier reports never said, and what the previous report said that this one drops;
and, for a year, the expressions many provinces used for the first time.

Built on the generation's expression counts (``indexer.index.expressions``), which
count every occurrence as the phrase search finds it: a "new" expression occurs in
none of the compared reports, not only as a different jieba word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ahocorasick
import numpy as np

from indexer.analysis import normalize
from indexer.errors import QueryError, read_number
from indexer.index.expressions import ExpressionCounts
from indexer.search.keyness import log_likelihood, log_ratio
from indexer.search.snapshot import Snapshot

DEFAULT_COMPARE = 3
MAX_COMPARE = 50
ALL = "all"
WORK_REPORT = "work-report"
MIN_PROVINCES = 2  # a year's new vocabulary: new in at least this many provinces


def is_provincial_work_report(doc: dict) -> bool:
    """A province's work report in Chinese: what a year's new vocabulary compares."""
    return doc.get("level") == "provincial" and doc.get("doc_type") == WORK_REPORT and (doc.get("lang") or "zh") == "zh"


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
    """The same place's reports of the same type and language from earlier years, newest first."""

    def same_series(other: dict) -> bool:
        return all(other.get(k) == doc.get(k) for k in ("province", "city", "level", "doc_type", "lang"))

    earlier = [d for d in snap.documents.values() if same_series(d) and (d.get("year") or 0) < (doc.get("year") or 0)]
    earlier.sort(key=lambda d: (-(d.get("year") or 0), d["doc_id"]))
    return earlier if compare is None else earlier[:compare]


def new_terms(snap: Snapshot, doc_id: str, compare: int | None = DEFAULT_COMPARE) -> NewTerms:
    """The report's new expressions against its place's ``compare`` earlier reports
    (None: all of them), and those the previous report used that it drops."""
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
    new = _new(matrix, row, rows, _reference(snap, matrix, doc.get("year")))
    dropped = _new(matrix, rows[0], [row], _reference(snap, matrix, previous.get("year")))
    _add_paragraphs(snap, doc_id, new)
    _add_paragraphs(snap, previous["doc_id"], dropped)
    return NewTerms(
        doc,
        compare,
        earlier,
        [NewTerm(c.term, c.count, c.keyness, c.ratio, c.first_anywhere, c.paragraphs) for c in new],
        [DroppedTerm(c.term, c.count, c.keyness, c.ratio, c.paragraphs) for c in dropped],
    )


@dataclass
class _Reference:
    """What every place said before a year: the expressions' counts and the size, against
    which a new expression's keyness is measured."""

    counts: np.ndarray
    characters: int


def _reference(snap: Snapshot, matrix: ExpressionCounts, year: int | None) -> _Reference:
    earlier = matrix.rows(d["doc_id"] for d in snap.documents.values() if (d.get("year") or 0) < (year or 0))
    return _Reference(matrix.totals(earlier), int(matrix.characters[earlier].sum()) if earlier else 0)


@dataclass
class _Candidate:
    id: int  # the term's column in the expression counts
    term: str
    count: int
    keyness: float
    ratio: float
    first_anywhere: bool
    paragraphs: list[int] = field(default_factory=list)


def _new(matrix: ExpressionCounts, row: int, others: list[int], reference: _Reference) -> list[_Candidate]:
    """The row's own expressions that occur in none of the other rows, most key first,
    without those that only ever occur inside a longer new one.

    Absent from the compared reports is what makes an expression new; its keyness
    (against everything said anywhere before) is what ranks it: 是指 is new to a
    place now and then, 新质生产力 is new to everyone."""
    here = matrix.entries(row)
    own = matrix.indices[here][matrix.own[here]]
    counts = matrix.counts[here][matrix.own[here]]
    absent = matrix.totals(others)[own] == 0
    own, counts = own[absent], counts[absent]
    before = reference.counts[own]
    size = matrix.characters[row]
    keyness = log_likelihood(counts, before, size, max(reference.characters, 1))
    ratio = log_ratio(counts, before, size, max(reference.characters, 1))
    found = [
        _Candidate(t, str(matrix.terms[t]), int(n), float(k), float(r), bool(b == 0))
        for t, n, k, r, b in zip(
            own.tolist(), counts.tolist(), keyness.tolist(), ratio.tolist(), before.tolist(), strict=True
        )
    ]
    found.sort(key=lambda c: (-c.keyness, -c.count, c.term))
    return _without_fragments(found)


def _without_fragments(found: list[_Candidate]) -> list[_Candidate]:
    """Drop an expression that occurs exactly as often as a longer new one containing
    it (一体化 when it only ever appears in 长三角一体化). The kept expressions' substrings
    are kept by count, so each candidate is one look-up (a report with 3,000 new
    expressions made 2.4 million substring tests pairwise)."""
    inside: dict[int, set[str]] = {}  # count → every substring of a kept expression with that count
    chosen: set[int] = set()
    for candidate in sorted(found, key=lambda c: -len(c.term)):
        if candidate.term not in inside.get(candidate.count, ()):
            chosen.add(id(candidate))
            inside.setdefault(candidate.count, set()).update(_substrings(candidate.term))
    return [c for c in found if id(c) in chosen]


def _substrings(term: str) -> set[str]:
    return {term[i:j] for i in range(len(term)) for j in range(i + 1, len(term) + 1)}


def _add_paragraphs(snap: Snapshot, doc_id: str, found: list[_Candidate]) -> None:
    """Where each expression occurs in the report (paragraph numbers): one pass of an
    Aho–Corasick automaton over each paragraph, not a test per expression."""
    if not found:
        return
    automaton = ahocorasick.Automaton()
    for k, candidate in enumerate(found):
        automaton.add_word(candidate.term, k)
    automaton.make_automaton()
    for fields in snap.paragraphs(doc_id):
        text = normalize(fields.get("text") or "").text
        for k in sorted({k for _, k in automaton.iter(text)}):
            found[k].paragraphs.append(fields["paragraph"])


# ---------------------------------------------------------------- a year's new vocabulary


@dataclass
class YearTerm:
    term: str
    reports: list[dict]  # the provinces' reports that use it for the first time this year
    count: int  # its occurrences in them
    first_anywhere: bool  # no report of any place or type before this year has it


@dataclass
class YearNews:
    year: int
    reports: list[dict]  # the year's provincial work reports that had earlier ones to compare with
    without_earlier: list[dict]  # those that had none (their place's first report in the index)
    terms: list[YearTerm]


def year_news(snap: Snapshot, year: int, min_provinces: int = MIN_PROVINCES) -> YearNews:
    """The expressions that at least ``min_provinces`` provinces' work reports of
    ``year`` use for the first time (against every earlier report of the province)."""
    matrix = snap.expressions
    reports = sorted(
        (d for d in snap.documents.values() if d.get("year") == year and is_provincial_work_report(d)),
        key=lambda d: d.get("province") or "",
    )
    adopters: dict[int, list[tuple[dict, int]]] = {}
    compared, alone = [], []
    reference = _reference(snap, matrix, year)
    for doc in reports:
        row = matrix.row(doc["doc_id"])
        rows = matrix.rows(d["doc_id"] for d in earlier_reports(snap, doc, None))
        if row is None or not rows:
            alone.append(doc)
            continue
        compared.append(doc)
        for candidate in _new(matrix, row, rows, reference):
            adopters.setdefault(candidate.id, []).append((doc, candidate.count))
    terms = [
        YearTerm(str(matrix.terms[t]), [d for d, _ in users], sum(n for _, n in users), bool(reference.counts[t] == 0))
        for t, users in adopters.items()
        if len(users) >= min_provinces
    ]
    terms.sort(key=lambda y: (-len(y.reports), -y.count, y.term))
    return YearNews(year, compared, alone, terms)
