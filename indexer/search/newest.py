"""The reports a search matches, newest first, each with its best paragraph: what a
feed of a saved search lists and what a bibliography of the results cites."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer.search.prepare import SearchRequest
from indexer.search.results import Hit, find
from indexer.search.snapshot import Snapshot

MAX_REPORTS = 200


@dataclass
class MatchingReport:
    doc: dict
    matches: int  # its matching paragraphs
    best: Hit  # the best of them
    text: str  # that paragraph, whole


def newest_reports(snap: Snapshot, request: SearchRequest, limit: int = MAX_REPORTS) -> list[MatchingReport]:
    """At most ``limit`` matching reports, the latest date first (a report without a date
    by its year), each with its best matching paragraph and how many of its paragraphs match."""
    found = find(snap, request, facets=False)
    doc_of = snap.doc_column.codes[found.docnums]  # best paragraph first
    codes, first, counts = np.unique(doc_of, return_index=True, return_counts=True)
    docs = [snap.documents[snap.doc_column.values[c]] for c in codes.tolist()]
    order = sorted(range(len(docs)), key=lambda k: (report_date(docs[k]), docs[k]["doc_id"]), reverse=True)[:limit]
    reports = []
    for k in order:
        docnum = int(found.docnums[first[k]])
        text = snap.stored(docnum)["text"]
        reports.append(MatchingReport(docs[k], int(counts[k]), found.hit(int(first[k])), text))
    return reports


def report_date(doc: dict) -> str:
    """The report's date (ISO), or its year's 1 January when it has none (1970-01-01 without a year)."""
    return doc.get("date") or (f"{doc['year']:04d}-01-01" if doc.get("year") else "1970-01-01")
