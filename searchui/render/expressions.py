"""Keyness comparisons as JSON and CSV (new expressions: ``searchui.render.novelty``).
The pages render the same dictionaries."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from indexer.search.compare import Comparison, KeyTerm, Side, Spread
from searchui.render.csv import cell

SearchUrl = Callable[[str, str], str]  # (term, filters) → the search for the term within the filters


def _side(side: Side) -> dict:
    return {"filters": side.written, "reports": len(side.reports), "characters": side.characters}


def _key_term(term: KeyTerm, comparison: Comparison, search_url: SearchUrl) -> dict:
    return {
        "term": term.term,
        "count_a": term.count_a,
        "count_b": term.count_b,
        "per_10k_a": round(term.per_10k_a, 4),
        "per_10k_b": round(term.per_10k_b, 4),
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
