"""A trend (``indexer.search.trend``) as JSON (``/api/trend``, ``trend --json``) and as
the long panel table of the CSV (``/trend.csv``, ``trend --csv``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from indexer.errors import QueryError
from indexer.facets import facet
from indexer.search.trend import Counts, TermTrend, Trend
from searchui.render.csv import cell
from searchui.render.json import DocUrl, plain_doc_url

PANEL_COLUMNS = ("term", "unit", "province", "province_en", "year", "occurrences", "paragraphs", "reports",
                 "reports_indexed", "characters", "per_10k")  # fmt: skip
BY = ("year", "province", "province,year")


def _counts(counts: Counts | None) -> dict:
    if counts is None:  # no report indexed: missing, not zero
        return dict.fromkeys(("occurrences", "paragraphs", "reports", "characters", "per_10k"), None) | {
            "reports_indexed": 0
        }
    return {
        "occurrences": counts.occurrences,
        "paragraphs": counts.paragraphs,
        "reports": counts.reports,
        "reports_indexed": counts.reports_indexed,
        "characters": counts.characters,
        "per_10k": counts.per_10k,
    }


def province_en(province: str) -> str:
    return facet("province").label(province, "en")  # type: ignore[union-attr]


def term_json(t: TermTrend, doc_url: DocUrl) -> dict:
    return {
        "term": t.term,
        "unit": t.unit,
        "years": [{"year": y.year, **_counts(y.counts)} for y in t.years],
        "provinces": [
            {
                "province": p.province,
                "province_en": province_en(p.province),
                **_counts(p.counts),
                "first_year": p.first_year,
                "first_url": doc_url(*p.first) if p.first else None,
            }
            for p in t.provinces
        ],
        "adoption": [{"year": year, "provinces": n} for year, n in t.adoption],
    }


def trend_json(trend: Trend, term_doc_url: Callable[[str], DocUrl] = lambda term: plain_doc_url) -> dict:
    """``term_doc_url(term)`` links a paragraph with that term marked."""
    return {"query": trend.query, "terms": [term_json(t, term_doc_url(t.term)) for t in trend.terms]}


def panel_by(by: str) -> str:
    """``by`` as written in a URL or on the command line (``year,province`` too)."""
    parts = {p.strip() for p in by.split(",") if p.strip()}
    chosen = next((b for b in BY if set(b.split(",")) == parts), None)
    if chosen is None:
        raise QueryError(f"by must be one of: {', '.join(BY)}.")
    return chosen


def panel_rows(trend: Trend, by: str) -> list[dict]:
    """One row per term and year, per term and province, or per term, province and year."""
    rows = []
    for t in trend.terms:
        base = {"term": t.term, "unit": t.unit}
        if by == "year":
            rows += [{**base, "year": y.year, **_counts(y.counts)} for y in t.years]
        elif by == "province":
            rows += [{**base, "province": p.province, **_counts(p.counts)} for p in t.provinces]
        else:
            rows += [
                {**base, "province": province, "year": year, **_counts(counts)}
                for (province, year), counts in sorted(t.cells.items())
            ]
    for row in rows:
        if row.get("province"):
            row["province_en"] = province_en(row["province"])
    return rows


def trend_csv(trend: Trend, by: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(PANEL_COLUMNS)
    for row in panel_rows(trend, by):
        writer.writerow([cell(row.get(c)) for c in PANEL_COLUMNS])
    return "\ufeff" + out.getvalue()
