"""The trend page from a trend (``indexer.search.trend``) and the URL: one colour per
term on every chart, a line chart of the rate per year, tables of the same numbers,
the provinces with their first appearance, and a province × year heat map whose
cells link to the matching paragraphs."""

from __future__ import annotations

from dataclasses import replace

from flask import url_for
from werkzeug.datastructures import MultiDict

from indexer.search.trend import Counts, TermTrend, Trend
from searchui.urls import build_url, with_param

COLOURS = ("#1c5fb8", "#c2410c", "#2f7d32", "#8e24aa", "#4b5563")  # one per term, on every chart
CHART_W, CHART_H, PAD_L, PAD_R, PAD_B, PAD_T = 640, 220, 48, 24, 28, 12


LEAD_YEARS = 3  # years shown before the first occurrence of any term


def page(trend: Trend, args: MultiDict, ui: str) -> dict:
    """The page shows the years from a little before the first occurrence of any term
    (the API and the CSV have every year)."""
    start = _first_year(trend)
    shown = [replace(t, years=[y for y in t.years if y.year >= start]) for t in trend.terms]
    terms = [_term(t, COLOURS[k], args) for k, t in enumerate(shown)]
    return {
        "terms": terms,
        "chart": line_chart(shown),
        "heat": [heat_map(t, args) for t in shown],
        "api_url": build_url(url_for("search.api_trend"), args),
        "csv_urls": {
            by: with_param(url_for("search.trend_csv"), args, "by", by) for by in ("year", "province", "province,year")
        },
        "search_url": build_url(url_for("search.search_page"), _search_args(args, trend.query.split("|")[0])),
    }


def _first_year(trend: Trend) -> int:
    found = [y.year for t in trend.terms for y in t.years if y.counts and y.counts.occurrences]
    return min(found) - LEAD_YEARS if found else 0


def _search_args(args: MultiDict, term: str, **filters) -> MultiDict:
    """The search for one term under the trend's filters (and more)."""
    new = MultiDict(args)
    new.poplist("by")
    new.setlist("q", [term.strip()])
    for name, value in filters.items():
        new.setlist(name, [str(value)])
    return new


def _term(t: TermTrend, colour: str, args: MultiDict) -> dict:
    search = url_for("search.search_page")
    provinces = [
        {
            "province": p.province,
            "counts": p.counts,
            "first_year": p.first_year,
            "first_url": url_for("search.doc_page", doc_id=p.first[0], q=t.term) + f"#p{p.first[1]}"
            if p.first
            else None,
            "url": build_url(search, _search_args(args, t.term, province=p.province)),
        }
        for p in t.provinces
    ]
    return {
        "term": t.term,
        "colour": colour,
        "unit": t.unit,
        "years": t.years,
        "provinces": provinces,
        "adoption": t.adoption,
    }


def line_chart(terms: list[TermTrend]) -> dict:
    """Geometry of the rate-per-year chart: one polyline per run of years with data
    (a missing year breaks the line), x and y ticks."""
    years = sorted({y.year for t in terms for y in t.years})
    rates = [y.counts.per_10k for t in terms for y in t.years if y.counts and y.counts.per_10k is not None]
    if not years or not rates:
        return {}
    top = _nice(max(rates) or 1.0)
    span = max(years[-1] - years[0], 1)

    def x(year: int) -> float:
        return round(PAD_L + (year - years[0]) / span * (CHART_W - PAD_L - PAD_R), 1)

    def y(rate: float) -> float:
        return round(PAD_T + (1 - rate / top) * (CHART_H - PAD_T - PAD_B), 1)

    lines = []
    for k, t in enumerate(terms):
        runs: list[list[str]] = [[]]
        for point in t.years:
            if point.counts is None or point.counts.per_10k is None:
                runs.append([])  # a missing year breaks the line
            else:
                runs[-1].append(f"{x(point.year)},{y(point.counts.per_10k)}")
        lines.append({"colour": COLOURS[k], "term": t.term, "runs": [" ".join(r) for r in runs if r]})
    step = max(1, len(years) // 10)
    return {
        "width": CHART_W,
        "height": CHART_H,
        "lines": lines,
        "x_ticks": [(x(year), year) for year in years[::step]],
        "y_ticks": [(y(top * f), f"{top * f:g}") for f in (0, 0.25, 0.5, 0.75, 1)],
        "left": PAD_L,
        "bottom": CHART_H - PAD_B,
    }


def _nice(value: float) -> float:
    """A round number at or above ``value`` for the top of an axis."""
    for scale in (1, 2, 2.5, 5, 10):
        for power in range(-3, 6):
            top = scale * 10**power
            if top >= value:
                return top
    return value


def heat_map(t: TermTrend, args: MultiDict) -> dict:
    """Province × year cells: the rate, a shade from it, a link to the paragraphs."""
    years = [y.year for y in t.years]
    rates = [c.per_10k for c in t.cells.values() if c.per_10k]
    top = max(rates, default=0.0) or 1.0
    search = url_for("search.search_page")
    rows = []
    for p in t.provinces:
        cells = []
        for year in years:
            counts: Counts | None = t.cells.get((p.province, year))
            rate = counts.per_10k if counts else None
            cells.append(
                {
                    "year": year,
                    "counts": counts,
                    "shade": round((rate or 0) / top * 8),  # a class shade-0 … shade-8 (no inline styles)
                    "url": build_url(search, _search_args(args, t.term, province=p.province, year=year))
                    if counts and counts.occurrences
                    else None,
                }
            )
        rows.append({"province": p.province, "cells": cells})
    return {"term": t.term, "years": years, "rows": rows}
