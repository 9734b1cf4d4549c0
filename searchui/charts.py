"""SVG chart geometry for the templates: line charts (linear or log, with hover values
and a link per point), the tile map of the provinces and the heat map's shades. Only
numbers and coordinates: the templates draw, the views decide what is shown."""

from __future__ import annotations

import math
from collections.abc import Callable

from pypinyin import lazy_pinyin

from indexer.search.trend import english_label
from searchui.render.numbers import rate

COLOURS = ("#1b5fa8", "#d1581a", "#2b8a4b", "#a3347f", "#6b5a12")  # one per term: trend.css .swatch-N, .cN
SHADES = ("#eef1f5", "#c6dbef", "#8fbcdc", "#6fa3d3", "#1b5fa8", "#0b3a72")  # none, then five steps: trend.css .sN
# A tile grid of the 31 provincial units: (column, row), roughly where each lies (7 × 8).
TILES = {
    "黑龙江": (6, 0),
    "新疆": (0, 1), "内蒙古": (4, 1), "北京": (5, 1), "吉林": (6, 1),
    "甘肃": (1, 2), "宁夏": (2, 2), "山西": (3, 2), "河北": (4, 2), "天津": (5, 2), "辽宁": (6, 2),
    "西藏": (0, 3), "青海": (1, 3), "陕西": (2, 3), "河南": (3, 3), "山东": (4, 3),
    "四川": (1, 4), "重庆": (2, 4), "湖北": (3, 4), "安徽": (4, 4), "江苏": (5, 4), "上海": (6, 4),
    "云南": (1, 5), "贵州": (2, 5), "湖南": (3, 5), "江西": (4, 5), "浙江": (5, 5),
    "广西": (2, 6), "广东": (3, 6), "福建": (4, 6),
    "海南": (3, 7),
}  # fmt: skip
TILE = 58
TILE_LABEL_CHARS = 7  # Latin letters that fit a tile at the map's type size; longer names take two lines,
# and a line still longer (Mongolia) is narrowed to the tile
Values = dict[int, float | None]  # year → value (None: no report that year)
PointLink = Callable[[str, int], str]  # (term, year) → the link a point opens


def line_chart(
    series: list[dict],
    years: list[int],
    width: int = 640,
    height: int = 240,
    log: bool = False,
    ticks: list[float] | None = None,
    link: PointLink | None = None,
    changes_only: bool = False,
) -> dict:
    """A line per series (``values``: year → number or None; ``apart``: values drawn as
    open dots off the line, such as a partial year). A missing year breaks the line.
    ``ticks`` fixes the y-axis (an adoption count); ``log`` draws it on a log scale.
    ``changes_only``: a point (with its value on hover) only where the value changes.
    A small chart (a small multiple) has no room for axes: its margins are thin. The right
    margin holds half the last year's label at a phone's larger tick text."""
    left, right, top, bottom = (58, 30, 14, 36) if width > 200 else (2, 2, 4, 4)
    shown = [v for s in series for v in (*s["values"].values(), *s.get("apart", {}).values()) if v is not None]
    scale = LogScale(shown) if log else LinearScale(shown, ticks)
    span = max(len(years) - 1, 1)
    digits = 1 if width > 200 else 0  # a small multiple is drawn about one unit to a pixel

    def x(year: int) -> float:
        return _coord(left + (year - years[0]) * (width - left - right) / span, digits) if years else left

    def y(value: float) -> float:
        return _coord(top + (1 - scale.fraction(value)) * (height - top - bottom), digits)

    def dot(term: str, year: int, value: float) -> dict:
        return {
            "x": x(year),
            "y": y(value),
            "year": year,
            "value": rate(value),
            "url": link(term, year) if link else None,
        }

    lines = []
    for s in series:
        runs: list[list[str]] = [[]]
        for year in years:
            value = s["values"].get(year)
            if value is None:
                runs.append([])
            else:
                runs[-1].append(f"{x(year)} {y(value)}")
        shown_years = [yr for yr in years if s["values"].get(yr) is not None]
        if changes_only:
            before = dict(zip(shown_years[1:], shown_years, strict=False))
            shown_years = [yr for yr in shown_years if yr not in before or s["values"][before[yr]] != s["values"][yr]]
        dots = [dot(s["term"], yr, s["values"][yr]) for yr in shown_years]
        apart = [dot(s["term"], yr, v) for yr, v in s.get("apart", {}).items() if v is not None and yr in years]
        path = "".join("M" + " ".join(r) for r in runs if r)  # a missing year starts a new stretch
        lines.append({**s, "path": path, "dots": dots, "apart": apart})
    step = next(step for most, step in ((8, 1), (20, 2), (50, 5), (10**6, 10)) if len(years) <= most)
    x_ticks = [{"x": x(yr), "label": yr} for yr in years if yr % step == 0 or len(years) <= 8]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": height - bottom,
        "lines": lines,
        "x_ticks": x_ticks,
        "y_ticks": [{"y": y(v), "label": rate(v)} for v in scale.ticks],
        # A year without a report (a partial year has reports: its values are drawn apart, not missing).
        "missing": [
            {"x": x(yr) - 2, "w": 4}
            for yr in years
            if width > 200 and all(s["values"].get(yr) is None and s.get("apart", {}).get(yr) is None for s in series)
        ],
    }


