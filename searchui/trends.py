"""The trend page's charts and tables, from one ``Trend`` and its JSON rendering, as the
request (``params.TrendState``: the terms, filters, years drawn, scale, log, smoothing)
and the map's ``measure`` and term ``t`` ask."""

from __future__ import annotations

import statistics
from collections.abc import Callable

from flask import url_for
from werkzeug.datastructures import MultiDict

from indexer import places
from indexer.search import trend as engine
from indexer.search.snapshot import Snapshot
from indexer.search.trend import Trend
from searchui import charts
from searchui.params import SMOOTHING, TrendState
from searchui.urls import build_iri, build_url, with_param

MEASURES = ("rate", "first")  # what the map shades by
LEAD_YEARS = 3  # the fitted x-axis starts this many years before the first occurrence
HEAT_YEARS = 15  # the heat map's columns: the most recent years drawn (it has a link per cell)
PARTIAL_SHARE = 0.5  # a year with fewer reports than this share of the usual is partial
USUAL_YEARS = 5  # "usual": the median of the reports indexed in the years before
CITY_ROWS = 40  # the cities table shows this many (most occurrences first); the rest on request (cities=all)


def build(snap: Snapshot, state: TrendState) -> Trend:
    return engine.build_trend(snap, state.terms, state.filters, state.literal)


def fitted_years(data: dict, state: TrendState) -> list[int]:
    """The years drawn: from a few years before any term first occurs (not the first
    indexed year, 1953) to the last indexed year, or the ``from``–``to`` asked for."""
    years = data["years"]
    found = [y["year"] for t in data["terms"] for y in t["years"] if y["occurrences"]]
    start = max(min(found) - LEAD_YEARS, years[0]) if found and years else (years[0] if years else 0)
    start, end = state.start or start, state.end or (years[-1] if years else 0)
    return [y for y in years if start <= y <= end]


def partial_years(rows: list[dict]) -> dict[int, int]:
    """Years with far fewer reports indexed than usual (2026 with one plan so far), each
    with the usual number: their counts are drawn apart, not as a fall."""
    partial, seen = {}, []
    for row in rows:
        n = row["reports_indexed"]
        if not n:
            continue
        usual = statistics.median(seen[-USUAL_YEARS:]) if seen else 0
        if usual >= 2 and n < PARTIAL_SHARE * usual:
            partial[row["year"]] = round(usual)
        seen.append(n)
    return partial


def smoothed(values: dict[int, float | None], window: int) -> dict[int, float | None]:
    """A centred moving average over the years with a value (a missing year stays missing)."""
    if window < 2:
        return values
    half = window // 2
    out: dict[int, float | None] = {}
    for year, value in values.items():
        near = [values.get(y) for y in range(year - half, year + half + 1)]
        known = [v for v in near if v is not None]
        out[year] = None if value is None else round(sum(known) / len(known), 4)
    return out


def coverage_note(row: dict) -> dict | None:
    """What a place's "first 2016" rests on: the year its reports start, and the years
    without a report before its first appearance (all its gaps if it never appears)."""
    if not row.get("reports_from"):
        return None
    first = row.get("first_year") or 10_000
    gaps = [f"{a}–{b}" if a != b else str(a) for a, b in row["gaps"] if a < first]
    return {"from": row["reports_from"], "gaps": ", ".join(gaps)}


