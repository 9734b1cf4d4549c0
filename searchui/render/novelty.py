"""A report's new expressions and a year's new vocabulary as JSON and CSV. The pages
render the same dictionaries."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from indexer.search.novelty import NewTerms
from indexer.search.novelty_year import YearNews
from searchui.render.csv import cell

TermUrl = Callable[[str, int, str], str]  # (doc_id, paragraph, term) → the paragraph with the term marked
ReportUrl = Callable[[str, int | None, str], str]  # the same, the paragraph unknown (None): the report


@dataclass
class TermLinks:
    """Where an expression leads: its trend and its concordance."""

    trend: Callable[[str], str]
    kwic: Callable[[str], str]

    def of(self, term: str) -> dict:
        return {"trend_url": self.trend(term), "kwic_url": self.kwic(term)}


def _doc(doc: dict) -> dict:
    keys = ("doc_id", "title", "province", "province_en", "city", "city_en", "level", "year")
    return {k: doc.get(k) for k in keys}


def new_terms(result: NewTerms, term_url: TermUrl, links: TermLinks) -> dict:
    doc_id = result.doc["doc_id"]
    previous = result.compared_with[0]["doc_id"] if result.compared_with else None
    return {
        "doc_id": doc_id,
        "title": result.doc.get("title"),
        "compare": "all" if result.compare is None else result.compare,
        "compared_with": [d["doc_id"] for d in result.compared_with],
        "new": [
            {
                "term": t.term,
                "count": t.count,
                "keyness": round(t.keyness, 2),
                "log_ratio": round(t.log_ratio, 2),
                "first_anywhere": t.first_anywhere,
                "reports_before": t.before.reports,
                "provinces_before": t.before.provinces,
                "dp_before": round(t.before.dp, 3),
                "reports_taken_up": t.taken_up.reports,
                "provinces_taken_up": t.taken_up.provinces,
                "paragraphs": t.paragraphs,
                "urls": [term_url(doc_id, n, t.term) for n in t.paragraphs],
                **links.of(t.term),
            }
            for t in result.new
        ],
        "previous": previous,
        "dropped": [
            {
                "term": t.term,
                "count_before": t.count_before,
                "keyness": round(t.keyness, 2),
                "log_ratio": round(t.log_ratio, 2),
                "paragraphs_before": t.paragraphs_before,
                "urls_before": [term_url(previous, n, t.term) for n in t.paragraphs_before] if previous else [],
                **links.of(t.term),
            }
            for t in result.dropped
        ],
    }


def year_news(result: YearNews, report_url: ReportUrl, links: TermLinks) -> dict:
    return {
        "year": result.year,
        "level": result.level,
        "levels": result.levels,
        "reports": [d["doc_id"] for d in result.reports],
        "without_earlier": [d["doc_id"] for d in result.without_earlier],
        "terms": [
            {
                "term": t.term,
                "places": len(t.adopters),
                "count": t.count,
                "first_anywhere": t.first_anywhere,
                **links.of(t.term),
                "reports": [
                    {
                        **_doc(a.doc),
                        "count": a.count,
                        "paragraph": a.paragraph,
                        "url": report_url(a.doc["doc_id"], a.paragraph, t.term),
                    }
                    for a in t.adopters
                ],
            }
            for t in result.terms
        ],
    }


NEW_COLUMNS = (
    "term",
    "count",
    "keyness",
    "log_ratio",
    "first_anywhere",
    "reports_before",
    "provinces_before",
    "dp_before",
    "reports_taken_up",
    "provinces_taken_up",
    "paragraphs",
    "url",
    "trend_url",
    "kwic_url",
)
YEAR_COLUMNS = (
    "term",
    "places",
    "first_anywhere",
    "doc_id",
    "title",
    "province",
    "city",
    "level",
    "year",
    "count",
    "paragraph",
    "url",
    "trend_url",
    "kwic_url",
)


def new_terms_csv(data: dict) -> str:
    """A report's new expressions (the JSON's ``new``), one row each."""
    rows = [
        {**t, "paragraphs": " ".join(map(str, t["paragraphs"])), "url": (t["urls"] or [""])[0]} for t in data["new"]
    ]
    return _csv(NEW_COLUMNS, rows)


def year_news_csv(data: dict) -> str:
    """A year's new vocabulary, one row per expression and report that first used it."""
    rows = [
        {**{k: v for k, v in term.items() if k != "reports"}, **report, "count": report["count"]}
        for term in data["terms"]
        for report in term["reports"]
    ]
    return _csv(YEAR_COLUMNS, rows)


def _csv(columns: tuple[str, ...], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return "\ufeff" + out.getvalue()
