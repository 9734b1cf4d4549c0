"""The concordance (KWIC): a page of lines, their JSON and the streamed CSV."""

from __future__ import annotations

from flask import jsonify, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from indexer.search.kwic import (
    KWIC_SORTS,
    MAX_WIDTH,
    concordance,
    sorted_lines,
)
from indexer.search.results import MAX_EXPORT_ROWS
from searchui import chips, params, present
from searchui.i18n import api_language, ui_language
from searchui.limits import heavy
from searchui.render import csv as render_csv
from searchui.render import json as render_json
from searchui.urls import build_url, paragraph_url
from searchui.views.base import ask_page, bp, csv_response, snapshot


def sort_options(path: str, args: MultiDict) -> dict:
    """The form of sorts and width: the URL's other parameters kept as hidden fields."""
    keep = [(k, v) for k, v in args.items(multi=True) if k not in ("sort", "sort2", "width", "page")]
    return {"action": path, "keep": keep, "sorts": KWIC_SORTS, "max_width": MAX_WIDTH}


def doc_q_url(doc_id: str, paragraph: int) -> str:
    """The paragraph's link with the query marked on it (/doc/<id>?q=…#p<n>)."""
    return paragraph_url(doc_id, paragraph, request.args.get("q"))


@bp.get("/kwic")
@heavy
def kwic_page():
    if not request.args.get("q", "").strip():
        return ask_page("kwic")
    kwic = params.kwic_request(request.args)
    result = concordance(snapshot(), kwic)
    path = url_for("search.kwic_page")
    ui = ui_language(request.args)
    return render_template(
        "kwic.html",
        q=kwic.search.q,
        result=result,
        options=sort_options(path, request.args),
        pages=present.pagination(path, result.page, result.pages, request.args),
        chips=chips.url_chips(path, request.args, ui),
        csv_url=url_for("search.kwic_csv", **request.args.to_dict(flat=False)),
        search_url=url_for("search.search_page", **request.args.to_dict(flat=False)),
        trend_url=build_url(url_for("search.trend_page"), chips.filters_only(request.args)),
        collocates_url=build_url(url_for("search.collocates_page"), chips.filters_only(request.args)),
        doc_args={"q": kwic.search.q},
    )


@bp.get("/api/kwic")
@heavy
def api_kwic():
    result = concordance(snapshot(), params.kwic_request(request.args))
    return jsonify(render_json.kwic_page(result, doc_q_url, api_language(request.args)))


@bp.get("/kwic.csv")
@heavy
def kwic_csv():
    # made before the answer starts, within the request's budget (a 503 past it): streamed,
    # they were read after the deadline, and 10,000 of them took seconds on a busy server
    lines = list(sorted_lines(snapshot(), params.kwic_request(request.args), MAX_EXPORT_ROWS))
    return csv_response("".join(render_csv.kwic_csv(lines, doc_q_url)), "policy-search-kwic.csv")
