"""Running a search: one function builds each result as data (paragraph hits for the
API, reports for the page, rows for the export); the JSON, CSV, text and HTML
renderers only render it.

A request is prepared once (``indexer.search.prepare``) and run in one scored pass
over the index; the filters and facet counts come from the snapshot's columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from indexer.messages import Message
from indexer.pinyin.reading import Reading
from indexer.query.compile import build_query
from indexer.query.tree import Selection
from indexer.search import budget
from indexer.search.facets import FacetValue, count_facets, filter_masks
from indexer.search.highlight import Snippet, match_spans, snippet
from indexer.search.prepare import PreparedQuery, SearchRequest, prepare
from indexer.search.snapshot import Snapshot

PARAGRAPHS_PER_REPORT = 3
MAX_EXPORT_ROWS = 10_000
EXPORT_CHUNK = 500  # rows an export reads between two looks at the clock


@dataclass
class Summary:
    """What every result says, whatever page of it is shown."""

    query: str
    interpreted_query: str
    notices: list[Message]  # how the query was read: codes with values (indexer.messages)
    total: int  # matching paragraphs
    total_documents: int  # the reports they are in
    page: int
    per_page: int
    readings: list[Reading]  # Latin words read as pinyin (or that could have been)
    facets: dict[str, list[FacetValue]]
    selections: list[Selection]  # every chosen filter value, and where it was chosen


@dataclass
class Hit:
    doc: dict  # the report's metadata
    paragraph: int
    section: list[str]
    snippet: Snippet
    score: float


@dataclass
class Report:
    doc: dict
    matches: int  # its matching paragraphs
    hits: list[Hit]  # the best of them


@dataclass
class HitPage:
    summary: Summary
    hits: list[Hit]


@dataclass
class ReportPage:
    summary: Summary
    reports: list[Report]
    pages: int
    sort: str


@dataclass
class Row:
    """A matching paragraph, whole, for the export."""

    doc: dict
    paragraph: int
    section: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class Matches:
    """A prepared query run against one snapshot: every matching paragraph, before paging."""

    prepared: PreparedQuery
    snap: Snapshot
    docnums: np.ndarray  # matching the query and every filter, best first
    scores: np.ndarray
    facets: dict[str, list[FacetValue]]  # empty unless asked for

    def summary(self) -> Summary:
        request = self.prepared.request
        return Summary(
            query=request.q,
            interpreted_query=self.prepared.parsed.interpreted(),
            notices=self.prepared.parsed.notices,
            total=len(self.docnums),
            total_documents=len(self.snap.reports_of(self.docnums)),
            page=request.page,
            per_page=request.per_page,
            readings=self.prepared.readings,
            facets=self.facets,
            selections=self.prepared.selections,
        )

    def hit(self, index: int) -> Hit:
        """The index-th best paragraph, with its snippet."""
        fields = self.snap.stored(int(self.docnums[index]))
        doc = self.snap.documents[fields["doc_id"]]
        spans = match_spans(fields["text"], self.prepared.targets)
        window = snippet(fields["text"], spans, doc.get("lang") or "zh")
        score = round(float(self.scores[index]), 4)
        return Hit(doc, fields["paragraph"], fields.get("section") or [], window, score)


def find(snap: Snapshot, request: SearchRequest, facets: bool = True) -> Matches:
    """Prepare and run a request: every paragraph it matches, and the facets — counted
    only when asked for (``facets``): of the callers, only the search pages show them,
    and counting them is a pass over every paragraph the query matches, per facet."""
    prepared = prepare(request, snap)
    matched, scores = snap.scored(build_query(prepared.parsed))
    masks = filter_masks(snap, matched, prepared.selections)
    selected = np.ones(len(matched), dtype=bool)
    for mask in masks.values():
        selected &= mask
    counts = count_facets(snap, matched, masks, prepared.selections) if facets else {}
    order = np.argsort(-scores[selected], kind="stable")
    return Matches(prepared, snap, matched[selected][order], scores[selected][order], counts)


def search(snap: Snapshot, request: SearchRequest) -> HitPage:
    """One page of matching paragraphs, best first."""
    found = find(snap, request)
    start = (request.page - 1) * request.per_page
    end = min(start + request.per_page, len(found.docnums))
    return HitPage(found.summary(), [found.hit(i) for i in range(start, end)])


def search_reports(snap: Snapshot, request: SearchRequest) -> ReportPage:
    """One page of reports, each with its best PARAGRAPHS_PER_REPORT paragraphs and how
    many of its paragraphs match. ``request.sort`` is ``relevance`` (a report ranks by
    its best paragraph) or ``year`` (newest first)."""
    found = find(snap, request)
    doc_of = snap.doc_column.codes[found.docnums]  # best paragraph first
    docs, first, counts = np.unique(doc_of, return_index=True, return_counts=True)
    if request.sort == "year":
        years = np.array([_year(snap, int(d)) for d in docs], dtype=np.int64)
        order = np.lexsort((first, -counts, -years))
    else:
        order = np.argsort(first, kind="stable")
    start = (request.page - 1) * request.per_page
    reports = []
    for k in order[start : start + request.per_page]:
        best = np.flatnonzero(doc_of == docs[k])[:PARAGRAPHS_PER_REPORT]
        doc = snap.documents[snap.doc_column.values[docs[k]]]
        reports.append(Report(doc, int(counts[k]), [found.hit(int(i)) for i in best]))
    summary = found.summary()
    pages = max(1, -(-summary.total_documents // request.per_page))
    return ReportPage(summary, reports, pages, request.sort)


def export_rows(snap: Snapshot, request: SearchRequest, limit: int = MAX_EXPORT_ROWS) -> list[Row]:
    """Every matching paragraph (best first, at most ``limit``) with its full text;
    OutOfTime when the request's budget runs out before the last (an export needs them all)."""
    found = find(snap, request, facets=False)
    wanted = found.docnums[:limit]
    rows = []
    for k, docnum in enumerate(wanted):
        if k and not k % EXPORT_CHUNK:
            budget.check("search_csv_out_of_time", read=k, paragraphs=len(wanted))
        fields = snap.stored(int(docnum))
        rows.append(
            Row(snap.documents[fields["doc_id"]], fields["paragraph"], fields.get("section") or [], fields["text"])
        )
    return rows


def _year(snap: Snapshot, doc: int) -> int:
    return snap.documents.get(snap.doc_column.values[doc], {}).get("year") or 0
