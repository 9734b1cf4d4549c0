"""The collocation page's parameters, read from the URL or the command line, and the
links it shows."""

from __future__ import annotations

from flask import url_for
from werkzeug.datastructures import MultiDict

from indexer.errors import QueryError
from indexer.search import Snapshot
from indexer.search.collocate_difference import difference
from indexer.search.collocates import (
    DEFAULT_SORT,
    DEFAULT_SPAN,
    SORTS,
    UNITS,
    CollocateRequest,
    collocates,
    read_min_count,
    read_span,
)
from indexer.search.prepare import SearchRequest
from searchui.render import collocates as render
from searchui.urls import with_param


def request_from(q: str, filters: dict[str, list[str]], options: dict[str, str | None]) -> CollocateRequest:
    """A request from the node, the filters and the options as written (``window`` sets
    both sides, ``left`` and ``right`` one each); QueryError for what cannot be read."""
    unit = (options.get("unit") or UNITS[0]).strip()
    if unit not in UNITS:
        raise QueryError("collocates_unit", value=unit[:40])
    window = read_span("window", options.get("window"), DEFAULT_SPAN, unit)
    return CollocateRequest(
        SearchRequest(q, filters),
        left=read_span("left", options.get("left"), window, unit),
        right=read_span("right", options.get("right"), window, unit),
        unit=unit,
        min_count=read_min_count(options.get("min")),
        sort=(options.get("sort") or DEFAULT_SORT).strip(),
        everything=options.get("all") == "1",
    )


def result_data(snap: Snapshot, request: CollocateRequest, a: str, b: str, urls: render.TermUrls) -> dict:
    """The collocates as data: of one selection, or (``a`` or ``b`` given) of two."""
    if a.strip() or b.strip():
        return render.difference(difference(snap, request, a, b), urls)
    return render.collocates(collocates(snap, request), urls)


def term_urls(term: str) -> dict[str, str]:
    """A collocate's trend and concordance."""
    return {"trend_url": url_for("search.trend_page", q=term), "kwic_url": url_for("search.kwic_page", q=term)}


def sort_links(args: MultiDict, current: str) -> list[dict]:
    path = url_for("search.collocates_page")
    return [{"name": name, "url": with_param(path, args, "sort", name), "selected": name == current} for name in SORTS]
