"""From a result (data) and the request URL to what the search page shows: facet
lists with labels and toggle links, filter chips, chart bars, pagination, sort
links, pinyin notes. The URL holds the whole state; every link is the current URL
with one change (``urls``). Which filter values are chosen, and where (a URL
parameter or a filter typed in the query), comes from the result's selections —
nothing is parsed again here."""

from __future__ import annotations

import re

from flask import url_for
from werkzeug.datastructures import MultiDict

from indexer.facets import FACETS, facet
from indexer.search import Summary
from indexer.search.prepare import SORTS
from searchui.chips import value_label, without_selections
from searchui.i18n import label
from searchui.urls import build_url, toggle_param, with_param

CHART_MAX_BARS = 12  # the facet list beside the chart shows every value
FACET_VISIBLE = 10  # values a facet list shows before "more"


def search_url(args: MultiDict) -> str:
    return build_url(url_for("search.search_page"), args)


def facet_lists(summary: Summary, args: MultiDict, ui: str) -> list[dict]:
    """Each facet with its values: value, label, count, documents, selected, toggle_url."""
    path = url_for("search.search_page")
    lists = []
    for declared in FACETS:
        entries = []
        for v in summary.facets.get(declared.name, []):
            if v.value is None:
                url = None  # "unknown" cannot be chosen as a filter
            elif v.selected:
                url = search_url(without_selections(args, [summary.selections[i] for i in v.selected_by]))
            elif declared.multiple:
                url = toggle_param(path, args, declared.name, declared.write(v.value))
            else:
                url = with_param(path, args, declared.name, declared.write(v.value))
            entries.append(
                {
                    "value": v.value,
                    "label": value_label(declared, v.value, ui),
                    "count": v.count,
                    "documents": v.documents,
                    "selected": v.selected,
                    "toggle_url": url,
                    "parts": _parts(declared.breakdown, v.breakdown, ui),
                }
            )
        shown = max(FACET_VISIBLE, *(k + 1 for k, e in enumerate(entries) if e["selected"]), 0)
        lists.append({"name": declared.name, "title": declared.title(ui), "entries": entries, "shown": shown})
    return lists


def _parts(name: str | None, counts: dict, ui: str) -> str:
    """ "省级 1 · 地市级 4": a value's reports by another facet, when there is more than one kind
    (each name held to its number by a no-break space, so a narrow facet never parts them)."""
    other = facet(name) if name else None
    if other is None or len(counts) < 2:
        return ""
    order = other.order if isinstance(other.order, tuple) else tuple(counts)
    return " · ".join(f"{other.label(v, ui)}\u00a0{counts[v]}" for v in order if v in counts)


def year_range(summary: Summary, args: MultiDict) -> dict:
    """The from–to form of the year facet: the years there are, what is chosen, and the
    other parameters to keep."""
    years = [v.value for v in summary.facets.get("year", []) if v.value is not None and v.count]
    chosen = [s.value for s in summary.selections if s.facet == "year"]
    keep = [(k, v) for k, v in args.items(multi=True) if k not in ("year", "page", "year_from", "year_to")]
    lo, hi = (min(c[0] for c in chosen), max(c[1] for c in chosen)) if chosen else (None, None)
    return {"min": min(years, default=None), "max": max(years, default=None), "from": lo, "to": hi, "keep": keep}


def years_from_form(args: MultiDict) -> str | None:
    """The search URL with year=from-to, when the year form was sent (year_from, year_to)."""
    if "year_from" not in args and "year_to" not in args:
        return None
    new = MultiDict(args)
    lo, hi = (new.pop(k, "").strip() for k in ("year_from", "year_to"))
    new.poplist("year")
    new.poplist("page")
    if lo or hi:
        new.add("year", f"{lo or hi}-{hi or lo}")
    return search_url(new)


def chart(values: list[dict]) -> list[dict]:
    """Bars for the values of a facet with the most matches: label, count, share of the largest (0–1), link."""
    return _bars(chart_values(values)[:CHART_MAX_BARS])


def chart_values(values: list[dict]) -> list[dict]:
    """The values a chart has a bar for: those with matches and a value."""
    return [v for v in values if v["value"] is not None and v["count"]]


def year_chart(values: list[dict]) -> list[dict]:
    """A bar for every year from the first to the last with matches (an empty one between)."""
    by_year = {v["value"]: v for v in chart_values(values)}
    if not by_year:
        return []
    empty = {"count": 0, "toggle_url": None}
    span = range(min(by_year), max(by_year) + 1)
    return _bars([by_year.get(y, {**empty, "label": str(y)}) for y in span])


def _bars(values: list[dict]) -> list[dict]:
    top = max((v["count"] for v in values), default=1) or 1
    return [
        {"label": v["label"], "count": v["count"], "share": v["count"] / top, "url": v["toggle_url"]} for v in values
    ]


def pagination(path: str, page: int, pages: int, args: MultiDict) -> dict:
    """Previous / next links of a paged view (search results, concordance lines)."""
    return {
        "page": page,
        "pages": pages,
        "prev_url": with_param(path, args, "page", page - 1) if page > 1 else None,
        "next_url": with_param(path, args, "page", page + 1) if page < pages else None,
        "first_url": with_param(path, args, "page", None),
    }


def sort_links(args: MultiDict, current: str, ui: str) -> list[dict]:
    path = url_for("search.search_page")
    return [
        {"label": label(f"sort_{s}", ui), "url": with_param(path, args, "sort", s), "selected": s == current}
        for s in SORTS
    ]


def pinyin_notes(summary: Summary, args: MultiDict) -> list[dict]:
    """For each stretch of Latin words read as pinyin (or that could have been): what
    was searched, links to the other readings, and a link to search as typed."""
    path = url_for("search.search_page")
    notes = []
    for reading in summary.readings:
        alternatives = [{"text": a, "url": query_with(args, reading.typed, a)} for a in reading.alternatives]
        literal_url = with_param(path, args, "literal", "1")
        notes.append({**reading.as_dict(), "alternatives": alternatives, "literal_url": literal_url})
    return notes


def query_with(args: MultiDict, typed: str, replacement: str) -> str:
    """The search URL with the words ``typed`` in q replaced by ``replacement``."""
    pattern = re.compile(r"(?<!\S)" + r"\s+".join(map(re.escape, typed.split())) + r"(?!\S)")
    q = pattern.sub(lambda _: replacement, args.get("q", ""), count=1)
    return with_param(url_for("search.search_page"), args, "q", q)


def language_switch_url(path: str, args: MultiDict, ui: str) -> str:
    new = MultiDict(args)
    new.poplist("ui")
    if ui == "zh":
        new.add("ui", "en")
    return build_url(path, new)
