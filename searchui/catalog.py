"""What the index holds, for the start page (a line of figures) and the documents page
(a place × year table: which reports exist, each cell a link; then the list)."""

from __future__ import annotations

from collections import defaultdict

from flask import url_for
from werkzeug.datastructures import MultiDict

from indexer.cities import by_short as city_by_short
from indexer.facets import facet
from indexer.places import PROVINCES

PLACE_ORDER = {p.short: k for k, p in enumerate(PROVINCES)}


def figures(documents: list[dict], built: float) -> dict:
    years = [d["year"] for d in documents if d.get("year")]
    return {
        "documents": len(documents),
        "provinces": len({d["province"] for d in documents if d.get("province") and d.get("level") != "national"}),
        "cities": len({d["city"] for d in documents if d.get("city")}),
        "first_year": min(years, default=None),
        "last_year": max(years, default=None),
        "built": built,
    }


def selection(documents: list[dict], args: MultiDict) -> tuple[list[dict], dict]:
    """The documents the page's filters choose (a province shows its cities too; a level
    narrows) and the filters as read."""
    province, level = args.get("province") or None, args.get("level") or None
    if province and (found := facet("province")) is not None:
        province = found.parse(province)
    chosen = [
        d
        for d in documents
        if (not province or d.get("province") == province) and (not level or d.get("level") == level)
    ]
    return chosen, {"province": province, "level": level}


def place_table(documents: list[dict], ui: str, by_city: bool) -> dict:
    """Rows of places (the nation and provinces; or a province and its cities), a
    column per year, each cell the reports of that place and year."""
    cells: dict[tuple, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for d in documents:
        if d.get("year"):
            key = (d.get("province") or "", d.get("city") or "") if by_city else (d.get("province") or "", "")
            cells[key][d["year"]].append(d)
    years = sorted({y for row in cells.values() for y in row})
    rows = []
    for (province, city), by_year in sorted(cells.items(), key=lambda kv: _place_order(*kv[0])):
        label = _place_label(province, city, ui)
        link = url_for("search.docs_page", province=province, ui=ui if ui == "en" else None) if province else None
        rows.append({"label": label, "url": None if by_city else link, "cells": dict(by_year)})
    return {"years": years, "rows": rows}


def _place_order(province: str, city: str) -> tuple:
    return (PLACE_ORDER.get(province, len(PLACE_ORDER)) if province != "全国" else -1, city != "", city)


def _place_label(province: str, city: str, ui: str) -> str:
    if city:
        found = city_by_short(city)
        return (found.en if ui == "en" else found.short) if found else city
    declared = facet("province")
    return declared.label(province or None, ui) if declared else province
