"""The panel: one row per term × place × year, for the nation, the provinces and the
cities, as a researcher loads it into Stata or R.

The counts are the trend's (``build_trend``: each term's occurrences and matching
paragraphs per report, and which reports the filters let through); the panel only
sums those per-report figures by place and year, and lays out every place × year,
those without any indexed report marked ``missing`` with their counts left empty —
"no report" is not "a report that never uses the term".

A report belongs to the nation (level ``national``), to its province (``provincial``)
or to its city (``city``): a city's report is not counted in its province's row. Each
level has its own run of years, from the first to the last with an indexed report of
that level (the nation's and the provinces' together), so that a city panel does not
begin in 1954.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer import cities, places
from indexer.search.keyness import per_10k
from indexer.search.snapshot import Snapshot
from indexer.search.trend import Trend, build_trend, english_label, split_terms

MAX_PANEL_TERMS = 50
DEFAULT_FILTERS = {"doc_type": ["work-report"], "lang": ["zh"]}  # when the request names none of these
LEVEL_ORDER = ("national", "provincial", "city")
COLUMNS = (
    "term",
    "unit",
    "place",
    "place_en",
    "level",
    "division_code",
    "province",
    "year",
    "occurrences",
    "paragraphs",
    "reports",
    "reports_indexed",
    "characters",
    "per_10k",
    "missing",
)


@dataclass(frozen=True)
class Place:
    level: str  # national, provincial or city
    name: str  # the facet value: 全国, 四川, 成都
    name_en: str
    province: str | None  # the province it is in (itself for a province; None for the nation)
    division_code: int | None  # GB/T 2260


@dataclass
class Panel:
    terms: list[str]
    filters: dict[str, list[str]]
    columns: dict[str, list]  # every column of COLUMNS, one value per row

    @property
    def rows(self) -> int:
        return len(self.columns["term"])


def panel_terms(values: list[str]) -> list[str]:
    """The terms of ``q`` (``a|b``, repeated, or one per line of a list): one to MAX_PANEL_TERMS."""
    return split_terms([line for v in values for line in v.splitlines()], most=MAX_PANEL_TERMS, kind="panel")


def build_panel(snap: Snapshot, terms: list[str], filters: dict[str, list[str]], literal: bool = False) -> Panel:
    chosen = {**{k: v for k, v in DEFAULT_FILTERS.items() if not filters.get(k)}, **filters}
    trend = build_trend(snap, terms, chosen, literal)
    report_place, place_list = _report_places(trend)
    is_city = np.array([p.level == "city" for p in place_list] + [False])  # place -1 (none) → the last
    counted = trend.indexed & (report_place >= 0) & (trend.report_years > 0)
    runs = []
    for city_run in (False, True):  # the nation and the provinces; the cities
        in_run = counted & (is_city[report_place] == city_run)
        members = [i for i, p in enumerate(place_list) if (p.level == "city") == city_run]
        if in_run.any():
            runs.append(_layout(trend, in_run, report_place, place_list, members))
    columns: dict[str, list] = {name: [] for name in COLUMNS}
    for term in trend.terms:
        for run in runs:
            _append(columns, term, run)
    return Panel(terms, chosen, columns)


def _report_places(trend: Trend) -> tuple[np.ndarray, list[Place]]:
    """Each report's place (an index into the list, -1 when it has none), and the places
    with any report, in level order then by division code."""
    levels = trend.group_keys("level").tolist()
    provinces = trend.group_keys("province").tolist()
    city_names = trend.group_keys("city").tolist()
    keys = [
        (level, city if level == "city" else province) if level in LEVEL_ORDER else None
        for level, province, city in zip(levels, provinces, city_names, strict=True)
    ]
    counted = (trend.indexed & (trend.report_years > 0)).tolist()
    found = sorted({k for k, c in zip(keys, counted, strict=True) if c and k and k[1] is not None}, key=_place_order)
    place_list = [_place(level, name) for level, name in found]
    index = {key: i for i, key in enumerate(found)}
    return np.array([index.get(k, -1) if k else -1 for k in keys], dtype=np.int64), place_list


def _place_order(key: tuple[str, str]) -> tuple:
    place = _place(*key)
    return (LEVEL_ORDER.index(key[0]), place.division_code or 10**9, key[1])


def _place(level: str, name: str) -> Place:
    if level == "city":
        city = cities.by_short(name)
        code = int(city.code) if city else None
        return Place(level, name, english_label("city", name) or "", city.province if city else None, code)
    code = cities.province_codes().get(name)
    province = None if name == places.NATIONAL else name
    return Place(level, name, english_label("province", name) or "", province, int(code) if code else None)


@dataclass
class _Run:
    """Every place × year of a run of places, laid out once for all the terms."""

    reports: np.ndarray  # the run's reports (codes)
    cell: np.ndarray  # each one's row in the run: place × span + year − first
    size: int
    fixed: dict[str, list]  # the columns that do not depend on the term
    missing: np.ndarray  # per row: no report indexed
    characters: np.ndarray  # per row


def _layout(
    trend: Trend, in_run: np.ndarray, report_place: np.ndarray, place_list: list[Place], members: list[int]
) -> _Run:
    """``members``: the run's places (indices into ``place_list``); ``in_run``: its reports."""
    run_places = [place_list[i] for i in members]
    years = trend.report_years
    first, last = int(years[in_run].min()), int(years[in_run].max())
    span = last - first + 1
    position = np.full(len(place_list), -1, dtype=np.int64)  # a place's index → its place in the run
    position[members] = np.arange(len(members))
    reports = np.flatnonzero(in_run)
    cell = position[report_place[reports]] * span + years[reports] - first
    size = len(run_places) * span
    indexed = np.bincount(cell, minlength=size)
    characters = np.bincount(cell, weights=trend.characters[reports], minlength=size).astype(np.int64)

    def each(value) -> list:
        return [value(place) for place in run_places for _ in range(span)]

    fixed = {
        "place": each(lambda p: p.name),
        "place_en": each(lambda p: p.name_en),
        "level": each(lambda p: p.level),
        "division_code": each(lambda p: p.division_code),
        "province": each(lambda p: p.province),
        "year": list(range(first, last + 1)) * len(run_places),
        "reports_indexed": indexed.tolist(),
        "missing": (indexed == 0).astype(np.int64).tolist(),
    }
    return _Run(reports, cell, size, fixed, indexed == 0, characters)


def _append(columns: dict[str, list], term, run: _Run) -> None:
    """The term's rows of a run: its per-report counts summed by place and year; the
    counts of a row without an indexed report left empty (None)."""

    def total(values: np.ndarray) -> np.ndarray:
        return np.bincount(run.cell, weights=values[run.reports], minlength=run.size).astype(np.int64)

    def shown(values: np.ndarray) -> list:
        kept = values.astype(object)
        kept[run.missing] = None
        return kept.tolist()

    occurrences = total(term.occurrences)
    columns["term"] += [term.term] * run.size
    columns["unit"] += [term.unit] * run.size
    for name, values in run.fixed.items():
        columns[name] += values
    columns["occurrences"] += shown(occurrences)
    columns["paragraphs"] += shown(total(term.paragraphs))
    columns["reports"] += shown(total((term.paragraphs > 0).astype(np.int64)))
    columns["characters"] += shown(run.characters)
    columns["per_10k"] += shown(np.round(per_10k(occurrences, run.characters), 4))
