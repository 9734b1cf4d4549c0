"""Choosing from the panel: one indicator's targets for the reports a selection of
places and years holds, each beside its outcome, and the reports that set none.

A target is *met* when the outcome reaches it: at least the value (the low end of a
range) for a floor or a plain number, at most the value for a ceiling (以内, 以下,
不超过 — the unemployment rate, CPI). Unknown without an outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from indexer import cities
from indexer.errors import QueryError
from indexer.facets import facet
from indexer.targets.extract import Target
from indexer.targets.indicators import INDICATORS, Indicator, indicator
from indexer.targets.panel import Panel, Report, place_key

CEILINGS = ("以内", "以下", "不超过", "不高于")
NATIONAL_CODE = "100000"  # the panel's code for the nation (GB/T 2260 has none)
LEVEL_ORDER = {"national": 0, "provincial": 1, "city": 2}


@dataclass(frozen=True)
class Selection:
    """What a request asks for: an indicator and the usual filters (each facet's
    canonical values; ``years`` an inclusive range)."""

    indicator: Indicator
    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    years: tuple[int, int] | None = None

    def takes(self, meta: dict) -> bool:
        """Does the selection hold this report? Without a place or level: the nation and
        the provinces; a province chosen alone brings its cities and the nation's
        reports: the hierarchy side by side."""
        if not (self.provinces or self.cities or self.levels) and meta.get("level") == "city":
            return False
        national = meta.get("level") == "national" and not (self.cities or self.levels)
        if self.provinces and meta.get("province") not in self.provinces and not national:
            return False
        if self.cities and meta.get("city") not in self.cities:
            return False
        if self.levels and meta.get("level") not in self.levels:
            return False
        return not self.years or self.years[0] <= (meta.get("year") or 0) <= self.years[1]


def read_selection(args) -> Selection:
    """A selection from URL or CLI arguments (a mapping with ``getlist``); QueryError
    for an unknown indicator or filter value."""
    written = (args.get("indicator") or "gdp").strip()
    chosen = indicator(written)
    if chosen is None:
        raise QueryError("unknown_indicator", value=written, choices=", ".join(i.key for i in INDICATORS))

    def values(name: str) -> tuple:
        return tuple(facet(name).parse(v) for v in args.getlist(name) if v.strip())  # type: ignore[union-attr]

    years = values("year")
    span = (min(lo for lo, _ in years), max(hi for _, hi in years)) if years else None
    return Selection(chosen, values("province"), values("city"), values("level"), span)


@dataclass
class Row:
    """One report's target for the indicator, beside its outcome."""

    report: Report
    meta: dict
    target: Target
    outcome: float | None
    outcome_doc_id: str | None
    outcome_text: str = ""
    outcome_paragraph: int | None = None

    @property
    def met(self) -> bool | None:
        if self.outcome is None:
            return None
        if self.target.modifier in CEILINGS:
            return self.outcome <= (self.target.value_high or self.target.value)
        return self.outcome >= self.target.value


@dataclass
class TargetTable:
    selection: Selection
    rows: list[Row] = field(default_factory=list)
    without_target: list[dict] = field(default_factory=list)  # the reports' metadata

    def met_shares(self) -> list[dict]:
        """By year and level: targets with an outcome, how many met, the share."""
        counts: dict[tuple[int, str], list[int]] = {}
        for row in self.rows:
            if row.met is not None:
                tally = counts.setdefault((row.report.year, row.meta.get("level") or ""), [0, 0])
                tally[0] += 1
                tally[1] += row.met
        return [
            {"year": year, "level": level, "with_outcome": n, "met": met, "share": round(met / n, 3)}
            for (year, level), (n, met) in sorted(counts.items(), key=lambda i: (i[0][0], LEVEL_ORDER.get(i[0][1], 9)))
        ]


def select(panel: Panel, documents: dict[str, dict], selection: Selection) -> TargetTable:
    """The selection's rows, ordered national, provinces, cities, then by year;
    QueryError when the selection holds no work report."""
    table = TargetTable(selection)
    key = selection.indicator.key
    chosen = [r for r in panel.reports.values() if r.doc_id in documents and selection.takes(documents[r.doc_id])]
    chosen.sort(key=lambda r: (_place_order(documents[r.doc_id]), r.year))
    for report in chosen:
        meta = documents[report.doc_id]
        target = report.target(key)
        if target is None:
            table.without_target.append(meta)
            continue
        outcome, outcome_doc = panel.outcome_of(report, key)
        row = Row(report, meta, target, None, outcome_doc)
        if outcome:
            row.outcome, row.outcome_text, row.outcome_paragraph = outcome.value, outcome.text, outcome.paragraph
        table.rows.append(row)
    if not chosen:
        raise QueryError("no_targets")
    return table


def _place_order(meta: dict) -> tuple:
    level, province, city = place_key(meta)
    return (LEVEL_ORDER.get(level, 9), province, city)


def division_code(meta: dict) -> str:
    """The place's GB/T 2260 code: a city's, a province's, or the nation's."""
    return _code(meta.get("level"), meta.get("province"), meta.get("city"))


@cache
def _code(level: str | None, province: str | None, city: str | None) -> str:
    if city:
        found = cities.by_short(city)
        return found.code if found else ""
    if level == "national":
        return NATIONAL_CODE
    return cities.province_codes().get(province or "", "")