def page_data(trend: Trend, data: dict, state: TrendState, args: MultiDict, ui: str) -> dict:
    """Everything the page draws, from the trend and its JSON rendering (the tables
    show the same numbers as the API). ``t`` chooses the term the map and the heat
    map show."""
    measure = args.get("measure") if args.get("measure") in MEASURES else "rate"
    chosen = int(args["t"]) if args.get("t", "").isdigit() and int(args["t"]) < len(trend.terms) else 0
    terms = data["terms"]
    years = fitted_years(data, state)
    year_rows = _year_rows(terms, years)
    partial = partial_years(_year_rows(terms, data["years"]))
    colours = [{"term": t["term"], "index": i, "unit": t["unit"]} for i, t in enumerate(terms)]
    trend_path = url_for("search.trend_page")
    reading = _reading_links(state, ui)
    field = "per_10k" if state.scale == "relative" else "occurrences"
    series = [_series(c, t, field, partial, state.smooth) for c, t in zip(colours, terms, strict=True)]
    provinces_covered = len([p for p in trend.coverage("province") if p not in (None, places.NATIONAL)])
    adoption = [
        {**c, "values": {a["year"]: a["provinces"] for a in t["adoption"]}} for c, t in zip(colours, terms, strict=True)
    ]
    heat, multiples = _province_years(trend, colours, years, _place_links(state, terms[chosen]["term"], ui), chosen)
    return {
        "colours": colours,
        "years": years,
        "partial": {y: u for y, u in partial.items() if y in years},
        "rate_chart": charts.line_chart(series, years, log=state.log, link=reading),
        "adoption_chart": charts.line_chart(
            adoption, years, height=200, ticks=charts.count_ticks(provinces_covered), changes_only=True
        )
        if provinces_covered > 1  # of one province, a 0–1 axis: the table's first year says it
        else None,
        "year_rows": year_rows,
        "province_rows": _province_rows(terms),
        "cities": [_city_rows(t, args.get("cities") == "all", state, ui) for t in terms],
        "all_cities_url": with_param(trend_path, args, "cities", "all"),
        "multiples": multiples,
        "map": charts.tile_map(
            terms[chosen]["provinces"], measure, lambda p: with_param(trend_path, args, "province", p, iri=True), ui
        ),
        "heat": heat,
        "chosen": chosen,
        "measure": measure,
        "state": state,
        "smoothing": SMOOTHING,
        "term_links": [with_param(trend_path, args, "t", i) for i in range(len(terms))],
        "measure_links": {m: with_param(trend_path, args, "measure", m) for m in MEASURES},
        "all_years": data["years"],
        "csv_url": build_url(url_for("search.trend_csv"), args),
        "api_url": build_url(url_for("search.api_trend"), args),
        "search_url": _view_url("search.search_page", state, terms[0]["term"], ui),
        "kwic_url": _view_url("search.kwic_page", state, terms[0]["term"], ui),
        "collocates_url": _view_url("search.collocates_page", state, terms[0]["term"], ui),
    }


def _view_url(endpoint: str, state: TrendState, term: str, ui: str, **more: str) -> str:
    """A search or concordance of one term with the trend's filters (``more`` in place of theirs)."""
    return build_iri(url_for(endpoint), _view_args(state, term, ui, **more))


def _view_args(state: TrendState, term: str, ui: str, **more: str) -> MultiDict:
    wanted = MultiDict({"q": term, "ui": "en" if ui == "en" else "", "literal": "1" if state.literal else ""})
    for name, values in state.filters.items():
        for value in values if name not in more else []:
            wanted.add(name, value)
    for name, value in more.items():
        wanted.add(name, value)
    return wanted


def _reading_links(state: TrendState, ui: str) -> charts.PointLink:
    """A point of a chart opens the concordance of its term in its year."""
    return lambda term, year: _view_url("search.kwic_page", state, term, ui, year=str(year))


PlaceLink = Callable[..., str]  # (province, year=None) → its search


def _place_links(state: TrendState, term: str, ui: str) -> PlaceLink:
    """A heat-map row's province opens the search of the term there, with the trend's
    filters; each of its counted cells the same search in its year (a link in the
    page, which works without script and from the keyboard)."""
    path = url_for("search.search_page")

    def link(province: str, year: int | None = None) -> str:
        more = {"province": province, **({"year": str(year)} if year else {})}
        return build_iri(path, _view_args(state, term, ui, **more))

    return link


def _series(colour: dict, term: dict, field: str, partial: dict, window: int) -> dict:
    values = {y["year"]: y[field] for y in term["years"] if y["year"] not in partial}
    apart = {y["year"]: y[field] for y in term["years"] if y["year"] in partial}
    return {**colour, "values": smoothed(values, window), "apart": apart}


