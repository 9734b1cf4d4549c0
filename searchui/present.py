"""From a search result (data) and the request URL to what the pages show: facet
values with labels and toggle links, filter chips, chart bars, pagination. The
result object itself is built once by ``indexer.search``; this only decorates it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from indexer.provinces import resolve
from indexer.query import QueryError, parse_filter_value
from indexer.search import DEFAULT_PER_PAGE, SearchRequest, filter_selects
from searchui.errors import BadRequest
from searchui.i18n import LANGUAGES, label, lang_label, province_label
from searchui.urls import build_url, toggle_param, with_param, without_params

SEARCH_PATH = "/search"
CHART_MAX_BARS = 12  # the facet list beside the chart shows every value


@dataclass
class PageState:
    """Everything the URL says about a search."""

    request: SearchRequest
    sort: str
    ui: str


def _int(args: MultiDict, name: str, default: int) -> int:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, not {raw[:40]!r}.") from None


def ui_language(args: MultiDict) -> str:
    ui = args.get("ui", "zh")
    return ui if ui in LANGUAGES else "zh"


def state_from_args(args: MultiDict) -> PageState:
    request = SearchRequest(
        q=args.get("q", ""),
        provinces=args.getlist("province"),
        years=args.getlist("year"),
        lang=args.get("lang") or None,
        page=_int(args, "page", 1),
        per_page=_int(args, "per_page", DEFAULT_PER_PAGE),
        literal=args.get("literal") == "1",
    )
    return PageState(request, args.get("sort", "relevance") or "relevance", ui_language(args))


def facet_values(result: dict, args: MultiDict, ui: str) -> dict[str, list[dict]]:
    """value, label, count, documents, selected, toggle_url for every facet value."""
    out = {}
    for name, values in result["facets"].items():
        entries = []
        for entry in values:
            value = entry["value"]
            if name == "province":
                text = province_label(value, ui)
            elif name == "lang":
                text = lang_label(value, ui)
            else:
                text = str(value) if value is not None else label("unknown", ui)
            if value is None:
                url = None  # "unknown" cannot be chosen as a filter
            elif entry["selected"]:
                url = _unselect_url(args, name, value)
            elif name == "lang":
                url = with_param(SEARCH_PATH, args, "lang", value)
            else:
                url = toggle_param(SEARCH_PATH, args, name, value)
            entries.append({**entry, "label": text, "toggle_url": url})
        out[name] = entries
    return out


def _selects(name: str, written: str, value) -> bool:
    """Does a filter value as written (sichuan, 2018-2020) select this facet value?"""
    try:
        return filter_selects(name, parse_filter_value(name, written), value)
    except QueryError:
        return False


# A phrase (left as it is) or a filter typed in the query, also just inside a parenthesis.
_TYPED_FILTER = re.compile(r'"[^"]*"?|(?<![^\s(])(province|year|lang):([^\s()"]+)', re.IGNORECASE)


def _unselect_url(args: MultiDict, name: str, value) -> str:
    """The URL without whatever selects ``value``: URL parameters in any spelling,
    and ``name:…`` filters typed in the query (outside quoted phrases)."""
    new = MultiDict(args)
    kept = [v for v in new.poplist(name) if not _selects(name, v, value)]
    for v in kept:
        new.add(name, v)

    def drop(match: re.Match[str]) -> str:
        field, written = match.group(1), match.group(2)
        return "" if field and field.lower() == name and _selects(name, written, value) else match.group(0)

    new["q"] = re.sub(r"\s{2,}", " ", _TYPED_FILTER.sub(drop, new.get("q", ""))).strip()
    new.poplist("page")
    return build_url(SEARCH_PATH, new)


def chips(args: MultiDict, ui: str) -> list[dict]:
    """The filters chosen in the URL, each with a link that removes it."""
    out = []
    for name in ("province", "year", "lang"):
        for value in args.getlist(name):
            if not value:
                continue
            if name == "province":
                short = _province_short(value)
                text = province_label(short, ui) if short else value
            elif name == "lang":
                text = lang_label(value, ui)
            else:
                text = value
            out.append(
                {"label": f"{label(name, ui)}: {text}", "remove_url": toggle_param(SEARCH_PATH, args, name, value)}
            )
    return out


def _province_short(value: str) -> str | None:
    province = resolve(value)
    return province.short if province else None


def clear_filters_url(args: MultiDict) -> str:
    return without_params(SEARCH_PATH, args, "province", "year", "lang")


def chart(values: list[dict], by_value: bool = False) -> list[dict]:
    """Bars for a facet: label, count, share of the largest (0–1), link."""
    bars = [v for v in values if v["value"] is not None][:CHART_MAX_BARS]
    if by_value:
        bars = sorted(bars, key=lambda v: v["value"])
    top = max((v["count"] for v in bars), default=1)
    return [{"label": v["label"], "count": v["count"], "share": v["count"] / top, "url": v["toggle_url"]} for v in bars]


def pagination(result: dict, args: MultiDict) -> dict:
    page, pages = result["page"], result["pages"]
    return {
        "page": page,
        "pages": pages,
        "prev_url": with_param(SEARCH_PATH, args, "page", page - 1) if page > 1 else None,
        "next_url": with_param(SEARCH_PATH, args, "page", page + 1) if page < pages else None,
        "first_url": with_param(SEARCH_PATH, args, "page", None),
    }


def sort_links(args: MultiDict, current: str, ui: str) -> list[dict]:
    return [
        {"label": label(f"sort_{s}", ui), "url": with_param(SEARCH_PATH, args, "sort", s), "selected": s == current}
        for s in ("relevance", "year")
    ]


def pinyin_notes(result: dict, args: MultiDict) -> list[dict]:
    """For each stretch of Latin words read as pinyin (or that could have been): what
    was searched, links to the other readings, and a link to search as typed."""
    notes = []
    for reading in result["pinyin"]:
        alternatives = [{"text": a, "url": _query_with(args, reading["typed"], a)} for a in reading["alternatives"]]
        literal_url = with_param(SEARCH_PATH, args, "literal", "1")
        notes.append({**reading, "alternatives": alternatives, "literal_url": literal_url})
    return notes


def _query_with(args: MultiDict, typed: str, replacement: str) -> str:
    """The search URL with the words ``typed`` in q replaced by ``replacement``."""
    pattern = re.compile(r"(?<!\S)" + r"\s+".join(map(re.escape, typed.split())) + r"(?!\S)")
    return with_param(SEARCH_PATH, args, "q", pattern.sub(lambda _: replacement, args.get("q", ""), count=1))


def language_switch_url(path: str, args: MultiDict, ui: str) -> str:
    new = MultiDict(args)
    new.poplist("ui")
    if ui == "zh":
        new.add("ui", "en")
    return build_url(path, new)
