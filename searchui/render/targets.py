"""A ``TargetTable`` as JSON (the /api/targets contract) and as the panel CSV: renderings
only; the rows come from ``indexer.targets.select``.

The CSV is a balanced panel over the selection's places and years: a row per place and
year with ``status`` ``target`` (the report states one), ``none`` (the report states no
number for the indicator) or ``missing`` (no report of that place and year is indexed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from urllib.parse import quote

from indexer.facets import facet
from indexer.targets.select import Row, TargetTable, division_code
from searchui.render.csv import cell as csv_cell
from searchui.render.csv import csv_row

ParagraphUrl = Callable[[str, int], str]  # (doc_id, paragraph) → its link
CSV_COLUMNS = (
    "division_code",
    "place",
    "place_en",
    "level",
    "province",
    "city",
    "year",
    "indicator",
    "status",
    "value",
    "value_high",
    "modifier",
    "unit",
    "hedge",
    "outcome",
    "met",
    "doc_id",
    "paragraph",
    "outcome_doc_id",
    "outcome_paragraph",
    "text",
)


def place_name(meta: dict, ui: str = "zh") -> str:
    """A report's place as the page names it: the city, else the province (全国 for the nation)."""
    return _label("city", meta["city"], ui) if meta.get("city") else _label("province", meta.get("province"), ui)


@cache
def _label(name: str, value: str | None, ui: str) -> str:
    return facet(name).label(value, ui)  # type: ignore[union-attr]


def target_text(row: Row) -> str:
    """ "5%左右", "6.5–7%", "不低于5%", "85万人以上"."""
    t = row.target
    number = f"{_num(t.value)}–{_num(t.value_high)}" if t.value_high is not None else _num(t.value)
    pre = t.modifier if t.modifier in ("不低于", "不超过", "不高于", "超过", "力争") else ""
    post = t.modifier if not pre else ""
    return f"{pre}{number}{t.unit}{post}"


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def plain_paragraph_url(doc_id: str, paragraph: int) -> str:
    return f"/doc/{quote(doc_id)}#p{paragraph}"


def table_text(table: TargetTable) -> str:
    """One line a target: place, year, target, outcome and whether it was met."""
    lines = []
    for row in table.rows:
        outcome = "" if row.outcome is None else f"{row.outcome:g}"
        verdict = {True: "met", False: "not met", None: ""}[row.met]
        place = f"{place_name(row.meta)}"
        lines.append(
            f"{place:<8} {row.report.year}  {target_text(row):<14} {outcome:>6} {verdict:<8} {row.report.doc_id}"
        )
    lines.append(f"{len(table.rows)} targets; no target stated: {' '.join(m['doc_id'] for m in table.without_target)}")
    return "\n".join(lines)


def row_json(row: Row, link: ParagraphUrl) -> dict:
    meta, t = row.meta, row.target
    return {
        "doc_id": row.report.doc_id,
        "place": place_name(meta),
        "place_en": place_name(meta, "en"),
        "division_code": division_code(meta),
        "level": meta.get("level"),
        "province": meta.get("province"),
        "city": meta.get("city"),
        "year": row.report.year,
        "value": t.value,
        "value_high": t.value_high,
        "modifier": t.modifier,
        "unit": t.unit,
        "hedge": t.hedge,
        "text": t.text,
        "paragraph": t.paragraph,
        "url": link(row.report.doc_id, t.paragraph),
        "outcome": row.outcome,
        "outcome_doc_id": row.outcome_doc_id,
        "outcome_paragraph": row.outcome_paragraph,
        "outcome_url": link(row.outcome_doc_id, row.outcome_paragraph) if row.outcome_paragraph else None,
        "met": row.met,
    }


def table_json(table: TargetTable, link: ParagraphUrl) -> dict:
    return {
        "indicator": table.selection.indicator.key,
        "indicator_label": {"zh": table.selection.indicator.zh, "en": table.selection.indicator.en},
        "rows": [row_json(row, link) for row in table.rows],
        "without_target": [meta["doc_id"] for meta in table.without_target],
        "met_shares": table.met_shares(),
    }


def table_csv(table: TargetTable) -> Iterator[str]:
    """The balanced panel, line by line."""
    yield "\ufeff" + csv_row(CSV_COLUMNS)
    key = table.selection.indicator.key
    reports = {
        (m.get("level"), m.get("province"), m.get("city"), m.get("year")): ("none", m) for m in table.without_target
    }
    for row in table.rows:
        m = row.meta
        reports[(m.get("level"), m.get("province"), m.get("city"), m.get("year"))] = ("target", row)
    years = sorted({k[3] for k in reports if k[3]})
    places = list(dict.fromkeys(k[:3] for k in reports))
    for place in places:
        for year in range(years[0], years[-1] + 1) if years else ():
            status, found = reports.get((*place, year), ("missing", None))
            yield csv_row([csv_cell(v) for v in _csv_values(status, found, place, year, key)])


def _csv_values(status: str, found, place: tuple, year: int, key: str) -> list:
    level, province, city = place
    meta = {"level": level, "province": province, "city": city}
    values = {"status": status, "year": year, "indicator": key, "level": level, "province": province, "city": city}
    values.update(division_code=division_code(meta), place=place_name(meta), place_en=place_name(meta, "en"))
    if status == "none":
        values["doc_id"] = found["doc_id"]
    elif status == "target":
        t = found.target
        values.update(
            value=t.value, value_high=t.value_high, modifier=t.modifier, unit=t.unit, hedge=t.hedge,
            outcome=found.outcome, met=found.met, doc_id=found.report.doc_id, paragraph=t.paragraph,
            outcome_doc_id=found.outcome_doc_id, outcome_paragraph=found.outcome_paragraph, text=t.text,
        )  # fmt: skip
    return [values.get(column) for column in CSV_COLUMNS]
