"""What the /targets page draws from a ``TargetTable``: the place × year grid, a small
chart of target against outcome for each place, and the share of targets met by year
and level. Geometry is computed here, so the template only places it."""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.facets import LEVELS
from indexer.targets.select import Row, TargetTable
from searchui.render.targets import ParagraphUrl, place_name, target_text

WIDTH, HEIGHT = 260, 120
LEFT, RIGHT, TOP, BOTTOM = 34, 236, 10, 96  # room for the last year's label


@dataclass
class Cell:
    year: int
    status: str  # "target", "none" (the report sets no number), "missing" (no report)
    text: str = ""
    outcome: str = ""
    met: bool | None = None
    url: str = ""


@dataclass
class Place:
    name: str
    level: str
    level_label: str
    cells: list[Cell] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def page_data(table: TargetTable, ui: str, link: ParagraphUrl, doc_link) -> dict:
    places = _places(table, ui, link, doc_link)
    years = sorted({c.year for p in places for c in p.cells})
    return {
        "years": years,
        "places": places,
        "charts": [_chart(p, years) for p in places if p.rows],
        "shares": _shares(table, ui),
    }


def _places(table: TargetTable, ui: str, link: ParagraphUrl, doc_link) -> list[Place]:
    found: dict[tuple, Place] = {}
    cells: dict[tuple, Cell] = {}

    def place(meta: dict) -> tuple:
        key = (meta.get("level"), meta.get("province"), meta.get("city"))
        level = meta.get("level") or ""
        found.setdefault(key, Place(place_name(meta, ui), level, LEVELS.get(level, ("", ""))[ui == "en"]))
        return key

    for row in table.rows:
        key = place(row.meta)
        found[key].rows.append(row)
        cells[(*key, row.report.year)] = Cell(
            row.report.year,
            "target",
            target_text(row),
            "" if row.outcome is None else f"{row.outcome:g}",
            row.met,
            link(row.report.doc_id, row.target.paragraph),
        )
    for meta in table.without_target:
        cells[(*place(meta), meta["year"])] = Cell(meta["year"], "none", url=doc_link(meta["doc_id"]))
    years = sorted({k[3] for k in cells})
    span = range(years[0], years[-1] + 1) if years else range(0)
    for key, p in found.items():
        p.cells = [cells.get((*key, year), Cell(year, "missing")) for year in span]
    return list(found.values())


def _shares(table: TargetTable, ui: str) -> list[dict]:
    return [{**s, "level_label": LEVELS.get(s["level"], ("", ""))[ui == "en"]} for s in table.met_shares()]


def _chart(place: Place, years: list[int]) -> dict:
    """Target (a band for a range) and outcome over the years, on one scale."""
    numbers = [v for r in place.rows for v in (r.target.value, r.target.value_high, r.outcome) if v is not None]
    pad = max((max(numbers) - min(numbers)) * 0.1, 0.5)
    low, high = min(numbers) - pad, max(numbers) + pad

    def x(year: int) -> float:
        first, last = years[0], years[-1]
        return round(LEFT + (RIGHT - LEFT) * ((year - first) / (last - first) if last > first else 0.5), 1)

    def y(value: float) -> float:
        return round(BOTTOM - (BOTTOM - TOP) * (value - low) / (high - low), 1)

    rows = sorted(place.rows, key=lambda r: r.report.year)
    targets = [(x(r.report.year), y(r.target.value), y(r.target.value_high or r.target.value)) for r in rows]
    outcomes = [(x(r.report.year), y(r.outcome)) for r in rows if r.outcome is not None]
    return {
        "name": place.name,
        "width": WIDTH,
        "height": HEIGHT,
        "frame": {"left": LEFT, "right": RIGHT, "top": TOP, "bottom": BOTTOM},
        "target_points": " ".join(f"{px},{py}" for px, py, _ in targets),
        "ranges": [
            {"x": px - 3, "y": top, "h": round(bottom - top, 1)} for px, bottom, top in targets if top != bottom
        ],
        "target_dots": [{"x": px, "y": py} for px, py, _ in targets],
        "outcome_points": " ".join(f"{px},{py}" for px, py in outcomes),
        "outcome_dots": [{"x": px, "y": py} for px, py in outcomes],
        "y_ticks": [{"y": y(v), "label": f"{v:.1f}".removesuffix(".0")} for v in (low + pad, high - pad)],
        "x_ticks": [{"x": x(year), "label": str(year)} for year in (years[0], years[-1])] if years else [],
    }
