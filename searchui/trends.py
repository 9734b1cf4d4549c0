"""What a trend URL asks for: the terms (``q=a|b`` or repeated ``q``), the same
filters as a search, ``by`` for the panel export and the measure the map shades by."""

from __future__ import annotations

import math
from dataclasses import dataclass

from flask import url_for
from werkzeug.datastructures import MultiDict

from indexer.facets import FACETS
from indexer.search.snapshot import Snapshot
from indexer.search.trend import TermTrend, Trend, build_trend, english_label, parse_by, split_terms
from searchui.urls import build_url, with_param

DEFAULT_BY = "province,year"


@dataclass
class TrendState:
    terms: list[str]
    filters: dict[str, list[str]]
    literal: bool
    by: tuple[str, ...]

    @property
    def by_city(self) -> bool:
        """Cities are listed when the filters ask for them: a province or the city level."""
        return bool(self.filters.get("province")) or "city" in self.filters.get("level", [])


def state_from_args(args: MultiDict) -> TrendState:
    """QueryError (a 400) for no term, too many, or an unknown ``by``."""
    return TrendState(
        terms=split_terms(args.getlist("q")),
        filters={f.name: args.getlist(f.name) for f in FACETS if args.getlist(f.name)},
        literal=args.get("literal") == "1",
        by=parse_by(args.get("by") or DEFAULT_BY),
    )


def build(snap: Snapshot, state: TrendState) -> Trend:
    return build_trend(snap, state.terms, state.filters, state.literal)


# ---------------------------------------------------------------- the page's charts

COLOURS = ("#1b5fa8", "#d1581a", "#2b8a4b", "#a3347f", "#6b5a12")  # one per term, on every chart
SHADES = ("#eef1f5", "#c6dbef", "#8fbcdc", "#6fa3d3", "#1b5fa8", "#0b3a72")  # none, then five steps
# A tile grid of the 31 provincial units: (column, row), roughly where each lies.
TILES = {
    "黑龙江": (7, 0),
    "新疆": (1, 1), "内蒙古": (5, 1), "北京": (6, 1), "吉林": (7, 1),
    "甘肃": (2, 2), "宁夏": (3, 2), "山西": (4, 2), "河北": (5, 2), "天津": (6, 2), "辽宁": (7, 2),
    "西藏": (1, 3), "青海": (2, 3), "陕西": (3, 3), "河南": (4, 3), "山东": (5, 3),
    "四川": (2, 4), "重庆": (3, 4), "湖北": (4, 4), "安徽": (5, 4), "江苏": (6, 4), "上海": (7, 4),
    "云南": (2, 5), "贵州": (3, 5), "湖南": (4, 5), "江西": (5, 5), "浙江": (6, 5),
    "广西": (3, 6), "广东": (4, 6), "福建": (5, 6),
    "海南": (4, 7),
}  # fmt: skip
TILE = 58
MEASURES = ("rate", "first")


def term_colours(trend: Trend) -> list[dict]:
    return [{"term": t.term, "colour": COLOURS[i], "unit": t.unit} for i, t in enumerate(trend.terms)]


