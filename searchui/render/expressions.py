"""New expressions, a year's new vocabulary and keyness comparisons as JSON and CSV.
The pages render the same dictionaries."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from indexer.search.compare import Comparison, KeyTerm, Side, Spread
from indexer.search.novelty import NewTerms, YearNews
from searchui.render.csv import cell

TermUrl = Callable[[str, int, str], str]  # (doc_id, paragraph, term) → the paragraph with the term marked
SearchUrl = Callable[[str, str], str]  # (term, filters) → the search for the term within the filters


def _doc(doc: dict) -> dict:
    keys = ("doc_id", "title", "province", "province_en", "city", "city_en", "year")
    return {k: doc.get(k) for k in keys}


def new_terms(result: NewTerms, term_url: TermUrl) -> dict:
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
                "paragraphs": t.paragraphs,
                "urls": [term_url(doc_id, n, t.term) for n in t.paragraphs],
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
            }
            for t in result.dropped
        ],
    }


def year_news(result: YearNews, term_url: Callable[[str, str], str]) -> dict:
    """``term_url(doc_id, term)``: the report with the term marked."""
    return {
        "year": result.year,
        "reports": [d["doc_id"] for d in result.reports],
        "without_earlier": [d["doc_id"] for d in result.without_earlier],
        "terms": [
            {
                "term": t.term,
                "provinces": len(t.reports),
                "count": t.count,
                "first_anywhere": t.first_anywhere,
                "reports": [{**_doc(d), "url": term_url(d["doc_id"], t.term)} for d in t.reports],
            }
            for t in result.terms
        ],
    }


def _side(side: Side) -> dict:
    return {"filters": side.written, "reports": len(side.reports), "characters": side.characters}


def _key_term(term: KeyTerm, comparison: Comparison, search_url: SearchUrl) -> dict:
    return {
        "term": term.term,
        "count_a": term.count_a,
        "count_b": term.count_b,
        "per_10k_a": round(term.per_10k_a, 3),
        "per_10k_b": round(term.per_10k_b, 3),
        "keyness": round(term.keyness, 2),
        "log_ratio": round(term.log_ratio, 2),
        **{
            f"{name}_{side}": value
            for side, spread in (("a", term.spread_a), ("b", term.spread_b))
            for name, value in _spread(spread)
        },
        "url_a": search_url(term.term, comparison.a.written),
        "url_b": search_url(term.term, comparison.b.written),
    }


def _spread(spread: Spread) -> list[tuple[str, float | int]]:
    return [("reports", spread.reports), ("provinces", spread.provinces), ("dp", round(spread.dp, 3))]


def comparison(result: Comparison, search_url: SearchUrl) -> dict:
    return {
        "a": _side(result.a),
        "b": _side(result.b),
        "min_count": result.min_count,
        "all": result.everything,
        "over_a": [_key_term(t, result, search_url) for t in result.over_a],
        "over_b": [_key_term(t, result, search_url) for t in result.over_b],
    }


COMPARE_COLUMNS = (
    *("side", "term", "count_a", "count_b", "per_10k_a", "per_10k_b", "keyness", "log_ratio"),
    *("reports_a", "provinces_a", "dp_a", "reports_b", "provinces_b", "dp_b"),
)


def comparison_csv(data: dict) -> str:
    """Both lists of a comparison's JSON, one row per expression; ``side`` says which it is key to."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COMPARE_COLUMNS)
    for side in ("a", "b"):
        for row in data[f"over_{side}"]:
            writer.writerow([cell(side if c == "side" else row[c]) for c in COMPARE_COLUMNS])
    return "\ufeff" + out.getvalue()