class LinearScale:
    """0 to a round ceiling in round steps; or the ``ticks`` given (whole numbers of provinces)."""

    def __init__(self, values: list[float], ticks: list[float] | None = None) -> None:
        if ticks:
            self.ticks, self.top = ticks, ticks[-1] or 1
        else:
            self.top, step = nice_ceiling(max(values, default=0) or 1)
            self.ticks = [round(step * k, 10) for k in range(round(self.top / step) + 1)]

    def fraction(self, value: float) -> float:
        return min(value / self.top, 1)


class LogScale:
    """Powers of ten from the smallest value above 0 to the largest; 0 sits on the axis."""

    def __init__(self, values: list[float]) -> None:
        positive = [v for v in values if v > 0] or [1]
        self.low = math.floor(math.log10(min(positive)))
        self.high = max(math.ceil(math.log10(max(positive))), self.low + 1)
        self.ticks = [10.0**e for e in range(self.low, self.high + 1)]

    def fraction(self, value: float) -> float:
        return 0 if value <= 0 else max(0, (math.log10(value) - self.low) / (self.high - self.low))


def count_ticks(most: int) -> list[float]:
    """Whole-number ticks from 0 to ``most`` (at least 1), no more than eight: 0/1/2,
    0/5/…/25 then ``most`` itself when it is not on a step (31 provinces)."""
    most = max(most, 1)
    step = next(s for s in (1, 2, 5, 10, 20, 50) if most / s <= 7)
    ticks = list(range(0, most + 1, step))
    if ticks[-1] != most:
        ticks = [*ticks[:-1], most] if most - ticks[-1] < step / 2 else [*ticks, most]
    return [float(t) for t in ticks]


NICE_STEPS = {1: 0.2, 2: 0.5, 2.5: 0.5, 5: 1, 10: 2}  # a ceiling's leading digits → its ticks' step


def nice_ceiling(value: float) -> tuple[float, float]:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above ``value``, and a round step to it
    (5: 0, 1 … 5; 2.5: 0, 0.5 … 2.5), five or six ticks."""
    magnitude = 10 ** math.floor(math.log10(value))
    m = next(m for m in NICE_STEPS if m * magnitude >= value)
    return m * magnitude, NICE_STEPS[m] * magnitude


def tile_lines(province: str, name: str) -> list[dict]:
    """A tile's name in one line, or in two when longer than a tile holds: at its space
    (Inner / Mongolia) or between the pinyin syllables of ``province`` nearest its middle,
    counted from either end (Heilong / jiang, Shaan / xi). Squeezing a whole name made it
    unreadable on a phone; a line still too long is narrowed only to the tile's width."""
    lines = [name]
    if len(name) > TILE_LABEL_CHARS and " " in name:
        lines = name.split(" ", 1)
    elif len(name) > TILE_LABEL_CHARS:
        lengths = [len(s) for s in lazy_pinyin(province)]
        cuts = {sum(lengths[:i]) for i in range(1, len(lengths))}
        cuts |= {len(name) - sum(lengths[i:]) for i in range(1, len(lengths))}
        cut = min((c for c in cuts if 0 < c < len(name)), key=lambda c: abs(2 * c - len(name)), default=0)
        lines = [name[:cut], name[cut:]] if cut else [name]
    return [{"text": line, "narrow": len(line) > TILE_LABEL_CHARS} for line in lines]


def _coord(value: float, digits: int) -> float | int:
    """A coordinate to ``digits`` decimals, written without a trailing ``.0`` (a chart has
    hundreds of them)."""
    value = round(value, digits)
    return int(value) if value == int(value) else value


def shade(value: float | None, top: float) -> int:
    """0 for none, else 1–5 by the share of ``top`` (an index into SHADES, and the
    heat cell's and map tile's ``sN`` class: the page's CSP allows no inline style)."""
    if not value or not top:
        return 0
    return min(5, 1 + int(4.999 * value / top))


def tile_map(rows: list[dict], measure: str, link: Callable[[str], str], ui: str) -> dict:
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
        name = province if ui != "en" else english_label("province", province) or province
        tiles.append(
            {
                "x": col * TILE,
                "y": row * TILE,
                "label": name,
                "lines": tile_lines(province, name),
                "shown": "–" if value is None else value if measure == "first" else rate(value),
                "shade": step,
                "url": link(province),
            }
        )
    return {"tiles": tiles, "width": 7 * TILE, "height": 8 * TILE, "size": TILE - 4}
