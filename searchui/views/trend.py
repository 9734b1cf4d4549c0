"""Trends: how a phrase spread, as a page, JSON and the long CSV."""

from __future__ import annotations

import time

from flask import jsonify, render_template, request, url_for

from searchui import chips, params, trends
from searchui.i18n import ui_language
from searchui.limits import heavy
from searchui.render import trend as render_trend
from searchui.urls import paragraph_iri, paragraph_url
from searchui.views.base import ask_page, bp, csv_response, snapshot


@bp.get("/trend")
@heavy
def trend_page():
    if not "".join(request.args.getlist("q")).replace("|", "").strip():
        return ask_page("trend")
    state = params.trend_state(request.args)
    ui = ui_language(request.args)
    started = time.perf_counter()
    trend = trends.build(snapshot(), state)
    data = render_trend.trend_json(trend, paragraph_iri, state.by_city)
    page = trends.page_data(trend, data, state, request.args, ui)
    took_ms = (time.perf_counter() - started) * 1000
    return render_template(
        "trend.html",
        q=" | ".join(state.terms),
        data=data,
        page=page,
        chips=chips.url_chips(url_for("search.trend_page"), request.args, ui),
        took_ms=took_ms,
    )


@bp.get("/api/trend")
@heavy
def api_trend():
    state = params.trend_state(request.args)
    trend = trends.build(snapshot(), state)
    return jsonify(render_trend.trend_json(trend, paragraph_url, state.by_city))


@bp.get("/trend.csv")
@heavy
def trend_csv():
    state = params.trend_state(request.args)
    return csv_response(render_trend.panel_csv(trends.build(snapshot(), state), state.by), "policy-search-trend.csv")