def line_chart(series: list[dict], years: list[int], width: int = 640, height: int = 220, ceiling: float = 0) -> dict:
    """A line per series (``values``: year → number or None); a missing year breaks
    the line. Coordinates for the template: plot box, axis ticks, polylines. A small
    chart (a small multiple) has no room for axes: its margins are thin."""
    left, right, top, bottom = (48, 12, 12, 28) if width > 200 else (2, 2, 4, 4)
    top_value = max((v for s in series for v in s["values"].values() if v is not None), default=0) or 1
    ceiling = ceiling or nice_ceiling(top_value)
    span = max(len(years) - 1, 1)

    def x(year: int) -> float:
        return round(left + (year - years[0]) * (width - left - right) / span, 1) if years else left

    def y(value: float) -> float:
        return round(top + (1 - value / ceiling) * (height - top - bottom), 1)

    lines = []
    for s in series:
        runs: list[list[str]] = [[]]
        for year in years:
            value = s["values"].get(year)
            if value is None:
                runs.append([])
            else:
                runs[-1].append(f"{x(year)},{y(value)}")
        dots = [{"x": x(yr), "y": y(v), "year": yr, "value": v} for yr, v in s["values"].items() if v is not None]
        lines.append({**s, "points": [" ".join(r) for r in runs if r], "dots": dots if len(years) <= 40 else []})
    step = 1 if len(years) <= 12 else 5 if len(years) <= 60 else 10
    x_ticks = [{"x": x(yr), "label": yr} for yr in years if yr % step == 0 or len(years) <= 12]
    y_ticks = [{"y": y(ceiling * k / 4), "label": _number(ceiling * k / 4)} for k in range(5)]
    missing = [{"x": x(yr) - 2, "w": 4} for yr in years if all(s["values"].get(yr) is None for s in series)]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": height - bottom,
        "lines": lines,
        "x_ticks": x_ticks,
        "y_ticks": y_ticks,
        "missing": missing,
    }


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above ``value``."""
    magnitude = 10 ** math.floor(math.log10(value))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= value)


def _number(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.2g}"


def shade(value: float | None, top: float) -> int:
    """0 for none, else 1–5 by the share of ``top`` (an index into SHADES, and the
    heat map's ``shade-N`` class: the page's CSP allows no inline style)."""
    if not value or not top:
        return 0
    return min(5, 1 + int(4.999 * value / top))


def tile_map(rows: list[dict], measure: str, link, ui: str) -> dict:
    """The provinces as tiles shaded by the per-10k rate (or, for ``first``, earlier is
    darker); ``link(province)`` is each tile's filter link."""
    by_province = {r["province"]: r for r in rows}
    if measure == "first":
        firsts = [r["first_year"] for r in rows if r["first_year"] and r["province"] in TILES]
        low, high = (min(firsts), max(firsts)) if firsts else (0, 0)

        def tone(r):
            return shade(high - r["first_year"] + 1, high - low + 1) if r and r["first_year"] else 0
    else:
        top = max((r["per_10k"] or 0 for r in rows if r["province"] in TILES), default=0)

        def tone(r):
            return shade(r["per_10k"], top) if r else 0

    tiles = []
    for province, (col, row) in TILES.items():
        r = by_province.get(province)
        step = tone(r)
        value = (r["first_year"] if measure == "first" else r["per_10k"]) if r else None
        tiles.append(
            {
                "x": col * TILE,
                "y": row * TILE,
                "label": province if ui != "en" else english_label("province", province),
                "value": "–" if value is None else value,
                "fill": SHADES[step],
                "dark": step >= 3,
                "url": link(province),
            }
        )
    return {"tiles": tiles, "width": 8 * TILE, "height": 8 * TILE, "size": TILE - 4, "shades": SHADES}


def heat_map(trend: Trend, term: TermTrend, link) -> dict:
    """Province × year cells of the per-10k rate; ``link(province, year)`` opens the paragraphs."""
    cells = trend.table(term, ("province", "year"))
    top = max((c.per_10k or 0 for c in cells), default=0)
    rates = {c.key["province"]: c.per_10k or 0 for c in trend.table(term, ("province",))}
    firsts = trend.first_appearances(term, "province")
    provinces = sorted(  # the earliest first; in a year, the most frequent first
        (p for p in rates if p is not None),
        key=lambda p: (p not in firsts, firsts[p].year if p in firsts else 0, -rates[p]),
    )
    by_key = {(c.key["province"], c.key["year"]): c for c in cells}
    rows = []
    for province in provinces:
        row = []
        for year in trend.years:
            c = by_key.get((province, year))
            rate = c.per_10k if c else None
            row.append(
                {
                    "year": year,
                    "rate": rate,
                    "occurrences": c.occurrences if c else None,
                    "shade": shade(rate, top) if c else None,
                    "url": link(province, year) if c and c.occurrences else None,
                }
            )
        rows.append({"province": province, "province_en": english_label("province", province), "cells": row})
    return {"rows": rows, "years": trend.years, "top": top}


