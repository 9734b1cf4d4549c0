"""Search: the start page, the result page, its JSON, its CSV and the suggestions."""

from __future__ import annotations

import time

from flask import jsonify, redirect, render_template, request, url_for

from indexer.search import export_rows, search, search_reports, suggest
from searchui import catalog, present
from searchui.i18n import api_language
from searchui.render import json as render_json
from searchui.render.csv import rows_csv
from searchui.urls import paragraph_url
from searchui.views.base import bp, csv_response, snapshot


@bp.get("/")
def home():
    snap = snapshot()
    return render_template("home.html", q="", figures=catalog.figures(snap.sorted_documents(), snap.built_at))


@bp.get("/search")
def search_page():
    if target := present.years_from_form(request.args):
        return redirect(target)
    state = present.state_from_args(request.args)
    started = time.perf_counter()
    result = search_reports(snapshot(), state.request)
    took_ms = (time.perf_counter() - started) * 1000
    facets = present.facet_lists(result.summary, request.args, state.ui)
    by_name = {f["name"]: f["entries"] for f in facets}
    doc_args = {"q": state.request.q, "literal": "1" if state.request.literal else None}
    return render_template(
        "search.html",
        q=state.request.q,
        result=result,
        summary=result.summary,
        took_ms=took_ms,
        facets=facets,
        chips=present.chips(result.summary, request.args, state.ui),
        unmatched=present.unmatched_filters(result.summary, state.ui),
        clear_url=present.clear_filters_url(result.summary, request.args),
        year_range=present.year_range(result.summary, request.args),
        province_chart=present.chart(by_name["province"]),
        province_truncated=len(present.chart_values(by_name["province"])) > present.CHART_MAX_BARS,
        year_chart=present.year_chart(by_name["year"]),
        pages=present.pagination(result, request.args),
        sorts=present.sort_links(request.args, state.request.sort, state.ui),
        csv_url=url_for("search.search_csv", **request.args.to_dict(flat=False)),
        trend_url=url_for("search.trend_page", **request.args.to_dict(flat=False)),
        pinyin=present.pinyin_notes(result.summary, request.args),
        doc_args={k: v for k, v in doc_args.items() if v},
    )


@bp.get("/api/search")
def api_search():
    state = present.state_from_args(request.args)
    page = search(snapshot(), state.request)
    return jsonify(render_json.hit_page(page, paragraph_url, api_language(request.args)))


@bp.get("/api/suggest")
def api_suggest():
    q = request.args.get("q", "")
    return jsonify(render_json.suggestions(q, suggest(snapshot(), q)))


@bp.get("/search.csv")
def search_csv():
    state = present.state_from_args(request.args)
    return csv_response(rows_csv(export_rows(snapshot(), state.request), paragraph_url), "policy-search.csv")