def _year_rows(terms: list[dict], years: list[int]) -> list[dict]:
    by_term = [{y["year"]: y for y in t["years"]} for t in terms]
    return [
        {"year": year, "reports_indexed": by_term[0][year]["reports_indexed"], "terms": [b[year] for b in by_term]}
        for year in years
    ]


def _city_rows(term: dict, every: bool, state: TrendState, ui: str) -> dict:
    """A term's cities, most occurrences first: the first ``CITY_ROWS`` unless ``every``
    (a term in every city's reports lists 317, a page of their own); each city's name
    opens the term's search there, with the trend's filters."""
    cities = term.get("cities", [])
    shown = cities if every else cities[:CITY_ROWS]
    path = url_for("search.search_page")
    rows = [
        {**c, "coverage": coverage_note(c), "url": build_iri(path, _view_args(state, term["term"], ui, city=c["city"]))}
        for c in shown
    ]
    return {"rows": rows, "total": len(cities)}


def _province_rows(terms: list[dict]) -> list[dict]:
    """Provinces in the first term's order (most occurrences first), each with every term's figures."""
    by_term = [{p["province"]: {**p, "coverage": coverage_note(p)} for p in t["provinces"]} for t in terms]
    return [
        {"province": p["province"], "province_en": p["province_en"], "terms": [b.get(p["province"]) for b in by_term]}
        for p in terms[0]["provinces"]
        if p["province"] is not None
    ]


def _province_years(
    trend: Trend, colours: list[dict], years: list[int], link: PlaceLink, chosen: int
) -> tuple[dict, list]:
    """The heat map of the chosen term (province × year cells of the per-10k rate, each
    row and each counted cell linking to its paragraphs) and every province's small
    multiple (a tiny line of each term's rate, all on one scale), from one province ×
    year table per term."""
    panel = []
    for term in trend.terms:
        per: dict = {}
        for c in trend.table(term, ("province", "year")):
            if c.key["province"] is not None and c.key["year"] in years:
                per.setdefault(c.key["province"], {})[c.key["year"]] = c
        panel.append(per)
    firsts = trend.first_appearances(trend.terms[chosen], "province")
    rates = {c.key["province"]: c.per_10k or 0 for c in trend.table(trend.terms[chosen], ("province",))}
    cells = panel[chosen]
    top = max((c.per_10k or 0 for per in cells.values() for c in per.values()), default=0)
    provinces = sorted(  # the earliest first; in a year, the most frequent first
        cells, key=lambda p: (p not in firsts, firsts[p].year if p in firsts else 0, -rates.get(p, 0), str(p))
    )
    recent = years[-HEAT_YEARS:]
    rows = []
    for province in provinces:
        row = []
        for year in recent:
            c = cells[province].get(year)
            row.append(
                {
                    "year": year,
                    "rate": c.per_10k if c else None,
                    "occurrences": c.occurrences if c else None,
                    "shade": charts.shade(c.per_10k, top) if c else None,
                    "url": link(province, year) if c and c.occurrences else None,
                }
            )
        rows.append(
            {
                "province": province,
                "province_en": engine.english_label("province", province),
                "url": link(province),
                "cells": row,
            }
        )
    return {"rows": rows, "years": recent, "top": top}, _multiples(trend, colours, panel, years)


def _multiples(trend: Trend, colours: list[dict], panel: list[dict], years: list[int]) -> list[dict]:
    top = max((c.per_10k or 0 for per in panel for cells in per.values() for c in cells.values()), default=0) or 1
    provinces = sorted(  # the most occurrences of the first term first
        {p for per in panel for p in per},
        key=lambda p: (-sum(c.occurrences or 0 for c in panel[0].get(p, {}).values()), str(p)),
    )
    return [
        {
            "province": province,
            "province_en": engine.english_label("province", province),
            "chart": charts.line_chart(
                [
                    {**c, "values": {y: cell.per_10k for y, cell in per.get(province, {}).items()}}
                    for c, per in zip(colours, panel, strict=True)
                ],
                years,
                width=150,
                height=44,
                ticks=[0.0, top],
            ),
        }
        for province in provinces
    ]