def page_data(trend: Trend, data: dict, args: MultiDict, ui: str) -> dict:
    """Everything the page draws, from the trend and its JSON rendering (the tables
    show the same numbers as the API). ``t`` chooses the term the map and the heat
    map show, ``measure`` what the map shades by."""
    measure = args.get("measure") if args.get("measure") in MEASURES else "rate"
    chosen = int(args["t"]) if args.get("t", "").isdigit() and int(args["t"]) < len(trend.terms) else 0
    colours = term_colours(trend)
    terms = data["terms"]
    years = trend.years
    rate = line_chart([_series(c, t, "per_10k") for c, t in zip(colours, terms, strict=True)], years)
    adoption = line_chart(
        [
            {**c, "values": {a["year"]: a["provinces"] for a in t["adoption"]}}
            for c, t in zip(colours, terms, strict=True)
        ],
        years,
        height=180,
    )
    term = terms[chosen]
    trend_path = url_for("search.trend_page")
    search_path = url_for("search.search_page")

    def cell_link(province: str, year: int) -> str:
        wanted = MultiDict({"q": term["term"], "province": province, "year": str(year), "ui": ui if ui == "en" else ""})
        return build_url(search_path, wanted)

    return {
        "colours": colours,
        "rate_chart": rate,
        "adoption_chart": adoption,
        "year_rows": _year_rows(terms, years),
        "province_rows": _province_rows(terms),
        "multiples": _multiples(trend, colours, terms),
        "map": tile_map(term["provinces"], measure, lambda p: with_param(trend_path, args, "province", p), ui),
        "heat": heat_map(trend, trend.terms[chosen], cell_link),
        "chosen": chosen,
        "measure": measure,
        "term_links": [with_param(trend_path, args, "t", i) for i in range(len(terms))],
        "measure_links": {m: with_param(trend_path, args, "measure", m) for m in MEASURES},
        "csv_url": build_url(url_for("search.trend_csv"), args),
        "api_url": build_url(url_for("search.api_trend"), args),
        "search_url": build_url(search_path, MultiDict({"q": terms[0]["term"], "ui": ui if ui == "en" else ""})),
    }


def _series(colour: dict, term: dict, measure: str) -> dict:
    return {**colour, "values": {y["year"]: y[measure] for y in term["years"]}}


def _year_rows(terms: list[dict], years: list[int]) -> list[dict]:
    by_term = [{y["year"]: y for y in t["years"]} for t in terms]
    return [
        {"year": year, "reports_indexed": by_term[0][year]["reports_indexed"], "terms": [b[year] for b in by_term]}
        for year in years
    ]


def _province_rows(terms: list[dict]) -> list[dict]:
    """Provinces in the first term's order (most occurrences first), each with every term's figures."""
    by_term = [{p["province"]: p for p in t["provinces"]} for t in terms]
    return [
        {"province": p["province"], "province_en": p["province_en"], "terms": [b.get(p["province"]) for b in by_term]}
        for p in terms[0]["provinces"]
        if p["province"] is not None
    ]


def _multiples(trend: Trend, colours: list[dict], terms: list[dict]) -> list[dict]:
    """A tiny per-province line of every term's rate, all on one scale so that they compare."""
    panel = [_province_years(trend, t) for t in trend.terms]
    top = max((v or 0 for per in panel for values in per.values() for v in values.values()), default=0) or 1
    provinces = [p["province"] for p in terms[0]["provinces"] if p["province"] is not None]
    return [
        {
            "province": province,
            "province_en": english_label("province", province),
            "chart": line_chart(
                [{**c, "values": per.get(province, {})} for c, per in zip(colours, panel, strict=True)],
                trend.years,
                width=150,
                height=44,
                ceiling=top,
            ),
        }
        for province in provinces
    ]


def _province_years(trend: Trend, term: TermTrend) -> dict:
    """province → {year: per_10k}."""
    per: dict = {}
    for c in trend.table(term, ("province", "year")):
        per.setdefault(c.key["province"], {})[c.key["year"]] = c.per_10k
    return per
